//! The writers' side under `/admin/`: first-run setup, sign-in and sign-out, the dashboard.
//!
//! Every page needs a session (kept in the database, so any node can serve it); every
//! state-changing request checks the session's form token and the request's origin.

use crate::extract::ClientIp;
use crate::extract::{Form, Path, Query};
use crate::{AppState, HttpError};
use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use serde::Deserialize;
use tsuzuri_app::Error;
use tsuzuri_app::accounts::{NewSession, SESSION_SECONDS, SignedIn, secrets_match};
use tsuzuri_app::blogs::{BlogSettingsForm, NewBlogForm};
use tsuzuri_app::entries::EntryDraft;

mod account;
mod accounts;
mod blogs;
mod categories;
mod comments;
mod entries;
mod media;
mod session;
mod signed_in_comment;
mod templates;
mod views;

/// The session cookie over plain http (trying tsuzuri out on one machine).
pub const SESSION_COOKIE: &str = "tsuzuri_session";
/// The session cookie over https: the `__Host-` prefix makes browsers refuse it unless it is
/// `Secure`, host-only and for `/`, so no blog's own host can plant or widen it.
pub const SECURE_SESSION_COOKIE: &str = "__Host-tsuzuri_session";

pub(crate) fn routes(max_upload_bytes: usize) -> Router<AppState> {
    Router::new()
        .route(
            "/admin/{blog}/media",
            get(media::library)
                .post(media::upload)
                // Room for the form's other fields and the multipart framing.
                .layer(axum::extract::DefaultBodyLimit::max(
                    max_upload_bytes.saturating_add(64 * 1024),
                )),
        )
        .route(
            "/admin/{blog}/media/{id}/delete",
            axum::routing::post(media::delete),
        )
        .route(
            "/admin/comment/{blog}/{entry}",
            get(signed_in_comment::form).post(signed_in_comment::post),
        )
        .route("/admin/{blog}/comments", get(comments::queue))
        .route("/admin/{blog}/moderation.atom", get(comments::queue_feed))
        .route(
            "/admin/{blog}/comments/moderate",
            axum::routing::post(comments::moderate),
        )
        .route("/admin/{blog}/categories", get(categories::list))
        .route(
            "/admin/{blog}/categories/{id}",
            axum::routing::post(categories::rename),
        )
        .route("/admin/{blog}/templates", get(templates::list))
        .route(
            "/admin/{blog}/templates/revert",
            axum::routing::post(templates::revert_all),
        )
        .route(
            "/admin/{blog}/templates/{name}",
            get(templates::edit).post(templates::save),
        )
        .route(
            "/admin/{blog}/templates/{name}/revert",
            axum::routing::post(templates::revert_one),
        )
        .route("/admin", get(|| async { Redirect::permanent("/admin/") }))
        .route("/admin/", get(blogs::dashboard))
        .route(
            "/admin/sign-in",
            get(accounts::sign_in_form).post(accounts::sign_in),
        )
        .route(
            "/admin/account",
            get(account::account_page).post(account::save_account),
        )
        .route("/admin/sign-out", axum::routing::post(accounts::sign_out))
        .route(
            "/admin/setup",
            get(accounts::setup_form).post(accounts::setup),
        )
        .route("/admin/{blog}/", get(blogs::blog_dashboard))
        .route("/admin/{blog}/entries", get(entries::entries_page))
        .route(
            "/admin/blogs/new",
            get(blogs::new_blog_form).post(blogs::create_blog),
        )
        .route(
            "/admin/host",
            get(accounts::host_page).post(accounts::save_host),
        )
        .route(
            "/admin/sign-up",
            get(accounts::sign_up_form).post(accounts::sign_up),
        )
        .route(
            "/admin/{blog}/entries/new",
            get(entries::new_entry_form).post(entries::create_entry),
        )
        .route(
            "/admin/{blog}/entries/{id}/edit",
            get(entries::edit_entry_form).post(entries::update_entry),
        )
        .route(
            "/admin/{blog}/entries/{id}/revisions",
            get(entries::revisions_page),
        )
        .route("/admin/{blog}/trash", get(entries::trash_page))
        .route(
            "/admin/{blog}/settings",
            get(blogs::settings_page).post(blogs::save_settings),
        )
        .route(
            "/admin/{blog}/entries/preview",
            axum::routing::post(entries::preview_entry),
        )
        .route(
            "/admin/{blog}/entries/{id}/trash",
            axum::routing::post(entries::trash_entry),
        )
        .route(
            "/admin/{blog}/entries/{id}/restore",
            axum::routing::post(entries::restore_entry),
        )
        .route(
            "/admin/{blog}/entries/{id}/revisions/{rev}",
            get(entries::revision_page),
        )
        .route(
            "/admin/{blog}/entries/{id}/revisions/{rev}/restore",
            axum::routing::post(entries::restore_revision),
        )
}

/// The device cookie: this browser has signed in to an account before, so failed passwords
/// sent by others never lock it out (a year, refreshed at each sign-in).
pub const DEVICE_COOKIE: &str = "tsuzuri_device";
pub const SECURE_DEVICE_COOKIE: &str = "__Host-tsuzuri_device";

fn device_cookie_name(s: &AppState, headers: &HeaderMap) -> &'static str {
    admin_cookie_name(s, headers, DEVICE_COOKIE, SECURE_DEVICE_COOKIE)
}

/// An admin cookie's name: the `__Host-` one over https, the plain one over http.
fn admin_cookie_name(
    s: &AppState,
    headers: &HeaderMap,
    plain: &'static str,
    secure: &'static str,
) -> &'static str {
    if admin_is_https(s, headers) {
        secure
    } else {
        plain
    }
}

/// The device secret the request carries, if any.
fn device_token<'a>(s: &AppState, headers: &'a HeaderMap) -> Option<&'a str> {
    cookie_value(headers, device_cookie_name(s, headers))
}

/// Whether the admin is served over https, which decides the session cookie's name and flags.
fn admin_is_https(s: &AppState, headers: &HeaderMap) -> bool {
    crate::origin::origins_of(s, headers)
        .admin
        .starts_with("https://")
}

fn session_cookie_name(s: &AppState, headers: &HeaderMap) -> &'static str {
    admin_cookie_name(s, headers, SESSION_COOKIE, SECURE_SESSION_COOKIE)
}

/// The session token the request carries, if any.
fn session_token<'a>(s: &AppState, headers: &'a HeaderMap) -> Option<&'a str> {
    cookie_value(headers, session_cookie_name(s, headers))
}

fn cookie_value<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// The signed-in user, or a redirect to the sign-in form that comes back here afterwards.
async fn signed_in(s: &AppState, headers: &HeaderMap, back_to: &str) -> Result<SignedIn, Response> {
    let token = session_token(s, headers).unwrap_or("");
    match s.app.session(token).await {
        Ok(Some(who)) => {
            if let Some(lang) = who.lang {
                crate::ui::use_lang(lang);
            }
            Ok(who)
        }
        Ok(None) => Err(
            Redirect::to(&format!("/admin/sign-in?next={}", encode_next(back_to))).into_response(),
        ),
        Err(e) => Err(HttpError(e).into_response()),
    }
}

fn encode_next(path: &str) -> String {
    percent_encoding::utf8_percent_encode(path, percent_encoding::NON_ALPHANUMERIC).to_string()
}

/// Only paths inside the admin are followed after sign-in: never another site.
fn safe_next(next: &str) -> &str {
    // Printable ASCII only: anything else could not even be a Location header.
    if next.starts_with("/admin/")
        && !next.contains("\\")
        && next.bytes().all(|b| b.is_ascii_graphic())
    {
        next
    } else {
        "/admin/"
    }
}

/// Refuses requests another site made the browser send (Fetch Metadata, then Origin).
fn same_origin(headers: &HeaderMap) -> bool {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok())
        && site == "cross-site"
    {
        return false;
    }
    match (
        headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()),
        headers.get(header::HOST).and_then(|v| v.to_str().ok()),
    ) {
        (Some(origin), Some(host)) => origin.split_once("://").map(|(_, h)| h) == Some(host),
        _ => true,
    }
}

fn forbidden(message: &str) -> Response {
    HttpError(Error::Forbidden(message.into())).into_response()
}

/// Admin pages are private, never cached, never framed (their Content-Security-Policy,
/// which names the blog origins, is added by `origin::admin_csp`).
fn page(s: &AppState, status: StatusCode, template: &str, ctx: impl serde::Serialize) -> Response {
    let mut ctx = match serde_json::to_value(ctx) {
        Ok(v) => v,
        Err(e) => {
            return HttpError(Error::Internal(format!("admin view {template}: {e}")))
                .into_response();
        }
    };
    if let serde_json::Value::Object(fields) = &mut ctx {
        fields.insert("host_name".into(), crate::ui::host_name().into());
    }
    match s
        .app
        .renderer
        .render_admin(template, crate::ui::lang(), &ctx)
    {
        Ok(html) => {
            let mut res = (status, Html(html)).into_response();
            let h = res.headers_mut();
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
            h.insert(
                header::REFERRER_POLICY,
                HeaderValue::from_static("same-origin"),
            );
            res
        }
        Err(e) => {
            HttpError(Error::Internal(format!("admin template {template}: {e}"))).into_response()
        }
    }
}

/// The session cookie: host-only (no `Domain`), so it stays on the admin origin's host.
fn session_cookie(s: &AppState, headers: &HeaderMap, value: &str, max_age: i64) -> HeaderValue {
    admin_cookie(s, headers, session_cookie_name(s, headers), value, max_age)
}

fn admin_cookie(
    s: &AppState,
    headers: &HeaderMap,
    name: &str,
    value: &str,
    max_age: i64,
) -> HeaderValue {
    let secure = if admin_is_https(s, headers) {
        "; Secure"
    } else {
        ""
    };
    let v = format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}");
    HeaderValue::from_str(&v).unwrap_or_else(|_| HeaderValue::from_static(""))
}

fn signed_in_redirect(
    s: &AppState,
    headers: &HeaderMap,
    session: &NewSession,
    to: &str,
) -> Response {
    let mut res = Redirect::to(to).into_response();
    let h = res.headers_mut();
    h.append(
        header::SET_COOKIE,
        session_cookie(s, headers, &session.token, SESSION_SECONDS),
    );
    h.append(
        header::SET_COOKIE,
        admin_cookie(
            s,
            headers,
            device_cookie_name(s, headers),
            &session.device,
            tsuzuri_app::accounts::DEVICE_SECONDS,
        ),
    );
    res
}

#[derive(Deserialize)]
struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

impl session::FormToken for CsrfForm {
    fn form_token(&self) -> &str {
        &self.csrf
    }
}
