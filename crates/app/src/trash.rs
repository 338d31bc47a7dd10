//! Use cases of the trash: deleting from the admin is reversible for 30 days.

use crate::accounts::SignedIn;
use crate::{App, Error, now};
use tsuzuri_core::BlogId;
use tsuzuri_core::Role;
use tsuzuri_core::origins::Origins;

/// How long deleted entries can be restored.
pub const TRASH_DAYS: i64 = 30;

/// An entry in the trash, as the admin lists it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct TrashedEntry {
    pub id: i64,
    pub title: String,
    pub trashed_at: String,
    pub purged_after: String,
}

impl App {
    /// Moves an entry to the trash (same permission as editing it).
    /// Moves an entry to the trash; its address answers 410 Gone from then on, and the
    /// pages it had sent Webmentions to are told (so they can drop the mention).
    pub async fn trash_entry(
        &self,
        who: &SignedIn,
        origins: &Origins,
        blog_slug: &str,
        entry_id: i64,
    ) -> Result<(), Error> {
        let blog = self.managed_blog(who, blog_slug).await?;
        self.check_may_edit(who, &blog, entry_id).await?;
        let pings = crate::outbound::send_pings_job(origins, blog_slug, now())?;
        if !self
            .store
            .trash_entry(BlogId(blog.id), entry_id, now(), &[pings])
            .await?
        {
            return Err(Error::Conflict(crate::catalog_id(
                "entries-error-already-trashed",
            )));
        }
        self.blog_changed(blog_slug);
        Ok(())
    }

    /// Takes an entry out of the trash with the status it had before.
    pub async fn restore_entry(
        &self,
        who: &SignedIn,
        origins: &Origins,
        blog_slug: &str,
        entry_id: i64,
    ) -> Result<(), Error> {
        let blog = self.managed_blog(who, blog_slug).await?;
        self.check_may_edit(who, &blog, entry_id).await?;
        // Public again (or scheduled): the linked pages hear of it as after an update.
        let pings = crate::outbound::send_pings_job(origins, blog_slug, now())?;
        if !self
            .store
            .restore_entry(BlogId(blog.id), entry_id, now(), &[pings])
            .await?
        {
            return Err(Error::Conflict(crate::catalog_id(
                "entries-error-not-trashed",
            )));
        }
        self.blog_changed(blog_slug);
        Ok(())
    }

    /// The blog's trash; authors see only their own entries in it.
    pub async fn trash(&self, who: &SignedIn, blog_slug: &str) -> Result<Vec<TrashedEntry>, Error> {
        let blog = self.managed_blog(who, blog_slug).await?;
        let only_own = !who.is_admin && blog.role == Role::Author;
        let rows = self.store.trashed_entries(BlogId(blog.id)).await?;
        Ok(rows
            .into_iter()
            .filter(|r| !only_own || r.author_id == Some(who.user_id.0))
            .map(|r| TrashedEntry {
                id: r.id,
                title: r.title,
                trashed_at: Self::saved_at(&blog, r.trashed_at),
                purged_after: Self::saved_at(&blog, r.trashed_at + TRASH_DAYS * 86_400),
            })
            .collect())
    }

    /// Deletes for good what has been in the trash for longer than [`TRASH_DAYS`].
    pub async fn purge_old_trash(&self) -> Result<u64, Error> {
        Ok(self.store.purge_trash(now() - TRASH_DAYS * 86_400).await?)
    }

    /// Deletes comments and pings that have been marked as spam for longer than
    /// [`TRASH_DAYS`] (the owner had that long to rescue one).
    pub async fn purge_old_spam(&self) -> Result<u64, Error> {
        Ok(self.store.purge_spam(now() - TRASH_DAYS * 86_400).await?)
    }
}
