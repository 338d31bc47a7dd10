//! Unsaved entries waiting to be shown on the blog origin (the editor's preview), keyed by
//! the SHA-256 of a secret that only the address handed to the writer's browser carries.

use crate::BeginWrite;
use crate::{Store, StoreError, with_pool};
use tsuzuri_core::BlogId;

/// A stored preview: its blog and the draft as the editor rendered it (JSON).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PreviewRow {
    pub blog_slug: String,
    pub payload: String,
}

impl Store {
    /// Keeps a preview until `expires_at`; expired ones are dropped on the way.
    pub async fn insert_preview(
        &self,
        token_hash: &str,
        blog: BlogId,
        payload: &str,
        now: i64,
        expires_at: i64,
    ) -> Result<(), StoreError> {
        with_pool!(self, write, |pool| {
            let mut tx = pool.begin_write().await?;
            sqlx::query("DELETE FROM previews WHERE expires_at <= $1")
                .bind(now)
                .execute(&mut *tx)
                .await?;
            sqlx::query(
                "INSERT INTO previews (token_hash, blog_id, payload, expires_at) VALUES ($1, $2, $3, $4)",
            )
            .bind(token_hash)
            .bind(blog.0)
            .bind(payload)
            .bind(expires_at)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
        });
        Ok(())
    }

    /// The preview whose secret hashes to `token_hash`, while it has not expired.
    pub async fn find_preview(
        &self,
        token_hash: &str,
        now: i64,
    ) -> Result<Option<PreviewRow>, StoreError> {
        Ok(with_pool!(self, read, |pool| {
            sqlx::query_as::<_, PreviewRow>(
                "SELECT b.slug AS blog_slug, p.payload FROM previews p JOIN blogs b ON b.id = p.blog_id
                 WHERE p.token_hash = $1 AND p.expires_at > $2",
            )
            .bind(token_hash)
            .bind(now)
            .fetch_optional(pool)
            .await?
        }))
    }
}
