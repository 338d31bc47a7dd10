//! Blogs and their categories.

use crate::BeginWrite;
use crate::sqlite_read::Arg;
use crate::{
    BlogRow, BlogSummaryRow, CategoryCountRow, CategoryRow, MonthCountRow, NewBlog, Store,
    StoreError, bump_content, with_pool,
};
use std::sync::LazyLock;
use tsuzuri_core::BlogId;

const BLOG_COLUMNS: &str = "id, slug, title, description, lang, timezone, owner_id, created_at, updated_at, theme, templates_version, comment_policy, comments_close_days, ping_policy";

static FIND_BLOG: LazyLock<String> =
    LazyLock::new(|| format!("SELECT {BLOG_COLUMNS} FROM blogs WHERE slug = $1"));

impl Store {
    pub async fn create_blog(&self, new: &NewBlog) -> Result<BlogRow, StoreError> {
        let sql = format!(
            "INSERT INTO blogs (slug, title, description, lang, timezone, owner_id, created_at, updated_at,
                                counts_until)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $7, 9223372036854775807) RETURNING {BLOG_COLUMNS}"
        );
        let conflict = || format!("a blog named {:?} already exists", new.slug);
        Ok(with_pool!(self, write, |pool| {
            let mut tx = pool.begin_write().await?;
            let row: BlogRow = sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
                .bind(&new.slug)
                .bind(&new.title)
                .bind(&new.description)
                .bind(&new.lang)
                .bind(&new.timezone)
                .bind(new.owner_id.0)
                .bind(new.now)
                .fetch_one(&mut *tx)
                .await
                .map_err(|e| StoreError::conflict_or(e, conflict))?;
            sqlx::query(
                "INSERT INTO blog_members (blog_id, user_id, role) VALUES ($1, $2, 'owner')",
            )
            .bind(row.id)
            .bind(new.owner_id.0)
            .execute(&mut *tx)
            .await?;
            bump_content!(tx, row.id);
            tx.commit().await?;
            row
        }))
    }

    pub async fn find_blog_by_slug(&self, slug: &str) -> Result<Option<BlogRow>, StoreError> {
        self.read_opt(&FIND_BLOG, &[Arg::Text(slug)]).await
    }

    /// All blogs with their public entry counts, most recently active first.
    pub async fn list_blogs(&self, now: i64) -> Result<Vec<BlogSummaryRow>, StoreError> {
        self.read_all(
            "SELECT b.id, b.slug, b.title, b.description,
                    (SELECT COUNT(*) FROM entries e
                      WHERE e.blog_id = b.id AND e.status = 'publish' AND e.authored_on <= $1)
                    AS public_entries
             FROM blogs b ORDER BY b.updated_at DESC, b.id",
            &[Arg::Int(now)],
        )
        .await
    }

    pub async fn categories_of_blog(&self, blog: BlogId) -> Result<Vec<CategoryRow>, StoreError> {
        self.read_all(
            "SELECT id, blog_id, parent_id, label, slug, path, position FROM categories
             WHERE blog_id = $1 ORDER BY path",
            &[Arg::Int(blog.0)],
        )
        .await
    }

    pub async fn find_category_by_path(
        &self,
        blog: BlogId,
        path: &str,
    ) -> Result<Option<CategoryRow>, StoreError> {
        self.read_opt(
            "SELECT id, blog_id, parent_id, label, slug, path, position FROM categories
             WHERE blog_id = $1 AND path = $2",
            &[Arg::Int(blog.0), Arg::Text(path)],
        )
        .await
    }

    /// Categories with their public entry counts, in path order (parents before children).
    pub async fn category_counts(
        &self,
        blog: BlogId,
        now: i64,
    ) -> Result<Vec<CategoryCountRow>, StoreError> {
        // Joined from the category side, so both planners walk this blog's categories and
        // their entries by index instead of every public entry of the host.
        self.read_all(
            "SELECT c.id, c.parent_id, c.label, c.path, COUNT(e.id) AS public_entries
             FROM categories c
             LEFT JOIN entry_categories ec ON ec.category_id = c.id
             LEFT JOIN entries e ON e.id = ec.entry_id AND e.status = 'publish' AND e.authored_on <= $2
             WHERE c.blog_id = $1
             GROUP BY c.id, c.parent_id, c.label, c.path ORDER BY c.path",
            &[Arg::Int(blog.0), Arg::Int(now)],
        )
        .await
    }

    /// Months (yyyymm in the blog's zone) that have public entries, newest first.
    pub async fn month_counts(
        &self,
        blog: BlogId,
        now: i64,
    ) -> Result<Vec<MonthCountRow>, StoreError> {
        self.read_all(
            "SELECT month_key, COUNT(*) AS public_entries FROM entries
             WHERE blog_id = $1 AND status = 'publish' AND authored_on <= $2
             GROUP BY month_key ORDER BY month_key DESC",
            &[Arg::Int(blog.0), Arg::Int(now)],
        )
        .await
    }

    pub async fn find_tag_id(&self, blog: BlogId, name: &str) -> Result<Option<i64>, StoreError> {
        let row: Option<(i64,)> = self
            .read_opt(
                "SELECT id FROM tags WHERE blog_id = $1 AND name = $2",
                &[Arg::Int(blog.0), Arg::Text(name)],
            )
            .await?;
        Ok(row.map(|(id,)| id))
    }
}

impl Store {
    /// Changes a blog's reader-facing settings; bumps the content version (every page shows them).
    #[allow(clippy::too_many_arguments)]
    pub async fn update_blog_settings(
        &self,
        blog: BlogId,
        title: &str,
        description: &str,
        lang: &str,
        timezone: &str,
        theme: &str,
        comment_policy: &str,
        comments_close_days: i64,
        ping_policy: &str,
        now: i64,
    ) -> Result<(), StoreError> {
        with_pool!(self, write, |pool| {
            let mut tx = pool.begin_write().await?;
            sqlx::query(
                "UPDATE blogs SET title = $2, description = $3, lang = $4, timezone = $5, theme = $7,
                        comment_policy = $8, comments_close_days = $9, ping_policy = $10,
                        updated_at = $6 WHERE id = $1",
            )
            .bind(blog.0)
            .bind(title)
            .bind(description)
            .bind(lang)
            .bind(timezone)
            .bind(now)
            .bind(theme)
            .bind(comment_policy)
            .bind(comments_close_days)
            .bind(ping_policy)
            .execute(&mut *tx)
            .await?;
            bump_content!(tx, blog.0);
            tx.commit().await?;
        });
        Ok(())
    }
}
