//! Admin pages of entries: the editor, preview, list, revisions and trash.

use super::session::{FormToken, Posted, RequestOrigins, Session};
use super::views::{BlogView, EntryLine, Frame, errors_by_field};
use super::*;
use serde::Serialize;
use std::collections::BTreeMap;
use tsuzuri_core::origins::Origins;

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

impl FormToken for EntryFormFields {
    fn form_token(&self) -> &str {
        &self.csrf
    }
}

impl EntryFormFields {
    fn into_draft(self) -> EntryDraft {
        EntryDraft {
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
        }
    }
}

#[derive(Deserialize, Default)]
pub(super) struct SavedQuery {
    #[serde(default)]
    saved: Option<String>,
}

/// Files shown in the editor's media panel.
const EDITOR_MEDIA: i64 = 12;

/// The editor as one page shows it: the form, its problems, what is around it.
pub(super) struct EditorPage<'a> {
    pub status: StatusCode,
    pub blog: &'a tsuzuri_app::admin::MemberBlogRow,
    pub entry_id: Option<i64>,
    pub draft: &'a EntryDraft,
    pub errors: &'a [(String, String)],
    pub notice: Option<String>,
    pub public_url: Option<String>,
}

#[derive(Serialize)]
struct EditorView<'a> {
    blog: BlogView<'a>,
    entry_id: Option<i64>,
    action: String,
    draft: &'a EntryDraft,
    errors: BTreeMap<&'a str, String>,
    public_url: Option<String>,
    media: Vec<super::media::MediaView<'a>>,
    pings: Vec<PingLine>,
}

/// One outbound ping of the entry, with its result.
#[derive(Serialize)]
struct PingLine {
    target: String,
    protocol: String,
    endpoint: String,
    status: tsuzuri_core::SendStatus,
    message: String,
    attempts: i64,
    updated: String,
}

impl PingLine {
    fn of(
        blog: &tsuzuri_app::admin::MemberBlogRow,
        r: tsuzuri_app::outbound::OutboundPingRow,
    ) -> Self {
        PingLine {
            updated: tsuzuri_app::App::saved_at(blog, r.updated_at),
            target: r.target,
            protocol: r.protocol,
            endpoint: r.endpoint,
            status: r.status,
            message: r.message,
            attempts: r.attempts,
        }
    }
}

pub(super) async fn editor(
    s: &AppState,
    who: &SignedIn,
    origins: &Origins,
    p: EditorPage<'_>,
) -> Result<Response, HttpError> {
    let blog = p.blog;
    let action = match p.entry_id {
        Some(id) => format!("/admin/{}/entries/{id}/edit", blog.slug),
        None => format!("/admin/{}/entries/new", blog.slug),
    };
    let media = s.app.recent_media(blog, EDITOR_MEDIA).await?;
    let pings = match p.entry_id {
        Some(id) => {
            s.app
                .entry_outbound_pings(tsuzuri_core::BlogId(blog.id), id)
                .await?
        }
        None => Vec::new(),
    };
    let view = EditorView {
        blog: BlogView::of(blog, origins),
        entry_id: p.entry_id,
        action,
        draft: p.draft,
        errors: errors_by_field(p.errors),
        public_url: p.public_url,
        media: media
            .iter()
            .map(|m| super::media::MediaView::of(&blog.slug, m))
            .collect(),
        pings: pings.into_iter().map(|r| PingLine::of(blog, r)).collect(),
    };
    Ok(page(
        s,
        p.status,
        "admin/entry_form.html",
        Frame::new(who, view).with_notice(p.notice),
    ))
}

pub(super) async fn new_entry_form(
    State(s): State<AppState>,
    Session(who): Session,
    RequestOrigins(origins): RequestOrigins,
    Path(slug): Path<String>,
) -> Result<Response, HttpError> {
    let o = s.app.blog_overview(&who, &slug).await?;
    let page = EditorPage {
        status: StatusCode::OK,
        blog: &o.blog,
        entry_id: None,
        draft: &EntryDraft::blank(),
        errors: &[],
        notice: None,
        public_url: None,
    };
    editor(&s, &who, &origins, page).await
}

pub(super) async fn edit_entry_form(
    State(s): State<AppState>,
    Session(who): Session,
    RequestOrigins(origins): RequestOrigins,
    Path((slug, id)): Path<(String, i64)>,
    Query(q): Query<SavedQuery>,
) -> Result<Response, HttpError> {
    let o = s.app.blog_overview(&who, &slug).await?;
    let draft = s.app.entry_draft(&who, &slug, id).await?;
    let page = EditorPage {
        status: StatusCode::OK,
        blog: &o.blog,
        entry_id: Some(id),
        draft: &draft,
        errors: &[],
        notice: q.saved.map(|_| crate::ui::tr("entry-form-saved")),
        public_url: s.app.public_url_of(&origins, &o.blog, id).await?,
    };
    editor(&s, &who, &origins, page).await
}

pub(super) async fn create_entry(
    State(s): State<AppState>,
    RequestOrigins(origins): RequestOrigins,
    Path(slug): Path<String>,
    Posted(who, f): Posted<EntryFormFields>,
) -> Result<Response, HttpError> {
    save(&s, &who, &origins, &slug, None, f.into_draft()).await
}

pub(super) async fn update_entry(
    State(s): State<AppState>,
    RequestOrigins(origins): RequestOrigins,
    Path((slug, id)): Path<(String, i64)>,
    Posted(who, f): Posted<EntryFormFields>,
) -> Result<Response, HttpError> {
    save(&s, &who, &origins, &slug, Some(id), f.into_draft()).await
}

/// Saves the editor's form; a form with problems comes back as typed, with them beside it.
async fn save(
    s: &AppState,
    who: &SignedIn,
    origins: &Origins,
    slug: &str,
    id: Option<i64>,
    draft: EntryDraft,
) -> Result<Response, HttpError> {
    match s.app.save_entry(who, origins, slug, id, &draft).await {
        Ok(saved) => Ok(
            Redirect::to(&format!("/admin/{slug}/entries/{}/edit?saved=1", saved.id))
                .into_response(),
        ),
        Err(Error::InvalidForm(errors)) => {
            let o = s.app.blog_overview(who, slug).await?;
            let page = EditorPage {
                status: StatusCode::BAD_REQUEST,
                blog: &o.blog,
                entry_id: id,
                draft: &draft,
                errors: &errors,
                notice: None,
                public_url: None,
            };
            editor(s, who, origins, page).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Serialize)]
struct RevisionsView<'a, T: Serialize> {
    blog: BlogView<'a>,
    entry_id: i64,
    #[serde(flatten)]
    list: T,
}

#[derive(Serialize)]
struct RevisionList<T: Serialize> {
    revisions: T,
}

#[derive(Serialize)]
struct RevisionCompared<T: Serialize> {
    cmp: T,
}

pub(super) async fn revisions_page(
    State(s): State<AppState>,
    Session(who): Session,
    RequestOrigins(origins): RequestOrigins,
    Path((slug, id)): Path<(String, i64)>,
) -> Result<Response, HttpError> {
    let o = s.app.blog_overview(&who, &slug).await?;
    let revisions = s.app.revisions(&who, &slug, id).await?;
    let view = RevisionsView {
        blog: BlogView::of(&o.blog, &origins),
        entry_id: id,
        list: RevisionList { revisions },
    };
    Ok(page(
        &s,
        StatusCode::OK,
        "admin/revisions.html",
        Frame::new(&who, view),
    ))
}

pub(super) async fn revision_page(
    State(s): State<AppState>,
    Session(who): Session,
    RequestOrigins(origins): RequestOrigins,
    Path((slug, id, rev)): Path<(String, i64, i64)>,
) -> Result<Response, HttpError> {
    let o = s.app.blog_overview(&who, &slug).await?;
    let cmp = s.app.compare_revision(&who, &slug, id, rev).await?;
    let view = RevisionsView {
        blog: BlogView::of(&o.blog, &origins),
        entry_id: id,
        list: RevisionCompared { cmp },
    };
    Ok(page(
        &s,
        StatusCode::OK,
        "admin/revision.html",
        Frame::new(&who, view),
    ))
}

pub(super) async fn restore_revision(
    State(s): State<AppState>,
    RequestOrigins(origins): RequestOrigins,
    Path((slug, id, rev)): Path<(String, i64, i64)>,
    Posted(who, _): Posted<CsrfForm>,
) -> Result<Response, HttpError> {
    let saved = s
        .app
        .restore_revision(&who, &origins, &slug, id, rev)
        .await?;
    Ok(Redirect::to(&format!("/admin/{slug}/entries/{}/edit?saved=1", saved.id)).into_response())
}

#[derive(Serialize)]
struct TrashView<'a> {
    blog: BlogView<'a>,
    entries: Vec<tsuzuri_app::trash::TrashedEntry>,
}

pub(super) async fn trash_page(
    State(s): State<AppState>,
    Session(who): Session,
    RequestOrigins(origins): RequestOrigins,
    Path(slug): Path<String>,
) -> Result<Response, HttpError> {
    let o = s.app.blog_overview(&who, &slug).await?;
    let entries = s.app.trash(&who, &slug).await?;
    let view = TrashView {
        blog: BlogView::of(&o.blog, &origins),
        entries,
    };
    Ok(page(
        &s,
        StatusCode::OK,
        "admin/trash.html",
        Frame::new(&who, view),
    ))
}

pub(super) async fn trash_entry(
    State(s): State<AppState>,
    RequestOrigins(origins): RequestOrigins,
    Path((slug, id)): Path<(String, i64)>,
    Posted(who, _): Posted<CsrfForm>,
) -> Result<Response, HttpError> {
    s.app.trash_entry(&who, &origins, &slug, id).await?;
    Ok(Redirect::to(&format!("/admin/{slug}/trash")).into_response())
}

pub(super) async fn restore_entry(
    State(s): State<AppState>,
    RequestOrigins(origins): RequestOrigins,
    Path((slug, id)): Path<(String, i64)>,
    Posted(who, _): Posted<CsrfForm>,
) -> Result<Response, HttpError> {
    s.app.restore_entry(&who, &origins, &slug, id).await?;
    Ok(Redirect::to(&format!("/admin/{slug}/entries/{id}/edit")).into_response())
}

/// The editor's preview: the unsaved form, kept for a while and shown with the blog's own
/// theme at an address on the blog's origin (an owner's template never runs beside the
/// admin).
pub(super) async fn preview_entry(
    State(s): State<AppState>,
    RequestOrigins(origins): RequestOrigins,
    Path(slug): Path<String>,
    Posted(who, f): Posted<EntryFormFields>,
) -> Result<Response, HttpError> {
    let url = s
        .app
        .preview_entry(&who, &slug, &origins, &f.into_draft())
        .await?;
    Ok(Redirect::to(&url).into_response())
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

#[derive(Serialize)]
struct EntriesView<'a> {
    blog: BlogView<'a>,
    entries: Vec<EntryLine<'a>>,
    total: i64,
    page: i64,
    pages: i64,
    status: &'a str,
    q: &'a str,
    category: &'a str,
    categories: Vec<CategoryOption<'a>>,
}

/// A category in the filter, indented by its depth.
#[derive(Serialize)]
struct CategoryOption<'a> {
    path: &'a str,
    label: &'a str,
    depth: usize,
}

pub(super) async fn entries_page(
    State(s): State<AppState>,
    Session(who): Session,
    RequestOrigins(origins): RequestOrigins,
    Path(slug): Path<String>,
    Query(q): Query<ListQuery>,
) -> Result<Response, HttpError> {
    let page_no = q.page.unwrap_or(1);
    let list = s
        .app
        .entry_list(&who, &slug, &q.status, &q.category, &q.q, page_no)
        .await?;
    let view = EntriesView {
        blog: BlogView::of(&list.blog, &origins),
        entries: list
            .entries
            .iter()
            .map(|e| EntryLine::of(e, &list.blog, &list.settings, &origins, list.now))
            .collect(),
        total: list.total,
        page: list.page,
        pages: list.pages,
        status: &q.status,
        q: &q.q,
        category: &q.category,
        categories: list
            .categories
            .iter()
            .map(|c| CategoryOption {
                path: &c.path,
                label: &c.label,
                depth: c.path.matches('/').count(),
            })
            .collect(),
    };
    Ok(page(
        &s,
        StatusCode::OK,
        "admin/entries.html",
        Frame::new(&who, view),
    ))
}
