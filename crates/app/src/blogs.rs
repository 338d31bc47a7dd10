//! Use case: create a blog.

use crate::{App, Error, now};
use tsuzuri_core::Lang;
use tsuzuri_core::blog::parse_timezone;
use tsuzuri_core::slug::check_blog_slug;
use tsuzuri_store::{BlogRow, NewBlog};

pub struct CreateBlog {
    pub slug: String,
    pub owner_login: String,
    pub title: String,
    pub description: String,
    pub lang: String,
    pub timezone: String,
}

impl App {
    pub async fn create_blog(&self, cmd: CreateBlog) -> Result<BlogRow, Error> {
        check_blog_slug(&cmd.slug)?;
        let lang = Lang::parse(&cmd.lang)?;
        parse_timezone(&cmd.timezone)?;
        let title = cmd.title.trim();
        if title.is_empty() || title.chars().count() > 200 {
            return Err(Error::Invalid(
                "title: give a title of 1-200 characters".into(),
            ));
        }
        let owner = self
            .store
            .find_user_by_login(&cmd.owner_login)
            .await?
            .ok_or_else(|| {
                Error::NotFound(format!(
                    "no user with login {:?} (create it with `tsuzuri user add`)",
                    cmd.owner_login
                ))
            })?;
        let blog = self
            .store
            .create_blog(&NewBlog {
                slug: cmd.slug,
                title: title.to_string(),
                description: cmd.description.trim().to_string(),
                lang: lang.as_str().to_string(),
                timezone: cmd.timezone.trim().to_string(),
                owner_id: owner.user_id(),
                now: now(),
            })
            .await?;
        self.content_changed();
        Ok(blog)
    }

    /// The blog named `slug`, or a NotFound error that says so.
    pub async fn blog(&self, slug: &str) -> Result<BlogRow, Error> {
        self.store
            .find_blog_by_slug(slug)
            .await?
            .ok_or_else(|| Error::NotFound(format!("no blog named {slug:?}")))
    }
}
