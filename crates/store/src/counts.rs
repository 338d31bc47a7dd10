//! A blog's public entry counts per month and per category (the sidebar and the archive
//! lists), kept in `blog_month_counts` and `categories.public_entries` by the transaction of
//! every entry write, so a page reads a few rows whatever the size of the blog.
//!
//! An entry write takes the entry's old contribution out ([`uncount_entry!`]) before it
//! changes the row and puts the new one in ([`count_entry!`]) after. A bulk import recounts
//! the blog instead ([`recount_blog!`]). A scheduled entry counts from its time: the blog's
//! `counts_until` says until when the counts are right, pages count live once it has passed,
//! and the watcher recounts the blog ([`Store::recount_stale_blogs`]).

use crate::sqlite_read::Arg;
use crate::{BeginWrite, CategoryCountRow, MonthCountRow, Store, StoreError, with_pool};
use tsuzuri_core::BlogId;

/// The time the counts are taken at: an entry is public once its date has come.
pub(crate) fn counting_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// Adds `$sign` (1 or -1) for entry `$entry` as it now stands, if it is public: to its
/// month, to each of its categories. A scheduled entry moves the blog's `counts_until` to
/// its time instead.
macro_rules! count_entry_by {
    ($tx:ident, $entry:expr, $sign:expr) => {{
        let now = $crate::counts::counting_now();
        sqlx::query(
            "INSERT INTO blog_month_counts (blog_id, month_key, public_entries)
             SELECT blog_id, month_key, $3 FROM entries
             WHERE id = $1 AND status = 'publish' AND authored_on <= $2
             ON CONFLICT (blog_id, month_key)
             DO UPDATE SET public_entries = blog_month_counts.public_entries + excluded.public_entries",
        )
        .bind($entry)
        .bind(now)
        .bind($sign as i64)
        .execute(&mut *$tx)
        .await?;
        sqlx::query(
            "UPDATE categories SET public_entries = public_entries + $3
             WHERE id IN (SELECT ec.category_id FROM entry_categories ec
                          JOIN entries e ON e.id = ec.entry_id
                          WHERE ec.entry_id = $1 AND e.status = 'publish' AND e.authored_on <= $2)",
        )
        .bind($entry)
        .bind(now)
        .bind($sign as i64)
        .execute(&mut *$tx)
        .await?;
        sqlx::query(
            "UPDATE blogs SET counts_until = (SELECT authored_on FROM entries WHERE id = $1)
             WHERE id = (SELECT blog_id FROM entries
                         WHERE id = $1 AND status = 'publish' AND authored_on > $2)
               AND counts_until > (SELECT authored_on FROM entries WHERE id = $1)",
        )
        .bind($entry)
        .bind(now)
        .execute(&mut *$tx)
        .await?;
    }};
}
pub(crate) use count_entry_by;

/// Puts entry `$entry`'s contribution in, after it was written.
macro_rules! count_entry {
    ($tx:ident, $entry:expr) => {
        $crate::counts::count_entry_by!($tx, $entry, 1)
    };
}
pub(crate) use count_entry;

/// Takes entry `$entry`'s contribution out, before it is changed.
macro_rules! uncount_entry {
    ($tx:ident, $entry:expr) => {
        $crate::counts::count_entry_by!($tx, $entry, -1)
    };
}
pub(crate) use uncount_entry;

/// Counts blog `$blog` anew as of `$now` (after a bulk import, or when a scheduled entry's
/// time came).
macro_rules! recount_blog {
    ($tx:ident, $blog:expr, $now:expr) => {{
        let now: i64 = $now;
        sqlx::query("DELETE FROM blog_month_counts WHERE blog_id = $1")
            .bind($blog)
            .execute(&mut *$tx)
            .await?;
        sqlx::query(
            "INSERT INTO blog_month_counts (blog_id, month_key, public_entries)
             SELECT blog_id, month_key, COUNT(*) FROM entries
             WHERE blog_id = $1 AND status = 'publish' AND authored_on <= $2
             GROUP BY blog_id, month_key",
        )
        .bind($blog)
        .bind(now)
        .execute(&mut *$tx)
        .await?;
        sqlx::query(
            // CROSS JOIN keeps SQLite's planner on the category's own links: with a plain
            // join and no statistics it walked every public entry of the host per category,
            // so importing into a blog slowed with the size of the whole host.
            "UPDATE categories SET public_entries = (
                 SELECT COUNT(*) FROM entry_categories ec CROSS JOIN entries e
                 WHERE ec.category_id = categories.id AND e.id = ec.entry_id
                   AND e.status = 'publish' AND e.authored_on <= $2)
             WHERE blog_id = $1",
        )
        .bind($blog)
        .bind(now)
        .execute(&mut *$tx)
        .await?;
        sqlx::query(
            "UPDATE blogs SET counts_until = COALESCE(
                 (SELECT MIN(authored_on) FROM entries
                  WHERE blog_id = $1 AND status = 'publish' AND authored_on > $2),
                 9223372036854775807)
             WHERE id = $1",
        )
        .bind($blog)
        .bind(now)
        .execute(&mut *$tx)
        .await?;
    }};
}
pub(crate) use recount_blog;

impl Store {
    /// The sidebar's category and month counts of public entries at `now`: from the kept
    /// counts while they are right, else counted live (until the watcher recounts).
    pub async fn sidebar_counts(
        &self,
        blog: BlogId,
        now: i64,
    ) -> Result<(Vec<CategoryCountRow>, Vec<MonthCountRow>), StoreError> {
        let until: Option<(Option<i64>,)> = self
            .read_opt(
                "SELECT counts_until FROM blogs WHERE id = $1",
                &[Arg::Int(blog.0)],
            )
            .await?;
        if until.and_then(|(u,)| u).is_none_or(|u| u <= now) {
            return Ok((
                self.category_counts(blog, now).await?,
                self.month_counts(blog, now).await?,
            ));
        }
        let categories = self
            .read_all(
                "SELECT id, parent_id, label, path, public_entries FROM categories
                 WHERE blog_id = $1 ORDER BY path",
                &[Arg::Int(blog.0)],
            )
            .await?;
        let months = self
            .read_all(
                "SELECT month_key, public_entries FROM blog_month_counts
                 WHERE blog_id = $1 AND public_entries > 0 ORDER BY month_key DESC",
                &[Arg::Int(blog.0)],
            )
            .await?;
        Ok((categories, months))
    }

    /// Recounts the blogs whose counts are not right at `now` (never counted, or a
    /// scheduled entry's time came), a few at a time; returns their slugs, whose pages
    /// must be rendered anew.
    pub async fn recount_stale_blogs(&self, now: i64) -> Result<Vec<String>, StoreError> {
        let stale: Vec<(i64, String)> = self
            .read_all(
                "SELECT id, slug FROM blogs WHERE counts_until IS NULL OR counts_until <= $1
                 ORDER BY id LIMIT 20",
                &[Arg::Int(now)],
            )
            .await?;
        for (id, _) in &stale {
            with_pool!(self, write, |pool| {
                let mut tx = pool.begin_write().await?;
                recount_blog!(tx, *id, now);
                tx.commit().await?;
            });
        }
        Ok(stale.into_iter().map(|(_, slug)| slug).collect())
    }
}
