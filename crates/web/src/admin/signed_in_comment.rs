//! Comments from signed-in readers. Sessions exist only on the admin origin, so a blog
//! whose policy takes comments from signed-in users only links its entries here: a plain
//! admin page (never an owner's template) with the reader's session and form token.

use super::session::{FormToken, Posted, Session};
use super::views::Frame;
use super::*;
use crate::origin::Site;
use serde::Serialize;
use tsuzuri_app::catalog_id;
use tsuzuri_app::comments::{CommentOutcome, CommentSubmission, CommentTarget};
use tsuzuri_render::view::CommentFormView;

#[derive(Deserialize)]
pub(super) struct SignedInCommentForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    parent_id: String,
    #[serde(default)]
    body: String,
}

impl FormToken for SignedInCommentForm {
    fn form_token(&self) -> &str {
        &self.csrf
    }
}

pub(super) async fn form(
    State(s): State<AppState>,
    Site(origins): Site,
    Session(who): Session,
    Path((blog, entry_id)): Path<(String, i64)>,
) -> Result<Response, HttpError> {
    let target = comment_target(&s, &origins, &blog, entry_id).await?;
    let view = CommentPage::new(&blog, entry_id, &target, CommentFormView::default());
    Ok(page(
        &s,
        StatusCode::OK,
        "admin/comment.html",
        Frame::new(&who, view),
    ))
}

async fn comment_target(
    s: &AppState,
    origins: &tsuzuri_core::origins::Origins,
    blog: &str,
    entry_id: i64,
) -> Result<CommentTarget, HttpError> {
    s.app
        .comment_target(origins, blog, entry_id)
        .await?
        .ok_or_else(|| Error::NotFound(catalog_id("comment-form-no-such-entry")).into())
}

pub(super) async fn post(
    State(s): State<AppState>,
    Site(origins): Site,
    ClientIp(ip): ClientIp,
    Path((blog, entry_id)): Path<(String, i64)>,
    Posted(who, f): Posted<SignedInCommentForm>,
) -> Result<Response, HttpError> {
    let submission = CommentSubmission {
        entry_id,
        parent_id: f.parent_id,
        body: f.body,
        ..Default::default()
    };
    let outcome = s
        .app
        .post_comment(&origins, &blog, submission, &ip, Some(&who))
        .await?;
    let (status, form) = match outcome {
        CommentOutcome::Shown { location } => return Ok(Redirect::to(&location).into_response()),
        CommentOutcome::Held(a) => (StatusCode::ACCEPTED, a.form),
        CommentOutcome::Refused(a) => (
            StatusCode::from_u16(a.page.status.code()).unwrap_or(StatusCode::BAD_REQUEST),
            a.form,
        ),
    };
    let target = comment_target(&s, &origins, &blog, entry_id).await?;
    let view = CommentPage::new(&blog, entry_id, &target, form);
    Ok(page(
        &s,
        status,
        "admin/comment.html",
        Frame::new(&who, view),
    ))
}

/// The comment form of one entry, on the admin origin.
#[derive(Serialize)]
struct CommentPage<'a> {
    action: String,
    entry_id: i64,
    entry_title: &'a str,
    entry_url: &'a str,
    blog_title: &'a str,
    closed: Option<String>,
    form: CommentFormView,
}

impl<'a> CommentPage<'a> {
    fn new(blog: &str, entry_id: i64, target: &'a CommentTarget, form: CommentFormView) -> Self {
        CommentPage {
            action: format!("/admin/comment/{blog}/{entry_id}"),
            entry_id,
            entry_title: &target.entry_title,
            entry_url: &target.entry_url,
            blog_title: &target.blog_title,
            closed: target.closed.clone(),
            form,
        }
    }
}
