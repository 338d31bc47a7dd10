//! Rows read from the database (`*Row`, `*View`) and values written to it (`New*`).

use sqlx::FromRow;
use tsuzuri_core::{
    BlogId, CategoryId, CommentPolicy, EntryId, PingPolicy, ResponseStatus, UserId,
};

#[derive(Debug, Clone, FromRow)]
pub struct UserRow {
    pub id: i64,
    pub login: String,
    pub email: String,
    pub display_name: String,
    pub password_hash: String,
    pub is_admin: bool,
    pub created_at: i64,
    /// The language the user chose for the admin and e-mails; None follows the browser.
    pub lang: Option<String>,
}

impl UserRow {
    pub fn user_id(&self) -> UserId {
        UserId(self.id)
    }
}

#[derive(Debug, Clone)]
pub struct NewUser {
    pub login: String,
    pub email: String,
    pub display_name: String,
    pub password_hash: String,
    pub is_admin: bool,
    pub now: i64,
}

#[derive(Debug, Clone, FromRow)]
pub struct BlogRow {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub description: String,
    pub lang: String,
    pub timezone: String,
    pub owner_id: i64,
    pub created_at: i64,
    pub updated_at: i64,
    pub theme: String,
    /// Changes whenever the owner's template overrides change; 0 while there never were any.
    pub templates_version: i64,
    #[sqlx(try_from = "String")]
    pub comment_policy: CommentPolicy,
    /// Entries stop taking comments this many days after their date (0: never).
    pub comments_close_days: i64,
    #[sqlx(try_from = "String")]
    pub ping_policy: PingPolicy,
}

impl BlogRow {
    pub fn blog_id(&self) -> BlogId {
        BlogId(self.id)
    }
}

#[derive(Debug, Clone)]
pub struct NewBlog {
    pub slug: String,
    pub title: String,
    pub description: String,
    pub lang: String,
    pub timezone: String,
    pub owner_id: UserId,
    pub now: i64,
}

/// A blog with its count of public entries, for the host front page.
#[derive(Debug, Clone, FromRow)]
pub struct BlogSummaryRow {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub description: String,
    pub public_entries: i64,
}

#[derive(Debug, Clone, FromRow)]
pub struct CategoryRow {
    pub id: i64,
    pub blog_id: i64,
    pub parent_id: Option<i64>,
    pub label: String,
    pub slug: String,
    pub path: String,
    pub position: i64,
}

impl CategoryRow {
    pub fn category_id(&self) -> CategoryId {
        CategoryId(self.id)
    }
}

/// A category with its number of public entries, for sidebars.
#[derive(Debug, Clone, FromRow)]
pub struct CategoryCountRow {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub label: String,
    pub path: String,
    pub public_entries: i64,
}

#[derive(Debug, Clone, FromRow)]
pub struct EntryRow {
    pub id: i64,
    pub blog_id: i64,
    pub author_name: String,
    pub title: String,
    pub basename: String,
    pub path: String,
    pub month_key: i64,
    pub status: String,
    pub text_format: String,
    pub body_source: String,
    pub more_source: String,
    pub body_html: String,
    pub more_html: String,
    pub excerpt: String,
    pub keywords: String,
    pub allow_comments: bool,
    pub allow_pings: bool,
    pub authored_on: i64,
    pub created_at: i64,
    pub updated_at: i64,
    pub extra: String,
}

impl EntryRow {
    pub fn entry_id(&self) -> EntryId {
        EntryId(self.id)
    }
}

/// Just enough of an entry to link to it.
#[derive(Debug, Clone, FromRow)]
pub struct EntryLinkRow {
    pub id: i64,
    pub title: String,
    pub path: String,
    pub authored_on: i64,
}

/// A public entry with its blog, for the host front page.
#[derive(Debug, Clone, FromRow)]
pub struct RecentEntryRow {
    pub title: String,
    pub path: String,
    pub authored_on: i64,
    pub blog_slug: String,
    pub blog_title: String,
    pub blog_timezone: String,
    pub blog_lang: String,
}

#[derive(Debug, Clone, FromRow)]
pub struct EntryCategoryRow {
    pub entry_id: i64,
    pub category_id: i64,
    pub is_primary: bool,
    pub label: String,
    pub path: String,
}

#[derive(Debug, Clone, FromRow)]
pub struct EntryTagRow {
    pub entry_id: i64,
    pub name: String,
}

#[derive(Debug, Clone, FromRow)]
pub struct CommentRow {
    pub id: i64,
    pub entry_id: i64,
    pub author: String,
    pub email: String,
    pub url: String,
    pub ip: String,
    pub body: String,
    #[sqlx(try_from = "String")]
    pub status: ResponseStatus,
    pub created_at: i64,
    /// The comment this one answers (threads).
    pub parent_id: Option<i64>,
}

#[derive(Debug, Clone, FromRow)]
pub struct PingRow {
    pub id: i64,
    pub entry_id: i64,
    pub kind: String,
    pub title: String,
    pub url: String,
    pub blog_name: String,
    pub excerpt: String,
    pub ip: String,
    #[sqlx(try_from = "String")]
    pub status: ResponseStatus,
    pub created_at: i64,
    pub mention_type: String,
    pub author_name: String,
}

#[derive(Debug, Clone, FromRow)]
pub struct MonthCountRow {
    pub month_key: i64,
    pub public_entries: i64,
}

/// An entry to insert, with everything that belongs to it (the import and, later, the
/// editor build these). `path` and `month_key` come from the permalink rules in core.
#[derive(Debug, Clone)]
pub struct NewEntry {
    pub author_id: Option<UserId>,
    pub author_name: String,
    pub title: String,
    pub basename: String,
    /// Local year and month of `authored_on` in the blog's zone: the `yyyy/mm` of the URL.
    pub year: i16,
    pub month: i8,
    pub status: String,
    pub text_format: String,
    pub body_source: String,
    pub more_source: String,
    pub body_html: String,
    pub more_html: String,
    pub excerpt: String,
    pub keywords: String,
    pub allow_comments: bool,
    pub allow_pings: bool,
    pub authored_on: i64,
    pub extra: String,
    /// Category labels; the first is the primary category.
    pub categories: Vec<String>,
    pub tags: Vec<String>,
    pub comments: Vec<NewComment>,
    pub pings: Vec<NewPing>,
    pub now: i64,
    /// A revision to keep with this save: (who saved, the editor's form as JSON). Imports
    /// keep none; every save from the editor keeps one, in the same transaction.
    pub revision: Option<(String, String)>,
    /// TrackBack URLs the author listed: recorded as waiting to be sent, in the same
    /// transaction (a TrackBack already taken is not sent again).
    pub trackback_urls: Vec<String>,
    /// Jobs this save causes (sending its pings when it is public), queued in the same
    /// transaction; each payload gains the entry's id.
    pub jobs: Vec<crate::NewJob>,
}

/// A kept state of an entry.
#[derive(Debug, Clone, FromRow)]
pub struct RevisionRow {
    pub id: i64,
    pub entry_id: i64,
    pub created_at: i64,
    pub saved_by: String,
    pub data: String,
}

#[derive(Debug, Clone)]
pub struct NewComment {
    pub author: String,
    pub email: String,
    pub url: String,
    pub ip: String,
    pub body: String,
    pub status: String,
    pub created_at: i64,
}

#[derive(Debug, Clone)]
pub struct NewPing {
    pub kind: String,
    pub title: String,
    pub url: String,
    pub blog_name: String,
    pub excerpt: String,
    pub ip: String,
    pub status: String,
    pub created_at: i64,
}

/// What an import wrote, including basenames that had to change because they were taken.
#[derive(Debug, Clone, Default)]
pub struct ImportSummary {
    pub entries: usize,
    pub comments: usize,
    pub pings: usize,
    pub categories_created: usize,
    /// (original basename, basename used) for each entry whose permalink was taken.
    pub renamed: Vec<(String, String)>,
    /// Authored dates of attachments for which no entry was found (nothing was written).
    pub unattached: Vec<i64>,
    /// Ids of the inserted entries, in the order given.
    pub entry_ids: Vec<i64>,
}

/// Comments and pings for an entry that already exists, found by its authored date
/// (Movable Type's `NO ENTRY` records).
#[derive(Debug, Clone)]
pub struct NewAttachment {
    pub authored_on: i64,
    pub comments: Vec<NewComment>,
    pub pings: Vec<NewPing>,
}

/// Which public entries a listing shows.
#[derive(Debug, Clone, Copy)]
pub enum EntryFilter {
    All,
    Month(i64),
    Category(CategoryId),
    Tag(i64),
}

/// An entry with everything an export writes.
#[derive(Debug, Clone)]
pub struct FullEntry {
    pub entry: EntryRow,
    /// (label, is_primary) in the order they were given.
    pub categories: Vec<(String, bool)>,
    pub tags: Vec<String>,
    pub comments: Vec<CommentRow>,
    pub pings: Vec<PingRow>,
}

crate::sqlite_read::sqlite_row! {
    UserRow { id, login, email, display_name, password_hash, is_admin, created_at, lang }
    BlogRow { id, slug, title, description, lang, timezone, owner_id, created_at, updated_at, theme, templates_version, comment_policy as String, comments_close_days, ping_policy as String }
    BlogSummaryRow { id, slug, title, description, public_entries }
    CategoryRow { id, blog_id, parent_id, label, slug, path, position }
    CategoryCountRow { id, parent_id, label, path, public_entries }
    EntryRow {
        id, blog_id, author_name, title, basename, path, month_key, status, text_format, body_source,
        more_source, body_html, more_html, excerpt, keywords, allow_comments, allow_pings, authored_on,
        created_at, updated_at, extra,
    }
    EntryLinkRow { id, title, path, authored_on }
    RecentEntryRow { title, path, authored_on, blog_slug, blog_title, blog_timezone, blog_lang }
    EntryCategoryRow { entry_id, category_id, is_primary, label, path }
    EntryTagRow { entry_id, name }
    CommentRow { id, entry_id, author, email, url, ip, body, status as String, created_at, parent_id }
    PingRow { id, entry_id, kind, title, url, blog_name, excerpt, ip, status as String, created_at, mention_type, author_name }
    MonthCountRow { month_key, public_entries }
    RevisionRow { id, entry_id, created_at, saved_by, data }
}
