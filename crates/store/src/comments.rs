//! Readers' comments: recording one (with the reasons it was held), the checks that need
//! the database (rate, duplicates, thread parents), and the moderation queue.

use crate::BeginWrite;
use crate::sqlite_read::{Arg, sqlite_row};
use crate::{Store, StoreError, bump_content, with_pool};
use tsuzuri_core::{BlogId, ResponseStatus};

/// A comment to record.
#[derive(Debug, Clone)]
pub struct ReaderComment<'a> {
    pub blog: BlogId,
    pub entry_id: i64,
    pub parent_id: Option<i64>,
    pub user_id: Option<i64>,
    pub author: &'a str,
    pub email: &'a str,
    pub url: &'a str,
    pub ip: &'a str,
    pub body: &'a str,
    pub status: ResponseStatus,
    /// Why it was held or marked as spam, for the moderators ("3 URLs; sent 1 s after …").
    pub reasons: &'a str,
    pub created_at: i64,
    /// Jobs it causes (its owner's mail), queued in the same transaction.
    pub jobs: &'a [crate::NewJob],
}

/// A comment as the moderation queue shows it: with the e-mail and address readers never see.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct QueuedCommentRow {
    pub id: i64,
    pub entry_id: i64,
    pub entry_title: String,
    pub entry_path: String,
    pub author: String,
    pub email: String,
    pub url: String,
    pub ip: String,
    pub body: String,
    #[sqlx(try_from = "String")]
    pub status: ResponseStatus,
    pub reasons: String,
    pub created_at: i64,
}

sqlite_row! {
    QueuedCommentRow { id, entry_id, entry_title, entry_path, author, email, url, ip, body, status as String, reasons, created_at }
}

/// What moderators do with comments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Moderation {
    Approve,
    Spam,
    Delete,
}

impl Store {
    /// Records a comment; public pages drop from the caches when it is shown at once.
    pub async fn insert_comment(&self, c: &ReaderComment<'_>) -> Result<i64, StoreError> {
        Ok(with_pool!(self, write, |pool| {
            let mut tx = pool.begin_write().await?;
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO comments (blog_id, entry_id, parent_id, user_id, author, email, url, ip,
                                       body, status, reasons, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
            )
            .bind(c.blog.0)
            .bind(c.entry_id)
            .bind(c.parent_id)
            .bind(c.user_id)
            .bind(c.author)
            .bind(c.email)
            .bind(c.url)
            .bind(c.ip)
            .bind(c.body)
            .bind(c.status.as_str())
            .bind(c.reasons)
            .bind(c.created_at)
            .fetch_one(&mut *tx)
            .await?;
            crate::jobs::insert_jobs(&mut tx, c.jobs, None, c.created_at).await?;
            if c.status == ResponseStatus::Approved {
                bump_content!(tx, c.blog.0);
            }
            tx.commit().await?;
            id
        }))
    }

    /// Comments sent from `ip` since `since` (any status: refused spam counts too).
    pub async fn comments_from_ip_since(&self, ip: &str, since: i64) -> Result<i64, StoreError> {
        let (n,): (i64,) = self
            .read_one(
                "SELECT COUNT(*) FROM comments WHERE ip = $1 AND created_at >= $2",
                &[Arg::Text(ip), Arg::Int(since)],
            )
            .await?;
        Ok(n)
    }

    /// The same text on the same entry from the same address since `since`: (id, status).
    pub async fn duplicate_comment(
        &self,
        entry_id: i64,
        ip: &str,
        body: &str,
        since: i64,
    ) -> Result<Option<(i64, String)>, StoreError> {
        self.read_opt(
            "SELECT id, status FROM comments
             WHERE entry_id = $1 AND ip = $2 AND body = $3 AND created_at >= $4
             ORDER BY id LIMIT 1",
            &[
                Arg::Int(entry_id),
                Arg::Text(ip),
                Arg::Text(body),
                Arg::Int(since),
            ],
        )
        .await
    }

    /// Whether `parent_id` is a shown comment of the same entry (replies attach only there).
    pub async fn is_reply_target(&self, entry_id: i64, parent_id: i64) -> Result<bool, StoreError> {
        let (n,): (i64,) = self
            .read_one(
                "SELECT COUNT(*) FROM comments WHERE id = $1 AND entry_id = $2 AND status = 'approved'",
                &[Arg::Int(parent_id), Arg::Int(entry_id)],
            )
            .await?;
        Ok(n > 0)
    }

    /// A blog's comments with one status, newest first, and how many there are.
    pub async fn comment_queue(
        &self,
        blog: BlogId,
        status: &str,
        limit: i64,
        offset: i64,
    ) -> Result<(Vec<QueuedCommentRow>, i64), StoreError> {
        let (total,): (i64,) = self
            .read_one(
                "SELECT COUNT(*) FROM comments WHERE blog_id = $1 AND status = $2",
                &[Arg::Int(blog.0), Arg::Text(status)],
            )
            .await?;
        let rows = self
            .read_all(
                "SELECT c.id, c.entry_id, e.title AS entry_title, e.path AS entry_path, c.author,
                        c.email, c.url, c.ip, c.body, c.status, c.reasons, c.created_at
                 FROM comments c JOIN entries e ON e.id = c.entry_id
                 WHERE c.blog_id = $1 AND c.status = $2
                 ORDER BY c.created_at DESC, c.id DESC LIMIT $3 OFFSET $4",
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

    /// Approves, marks as spam or deletes the given comments of the blog; returns how many
    /// changed. Ids of other blogs are ignored: the blog is part of every statement.
    pub async fn moderate_comments(
        &self,
        blog: BlogId,
        ids: &[i64],
        action: Moderation,
    ) -> Result<u64, StoreError> {
        self.moderate("comments", blog, ids, action).await
    }

    /// The moderation actions on `comments` or `pings`, one transaction.
    pub(crate) async fn moderate(
        &self,
        table: &'static str,
        blog: BlogId,
        ids: &[i64],
        action: Moderation,
    ) -> Result<u64, StoreError> {
        let sql = match action {
            Moderation::Approve => {
                format!("UPDATE {table} SET status = 'approved' WHERE blog_id = $1 AND id = $2")
            }
            Moderation::Spam => {
                format!("UPDATE {table} SET status = 'spam' WHERE blog_id = $1 AND id = $2")
            }
            Moderation::Delete => format!("DELETE FROM {table} WHERE blog_id = $1 AND id = $2"),
        };
        // Approving teaches the filter "ham", marking as spam teaches "spam"; what a row
        // taught before is unlearned first, so changing one's mind never counts twice.
        let teaches = match action {
            Moderation::Approve => Some("ham"),
            Moderation::Spam => Some("spam"),
            Moderation::Delete => None,
        };
        let text_sql = format!(
            "SELECT {}, trained FROM {table} WHERE blog_id = $1 AND id = $2",
            crate::spam::text_sql(table)
        );
        let trained_sql = format!("UPDATE {table} SET trained = $3 WHERE blog_id = $1 AND id = $2");
        Ok(with_pool!(self, write, |pool| {
            let mut tx = pool.begin_write().await?;
            let mut changed = 0;
            let mut lessons = crate::spam::Lessons::default();
            for id in ids {
                if let Some(kind) = teaches {
                    let row: Option<(String, String)> =
                        sqlx::query_as(sqlx::AssertSqlSafe(text_sql.as_str()))
                            .bind(blog.0)
                            .bind(id)
                            .fetch_optional(&mut *tx)
                            .await?;
                    if let Some((text, trained)) = row
                        && trained != kind
                    {
                        if !trained.is_empty() {
                            lessons.learn(blog, &text, &trained, -1);
                        }
                        lessons.learn(blog, &text, kind, 1);
                        sqlx::query(sqlx::AssertSqlSafe(trained_sql.as_str()))
                            .bind(blog.0)
                            .bind(id)
                            .bind(kind)
                            .execute(&mut *tx)
                            .await?;
                    }
                }
                changed += sqlx::query(sqlx::AssertSqlSafe(sql.as_str()))
                    .bind(blog.0)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
            }
            crate::spam::apply_lessons!(tx, lessons);
            bump_content!(tx, blog.0);
            tx.commit().await?;
            changed
        }))
    }
}
