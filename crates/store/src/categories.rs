//! Changing a category's label and slug; its old archive paths keep answering.

use crate::BeginWrite;
use crate::sqlite_read::Arg;
use crate::{CategoryRow, Store, StoreError, bump_content, with_pool};
use tsuzuri_core::BlogId;

impl Store {
    /// Renames a category: its label, its slug and with it the path of the category and of
    /// every subcategory. The old paths are remembered as redirects. None when the blog
    /// has no such category; a Conflict when a sibling already has the slug.
    pub async fn rename_category(
        &self,
        blog: BlogId,
        category_id: i64,
        label: &str,
        slug: &str,
        now: i64,
    ) -> Result<Option<CategoryRow>, StoreError> {
        let all = self.categories_of_blog(blog).await?;
        let Some(cat) = all.iter().find(|c| c.id == category_id).cloned() else {
            return Ok(None);
        };
        let new_path = match cat.path.rsplit_once('/') {
            Some((parent, _)) => format!("{parent}/{slug}"),
            None => slug.to_owned(),
        };
        if new_path != cat.path && all.iter().any(|c| c.path == new_path) {
            return Err(StoreError::Conflict(tsuzuri_core::message::message(
                "category-path-taken",
                &[("path", &new_path)],
            )));
        }
        // (id, old path, new path) for the category and every category below it.
        let moves: Vec<(i64, String, String)> = all
            .iter()
            .filter_map(|c| {
                if c.id == cat.id {
                    Some((c.id, c.path.clone(), new_path.clone()))
                } else {
                    c.path
                        .strip_prefix(&format!("{}/", cat.path))
                        .map(|rest| (c.id, c.path.clone(), format!("{new_path}/{rest}")))
                }
            })
            .collect();
        with_pool!(self, write, |pool| {
            let mut tx = pool.begin_write().await?;
            sqlx::query(
                "UPDATE categories SET label = $3, slug = $4 WHERE blog_id = $1 AND id = $2",
            )
            .bind(blog.0)
            .bind(cat.id)
            .bind(label)
            .bind(slug)
            .execute(&mut *tx)
            .await?;
            if new_path != cat.path {
                // Two passes, so a path is never briefly held by two categories.
                for (id, _, _) in &moves {
                    sqlx::query("UPDATE categories SET path = '~moving/' || path WHERE id = $1")
                        .bind(id)
                        .execute(&mut *tx)
                        .await?;
                }
                for (id, old, new) in &moves {
                    sqlx::query("UPDATE categories SET path = $2 WHERE id = $1")
                        .bind(id)
                        .bind(new)
                        .execute(&mut *tx)
                        .await?;
                    sqlx::query(
                        "DELETE FROM category_redirects WHERE blog_id = $1 AND old_path = $2",
                    )
                    .bind(blog.0)
                    .bind(new)
                    .execute(&mut *tx)
                    .await?;
                    sqlx::query(
                        "INSERT INTO category_redirects (blog_id, old_path, category_id, created_at)
                         VALUES ($1, $2, $3, $4)
                         ON CONFLICT (blog_id, old_path) DO UPDATE
                         SET category_id = excluded.category_id, created_at = excluded.created_at",
                    )
                    .bind(blog.0)
                    .bind(old)
                    .bind(id)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                }
            }
            bump_content!(tx, blog.0);
            tx.commit().await?;
        });
        Ok(self
            .categories_of_blog(blog)
            .await?
            .into_iter()
            .find(|c| c.id == category_id))
    }

    /// Where a renamed category's old path points now.
    pub async fn category_redirect(
        &self,
        blog: BlogId,
        old_path: &str,
    ) -> Result<Option<String>, StoreError> {
        let row: Option<(String,)> = self
            .read_opt(
                "SELECT c.path FROM category_redirects r JOIN categories c ON c.id = r.category_id
                 WHERE r.blog_id = $1 AND r.old_path = $2",
                &[Arg::Int(blog.0), Arg::Text(old_path)],
            )
            .await?;
        Ok(row.map(|(p,)| p))
    }
}
