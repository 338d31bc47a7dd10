//! Admin pages of entries: the editor, preview, list, revisions and trash.

use super::*;

/// The editor form as browsers send it (unchecked boxes are simply absent).
#[derive(Deserialize)]
pub(super) struct EntryFormFields {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    more: String,
    #[serde(default)]
    excerpt: String,
    #[serde(default)]
    text_format: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    basename: String,
    #[serde(default)]
    categories: String,
    #[serde(default)]
    tags: String,
    allow_comments: Option<String>,
    allow_pings: Option<String>,
    #[serde(default)]
    trackback_urls: String,
}

impl EntryFormFields {
    fn into_draft(self) -> (String, EntryDraft) {
        let draft = EntryDraft {
            title: self.title,
            body: self.body,
            more: self.more,
            excerpt: self.excerpt,
            text_format: self.text_format,
            status: self.status,
            date: self.date,
            basename: self.basename,
            categories: self.categories,
            tags: self.tags,
            allow_comments: self.allow_comments.is_some(),
            allow_pings: self.allow_pings.is_some(),
            trackback_urls: self.trackback_urls,
        };
        (self.csrf, draft)
    }
}

#[derive(Deserialize, Default)]
pub(super) struct SavedQuery {
    #[serde(default)]
    saved: Option<String>,
}

/// Files shown in the editor's media panel.
const EDITOR_MEDIA: i64 = 12;

#[allow(clippy::too_many_arguments)]
pub(super) async fn entry_form_page(
    s: &AppState,
    status: StatusCode,
    who: &SignedIn,
    blog: &tsuzuri_app::admin::MemberBlogRow,
    entry_id: Option<i64>,
    draft: &EntryDraft,
    errors: &[(String, String)],
    notice: Option<String>,
    public_url: Option<String>,
) -> Response {
    let action = match entry_id {
        Some(id) => format!("/admin/{}/entries/{id}/edit", blog.slug),
        None => format!("/admin/{}/entries/new", blog.slug),
    };
    let errors: serde_json::Map<String, serde_json::Value> = errors
        .iter()
        .map(|(f, m)| (f.clone(), json!(crate::ui::say(m))))
        .collect();
    let media: Vec<_> = match s.app.recent_media(blog, EDITOR_MEDIA).await {
        Ok(rows) => rows
            .iter()
            .map(|m| super::media::media_json(&blog.slug, m))
            .collect(),
        Err(e) => return HttpError(e).into_response(),
    };
    let pings = match entry_id {
        Some(id) => match s
            .app
            .entry_outbound_pings(tsuzuri_core::BlogId(blog.id), id)
            .await
        {
            Ok(rows) => rows,
            Err(e) => return HttpError(e).into_response(),
        },
        None => Vec::new(),
    };
    let pings: Vec<_> = pings
        .iter()
        .map(|p| {
            json!({
                "target": p.target, "protocol": p.protocol, "endpoint": p.endpoint,
                "status": p.status, "message": p.message, "attempts": p.attempts,
                "updated": tsuzuri_app::App::saved_at(blog, p.updated_at),
            })
        })
        .collect();
    page(
        s,
        status,
        "admin/entry_form.html",
        json!({
            "user": user_json(who), "csrf": who.csrf_token, "notice": notice,
            "blog": { "slug": blog.slug, "title": blog.title, "timezone": blog.timezone },
            "entry_id": entry_id, "action": action, "draft": draft, "errors": errors,
            "public_url": public_url, "media": media, "pings": pings,
        }),
    )
}

pub(super) async fn new_entry_form(
    State(s): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
) -> Response {
    let who = match signed_in(&s, &headers, &format!("/admin/{slug}/entries/new")).await {
        Ok(w) => w,
        Err(r) => return r,
    };
    match s.app.blog_overview(&who, &slug).await {
        Ok(o) => {
            entry_form_page(
                &s,
                StatusCode::OK,
                &who,
                &o.blog,
                None,
                &EntryDraft::blank(),
                &[],
                None,
                None,
            )
            .await
        }
        Err(e) => HttpError(e).into_response(),
    }
}

pub(super) async fn edit_entry_form(
    State(s): State<AppState>,
    headers: HeaderMap,
    Path((slug, id)): Path<(String, i64)>,
    Query(q): Query<SavedQuery>,
) -> Response {
    let who = match signed_in(&s, &headers, &format!("/admin/{slug}/entries/{id}/edit")).await {
        Ok(w) => w,
        Err(r) => return r,
    };
    let (o, draft) = match (
        s.app.blog_overview(&who, &slug).await,
        s.app.entry_draft(&who, &slug, id).await,
    ) {
        (Ok(o), Ok(d)) => (o, d),
        (Err(e), _) | (_, Err(e)) => return HttpError(e).into_response(),
    };
    let notice = q.saved.map(|_| crate::ui::tr("entry-form-saved"));
    let origins = crate::origin::origins_of(&s, &headers);
    let public_url = s
        .app
        .public_url_of(&origins, &o.blog, id)
        .await
        .ok()
        .flatten();
    entry_form_page(
        &s,
        StatusCode::OK,
        &who,
        &o.blog,
        Some(id),
        &draft,
        &[],
        notice,
        public_url,
    )
    .await
}

pub(super) async fn create_entry(
    State(s): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
    Form(f): Form<EntryFormFields>,
) -> Response {
    save(s, headers, slug, None, f).await
}

pub(super) async fn update_entry(
    State(s): State<AppState>,
    headers: HeaderMap,
    Path((slug, id)): Path<(String, i64)>,
    Form(f): Form<EntryFormFields>,
) -> Response {
    save(s, headers, slug, Some(id), f).await
}

pub(super) async fn save(
    s: AppState,
    headers: HeaderMap,
    slug: String,
    id: Option<i64>,
    f: EntryFormFields,
) -> Response {
    let (csrf, draft) = f.into_draft();
    let who = match signed_in_for_post(&s, &headers, &format!("/admin/{slug}/"), &csrf).await {
        Ok(w) => w,
        Err(r) => return r,
    };
    let origins = crate::origin::origins_of(&s, &headers);
    match s.app.save_entry(&who, &origins, &slug, id, &draft).await {
        Ok(saved) => Redirect::to(&format!("/admin/{slug}/entries/{}/edit?saved=1", saved.id))
            .into_response(),
        Err(Error::InvalidForm(errors)) => match s.app.blog_overview(&who, &slug).await {
            Ok(o) => {
                entry_form_page(
                    &s,
                    StatusCode::BAD_REQUEST,
                    &who,
                    &o.blog,
                    id,
                    &draft,
                    &errors,
                    None,
                    None,
                )
                .await
            }
            Err(e) => HttpError(e).into_response(),
        },
        Err(e) => HttpError(e).into_response(),
    }
}

pub(super) async fn revisions_page(
    State(s): State<AppState>,
    headers: HeaderMap,
    Path((slug, id)): Path<(String, i64)>,
) -> Response {
    let who = match signed_in(
        &s,
        &headers,
        &format!("/admin/{slug}/entries/{id}/revisions"),
    )
    .await
    {
        Ok(w) => w,
        Err(r) => return r,
    };
    let (o, revisions) = match (
        s.app.blog_overview(&who, &slug).await,
        s.app.revisions(&who, &slug, id).await,
    ) {
        (Ok(o), Ok(r)) => (o, r),
        (Err(e), _) | (_, Err(e)) => return HttpError(e).into_response(),
    };
    page(
        &s,
        StatusCode::OK,
        "admin/revisions.html",
        json!({ "user": user_json(&who), "csrf": who.csrf_token, "notice": null,
                "blog": { "slug": o.blog.slug, "title": o.blog.title }, "entry_id": id, "revisions": revisions }),
    )
}

pub(super) async fn revision_page(
    State(s): State<AppState>,
    headers: HeaderMap,
    Path((slug, id, rev)): Path<(String, i64, i64)>,
) -> Response {
    let who = match signed_in(
        &s,
        &headers,
        &format!("/admin/{slug}/entries/{id}/revisions/{rev}"),
    )
    .await
    {
        Ok(w) => w,
        Err(r) => return r,
    };
    let (o, cmp) = match (
        s.app.blog_overview(&who, &slug).await,
        s.app.compare_revision(&who, &slug, id, rev).await,
    ) {
        (Ok(o), Ok(c)) => (o, c),
        (Err(e), _) | (_, Err(e)) => return HttpError(e).into_response(),
    };
    page(
        &s,
        StatusCode::OK,
        "admin/revision.html",
        json!({ "user": user_json(&who), "csrf": who.csrf_token, "notice": null,
                "blog": { "slug": o.blog.slug, "title": o.blog.title }, "entry_id": id, "cmp": cmp }),
    )
}

pub(super) async fn restore_revision(
    State(s): State<AppState>,
    headers: HeaderMap,
    Path((slug, id, rev)): Path<(String, i64, i64)>,
    Form(f): Form<CsrfForm>,
) -> Response {
    let back = format!("/admin/{slug}/entries/{id}/revisions/{rev}");
    let who = match signed_in_for_post(&s, &headers, &back, &f.csrf).await {
        Ok(w) => w,
        Err(r) => return r,
    };
    let origins = crate::origin::origins_of(&s, &headers);
    match s.app.restore_revision(&who, &origins, &slug, id, rev).await {
        Ok(saved) => Redirect::to(&format!("/admin/{slug}/entries/{}/edit?saved=1", saved.id))
            .into_response(),
        Err(e) => HttpError(e).into_response(),
    }
}

pub(super) async fn trash_page(
    State(s): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
) -> Response {
    let who = match signed_in(&s, &headers, &format!("/admin/{slug}/trash")).await {
        Ok(w) => w,
        Err(r) => return r,
    };
    let (o, entries) = match (
        s.app.blog_overview(&who, &slug).await,
        s.app.trash(&who, &slug).await,
    ) {
        (Ok(o), Ok(t)) => (o, t),
        (Err(e), _) | (_, Err(e)) => return HttpError(e).into_response(),
    };
    page(
        &s,
        StatusCode::OK,
        "admin/trash.html",
        json!({ "user": user_json(&who), "csrf": who.csrf_token, "notice": null,
                "blog": { "slug": o.blog.slug, "title": o.blog.title }, "entries": entries }),
    )
}

/// POST actions on one entry that need only the form token: trash and restore.
pub(super) async fn entry_action(
    s: AppState,
    headers: HeaderMap,
    slug: String,
    id: i64,
    csrf: String,
    restore: bool,
) -> Response {
    let who = match signed_in_for_post(&s, &headers, &format!("/admin/{slug}/"), &csrf).await {
        Ok(w) => w,
        Err(r) => return r,
    };
    let origins = crate::origin::origins_of(&s, &headers);
    let result = if restore {
        s.app.restore_entry(&who, &origins, &slug, id).await
    } else {
        s.app.trash_entry(&who, &origins, &slug, id).await
    };
    match result {
        Ok(()) if restore => {
            Redirect::to(&format!("/admin/{slug}/entries/{id}/edit")).into_response()
        }
        Ok(()) => Redirect::to(&format!("/admin/{slug}/trash")).into_response(),
        Err(e) => HttpError(e).into_response(),
    }
}

pub(super) async fn trash_entry(
    State(s): State<AppState>,
    headers: HeaderMap,
    Path((slug, id)): Path<(String, i64)>,
    Form(f): Form<CsrfForm>,
) -> Response {
    entry_action(s, headers, slug, id, f.csrf, false).await
}

pub(super) async fn restore_entry(
    State(s): State<AppState>,
    headers: HeaderMap,
    Path((slug, id)): Path<(String, i64)>,
    Form(f): Form<CsrfForm>,
) -> Response {
    entry_action(s, headers, slug, id, f.csrf, true).await
}

/// The editor's preview: the unsaved form, kept for a while and shown with the blog's own
/// theme at an address on the blog's origin.
pub(super) async fn preview_entry(
    State(s): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
    Form(f): Form<EntryFormFields>,
) -> Response {
    let (csrf, draft) = f.into_draft();
    let who = match signed_in_for_post(&s, &headers, &format!("/admin/{slug}/entries/new"), &csrf)
        .await
    {
        Ok(w) => w,
        Err(r) => return r,
    };
    let origins = crate::origin::origins_of(&s, &headers);
    // Shown on the blog's origin: an owner's template never runs beside the admin.
    match s.app.preview_entry(&who, &slug, &origins, &draft).await {
        Ok(url) => Redirect::to(&url).into_response(),
        Err(e) => HttpError(e).into_response(),
    }
}

#[derive(Deserialize, Default)]
pub(super) struct ListQuery {
    #[serde(default)]
    status: String,
    #[serde(default)]
    q: String,
    #[serde(default)]
    category: String,
    #[serde(default)]
    page: Option<i64>,
}

pub(super) async fn entries_page(
    State(s): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
    Query(q): Query<ListQuery>,
) -> Response {
    let who = match signed_in(&s, &headers, &format!("/admin/{slug}/entries")).await {
        Ok(w) => w,
        Err(r) => return r,
    };
    let origins = crate::origin::origins_of(&s, &headers);
    let list = match s
        .app
        .entry_list(
            &who,
            &slug,
            &q.status,
            &q.category,
            &q.q,
            q.page.unwrap_or(1),
        )
        .await
    {
        Ok(l) => l,
        Err(e) => return HttpError(e).into_response(),
    };
    let entries: Vec<_> = list
        .entries
        .iter()
        .map(|e| {
            let public = e.status == "publish" && e.authored_on <= list.now;
            json!({
                "id": e.id,
                "title": e.title,
                "status": e.status,
                "public_url": public.then(|| format!("{}{}", origins.blog_url(&list.blog.slug), tsuzuri_app::site::encode_path(&e.path))),
                "date_display": tsuzuri_render::dates::format_datetime(e.authored_on, &list.settings),
                "date_iso": tsuzuri_render::dates::iso(e.authored_on, &list.settings.timezone),
            })
        })
        .collect();
    page(
        &s,
        StatusCode::OK,
        "admin/entries.html",
        json!({ "user": user_json(&who), "csrf": who.csrf_token, "notice": null,
                "blog": { "slug": list.blog.slug, "title": list.blog.title },
                "entries": entries, "total": list.total, "page": list.page, "pages": list.pages,
                "status": q.status, "q": q.q, "category": q.category,
                "categories": list.categories.iter().map(|c| json!({
                    "path": c.path, "label": c.label,
                    "depth": c.path.matches('/').count(),
                })).collect::<Vec<_>>() }),
    )
}
