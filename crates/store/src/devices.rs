//! Browsers known to have signed in to an account (device cookies), keyed by the SHA-256 of
//! the cookie's secret.

use crate::BeginWrite;
use crate::{Store, StoreError, with_pool};
use tsuzuri_core::UserId;

impl Store {
    /// The user a device cookie belongs to, if it is known and was used since `since`.
    pub async fn device_user(
        &self,
        token_hash: &str,
        since: i64,
    ) -> Result<Option<UserId>, StoreError> {
        let row: Option<(i64,)> = with_pool!(self, read, |pool| {
            sqlx::query_as(
                "SELECT user_id FROM sign_in_devices WHERE token_hash = $1 AND last_used_at >= $2",
            )
            .bind(token_hash)
            .bind(since)
            .fetch_optional(pool)
            .await?
        });
        Ok(row.map(|(id,)| UserId(id)))
    }

    /// Remembers (or refreshes) a device of `user`; devices unused since `forget_before` go.
    pub async fn remember_device(
        &self,
        token_hash: &str,
        user: UserId,
        now: i64,
        forget_before: i64,
    ) -> Result<(), StoreError> {
        with_pool!(self, write, |pool| {
            let mut tx = pool.begin_write().await?;
            sqlx::query("DELETE FROM sign_in_devices WHERE last_used_at < $1")
                .bind(forget_before)
                .execute(&mut *tx)
                .await?;
            sqlx::query(
                "INSERT INTO sign_in_devices (token_hash, user_id, created_at, last_used_at)
                 VALUES ($1, $2, $3, $3)
                 ON CONFLICT (token_hash) DO UPDATE SET last_used_at = excluded.last_used_at",
            )
            .bind(token_hash)
            .bind(user.0)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
        });
        Ok(())
    }
}
