//! The host's blocklists: (kind, value) rows, kind being `ip`, `domain` or `word`.

use crate::BeginWrite;
use crate::{Store, StoreError, with_pool};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct BlocklistRow {
    pub kind: String,
    pub value: String,
}

crate::sqlite_read::sqlite_row! {
    BlocklistRow { kind, value }
}

impl Store {
    pub async fn blocklist(&self) -> Result<Vec<BlocklistRow>, StoreError> {
        self.read_all(
            "SELECT kind, value FROM blocklist ORDER BY kind, value",
            &[],
        )
        .await
    }

    /// Replaces the list of one kind.
    pub async fn replace_blocklist(
        &self,
        kind: &str,
        values: &[String],
        now: i64,
    ) -> Result<(), StoreError> {
        with_pool!(self, write, |pool| {
            let mut tx = pool.begin_write().await?;
            sqlx::query("DELETE FROM blocklist WHERE kind = $1")
                .bind(kind)
                .execute(&mut *tx)
                .await?;
            for v in values {
                sqlx::query(
                    "INSERT INTO blocklist (kind, value, created_at) VALUES ($1, $2, $3)
                     ON CONFLICT (kind, value) DO NOTHING",
                )
                .bind(kind)
                .bind(v)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await?;
        });
        Ok(())
    }
}
