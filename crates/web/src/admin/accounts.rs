//! Admin pages of accounts: sign-in and out, first-run setup, sign-up, host settings.

use super::session::{FormToken, Posted, RequestOrigins, Session};
use super::views::{Frame, SetupView, SignInView, SignUpView, SignedOut, errors_by_field};
use super::*;
use serde::Serialize;
use tsuzuri_render::i18n::Arg;

#[derive(Deserialize, Default)]
pub(super) struct NextQuery {
    #[serde(default)]
    next: String,
}

pub(super) async fn sign_in_form(
    State(s): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<NextQuery>,
) -> Response {
    if let Ok(Some(_)) = s
        .app
        .session(session_token(&s, &headers).unwrap_or(""))
        .await
    {
        return Redirect::to(safe_next(&q.next)).into_response();
    }
    page(
        &s,
        StatusCode::OK,
        "admin/sign_in.html",
        SignedOut::new(SignInView {
            next: safe_next(&q.next),
            login: "",
            error: None,
            sign_up_open: sign_up_open(&s).await,
        }),
    )
}

#[derive(Deserialize)]
pub(super) struct SignInForm {
    login: String,
    password: String,
    #[serde(default)]
    next: String,
}

pub(super) async fn sign_in(
    State(s): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Form(f): Form<SignInForm>,
) -> Result<Response, HttpError> {
    if !same_origin(&headers) {
        return Ok(forbidden("sign-in-cross-site"));
    }
    let next = safe_next(&f.next).to_string();
    let device = device_token(&s, &headers);
    match s.app.sign_in(&f.login, &f.password, &ip, device).await {
        Ok(session) => Ok(signed_in_redirect(&s, &headers, &session, &next)),
        Err(e @ (Error::Unauthorized(_) | Error::RateLimited(_))) => {
            Ok(sign_in_refused(&s, &f.login, &next, &e).await)
        }
        Err(e) => Err(e.into()),
    }
}

/// The sign-in form again, saying why: a wrong password, or too many (with Retry-After).
async fn sign_in_refused(s: &AppState, login: &str, next: &str, e: &Error) -> Response {
    let (status, message) = match e {
        Error::RateLimited(wait) => (
            StatusCode::TOO_MANY_REQUESTS,
            crate::ui::tr_with(
                "sign-in-rate-limited",
                &[("minutes", Arg::from((wait + 59) / 60))],
            ),
        ),
        _ => (StatusCode::UNAUTHORIZED, crate::ui::tr("sign-in-wrong")),
    };
    let mut res = page(
        s,
        status,
        "admin/sign_in.html",
        SignedOut::new(SignInView {
            next,
            login,
            error: Some(message),
            sign_up_open: sign_up_open(s).await,
        }),
    );
    if let Error::RateLimited(wait) = e
        && let Ok(v) = HeaderValue::from_str(&wait.to_string())
    {
        res.headers_mut().insert(header::RETRY_AFTER, v);
    }
    res
}

pub(super) async fn sign_out(
    State(s): State<AppState>,
    headers: HeaderMap,
    Posted(who, _): Posted<CsrfForm>,
) -> Result<Response, HttpError> {
    s.app.sign_out(&who).await?;
    let mut res = Redirect::to("/admin/sign-in").into_response();
    res.headers_mut()
        .insert(header::SET_COOKIE, session_cookie(&s, &headers, "", 0));
    Ok(res)
}

#[derive(Deserialize, Default)]
pub(super) struct TokenQuery {
    #[serde(default)]
    token: String,
}

pub(super) async fn setup_form(State(s): State<AppState>, Query(q): Query<TokenQuery>) -> Response {
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
        SignedOut::new(SetupView {
            valid,
            token: &q.token,
            login: "",
            email: "",
            error: None,
        }),
    )
}

#[derive(Deserialize)]
pub(super) struct SetupForm {
    token: String,
    login: String,
    email: String,
    password: String,
}

pub(super) async fn setup(
    State(s): State<AppState>,
    headers: HeaderMap,
    Form(f): Form<SetupForm>,
) -> Response {
    if !same_origin(&headers) {
        return forbidden("setup-cross-site");
    }
    match s
        .app
        .complete_setup(&f.token, f.login.trim(), f.email.trim(), &f.password)
        .await
    {
        Ok(session) => signed_in_redirect(&s, &headers, &session, "/admin/"),
        Err(Error::Invalid(message)) => page(
            &s,
            StatusCode::BAD_REQUEST,
            "admin/setup.html",
            SignedOut::new(SetupView {
                valid: true,
                token: &f.token,
                login: &f.login,
                email: &f.email,
                error: Some(crate::ui::say(&message)),
            }),
        ),
        Err(Error::Gone(_)) => page(
            &s,
            StatusCode::GONE,
            "admin/setup.html",
            SignedOut::new(SetupView {
                valid: false,
                token: "",
                login: "",
                email: "",
                error: None,
            }),
        ),
        Err(e) => HttpError(e).into_response(),
    }
}

pub(super) async fn host_page(
    State(s): State<AppState>,
    Session(who): Session,
) -> Result<Response, HttpError> {
    host_form(&s, &who, None).await
}

#[derive(Serialize)]
struct HostView {
    profile: HostProfileView,
    policy: tsuzuri_core::SignUpPolicy,
    /// A fresh invite link, just made.
    invite_url: Option<String>,
    blocked_ips: String,
    blocked_domains: String,
    blocked_words: String,
}

#[derive(Serialize)]
struct HostProfileView {
    name: String,
    default_lang: &'static str,
}

pub(super) async fn host_form(
    s: &AppState,
    who: &SignedIn,
    invite_url: Option<String>,
) -> Result<Response, HttpError> {
    let host = s.app.host_settings(who).await?;
    let view = HostView {
        profile: HostProfileView {
            name: host.profile.name,
            default_lang: host.profile.default_lang.as_str(),
        },
        policy: host.sign_up,
        invite_url,
        blocked_ips: host.blocklist.ips.join("\n"),
        blocked_domains: host.blocklist.domains.join("\n"),
        blocked_words: host.blocklist.words.join("\n"),
    };
    Ok(page(
        s,
        StatusCode::OK,
        "admin/host.html",
        Frame::new(who, view),
    ))
}

#[derive(Deserialize)]
pub(super) struct HostFields {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    action: String,
    #[serde(default)]
    policy: String,
    #[serde(default)]
    host_name: String,
    #[serde(default)]
    default_lang: String,
    #[serde(default)]
    blocked_ips: String,
    #[serde(default)]
    blocked_domains: String,
    #[serde(default)]
    blocked_words: String,
}

impl FormToken for HostFields {
    fn form_token(&self) -> &str {
        &self.csrf
    }
}

/// One form per section of the host page, told apart by `action`.
pub(super) async fn save_host(
    State(s): State<AppState>,
    RequestOrigins(origins): RequestOrigins,
    Posted(who, f): Posted<HostFields>,
) -> Result<Response, HttpError> {
    match f.action.as_str() {
        "blocklist" => {
            let (ips, domains, words) = (&f.blocked_ips, &f.blocked_domains, &f.blocked_words);
            s.app.set_blocklist(&who, ips, domains, words).await?;
        }
        "profile" => {
            s.app
                .set_host_profile(&who, &f.host_name, &f.default_lang)
                .await?;
        }
        "invite" => {
            let token = s.app.create_invite(&who).await?;
            let invite_url = origins.admin_url(&format!("/admin/sign-up?invite={token}"));
            return host_form(&s, &who, Some(invite_url)).await;
        }
        _ => {
            s.app.set_sign_up_policy(&who, &f.policy).await?;
        }
    }
    Ok(Redirect::to("/admin/host").into_response())
}

#[derive(Deserialize, Default)]
pub(super) struct InviteQuery {
    #[serde(default)]
    invite: String,
}

pub(super) async fn sign_up_page(
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
    let status = if allowed || status != StatusCode::OK {
        status
    } else {
        StatusCode::FORBIDDEN
    };
    page(
        s,
        status,
        "admin/sign_up.html",
        SignedOut::new(SignUpView {
            allowed,
            policy,
            invite,
            login,
            email,
            errors: errors_by_field(errors),
        }),
    )
}

pub(super) async fn sign_up_form(
    State(s): State<AppState>,
    Query(q): Query<InviteQuery>,
) -> Response {
    sign_up_page(&s, StatusCode::OK, &q.invite, "", "", &[]).await
}

#[derive(Deserialize)]
pub(super) struct SignUpFields {
    #[serde(default)]
    invite: String,
    #[serde(default)]
    login: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

pub(super) async fn sign_up(
    State(s): State<AppState>,
    headers: HeaderMap,
    Form(f): Form<SignUpFields>,
) -> Response {
    if !same_origin(&headers) {
        return forbidden("sign-up-cross-site");
    }
    match s
        .app
        .sign_up(&f.invite, f.login.trim(), f.email.trim(), &f.password)
        .await
    {
        Ok(session) => signed_in_redirect(&s, &headers, &session, "/admin/"),
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
pub(super) async fn sign_up_open(s: &AppState) -> bool {
    matches!(
        s.app.sign_up_policy().await,
        Ok(tsuzuri_app::sign_up::SignUpPolicy::Open)
    )
}
