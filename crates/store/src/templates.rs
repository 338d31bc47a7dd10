//! Owners' template overrides: one stored source per template name and blog.

use crate::BeginWrite;
use crate::sqlite_read::{Arg, sqlite_row};
use crate::{Store, StoreError, bump_content, with_pool};
use tsuzuri_core::BlogId;

/// A customised template.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct BlogTemplateRow {
    pub name: String,
    pub source: String,
    pub updated_at: i64,
}

sqlite_row! {
    BlogTemplateRow { name, source, updated_at }
}

const BUMP_TEMPLATES: &str =
    "UPDATE blogs SET templates_version = templates_version + 1 WHERE id = $1";

impl Store {
    pub async fn blog_templates(&self, blog: BlogId) -> Result<Vec<BlogTemplateRow>, StoreError> {
        self.read_all(
            "SELECT name, source, updated_at FROM blog_templates WHERE blog_id = $1 ORDER BY name",
            &[Arg::Int(blog.0)],
        )
        .await
    }

    /// Stores (or replaces) one template; pages drop from every cache.
    pub async fn save_blog_template(
        &self,
        blog: BlogId,
        name: &str,
        source: &str,
        now: i64,
    ) -> Result<(), StoreError> {
        with_pool!(self, write, |pool| {
            let mut tx = pool.begin_write().await?;
            sqlx::query(
                "INSERT INTO blog_templates (blog_id, name, source, updated_at) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (blog_id, name) DO UPDATE SET source = excluded.source, updated_at = excluded.updated_at",
            )
            .bind(blog.0)
            .bind(name)
            .bind(source)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            sqlx::query(BUMP_TEMPLATES)
                .bind(blog.0)
                .execute(&mut *tx)
                .await?;
            bump_content!(tx, blog.0);
            tx.commit().await?;
        });
        Ok(())
    }

    /// Removes one customised template (`Some(name)`) or all of them (`None`); returns how
    /// many were removed.
    pub async fn delete_blog_templates(
        &self,
        blog: BlogId,
        name: Option<&str>,
    ) -> Result<u64, StoreError> {
        Ok(with_pool!(self, write, |pool| {
            let mut tx = pool.begin_write().await?;
            let n = match name {
                Some(name) => {
                    sqlx::query("DELETE FROM blog_templates WHERE blog_id = $1 AND name = $2")
                        .bind(blog.0)
                        .bind(name)
                        .execute(&mut *tx)
                        .await?
                }
                None => {
                    sqlx::query("DELETE FROM blog_templates WHERE blog_id = $1")
                        .bind(blog.0)
                        .execute(&mut *tx)
                        .await?
                }
            }
            .rows_affected();
            sqlx::query(BUMP_TEMPLATES)
                .bind(blog.0)
                .execute(&mut *tx)
                .await?;
            bump_content!(tx, blog.0);
            tx.commit().await?;
            n
        }))
    }
}
