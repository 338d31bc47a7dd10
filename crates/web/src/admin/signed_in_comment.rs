//! Comments from signed-in readers. Sessions exist only on the admin origin, so a blog
//! whose policy takes comments from signed-in users only links its entries here: a plain
//! admin page (never an owner's template) with the reader's session and form token.

use super::*;
use crate::origin::Site;
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

pub(super) async fn form(
    State(s): State<AppState>,
    Site(origins): Site,
    headers: HeaderMap,
    Path((blog, entry_id)): Path<(String, i64)>,
) -> Response {
    let here = format!("/admin/comment/{blog}/{entry_id}");
    let who = match signed_in(&s, &headers, &here).await {
        Ok(w) => w,
        Err(r) => return r,
    };
    match s.app.comment_target(&origins, &blog, entry_id).await {
        Ok(Some(target)) => comment_page(
            &s,
            StatusCode::OK,
            &who,
            &here,
            entry_id,
            &target,
            CommentFormView::default(),
        ),
        Ok(None) => HttpError(Error::NotFound(tsuzuri_app::catalog_id(
            "comment-form-no-such-entry",
        )))
        .into_response(),
        Err(e) => HttpError(e).into_response(),
    }
}

pub(super) async fn post(
    State(s): State<AppState>,
    Site(origins): Site,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Path((blog, entry_id)): Path<(String, i64)>,
    Form(f): Form<SignedInCommentForm>,
) -> Response {
    let here = format!("/admin/comment/{blog}/{entry_id}");
    let who = match signed_in_for_post(&s, &headers, &here, &f.csrf).await {
        Ok(w) => w,
        Err(r) => return r,
    };
    let submission = CommentSubmission {
        entry_id,
        parent_id: f.parent_id,
        body: f.body,
        ..Default::default()
    };
    let outcome = s
        .app
        .post_comment(&origins, &blog, submission, &ip, Some(&who))
        .await;
    let (status, form) = match outcome {
        Ok(CommentOutcome::Shown { location }) => return Redirect::to(&location).into_response(),
        Ok(CommentOutcome::Held(a)) => (StatusCode::ACCEPTED, a.form),
        Ok(CommentOutcome::Refused(a)) => (
            StatusCode::from_u16(a.page.status.code()).unwrap_or(StatusCode::BAD_REQUEST),
            a.form,
        ),
        Err(e) => return HttpError(e).into_response(),
    };
    match s.app.comment_target(&origins, &blog, entry_id).await {
        Ok(Some(target)) => comment_page(&s, status, &who, &here, entry_id, &target, form),
        Ok(None) => HttpError(Error::NotFound(tsuzuri_app::catalog_id(
            "comment-form-no-such-entry",
        )))
        .into_response(),
        Err(e) => HttpError(e).into_response(),
    }
}

fn comment_page(
    s: &AppState,
    status: StatusCode,
    who: &SignedIn,
    action: &str,
    entry_id: i64,
    target: &CommentTarget,
    form: CommentFormView,
) -> Response {
    page(
        s,
        status,
        "admin/comment.html",
        json!({ "user": user_json(who), "csrf": who.csrf_token, "notice": null,
                "action": action, "entry_id": entry_id, "entry_title": target.entry_title,
                "entry_url": target.entry_url, "blog_title": target.blog_title,
                "closed": target.closed, "form": form }),
    )
}
