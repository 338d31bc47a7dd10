//! One listener, two kinds of origin. Every request is first sorted by its `Host` into the
//! admin origin (sessions, the admin, sign-in) or a blog origin (pages shaped by owners'
//! templates, media, ping endpoints), and only that origin's router sees it. Blog origins
//! never see a cookie and never set one, so no script on a blog page can act as a signed-in
//! visitor; `/admin/` there is a redirect to the admin origin.

use crate::AppState;
use axum::Router;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Redirect, Response};
use tower::ServiceExt;
use tsuzuri_core::origins::{Origin, Origins};

/// The host's origins as this request sees them (the configured ones, or those derived from
/// its `Host` when nothing is configured).
#[derive(Clone)]
pub(crate) struct Site(pub Origins);

impl<S: Send + Sync> FromRequestParts<S> for Site {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Origins>()
            .cloned()
            .map(Site)
            .ok_or_else(|| StatusCode::INTERNAL_SERVER_ERROR.into_response())
    }
}

/// The origins for a request whose headers are `headers` (handlers that already hold the
/// headers; the dispatcher refused requests without a valid `Host`).
pub(crate) fn origins_of(s: &AppState, headers: &axum::http::HeaderMap) -> Origins {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost");
    s.config.origins_for(&host.to_ascii_lowercase())
}

/// Top-level paths a host-based blog's origin serves as they are (everything else is a page
/// of that blog).
const SHARED_PATHS: &[&str] = &[
    "/assets/",
    "/media/",
    "/_preview/",
    "/xmlrpc",
    "/webmention",
];

#[derive(Clone)]
struct Split {
    state: AppState,
    admin: Router,
    blogs: Router,
}

/// Joins the admin's and the blogs' routers behind the host check.
pub(crate) fn split(state: AppState, admin: Router, blogs: Router) -> Router {
    Router::new()
        .fallback(dispatch)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::ui::scope,
        ))
        .with_state(Split {
            state,
            admin,
            blogs,
        })
}

/// The host a request names: `Host`, or the authority of an absolute request target
/// (HTTP/2). Only characters a host name can have, so it is safe to build links from.
fn request_host(req: &Request) -> Option<String> {
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(str::to_owned)
        .or_else(|| req.uri().authority().map(|a| a.as_str().to_owned()))?;
    let ok = !host.is_empty()
        && host.len() <= 255
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ".-:[]_".contains(c));
    ok.then(|| host.to_ascii_lowercase())
}

async fn dispatch(State(split): State<Split>, mut req: Request) -> Response {
    let Some(host) = request_host(&req) else {
        return (
            StatusCode::BAD_REQUEST,
            "400 Bad Request: the request has no valid Host header.\n",
        )
            .into_response();
    };
    let origins = split.state.config.origins_for(&host);
    let origin = origins.classify(&host);
    req.extensions_mut().insert(origins.clone());
    let path = req.uri().path().to_owned();
    let path_and_query = req
        .uri()
        .path_and_query()
        .map_or(path.clone(), |p| p.as_str().to_owned());
    match origin {
        Origin::Admin => {
            if path == "/admin" || path.starts_with("/admin/") || path.starts_with("/assets/") {
                let mut res = oneshot(split.admin, req).await;
                if let Ok(csp) = HeaderValue::from_str(&admin_csp(&origins)) {
                    res.headers_mut()
                        .entry(header::CONTENT_SECURITY_POLICY)
                        .or_insert(csp);
                }
                return res;
            }
            if path == "/" {
                return Redirect::to("/admin/").into_response();
            }
            // Blog pages, media and feeds linked from the admin live on the blog origin.
            Redirect::to(&format!("{}{path_and_query}", origins.blogs)).into_response()
        }
        Origin::Blogs | Origin::OwnBlog(_) if path == "/admin" || path.starts_with("/admin/") => {
            Redirect::to(&origins.admin_url(&path_and_query)).into_response()
        }
        Origin::Blogs => {
            if origins.blog_hosts.is_some()
                && let Some(to) = moved_to_own_host(&origins, &path_and_query)
            {
                return redirect_keeping_method(req.method(), &to);
            }
            blog_origin(split.blogs, req).await
        }
        Origin::OwnBlog(slug) => {
            let inside = if SHARED_PATHS.iter().any(|p| path.starts_with(p)) {
                path_and_query
            } else {
                format!("/{slug}{path_and_query}")
            };
            match Uri::builder().path_and_query(inside).build() {
                Ok(uri) => *req.uri_mut() = uri,
                Err(_) => return StatusCode::BAD_REQUEST.into_response(),
            }
            blog_origin(split.blogs, req).await
        }
    }
}

/// The admin's Content-Security-Policy: its own scripts and styles only, never framed, and
/// forms that go to the admin itself or, like the editor's preview (a redirect after the
/// post), to the blogs' origins.
fn admin_csp(origins: &Origins) -> String {
    let mut form_targets = format!("'self' {}", origins.blogs);
    if let Some(h) = &origins.blog_hosts {
        form_targets.push_str(&format!(" {}://*{}", h.scheme, h.suffix));
    }
    format!(
        "default-src 'self'; img-src 'self' data: https: http:; form-action {form_targets}; frame-ancestors 'none'"
    )
}

/// With host-based blogs, an old path-based address (`/{blog}/…` on the shared origin) of a
/// blog answers with the same page on the blog's own host.
fn moved_to_own_host(origins: &Origins, path_and_query: &str) -> Option<String> {
    let rest = path_and_query.strip_prefix('/')?;
    let (slug, inside) = rest.split_once('/')?;
    tsuzuri_core::slug::check_blog_slug(slug).ok()?;
    Some(format!("{}{inside}", origins.blog_url(slug)))
}

fn redirect_keeping_method(method: &Method, to: &str) -> Response {
    if method == Method::GET || method == Method::HEAD {
        Redirect::permanent(to).into_response()
    } else {
        (
            StatusCode::PERMANENT_REDIRECT,
            [(
                header::LOCATION,
                HeaderValue::from_str(to).unwrap_or(HeaderValue::from_static("/")),
            )],
        )
            .into_response()
    }
}

/// A blog origin's request: without the visitor's cookies, and an answer that sets none.
/// A service worker would outlive the page that registered it, so none is ever served.
async fn blog_origin(blogs: Router, mut req: Request) -> Response {
    if req.headers().contains_key("service-worker") {
        return (
            StatusCode::FORBIDDEN,
            "403 Forbidden: blog pages cannot register service workers.\n",
        )
            .into_response();
    }
    req.headers_mut().remove(header::COOKIE);
    let mut res = oneshot(blogs, req).await;
    res.headers_mut().remove(header::SET_COOKIE);
    res
}

async fn oneshot(router: Router, req: Request) -> Response {
    match router.oneshot(req).await {
        Ok(res) => res,
        Err(never) => match never {},
    }
}
