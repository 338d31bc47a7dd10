//! Reading entries for the public site: permalinks, neighbours, listings, comments, pings.
//!
//! "Public" means status `publish` and an authored date that has come; every query here says
//! so in SQL, so a draft or a future entry can never leak onto a page or into a feed.

use crate::sqlite_read::Arg;
use crate::{
    CommentRow, EntryCategoryRow, EntryFilter, EntryLinkRow, EntryRow, EntryTagRow, PingRow,
    RecentEntryRow, Store, StoreError,
};
use std::sync::LazyLock;
use tsuzuri_core::{BlogId, CategoryId, EntryId};

/// Columns of an [`EntryRow`], selected `FROM entries e JOIN entry_texts t`.
pub(crate) const ENTRY_COLUMNS: &str = "e.id, e.blog_id, e.author_name, e.title, e.basename, e.path, \
     e.month_key, e.status, e.text_format, t.body_source, t.more_source, t.body_html, t.more_html, \
     e.excerpt, e.keywords, e.allow_comments, e.allow_pings, e.authored_on, e.created_at, \
     e.updated_at, e.extra";

pub(crate) const ENTRY_FROM: &str = "entries e JOIN entry_texts t ON t.entry_id = e.id";

/// What the public pages read: everything but the sources, which only editors and exports need
/// (and which are the largest values of a row).
const PAGE_ENTRY_COLUMNS: &str = "e.id, e.blog_id, e.author_name, e.title, e.basename, e.path, \
     e.month_key, e.status, e.text_format, '' AS body_source, '' AS more_source, t.body_html, \
     t.more_html, e.excerpt, e.keywords, e.allow_comments, e.allow_pings, e.authored_on, \
     e.created_at, e.updated_at, e.extra";

const PUBLIC: &str = "e.blog_id = $1 AND e.status = 'publish' AND e.authored_on <= $2";
const LINK_COLUMNS: &str = "e.id, e.title, e.path, e.authored_on";

/// SQL texts built once: the hot path formats nothing.
static FIND_PUBLIC: LazyLock<String> = LazyLock::new(|| {
    format!("SELECT {PAGE_ENTRY_COLUMNS} FROM {ENTRY_FROM} WHERE {PUBLIC} AND e.path = $3")
});
// The neighbours' range starts at the entry's own date (`authored_on <= $3`, folded into
// the public bound for the older one): with the date only inside the OR, SQLite walks the
// index from the newest entry down to this one, which costs as much as the blog is long.
static OLDER: LazyLock<String> = LazyLock::new(|| {
    format!(
        "SELECT {LINK_COLUMNS} FROM entries e
         WHERE e.blog_id = $1 AND e.status = 'publish'
           AND e.authored_on <= CASE WHEN $2 < $3 THEN $2 ELSE $3 END
           AND (e.authored_on < $3 OR e.id < $4)
         ORDER BY e.authored_on DESC, e.id DESC LIMIT 1"
    )
});
static NEWER: LazyLock<String> = LazyLock::new(|| {
    format!(
        "SELECT {LINK_COLUMNS} FROM entries e WHERE {PUBLIC}
         AND e.authored_on >= $3 AND (e.authored_on > $3 OR e.id > $4)
         ORDER BY e.authored_on ASC, e.id ASC LIMIT 1"
    )
});
static RECENT_LINKS: LazyLock<String> = LazyLock::new(|| {
    format!(
        "SELECT {LINK_COLUMNS} FROM entries e WHERE {PUBLIC} ORDER BY e.authored_on DESC, e.id DESC LIMIT $3"
    )
});
static CATEGORY_LINKS: LazyLock<String> = LazyLock::new(|| {
    format!(
        "SELECT {LINK_COLUMNS} FROM entries e
         JOIN entry_categories ec ON ec.entry_id = e.id AND ec.category_id = $3
         WHERE {PUBLIC} AND e.id <> $4
         ORDER BY e.authored_on DESC, e.id DESC LIMIT $5"
    )
});
static LAST_UPDATE: LazyLock<String> =
    LazyLock::new(|| format!("SELECT MAX(e.updated_at) FROM entries e WHERE {PUBLIC}"));

/// (list query, count query) per filter kind.
static FILTERED: LazyLock<[(String, String); 4]> = LazyLock::new(|| {
    [
        "",
        " AND e.month_key = $3",
        " AND EXISTS (SELECT 1 FROM entry_categories ec WHERE ec.entry_id = e.id AND ec.category_id = $3)",
        " AND EXISTS (SELECT 1 FROM entry_tags et WHERE et.entry_id = e.id AND et.tag_id = $3)",
    ]
    .map(|cond| {
        let (l, o) = if cond.is_empty() { (3, 4) } else { (4, 5) };
        (
            format!(
                "SELECT {PAGE_ENTRY_COLUMNS} FROM {ENTRY_FROM} WHERE {PUBLIC}{cond}
                 ORDER BY e.authored_on DESC, e.id DESC LIMIT ${l} OFFSET ${o}"
            ),
            format!("SELECT COUNT(*) FROM entries e WHERE {PUBLIC}{cond}"),
        )
    })
});

fn filtered(filter: EntryFilter) -> (&'static (String, String), Option<i64>) {
    match filter {
        EntryFilter::All => (&FILTERED[0], None),
        EntryFilter::Month(key) => (&FILTERED[1], Some(key)),
        EntryFilter::Category(CategoryId(id)) => (&FILTERED[2], Some(id)),
        EntryFilter::Tag(id) => (&FILTERED[3], Some(id)),
    }
}

/// `$1, $2, …` placeholders for an IN list.
fn placeholders(n: usize) -> String {
    (1..=n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn ints(ids: &[i64]) -> Vec<Arg<'static>> {
    ids.iter().map(|id| Arg::Int(*id)).collect()
}

impl Store {
    /// The public entry at `path` (`yyyy/mm/basename.html` relative to the blog).
    pub async fn find_public_entry(
        &self,
        blog: BlogId,
        path: &str,
        now: i64,
    ) -> Result<Option<EntryRow>, StoreError> {
        self.read_opt(
            &FIND_PUBLIC,
            &[Arg::Int(blog.0), Arg::Int(now), Arg::Text(path)],
        )
        .await
    }

    /// The path of the public entry `id`, if it is public.
    pub async fn public_entry_path(
        &self,
        blog: BlogId,
        id: i64,
        now: i64,
    ) -> Result<Option<String>, StoreError> {
        let row: Option<(String,)> = self
            .read_opt(
                "SELECT path FROM entries
                 WHERE blog_id = $1 AND id = $2 AND status = 'publish' AND authored_on <= $3",
                &[Arg::Int(blog.0), Arg::Int(id), Arg::Int(now)],
            )
            .await?;
        Ok(row.map(|(p,)| p))
    }

    /// The path of entry `id` when it is in the trash.
    pub async fn trashed_entry_path(
        &self,
        blog: BlogId,
        id: i64,
    ) -> Result<Option<String>, StoreError> {
        let row: Option<(String,)> = self
            .read_opt(
                "SELECT path FROM entries WHERE blog_id = $1 AND id = $2 AND status = 'trash'",
                &[Arg::Int(blog.0), Arg::Int(id)],
            )
            .await?;
        Ok(row.map(|(p,)| p))
    }

    /// Whether an entry in the trash had `path` (its address answers 410 Gone).
    pub async fn trashed_entry_at(&self, blog: BlogId, path: &str) -> Result<bool, StoreError> {
        let row: Option<(i64,)> = self
            .read_opt(
                "SELECT id FROM entries WHERE blog_id = $1 AND path = $2 AND status = 'trash' LIMIT 1",
                &[Arg::Int(blog.0), Arg::Text(path)],
            )
            .await?;
        Ok(row.is_some())
    }

    /// The public entries just before (older) and after (newer) `entry`, ordered by date then id.
    pub async fn neighbours(
        &self,
        blog: BlogId,
        entry: &EntryRow,
        now: i64,
    ) -> Result<(Option<EntryLinkRow>, Option<EntryLinkRow>), StoreError> {
        let args = [
            Arg::Int(blog.0),
            Arg::Int(now),
            Arg::Int(entry.authored_on),
            Arg::Int(entry.id),
        ];
        let older = self.read_opt(&OLDER, &args).await?;
        let newer = self.read_opt(&NEWER, &args).await?;
        Ok((older, newer))
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
        let ((sql, _), arg) = filtered(filter);
        let mut args = vec![Arg::Int(blog.0), Arg::Int(now)];
        args.extend(arg.map(Arg::Int));
        args.extend([Arg::Int(limit), Arg::Int(offset)]);
        self.read_all(sql, &args).await
    }

    pub async fn count_public_entries(
        &self,
        blog: BlogId,
        filter: EntryFilter,
        now: i64,
    ) -> Result<i64, StoreError> {
        let ((_, sql), arg) = filtered(filter);
        let mut args = vec![Arg::Int(blog.0), Arg::Int(now)];
        args.extend(arg.map(Arg::Int));
        let (n,): (i64,) = self.read_one(sql, &args).await?;
        Ok(n)
    }

    /// Links to the newest public entries of a blog.
    pub async fn recent_entry_links(
        &self,
        blog: BlogId,
        now: i64,
        limit: i64,
    ) -> Result<Vec<EntryLinkRow>, StoreError> {
        self.read_all(
            &RECENT_LINKS,
            &[Arg::Int(blog.0), Arg::Int(now), Arg::Int(limit)],
        )
        .await
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
        let args = [
            Arg::Int(blog.0),
            Arg::Int(now),
            Arg::Int(category.0),
            Arg::Int(except.0),
            Arg::Int(limit),
        ];
        self.read_all(&CATEGORY_LINKS, &args).await
    }

    /// The newest public entries across all blogs, for the host front page.
    pub async fn recent_entries_all_blogs(
        &self,
        now: i64,
        limit: i64,
    ) -> Result<Vec<RecentEntryRow>, StoreError> {
        self.read_all(
            "SELECT e.title, e.path, e.authored_on, b.slug AS blog_slug, b.title AS blog_title,
                    b.timezone AS blog_timezone, b.lang AS blog_lang
             FROM entries e JOIN blogs b ON b.id = e.blog_id
             WHERE e.status = 'publish' AND e.authored_on <= $1
             ORDER BY e.authored_on DESC, e.id DESC LIMIT $2",
            &[Arg::Int(now), Arg::Int(limit)],
        )
        .await
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
            placeholders(ids.len())
        );
        self.read_all(&sql, &ints(ids)).await
    }

    pub async fn tags_of_entries(&self, ids: &[i64]) -> Result<Vec<EntryTagRow>, StoreError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT et.entry_id, t.name FROM entry_tags et JOIN tags t ON t.id = et.tag_id
             WHERE et.entry_id IN ({}) ORDER BY et.entry_id, et.position",
            placeholders(ids.len())
        );
        self.read_all(&sql, &ints(ids)).await
    }

    /// (entry id, approved comments, approved pings) for several entries.
    pub async fn response_counts(&self, ids: &[i64]) -> Result<Vec<(i64, i64, i64)>, StoreError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT e.id,
                    (SELECT COUNT(*) FROM comments c WHERE c.entry_id = e.id AND c.status = 'approved'),
                    (SELECT COUNT(*) FROM pings p WHERE p.entry_id = e.id AND p.status = 'approved')
             FROM entries e WHERE e.id IN ({})",
            placeholders(ids.len())
        );
        self.read_all(&sql, &ints(ids)).await
    }

    /// Approved comments of an entry, oldest first.
    pub async fn approved_comments(&self, entry: EntryId) -> Result<Vec<CommentRow>, StoreError> {
        self.read_all(
            "SELECT id, entry_id, author, email, url, ip, body, status, created_at, parent_id FROM comments
             WHERE entry_id = $1 AND status = 'approved' ORDER BY created_at, id",
            &[Arg::Int(entry.0)],
        )
        .await
    }

    /// Approved TrackBacks, Pingbacks and Webmentions of an entry, oldest first.
    pub async fn approved_pings(&self, entry: EntryId) -> Result<Vec<PingRow>, StoreError> {
        self.read_all(
            "SELECT id, entry_id, kind, title, url, blog_name, excerpt, ip, status, created_at, mention_type, author_name FROM pings
             WHERE entry_id = $1 AND status = 'approved' ORDER BY created_at, id",
            &[Arg::Int(entry.0)],
        )
        .await
    }

    /// The earliest publication time still to come (a published entry dated in the future),
    /// so caches can drop pages the moment it appears.
    pub async fn next_publication_after(&self, now: i64) -> Result<Option<i64>, StoreError> {
        let (v,): (Option<i64>,) = self
            .read_one(
                "SELECT MIN(authored_on) FROM entries WHERE status = 'publish' AND authored_on > $1",
                &[Arg::Int(now)],
            )
            .await?;
        Ok(v)
    }

    /// Newest change to any public entry of a blog (for feed `updated` and Last-Modified).
    pub async fn last_public_update(
        &self,
        blog: BlogId,
        now: i64,
    ) -> Result<Option<i64>, StoreError> {
        let (v,): (Option<i64>,) = self
            .read_one(&LAST_UPDATE, &[Arg::Int(blog.0), Arg::Int(now)])
            .await?;
        Ok(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_numbered_from_one() {
        assert_eq!(placeholders(3), "$1, $2, $3");
    }
}
