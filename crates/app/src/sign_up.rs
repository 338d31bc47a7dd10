//! Use cases: who may open an account. The host administrator chooses closed (the default),
//! invite-only (single-use links) or open.

use crate::accounts::{NewSession, SignedIn, random_token, token_hash};
use crate::users::AddUser;
use crate::{App, Error, now};

/// How long an invite link stays valid.
pub const INVITE_SECONDS: i64 = 7 * 86_400;

pub use tsuzuri_core::SignUpPolicy;

pub(crate) fn require_admin(who: &SignedIn) -> Result<(), Error> {
    if who.is_admin {
        Ok(())
    } else {
        Err(Error::Forbidden(crate::catalog_id("host-admins-only")))
    }
}

impl App {
    pub async fn sign_up_policy(&self) -> Result<SignUpPolicy, Error> {
        Ok(self
            .store
            .host_setting("sign_up")
            .await?
            .and_then(|v| SignUpPolicy::parse(&v).ok())
            .unwrap_or(SignUpPolicy::Closed))
    }

    pub async fn set_sign_up_policy(
        &self,
        who: &SignedIn,
        policy: &str,
    ) -> Result<SignUpPolicy, Error> {
        require_admin(who)?;
        let policy = SignUpPolicy::parse(policy).map_err(|_| {
            Error::InvalidForm(vec![(
                "policy".into(),
                crate::catalog_id("host-policy-invalid"),
            )])
        })?;
        self.store
            .set_host_setting("sign_up", policy.as_str())
            .await?;
        Ok(policy)
    }

    /// A single-use invite token, valid for a week.
    pub async fn create_invite(&self, who: &SignedIn) -> Result<String, Error> {
        require_admin(who)?;
        let token = random_token();
        let t = now();
        self.store
            .create_invite(&token_hash(&token), who.user_id, t, t + INVITE_SECONDS)
            .await?;
        Ok(token)
    }

    /// Whether the sign-up form may be shown for this invite (or none). An invite the host
    /// administrator handed out works whatever the policy: closing sign-up to strangers
    /// does not take back an invitation.
    pub async fn may_sign_up(&self, invite: &str) -> Result<bool, Error> {
        Ok(match self.sign_up_policy().await? {
            SignUpPolicy::Open => true,
            SignUpPolicy::Invite | SignUpPolicy::Closed => {
                !invite.is_empty()
                    && self
                        .store
                        .invite_is_valid(&token_hash(invite), now())
                        .await?
            }
        })
    }

    /// Opens an account under the host's policy and signs the new user in.
    pub async fn sign_up(
        &self,
        invite: &str,
        login: &str,
        email: &str,
        password: &str,
    ) -> Result<NewSession, Error> {
        let mut errors = Vec::new();
        for (field, valid, message) in [
            (
                "login",
                crate::users::is_valid_login(login).is_ok(),
                crate::catalog_id("account-login-invalid"),
            ),
            (
                "email",
                crate::users::is_valid_email(email).is_ok(),
                crate::catalog_id("account-email-invalid"),
            ),
            (
                "password",
                crate::users::is_valid_password(password).is_ok(),
                crate::catalog_id("account-password-invalid"),
            ),
        ] {
            if !valid {
                errors.push((field.to_string(), message));
            }
        }
        if !errors.is_empty() {
            return Err(Error::InvalidForm(errors));
        }
        if self.store.find_user_by_login(login).await?.is_some() {
            return Err(Error::InvalidForm(vec![(
                "login".into(),
                crate::catalog_id("account-login-taken"),
            )]));
        }
        let policy = self.sign_up_policy().await?;
        if policy != SignUpPolicy::Open {
            if invite.is_empty() {
                return Err(Error::Forbidden(match policy {
                    SignUpPolicy::Invite => crate::catalog_id("sign-up-refused-invite-only"),
                    _ => crate::catalog_id("sign-up-refused-closed"),
                }));
            }
            if !self
                .store
                .consume_invite(&token_hash(invite), now())
                .await?
            {
                return Err(Error::Gone(crate::catalog_id("sign-up-invite-used")));
            }
        }
        let user = self
            .add_user(AddUser {
                login: login.into(),
                email: email.into(),
                password: password.into(),
                is_admin: false,
            })
            .await?;
        self.open_session(user, now()).await
    }
}
