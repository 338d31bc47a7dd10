//! What admin handlers take from a request besides its path and query: the signed-in user
//! (or a redirect to the sign-in form that comes back), a posted form whose token and origin
//! were checked, and the origins the request was made on.

use super::{forbidden, same_origin, signed_in};
use crate::AppState;
use crate::extract::Form;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::response::Response;
use serde::de::DeserializeOwned;
use tsuzuri_app::accounts::{SignedIn, secrets_match};
use tsuzuri_core::origins::Origins;

/// The signed-in user of a page. Without a session the request is answered with a redirect
/// to the sign-in form, which comes back to this address afterwards.
pub(crate) struct Session(pub SignedIn);

impl FromRequestParts<AppState> for Session {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, s: &AppState) -> Result<Self, Response> {
        let back_to = parts
            .uri
            .path_and_query()
            .map_or("/admin/", |p| p.as_str())
            .to_owned();
        signed_in(s, &parts.headers, &back_to).await.map(Session)
    }
}

/// A form that carries the session's form token in its `csrf` field.
pub(crate) trait FormToken {
    fn form_token(&self) -> &str;
}

/// A form posted by the signed-in user: the session is read first (a stranger's body is
/// never parsed), then the form, whose token must be the session's and whose request must
/// not come from another site.
pub(crate) struct Posted<T>(pub SignedIn, pub T);

impl<T> FromRequest<AppState> for Posted<T>
where
    T: DeserializeOwned + FormToken + Send,
{
    type Rejection = Response;

    async fn from_request(req: Request, s: &AppState) -> Result<Self, Response> {
        let (parts, body) = req.into_parts();
        let back_to =
            referring_page(&parts.headers).unwrap_or_else(|| page_above(parts.uri.path()));
        let who = signed_in(s, &parts.headers, &back_to).await?;
        let from_here = same_origin(&parts.headers);
        let Form(form) = Form::<T>::from_request(Request::from_parts(parts, body), s).await?;
        if !from_here || !secrets_match(form.form_token(), &who.csrf_token) {
            return Err(forbidden("error-form-token"));
        }
        Ok(Posted(who, form))
    }
}

/// The admin page a form was posted from (the admin's referrer policy is `same-origin`).
fn referring_page(headers: &axum::http::HeaderMap) -> Option<String> {
    let referer = headers.get(axum::http::header::REFERER)?.to_str().ok()?;
    let (_, rest) = referer.split_once("://")?;
    let page = &rest[rest.find('/')?..];
    let page = page.split('#').next().unwrap_or(page);
    page.starts_with("/admin/").then(|| page.to_owned())
}

/// Where to come back to after signing in again when a post found the session gone and
/// named no admin page it came from: a host-wide form (`/admin/host`, `/admin/account`)
/// comes back to itself, a post under `/admin/{blog}/` to the blog's page (its own address
/// is often an action with no page, such as `…/entries/3/trash`), signing out to the
/// dashboard.
fn page_above(path: &str) -> String {
    let mut parts = path.trim_start_matches('/').split('/');
    match (parts.next(), parts.next(), parts.next()) {
        (Some("admin"), Some(blog), Some(_)) if !blog.is_empty() => format!("/admin/{blog}/"),
        (Some("admin"), Some(page), None) if !page.is_empty() && page != "sign-out" => {
            format!("/admin/{page}")
        }
        _ => "/admin/".to_owned(),
    }
}

/// The origins of the host the request was made to (its blog origin, its admin origin).
pub(crate) struct RequestOrigins(pub Origins);

impl FromRequestParts<AppState> for RequestOrigins {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, s: &AppState) -> Result<Self, Self::Rejection> {
        Ok(RequestOrigins(crate::origin::origins_of(s, &parts.headers)))
    }
}

#[cfg(test)]
mod tests {
    use super::page_above;

    #[test]
    fn a_post_comes_back_to_the_page_above_it() {
        assert_eq!(page_above("/admin/diary/entries/3/trash"), "/admin/diary/");
        assert_eq!(page_above("/admin/sign-out"), "/admin/");
        assert_eq!(page_above("/admin/host"), "/admin/host");
        assert_eq!(page_above("/admin/"), "/admin/");
        let mut headers = axum::http::HeaderMap::new();
        headers.insert(
            "referer",
            "http://localhost:8080/admin/diary/entries?page=2"
                .parse()
                .expect("value"),
        );
        assert_eq!(
            super::referring_page(&headers).as_deref(),
            Some("/admin/diary/entries?page=2")
        );
    }
}
