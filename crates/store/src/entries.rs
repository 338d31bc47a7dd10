//! Reading entries for the public site: permalinks, neighbours, listings, comments, pings.
//!
//! "Public" means status `publish` and an authored date that has come; every query here says
//! so in SQL, so a draft or a future entry can never leak onto a page or into a feed.

use crate::{
    CommentRow, EntryCategoryRow, EntryFilter, EntryLinkRow, EntryRow, EntryTagRow, PingRow,
    RecentEntryRow, Store, StoreError, with_pool,
};
use tsuzuri_core::{BlogId, CategoryId, EntryId};

pub(crate) const ENTRY_COLUMNS: &str = "e.id, e.blog_id, e.author_name, e.title, e.basename, e.path, \
     e.month_key, e.status, e.text_format, e.body_source, e.more_source, e.body_html, e.more_html, \
     e.excerpt, e.keywords, e.allow_comments, e.allow_pings, e.authored_on, e.created_at, \
     e.updated_at, e.extra";

const PUBLIC: &str = "e.blog_id = $1 AND e.status = 'publish' AND e.authored_on <= $2";

fn filter_sql(filter: EntryFilter) -> (&'static str, Option<i64>) {
    match filter {
        EntryFilter::All => ("", None),
        EntryFilter::Month(key) => (" AND e.month_key = $3", Some(key)),
        EntryFilter::Category(CategoryId(id)) => (
            " AND EXISTS (SELECT 1 FROM entry_categories ec WHERE ec.entry_id = e.id AND ec.category_id = $3)",
            Some(id),
        ),
        EntryFilter::Tag(id) => (
            " AND EXISTS (SELECT 1 FROM entry_tags et WHERE et.entry_id = e.id AND et.tag_id = $3)",
            Some(id),
        ),
    }
}

/// `($1, $2, …)` placeholders for an IN list starting at `$first`.
fn placeholders(first: usize, n: usize) -> String {
    (first..first + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl Store {
    /// The public entry at `path` (`yyyy/mm/basename.html` relative to the blog).
    pub async fn find_public_entry(
        &self,
        blog: BlogId,
        path: &str,
        now: i64,
    ) -> Result<Option<EntryRow>, StoreError> {
        let sql = format!("SELECT {ENTRY_COLUMNS} FROM entries e WHERE {PUBLIC} AND e.path = $3");
        Ok(with_pool!(self, read, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
                .bind(blog.0)
                .bind(now)
                .bind(path)
                .fetch_optional(pool)
                .await?
        }))
    }

    /// The public entries just before (older) and after (newer) `entry`, ordered by date then id.
    pub async fn neighbours(
        &self,
        blog: BlogId,
        entry: &EntryRow,
        now: i64,
    ) -> Result<(Option<EntryLinkRow>, Option<EntryLinkRow>), StoreError> {
        let older = format!(
            "SELECT e.id, e.title, e.path, e.authored_on FROM entries e WHERE {PUBLIC}
             AND (e.authored_on < $3 OR (e.authored_on = $3 AND e.id < $4))
             ORDER BY e.authored_on DESC, e.id DESC LIMIT 1"
        );
        let newer = format!(
            "SELECT e.id, e.title, e.path, e.authored_on FROM entries e WHERE {PUBLIC}
             AND (e.authored_on > $3 OR (e.authored_on = $3 AND e.id > $4))
             ORDER BY e.authored_on ASC, e.id ASC LIMIT 1"
        );
        Ok(with_pool!(self, read, |pool| {
            let prev = sqlx::query_as(sqlx::AssertSqlSafe(older.as_str()))
                .bind(blog.0)
                .bind(now)
                .bind(entry.authored_on)
                .bind(entry.id)
                .fetch_optional(pool)
                .await?;
            let next = sqlx::query_as(sqlx::AssertSqlSafe(newer.as_str()))
                .bind(blog.0)
                .bind(now)
                .bind(entry.authored_on)
                .bind(entry.id)
                .fetch_optional(pool)
                .await?;
            (prev, next)
        }))
    }

    /// One page of public entries, newest first.
    pub async fn list_public_entries(
        &self,
        blog: BlogId,
        filter: EntryFilter,
        now: i64,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<EntryRow>, StoreError> {
        let (cond, arg) = filter_sql(filter);
        let (l, o) = if arg.is_some() { (4, 5) } else { (3, 4) };
        let sql = format!(
            "SELECT {ENTRY_COLUMNS} FROM entries e WHERE {PUBLIC}{cond}
             ORDER BY e.authored_on DESC, e.id DESC LIMIT ${l} OFFSET ${o}"
        );
        Ok(with_pool!(self, read, |pool| {
            let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
                .bind(blog.0)
                .bind(now);
            if let Some(a) = arg {
                q = q.bind(a);
            }
            q.bind(limit).bind(offset).fetch_all(pool).await?
        }))
    }

    pub async fn count_public_entries(
        &self,
        blog: BlogId,
        filter: EntryFilter,
        now: i64,
    ) -> Result<i64, StoreError> {
        let (cond, arg) = filter_sql(filter);
        let sql = format!("SELECT COUNT(*) FROM entries e WHERE {PUBLIC}{cond}");
        Ok(with_pool!(self, read, |pool| {
            let mut q = sqlx::query_scalar(sqlx::AssertSqlSafe(sql.as_str()))
                .bind(blog.0)
                .bind(now);
            if let Some(a) = arg {
                q = q.bind(a);
            }
            q.fetch_one(pool).await?
        }))
    }

    /// Links to the newest public entries of a blog.
    pub async fn recent_entry_links(
        &self,
        blog: BlogId,
        now: i64,
        limit: i64,
    ) -> Result<Vec<EntryLinkRow>, StoreError> {
        let sql = format!(
            "SELECT e.id, e.title, e.path, e.authored_on FROM entries e WHERE {PUBLIC}
             ORDER BY e.authored_on DESC, e.id DESC LIMIT $3"
        );
        Ok(with_pool!(self, read, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
                .bind(blog.0)
                .bind(now)
                .bind(limit)
                .fetch_all(pool)
                .await?
        }))
    }

    /// Other public entries of a category, newest first.
    pub async fn category_entry_links(
        &self,
        blog: BlogId,
        category: CategoryId,
        except: EntryId,
        now: i64,
        limit: i64,
    ) -> Result<Vec<EntryLinkRow>, StoreError> {
        let sql = format!(
            "SELECT e.id, e.title, e.path, e.authored_on FROM entries e
             JOIN entry_categories ec ON ec.entry_id = e.id AND ec.category_id = $3
             WHERE {PUBLIC} AND e.id <> $4
             ORDER BY e.authored_on DESC, e.id DESC LIMIT $5"
        );
        Ok(with_pool!(self, read, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
                .bind(blog.0)
                .bind(now)
                .bind(category.0)
                .bind(except.0)
                .bind(limit)
                .fetch_all(pool)
                .await?
        }))
    }

    /// The newest public entries across all blogs, for the host front page.
    pub async fn recent_entries_all_blogs(
        &self,
        now: i64,
        limit: i64,
    ) -> Result<Vec<RecentEntryRow>, StoreError> {
        Ok(with_pool!(self, read, |pool| {
            sqlx::query_as(
                "SELECT e.title, e.path, e.authored_on, b.slug AS blog_slug, b.title AS blog_title,
                        b.timezone AS blog_timezone, b.lang AS blog_lang
                 FROM entries e JOIN blogs b ON b.id = e.blog_id
                 WHERE e.status = 'publish' AND e.authored_on <= $1
                 ORDER BY e.authored_on DESC, e.id DESC LIMIT $2",
            )
            .bind(now)
            .bind(limit)
            .fetch_all(pool)
            .await?
        }))
    }

    /// Categories of several entries, primary first, then in the order they were given.
    pub async fn categories_of_entries(
        &self,
        ids: &[i64],
    ) -> Result<Vec<EntryCategoryRow>, StoreError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT ec.entry_id, ec.category_id, ec.is_primary, c.label, c.path
             FROM entry_categories ec JOIN categories c ON c.id = ec.category_id
             WHERE ec.entry_id IN ({}) ORDER BY ec.entry_id, ec.position",
            placeholders(1, ids.len())
        );
        Ok(with_pool!(self, read, |pool| {
            let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()));
            for id in ids {
                q = q.bind(*id);
            }
            q.fetch_all(pool).await?
        }))
    }

    pub async fn tags_of_entries(&self, ids: &[i64]) -> Result<Vec<EntryTagRow>, StoreError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT et.entry_id, t.name FROM entry_tags et JOIN tags t ON t.id = et.tag_id
             WHERE et.entry_id IN ({}) ORDER BY et.entry_id, et.position",
            placeholders(1, ids.len())
        );
        Ok(with_pool!(self, read, |pool| {
            let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()));
            for id in ids {
                q = q.bind(*id);
            }
            q.fetch_all(pool).await?
        }))
    }

    /// (entry id, approved comments, approved pings) for several entries.
    pub async fn response_counts(&self, ids: &[i64]) -> Result<Vec<(i64, i64, i64)>, StoreError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let list = placeholders(1, ids.len());
        let sql = format!(
            "SELECT e.id,
                    (SELECT COUNT(*) FROM comments c WHERE c.entry_id = e.id AND c.status = 'approved'),
                    (SELECT COUNT(*) FROM pings p WHERE p.entry_id = e.id AND p.status = 'approved')
             FROM entries e WHERE e.id IN ({list})"
        );
        Ok(with_pool!(self, read, |pool| {
            let mut q = sqlx::query_as::<_, (i64, i64, i64)>(sqlx::AssertSqlSafe(sql.as_str()));
            for id in ids {
                q = q.bind(*id);
            }
            q.fetch_all(pool).await?
        }))
    }

    /// Approved comments of an entry, oldest first.
    pub async fn approved_comments(&self, entry: EntryId) -> Result<Vec<CommentRow>, StoreError> {
        Ok(with_pool!(self, read, |pool| {
            sqlx::query_as(
                "SELECT id, entry_id, author, email, url, ip, body, status, created_at FROM comments
                 WHERE entry_id = $1 AND status = 'approved' ORDER BY created_at, id",
            )
            .bind(entry.0)
            .fetch_all(pool)
            .await?
        }))
    }

    /// Approved TrackBacks, Pingbacks and Webmentions of an entry, oldest first.
    pub async fn approved_pings(&self, entry: EntryId) -> Result<Vec<PingRow>, StoreError> {
        Ok(with_pool!(self, read, |pool| {
            sqlx::query_as(
                "SELECT id, entry_id, kind, title, url, blog_name, excerpt, ip, status, created_at FROM pings
                 WHERE entry_id = $1 AND status = 'approved' ORDER BY created_at, id",
            )
            .bind(entry.0)
            .fetch_all(pool)
            .await?
        }))
    }

    /// Newest change to any public entry of a blog (for feed `updated` and Last-Modified).
    pub async fn last_public_update(
        &self,
        blog: BlogId,
        now: i64,
    ) -> Result<Option<i64>, StoreError> {
        let sql = format!("SELECT MAX(e.updated_at) FROM entries e WHERE {PUBLIC}");
        Ok(with_pool!(self, read, |pool| {
            sqlx::query_scalar(sqlx::AssertSqlSafe(sql.as_str()))
                .bind(blog.0)
                .bind(now)
                .fetch_one(pool)
                .await?
        }))
    }
}
