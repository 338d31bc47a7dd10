//! The trash: entries deleted from the admin wait here, restorable, until they are purged.

use crate::BeginWrite;
use crate::counts::{count_entry, uncount_entry};
use crate::sqlite_read::{Arg, sqlite_row};
use crate::{Store, StoreError, bump_content, with_pool};
use tsuzuri_core::BlogId;

/// An entry in the trash.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TrashedEntryRow {
    pub id: i64,
    pub title: String,
    pub trashed_at: i64,
    pub author_id: Option<i64>,
}

sqlite_row! {
    TrashedEntryRow { id, title, trashed_at, author_id }
}

impl Store {
    /// Moves an entry to the trash, remembering its status, and queues `jobs` (its deletion
    /// pings) with it. False when it was not there to move.
    pub async fn trash_entry(
        &self,
        blog: BlogId,
        entry_id: i64,
        now: i64,
        jobs: &[crate::NewJob],
    ) -> Result<bool, StoreError> {
        Ok(with_pool!(self, write, |pool| {
            let mut tx = pool.begin_write().await?;
            uncount_entry!(tx, entry_id);
            let n = sqlx::query(
                "UPDATE entries SET trashed_status = status, status = 'trash', trashed_at = $3, updated_at = $3
                 WHERE blog_id = $1 AND id = $2 AND status <> 'trash'",
            )
            .bind(blog.0)
            .bind(entry_id)
            .bind(now)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            count_entry!(tx, entry_id);
            if n == 1 {
                crate::jobs::insert_jobs(&mut tx, jobs, Some(entry_id), now).await?;
            }
            bump_content!(tx, blog.0);
            tx.commit().await?;
            n == 1
        }))
    }

    /// Takes an entry out of the trash with the status it had, queueing `jobs` with it. False
    /// when it was not in it.
    pub async fn restore_entry(
        &self,
        blog: BlogId,
        entry_id: i64,
        now: i64,
        jobs: &[crate::NewJob],
    ) -> Result<bool, StoreError> {
        Ok(with_pool!(self, write, |pool| {
            let mut tx = pool.begin_write().await?;
            uncount_entry!(tx, entry_id);
            let n = sqlx::query(
                "UPDATE entries SET status = COALESCE(trashed_status, 'draft'), trashed_status = NULL,
                        trashed_at = NULL, updated_at = $3
                 WHERE blog_id = $1 AND id = $2 AND status = 'trash'",
            )
            .bind(blog.0)
            .bind(entry_id)
            .bind(now)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            count_entry!(tx, entry_id);
            if n == 1 {
                crate::jobs::insert_jobs(&mut tx, jobs, Some(entry_id), now).await?;
            }
            bump_content!(tx, blog.0);
            tx.commit().await?;
            n == 1
        }))
    }

    pub async fn trashed_entries(&self, blog: BlogId) -> Result<Vec<TrashedEntryRow>, StoreError> {
        self.read_all(
            "SELECT id, title, trashed_at, author_id FROM entries
             WHERE blog_id = $1 AND status = 'trash' ORDER BY trashed_at DESC, id DESC",
            &[Arg::Int(blog.0)],
        )
        .await
    }

    /// Comments and pings of the blog's entries held for moderation: (comments, pings).
    pub async fn pending_responses(&self, blog: BlogId) -> Result<(i64, i64), StoreError> {
        let (comments,): (i64,) = self
            .read_one(
                "SELECT COUNT(*) FROM comments c JOIN entries e ON e.id = c.entry_id
                 WHERE e.blog_id = $1 AND c.status = 'pending'",
                &[Arg::Int(blog.0)],
            )
            .await?;
        let (pings,): (i64,) = self
            .read_one(
                "SELECT COUNT(*) FROM pings p JOIN entries e ON e.id = p.entry_id
                 WHERE e.blog_id = $1 AND p.status = 'pending'",
                &[Arg::Int(blog.0)],
            )
            .await?;
        Ok((comments, pings))
    }

    /// Deletes comments and pings marked as spam before `cutoff`; returns how many.
    pub async fn purge_spam(&self, cutoff: i64) -> Result<u64, StoreError> {
        Ok(with_pool!(self, write, |pool| {
            let mut tx = pool.begin_write().await?;
            let mut n = 0;
            for table in ["comments", "pings"] {
                let sql = format!("DELETE FROM {table} WHERE status = 'spam' AND created_at < $1");
                n += sqlx::query(sqlx::AssertSqlSafe(sql))
                    .bind(cutoff)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
            }
            tx.commit().await?;
            n
        }))
    }

    /// Deletes for good what has been in the trash since before `cutoff`; returns how many.
    pub async fn purge_trash(&self, cutoff: i64) -> Result<u64, StoreError> {
        Ok(with_pool!(self, write, |pool| {
            sqlx::query("DELETE FROM entries WHERE status = 'trash' AND trashed_at < $1")
                .bind(cutoff)
                .execute(pool)
                .await?
                .rows_affected()
        }))
    }
}
