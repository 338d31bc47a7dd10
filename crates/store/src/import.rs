//! Writes of whole entries (with categories, tags, comments and pings), each in one
//! transaction: an import either lands completely or changes nothing, and so does an edit.

use crate::BeginWrite;
use crate::counts::{count_entry, recount_blog, uncount_entry};
use crate::entries::{ENTRY_COLUMNS, ENTRY_FROM};
use crate::jobs::insert_jobs;
use crate::outbound::list_trackbacks;
use crate::sqlite_read::Arg;
use crate::{
    EntryRow, FullEntry, ImportSummary, NewAttachment, NewEntry, RevisionRow, Store, StoreError,
    bump_content, with_pool,
};
use std::collections::{HashMap, HashSet};
use tsuzuri_core::BlogId;
use tsuzuri_core::permalink::entry_path;
use tsuzuri_core::slug::category_slug;

/// Rows per multi-row INSERT: well under SQLite's 32,766 bound parameters at 9 columns.
const CHUNK: usize = 500;

fn values_list(rows: usize, cols: usize) -> String {
    let mut s = String::new();
    for r in 0..rows {
        if r > 0 {
            s.push_str(", ");
        }
        s.push('(');
        for c in 0..cols {
            if c > 0 {
                s.push_str(", ");
            }
            s.push('$');
            s.push_str(&(r * cols + c + 1).to_string());
        }
        s.push(')');
    }
    s
}

/// The first free permalink for `basename` in its month: MT's `_1`, `_2`… suffixes.
fn free_basename(taken: &HashSet<String>, year: i16, month: i8, basename: &str) -> String {
    if !taken.contains(&entry_path(year, month, basename)) {
        return basename.to_string();
    }
    (1..)
        .map(|n| format!("{basename}_{n}"))
        .find(|b| !taken.contains(&entry_path(year, month, b)))
        .unwrap_or_else(|| basename.to_string())
}

fn free_category_path(taken: &HashSet<String>, slug: &str) -> String {
    if !taken.contains(slug) {
        return slug.to_string();
    }
    (2..)
        .map(|n| format!("{slug}-{n}"))
        .find(|p| !taken.contains(p))
        .unwrap_or_else(|| slug.to_string())
}

/// Loads a blog's categories (top-level labels and all paths) and tags, inside a transaction.
macro_rules! load_terms {
    ($tx:ident, $blog:expr) => {{
        let cats: Vec<(i64, String, String)> = sqlx::query_as(
            "SELECT id, label, path FROM categories WHERE blog_id = $1 AND parent_id IS NULL",
        )
        .bind($blog.0)
        .fetch_all(&mut *$tx)
        .await?;
        let all_cat_paths: Vec<String> =
            sqlx::query_scalar("SELECT path FROM categories WHERE blog_id = $1")
                .bind($blog.0)
                .fetch_all(&mut *$tx)
                .await?;
        let cat_paths: HashSet<String> = all_cat_paths.into_iter().collect();
        let cat_ids: HashMap<String, i64> =
            cats.into_iter().map(|(id, label, _)| (label, id)).collect();
        let tags: Vec<(i64, String)> =
            sqlx::query_as("SELECT id, name FROM tags WHERE blog_id = $1")
                .bind($blog.0)
                .fetch_all(&mut *$tx)
                .await?;
        let tag_ids: HashMap<String, i64> = tags.into_iter().map(|(id, n)| (n, id)).collect();
        (cat_paths, cat_ids, tag_ids)
    }};
}

/// Links an entry to its categories (first = primary) and tags, creating missing ones.
macro_rules! insert_terms {
    ($tx:ident, $blog:expr, $entry_id:expr, $categories:expr, $tags:expr, $cat_ids:ident, $cat_paths:ident, $tag_ids:ident, $summary:ident) => {
        let mut seen = HashSet::new();
        for (position, label) in $categories.iter().enumerate() {
            if !seen.insert(label.as_str()) {
                continue;
            }
            let category_id = match $cat_ids.get(label) {
                Some(id) => *id,
                None => {
                    let cpath = free_category_path(&$cat_paths, &category_slug(label));
                    let id: i64 = sqlx::query_scalar(
                        "INSERT INTO categories (blog_id, parent_id, label, slug, path, position)
                                 VALUES ($1, NULL, $2, $3, $3, $4) RETURNING id",
                    )
                    .bind($blog.0)
                    .bind(label)
                    .bind(&cpath)
                    .bind($cat_ids.len() as i64)
                    .fetch_one(&mut *$tx)
                    .await?;
                    $cat_paths.insert(cpath);
                    $cat_ids.insert(label.clone(), id);
                    $summary.categories_created += 1;
                    id
                }
            };
            sqlx::query(
                "INSERT INTO entry_categories (entry_id, category_id, is_primary, position)
                         VALUES ($1, $2, $3, $4)",
            )
            .bind($entry_id)
            .bind(category_id)
            .bind(position == 0)
            .bind(position as i64)
            .execute(&mut *$tx)
            .await?;
        }

        let mut seen = HashSet::new();
        for (position, name) in $tags.iter().enumerate() {
            if !seen.insert(name.as_str()) {
                continue;
            }
            let tag_id = match $tag_ids.get(name) {
                Some(id) => *id,
                None => {
                    let id: i64 = sqlx::query_scalar(
                        "INSERT INTO tags (blog_id, name) VALUES ($1, $2) RETURNING id",
                    )
                    .bind($blog.0)
                    .bind(name)
                    .fetch_one(&mut *$tx)
                    .await?;
                    $tag_ids.insert(name.clone(), id);
                    id
                }
            };
            sqlx::query("INSERT INTO entry_tags (entry_id, tag_id, position) VALUES ($1, $2, $3)")
                .bind($entry_id)
                .bind(tag_id)
                .bind(position as i64)
                .execute(&mut *$tx)
                .await?;
        }
    };
}

/// Inserts comments and pings of one entry in multi-row INSERTs (inside a transaction).
macro_rules! insert_responses {
    ($tx:ident, $blog:expr, $entry_id:expr, $comments:expr, $pings:expr, $summary:ident) => {
                for chunk in $comments.chunks(CHUNK) {
                    let sql = format!(
                        "INSERT INTO comments (blog_id, entry_id, author, email, url, ip, body, status, created_at) VALUES {}",
                        values_list(chunk.len(), 9)
                    );
                    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.as_str()));
                    for c in chunk {
                        q = q
                            .bind($blog.0)
                            .bind($entry_id)
                            .bind(&c.author)
                            .bind(&c.email)
                            .bind(&c.url)
                            .bind(&c.ip)
                            .bind(&c.body)
                            .bind(&c.status)
                            .bind(c.created_at);
                    }
                    q.execute(&mut *$tx).await?;
                    $summary.comments += chunk.len();
                }

                for chunk in $pings.chunks(CHUNK) {
                    let sql = format!(
                        "INSERT INTO pings (blog_id, entry_id, kind, title, url, blog_name, excerpt, ip, status, created_at) VALUES {}",
                        values_list(chunk.len(), 10)
                    );
                    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.as_str()));
                    for p in chunk {
                        q = q
                            .bind($blog.0)
                            .bind($entry_id)
                            .bind(&p.kind)
                            .bind(&p.title)
                            .bind(&p.url)
                            .bind(&p.blog_name)
                            .bind(&p.excerpt)
                            .bind(&p.ip)
                            .bind(&p.status)
                            .bind(p.created_at);
                    }
                    q.execute(&mut *$tx).await?;
                    $summary.pings += chunk.len();
                }
    };
}

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
            let (mut cat_paths, mut cat_ids, mut tag_ids) = load_terms!(tx, blog);

            for e in entries {
                let basename = free_basename(&taken, e.year, e.month, &e.basename);
                if basename != e.basename {
                    summary.renamed.push((e.basename.clone(), basename.clone()));
                }
                let path = entry_path(e.year, e.month, &basename);
                taken.insert(path.clone());
                let month_key = i64::from(e.year) * 100 + i64::from(e.month);
                let entry_id: i64 = sqlx::query_scalar(
                    "INSERT INTO entries (blog_id, author_id, author_name, title, basename, path, month_key,
                        status, text_format, excerpt, keywords, allow_comments, allow_pings, authored_on,
                        created_at, updated_at, extra)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15, $16)
                     RETURNING id",
                )
                .bind(blog.0)
                .bind(e.author_id.map(|u| u.0))
                .bind(&e.author_name)
                .bind(&e.title)
                .bind(&basename)
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
                .bind(&e.extra)
                .fetch_one(&mut *tx)
                .await?;
                sqlx::query(
                    "INSERT INTO entry_texts (entry_id, body_html, more_html, body_source, more_source)
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(entry_id)
                .bind(&e.body_html)
                .bind(&e.more_html)
                .bind(&e.body_source)
                .bind(&e.more_source)
                .execute(&mut *tx)
                .await?;
                summary.entries += 1;
                summary.entry_ids.push(entry_id);
                if let Some((by, data)) = &e.revision {
                    sqlx::query("INSERT INTO entry_revisions (entry_id, created_at, saved_by, data) VALUES ($1, $2, $3, $4)")
                        .bind(entry_id)
                        .bind(e.now)
                        .bind(by)
                        .bind(data)
                        .execute(&mut *tx)
                        .await?;
                }

                insert_terms!(
                    tx,
                    blog,
                    entry_id,
                    &e.categories,
                    &e.tags,
                    cat_ids,
                    cat_paths,
                    tag_ids,
                    summary
                );
                insert_responses!(tx, blog, entry_id, &e.comments, &e.pings, summary);
                list_trackbacks(&mut tx, blog, entry_id, &e.trackback_urls, e.now).await?;
                insert_jobs(&mut tx, &e.jobs, Some(entry_id), e.now).await?;
            }

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
                        insert_responses!(tx, blog, entry_id, &a.comments, &a.pings, summary);
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
                return Err(StoreError::Conflict(format!(
                    "another entry of this month already uses the basename {:?}",
                    e.basename
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
            let (mut cat_paths, mut cat_ids, mut tag_ids) = load_terms!(tx, blog);
            insert_terms!(
                tx,
                blog,
                entry_id,
                &e.categories,
                &e.tags,
                cat_ids,
                cat_paths,
                tag_ids,
                summary
            );
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basenames_get_mt_style_suffixes() {
        let mut taken = HashSet::new();
        taken.insert(entry_path(2007, 8, "filename"));
        taken.insert(entry_path(2007, 8, "filename_1"));
        assert_eq!(free_basename(&taken, 2007, 8, "filename"), "filename_2");
        assert_eq!(free_basename(&taken, 2007, 9, "filename"), "filename");
    }

    #[test]
    fn values_lists_number_placeholders() {
        assert_eq!(values_list(2, 2), "($1, $2), ($3, $4)");
    }
}
