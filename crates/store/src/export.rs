//! Reading a whole blog back out, every status included, for exports and backups.

use crate::entries::{ENTRY_COLUMNS, ENTRY_FROM};
use crate::{CommentRow, EntryRow, FullEntry, PingRow, Store, StoreError, with_pool};
use std::collections::HashMap;
use tsuzuri_core::BlogId;

impl Store {
    /// Every entry of a blog in authored order (oldest first, as Movable Type exports), with
    /// its categories, tags, non-spam comments and non-spam pings.
    pub async fn export_entries(&self, blog: BlogId) -> Result<Vec<FullEntry>, StoreError> {
        let entries_sql = format!(
            "SELECT {ENTRY_COLUMNS} FROM {ENTRY_FROM} WHERE e.blog_id = $1 AND e.status <> 'trash' ORDER BY e.authored_on, e.id"
        );
        let (entries, cats, tags, comments, pings) = with_pool!(self, read, |pool| {
            let entries: Vec<EntryRow> = sqlx::query_as(sqlx::AssertSqlSafe(entries_sql.as_str()))
                .bind(blog.0)
                .fetch_all(pool)
                .await?;
            let cats: Vec<(i64, String, bool)> = sqlx::query_as(
                "SELECT ec.entry_id, c.label, ec.is_primary FROM entry_categories ec
                 JOIN categories c ON c.id = ec.category_id
                 WHERE c.blog_id = $1 ORDER BY ec.entry_id, ec.position",
            )
            .bind(blog.0)
            .fetch_all(pool)
            .await?;
            let tags: Vec<(i64, String)> = sqlx::query_as(
                "SELECT et.entry_id, t.name FROM entry_tags et JOIN tags t ON t.id = et.tag_id
                 WHERE t.blog_id = $1 ORDER BY et.entry_id, et.position",
            )
            .bind(blog.0)
            .fetch_all(pool)
            .await?;
            let comments: Vec<CommentRow> = sqlx::query_as(
                "SELECT id, entry_id, author, email, url, ip, body, status, created_at, parent_id FROM comments
                 WHERE blog_id = $1 AND status <> 'spam' ORDER BY entry_id, created_at, id",
            )
            .bind(blog.0)
            .fetch_all(pool)
            .await?;
            let pings: Vec<PingRow> = sqlx::query_as(
                "SELECT id, entry_id, kind, title, url, blog_name, excerpt, ip, status, created_at, mention_type, author_name FROM pings
                 WHERE blog_id = $1 AND status <> 'spam' ORDER BY entry_id, created_at, id",
            )
            .bind(blog.0)
            .fetch_all(pool)
            .await?;
            (entries, cats, tags, comments, pings)
        });
        let mut cats_by: HashMap<i64, Vec<(String, bool)>> = HashMap::new();
        for (id, label, primary) in cats {
            cats_by.entry(id).or_default().push((label, primary));
        }
        let mut tags_by: HashMap<i64, Vec<String>> = HashMap::new();
        for (id, name) in tags {
            tags_by.entry(id).or_default().push(name);
        }
        let mut comments_by: HashMap<i64, Vec<CommentRow>> = HashMap::new();
        for c in comments {
            comments_by.entry(c.entry_id).or_default().push(c);
        }
        let mut pings_by: HashMap<i64, Vec<PingRow>> = HashMap::new();
        for p in pings {
            pings_by.entry(p.entry_id).or_default().push(p);
        }
        Ok(entries
            .into_iter()
            .map(|entry| FullEntry {
                categories: cats_by.remove(&entry.id).unwrap_or_default(),
                tags: tags_by.remove(&entry.id).unwrap_or_default(),
                comments: comments_by.remove(&entry.id).unwrap_or_default(),
                pings: pings_by.remove(&entry.id).unwrap_or_default(),
                entry,
            })
            .collect())
    }
}
