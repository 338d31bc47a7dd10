//! Use cases: sign in and out, sessions, the first-run setup link, password resets.
//!
//! Session and setup tokens are random 256-bit values given to the browser once; the database
//! keeps only their SHA-256, so reading the database does not let anyone sign in.

use crate::users::{AddUser, hash_password};
use crate::{App, Error, now};
use argon2::Argon2;
use argon2::password_hash::{PasswordVerifier, phc::PasswordHash};
use rand::RngCore;
use sha2::{Digest, Sha256};
use tsuzuri_core::UserId;
use tsuzuri_store::SessionRow;

/// How long a session lasts.
pub const SESSION_SECONDS: i64 = 30 * 86_400;
/// How long the first-run setup link stays valid.
pub const SETUP_SECONDS: i64 = 3_600;
/// Failed sign-ins allowed per account, and per client address, in one window.
pub const MAX_FAILURES_PER_LOGIN: i64 = 5;
pub const MAX_FAILURES_PER_IP: i64 = 20;
pub const FAILURE_WINDOW_SECONDS: i64 = 15 * 60;

/// What the browser gets after signing in: the cookie value and the form token.
#[derive(Debug, Clone)]
pub struct NewSession {
    pub token: String,
    pub csrf_token: String,
    /// The device cookie's secret: this browser has now signed in to the account.
    pub device: String,
}

/// How long a browser stays known after its last sign-in.
pub const DEVICE_SECONDS: i64 = 365 * 86_400;
/// Wrong passwords one known device may send in [`FAILURE_WINDOW_SECONDS`].
pub const MAX_FAILURES_PER_DEVICE: i64 = 10;

/// A signed-in user, as the admin pages see them.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub user_id: UserId,
    pub login: String,
    pub display_name: String,
    pub is_admin: bool,
    pub csrf_token: String,
    pub token_hash: String,
    /// The language the user chose for the admin and e-mails; None follows the browser.
    pub lang: Option<tsuzuri_core::Lang>,
}

pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    to_hex(&bytes)
}

pub fn token_hash(token: &str) -> String {
    to_hex(&Sha256::digest(token.as_bytes()))
}

fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Compares two secrets in time independent of where they differ.
pub fn secrets_match(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// A hash to verify against when the login does not exist, so a wrong login takes as long as
/// a wrong password and does not reveal which accounts exist.
fn dummy_hash() -> &'static str {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| hash_password("not a real password").unwrap_or_default())
}

fn verify(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc).is_ok_and(|h| {
        Argon2::default()
            .verify_password(password.as_bytes(), &h)
            .is_ok()
    })
}

impl App {
    /// Checks the password and opens a session. Failed attempts are counted per account and
    /// per client address; past the limits the answer is `RateLimited` with the wait.
    /// Signs in with a password. Failures lock the login (and the address) for a while,
    /// except on `device`, a browser that signed in to this account before: there they
    /// count on their own, so strangers guessing a password cannot lock the owner out.
    pub async fn sign_in(
        &self,
        login: &str,
        password: &str,
        client_ip: &str,
        device: Option<&str>,
    ) -> Result<NewSession, Error> {
        let t = now();
        let user = self.store.find_user_by_login(login.trim()).await?;
        let device_hash = device.filter(|d| !d.is_empty()).map(token_hash);
        let known_device = match (&device_hash, &user) {
            (Some(hash), Some(u)) => {
                self.store.device_user(hash, t - DEVICE_SECONDS).await? == Some(u.user_id())
            }
            _ => false,
        };
        let login_key = format!("login:{}", login.trim().to_lowercase());
        let ip_key = format!("ip:{client_ip}");
        let keys: Vec<(String, i64)> = match (&device_hash, known_device) {
            (Some(hash), true) => vec![(format!("device:{hash}"), MAX_FAILURES_PER_DEVICE)],
            _ => vec![
                (login_key.clone(), MAX_FAILURES_PER_LOGIN),
                (ip_key, MAX_FAILURES_PER_IP),
            ],
        };
        for (key, max) in &keys {
            let (failures, since) = self
                .store
                .sign_in_failures(key, t, FAILURE_WINDOW_SECONDS)
                .await?;
            if failures >= *max {
                let wait = (since + FAILURE_WINDOW_SECONDS - t).max(1);
                return Err(Error::RateLimited(wait));
            }
        }
        let ok = match &user {
            Some(u) => verify(password, &u.password_hash),
            None => {
                let _ = verify(password, dummy_hash());
                false
            }
        };
        let Some(user) = user.filter(|_| ok) else {
            for (key, _) in &keys {
                self.store
                    .record_sign_in_failure(key, t, FAILURE_WINDOW_SECONDS)
                    .await?;
            }
            return Err(Error::Unauthorized(crate::catalog_id("sign-in-wrong")));
        };
        self.store.clear_sign_in_failures(&login_key).await?;
        if let (Some(hash), true) = (&device_hash, known_device) {
            self.store
                .clear_sign_in_failures(&format!("device:{hash}"))
                .await?;
        }
        let device = device.filter(|_| known_device);
        self.open_session_on(user.user_id(), t, device).await
    }

    pub(crate) async fn open_session(&self, user: UserId, t: i64) -> Result<NewSession, Error> {
        self.open_session_on(user, t, None).await
    }

    /// A new session for `user`, and the browser remembered as one of theirs (`device`, when
    /// it already was, else a new device secret).
    async fn open_session_on(
        &self,
        user: UserId,
        t: i64,
        device: Option<&str>,
    ) -> Result<NewSession, Error> {
        let device = device.map_or_else(random_token, str::to_owned);
        self.store
            .remember_device(&token_hash(&device), user, t, t - DEVICE_SECONDS)
            .await?;
        let token = random_token();
        let csrf_token = random_token();
        self.store
            .create_session(
                &token_hash(&token),
                user,
                &csrf_token,
                t,
                t + SESSION_SECONDS,
            )
            .await?;
        Ok(NewSession {
            token,
            csrf_token,
            device,
        })
    }

    /// The user behind a session cookie, if the session is live.
    pub async fn session(&self, token: &str) -> Result<Option<SignedIn>, Error> {
        if token.len() != 64 {
            return Ok(None);
        }
        let hash = token_hash(token);
        let row: Option<SessionRow> = self.store.find_session(&hash, now()).await?;
        Ok(row.map(|s| SignedIn {
            user_id: UserId(s.user_id),
            login: s.login,
            display_name: s.display_name,
            is_admin: s.is_admin,
            csrf_token: s.csrf_token,
            token_hash: hash,
            lang: s
                .lang
                .as_deref()
                .and_then(|l| tsuzuri_core::Lang::parse(l).ok()),
        }))
    }

    /// Chooses the user's language for the admin and e-mails (`""` or `auto`: follow the
    /// browser).
    pub async fn set_my_lang(
        &self,
        who: &SignedIn,
        lang: &str,
    ) -> Result<Option<tsuzuri_core::Lang>, Error> {
        let lang = match lang.trim() {
            "" | "auto" => None,
            other => Some(
                tsuzuri_core::Lang::parse(other)
                    .map_err(|_| Error::Invalid(crate::catalog_id("language-invalid")))?,
            ),
        };
        self.store
            .set_user_lang(who.user_id, lang.map(|l| l.as_str()))
            .await?;
        Ok(lang)
    }

    /// Ends a session on the server: the cookie is worthless afterwards.
    pub async fn sign_out(&self, who: &SignedIn) -> Result<(), Error> {
        self.store.delete_session(&who.token_hash).await?;
        Ok(())
    }

    /// A one-time link token for creating the first administrator, or None when users exist.
    pub async fn create_setup_token(&self) -> Result<Option<String>, Error> {
        if self.store.count_users().await? > 0 {
            return Ok(None);
        }
        let token = random_token();
        let t = now();
        self.store
            .create_setup_token(&token_hash(&token), t, t + SETUP_SECONDS)
            .await?;
        Ok(Some(token))
    }

    pub async fn setup_token_is_valid(&self, token: &str) -> Result<bool, Error> {
        Ok(self.store.count_users().await? == 0
            && self
                .store
                .setup_token_is_valid(&token_hash(token), now())
                .await?)
    }

    /// Uses the setup token (once) to create the first host administrator and sign them in.
    pub async fn complete_setup(
        &self,
        token: &str,
        login: &str,
        email: &str,
        password: &str,
    ) -> Result<NewSession, Error> {
        // Validate before spending the token, so a typo does not burn the link.
        crate::users::is_valid_login(login)
            .map_err(|_| Error::Invalid(crate::catalog_id("account-login-invalid")))?;
        crate::users::is_valid_email(email)
            .map_err(|_| Error::Invalid(crate::catalog_id("account-email-invalid")))?;
        crate::users::is_valid_password(password)
            .map_err(|_| Error::Invalid(crate::catalog_id("account-password-invalid")))?;
        if self.store.count_users().await? > 0
            || !self
                .store
                .consume_setup_token(&token_hash(token), now())
                .await?
        {
            return Err(Error::Gone(crate::catalog_id("setup-link-gone")));
        }
        let user = self
            .add_user(AddUser {
                login: login.into(),
                email: email.into(),
                password: password.into(),
                is_admin: true,
            })
            .await?;
        self.open_session(user, now()).await
    }

    /// Sets a new password and ends every session of the user.
    pub async fn reset_password(&self, login: &str, password: &str) -> Result<(), Error> {
        crate::users::is_valid_password(password)?;
        let user = self.store.find_user_by_login(login).await?.ok_or_else(|| {
            Error::NotFound(tsuzuri_core::message::message(
                "no-such-user",
                &[("login", &login)],
            ))
        })?;
        self.store
            .set_password_hash(user.user_id(), &hash_password(password)?)
            .await?;
        self.store
            .delete_sessions_of_user(user.user_id(), now())
            .await?;
        self.store
            .clear_sign_in_failures(&format!("login:{}", login.to_lowercase()))
            .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_hex_and_hashes_are_stable() {
        let a = random_token();
        assert_eq!(a.len(), 64);
        assert_ne!(a, random_token());
        assert_eq!(token_hash("x"), token_hash("x"));
        assert_ne!(token_hash("x"), "x");
        assert!(secrets_match("abc", "abc"));
        assert!(!secrets_match("abc", "abd"));
        assert!(!secrets_match("abc", "ab"));
    }
}
