//! The public reading site: host front page, blog pages and feeds, static assets.

use crate::cache::CachedPage;
use crate::extract::ClientIp;
use crate::extract::{Form, Path};
use crate::origin::Site;
use crate::{AppState, HttpError};
use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use std::hash::{Hash, Hasher};
use std::sync::Arc;
use tsuzuri_app::Error;
use tsuzuri_app::site::{PageStatus, Rendered};

/// The built-in themes' files, served on both origins.
pub(crate) fn asset_routes() -> Router<AppState> {
    Router::new().route("/assets/{*path}", get(asset))
}

pub(crate) fn routes() -> Router<AppState> {
    asset_routes()
        .route("/", get(host_front))
        .route("/_preview/{token}", get(preview))
        .route("/media/{blog}/{*path}", get(media_file))
        .route("/{blog}", get(blog_without_slash))
        .route("/{blog}/", get(blog_top))
        .route(
            "/xmlrpc",
            axum::routing::post(xmlrpc).layer(axum::extract::DefaultBodyLimit::max(64 * 1024)),
        )
        .route(
            "/webmention",
            axum::routing::post(webmention).layer(axum::extract::DefaultBodyLimit::max(16 * 1024)),
        )
        .route("/{blog}/comments", axum::routing::post(post_comment))
        .route(
            "/{blog}/trackback/{id}",
            get(trackback_get)
                .post(trackback_ping)
                .layer(axum::extract::DefaultBodyLimit::max(64 * 1024)),
        )
        .route("/{blog}/{*rest}", get(blog_path))
        .fallback(fallback)
}

async fn host_front(
    State(s): State<AppState>,
    Site(origins): Site,
    headers: HeaderMap,
    uri: Uri,
) -> Response {
    let app = s.app.clone();
    let o = origins.clone();
    page(&s, &headers, &origins, &uri, None, || async move {
        app.host_front(&o).await
    })
    .await
}

/// An unsaved entry from the editor, on the blog's origin (never the admin's), at an
/// address that only the writer's browser was given and that expires.
async fn preview(
    State(s): State<AppState>,
    Site(origins): Site,
    Path(token): Path<String>,
    headers: HeaderMap,
) -> Response {
    match s.app.preview_page(&origins, &token).await {
        Ok(Some(html)) => {
            let mut res = axum::response::Html(html).into_response();
            let h = res.headers_mut();
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            h.insert("x-robots-tag", HeaderValue::from_static("noindex"));
            h.insert(
                header::REFERRER_POLICY,
                HeaderValue::from_static("no-referrer"),
            );
            res
        }
        Ok(None) => fallback(State(s), Site(origins), headers).await,
        Err(e) => HttpError(e).into_response(),
    }
}

async fn blog_top(
    State(s): State<AppState>,
    Site(origins): Site,
    Path(blog): Path<String>,
    headers: HeaderMap,
    uri: Uri,
) -> Response {
    blog_page(s, origins, headers, uri, blog, String::new()).await
}

async fn blog_path(
    State(s): State<AppState>,
    Site(origins): Site,
    Path((blog, rest)): Path<(String, String)>,
    headers: HeaderMap,
    uri: Uri,
) -> Response {
    blog_page(s, origins, headers, uri, blog, rest).await
}

async fn blog_page(
    s: AppState,
    origins: tsuzuri_core::origins::Origins,
    headers: HeaderMap,
    uri: Uri,
    blog: String,
    rest: String,
) -> Response {
    let base = origins.blog_origin(&blog);
    let app = s.app.clone();
    let o = origins.clone();
    let scope = blog.clone();
    let mut res = page(&s, &headers, &origins, &uri, Some(&scope), || async move {
        app.blog_page(&o, &blog, &rest).await
    })
    .await;
    // Pingback discovery by header (also on HEAD, which axum answers with this handler).
    let is_html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if is_html && let Ok(v) = HeaderValue::from_str(&format!("{base}/xmlrpc")) {
        res.headers_mut().insert("x-pingback", v);
    }
    if is_html
        && let Ok(v) = HeaderValue::from_str(&format!("<{base}/webmention>; rel=\"webmention\""))
    {
        res.headers_mut().insert(header::LINK, v);
    }
    res
}

/// An uploaded file. Its name carries a hash of its content, so it never changes and
/// can be cached for a year. Files that could run script on this origin if opened as a
/// page (SVG, archives) are served as downloads, and no file is ever content-sniffed.
async fn media_file(
    State(s): State<AppState>,
    site: Site,
    Path((blog, path)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    let file = match s.app.media_file(&blog, &path).await {
        Ok(Some(f)) => f,
        Ok(None) => return fallback(State(s), site, headers).await,
        Err(e) => return HttpError(e).into_response(),
    };
    let etag = format!("\"{}\"", path.replace(['/', '"'], "-"));
    let not_modified = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|inm| inm.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    let mut res = if not_modified {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        Body::from(file.bytes).into_response()
    };
    let h = res.headers_mut();
    let mut set = |name: header::HeaderName, value: &str| {
        if let Ok(v) = HeaderValue::from_str(value) {
            h.insert(name, v);
        }
    };
    set(header::CACHE_CONTROL, "public, max-age=31536000, immutable");
    set(header::ETAG, &etag);
    set(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    if !not_modified {
        set(header::CONTENT_TYPE, file.kind.mime);
    }
    // Opened on its own (not as an <img>), a file gets no scripts, forms or plugins.
    set(
        header::CONTENT_SECURITY_POLICY,
        "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; sandbox",
    );
    if !file.kind.inline {
        let name = path.rsplit('/').next().unwrap_or("file");
        set(
            header::CONTENT_DISPOSITION,
            &format!("attachment; filename=\"{name}\""),
        );
    }
    res
}

/// A reader's comment from the form under an entry. Shown at once: 303 to it. Held or
/// refused: the entry page with a notice or the errors and the reader's text (not cached).
async fn post_comment(
    State(s): State<AppState>,
    Site(origins): Site,
    Path(blog): Path<String>,
    ClientIp(ip): ClientIp,
    Form(form): Form<tsuzuri_app::comments::CommentSubmission>,
) -> Response {
    // Blog origins never see a session: signed-in readers comment on the admin origin.
    match s.app.post_comment(&origins, &blog, form, &ip, None).await {
        Ok(tsuzuri_app::comments::CommentOutcome::Shown { location }) => {
            Redirect::to(&location).into_response()
        }
        Ok(
            tsuzuri_app::comments::CommentOutcome::Held(answer)
            | tsuzuri_app::comments::CommentOutcome::Refused(answer),
        ) => {
            let cached = fresh(answer.page, 0);
            let mut res = (
                StatusCode::from_u16(cached.status).unwrap_or(StatusCode::OK),
                Body::from(cached.body.clone()),
            )
                .into_response();
            res.headers_mut()
                .insert(header::CONTENT_TYPE, cached.content_type.clone());
            res.headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            res
        }
        Err(e) => HttpError(e).into_response(),
    }
}

fn trackback_answer(status: StatusCode, result: Result<(), &str>) -> Response {
    let xml = tsuzuri_app::pings::response_xml(result);
    let mut res = (status, xml).into_response();
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/xml; charset=utf-8"),
    );
    res
}

/// A TrackBack ping (spec 1.2: a form POST, answered with a small XML document).
async fn trackback_ping(
    State(s): State<AppState>,
    Site(origins): Site,
    Path((blog, id)): Path<(String, String)>,
    headers: HeaderMap,
    ClientIp(ip): ClientIp,
    body: Bytes,
) -> Response {
    let Ok(id) = id.parse::<i64>() else {
        return trackback_answer(StatusCode::OK, Err(&format!("Invalid TrackBack ID '{id}'")));
    };
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok());
    match s
        .app
        .receive_trackback(&origins, &blog, id, &body, content_type, &ip)
        .await
    {
        Ok(Ok(_)) => trackback_answer(StatusCode::OK, Ok(())),
        Ok(Err(refused)) => trackback_answer(
            if refused.throttled {
                StatusCode::FORBIDDEN
            } else {
                StatusCode::OK
            },
            Err(&refused.message),
        ),
        Err(e) => {
            let status = HttpError(e).into_response().status();
            trackback_answer(
                status,
                Err("The ping could not be stored; please try again later."),
            )
        }
    }
}

/// XML-RPC: Pingback's `pingback.ping`. Answers are always HTTP 200 (faults included).
async fn xmlrpc(
    State(s): State<AppState>,
    Site(origins): Site,
    ClientIp(ip): ClientIp,
    body: Bytes,
) -> Response {
    match s.app.xmlrpc(&origins, &body, &ip).await {
        Ok(xml) => {
            let mut res = (StatusCode::OK, xml).into_response();
            res.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/xml; charset=utf-8"),
            );
            res
        }
        Err(e) => HttpError(e).into_response(),
    }
}

#[derive(serde::Deserialize)]
struct WebmentionForm {
    #[serde(default)]
    source: String,
    #[serde(default)]
    target: String,
}

/// Webmention: checked now (400 with the reason), verified by a job (202 Accepted).
async fn webmention(
    State(s): State<AppState>,
    Site(origins): Site,
    ClientIp(ip): ClientIp,
    Form(f): Form<WebmentionForm>,
) -> Response {
    match s
        .app
        .receive_webmention(&origins, f.source.trim(), f.target.trim(), &ip)
        .await
    {
        Ok(Ok(())) => (
            StatusCode::ACCEPTED,
            "Accepted: the source will be checked shortly.\n",
        )
            .into_response(),
        Ok(Err(reason)) => (StatusCode::BAD_REQUEST, format!("{reason}\n")).into_response(),
        Err(e) => HttpError(e).into_response(),
    }
}

/// A GET on a ping URL (a browser, or a TrackBack 1.0 client): pings are never taken from
/// GET, since crawlers follow links.
async fn trackback_get() -> Response {
    trackback_answer(StatusCode::OK, Err("TrackBack pings must use HTTP POST"))
}

/// `/{blog}` without the slash: send readers to the blog top, if there is such a blog.
async fn blog_without_slash(
    State(s): State<AppState>,
    site: Site,
    Path(blog): Path<String>,
    headers: HeaderMap,
) -> Response {
    match s.app.store.find_blog_by_slug(&blog).await {
        Ok(Some(b)) => Redirect::permanent(&site.0.blog_url(&b.slug)).into_response(),
        Ok(None) => fallback(State(s), site, headers).await,
        Err(e) => HttpError(e.into()).into_response(),
    }
}

async fn fallback(State(s): State<AppState>, Site(origins): Site, headers: HeaderMap) -> Response {
    match s.app.host_not_found(&origins).await {
        Ok(r) => respond(&fresh(r, 0), &headers),
        Err(e) => HttpError(e).into_response(),
    }
}

async fn asset(Path(path): Path<String>) -> Response {
    match tsuzuri_render::assets().iter().find(|a| a.path == path) {
        Some(a) => (
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static(a.content_type),
                ),
                (
                    header::CACHE_CONTROL,
                    HeaderValue::from_static("public, max-age=31536000, immutable"),
                ),
                (
                    header::X_CONTENT_TYPE_OPTIONS,
                    HeaderValue::from_static("nosniff"),
                ),
            ],
            Bytes::from_static(a.body),
        )
            .into_response(),
        None => {
            crate::ui::error_response(StatusCode::NOT_FOUND, crate::ui::tr("error-no-such-file"))
        }
    }
}

/// Serves a page from the cache when it is current, else renders, stores and serves it.
/// When the database is down, a page cached earlier is served rather than an error.
async fn page<F, Fut>(
    s: &AppState,
    headers: &HeaderMap,
    origins: &tsuzuri_core::origins::Origins,
    uri: &Uri,
    blog: Option<&str>,
    render: F,
) -> Response
where
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = Result<Rendered, Error>>,
{
    // Pages depend on the origins and the path (host-based blogs' paths carry their slug).
    let key = format!("{}{}", origins.blogs, uri.path());
    // A blog's pages follow that blog's changes only; pages outside blogs follow all.
    let generation = match blog {
        Some(slug) => s.app.blog_generation(slug),
        None => s.app.content_generation(),
    };
    if let Some(p) = s.cache.get(&key, generation) {
        return respond(&p, headers);
    }
    match render().await {
        Ok(r) => {
            let page = fresh(r, generation);
            if page.status == 200 {
                s.cache.put(key, page.clone());
            }
            respond(&page, headers)
        }
        Err(Error::Unavailable(e)) => match s.cache.get_stale(&key) {
            Some(p) => {
                tracing::warn!(error = %e, path = uri.path(), "database unavailable; serving a cached page");
                let mut res = respond(&p, headers);
                res.headers_mut()
                    .insert("x-tsuzuri-stale", HeaderValue::from_static("1"));
                res
            }
            None => HttpError(Error::Unavailable(e)).into_response(),
        },
        Err(e) => HttpError(e).into_response(),
    }
}

fn fresh(r: Rendered, generation: u64) -> Arc<CachedPage> {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    r.body.hash(&mut hasher);
    let etag = format!("\"{:016x}\"", hasher.finish());
    Arc::new(CachedPage {
        generation,
        status: r.status.code(),
        location: match &r.status {
            PageStatus::MovedPermanently(to) => HeaderValue::from_str(to).ok(),
            _ => None,
        },
        content_type: HeaderValue::from_static(r.content_type),
        etag: HeaderValue::from_str(&etag).unwrap_or_else(|_| HeaderValue::from_static("\"0\"")),
        last_modified: r
            .last_modified
            .and_then(|t| HeaderValue::from_str(&http_date(t)).ok()),
        last_modified_unix: r.last_modified,
        body: Bytes::from(r.body),
    })
}

/// Answers a request with a stored page: 304 when the client's copy is current.
fn respond(page: &CachedPage, req: &HeaderMap) -> Response {
    let status = StatusCode::from_u16(page.status).unwrap_or(StatusCode::OK);
    let not_modified = status == StatusCode::OK && is_not_modified(page, req);
    let mut b = Response::builder()
        .status(if not_modified {
            StatusCode::NOT_MODIFIED
        } else {
            status
        })
        .header(header::CONTENT_TYPE, page.content_type.clone())
        .header(header::ETAG, page.etag.clone())
        .header(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"))
        .header(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        );
    if let Some(lm) = &page.last_modified {
        b = b.header(header::LAST_MODIFIED, lm.clone());
    }
    if let Some(to) = &page.location {
        b = b.header(header::LOCATION, to.clone());
    }
    let body = if not_modified {
        Body::empty()
    } else {
        Body::from(page.body.clone())
    };
    b.body(body)
        .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

/// RFC 9110: If-None-Match wins over If-Modified-Since when both are sent.
fn is_not_modified(page: &CachedPage, req: &HeaderMap) -> bool {
    if let Some(inm) = req.get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()) {
        let ours = page.etag.to_str().unwrap_or("");
        return inm
            .split(',')
            .map(str::trim)
            .any(|t| t == "*" || t == ours || t.strip_prefix("W/") == Some(ours));
    }
    if let (Some(ims), Some(lm)) = (
        req.get(header::IF_MODIFIED_SINCE)
            .and_then(|v| v.to_str().ok())
            .and_then(parse_http_date),
        page.last_modified_unix,
    ) {
        return lm <= ims;
    }
    false
}

fn http_date(unix: i64) -> String {
    let ts = jiff::Timestamp::from_second(unix).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    ts.strftime("%a, %d %b %Y %H:%M:%S GMT").to_string()
}

fn parse_http_date(s: &str) -> Option<i64> {
    let s = s.trim().strip_suffix("GMT")?.trim();
    jiff::civil::DateTime::strptime("%a, %d %b %Y %H:%M:%S", s)
        .ok()
        .and_then(|dt| dt.to_zoned_datetime(jiff::tz::TimeZone::UTC).ok())
        .map(|z| z.timestamp().as_second())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_dates_round_trip() {
        let s = http_date(1_150_350_720);
        assert_eq!(s, "Thu, 15 Jun 2006 05:52:00 GMT");
        assert_eq!(parse_http_date(&s), Some(1_150_350_720));
        assert_eq!(parse_http_date("yesterday"), None);
    }
}
