//! The language tsuzuri speaks to the person behind a request, and the error pages it shows
//! them in it.
//!
//! Every request runs inside a scope holding its language: the browser's choice
//! (`Accept-Language`) among Japanese and English, else the host's default; a signed-in
//! user's own setting replaces it once the session is known. Admin pages, notices and error
//! pages read it from there, so no handler has to pass it along.

use crate::AppState;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use std::cell::Cell;
use tsuzuri_core::Lang;
use tsuzuri_render::i18n::{self, Arg};

/// What every page of tsuzuri's own needs to know about the request's reader and the host.
struct UiScope {
    lang: Cell<Lang>,
    host_name: String,
}

tokio::task_local! {
    static UI: UiScope;
}

/// The language of the request being answered (the host default outside any request).
pub(crate) fn lang() -> Lang {
    UI.try_with(|ui| ui.lang.get()).unwrap_or_default()
}

/// The host's name, as its administrator set it.
pub(crate) fn host_name() -> String {
    UI.try_with(|ui| ui.host_name.clone())
        .unwrap_or_else(|_| "tsuzuri".into())
}

/// Switches the rest of this request to `lang` (the signed-in user's choice).
pub(crate) fn use_lang(lang: Lang) {
    let _ = UI.try_with(|ui| ui.lang.set(lang));
}

/// A catalog message in the request's language.
pub(crate) fn tr(id: &str) -> String {
    i18n::tr(lang(), id)
}

/// A catalog message with variables in the request's language.
pub(crate) fn tr_with(id: &str, args: &[(&str, Arg)]) -> String {
    i18n::tr_with(lang(), id, args)
}

/// A message a use case returned: a catalog id (`host-name-invalid`) is translated, text
/// that is not one (a detail such as a template's syntax error) is shown as it is.
pub(crate) fn say(message: &str) -> String {
    i18n::catalog().say(lang(), message)
}

/// The per-request scope: picks the language, then turns error answers (see
/// [`ErrorPage`]) into HTML pages in it.
pub(crate) async fn scope(State(s): State<AppState>, req: Request, next: Next) -> Response {
    let profile = s.app.host_profile().await;
    let fallback = profile.default_lang;
    let lang = req
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map_or(fallback, |h| Lang::from_accept_language(h, fallback));
    let ui = UiScope {
        lang: Cell::new(lang),
        host_name: profile.name,
    };
    UI.scope(ui, async move {
        let res = next.run(req).await;
        render_error_page(&s, res).await
    })
    .await
}

/// Marks a response as an error to show as a page: the status is the response's, the
/// message is already in the request's language. [`scope`] renders it.
#[derive(Debug, Clone)]
pub(crate) struct ErrorPage {
    pub message: String,
}

#[derive(Serialize)]
struct ErrorView<'a> {
    status: u16,
    title: String,
    message: &'a str,
    host_name: String,
    admin_url: String,
}

async fn render_error_page(s: &AppState, res: Response) -> Response {
    let Some(page) = res.extensions().get::<ErrorPage>().cloned() else {
        return res;
    };
    let status = res.status();
    let view = ErrorView {
        status: status.as_u16(),
        title: status_title(status),
        message: &page.message,
        host_name: host_name(),
        admin_url: "/admin/".into(),
    };
    let Ok(html) = s
        .app
        .renderer
        .render_admin("admin/error.html", lang(), &view)
    else {
        return res;
    };
    let (mut parts, _) = res.into_parts();
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, axum::body::Body::from(html))
}

/// The page title for an error status ("ページが見つかりません"), or its English reason.
fn status_title(status: StatusCode) -> String {
    let id = format!("http-{}", status.as_u16());
    if i18n::catalog().has(lang(), &id) {
        tr(&id)
    } else {
        status.canonical_reason().unwrap_or("Error").to_owned()
    }
}

/// An error answer: `status` with `message` (in the request's language), as a page.
pub(crate) fn error_response(status: StatusCode, message: String) -> Response {
    let mut res = (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        message.clone(),
    )
        .into_response();
    res.extensions_mut().insert(ErrorPage { message });
    res
}
