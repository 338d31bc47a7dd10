//! Blogs and their categories.

use crate::{
    BUMP_CONTENT_VERSION, BlogRow, BlogSummaryRow, CategoryCountRow, CategoryRow, MonthCountRow,
    NewBlog, Store, StoreError, with_pool,
};
use tsuzuri_core::BlogId;

const BLOG_COLUMNS: &str =
    "id, slug, title, description, lang, timezone, owner_id, created_at, updated_at";

impl Store {
    pub async fn create_blog(&self, new: &NewBlog) -> Result<BlogRow, StoreError> {
        let sql = format!(
            "INSERT INTO blogs (slug, title, description, lang, timezone, owner_id, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING {BLOG_COLUMNS}"
        );
        let conflict = || format!("a blog named {:?} already exists", new.slug);
        Ok(with_pool!(self, write, |pool| {
            let mut tx = pool.begin().await?;
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
            sqlx::query(BUMP_CONTENT_VERSION).execute(&mut *tx).await?;
            tx.commit().await?;
            row
        }))
    }

    pub async fn find_blog_by_slug(&self, slug: &str) -> Result<Option<BlogRow>, StoreError> {
        let sql = format!("SELECT {BLOG_COLUMNS} FROM blogs WHERE slug = $1");
        Ok(with_pool!(self, read, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
                .bind(slug)
                .fetch_optional(pool)
                .await?
        }))
    }

    /// All blogs with their public entry counts, most recently active first.
    pub async fn list_blogs(&self, now: i64) -> Result<Vec<BlogSummaryRow>, StoreError> {
        Ok(with_pool!(self, read, |pool| {
            sqlx::query_as(
                "SELECT b.id, b.slug, b.title, b.description,
                        (SELECT COUNT(*) FROM entries e
                          WHERE e.blog_id = b.id AND e.status = 'publish' AND e.authored_on <= $1)
                        AS public_entries
                 FROM blogs b ORDER BY b.updated_at DESC, b.id",
            )
            .bind(now)
            .fetch_all(pool)
            .await?
        }))
    }

    pub async fn categories_of_blog(&self, blog: BlogId) -> Result<Vec<CategoryRow>, StoreError> {
        Ok(with_pool!(self, read, |pool| {
            sqlx::query_as(
                "SELECT id, blog_id, parent_id, label, slug, path, position FROM categories
                 WHERE blog_id = $1 ORDER BY path",
            )
            .bind(blog.0)
            .fetch_all(pool)
            .await?
        }))
    }

    pub async fn find_category_by_path(
        &self,
        blog: BlogId,
        path: &str,
    ) -> Result<Option<CategoryRow>, StoreError> {
        Ok(with_pool!(self, read, |pool| {
            sqlx::query_as(
                "SELECT id, blog_id, parent_id, label, slug, path, position FROM categories
                 WHERE blog_id = $1 AND path = $2",
            )
            .bind(blog.0)
            .bind(path)
            .fetch_optional(pool)
            .await?
        }))
    }

    /// Categories with their public entry counts, in path order (parents before children).
    pub async fn category_counts(
        &self,
        blog: BlogId,
        now: i64,
    ) -> Result<Vec<CategoryCountRow>, StoreError> {
        Ok(with_pool!(self, read, |pool| {
            sqlx::query_as(
                "SELECT c.id, c.parent_id, c.label, c.path,
                        (SELECT COUNT(*) FROM entry_categories ec JOIN entries e ON e.id = ec.entry_id
                          WHERE ec.category_id = c.id AND e.status = 'publish' AND e.authored_on <= $2)
                        AS public_entries
                 FROM categories c WHERE c.blog_id = $1 ORDER BY c.path",
            )
            .bind(blog.0)
            .bind(now)
            .fetch_all(pool)
            .await?
        }))
    }

    /// Months (yyyymm in the blog's zone) that have public entries, newest first.
    pub async fn month_counts(
        &self,
        blog: BlogId,
        now: i64,
    ) -> Result<Vec<MonthCountRow>, StoreError> {
        Ok(with_pool!(self, read, |pool| {
            sqlx::query_as(
                "SELECT month_key, COUNT(*) AS public_entries FROM entries
                 WHERE blog_id = $1 AND status = 'publish' AND authored_on <= $2
                 GROUP BY month_key ORDER BY month_key DESC",
            )
            .bind(blog.0)
            .bind(now)
            .fetch_all(pool)
            .await?
        }))
    }

    pub async fn find_tag_id(&self, blog: BlogId, name: &str) -> Result<Option<i64>, StoreError> {
        Ok(with_pool!(self, read, |pool| {
            sqlx::query_scalar("SELECT id FROM tags WHERE blog_id = $1 AND name = $2")
                .bind(blog.0)
                .bind(name)
                .fetch_optional(pool)
                .await?
        }))
    }
}
