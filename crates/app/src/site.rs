//! Use case: the reading site. Turns a request path into a rendered page (HTML or feed),
//! reading only public entries. Views are filled here; themes in `tsuzuri-render` print them.

use crate::error::no_such_blog;
use crate::{App, Error, now};
use std::collections::HashMap;
use tsuzuri_core::blog::parse_timezone;
use tsuzuri_core::origins::Origins;
use tsuzuri_core::permalink::{self, BlogRoute, FeedKind};
use tsuzuri_core::time::to_local;
use tsuzuri_core::{BlogSettings, Lang};
use tsuzuri_render::view::*;
use tsuzuri_render::{SafeHtml, dates, plain_text_html};
use tsuzuri_store::{BlogRow, CategoryRow, CommentRow, EntryFilter, EntryLinkRow, EntryRow};

/// Entries per listing page, as Movable Type's default templates show.
pub const PAGE_SIZE: i64 = 10;
/// Entries in a feed.
pub const FEED_SIZE: i64 = 15;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageStatus {
    Ok,
    NotFound,
    /// An entry that was deleted (it is in the trash): 410, so other sites drop links to it.
    Gone,
    /// The entry moved (its basename or date changed): answer 301 with this absolute URL.
    MovedPermanently(String),
    /// Answers to a comment: held (202), refused for its fields (400), not allowed here
    /// (403), too many from one address (429). Never cached.
    Accepted,
    BadRequest,
    Forbidden,
    TooManyRequests,
}

impl PageStatus {
    /// The HTTP status code.
    pub fn code(&self) -> u16 {
        match self {
            PageStatus::Ok => 200,
            PageStatus::NotFound => 404,
            PageStatus::Gone => 410,
            PageStatus::MovedPermanently(_) => 301,
            PageStatus::Accepted => 202,
            PageStatus::BadRequest => 400,
            PageStatus::Forbidden => 403,
            PageStatus::TooManyRequests => 429,
        }
    }
}

/// A rendered page with what the HTTP layer needs to answer conditional requests.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub status: PageStatus,
    pub content_type: &'static str,
    pub body: String,
    /// Unix seconds of the newest change shown on the page.
    pub last_modified: Option<i64>,
}

pub const HTML: &str = "text/html; charset=utf-8";
pub const ATOM: &str = "application/atom+xml; charset=utf-8";
pub const RSS: &str = "application/rss+xml; charset=utf-8";

pub use tsuzuri_core::permalink::encode_path;

/// The XML-RPC endpoint (Pingback) on the origin that serves blog `slug`.
pub fn pingback_url(origins: &Origins, slug: &str) -> String {
    format!("{}/xmlrpc", origins.blog_origin(slug))
}

/// Everything about one blog that a request needs.
pub(crate) struct BlogCtx {
    /// What the page reads through: one snapshot for a page of the site (`App::page_ctx`),
    /// the plain store for a write's own reads.
    pub(crate) store: tsuzuri_store::Store,
    pub(crate) row: BlogRow,
    pub(crate) settings: BlogSettings,
    /// The blog's top page (`Origins::blog_url`).
    pub(crate) url: String,
    pub(crate) origins: Origins,
    pub(crate) now: i64,
}

impl BlogCtx {
    pub(crate) fn url_of(&self, rel: &str) -> String {
        format!("{}{}", self.url, encode_path(rel))
    }
    pub(crate) fn lang(&self) -> Lang {
        self.settings.lang
    }
}

fn entry_link(ctx: &BlogCtx, e: &EntryLinkRow) -> EntryLink {
    EntryLink {
        title: e.title.clone(),
        url: ctx.url_of(&e.path),
    }
}

fn month_label(month_key: i64, lang: Lang) -> (i16, i8, String) {
    let year = (month_key / 100) as i16;
    let month = (month_key % 100) as i8;
    (year, month, dates::format_month(year, month, lang))
}

impl App {
    pub(crate) async fn blog_ctx(
        &self,
        origins: &Origins,
        slug: &str,
    ) -> Result<Option<BlogCtx>, Error> {
        Self::blog_ctx_in(self.store.clone(), origins, slug).await
    }

    /// The blog of a page, read with everything else the page shows in one snapshot.
    async fn page_ctx(&self, origins: &Origins, slug: &str) -> Result<Option<BlogCtx>, Error> {
        Self::blog_ctx_in(self.store.snapshot().await?, origins, slug).await
    }

    async fn blog_ctx_in(
        store: tsuzuri_store::Store,
        origins: &Origins,
        slug: &str,
    ) -> Result<Option<BlogCtx>, Error> {
        let Some(row) = store.find_blog_by_slug(slug).await? else {
            return Ok(None);
        };
        let settings = BlogSettings {
            lang: Lang::parse(&row.lang).unwrap_or_default(),
            timezone: parse_timezone(&row.timezone).unwrap_or(jiff::tz::TimeZone::UTC),
        };
        let url = origins.blog_url(&row.slug);
        Ok(Some(BlogCtx {
            store,
            row,
            settings,
            url,
            origins: origins.clone(),
            now: now(),
        }))
    }

    async fn blog_view(&self, ctx: &BlogCtx) -> Result<BlogView, Error> {
        let blog = ctx.row.blog_id();
        let (categories, months) = ctx.store.sidebar_counts(blog, ctx.now).await?;
        let recent = ctx.store.recent_entry_links(blog, ctx.now, 10).await?;
        Ok(BlogView {
            slug: ctx.row.slug.clone(),
            title: ctx.row.title.clone(),
            description: ctx.row.description.clone(),
            lang: ctx.lang().as_str().to_string(),
            url: ctx.url.clone(),
            atom_url: ctx.url_of(FeedKind::Atom.file_name()),
            rss_url: ctx.url_of(FeedKind::Rss.file_name()),
            pingback_url: pingback_url(&ctx.origins, &ctx.row.slug),
            webmention_url: format!("{}/webmention", ctx.origins.blog_origin(&ctx.row.slug)),
            categories: categories
                .iter()
                .map(|c| CategoryLink {
                    label: c.label.clone(),
                    url: ctx.url_of(&permalink::category_path(&c.path)),
                    count: c.public_entries,
                    depth: c.path.matches('/').count() as u32,
                })
                .collect(),
            months: months
                .iter()
                .map(|m| {
                    let (y, mo, label) = month_label(m.month_key, ctx.lang());
                    MonthLink {
                        label,
                        url: ctx.url_of(&permalink::month_path(y, mo)),
                        count: m.public_entries,
                    }
                })
                .collect(),
            recent: recent.iter().map(|e| entry_link(ctx, e)).collect(),
        })
    }

    /// Entry views for rows, with categories, tags and response counts in three queries.
    async fn entry_views(&self, ctx: &BlogCtx, rows: &[EntryRow]) -> Result<Vec<EntryView>, Error> {
        let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
        let mut cats: HashMap<i64, Vec<CategoryLink>> = HashMap::new();
        for c in ctx.store.categories_of_entries(&ids).await? {
            cats.entry(c.entry_id).or_default().push(CategoryLink {
                label: c.label,
                url: ctx.url_of(&permalink::category_path(&c.path)),
                count: 0,
                depth: c.path.matches('/').count() as u32,
            });
        }
        let mut tags: HashMap<i64, Vec<TagLink>> = HashMap::new();
        for t in ctx.store.tags_of_entries(&ids).await? {
            let url = ctx.url_of(&permalink::tag_path(&t.name));
            tags.entry(t.entry_id)
                .or_default()
                .push(TagLink { name: t.name, url });
        }
        let counts: HashMap<i64, (i64, i64)> = ctx
            .store
            .response_counts(&ids)
            .await?
            .into_iter()
            .map(|(id, c, p)| (id, (c, p)))
            .collect();
        Ok(rows
            .iter()
            .map(|r| {
                let (comment_count, ping_count) = counts.get(&r.id).copied().unwrap_or((0, 0));
                self.entry_view(
                    ctx,
                    r,
                    cats.remove(&r.id).unwrap_or_default(),
                    tags.remove(&r.id).unwrap_or_default(),
                    comment_count,
                    ping_count,
                )
            })
            .collect())
    }

    fn entry_view(
        &self,
        ctx: &BlogCtx,
        r: &EntryRow,
        categories: Vec<CategoryLink>,
        tags: Vec<TagLink>,
        comment_count: i64,
        ping_count: i64,
    ) -> EntryView {
        EntryView {
            id: r.id,
            title: r.title.clone(),
            url: ctx.url_of(&r.path),
            author: r.author_name.clone(),
            body_html: SafeHtml::from_trusted_stored(r.body_html.clone()),
            more_html: (!r.more_html.trim().is_empty())
                .then(|| SafeHtml::from_trusted_stored(r.more_html.clone())),
            date_display: dates::format_datetime(r.authored_on, &ctx.settings),
            date_iso: dates::iso(r.authored_on, &ctx.settings.timezone),
            categories,
            tags,
            comment_count,
            ping_count,
        }
    }

    /// Renders any page under `/{blog}/`; `rest` is the percent-decoded path after it.
    pub async fn blog_page(
        &self,
        origins: &Origins,
        slug: &str,
        rest: &str,
    ) -> Result<Rendered, Error> {
        let Some(ctx) = self.page_ctx(origins, slug).await? else {
            return self.not_found_page(origins, None).await;
        };
        let page = match permalink::parse_blog_path(rest) {
            Some(BlogRoute::Entry {
                year,
                month,
                basename,
            }) => {
                let path = permalink::entry_path(year, month, &basename);
                match self.entry_page(&ctx, &path).await? {
                    Some(page) => Some(page),
                    None if ctx.store.trashed_entry_at(ctx.row.blog_id(), &path).await? => {
                        let page = self.not_found_page(origins, Some(&ctx)).await?;
                        Some(Rendered {
                            status: PageStatus::Gone,
                            ..page
                        })
                    }
                    None => None,
                }
            }
            Some(BlogRoute::Top { page }) => {
                self.listing_page(&ctx, ListingKind::Top, EntryFilter::All, "", page)
                    .await?
            }
            Some(BlogRoute::Month { year, month, page }) => {
                let label = dates::format_month(year, month, ctx.lang());
                let filter = EntryFilter::Month(i64::from(year) * 100 + i64::from(month));
                self.listing_page(
                    &ctx,
                    ListingKind::Month { label },
                    filter,
                    &permalink::month_path(year, month),
                    page,
                )
                .await?
            }
            Some(BlogRoute::Category { path, page }) => match ctx
                .store
                .find_category_by_path(ctx.row.blog_id(), &path)
                .await?
            {
                Some(cat) => {
                    let listing = ListingKind::Category {
                        label: cat.label.clone(),
                        atom_url: ctx
                            .url_of(&format!("{}atom.xml", permalink::category_path(&cat.path))),
                        rss_url: ctx
                            .url_of(&format!("{}rss.xml", permalink::category_path(&cat.path))),
                    };
                    let filter = EntryFilter::Category(cat.category_id());
                    self.listing_page(
                        &ctx,
                        listing,
                        filter,
                        &permalink::category_path(&cat.path),
                        page,
                    )
                    .await?
                }
                None => {
                    self.moved_category(&ctx, &path, &permalink::paged("", page))
                        .await?
                }
            },
            Some(BlogRoute::Tag { name, page }) => {
                match ctx.store.find_tag_id(ctx.row.blog_id(), &name).await? {
                    Some(id) => {
                        let path = permalink::tag_path(&name);
                        self.listing_page(
                            &ctx,
                            ListingKind::Tag { name },
                            EntryFilter::Tag(id),
                            &path,
                            page,
                        )
                        .await?
                    }
                    None => None,
                }
            }
            Some(BlogRoute::Feed { kind, category }) => {
                self.feed(&ctx, kind, category.as_deref()).await?
            }
            None => None,
        };
        match page {
            Some(p) => Ok(p),
            None => self.not_found_page(origins, Some(&ctx)).await,
        }
    }

    /// A 301 from a renamed category's old archive (or feed) to its new address; `suffix`
    /// is what followed the category's path (`page/2/`, `atom.xml`).
    async fn moved_category(
        &self,
        ctx: &BlogCtx,
        old_path: &str,
        suffix: &str,
    ) -> Result<Option<Rendered>, Error> {
        Ok(ctx
            .store
            .category_redirect(ctx.row.blog_id(), old_path)
            .await?
            .map(|to| Rendered {
                status: PageStatus::MovedPermanently(
                    ctx.url_of(&format!("{}{suffix}", permalink::category_path(&to))),
                ),
                content_type: HTML,
                body: String::new(),
                last_modified: None,
            }))
    }

    async fn entry_page(&self, ctx: &BlogCtx, path: &str) -> Result<Option<Rendered>, Error> {
        self.entry_page_with(ctx, path, None).await
    }

    /// The entry page; `form` is the comment form as a refused or held submission left it
    /// (such pages are answers to a POST and never cached).
    pub(crate) async fn entry_page_with(
        &self,
        ctx: &BlogCtx,
        path: &str,
        form: Option<CommentFormView>,
    ) -> Result<Option<Rendered>, Error> {
        let Some(row) = ctx
            .store
            .find_public_entry(ctx.row.blog_id(), path, ctx.now)
            .await?
        else {
            return Ok(ctx
                .store
                .redirect_target(ctx.row.blog_id(), path, ctx.now)
                .await?
                .map(|to| Rendered {
                    status: PageStatus::MovedPermanently(ctx.url_of(&to)),
                    content_type: HTML,
                    body: String::new(),
                    last_modified: None,
                }));
        };
        let blog = ctx.row.blog_id();
        let (older, newer) = ctx.store.neighbours(blog, &row, ctx.now).await?;
        let comments = ctx.store.approved_comments(row.entry_id()).await?;
        let pings = ctx.store.approved_pings(row.entry_id()).await?;
        let entry_cats = ctx.store.categories_of_entries(&[row.id]).await?;
        let tags = ctx.store.tags_of_entries(&[row.id]).await?;
        let primary = entry_cats
            .iter()
            .find(|c| c.is_primary)
            .or(entry_cats.first());
        let category_entries = match primary {
            Some(c) => ctx
                .store
                .category_entry_links(
                    blog,
                    tsuzuri_core::CategoryId(c.category_id),
                    row.entry_id(),
                    ctx.now,
                    10,
                )
                .await?
                .iter()
                .map(|e| entry_link(ctx, e))
                .collect(),
            None => Vec::new(),
        };
        let cat_link = |label: &str, path: &str| CategoryLink {
            label: label.to_string(),
            url: ctx.url_of(&permalink::category_path(path)),
            count: 0,
            depth: path.matches('/').count() as u32,
        };
        let primary_category = primary.map(|c| cat_link(&c.label, &c.path));
        let categories = entry_cats
            .iter()
            .map(|c| cat_link(&c.label, &c.path))
            .collect();
        let tags = tags
            .into_iter()
            .map(|t| TagLink {
                url: ctx.url_of(&permalink::tag_path(&t.name)),
                name: t.name,
            })
            .collect();
        let last_modified = comments
            .iter()
            .map(|c| c.created_at)
            .chain(pings.iter().map(|p| p.created_at))
            .chain([row.updated_at])
            .max();
        let entry = self.entry_view(
            ctx,
            &row,
            categories,
            tags,
            comments.len() as i64,
            pings.len() as i64,
        );
        let page = EntryPage {
            blog: self.blog_view(ctx).await?,
            previous: older.as_ref().map(|e| entry_link(ctx, e)),
            next: newer.as_ref().map(|e| entry_link(ctx, e)),
            primary_category,
            category_entries,
            comments: threaded(&comments)
                .into_iter()
                .map(|(c, depth)| CommentView {
                    id: c.id,
                    author: c.author.clone(),
                    url: http_url(&c.url),
                    body_html: plain_text_html(&c.body),
                    date_display: dates::format_datetime(c.created_at, &ctx.settings),
                    date_iso: dates::iso(c.created_at, &ctx.settings.timezone),
                    parent_id: c.parent_id,
                    depth,
                })
                .collect(),
            pings: pings
                .iter()
                .map(|p| PingView {
                    id: p.id,
                    kind: p.kind.clone(),
                    title: p.title.clone(),
                    url: http_url(&p.url).unwrap_or_default(),
                    blog_name: p.blog_name.clone(),
                    excerpt: p.excerpt.clone(),
                    date_display: dates::format_datetime(p.created_at, &ctx.settings),
                    date_iso: dates::iso(p.created_at, &ctx.settings.timezone),
                    mention_type: p.mention_type.clone(),
                    author: p.author_name.clone(),
                })
                .collect(),
            trackback_url: format!("{}trackback/{}", ctx.url, row.id),
            comment_form: self.comment_form(ctx, &row, form),
            entry,
        };
        Ok(Some(Rendered {
            status: PageStatus::Ok,
            content_type: HTML,
            body: self
                .render_for_blog(&ctx.row, |r| r.render_entry(&page))
                .await?,
            last_modified,
        }))
    }

    async fn listing_page(
        &self,
        ctx: &BlogCtx,
        listing: ListingKind,
        filter: EntryFilter,
        listing_path: &str,
        page: u32,
    ) -> Result<Option<Rendered>, Error> {
        let blog = ctx.row.blog_id();
        let total = ctx
            .store
            .count_public_entries(blog, filter, ctx.now)
            .await?;
        let pages = (((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1)) as u32;
        let is_top = matches!(listing, ListingKind::Top);
        // An empty archive is a 404, but an empty blog's top page is a real (empty) page.
        if page > pages || (total == 0 && !is_top) {
            return Ok(None);
        }
        let offset = i64::from(page - 1) * PAGE_SIZE;
        let rows = ctx
            .store
            .list_public_entries(blog, filter, ctx.now, PAGE_SIZE, offset)
            .await?;
        let entries = self.entry_views(ctx, &rows).await?;
        let page_url = |p: u32| ctx.url_of(&permalink::paged(listing_path, p));
        let view = ListingPage {
            blog: self.blog_view(ctx).await?,
            listing,
            entries,
            pagination: Pagination {
                page,
                pages,
                newer_url: (page > 1).then(|| page_url(page - 1)),
                older_url: (page < pages).then(|| page_url(page + 1)),
            },
        };
        Ok(Some(Rendered {
            status: PageStatus::Ok,
            content_type: HTML,
            body: self
                .render_for_blog(&ctx.row, |r| r.render_listing(&view))
                .await?,
            last_modified: rows.iter().map(|r| r.updated_at).max(),
        }))
    }

    async fn feed(
        &self,
        ctx: &BlogCtx,
        kind: FeedKind,
        category: Option<&str>,
    ) -> Result<Option<Rendered>, Error> {
        let blog = ctx.row.blog_id();
        let (filter, alternate, self_rel, title, cat): (
            EntryFilter,
            String,
            String,
            String,
            Option<CategoryRow>,
        ) = match category {
            Some(path) => {
                let Some(cat) = ctx.store.find_category_by_path(blog, path).await? else {
                    return self.moved_category(ctx, path, kind.file_name()).await;
                };
                let listing = permalink::category_path(&cat.path);
                (
                    EntryFilter::Category(cat.category_id()),
                    ctx.url_of(&listing),
                    format!("{listing}{}", kind.file_name()),
                    format!("{} - {}", ctx.row.title, cat.label),
                    Some(cat),
                )
            }
            None => (
                EntryFilter::All,
                ctx.url.clone(),
                kind.file_name().to_string(),
                ctx.row.title.clone(),
                None,
            ),
        };
        let rows = ctx
            .store
            .list_public_entries(blog, filter, ctx.now, FEED_SIZE, 0)
            .await?;
        let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
        let mut cats: HashMap<i64, Vec<String>> = HashMap::new();
        for c in ctx.store.categories_of_entries(&ids).await? {
            cats.entry(c.entry_id).or_default().push(c.label);
        }
        let authority = tag_authority(&ctx.url);
        let updated = rows
            .iter()
            .map(|r| r.updated_at)
            .max()
            .unwrap_or(ctx.row.updated_at);
        let feed = FeedPage {
            id: format!(
                "tag:{authority},{}:{}{}",
                to_local(ctx.row.created_at, &jiff::tz::TimeZone::UTC).strftime("%Y-%m-%d"),
                ctx.row.slug,
                cat.as_ref()
                    .map(|c| format!("/category/{}", c.path))
                    .unwrap_or_default()
            ),
            title,
            subtitle: ctx.row.description.clone(),
            lang: ctx.lang().as_str().to_string(),
            alternate_url: alternate,
            self_url: ctx.url_of(&self_rel),
            updated: dates::rfc3339_utc(updated),
            updated_rfc2822: dates::rfc2822(updated),
            entries: rows
                .iter()
                .map(|r| {
                    let mut html = r.body_html.clone();
                    if !r.more_html.trim().is_empty() {
                        html.push('\n');
                        html.push_str(&r.more_html);
                    }
                    FeedEntry {
                        id: format!(
                            "tag:{authority},{}:{}.{}",
                            to_local(r.created_at, &jiff::tz::TimeZone::UTC).strftime("%Y-%m-%d"),
                            ctx.row.slug,
                            r.id
                        ),
                        title: r.title.clone(),
                        url: ctx.url_of(&r.path),
                        author: r.author_name.clone(),
                        published: dates::iso(r.authored_on, &ctx.settings.timezone),
                        updated: dates::rfc3339_utc(r.updated_at.max(r.authored_on)),
                        published_rfc2822: dates::rfc2822(r.authored_on),
                        content_html: SafeHtml::from_trusted_stored(html),
                        categories: cats.remove(&r.id).unwrap_or_default(),
                    }
                })
                .collect(),
        };
        let (body, content_type) = match kind {
            FeedKind::Atom => (self.theme(&ctx.row.theme).render_atom(&feed)?, ATOM),
            FeedKind::Rss => (self.theme(&ctx.row.theme).render_rss(&feed)?, RSS),
        };
        Ok(Some(Rendered {
            status: PageStatus::Ok,
            content_type,
            body,
            last_modified: Some(updated),
        }))
    }

    async fn not_found_page(
        &self,
        origins: &Origins,
        ctx: Option<&BlogCtx>,
    ) -> Result<Rendered, Error> {
        let (blog, lang) = match ctx {
            Some(ctx) => (Some(self.blog_view(ctx).await?), ctx.lang()),
            None => (None, self.host_profile().await.default_lang),
        };
        let page = NotFoundPage {
            blog,
            lang: lang.as_str().to_string(),
            base_url: origins.front_url(),
        };
        // A blog's 404 wears the blog's own theme; outside any blog, the host's.
        let body = match ctx {
            Some(ctx) => {
                self.render_for_blog(&ctx.row, |r| r.render_not_found(&page))
                    .await?
            }
            None => self.renderer.render_not_found(&page)?,
        };
        Ok(Rendered {
            status: PageStatus::NotFound,
            content_type: HTML,
            body,
            last_modified: None,
        })
    }

    /// A 404 page for paths outside any blog.
    pub async fn host_not_found(&self, origins: &Origins) -> Result<Rendered, Error> {
        self.not_found_page(origins, None).await
    }

    /// The host front page `/`: blogs and the newest entries across them.
    pub async fn host_front(&self, origins: &Origins) -> Result<Rendered, Error> {
        let t = now();
        let store = self.store.snapshot().await?;
        let blogs = store.list_blogs(t).await?;
        let recent = store.recent_entries_all_blogs(t, 20).await?;
        let profile = self.host_profile().await;
        let page = HostFrontPage {
            site_title: profile.name,
            lang: profile.default_lang.as_str().to_string(),
            base_url: origins.front_url(),
            is_empty: blogs.is_empty(),
            blogs: blogs
                .iter()
                .map(|b| BlogSummary {
                    title: b.title.clone(),
                    description: b.description.clone(),
                    url: origins.blog_url(&b.slug),
                    entry_count: b.public_entries,
                })
                .collect(),
            recent: recent
                .iter()
                .map(|r| {
                    let settings = BlogSettings {
                        lang: Lang::parse(&r.blog_lang).unwrap_or_default(),
                        timezone: parse_timezone(&r.blog_timezone)
                            .unwrap_or(jiff::tz::TimeZone::UTC),
                    };
                    RecentEntry {
                        title: r.title.clone(),
                        url: format!("{}{}", origins.blog_url(&r.blog_slug), encode_path(&r.path)),
                        blog_title: r.blog_title.clone(),
                        blog_url: origins.blog_url(&r.blog_slug),
                        date_display: dates::format_datetime(r.authored_on, &settings),
                        date_iso: dates::iso(r.authored_on, &settings.timezone),
                    }
                })
                .collect(),
        };
        Ok(Rendered {
            status: PageStatus::Ok,
            content_type: HTML,
            body: self.renderer.render_host_front(&page)?,
            last_modified: None,
        })
    }
}

/// Only http(s) URLs are ever linked from reader content.
fn http_url(url: &str) -> Option<String> {
    let u = url.trim();
    let lower = u.to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://")).then(|| u.to_string())
}

/// The host part of a base URL, for `tag:` ids.
fn tag_authority(url: &str) -> String {
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    let host = rest.split(['/', ':']).next().unwrap_or("localhost");
    if host.is_empty() {
        "localhost".into()
    } else {
        host.to_string()
    }
}

/// How long a preview's address works: long enough to read and reload it.
pub const PREVIEW_SECONDS: i64 = 30 * 60;

/// An unsaved entry to show with its blog's theme (the editor's preview). Kept as JSON in
/// the store between the editor (admin origin) and the page (blog origin); its HTML was
/// rendered and sanitised by the editor, as a saved entry's is.
#[derive(serde::Serialize, serde::Deserialize)]
pub struct PreviewEntry {
    pub title: String,
    pub author: String,
    pub body_html: String,
    pub more_html: String,
    pub authored_on: i64,
    pub path: String,
    pub categories: Vec<String>,
    pub tags: Vec<String>,
}

impl App {
    /// Keeps an unsaved entry of blog `blog` for [`PREVIEW_SECONDS`] and returns the address
    /// on the blog's origin that shows it. The address carries the only copy of the secret.
    pub(crate) async fn store_preview(
        &self,
        origins: &Origins,
        blog: &tsuzuri_store::MemberBlogRow,
        p: &PreviewEntry,
    ) -> Result<String, Error> {
        let token = crate::accounts::random_token();
        let payload = serde_json::to_string(p).map_err(|e| Error::Internal(e.to_string()))?;
        let t = now();
        self.store
            .insert_preview(
                &crate::accounts::token_hash(&token),
                tsuzuri_core::BlogId(blog.id),
                &payload,
                t,
                t + PREVIEW_SECONDS,
            )
            .await?;
        Ok(format!(
            "{}/_preview/{token}",
            origins.blog_origin(&blog.slug)
        ))
    }

    /// The page behind a preview address: None when the secret is wrong or has expired.
    pub async fn preview_page(
        &self,
        origins: &Origins,
        token: &str,
    ) -> Result<Option<String>, Error> {
        let Some(row) = self
            .store
            .find_preview(&crate::accounts::token_hash(token), now())
            .await?
        else {
            return Ok(None);
        };
        let p: PreviewEntry = serde_json::from_str(&row.payload)
            .map_err(|e| Error::Internal(format!("stored preview: {e}")))?;
        self.render_preview(origins, &row.blog_slug, p)
            .await
            .map(Some)
    }

    /// Renders an unsaved entry exactly as its blog's theme would show it, with the blog's
    /// real sidebar, and without neighbours, comments or pings.
    async fn render_preview(
        &self,
        origins: &Origins,
        blog_slug: &str,
        p: PreviewEntry,
    ) -> Result<String, Error> {
        let ctx = self
            .page_ctx(origins, blog_slug)
            .await?
            .ok_or_else(|| Error::NotFound(no_such_blog(blog_slug)))?;
        let cat = |label: &String| CategoryLink {
            label: label.clone(),
            url: ctx.url_of(&permalink::category_path(
                &tsuzuri_core::slug::category_slug(label),
            )),
            count: 0,
            depth: 0,
        };
        let entry = EntryView {
            id: 0,
            title: p.title,
            url: ctx.url_of(&p.path),
            author: p.author,
            more_html: (!p.more_html.trim().is_empty())
                .then(|| SafeHtml::from_trusted_stored(p.more_html)),
            body_html: SafeHtml::from_trusted_stored(p.body_html),
            date_display: dates::format_datetime(p.authored_on, &ctx.settings),
            date_iso: dates::iso(p.authored_on, &ctx.settings.timezone),
            categories: p.categories.iter().map(cat).collect(),
            tags: p
                .tags
                .iter()
                .map(|t| TagLink {
                    name: t.clone(),
                    url: ctx.url_of(&permalink::tag_path(t)),
                })
                .collect(),
            comment_count: 0,
            ping_count: 0,
        };
        let page = EntryPage {
            blog: self.blog_view(&ctx).await?,
            previous: None,
            next: None,
            primary_category: p.categories.first().map(cat),
            category_entries: Vec::new(),
            comments: Vec::new(),
            pings: Vec::new(),
            trackback_url: format!("{}trackback/0", ctx.url),
            comment_form: CommentFormView {
                action: "#".into(),
                ..Default::default()
            },
            entry,
        };
        self.render_for_blog(&ctx.row, |r| r.render_entry(&page))
            .await
    }
}

/// Replies nest this deep at most; deeper replies are shown at this depth.
pub const MAX_DEPTH: u32 = 3;

/// Comments in thread order: each followed by its replies, with its depth.
fn threaded(comments: &[CommentRow]) -> Vec<(&CommentRow, u32)> {
    let ids: std::collections::HashSet<i64> = comments.iter().map(|c| c.id).collect();
    let mut children: HashMap<Option<i64>, Vec<&CommentRow>> = HashMap::new();
    for c in comments {
        // A reply whose parent is not shown is shown on its own.
        let parent = c.parent_id.filter(|p| ids.contains(p));
        children.entry(parent).or_default().push(c);
    }
    let mut out = Vec::with_capacity(comments.len());
    let mut stack: Vec<(&CommentRow, u32)> = children
        .get(&None)
        .map(|v| v.iter().rev().map(|c| (*c, 0)).collect())
        .unwrap_or_default();
    while let Some((c, depth)) = stack.pop() {
        out.push((c, depth));
        if let Some(kids) = children.get(&Some(c.id)) {
            for k in kids.iter().rev() {
                stack.push((k, (depth + 1).min(MAX_DEPTH)));
            }
        }
    }
    out
}
