//! `/admin/account`: a user's own settings (the language of the admin and of e-mails).

use super::page;
use super::session::{FormToken, Posted, Session};
use super::views::Frame;
use crate::extract::Query;
use crate::{AppState, HttpError};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::{Deserialize, Serialize};

#[derive(Deserialize, Default)]
pub(super) struct AccountQuery {
    #[serde(default)]
    saved: Option<String>,
}

#[derive(Serialize)]
struct AccountView {
    /// The language the user chose; None follows the browser.
    chosen_lang: Option<&'static str>,
}

pub(super) async fn account_page(
    State(s): State<AppState>,
    Session(who): Session,
    Query(q): Query<AccountQuery>,
) -> Response {
    let notice = q.saved.map(|_| crate::ui::tr("account-saved"));
    let view = AccountView {
        chosen_lang: who.lang.map(|l| l.as_str()),
    };
    let frame = Frame::new(&who, view).with_notice(notice);
    page(&s, StatusCode::OK, "admin/account.html", frame)
}

#[derive(Deserialize)]
pub(super) struct AccountFields {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    lang: String,
}

impl FormToken for AccountFields {
    fn form_token(&self) -> &str {
        &self.csrf
    }
}

pub(super) async fn save_account(
    State(s): State<AppState>,
    Posted(who, f): Posted<AccountFields>,
) -> Result<Response, HttpError> {
    s.app.set_my_lang(&who, &f.lang).await?;
    Ok(Redirect::to("/admin/account?saved=1").into_response())
}
