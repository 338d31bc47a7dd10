//! The writers' side under `/admin/`: first-run setup, sign-in and sign-out, the dashboard.
//!
//! Every page needs a session (kept in the database, so any node can serve it); every
//! state-changing request checks the session's form token and the request's origin.

use crate::{AppState, HttpError};
use axum::Router;
use axum::extract::{ConnectInfo, Form, FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use serde::Deserialize;
use serde_json::json;
use std::net::SocketAddr;
use tsuzuri_app::Error;
use tsuzuri_app::accounts::{NewSession, SESSION_SECONDS, SignedIn, secrets_match};
use tsuzuri_app::blogs::{BlogSettingsForm, NewBlogForm};
use tsuzuri_app::entries::EntryDraft;

pub const SESSION_COOKIE: &str = "tsuzuri_session";

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin", get(|| async { Redirect::permanent("/admin/") }))
        .route("/admin/", get(dashboard))
        .route("/admin/sign-in", get(sign_in_form).post(sign_in))
        .route("/admin/sign-out", axum::routing::post(sign_out))
        .route("/admin/setup", get(setup_form).post(setup))
        .route("/admin/{blog}/", get(blog_dashboard))
        .route("/admin/{blog}/entries", get(entries_page))
        .route("/admin/blogs/new", get(new_blog_form).post(create_blog))
        .route("/admin/host", get(host_page).post(save_host))
        .route("/admin/sign-up", get(sign_up_form).post(sign_up))
        .route(
            "/admin/{blog}/entries/new",
            get(new_entry_form).post(create_entry),
        )
        .route(
            "/admin/{blog}/entries/{id}/edit",
            get(edit_entry_form).post(update_entry),
        )
        .route("/admin/{blog}/entries/{id}/revisions", get(revisions_page))
        .route("/admin/{blog}/trash", get(trash_page))
        .route(
            "/admin/{blog}/settings",
            get(settings_page).post(save_settings),
        )
        .route(
            "/admin/{blog}/entries/preview",
            axum::routing::post(preview_entry),
        )
        .route(
            "/admin/{blog}/entries/{id}/trash",
            axum::routing::post(trash_entry),
        )
        .route(
            "/admin/{blog}/entries/{id}/restore",
            axum::routing::post(restore_entry),
        )
        .route(
            "/admin/{blog}/entries/{id}/revisions/{rev}",
            get(revision_page),
        )
        .route(
            "/admin/{blog}/entries/{id}/revisions/{rev}/restore",
            axum::routing::post(restore_revision),
        )
}

/// The client's address as the socket saw it. (Behind a reverse proxy every request comes
/// from the proxy; per-address limits then apply to the proxy as a whole.)
pub(crate) struct ClientIp(pub String);

impl<S: Send + Sync> FromRequestParts<S> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let ip = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip().to_string())
            .unwrap_or_else(|| "unknown".into());
        Ok(ClientIp(ip))
    }
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
    let token = cookie_value(headers, SESSION_COOKIE).unwrap_or("");
    match s.app.session(token).await {
        Ok(Some(who)) => Ok(who),
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
    if next.starts_with("/admin/") && !next.starts_with("//") && !next.contains("\\") {
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

/// Admin pages are private, never cached, never framed.
fn page(s: &AppState, status: StatusCode, template: &str, ctx: serde_json::Value) -> Response {
    match s.app.renderer.render_admin(template, &ctx) {
        Ok(html) => {
            let mut res = (status, Html(html)).into_response();
            let h = res.headers_mut();
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
            h.insert(
                header::REFERRER_POLICY,
                HeaderValue::from_static("same-origin"),
            );
            h.insert(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static("default-src 'self'; img-src 'self' data: https: http:; form-action 'self'; frame-ancestors 'none'"),
            );
            res
        }
        Err(e) => {
            HttpError(Error::Internal(format!("admin template {template}: {e}"))).into_response()
        }
    }
}

fn user_json(who: &SignedIn) -> serde_json::Value {
    json!({ "login": who.login, "display_name": who.display_name, "is_admin": who.is_admin })
}

fn session_cookie(s: &AppState, session: &NewSession) -> HeaderValue {
    let secure = if s
        .config
        .public_url
        .as_deref()
        .is_some_and(|u| u.starts_with("https://"))
    {
        "; Secure"
    } else {
        ""
    };
    let v = format!(
        "{SESSION_COOKIE}={}; Path=/; HttpOnly; SameSite=Lax; Max-Age={SESSION_SECONDS}{secure}",
        session.token
    );
    HeaderValue::from_str(&v).unwrap_or_else(|_| HeaderValue::from_static(""))
}

fn signed_in_redirect(s: &AppState, session: &NewSession, to: &str) -> Response {
    let mut res = Redirect::to(to).into_response();
    res.headers_mut()
        .insert(header::SET_COOKIE, session_cookie(s, session));
    res
}

#[derive(Deserialize, Default)]
struct NextQuery {
    #[serde(default)]
    next: String,
}

async fn sign_in_form(
    State(s): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<NextQuery>,
) -> Response {
    if let Ok(Some(_)) = s
        .app
        .session(cookie_value(&headers, SESSION_COOKIE).unwrap_or(""))
        .await
    {
        return Redirect::to(safe_next(&q.next)).into_response();
    }
    page(
        &s,
        StatusCode::OK,
        "admin/sign_in.html",
        json!({ "user": null, "next": safe_next(&q.next), "login": "", "error": null, "notice": null,
                "sign_up_open": sign_up_open(&s).await }),
    )
}

#[derive(Deserialize)]
struct SignInForm {
    login: String,
    password: String,
    #[serde(default)]
    next: String,
}

async fn sign_in(
    State(s): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Form(f): Form<SignInForm>,
) -> Response {
    if !same_origin(&headers) {
        return forbidden("cross-site sign-in refused");
    }
    let next = safe_next(&f.next).to_string();
    match s.app.sign_in(&f.login, &f.password, &ip).await {
        Ok(session) => signed_in_redirect(&s, &session, &next),
        Err(e @ (Error::Unauthorized(_) | Error::RateLimited(_))) => {
            let (status, message) = match &e {
                Error::RateLimited(wait) => (
                    StatusCode::TOO_MANY_REQUESTS,
                    format!(
                        "Too many failed sign-ins. Try again in {} minute(s).",
                        (wait + 59) / 60
                    ),
                ),
                _ => (
                    StatusCode::UNAUTHORIZED,
                    "The login or the password is wrong.".to_string(),
                ),
            };
            let mut res = page(
                &s,
                status,
                "admin/sign_in.html",
                json!({ "user": null, "next": next, "login": f.login, "error": message, "notice": null,
                        "sign_up_open": sign_up_open(&s).await }),
            );
            if let Error::RateLimited(wait) = e
                && let Ok(v) = HeaderValue::from_str(&wait.to_string())
            {
                res.headers_mut().insert(header::RETRY_AFTER, v);
            }
            res
        }
        Err(e) => HttpError(e).into_response(),
    }
}

#[derive(Deserialize)]
struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

async fn sign_out(
    State(s): State<AppState>,
    headers: HeaderMap,
    Form(f): Form<CsrfForm>,
) -> Response {
    let who = match signed_in(&s, &headers, "/admin/").await {
        Ok(w) => w,
        Err(r) => return r,
    };
    if !same_origin(&headers) || !secrets_match(&f.csrf, &who.csrf_token) {
        return forbidden("the form token is missing or wrong; reload the page and try again");
    }
    if let Err(e) = s.app.sign_out(&who).await {
        return HttpError(e).into_response();
    }
    let mut res = Redirect::to("/admin/sign-in").into_response();
    res.headers_mut().insert(
        header::SET_COOKIE,
        HeaderValue::from_static("tsuzuri_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0"),
    );
    res
}

#[derive(Deserialize, Default)]
struct TokenQuery {
    #[serde(default)]
    token: String,
}

async fn setup_form(State(s): State<AppState>, Query(q): Query<TokenQuery>) -> Response {
    let valid = match s.app.setup_token_is_valid(&q.token).await {
        Ok(v) => v,
        Err(e) => return HttpError(e).into_response(),
    };
    let status = if valid {
        StatusCode::OK
    } else {
        StatusCode::GONE
    };
    page(
        &s,
        status,
        "admin/setup.html",
        json!({ "user": null, "valid": valid, "token": q.token, "login": "", "email": "", "error": null, "notice": null }),
    )
}

#[derive(Deserialize)]
struct SetupForm {
    token: String,
    login: String,
    email: String,
    password: String,
}

async fn setup(
    State(s): State<AppState>,
    headers: HeaderMap,
    Form(f): Form<SetupForm>,
) -> Response {
    if !same_origin(&headers) {
        return forbidden("cross-site setup refused");
    }
    match s
        .app
        .complete_setup(&f.token, f.login.trim(), f.email.trim(), &f.password)
        .await
    {
        Ok(session) => signed_in_redirect(&s, &session, "/admin/"),
        Err(Error::Invalid(message)) => page(
            &s,
            StatusCode::BAD_REQUEST,
            "admin/setup.html",
            json!({ "user": null, "valid": true, "token": f.token, "login": f.login, "email": f.email, "error": message, "notice": null }),
        ),
        Err(Error::Gone(_)) => page(
            &s,
            StatusCode::GONE,
            "admin/setup.html",
            json!({ "user": null, "valid": false, "token": "", "login": "", "email": "", "error": null, "notice": null }),
        ),
        Err(e) => HttpError(e).into_response(),
    }
}

async fn dashboard(State(s): State<AppState>, headers: HeaderMap) -> Response {
    let who = match signed_in(&s, &headers, "/admin/").await {
        Ok(w) => w,
        Err(r) => return r,
    };
    match s.app.my_blogs(&who).await {
        Ok(blogs) => {
            let blogs: Vec<_> = blogs
                .iter()
                .map(|b| json!({ "slug": b.slug, "title": b.title, "role": b.role, "lang": b.lang, "timezone": b.timezone }))
                .collect();
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

async fn blog_dashboard(
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
    let entries: Vec<_> = o
        .recent
        .iter()
        .map(|e| {
            let public = e.status == "publish" && e.authored_on <= o.now;
            json!({
                "id": e.id,
                "title": e.title,
                "status": e.status,
                "public_url": public.then(|| format!("/{}/{}", blog.slug, tsuzuri_app::site::encode_path(&e.path))),
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
        json!({ "user": user_json(&who), "csrf": who.csrf_token, "blog": { "slug": blog.slug, "title": blog.title }, "role": blog.role, "entries": entries, "counts": counts, "notice": null }),
    )
}

/// The editor form as browsers send it (unchecked boxes are simply absent).
#[derive(Deserialize)]
struct EntryFormFields {
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
}

impl EntryFormFields {
    fn into_draft(self) -> (String, EntryDraft) {
        let draft = EntryDraft {
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
        };
        (self.csrf, draft)
    }
}

#[derive(Deserialize, Default)]
struct SavedQuery {
    #[serde(default)]
    saved: Option<String>,
}

#[allow(clippy::too_many_arguments)]
fn entry_form_page(
    s: &AppState,
    status: StatusCode,
    who: &SignedIn,
    blog: &tsuzuri_app::admin::MemberBlogRow,
    entry_id: Option<i64>,
    draft: &EntryDraft,
    errors: &[(String, String)],
    notice: Option<String>,
    public_url: Option<String>,
) -> Response {
    let action = match entry_id {
        Some(id) => format!("/admin/{}/entries/{id}/edit", blog.slug),
        None => format!("/admin/{}/entries/new", blog.slug),
    };
    let errors: serde_json::Map<String, serde_json::Value> =
        errors.iter().map(|(f, m)| (f.clone(), json!(m))).collect();
    page(
        s,
        status,
        "admin/entry_form.html",
        json!({
            "user": user_json(who), "csrf": who.csrf_token, "notice": notice,
            "blog": { "slug": blog.slug, "title": blog.title, "timezone": blog.timezone },
            "entry_id": entry_id, "action": action, "draft": draft, "errors": errors,
            "public_url": public_url,
        }),
    )
}

async fn new_entry_form(
    State(s): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
) -> Response {
    let who = match signed_in(&s, &headers, &format!("/admin/{slug}/entries/new")).await {
        Ok(w) => w,
        Err(r) => return r,
    };
    match s.app.blog_overview(&who, &slug).await {
        Ok(o) => entry_form_page(
            &s,
            StatusCode::OK,
            &who,
            &o.blog,
            None,
            &EntryDraft::blank(),
            &[],
            None,
            None,
        ),
        Err(e) => HttpError(e).into_response(),
    }
}

async fn edit_entry_form(
    State(s): State<AppState>,
    headers: HeaderMap,
    Path((slug, id)): Path<(String, i64)>,
    Query(q): Query<SavedQuery>,
) -> Response {
    let who = match signed_in(&s, &headers, &format!("/admin/{slug}/entries/{id}/edit")).await {
        Ok(w) => w,
        Err(r) => return r,
    };
    let (o, draft) = match (
        s.app.blog_overview(&who, &slug).await,
        s.app.entry_draft(&who, &slug, id).await,
    ) {
        (Ok(o), Ok(d)) => (o, d),
        (Err(e), _) | (_, Err(e)) => return HttpError(e).into_response(),
    };
    let notice = q.saved.map(|_| "Saved.".to_string());
    let public_url = s.app.public_path_of(&o.blog, id).await.ok().flatten();
    entry_form_page(
        &s,
        StatusCode::OK,
        &who,
        &o.blog,
        Some(id),
        &draft,
        &[],
        notice,
        public_url,
    )
}

async fn create_entry(
    State(s): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
    Form(f): Form<EntryFormFields>,
) -> Response {
    save(s, headers, slug, None, f).await
}

async fn update_entry(
    State(s): State<AppState>,
    headers: HeaderMap,
    Path((slug, id)): Path<(String, i64)>,
    Form(f): Form<EntryFormFields>,
) -> Response {
    save(s, headers, slug, Some(id), f).await
}

async fn save(
    s: AppState,
    headers: HeaderMap,
    slug: String,
    id: Option<i64>,
    f: EntryFormFields,
) -> Response {
    let who = match signed_in(&s, &headers, &format!("/admin/{slug}/")).await {
        Ok(w) => w,
        Err(r) => return r,
    };
    let (csrf, draft) = f.into_draft();
    if !same_origin(&headers) || !secrets_match(&csrf, &who.csrf_token) {
        return forbidden("the form token is missing or wrong; reload the page and try again");
    }
    match s.app.save_entry(&who, &slug, id, &draft).await {
        Ok(saved) => Redirect::to(&format!("/admin/{slug}/entries/{}/edit?saved=1", saved.id))
            .into_response(),
        Err(Error::InvalidForm(errors)) => match s.app.blog_overview(&who, &slug).await {
            Ok(o) => entry_form_page(
                &s,
                StatusCode::BAD_REQUEST,
                &who,
                &o.blog,
                id,
                &draft,
                &errors,
                None,
                None,
            ),
            Err(e) => HttpError(e).into_response(),
        },
        Err(e) => HttpError(e).into_response(),
    }
}

async fn revisions_page(
    State(s): State<AppState>,
    headers: HeaderMap,
    Path((slug, id)): Path<(String, i64)>,
) -> Response {
    let who = match signed_in(
        &s,
        &headers,
        &format!("/admin/{slug}/entries/{id}/revisions"),
    )
    .await
    {
        Ok(w) => w,
        Err(r) => return r,
    };
    let (o, revisions) = match (
        s.app.blog_overview(&who, &slug).await,
        s.app.revisions(&who, &slug, id).await,
    ) {
        (Ok(o), Ok(r)) => (o, r),
        (Err(e), _) | (_, Err(e)) => return HttpError(e).into_response(),
    };
    page(
        &s,
        StatusCode::OK,
        "admin/revisions.html",
        json!({ "user": user_json(&who), "csrf": who.csrf_token, "notice": null,
                "blog": { "slug": o.blog.slug, "title": o.blog.title }, "entry_id": id, "revisions": revisions }),
    )
}

async fn revision_page(
    State(s): State<AppState>,
    headers: HeaderMap,
    Path((slug, id, rev)): Path<(String, i64, i64)>,
) -> Response {
    let who = match signed_in(
        &s,
        &headers,
        &format!("/admin/{slug}/entries/{id}/revisions/{rev}"),
    )
    .await
    {
        Ok(w) => w,
        Err(r) => return r,
    };
    let (o, cmp) = match (
        s.app.blog_overview(&who, &slug).await,
        s.app.compare_revision(&who, &slug, id, rev).await,
    ) {
        (Ok(o), Ok(c)) => (o, c),
        (Err(e), _) | (_, Err(e)) => return HttpError(e).into_response(),
    };
    page(
        &s,
        StatusCode::OK,
        "admin/revision.html",
        json!({ "user": user_json(&who), "csrf": who.csrf_token, "notice": null,
                "blog": { "slug": o.blog.slug, "title": o.blog.title }, "entry_id": id, "cmp": cmp }),
    )
}

async fn restore_revision(
    State(s): State<AppState>,
    headers: HeaderMap,
    Path((slug, id, rev)): Path<(String, i64, i64)>,
    Form(f): Form<CsrfForm>,
) -> Response {
    let who = match signed_in(
        &s,
        &headers,
        &format!("/admin/{slug}/entries/{id}/revisions/{rev}"),
    )
    .await
    {
        Ok(w) => w,
        Err(r) => return r,
    };
    if !same_origin(&headers) || !secrets_match(&f.csrf, &who.csrf_token) {
        return forbidden("the form token is missing or wrong; reload the page and try again");
    }
    match s.app.restore_revision(&who, &slug, id, rev).await {
        Ok(saved) => Redirect::to(&format!("/admin/{slug}/entries/{}/edit?saved=1", saved.id))
            .into_response(),
        Err(e) => HttpError(e).into_response(),
    }
}

async fn trash_page(
    State(s): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
) -> Response {
    let who = match signed_in(&s, &headers, &format!("/admin/{slug}/trash")).await {
        Ok(w) => w,
        Err(r) => return r,
    };
    let (o, entries) = match (
        s.app.blog_overview(&who, &slug).await,
        s.app.trash(&who, &slug).await,
    ) {
        (Ok(o), Ok(t)) => (o, t),
        (Err(e), _) | (_, Err(e)) => return HttpError(e).into_response(),
    };
    page(
        &s,
        StatusCode::OK,
        "admin/trash.html",
        json!({ "user": user_json(&who), "csrf": who.csrf_token, "notice": null,
                "blog": { "slug": o.blog.slug, "title": o.blog.title }, "entries": entries }),
    )
}

/// POST actions on one entry that need only the form token: trash and restore.
async fn entry_action(
    s: AppState,
    headers: HeaderMap,
    slug: String,
    id: i64,
    csrf: String,
    restore: bool,
) -> Response {
    let who = match signed_in(&s, &headers, &format!("/admin/{slug}/")).await {
        Ok(w) => w,
        Err(r) => return r,
    };
    if !same_origin(&headers) || !secrets_match(&csrf, &who.csrf_token) {
        return forbidden("the form token is missing or wrong; reload the page and try again");
    }
    let result = if restore {
        s.app.restore_entry(&who, &slug, id).await
    } else {
        s.app.trash_entry(&who, &slug, id).await
    };
    match result {
        Ok(()) if restore => {
            Redirect::to(&format!("/admin/{slug}/entries/{id}/edit")).into_response()
        }
        Ok(()) => Redirect::to(&format!("/admin/{slug}/trash")).into_response(),
        Err(e) => HttpError(e).into_response(),
    }
}

async fn trash_entry(
    State(s): State<AppState>,
    headers: HeaderMap,
    Path((slug, id)): Path<(String, i64)>,
    Form(f): Form<CsrfForm>,
) -> Response {
    entry_action(s, headers, slug, id, f.csrf, false).await
}

async fn restore_entry(
    State(s): State<AppState>,
    headers: HeaderMap,
    Path((slug, id)): Path<(String, i64)>,
    Form(f): Form<CsrfForm>,
) -> Response {
    entry_action(s, headers, slug, id, f.csrf, true).await
}

async fn settings_page(
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

fn settings_form(
    s: &AppState,
    status: StatusCode,
    who: &SignedIn,
    blog: &tsuzuri_app::admin::MemberBlogRow,
    form: &BlogSettingsForm,
    errors: &[(String, String)],
    notice: Option<&str>,
) -> Response {
    let errors: serde_json::Map<String, serde_json::Value> =
        errors.iter().map(|(f, m)| (f.clone(), json!(m))).collect();
    page(
        s,
        status,
        "admin/settings.html",
        json!({ "user": user_json(who), "csrf": who.csrf_token, "notice": notice,
                "blog": { "slug": blog.slug, "title": blog.title }, "form": form, "errors": errors,
                "themes": tsuzuri_render::THEMES }),
    )
}

#[derive(Deserialize)]
struct SettingsFields {
    #[serde(default)]
    csrf: String,
    #[serde(flatten)]
    form: BlogSettingsForm,
}

async fn save_settings(
    State(s): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
    Form(f): Form<SettingsFields>,
) -> Response {
    let who = match signed_in(&s, &headers, &format!("/admin/{slug}/settings")).await {
        Ok(w) => w,
        Err(r) => return r,
    };
    if !same_origin(&headers) || !secrets_match(&f.csrf, &who.csrf_token) {
        return forbidden("the form token is missing or wrong; reload the page and try again");
    }
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
            Some("Settings saved."),
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

/// The editor's preview: the unsaved form rendered with the blog's own theme.
async fn preview_entry(
    State(s): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
    Form(f): Form<EntryFormFields>,
) -> Response {
    let who = match signed_in(&s, &headers, &format!("/admin/{slug}/entries/new")).await {
        Ok(w) => w,
        Err(r) => return r,
    };
    let (csrf, draft) = f.into_draft();
    if !same_origin(&headers) || !secrets_match(&csrf, &who.csrf_token) {
        return forbidden("the form token is missing or wrong; reload the page and try again");
    }
    let base = crate::public::base_url(&s, &headers);
    match s.app.preview_entry(&who, &slug, &base, &draft).await {
        Ok(html) => {
            let mut res = Html(html).into_response();
            let h = res.headers_mut();
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            h.insert("x-robots-tag", HeaderValue::from_static("noindex"));
            h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
            res
        }
        Err(e) => HttpError(e).into_response(),
    }
}

fn new_blog_page(
    s: &AppState,
    status: StatusCode,
    who: &SignedIn,
    form: &NewBlogForm,
    errors: &[(String, String)],
) -> Response {
    let errors: serde_json::Map<String, serde_json::Value> =
        errors.iter().map(|(f, m)| (f.clone(), json!(m))).collect();
    page(
        s,
        status,
        "admin/new_blog.html",
        json!({ "user": user_json(who), "csrf": who.csrf_token, "notice": null, "form": form, "errors": errors }),
    )
}

async fn new_blog_form(State(s): State<AppState>, headers: HeaderMap) -> Response {
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
struct NewBlogFields {
    #[serde(default)]
    csrf: String,
    #[serde(flatten)]
    form: NewBlogForm,
}

async fn create_blog(
    State(s): State<AppState>,
    headers: HeaderMap,
    Form(f): Form<NewBlogFields>,
) -> Response {
    let who = match signed_in(&s, &headers, "/admin/blogs/new").await {
        Ok(w) => w,
        Err(r) => return r,
    };
    if !same_origin(&headers) || !secrets_match(&f.csrf, &who.csrf_token) {
        return forbidden("the form token is missing or wrong; reload the page and try again");
    }
    match s.app.create_own_blog(&who, &f.form).await {
        Ok(blog) => Redirect::to(&format!("/admin/{}/", blog.slug)).into_response(),
        Err(Error::InvalidForm(errors)) => {
            new_blog_page(&s, StatusCode::BAD_REQUEST, &who, &f.form, &errors)
        }
        Err(e) => HttpError(e).into_response(),
    }
}

async fn host_page(State(s): State<AppState>, headers: HeaderMap) -> Response {
    let who = match signed_in(&s, &headers, "/admin/host").await {
        Ok(w) => w,
        Err(r) => return r,
    };
    if !who.is_admin {
        return forbidden("only host administrators can change host settings");
    }
    host_form(&s, &who, None).await
}

async fn host_form(s: &AppState, who: &SignedIn, invite_url: Option<String>) -> Response {
    match s.app.sign_up_policy().await {
        Ok(policy) => page(
            s,
            StatusCode::OK,
            "admin/host.html",
            json!({ "user": user_json(who), "csrf": who.csrf_token, "notice": null,
                    "policy": policy.as_str(), "invite_url": invite_url }),
        ),
        Err(e) => HttpError(e).into_response(),
    }
}

#[derive(Deserialize)]
struct HostFields {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    action: String,
    #[serde(default)]
    policy: String,
}

async fn save_host(
    State(s): State<AppState>,
    headers: HeaderMap,
    Form(f): Form<HostFields>,
) -> Response {
    let who = match signed_in(&s, &headers, "/admin/host").await {
        Ok(w) => w,
        Err(r) => return r,
    };
    if !same_origin(&headers) || !secrets_match(&f.csrf, &who.csrf_token) {
        return forbidden("the form token is missing or wrong; reload the page and try again");
    }
    if f.action == "invite" {
        return match s.app.create_invite(&who).await {
            Ok(token) => {
                let base = crate::public::base_url(&s, &headers);
                host_form(
                    &s,
                    &who,
                    Some(format!("{base}/admin/sign-up?invite={token}")),
                )
                .await
            }
            Err(e) => HttpError(e).into_response(),
        };
    }
    match s.app.set_sign_up_policy(&who, &f.policy).await {
        Ok(_) => Redirect::to("/admin/host").into_response(),
        Err(e) => HttpError(e).into_response(),
    }
}

#[derive(Deserialize, Default)]
struct InviteQuery {
    #[serde(default)]
    invite: String,
}

async fn sign_up_page(
    s: &AppState,
    status: StatusCode,
    invite: &str,
    login: &str,
    email: &str,
    errors: &[(String, String)],
) -> Response {
    let (allowed, policy) = match (
        s.app.may_sign_up(invite).await,
        s.app.sign_up_policy().await,
    ) {
        (Ok(a), Ok(p)) => (a, p),
        (Err(e), _) | (_, Err(e)) => return HttpError(e).into_response(),
    };
    let errors: serde_json::Map<String, serde_json::Value> =
        errors.iter().map(|(f, m)| (f.clone(), json!(m))).collect();
    let status = if allowed || status != StatusCode::OK {
        status
    } else {
        StatusCode::FORBIDDEN
    };
    page(
        s,
        status,
        "admin/sign_up.html",
        json!({ "user": null, "notice": null, "allowed": allowed, "policy": policy.as_str(),
                "invite": invite, "login": login, "email": email, "errors": errors }),
    )
}

async fn sign_up_form(State(s): State<AppState>, Query(q): Query<InviteQuery>) -> Response {
    sign_up_page(&s, StatusCode::OK, &q.invite, "", "", &[]).await
}

#[derive(Deserialize)]
struct SignUpFields {
    #[serde(default)]
    invite: String,
    #[serde(default)]
    login: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

async fn sign_up(
    State(s): State<AppState>,
    headers: HeaderMap,
    Form(f): Form<SignUpFields>,
) -> Response {
    if !same_origin(&headers) {
        return forbidden("cross-site sign-up refused");
    }
    match s
        .app
        .sign_up(&f.invite, f.login.trim(), f.email.trim(), &f.password)
        .await
    {
        Ok(session) => signed_in_redirect(&s, &session, "/admin/"),
        Err(Error::InvalidForm(errors)) => {
            sign_up_page(
                &s,
                StatusCode::BAD_REQUEST,
                &f.invite,
                &f.login,
                &f.email,
                &errors,
            )
            .await
        }
        Err(e) => HttpError(e).into_response(),
    }
}

/// Whether the sign-in page offers a link to open an account.
async fn sign_up_open(s: &AppState) -> bool {
    matches!(
        s.app.sign_up_policy().await,
        Ok(tsuzuri_app::sign_up::SignUpPolicy::Open)
    )
}

#[derive(Deserialize, Default)]
struct ListQuery {
    #[serde(default)]
    status: String,
    #[serde(default)]
    q: String,
    #[serde(default)]
    page: Option<i64>,
}

async fn entries_page(
    State(s): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
    Query(q): Query<ListQuery>,
) -> Response {
    let who = match signed_in(&s, &headers, &format!("/admin/{slug}/entries")).await {
        Ok(w) => w,
        Err(r) => return r,
    };
    let list = match s
        .app
        .entry_list(&who, &slug, &q.status, &q.q, q.page.unwrap_or(1))
        .await
    {
        Ok(l) => l,
        Err(e) => return HttpError(e).into_response(),
    };
    let entries: Vec<_> = list
        .entries
        .iter()
        .map(|e| {
            let public = e.status == "publish" && e.authored_on <= list.now;
            json!({
                "id": e.id,
                "title": e.title,
                "status": e.status,
                "public_url": public.then(|| format!("/{}/{}", list.blog.slug, tsuzuri_app::site::encode_path(&e.path))),
                "date_display": tsuzuri_render::dates::format_datetime(e.authored_on, &list.settings),
                "date_iso": tsuzuri_render::dates::iso(e.authored_on, &list.settings.timezone),
            })
        })
        .collect();
    page(
        &s,
        StatusCode::OK,
        "admin/entries.html",
        json!({ "user": user_json(&who), "csrf": who.csrf_token, "notice": null,
                "blog": { "slug": list.blog.slug, "title": list.blog.title },
                "entries": entries, "total": list.total, "page": list.page, "pages": list.pages,
                "status": q.status, "q": q.q }),
    )
}
