//! Admin pages of blogs: the dashboard, one blog's overview, settings, new blogs.

use super::session::{FormToken, Posted, RequestOrigins, Session};
use super::views::{BlogView, EntryLine, Frame, errors_by_field};
use super::*;
use serde::Serialize;
use std::collections::BTreeMap;
use tsuzuri_core::origins::Origins;

/// A blog on the dashboard.
#[derive(Serialize)]
struct BlogLine<'a> {
    slug: &'a str,
    title: &'a str,
    role: tsuzuri_core::Role,
    lang: &'a str,
    timezone: &'a str,
    url: String,
    /// Comments and pings awaiting moderation.
    waiting: i64,
}

#[derive(Serialize)]
struct DashboardView<'a> {
    blogs: Vec<BlogLine<'a>>,
}

pub(super) async fn dashboard(
    State(s): State<AppState>,
    Session(who): Session,
    RequestOrigins(origins): RequestOrigins,
) -> Result<Response, HttpError> {
    let blogs = s.app.my_blogs(&who).await?;
    let mut lines = Vec::with_capacity(blogs.len());
    for b in &blogs {
        lines.push(BlogLine {
            slug: &b.slug,
            title: &b.title,
            role: b.role,
            lang: &b.lang,
            timezone: &b.timezone,
            url: origins.blog_url(&b.slug),
            waiting: s.app.awaiting_moderation(&who, b).await?,
        });
    }
    let view = DashboardView { blogs: lines };
    Ok(page(
        &s,
        StatusCode::OK,
        "admin/dashboard.html",
        Frame::new(&who, view),
    ))
}

/// Entries of one status, for the blog's overview.
#[derive(Serialize)]
struct StatusCount<'a> {
    status: &'a str,
    count: i64,
}

#[derive(Serialize)]
struct BlogOverviewView<'a> {
    blog: BlogView<'a>,
    role: tsuzuri_core::Role,
    entries: Vec<EntryLine<'a>>,
    counts: Vec<StatusCount<'a>>,
    pending_comments: i64,
    pending_pings: i64,
}

pub(super) async fn blog_dashboard(
    State(s): State<AppState>,
    Session(who): Session,
    RequestOrigins(origins): RequestOrigins,
    Path(slug): Path<String>,
) -> Result<Response, HttpError> {
    let o = s.app.blog_overview(&who, &slug).await?;
    let view = BlogOverviewView {
        blog: BlogView::of(&o.blog, &origins),
        role: o.blog.role,
        entries: o
            .recent
            .iter()
            .map(|e| EntryLine::of(e, &o.blog, &o.settings, &origins, o.now))
            .collect(),
        counts: o
            .counts
            .iter()
            .map(|c| StatusCount {
                status: &c.status,
                count: c.entries,
            })
            .collect(),
        pending_comments: o.pending_comments,
        pending_pings: o.pending_pings,
    };
    Ok(page(
        &s,
        StatusCode::OK,
        "admin/blog.html",
        Frame::new(&who, view),
    ))
}

pub(super) async fn settings_page(
    State(s): State<AppState>,
    Session(who): Session,
    RequestOrigins(origins): RequestOrigins,
    Path(slug): Path<String>,
) -> Result<Response, HttpError> {
    let o = s.app.blog_overview(&who, &slug).await?;
    let form = s.app.blog_settings(&who, &slug).await?;
    let view = SettingsView::new(&o.blog, &origins, &form, &[]);
    Ok(page(
        &s,
        StatusCode::OK,
        "admin/settings.html",
        Frame::new(&who, view),
    ))
}

#[derive(Serialize)]
struct SettingsView<'a> {
    blog: BlogView<'a>,
    form: &'a BlogSettingsForm,
    errors: BTreeMap<&'a str, String>,
    themes: Vec<(&'static str, String)>,
    comment_policies: Vec<(&'static str, String)>,
    ping_policies: Vec<(&'static str, String)>,
}

impl<'a> SettingsView<'a> {
    fn new(
        blog: &'a tsuzuri_app::admin::MemberBlogRow,
        origins: &Origins,
        form: &'a BlogSettingsForm,
        errors: &'a [(String, String)],
    ) -> Self {
        SettingsView {
            blog: BlogView::of(blog, origins),
            form,
            errors: errors_by_field(errors),
            themes: labelled(tsuzuri_render::THEMES, theme_label),
            comment_policies: labelled(tsuzuri_app::blogs::COMMENT_POLICIES, comment_policy_label),
            ping_policies: labelled(tsuzuri_app::blogs::PING_POLICIES, ping_policy_label),
        }
    }
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

impl FormToken for SettingsFields {
    fn form_token(&self) -> &str {
        &self.csrf
    }
}

pub(super) async fn save_settings(
    State(s): State<AppState>,
    RequestOrigins(origins): RequestOrigins,
    Path(slug): Path<String>,
    Posted(who, f): Posted<SettingsFields>,
) -> Result<Response, HttpError> {
    let result = s.app.save_blog_settings(&who, &slug, &f.form).await;
    let o = s.app.blog_overview(&who, &slug).await?;
    let (status, errors, notice) = match result {
        Ok(()) => (
            StatusCode::OK,
            Vec::new(),
            Some(crate::ui::tr("blog-settings-saved")),
        ),
        Err(Error::InvalidForm(errors)) => (StatusCode::BAD_REQUEST, errors, None),
        Err(e) => return Err(e.into()),
    };
    let view = SettingsView::new(&o.blog, &origins, &f.form, &errors);
    let frame = Frame::new(&who, view).with_notice(notice);
    Ok(page(&s, status, "admin/settings.html", frame))
}

#[derive(Serialize)]
struct NewBlogView<'a> {
    form: &'a NewBlogForm,
    errors: BTreeMap<&'a str, String>,
}

pub(super) async fn new_blog_form(
    State(s): State<AppState>,
    Session(who): Session,
) -> Result<Response, HttpError> {
    let form = NewBlogForm {
        lang: "ja".into(),
        timezone: "Asia/Tokyo".into(),
        ..Default::default()
    };
    let view = NewBlogView {
        form: &form,
        errors: BTreeMap::new(),
    };
    Ok(page(
        &s,
        StatusCode::OK,
        "admin/new_blog.html",
        Frame::new(&who, view),
    ))
}

#[derive(Deserialize)]
pub(super) struct NewBlogFields {
    #[serde(default)]
    csrf: String,
    #[serde(flatten)]
    form: NewBlogForm,
}

impl FormToken for NewBlogFields {
    fn form_token(&self) -> &str {
        &self.csrf
    }
}

pub(super) async fn create_blog(
    State(s): State<AppState>,
    Posted(who, f): Posted<NewBlogFields>,
) -> Result<Response, HttpError> {
    match s.app.create_own_blog(&who, &f.form).await {
        Ok(blog) => Ok(Redirect::to(&format!("/admin/{}/", blog.slug)).into_response()),
        Err(Error::InvalidForm(errors)) => {
            let view = NewBlogView {
                form: &f.form,
                errors: errors_by_field(&errors),
            };
            let frame = Frame::new(&who, view);
            Ok(page(
                &s,
                StatusCode::BAD_REQUEST,
                "admin/new_blog.html",
                frame,
            ))
        }
        Err(e) => Err(e.into()),
    }
}
