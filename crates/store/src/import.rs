//! Writes of whole entries (with categories, tags, comments and pings), each in one
//! transaction: an import either lands completely or changes nothing, and so does an edit.
//! The rows themselves are written by `entry_rows`.

use crate::BeginWrite;
use crate::counts::{count_entry, recount_blog, uncount_entry};
use crate::entries::{ENTRY_COLUMNS, ENTRY_FROM};
use crate::entry_rows::{
    EntryTerms, Responses, insert_entries, insert_responses, link_terms, load_terms,
};
use crate::jobs::insert_jobs;
use crate::outbound::list_trackbacks;
use crate::sqlite_read::Arg;
use crate::{
    EntryRow, FullEntry, ImportSummary, NewAttachment, NewEntry, RevisionRow, Store, StoreError,
    bump_content, with_pool,
};
use std::collections::HashSet;
use tsuzuri_core::BlogId;
use tsuzuri_core::permalink::entry_path;

impl Store {
    /// Inserts `entries` into `blog` atomically. Permalinks already taken get a suffix
    /// (reported in the summary); categories are matched by label and created when missing.
    pub async fn import_entries(
        &self,
        blog: BlogId,
        entries: &[NewEntry],
        attachments: &[NewAttachment],
    ) -> Result<ImportSummary, StoreError> {
        let mut summary = ImportSummary::default();
        with_pool!(self, write, |pool| {
            let mut tx = pool.begin_write().await?;

            let paths: Vec<String> =
                sqlx::query_scalar("SELECT path FROM entries WHERE blog_id = $1")
                    .bind(blog.0)
                    .fetch_all(&mut *tx)
                    .await?;
            let mut taken: HashSet<String> = paths.into_iter().collect();
            let mut terms = load_terms(&mut tx, blog).await?;
            insert_entries(&mut tx, blog, entries, &mut taken, &mut terms, &mut summary).await?;

            // NO ENTRY records: responses for an entry that exists already (in the blog or
            // earlier in this file), matched by its authored date as Movable Type does.
            for a in attachments {
                let target: Option<i64> = sqlx::query_scalar(
                    "SELECT id FROM entries WHERE blog_id = $1 AND authored_on = $2 ORDER BY id LIMIT 1",
                )
                .bind(blog.0)
                .bind(a.authored_on)
                .fetch_optional(&mut *tx)
                .await?;
                match target {
                    Some(entry_id) => {
                        let responses = Responses {
                            entry_id,
                            comments: &a.comments,
                            pings: &a.pings,
                        };
                        insert_responses(&mut tx, blog, &[responses], &mut summary).await?;
                    }
                    None => summary.unattached.push(a.authored_on),
                }
            }

            // A few entries (the editor) are counted one by one; a file, in one pass.
            if summary.entry_ids.len() > 50 {
                recount_blog!(tx, blog.0, crate::counts::counting_now());
            } else {
                for id in &summary.entry_ids {
                    count_entry!(tx, *id);
                }
            }
            sqlx::query("UPDATE blogs SET updated_at = $2 WHERE id = $1")
                .bind(blog.0)
                .bind(entries.iter().map(|e| e.now).max().unwrap_or(0))
                .execute(&mut *tx)
                .await?;
            bump_content!(tx, blog.0);
            tx.commit().await?;
        });
        Ok(summary)
    }
}

impl Store {
    /// Replaces an entry's fields, texts, categories and tags (comments and pings stay).
    /// Returns the entry's permalink path; a path taken by another entry is a Conflict.
    pub async fn update_entry(
        &self,
        blog: BlogId,
        entry_id: i64,
        e: &NewEntry,
    ) -> Result<String, StoreError> {
        let path = entry_path(e.year, e.month, &e.basename);
        let month_key = i64::from(e.year) * 100 + i64::from(e.month);
        let mut summary = ImportSummary::default();
        with_pool!(self, write, |pool| {
            let mut tx = pool.begin_write().await?;
            let clash: Option<i64> = sqlx::query_scalar(
                "SELECT id FROM entries WHERE blog_id = $1 AND path = $2 AND id <> $3",
            )
            .bind(blog.0)
            .bind(&path)
            .bind(entry_id)
            .fetch_optional(&mut *tx)
            .await?;
            if clash.is_some() {
                return Err(StoreError::Conflict(tsuzuri_core::message::message(
                    "basename-taken",
                    &[("basename", &e.basename)],
                )));
            }
            uncount_entry!(tx, entry_id);
            let old_path: Option<String> =
                sqlx::query_scalar("SELECT path FROM entries WHERE id = $1 AND blog_id = $2")
                    .bind(entry_id)
                    .bind(blog.0)
                    .fetch_optional(&mut *tx)
                    .await?;
            // A path now taken by this entry is no longer a redirect to anywhere else.
            sqlx::query("DELETE FROM entry_redirects WHERE blog_id = $1 AND old_path = $2")
                .bind(blog.0)
                .bind(&path)
                .execute(&mut *tx)
                .await?;
            if let Some(old) = old_path.filter(|old| *old != path) {
                sqlx::query(
                    "INSERT INTO entry_redirects (blog_id, old_path, entry_id, created_at) VALUES ($1, $2, $3, $4)
                     ON CONFLICT (blog_id, old_path) DO UPDATE SET entry_id = excluded.entry_id, created_at = excluded.created_at",
                )
                .bind(blog.0)
                .bind(&old)
                .bind(entry_id)
                .bind(e.now)
                .execute(&mut *tx)
                .await?;
            }
            if let Some((by, data)) = &e.revision {
                sqlx::query("INSERT INTO entry_revisions (entry_id, created_at, saved_by, data) VALUES ($1, $2, $3, $4)")
                    .bind(entry_id)
                    .bind(e.now)
                    .bind(by)
                    .bind(data)
                    .execute(&mut *tx)
                    .await?;
            }
            let updated = sqlx::query(
                "UPDATE entries SET title = $3, basename = $4, path = $5, month_key = $6, status = $7,
                    text_format = $8, excerpt = $9, keywords = $10, allow_comments = $11,
                    allow_pings = $12, authored_on = $13, updated_at = $14
                 WHERE id = $1 AND blog_id = $2",
            )
            .bind(entry_id)
            .bind(blog.0)
            .bind(&e.title)
            .bind(&e.basename)
            .bind(&path)
            .bind(month_key)
            .bind(&e.status)
            .bind(&e.text_format)
            .bind(&e.excerpt)
            .bind(&e.keywords)
            .bind(e.allow_comments)
            .bind(e.allow_pings)
            .bind(e.authored_on)
            .bind(e.now)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if updated == 0 {
                return Err(StoreError::NotFound(format!(
                    "no entry {entry_id} in this blog"
                )));
            }
            sqlx::query(
                "UPDATE entry_texts SET body_html = $2, more_html = $3, body_source = $4, more_source = $5
                 WHERE entry_id = $1",
            )
            .bind(entry_id)
            .bind(&e.body_html)
            .bind(&e.more_html)
            .bind(&e.body_source)
            .bind(&e.more_source)
            .execute(&mut *tx)
            .await?;
            sqlx::query("DELETE FROM entry_categories WHERE entry_id = $1")
                .bind(entry_id)
                .execute(&mut *tx)
                .await?;
            sqlx::query("DELETE FROM entry_tags WHERE entry_id = $1")
                .bind(entry_id)
                .execute(&mut *tx)
                .await?;
            let mut terms = load_terms(&mut tx, blog).await?;
            let links = EntryTerms {
                entry_id,
                categories: &e.categories,
                tags: &e.tags,
            };
            link_terms(&mut tx, blog, &[links], &mut terms, &mut summary).await?;
            count_entry!(tx, entry_id);
            list_trackbacks(&mut tx, blog, entry_id, &e.trackback_urls, e.now).await?;
            insert_jobs(&mut tx, &e.jobs, Some(entry_id), e.now).await?;
            sqlx::query("UPDATE blogs SET updated_at = $2 WHERE id = $1")
                .bind(blog.0)
                .bind(e.now)
                .execute(&mut *tx)
                .await?;
            bump_content!(tx, blog.0);
            tx.commit().await?;
        });
        Ok(path)
    }

    /// One entry of a blog with its texts, categories and tags, whatever its status.
    pub async fn entry_for_edit(
        &self,
        blog: BlogId,
        entry_id: i64,
    ) -> Result<Option<FullEntry>, StoreError> {
        let sql =
            format!("SELECT {ENTRY_COLUMNS} FROM {ENTRY_FROM} WHERE e.blog_id = $1 AND e.id = $2");
        let Some(entry) = self
            .read_opt::<EntryRow>(&sql, &[Arg::Int(blog.0), Arg::Int(entry_id)])
            .await?
        else {
            return Ok(None);
        };
        let categories = self
            .categories_of_entries(&[entry_id])
            .await?
            .into_iter()
            .map(|c| (c.label, c.is_primary))
            .collect();
        let tags = self
            .tags_of_entries(&[entry_id])
            .await?
            .into_iter()
            .map(|t| t.name)
            .collect();
        Ok(Some(FullEntry {
            entry,
            categories,
            tags,
            comments: Vec::new(),
            pings: Vec::new(),
        }))
    }

    /// The author of an entry (None for imported entries whose author is not a user).
    pub async fn entry_author(
        &self,
        blog: BlogId,
        entry_id: i64,
    ) -> Result<Option<Option<i64>>, StoreError> {
        let row: Option<(Option<i64>,)> = self
            .read_opt(
                "SELECT author_id FROM entries WHERE blog_id = $1 AND id = $2",
                &[Arg::Int(blog.0), Arg::Int(entry_id)],
            )
            .await?;
        Ok(row.map(|(a,)| a))
    }

    /// Revisions of an entry of `blog`, newest first.
    pub async fn revisions(
        &self,
        blog: BlogId,
        entry_id: i64,
    ) -> Result<Vec<RevisionRow>, StoreError> {
        self.read_all(
            "SELECT r.id, r.entry_id, r.created_at, r.saved_by, r.data FROM entry_revisions r
             JOIN entries e ON e.id = r.entry_id
             WHERE e.blog_id = $1 AND r.entry_id = $2 ORDER BY r.id DESC",
            &[Arg::Int(blog.0), Arg::Int(entry_id)],
        )
        .await
    }

    /// The current permalink of the public entry that used to live at `old_path`.
    pub async fn redirect_target(
        &self,
        blog: BlogId,
        old_path: &str,
        now: i64,
    ) -> Result<Option<String>, StoreError> {
        let row: Option<(String,)> = self
            .read_opt(
                "SELECT e.path FROM entry_redirects r JOIN entries e ON e.id = r.entry_id
                 WHERE r.blog_id = $1 AND r.old_path = $2 AND e.status = 'publish' AND e.authored_on <= $3",
                &[Arg::Int(blog.0), Arg::Text(old_path), Arg::Int(now)],
            )
            .await?;
        Ok(row.map(|(p,)| p))
    }

    /// Gives `user` a role on `blog` (replacing any role they had).
    pub async fn set_member(
        &self,
        blog: BlogId,
        user: tsuzuri_core::UserId,
        role: &str,
    ) -> Result<(), StoreError> {
        with_pool!(self, write, |pool| {
            sqlx::query(
                "INSERT INTO blog_members (blog_id, user_id, role) VALUES ($1, $2, $3)
                 ON CONFLICT (blog_id, user_id) DO UPDATE SET role = excluded.role",
            )
            .bind(blog.0)
            .bind(user.0)
            .bind(role)
            .execute(pool)
            .await?;
        });
        Ok(())
    }
}
