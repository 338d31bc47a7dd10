//! Use cases of the admin's overview pages: which blogs a user may manage, and one blog's
//! entries at a glance. Membership is checked in the query that loads the blog.

use crate::accounts::SignedIn;
use crate::{App, Error, now};
use tsuzuri_core::Role;
use tsuzuri_core::blog::parse_timezone;
use tsuzuri_core::{BlogSettings, Lang};
use tsuzuri_store::StatusCountRow;
pub use tsuzuri_store::{AdminEntryRow, MemberBlogRow};

/// One blog as its manager sees it.
pub struct BlogOverview {
    pub blog: MemberBlogRow,
    pub settings: BlogSettings,
    pub recent: Vec<AdminEntryRow>,
    pub counts: Vec<StatusCountRow>,
    /// Comments and pings held for moderation.
    pub pending_comments: i64,
    pub pending_pings: i64,
    pub now: i64,
}

impl App {
    /// The blogs `who` may manage (all of them for a host administrator).
    pub async fn my_blogs(&self, who: &SignedIn) -> Result<Vec<MemberBlogRow>, Error> {
        Ok(self.store.blogs_of_user(who.user_id, who.is_admin).await?)
    }

    /// How many comments and pings await moderation on a blog `who` moderates (the
    /// dashboard's badge); 0 for authors, who do not moderate.
    pub async fn awaiting_moderation(
        &self,
        who: &SignedIn,
        blog: &MemberBlogRow,
    ) -> Result<i64, Error> {
        if !who.is_admin && blog.role == Role::Author {
            return Ok(0);
        }
        let (comments, pings) = self
            .store
            .pending_responses(tsuzuri_core::BlogId(blog.id))
            .await?;
        Ok(comments + pings)
    }

    /// A blog `who` may manage, or NotFound: another user's blog looks like no blog at all.
    pub async fn blog_overview(&self, who: &SignedIn, slug: &str) -> Result<BlogOverview, Error> {
        let blog = self
            .store
            .find_blog_for_member(slug, who.user_id, who.is_admin)
            .await?
            .ok_or_else(|| Error::NotFound(crate::catalog_id("blog-not-found")))?;
        let settings = BlogSettings {
            lang: Lang::parse(&blog.lang).unwrap_or_default(),
            timezone: parse_timezone(&blog.timezone).unwrap_or(jiff::tz::TimeZone::UTC),
        };
        let id = tsuzuri_core::BlogId(blog.id);
        let recent = self.store.admin_recent_entries(id, 20).await?;
        let counts = self.store.entry_status_counts(id).await?;
        let (pending_comments, pending_pings) = self.store.pending_responses(id).await?;
        Ok(BlogOverview {
            blog,
            settings,
            recent,
            counts,
            pending_comments,
            pending_pings,
            now: now(),
        })
    }
}

/// Entries per page of the admin's list.
pub const ADMIN_PAGE_SIZE: i64 = 25;

/// One page of the admin's entry list.
pub struct EntryList {
    pub blog: MemberBlogRow,
    /// The blog's categories, for the filter.
    pub categories: Vec<tsuzuri_store::CategoryRow>,
    pub settings: BlogSettings,
    pub entries: Vec<AdminEntryRow>,
    pub total: i64,
    pub page: i64,
    pub pages: i64,
    pub now: i64,
}

impl App {
    /// A blog's entries filtered by status, category (its path, `""` for any) and text,
    /// paginated; authors see their own only.
    pub async fn entry_list(
        &self,
        who: &SignedIn,
        slug: &str,
        status: &str,
        category: &str,
        text: &str,
        page: i64,
    ) -> Result<EntryList, Error> {
        let overview = self.blog_overview(who, slug).await?;
        let categories = self
            .store
            .categories_of_blog(tsuzuri_core::BlogId(overview.blog.id))
            .await?;
        let category = category.trim();
        let category_id = if category.is_empty() {
            None
        } else {
            Some(
                categories
                    .iter()
                    .find(|c| c.path == category)
                    .map(|c| c.id)
                    .ok_or_else(|| Error::Invalid(crate::catalog_id("blog-category-unknown")))?,
            )
        };
        let status = status.trim();
        if !status.is_empty()
            && ![
                "draft",
                "publish",
                "review",
                "future",
                "unpublish",
                "spam",
                "trash",
            ]
            .contains(&status)
        {
            return Err(Error::Invalid(crate::catalog_id("blog-status-unknown")));
        }
        let filter = tsuzuri_store::AdminEntryFilter {
            status: (!status.is_empty()).then(|| status.to_string()),
            text: Some(text.trim())
                .filter(|t| !t.is_empty())
                .map(str::to_string),
            author_id: (!who.is_admin && overview.blog.role == Role::Author)
                .then_some(who.user_id.0),
            category_id,
        };
        let page = page.max(1);
        let (entries, total) = self
            .store
            .admin_entries(
                tsuzuri_core::BlogId(overview.blog.id),
                &filter,
                ADMIN_PAGE_SIZE,
                (page - 1) * ADMIN_PAGE_SIZE,
            )
            .await?;
        let pages = ((total + ADMIN_PAGE_SIZE - 1) / ADMIN_PAGE_SIZE).max(1);
        Ok(EntryList {
            categories,
            blog: overview.blog,
            settings: overview.settings,
            entries,
            total,
            page,
            pages,
            now: overview.now,
        })
    }
}

/// The address readers see an entry at, when they can see it at `now` (published, and its
/// date has come).
pub fn reader_url(
    origins: &tsuzuri_core::origins::Origins,
    blog_slug: &str,
    e: &AdminEntryRow,
    now: i64,
) -> Option<String> {
    let public = e.status == tsuzuri_core::EntryStatus::Publish.as_str() && e.authored_on <= now;
    public.then(|| {
        format!(
            "{}{}",
            origins.blog_url(blog_slug),
            tsuzuri_core::permalink::encode_path(&e.path)
        )
    })
}
