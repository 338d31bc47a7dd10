//! `/admin/account`: a user's own settings (the language of the admin and of e-mails).

use super::{page, signed_in, signed_in_for_post, user_json};
use crate::extract::{Form, Query};
use crate::{AppState, HttpError};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use serde_json::json;

#[derive(Deserialize, Default)]
pub(super) struct AccountQuery {
    #[serde(default)]
    saved: Option<String>,
}

pub(super) async fn account_page(
    State(s): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<AccountQuery>,
) -> Response {
    let who = match signed_in(&s, &headers, "/admin/account").await {
        Ok(w) => w,
        Err(r) => return r,
    };
    let notice = q.saved.map(|_| crate::ui::tr("account-saved"));
    page(
        &s,
        StatusCode::OK,
        "admin/account.html",
        json!({ "user": user_json(&who), "csrf": who.csrf_token, "notice": notice,
                "chosen_lang": who.lang.map(|l| l.as_str()) }),
    )
}

#[derive(Deserialize)]
pub(super) struct AccountFields {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    lang: String,
}

pub(super) async fn save_account(
    State(s): State<AppState>,
    headers: HeaderMap,
    Form(f): Form<AccountFields>,
) -> Response {
    let who = match signed_in_for_post(&s, &headers, "/admin/account", &f.csrf).await {
        Ok(w) => w,
        Err(r) => return r,
    };
    match s.app.set_my_lang(&who, &f.lang).await {
        Ok(_) => Redirect::to("/admin/account?saved=1").into_response(),
        Err(e) => HttpError(e).into_response(),
    }
}
