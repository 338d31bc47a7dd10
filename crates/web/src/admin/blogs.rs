//! Admin pages of blogs: the dashboard, one blog's overview, settings, new blogs.

use super::*;

pub(super) async fn dashboard(State(s): State<AppState>, headers: HeaderMap) -> Response {
    let who = match signed_in(&s, &headers, "/admin/").await {
        Ok(w) => w,
        Err(r) => return r,
    };
    let origins = crate::origin::origins_of(&s, &headers);
    match s.app.my_blogs(&who).await {
        Ok(blogs) => {
            let mut rows = Vec::with_capacity(blogs.len());
            for b in &blogs {
                let waiting = match s.app.awaiting_moderation(&who, b).await {
                    Ok(n) => n,
                    Err(e) => return HttpError(e).into_response(),
                };
                rows.push(
                    json!({ "slug": b.slug, "title": b.title, "role": b.role, "lang": b.lang, "url": origins.blog_url(&b.slug),
                                  "timezone": b.timezone, "waiting": waiting }),
                );
            }
            let blogs = rows;
            page(
                &s,
                StatusCode::OK,
                "admin/dashboard.html",
                json!({ "user": user_json(&who), "csrf": who.csrf_token, "blogs": blogs, "notice": null }),
            )
        }
        Err(e) => HttpError(e).into_response(),
    }
}

pub(super) async fn blog_dashboard(
    State(s): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
) -> Response {
    let who = match signed_in(&s, &headers, &format!("/admin/{slug}/")).await {
        Ok(w) => w,
        Err(r) => return r,
    };
    let o = match s.app.blog_overview(&who, &slug).await {
        Ok(o) => o,
        Err(e) => return HttpError(e).into_response(),
    };
    let blog = &o.blog;
    let origins = crate::origin::origins_of(&s, &headers);
    let entries: Vec<_> = o
        .recent
        .iter()
        .map(|e| {
            let public = e.status == "publish" && e.authored_on <= o.now;
            json!({
                "id": e.id,
                "title": e.title,
                "status": e.status,
                "public_url": public.then(|| format!("{}{}", origins.blog_url(&blog.slug), tsuzuri_app::site::encode_path(&e.path))),
                "date_display": tsuzuri_render::dates::format_datetime(e.authored_on, &o.settings),
                "date_iso": tsuzuri_render::dates::iso(e.authored_on, &o.settings.timezone),
            })
        })
        .collect();
    let counts: Vec<_> = o
        .counts
        .iter()
        .map(|c| json!({ "status": c.status, "count": c.entries }))
        .collect();
    page(
        &s,
        StatusCode::OK,
        "admin/blog.html",
        json!({ "user": user_json(&who), "csrf": who.csrf_token, "blog": { "slug": blog.slug, "title": blog.title, "url": origins.blog_url(&blog.slug) }, "role": blog.role, "entries": entries, "counts": counts, "notice": null,
                "pending_comments": o.pending_comments, "pending_pings": o.pending_pings }),
    )
}

pub(super) async fn settings_page(
    State(s): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
) -> Response {
    let who = match signed_in(&s, &headers, &format!("/admin/{slug}/settings")).await {
        Ok(w) => w,
        Err(r) => return r,
    };
    let (o, form) = match (
        s.app.blog_overview(&who, &slug).await,
        s.app.blog_settings(&who, &slug).await,
    ) {
        (Ok(o), Ok(f)) => (o, f),
        (Err(e), _) | (_, Err(e)) => return HttpError(e).into_response(),
    };
    settings_form(&s, StatusCode::OK, &who, &o.blog, &form, &[], None)
}

pub(super) fn settings_form(
    s: &AppState,
    status: StatusCode,
    who: &SignedIn,
    blog: &tsuzuri_app::admin::MemberBlogRow,
    form: &BlogSettingsForm,
    errors: &[(String, String)],
    notice: Option<&str>,
) -> Response {
    let errors: serde_json::Map<String, serde_json::Value> = errors
        .iter()
        .map(|(f, m)| (f.clone(), json!(crate::ui::say(m))))
        .collect();
    page(
        s,
        status,
        "admin/settings.html",
        json!({ "user": user_json(who), "csrf": who.csrf_token, "notice": notice,
                "blog": { "slug": blog.slug, "title": blog.title }, "form": form, "errors": errors,
                "themes": labelled(tsuzuri_render::THEMES, theme_label),
                "comment_policies": labelled(tsuzuri_app::blogs::COMMENT_POLICIES, comment_policy_label),
                "ping_policies": labelled(tsuzuri_app::blogs::PING_POLICIES, ping_policy_label) }),
    )
}

/// A list of (value, label) choices with the labels in the reader's language.
fn labelled(
    choices: &[(&'static str, &'static str)],
    label: fn(&str) -> Option<String>,
) -> Vec<(&'static str, String)> {
    choices
        .iter()
        .map(|(value, english)| {
            (
                *value,
                label(value).unwrap_or_else(|| (*english).to_owned()),
            )
        })
        .collect()
}

fn theme_label(name: &str) -> Option<String> {
    match name {
        "classic" => Some(crate::ui::tr("blog-theme-classic")),
        "minimal" => Some(crate::ui::tr("blog-theme-minimal")),
        _ => None,
    }
}

fn comment_policy_label(policy: &str) -> Option<String> {
    match policy {
        "open" => Some(crate::ui::tr("blog-comments-open")),
        "moderated" => Some(crate::ui::tr("blog-comments-moderated")),
        "signed_in" => Some(crate::ui::tr("blog-comments-signed-in")),
        "closed" => Some(crate::ui::tr("blog-comments-closed")),
        _ => None,
    }
}

fn ping_policy_label(policy: &str) -> Option<String> {
    match policy {
        "verify" => Some(crate::ui::tr("blog-pings-verify")),
        "moderated" => Some(crate::ui::tr("blog-pings-moderated")),
        "open" => Some(crate::ui::tr("blog-pings-open")),
        "closed" => Some(crate::ui::tr("blog-pings-closed")),
        _ => None,
    }
}

#[derive(Deserialize)]
pub(super) struct SettingsFields {
    #[serde(default)]
    csrf: String,
    #[serde(flatten)]
    form: BlogSettingsForm,
}

pub(super) async fn save_settings(
    State(s): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
    Form(f): Form<SettingsFields>,
) -> Response {
    let who =
        match signed_in_for_post(&s, &headers, &format!("/admin/{slug}/settings"), &f.csrf).await {
            Ok(w) => w,
            Err(r) => return r,
        };
    let result = s.app.save_blog_settings(&who, &slug, &f.form).await;
    let o = match s.app.blog_overview(&who, &slug).await {
        Ok(o) => o,
        Err(e) => return HttpError(e).into_response(),
    };
    match result {
        Ok(()) => settings_form(
            &s,
            StatusCode::OK,
            &who,
            &o.blog,
            &f.form,
            &[],
            Some(&crate::ui::tr("blog-settings-saved")),
        ),
        Err(Error::InvalidForm(errors)) => settings_form(
            &s,
            StatusCode::BAD_REQUEST,
            &who,
            &o.blog,
            &f.form,
            &errors,
            None,
        ),
        Err(e) => HttpError(e).into_response(),
    }
}

pub(super) fn new_blog_page(
    s: &AppState,
    status: StatusCode,
    who: &SignedIn,
    form: &NewBlogForm,
    errors: &[(String, String)],
) -> Response {
    let errors: serde_json::Map<String, serde_json::Value> = errors
        .iter()
        .map(|(f, m)| (f.clone(), json!(crate::ui::say(m))))
        .collect();
    page(
        s,
        status,
        "admin/new_blog.html",
        json!({ "user": user_json(who), "csrf": who.csrf_token, "notice": null, "form": form, "errors": errors }),
    )
}

pub(super) async fn new_blog_form(State(s): State<AppState>, headers: HeaderMap) -> Response {
    let who = match signed_in(&s, &headers, "/admin/blogs/new").await {
        Ok(w) => w,
        Err(r) => return r,
    };
    let form = NewBlogForm {
        lang: "ja".into(),
        timezone: "Asia/Tokyo".into(),
        ..Default::default()
    };
    new_blog_page(&s, StatusCode::OK, &who, &form, &[])
}

#[derive(Deserialize)]
pub(super) struct NewBlogFields {
    #[serde(default)]
    csrf: String,
    #[serde(flatten)]
    form: NewBlogForm,
}

pub(super) async fn create_blog(
    State(s): State<AppState>,
    headers: HeaderMap,
    Form(f): Form<NewBlogFields>,
) -> Response {
    let who = match signed_in_for_post(&s, &headers, "/admin/blogs/new", &f.csrf).await {
        Ok(w) => w,
        Err(r) => return r,
    };
    match s.app.create_own_blog(&who, &f.form).await {
        Ok(blog) => Redirect::to(&format!("/admin/{}/", blog.slug)).into_response(),
        Err(Error::InvalidForm(errors)) => {
            new_blog_page(&s, StatusCode::BAD_REQUEST, &who, &f.form, &errors)
        }
        Err(e) => HttpError(e).into_response(),
    }
}
