//! Admin pages of accounts: sign-in and out, first-run setup, sign-up, host settings.

use super::*;
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
        json!({ "user": null, "next": safe_next(&q.next), "login": "", "error": null, "notice": null,
                "sign_up_open": sign_up_open(&s).await }),
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
) -> Response {
    if !same_origin(&headers) {
        return forbidden("sign-in-cross-site");
    }
    let next = safe_next(&f.next).to_string();
    match s
        .app
        .sign_in(&f.login, &f.password, &ip, device_token(&s, &headers))
        .await
    {
        Ok(session) => signed_in_redirect(&s, &headers, &session, &next),
        Err(e @ (Error::Unauthorized(_) | Error::RateLimited(_))) => {
            let (status, message) = match &e {
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

pub(super) async fn sign_out(
    State(s): State<AppState>,
    headers: HeaderMap,
    Form(f): Form<CsrfForm>,
) -> Response {
    let who = match signed_in_for_post(&s, &headers, "/admin/", &f.csrf).await {
        Ok(w) => w,
        Err(r) => return r,
    };
    if let Err(e) = s.app.sign_out(&who).await {
        return HttpError(e).into_response();
    }
    let mut res = Redirect::to("/admin/sign-in").into_response();
    res.headers_mut()
        .insert(header::SET_COOKIE, session_cookie(&s, &headers, "", 0));
    res
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
        json!({ "user": null, "valid": valid, "token": q.token, "login": "", "email": "", "error": null, "notice": null }),
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
            json!({ "user": null, "valid": true, "token": f.token, "login": f.login, "email": f.email,
                    "error": crate::ui::say(&message), "notice": null }),
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

pub(super) async fn host_page(State(s): State<AppState>, headers: HeaderMap) -> Response {
    let who = match signed_in(&s, &headers, "/admin/host").await {
        Ok(w) => w,
        Err(r) => return r,
    };
    if !who.is_admin {
        return forbidden("host-settings-admins-only");
    }
    host_form(&s, &who, None).await
}

pub(super) async fn host_form(
    s: &AppState,
    who: &SignedIn,
    invite_url: Option<String>,
) -> Response {
    let profile = s.app.host_profile().await;
    match (s.app.sign_up_policy().await, s.app.blocklist().await) {
        (Ok(policy), Ok(blocklist)) => page(
            s,
            StatusCode::OK,
            "admin/host.html",
            json!({ "user": user_json(who), "csrf": who.csrf_token, "notice": null,
                    "profile": { "name": profile.name, "default_lang": profile.default_lang.as_str() },
                    "policy": policy.as_str(), "invite_url": invite_url,
                    "blocked_ips": blocklist.ips.join("\n"),
                    "blocked_domains": blocklist.domains.join("\n"),
                    "blocked_words": blocklist.words.join("\n") }),
        ),
        (Err(e), _) | (_, Err(e)) => HttpError(e).into_response(),
    }
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

pub(super) async fn save_host(
    State(s): State<AppState>,
    headers: HeaderMap,
    Form(f): Form<HostFields>,
) -> Response {
    let who = match signed_in_for_post(&s, &headers, "/admin/host", &f.csrf).await {
        Ok(w) => w,
        Err(r) => return r,
    };
    if f.action == "blocklist" {
        return match s
            .app
            .set_blocklist(&who, &f.blocked_ips, &f.blocked_domains, &f.blocked_words)
            .await
        {
            Ok(()) => Redirect::to("/admin/host").into_response(),
            Err(e) => HttpError(e).into_response(),
        };
    }
    if f.action == "profile" {
        return match s
            .app
            .set_host_profile(&who, &f.host_name, &f.default_lang)
            .await
        {
            Ok(_) => Redirect::to("/admin/host").into_response(),
            Err(e) => HttpError(e).into_response(),
        };
    }
    if f.action == "invite" {
        return match s.app.create_invite(&who).await {
            Ok(token) => {
                let origins = crate::origin::origins_of(&s, &headers);
                host_form(
                    &s,
                    &who,
                    Some(origins.admin_url(&format!("/admin/sign-up?invite={token}"))),
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
    let errors: serde_json::Map<String, serde_json::Value> = errors
        .iter()
        .map(|(f, m)| (f.clone(), json!(crate::ui::say(m))))
        .collect();
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
