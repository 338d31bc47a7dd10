//! View models: everything a template may print, already resolved to strings, URLs and
//! sanitised HTML. The web layer fills these from the database; templates never query.

use crate::SafeHtml;
use serde::Serialize;

/// A link to one entry (navigation, sidebars, category siblings).
#[derive(Debug, Clone, Serialize)]
pub struct EntryLink {
    pub title: String,
    /// Absolute URL of the entry page.
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct CategoryLink {
    pub label: String,
    pub url: String,
    /// Number of public entries (shown in the sidebar); 0 when not counted.
    pub count: i64,
    /// Nesting depth for hierarchical categories (0 = top level).
    pub depth: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct TagLink {
    pub name: String,
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct MonthLink {
    /// Already formatted in the blog's language: "2006年6月" / "June 2006".
    pub label: String,
    pub url: String,
    pub count: i64,
}

/// The parts of a blog every page shows: header, sidebar and feed links.
#[derive(Debug, Clone, Serialize)]
pub struct BlogView {
    pub slug: String,
    pub title: String,
    pub description: String,
    /// "ja" or "en".
    pub lang: String,
    /// Absolute URL of the blog top, ending in '/'.
    pub url: String,
    pub atom_url: String,
    pub rss_url: String,
    /// The host's XML-RPC endpoint, advertised for Pingback.
    pub pingback_url: String,
    /// The host's Webmention endpoint.
    pub webmention_url: String,
    pub categories: Vec<CategoryLink>,
    pub months: Vec<MonthLink>,
    pub recent: Vec<EntryLink>,
}

/// One entry as shown on its page or in a listing.
#[derive(Debug, Clone, Serialize)]
pub struct EntryView {
    pub id: i64,
    pub title: String,
    pub url: String,
    pub author: String,
    pub body_html: SafeHtml,
    /// The extended body ("続きを読む"); listings link to the entry instead of showing it.
    pub more_html: Option<SafeHtml>,
    /// Formatted in the blog's language and time zone: `2006年6月15日 (木) 14時52分`.
    pub date_display: String,
    /// RFC 3339 with the blog's offset, for `<time datetime>`.
    pub date_iso: String,
    pub categories: Vec<CategoryLink>,
    pub tags: Vec<TagLink>,
    pub comment_count: i64,
    pub ping_count: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct CommentView {
    pub id: i64,
    pub author: String,
    /// Only http(s) URLs reach the view; printed with rel="nofollow ugc".
    pub url: Option<String>,
    /// Plain text turned into paragraphs and line breaks; never author HTML.
    pub body_html: SafeHtml,
    pub date_display: String,
    pub date_iso: String,
    /// The comment this one answers, and how deep in its thread it sits (0 = top level).
    pub parent_id: Option<i64>,
    pub depth: u32,
}

/// The comment form under an entry, with what the reader typed and what was wrong when it
/// comes back after a refused submission.
#[derive(Debug, Clone, Serialize, Default)]
pub struct CommentFormView {
    /// Where the form posts (`/{blog}/comments`).
    pub action: String,
    pub entry_id: i64,
    /// Why there is no form (comments closed), in the blog's language.
    pub closed: Option<String>,
    /// Only signed-in users may comment; the form says so and links to sign-in.
    pub signed_in_only: bool,
    pub sign_in_url: String,
    pub author: String,
    pub email: String,
    pub url: String,
    pub body: String,
    pub parent_id: Option<i64>,
    /// Field name → message.
    pub errors: std::collections::BTreeMap<String, String>,
    /// What happened to the reader's comment (held for moderation, refused and why).
    pub notice: Option<String>,
}

/// A received TrackBack, Pingback or Webmention.
#[derive(Debug, Clone, Serialize)]
pub struct PingView {
    pub id: i64,
    /// "trackback", "pingback" or "webmention".
    pub kind: String,
    pub title: String,
    pub url: String,
    pub blog_name: String,
    pub excerpt: String,
    pub date_display: String,
    pub date_iso: String,
    /// For Webmentions: `reply`, `like`, `repost` or `mention`; empty for other pings.
    pub mention_type: String,
    /// For Webmentions: the author named by the source's h-card.
    pub author: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct EntryPage {
    pub blog: BlogView,
    pub entry: EntryView,
    /// Older neighbour (« previous); drafts and future entries are never neighbours.
    pub previous: Option<EntryLink>,
    /// Newer neighbour (next »).
    pub next: Option<EntryLink>,
    pub primary_category: Option<CategoryLink>,
    /// Other entries of the primary category, newest first, without this one.
    pub category_entries: Vec<EntryLink>,
    pub comments: Vec<CommentView>,
    pub pings: Vec<PingView>,
    /// This entry's TrackBack ping URL, shown on the page and in the RDF block.
    pub trackback_url: String,
    pub comment_form: CommentFormView,
}

#[derive(Debug, Clone, Serialize)]
pub struct Pagination {
    pub page: u32,
    pub pages: u32,
    /// Newer entries (page - 1), if any.
    pub newer_url: Option<String>,
    /// Older entries (page + 1), if any.
    pub older_url: Option<String>,
}

/// What kind of listing a page is, so the theme can title it.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum ListingKind {
    Top,
    Month {
        label: String,
    },
    Category {
        label: String,
        atom_url: String,
        rss_url: String,
    },
    Tag {
        name: String,
    },
}

#[derive(Debug, Clone, Serialize)]
pub struct ListingPage {
    pub blog: BlogView,
    pub listing: ListingKind,
    pub entries: Vec<EntryView>,
    pub pagination: Pagination,
}

#[derive(Debug, Clone, Serialize)]
pub struct BlogSummary {
    pub title: String,
    pub description: String,
    pub url: String,
    pub entry_count: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct RecentEntry {
    pub title: String,
    pub url: String,
    pub blog_title: String,
    pub blog_url: String,
    pub date_display: String,
    pub date_iso: String,
}

/// The host front page `/`.
#[derive(Debug, Clone, Serialize)]
pub struct HostFrontPage {
    /// The host's name, as its administrator set it.
    pub site_title: String,
    /// The host's default language (`ja`, `en`).
    pub lang: String,
    pub base_url: String,
    pub blogs: Vec<BlogSummary>,
    pub recent: Vec<RecentEntry>,
    /// True when no blog exists yet: the page then says how to create the first one.
    pub is_empty: bool,
}

/// A real 404 page, in the blog's language when the path was inside a blog.
#[derive(Debug, Clone, Serialize)]
pub struct NotFoundPage {
    pub blog: Option<BlogView>,
    pub lang: String,
    pub base_url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct FeedEntry {
    /// A stable id that survives URL changes: `tag:` URI chosen by the caller.
    pub id: String,
    pub title: String,
    pub url: String,
    pub author: String,
    /// RFC 3339 (UTC or with offset).
    pub published: String,
    pub updated: String,
    /// RFC 2822, for RSS `pubDate`.
    pub published_rfc2822: String,
    /// Body plus extended body, sanitised HTML (escaped into the feed as text/html).
    pub content_html: SafeHtml,
    pub categories: Vec<String>,
}

/// An Atom or RSS feed of a blog or of one of its categories.
#[derive(Debug, Clone, Serialize)]
pub struct FeedPage {
    pub id: String,
    pub title: String,
    pub subtitle: String,
    pub lang: String,
    /// The HTML page the feed mirrors.
    pub alternate_url: String,
    /// The feed's own URL.
    pub self_url: String,
    pub updated: String,
    pub updated_rfc2822: String,
    pub entries: Vec<FeedEntry>,
}
