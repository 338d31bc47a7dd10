//! Use case: add a user.

use crate::{App, Error, now};
use argon2::Argon2;
use argon2::password_hash::PasswordHasher;
use tsuzuri_core::message::message;
use tsuzuri_core::{UserId, ValidationError};
use tsuzuri_store::NewUser;

pub struct AddUser {
    pub login: String,
    pub email: String,
    pub password: String,
    pub is_admin: bool,
}

pub fn is_valid_login(login: &str) -> Result<(), ValidationError> {
    let ok = !login.is_empty()
        && login.len() <= 64
        && login
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if ok {
        Ok(())
    } else {
        Err(ValidationError::new(
            "login",
            message("login-invalid", &[("login", &login)]),
        ))
    }
}

pub fn is_valid_email(email: &str) -> Result<(), ValidationError> {
    let parts: Vec<&str> = email.split('@').collect();
    if parts.len() == 2
        && !parts[0].is_empty()
        && parts[1].contains('.')
        && !email.contains(char::is_whitespace)
    {
        Ok(())
    } else {
        Err(ValidationError::new(
            "email",
            message("email-invalid", &[("email", &email)]),
        ))
    }
}

pub fn is_valid_password(password: &str) -> Result<(), ValidationError> {
    let n = password.chars().count();
    if (8..=1024).contains(&n) {
        Ok(())
    } else {
        Err(ValidationError::new(
            "password",
            message("password-length", &[("min", &8), ("max", &1024)]),
        ))
    }
}

/// Hashes a password with Argon2id and a random salt (PHC string).
pub fn hash_password(password: &str) -> Result<String, Error> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| Error::Internal(format!("password hashing failed: {e}")))
}

impl App {
    pub async fn add_user(&self, cmd: AddUser) -> Result<UserId, Error> {
        is_valid_login(&cmd.login)?;
        is_valid_email(&cmd.email)?;
        is_valid_password(&cmd.password)?;
        let password_hash = hash_password(&cmd.password)?;
        let id = self
            .store
            .create_user(&NewUser {
                display_name: cmd.login.clone(),
                login: cmd.login,
                email: cmd.email,
                password_hash,
                is_admin: cmd.is_admin,
                now: now(),
            })
            .await?;
        Ok(id)
    }
}
