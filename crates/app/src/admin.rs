//! Use cases of the admin's overview pages: which blogs a user may manage, and one blog's
//! entries at a glance. Membership is checked in the query that loads the blog.

use crate::accounts::SignedIn;
use crate::{App, Error, now};
use tsuzuri_core::blog::parse_timezone;
use tsuzuri_core::{BlogSettings, Lang};
pub use tsuzuri_store::MemberBlogRow;
use tsuzuri_store::{AdminEntryRow, StatusCountRow};

/// One blog as its manager sees it.
pub struct BlogOverview {
    pub blog: MemberBlogRow,
    pub settings: BlogSettings,
    pub recent: Vec<AdminEntryRow>,
    pub counts: Vec<StatusCountRow>,
    pub now: i64,
}

impl App {
    /// The blogs `who` may manage (all of them for a host administrator).
    pub async fn my_blogs(&self, who: &SignedIn) -> Result<Vec<MemberBlogRow>, Error> {
        Ok(self.store.blogs_of_user(who.user_id, who.is_admin).await?)
    }

    /// A blog `who` may manage, or NotFound: another user's blog looks like no blog at all.
    pub async fn blog_overview(&self, who: &SignedIn, slug: &str) -> Result<BlogOverview, Error> {
        let blog = self
            .store
            .find_blog_for_member(slug, who.user_id, who.is_admin)
            .await?
            .ok_or_else(|| {
                Error::NotFound(format!("no blog named {slug:?} that you can manage"))
            })?;
        let settings = BlogSettings {
            lang: Lang::parse(&blog.lang).unwrap_or_default(),
            timezone: parse_timezone(&blog.timezone).unwrap_or(jiff::tz::TimeZone::UTC),
        };
        let id = tsuzuri_core::BlogId(blog.id);
        let recent = self.store.admin_recent_entries(id, 20).await?;
        let counts = self.store.entry_status_counts(id).await?;
        Ok(BlogOverview {
            blog,
            settings,
            recent,
            counts,
            now: now(),
        })
    }
}
