//! Received TrackBacks (and, later, Pingbacks and Webmentions): recording one with why it
//! was held, and the checks that need the database.

use crate::BeginWrite;
use crate::Moderation;
use crate::sqlite_read::{Arg, sqlite_row};
use crate::{Store, StoreError, bump_content, with_pool};
use tsuzuri_core::{BlogId, ResponseStatus};

/// A received ping to record.
#[derive(Debug, Clone)]
pub struct ReceivedPing<'a> {
    pub blog: BlogId,
    pub entry_id: i64,
    /// `trackback`, `pingback` or `webmention`.
    pub kind: &'a str,
    pub title: &'a str,
    pub url: &'a str,
    pub blog_name: &'a str,
    pub excerpt: &'a str,
    pub ip: &'a str,
    pub status: ResponseStatus,
    pub reasons: &'a str,
    pub encoding: &'a str,
    pub created_at: i64,
    /// Jobs it causes (its owner's mail), queued in the same transaction. A Webmention's
    /// are queued only when it is new, not when its source is verified again.
    pub jobs: &'a [crate::NewJob],
}

/// A ping as the moderation queue shows it, with the sender's address and why it was held.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct QueuedPingRow {
    pub id: i64,
    pub entry_title: String,
    pub entry_path: String,
    pub kind: String,
    pub title: String,
    pub url: String,
    pub blog_name: String,
    pub excerpt: String,
    pub ip: String,
    pub reasons: String,
    pub encoding: String,
    pub created_at: i64,
}

sqlite_row! {
    QueuedPingRow { id, entry_title, entry_path, kind, title, url, blog_name, excerpt, ip, reasons, encoding, created_at }
}

impl Store {
    /// A blog's pings with one status, newest first, and how many there are.
    pub async fn ping_queue(
        &self,
        blog: BlogId,
        status: &str,
        limit: i64,
        offset: i64,
    ) -> Result<(Vec<QueuedPingRow>, i64), StoreError> {
        let (total,): (i64,) = self
            .read_one(
                "SELECT COUNT(*) FROM pings WHERE blog_id = $1 AND status = $2",
                &[Arg::Int(blog.0), Arg::Text(status)],
            )
            .await?;
        let rows = self
            .read_all(
                "SELECT p.id, e.title AS entry_title, e.path AS entry_path, p.kind, p.title, p.url,
                        p.blog_name, p.excerpt, p.ip, p.reasons, p.encoding, p.created_at
                 FROM pings p JOIN entries e ON e.id = p.entry_id
                 WHERE p.blog_id = $1 AND p.status = $2
                 ORDER BY p.created_at DESC, p.id DESC LIMIT $3 OFFSET $4",
                &[
                    Arg::Int(blog.0),
                    Arg::Text(status),
                    Arg::Int(limit),
                    Arg::Int(offset),
                ],
            )
            .await?;
        Ok((rows, total))
    }

    /// Approves, marks as spam or deletes pings of the blog; returns how many changed.
    pub async fn moderate_pings(
        &self,
        blog: BlogId,
        ids: &[i64],
        action: Moderation,
    ) -> Result<u64, StoreError> {
        self.moderate("pings", blog, ids, action).await
    }

    /// The secret of the blog's moderation feed, made on first use.
    pub async fn queue_feed_key(&self, blog: BlogId, fresh: &str) -> Result<String, StoreError> {
        const READ: &str = "SELECT queue_feed_key FROM blogs WHERE id = $1";
        let (key,): (String,) = self.read_one(READ, &[Arg::Int(blog.0)]).await?;
        if !key.is_empty() {
            // Every poll of a feed reader comes here: no write once the key exists.
            return Ok(key);
        }
        with_pool!(self, write, |pool| {
            sqlx::query(
                "UPDATE blogs SET queue_feed_key = $2 WHERE id = $1 AND queue_feed_key = ''",
            )
            .bind(blog.0)
            .bind(fresh)
            .execute(pool)
            .await?;
        });
        let (key,): (String,) = self.read_one(READ, &[Arg::Int(blog.0)]).await?;
        Ok(key)
    }

    pub async fn insert_ping(&self, p: &ReceivedPing<'_>) -> Result<i64, StoreError> {
        Ok(with_pool!(self, write, |pool| {
            let mut tx = pool.begin_write().await?;
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO pings (blog_id, entry_id, kind, title, url, blog_name, excerpt, ip, status,
                                    reasons, encoding, created_at, source_host)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
            )
            .bind(p.blog.0)
            .bind(p.entry_id)
            .bind(p.kind)
            .bind(p.title)
            .bind(p.url)
            .bind(p.blog_name)
            .bind(p.excerpt)
            .bind(p.ip)
            .bind(p.status.as_str())
            .bind(p.reasons)
            .bind(p.encoding)
            .bind(p.created_at)
            .bind(crate::source_host(p.url))
            .fetch_one(&mut *tx)
            .await?;
            crate::jobs::insert_jobs(&mut tx, p.jobs, None, p.created_at).await?;
            if p.status == ResponseStatus::Approved {
                bump_content!(tx, p.blog.0);
            }
            tx.commit().await?;
            id
        }))
    }

    /// Records or updates the Webmention from `p.url` to the entry (a source may change
    /// what it says: the newest verification wins).
    pub async fn upsert_webmention(
        &self,
        p: &ReceivedPing<'_>,
        mention_type: &str,
        author_name: &str,
    ) -> Result<(), StoreError> {
        let text_sql = format!(
            "SELECT {}, trained FROM pings WHERE entry_id = $1 AND url = $2 AND kind = 'webmention'",
            crate::spam::text_sql("pings")
        );
        with_pool!(self, write, |pool| {
            let mut tx = pool.begin_write().await?;
            // The source changed what it says: what its old text taught the filter is
            // unlearned (the new text has taught nothing yet).
            let old: Option<(String, String)> = sqlx::query_as(sqlx::AssertSqlSafe(text_sql))
                .bind(p.entry_id)
                .bind(p.url)
                .fetch_optional(&mut *tx)
                .await?;
            if let Some((text, trained)) = old
                && !trained.is_empty()
            {
                let mut lessons = crate::spam::Lessons::default();
                lessons.learn(p.blog, &text, &trained, -1);
                crate::spam::apply_lessons!(tx, lessons);
            }
            let updated = sqlx::query(
                "UPDATE pings SET title = $3, excerpt = $4, blog_name = $5, mention_type = $6,
                                  author_name = $7, status = $8, reasons = $9, trained = ''
                 WHERE entry_id = $1 AND url = $2 AND kind = 'webmention'",
            )
            .bind(p.entry_id)
            .bind(p.url)
            .bind(p.title)
            .bind(p.excerpt)
            .bind(p.blog_name)
            .bind(mention_type)
            .bind(author_name)
            .bind(p.status.as_str())
            .bind(p.reasons)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if updated == 0 {
                sqlx::query(
                    "INSERT INTO pings (blog_id, entry_id, kind, title, url, blog_name, excerpt, ip, status,
                                        reasons, encoding, created_at, mention_type, author_name, source_host)
                     VALUES ($1, $2, 'webmention', $3, $4, $5, $6, $7, $8, $9, '', $10, $11, $12, $13)",
                )
                .bind(p.blog.0)
                .bind(p.entry_id)
                .bind(p.title)
                .bind(p.url)
                .bind(p.blog_name)
                .bind(p.excerpt)
                .bind(p.ip)
                .bind(p.status.as_str())
                .bind(p.reasons)
                .bind(p.created_at)
                .bind(mention_type)
                .bind(author_name)
                .bind(crate::source_host(p.url))
                .execute(&mut *tx)
                .await?;
                crate::jobs::insert_jobs(&mut tx, p.jobs, None, p.created_at).await?;
            }
            bump_content!(tx, p.blog.0);
            tx.commit().await?;
        });
        Ok(())
    }

    /// Removes the Webmention from `url` to the entry (its source is gone or no longer
    /// links); true when there was one.
    pub async fn delete_webmention(&self, entry_id: i64, url: &str) -> Result<bool, StoreError> {
        Ok(with_pool!(self, write, |pool| {
            let mut tx = pool.begin_write().await?;
            let n = sqlx::query(
                "DELETE FROM pings WHERE entry_id = $1 AND url = $2 AND kind = 'webmention'",
            )
            .bind(entry_id)
            .bind(url)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            bump_content!(tx, entry_of: entry_id);
            tx.commit().await?;
            n > 0
        }))
    }

    /// A ping from this source already recorded for the entry: (id, status).
    pub async fn existing_ping(
        &self,
        entry_id: i64,
        url: &str,
    ) -> Result<Option<(i64, String)>, StoreError> {
        self.read_opt(
            "SELECT id, status FROM pings WHERE entry_id = $1 AND url = $2 ORDER BY id LIMIT 1",
            &[Arg::Int(entry_id), Arg::Text(url)],
        )
        .await
    }

    /// Pings received from `ip` since `since`.
    pub async fn pings_from_ip_since(&self, ip: &str, since: i64) -> Result<i64, StoreError> {
        let (n,): (i64,) = self
            .read_one(
                "SELECT COUNT(*) FROM pings WHERE ip = $1 AND created_at >= $2",
                &[Arg::Text(ip), Arg::Int(since)],
            )
            .await?;
        Ok(n)
    }
}
