//! Writing entries and what hangs off them (texts, categories, tags, comments, pings) in as
//! few statements as the data allows: many rows per INSERT, so a 10,000-entry import costs
//! about a hundred statements rather than seventy thousand. Every function runs inside its
//! caller's transaction and is generic over the backend (the bounds name what it binds).

use crate::jobs::insert_jobs;
use crate::outbound::list_trackbacks;
use crate::{ImportSummary, NewComment, NewEntry, NewPing};
use sqlx::{Database, Encode, Executor, FromRow, IntoArguments, Transaction, Type};
use std::collections::{HashMap, HashSet};
use tsuzuri_core::BlogId;
use tsuzuri_core::permalink::entry_path;
use tsuzuri_core::slug::category_slug;

/// Entries per multi-row INSERT: 16 columns, far under both backends' parameter limits.
const ENTRY_ROWS: usize = 200;
/// Rows per INSERT of the narrow tables (at most 10 columns).
const ROWS: usize = 500;

fn values_list<DB: sqlx::Database>(rows: usize, cols: usize) -> String {
    // SQLite gets anonymous `?`: sqlx looks every parameter's name up in a list that SQLite
    // scans from the start, so numbered ones cost the square of their count (61% of a
    // 50,000-comment import went there). PostgreSQL only knows `$n`.
    let numbered = DB::NAME != "SQLite";
    let mut s = String::with_capacity(rows * cols * 5);
    for r in 0..rows {
        if r > 0 {
            s.push_str(", ");
        }
        s.push('(');
        for c in 0..cols {
            if c > 0 {
                s.push_str(", ");
            }
            if numbered {
                s.push('$');
                s.push_str(&(r * cols + c + 1).to_string());
            } else {
                s.push('?');
            }
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

/// A blog's categories and tags as a write finds them, and the ones it adds.
#[derive(Debug, Default)]
pub(crate) struct Terms {
    /// Every category path of the blog (new top-level ones must not take one).
    cat_paths: HashSet<String>,
    /// Top-level categories by label.
    cat_ids: HashMap<String, i64>,
    tag_ids: HashMap<String, i64>,
}

/// One entry's links to categories and tags, in order (the first category is primary).
pub(crate) struct EntryTerms<'a> {
    pub entry_id: i64,
    pub categories: &'a [String],
    pub tags: &'a [String],
}

/// Comments and pings for one entry.
pub(crate) struct Responses<'a> {
    pub entry_id: i64,
    pub comments: &'a [NewComment],
    pub pings: &'a [NewPing],
}

pub(crate) async fn load_terms<DB>(
    tx: &mut Transaction<'_, DB>,
    blog: BlogId,
) -> Result<Terms, sqlx::Error>
where
    DB: Database,
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'q> DB::Arguments: IntoArguments<DB>,
    i64: for<'q> Encode<'q, DB> + Type<DB>,
    for<'r> (i64, String, Option<i64>): FromRow<'r, DB::Row>,
    for<'r> (i64, String): FromRow<'r, DB::Row>,
{
    let categories: Vec<(i64, String, Option<i64>)> =
        sqlx::query_as::<DB, _>("SELECT id, label, parent_id FROM categories WHERE blog_id = $1")
            .bind(blog.0)
            .fetch_all(&mut **tx)
            .await?;
    let paths: Vec<(i64, String)> =
        sqlx::query_as::<DB, _>("SELECT id, path FROM categories WHERE blog_id = $1")
            .bind(blog.0)
            .fetch_all(&mut **tx)
            .await?;
    let tags: Vec<(i64, String)> =
        sqlx::query_as::<DB, _>("SELECT id, name FROM tags WHERE blog_id = $1")
            .bind(blog.0)
            .fetch_all(&mut **tx)
            .await?;
    Ok(Terms {
        cat_paths: paths.into_iter().map(|(_, path)| path).collect(),
        cat_ids: categories
            .into_iter()
            .filter(|(_, _, parent)| parent.is_none())
            .map(|(id, label, _)| (label, id))
            .collect(),
        tag_ids: tags.into_iter().map(|(id, name)| (name, id)).collect(),
    })
}

/// Inserts `entries` (with their texts, revisions, terms, responses, listed TrackBacks and
/// jobs), giving a taken permalink MT's `_1`, `_2` suffix. `taken` holds the blog's paths.
pub(crate) async fn insert_entries<DB>(
    tx: &mut Transaction<'_, DB>,
    blog: BlogId,
    entries: &[NewEntry],
    taken: &mut HashSet<String>,
    terms: &mut Terms,
    summary: &mut ImportSummary,
) -> Result<(), sqlx::Error>
where
    DB: Database,
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'q> DB::Arguments: IntoArguments<DB>,
    String: for<'q> Encode<'q, DB> + Type<DB>,
    i64: for<'q> Encode<'q, DB> + Type<DB>,
    bool: for<'q> Encode<'q, DB> + Type<DB>,
    Option<i64>: for<'q> Encode<'q, DB> + Type<DB>,
    for<'r> (i64, String): FromRow<'r, DB::Row>,
    for<'r> (i64,): FromRow<'r, DB::Row>,
{
    for chunk in entries.chunks(ENTRY_ROWS) {
        let mut paths = Vec::with_capacity(chunk.len());
        for e in chunk {
            let basename = free_basename(taken, e.year, e.month, &e.basename);
            if basename != e.basename {
                summary.renamed.push((e.basename.clone(), basename.clone()));
            }
            let path = entry_path(e.year, e.month, &basename);
            taken.insert(path.clone());
            paths.push((basename, path));
        }
        let sql = format!(
            "INSERT INTO entries (blog_id, author_id, author_name, title, basename, path, month_key,
                status, text_format, excerpt, keywords, allow_comments, allow_pings, authored_on,
                created_at, updated_at, extra)
             VALUES {} RETURNING id, path",
            values_list::<DB>(chunk.len(), 17)
        );
        let mut q = sqlx::query_as::<DB, (i64, String)>(sqlx::AssertSqlSafe(sql));
        for (e, (basename, path)) in chunk.iter().zip(&paths) {
            q = q
                .bind(blog.0)
                .bind(e.author_id.map(|u| u.0))
                .bind(e.author_name.clone())
                .bind(e.title.clone())
                .bind(basename.clone())
                .bind(path.clone())
                .bind(i64::from(e.year) * 100 + i64::from(e.month))
                .bind(e.status.clone())
                .bind(e.text_format.clone())
                .bind(e.excerpt.clone())
                .bind(e.keywords.clone())
                .bind(e.allow_comments)
                .bind(e.allow_pings)
                .bind(e.authored_on)
                .bind(e.now)
                .bind(e.now)
                .bind(e.extra.clone());
        }
        // Rows come back in no promised order: each is matched by its (unique) path.
        let ids: HashMap<String, i64> = q
            .fetch_all(&mut **tx)
            .await?
            .into_iter()
            .map(|(id, path)| (path, id))
            .collect();
        let ids: Vec<i64> = paths
            .iter()
            .map(|(_, path)| ids.get(path).copied().ok_or(sqlx::Error::RowNotFound))
            .collect::<Result<_, _>>()?;

        let sql = format!(
            "INSERT INTO entry_texts (entry_id, body_html, more_html, body_source, more_source) VALUES {}",
            values_list::<DB>(chunk.len(), 5)
        );
        let mut q = sqlx::query::<DB>(sqlx::AssertSqlSafe(sql));
        for (e, id) in chunk.iter().zip(&ids) {
            q = q
                .bind(*id)
                .bind(e.body_html.clone())
                .bind(e.more_html.clone())
                .bind(e.body_source.clone())
                .bind(e.more_source.clone());
        }
        q.execute(&mut **tx).await?;

        let mut links = Vec::with_capacity(chunk.len());
        let mut responses = Vec::with_capacity(chunk.len());
        for (e, id) in chunk.iter().zip(&ids) {
            if let Some((by, data)) = &e.revision {
                sqlx::query::<DB>(
                    "INSERT INTO entry_revisions (entry_id, created_at, saved_by, data) VALUES ($1, $2, $3, $4)",
                )
                .bind(*id)
                .bind(e.now)
                .bind(by.clone())
                .bind(data.clone())
                .execute(&mut **tx)
                .await?;
            }
            list_trackbacks(tx, blog, *id, &e.trackback_urls, e.now).await?;
            insert_jobs(tx, &e.jobs, Some(*id), e.now).await?;
            links.push(EntryTerms {
                entry_id: *id,
                categories: &e.categories,
                tags: &e.tags,
            });
            responses.push(Responses {
                entry_id: *id,
                comments: &e.comments,
                pings: &e.pings,
            });
        }
        link_terms(tx, blog, &links, terms, summary).await?;
        insert_responses(tx, blog, &responses, summary).await?;
        summary.entries += chunk.len();
        summary.entry_ids.extend(ids);
    }
    Ok(())
}

/// Links entries to their categories (first = primary) and tags, creating missing ones.
pub(crate) async fn link_terms<DB>(
    tx: &mut Transaction<'_, DB>,
    blog: BlogId,
    entries: &[EntryTerms<'_>],
    terms: &mut Terms,
    summary: &mut ImportSummary,
) -> Result<(), sqlx::Error>
where
    DB: Database,
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'q> DB::Arguments: IntoArguments<DB>,
    String: for<'q> Encode<'q, DB> + Type<DB>,
    i64: for<'q> Encode<'q, DB> + Type<DB>,
    bool: for<'q> Encode<'q, DB> + Type<DB>,
    for<'r> (i64,): FromRow<'r, DB::Row>,
{
    let mut category_rows: Vec<(i64, i64, bool, i64)> = Vec::new();
    let mut tag_rows: Vec<(i64, i64, i64)> = Vec::new();
    for e in entries {
        let mut seen = HashSet::new();
        for (position, label) in e.categories.iter().enumerate() {
            if !seen.insert(label.as_str()) {
                continue;
            }
            let id = match terms.cat_ids.get(label) {
                Some(id) => *id,
                None => {
                    let path = free_category_path(&terms.cat_paths, &category_slug(label));
                    let (id,): (i64,) = sqlx::query_as::<DB, (i64,)>(
                        "INSERT INTO categories (blog_id, parent_id, label, slug, path, position)
                         VALUES ($1, NULL, $2, $3, $3, $4) RETURNING id",
                    )
                    .bind(blog.0)
                    .bind(label.clone())
                    .bind(path.clone())
                    .bind(terms.cat_ids.len() as i64)
                    .fetch_one(&mut **tx)
                    .await?;
                    terms.cat_paths.insert(path);
                    terms.cat_ids.insert(label.clone(), id);
                    summary.categories_created += 1;
                    id
                }
            };
            category_rows.push((e.entry_id, id, position == 0, position as i64));
        }
        let mut seen = HashSet::new();
        for (position, name) in e.tags.iter().enumerate() {
            if !seen.insert(name.as_str()) {
                continue;
            }
            let id = match terms.tag_ids.get(name) {
                Some(id) => *id,
                None => {
                    let (id,): (i64,) = sqlx::query_as::<DB, (i64,)>(
                        "INSERT INTO tags (blog_id, name) VALUES ($1, $2) RETURNING id",
                    )
                    .bind(blog.0)
                    .bind(name.clone())
                    .fetch_one(&mut **tx)
                    .await?;
                    terms.tag_ids.insert(name.clone(), id);
                    id
                }
            };
            tag_rows.push((e.entry_id, id, position as i64));
        }
    }
    for chunk in category_rows.chunks(ROWS) {
        let sql = format!(
            "INSERT INTO entry_categories (entry_id, category_id, is_primary, position) VALUES {}",
            values_list::<DB>(chunk.len(), 4)
        );
        let mut q = sqlx::query::<DB>(sqlx::AssertSqlSafe(sql));
        for (entry, category, primary, position) in chunk {
            q = q
                .bind(*entry)
                .bind(*category)
                .bind(*primary)
                .bind(*position);
        }
        q.execute(&mut **tx).await?;
    }
    for chunk in tag_rows.chunks(ROWS) {
        let sql = format!(
            "INSERT INTO entry_tags (entry_id, tag_id, position) VALUES {}",
            values_list::<DB>(chunk.len(), 3)
        );
        let mut q = sqlx::query::<DB>(sqlx::AssertSqlSafe(sql));
        for (entry, tag, position) in chunk {
            q = q.bind(*entry).bind(*tag).bind(*position);
        }
        q.execute(&mut **tx).await?;
    }
    Ok(())
}

/// Inserts the comments and pings of several entries, many rows per statement.
pub(crate) async fn insert_responses<DB>(
    tx: &mut Transaction<'_, DB>,
    blog: BlogId,
    entries: &[Responses<'_>],
    summary: &mut ImportSummary,
) -> Result<(), sqlx::Error>
where
    DB: Database,
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'q> DB::Arguments: IntoArguments<DB>,
    String: for<'q> Encode<'q, DB> + Type<DB>,
    i64: for<'q> Encode<'q, DB> + Type<DB>,
{
    let comments: Vec<(i64, &NewComment)> = entries
        .iter()
        .flat_map(|e| e.comments.iter().map(move |c| (e.entry_id, c)))
        .collect();
    for chunk in comments.chunks(ROWS) {
        let sql = format!(
            "INSERT INTO comments (blog_id, entry_id, author, email, url, ip, body, status, created_at) VALUES {}",
            values_list::<DB>(chunk.len(), 9)
        );
        let mut q = sqlx::query::<DB>(sqlx::AssertSqlSafe(sql));
        for (entry, c) in chunk {
            q = q
                .bind(blog.0)
                .bind(*entry)
                .bind(c.author.clone())
                .bind(c.email.clone())
                .bind(c.url.clone())
                .bind(c.ip.clone())
                .bind(c.body.clone())
                .bind(c.status.clone())
                .bind(c.created_at);
        }
        q.execute(&mut **tx).await?;
        summary.comments += chunk.len();
    }
    let pings: Vec<(i64, &NewPing)> = entries
        .iter()
        .flat_map(|e| e.pings.iter().map(move |p| (e.entry_id, p)))
        .collect();
    for chunk in pings.chunks(ROWS) {
        let sql = format!(
            "INSERT INTO pings (blog_id, entry_id, kind, title, url, blog_name, excerpt, ip, status, created_at) VALUES {}",
            values_list::<DB>(chunk.len(), 10)
        );
        let mut q = sqlx::query::<DB>(sqlx::AssertSqlSafe(sql));
        for (entry, p) in chunk {
            q = q
                .bind(blog.0)
                .bind(*entry)
                .bind(p.kind.clone())
                .bind(p.title.clone())
                .bind(p.url.clone())
                .bind(p.blog_name.clone())
                .bind(p.excerpt.clone())
                .bind(p.ip.clone())
                .bind(p.status.clone())
                .bind(p.created_at);
        }
        q.execute(&mut **tx).await?;
        summary.pings += chunk.len();
    }
    Ok(())
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
        assert_eq!(values_list::<sqlx::Postgres>(2, 2), "($1, $2), ($3, $4)");
        assert_eq!(values_list::<sqlx::Sqlite>(2, 2), "(?, ?), (?, ?)");
    }
}
