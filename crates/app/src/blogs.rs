//! Use case: create a blog.

use crate::error::no_such_blog;
use crate::{App, Error, now};
use tsuzuri_core::Lang;
use tsuzuri_core::Role;
use tsuzuri_core::blog::parse_timezone;
use tsuzuri_core::message::message;
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
                Error::NotFound(message("no-such-owner", &[("login", &cmd.owner_login)]))
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
        self.blog_changed(&blog.slug);
        Ok(blog)
    }

    /// The blog named `slug`, or a NotFound error that says so.
    pub async fn blog(&self, slug: &str) -> Result<BlogRow, Error> {
        self.store
            .find_blog_by_slug(slug)
            .await?
            .ok_or_else(|| Error::NotFound(no_such_blog(slug)))
    }
}

/// The settings form of a blog, as typed.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct BlogSettingsForm {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub lang: String,
    #[serde(default)]
    pub timezone: String,
    /// One of `tsuzuri_render::THEMES`.
    #[serde(default)]
    pub theme: String,
    /// `open`, `moderated`, `signed_in` or `closed`.
    #[serde(default = "open_policy")]
    pub comment_policy: String,
    /// Close comments this many days after an entry's date; empty or 0: never.
    #[serde(default)]
    pub comments_close_days: String,
    /// One of [`PING_POLICIES`].
    #[serde(default = "verify_policy")]
    pub ping_policy: String,
}

fn verify_policy() -> String {
    "verify".into()
}

/// How a blog takes TrackBacks and pings.
pub const PING_POLICIES: &[(&str, &str)] = &[
    (
        "verify",
        "Shown when the sending page links to the entry (recommended)",
    ),
    ("moderated", "Every ping waits for approval"),
    ("open", "Shown at once, without checking the link"),
    ("closed", "No TrackBacks or pings"),
];

fn open_policy() -> String {
    "open".into()
}

/// The comment policies a blog can have, with what they mean.
pub const COMMENT_POLICIES: &[(&str, &str)] = &[
    (
        "open",
        "Open: comments appear at once (suspicious ones are held)",
    ),
    ("moderated", "Moderated: every comment waits for approval"),
    ("signed_in", "Signed-in users only"),
    ("closed", "Closed: no new comments"),
];

impl App {
    /// The settings form filled from a blog (owners and host administrators only).
    pub async fn blog_settings(
        &self,
        who: &crate::accounts::SignedIn,
        slug: &str,
    ) -> Result<BlogSettingsForm, Error> {
        let blog = self.owned_blog(who, slug).await?;
        Ok(BlogSettingsForm {
            title: blog.title,
            description: blog.description,
            lang: blog.lang,
            timezone: blog.timezone,
            theme: blog.theme,
            comment_policy: blog.comment_policy.to_string(),
            ping_policy: blog.ping_policy.to_string(),
            comments_close_days: if blog.comments_close_days > 0 {
                blog.comments_close_days.to_string()
            } else {
                String::new()
            },
        })
    }

    pub(crate) async fn owned_blog(
        &self,
        who: &crate::accounts::SignedIn,
        slug: &str,
    ) -> Result<tsuzuri_store::MemberBlogRow, Error> {
        let blog = self.managed_blog(who, slug).await?;
        if !who.is_admin && blog.role != Role::Owner {
            return Err(Error::Forbidden(crate::catalog_id(
                "blog-settings-owner-only",
            )));
        }
        Ok(blog)
    }

    /// Saves a blog's settings; problems come back tied to their fields.
    pub async fn save_blog_settings(
        &self,
        who: &crate::accounts::SignedIn,
        slug: &str,
        form: &BlogSettingsForm,
    ) -> Result<(), Error> {
        let blog = self.owned_blog(who, slug).await?;
        let mut errors = Vec::new();
        let title = form.title.trim();
        if title.is_empty() || title.chars().count() > 200 {
            errors.push(("title".to_string(), crate::catalog_id("blog-title-invalid")));
        }
        if form.description.chars().count() > 1000 {
            errors.push((
                "description".to_string(),
                crate::catalog_id("blog-description-too-long"),
            ));
        }
        let lang = Lang::parse(&form.lang);
        if lang.is_err() {
            errors.push(("lang".to_string(), crate::catalog_id("language-invalid")));
        }
        if parse_timezone(&form.timezone).is_err() {
            errors.push((
                "timezone".to_string(),
                crate::catalog_id("blog-timezone-invalid"),
            ));
        }
        if !tsuzuri_render::THEMES
            .iter()
            .any(|(name, _)| *name == form.theme)
        {
            errors.push(("theme".to_string(), crate::catalog_id("blog-theme-invalid")));
        }
        if !COMMENT_POLICIES
            .iter()
            .any(|(p, _)| *p == form.comment_policy)
        {
            errors.push((
                "comment_policy".to_string(),
                crate::catalog_id("blog-comment-policy-invalid"),
            ));
        }
        if !PING_POLICIES.iter().any(|(p, _)| *p == form.ping_policy) {
            errors.push((
                "ping_policy".to_string(),
                crate::catalog_id("blog-ping-policy-invalid"),
            ));
        }
        let close_days = match form.comments_close_days.trim() {
            "" => Some(0),
            d => d.parse::<i64>().ok().filter(|d| (0..=36_500).contains(d)),
        };
        if close_days.is_none() {
            errors.push((
                "comments_close_days".to_string(),
                crate::catalog_id("blog-close-days-invalid"),
            ));
        }
        if !errors.is_empty() {
            return Err(Error::InvalidForm(errors));
        }
        let lang = lang.map(|l| l.as_str()).unwrap_or("ja");
        self.store
            .update_blog_settings(
                tsuzuri_core::BlogId(blog.id),
                title,
                form.description.trim(),
                lang,
                form.timezone.trim(),
                &form.theme,
                &form.comment_policy,
                close_days.unwrap_or(0),
                &form.ping_policy,
                now(),
            )
            .await?;
        self.blog_changed(&blog.slug);
        Ok(())
    }
}

/// How many blogs a user who is not a host administrator may own.
pub const BLOGS_PER_USER: i64 = 3;

/// The new-blog form, as typed.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct NewBlogForm {
    #[serde(default)]
    pub slug: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub lang: String,
    #[serde(default)]
    pub timezone: String,
}

impl App {
    /// A signed-in user creates a blog they own (up to [`BLOGS_PER_USER`]; host
    /// administrators without limit). Problems come back tied to their fields.
    pub async fn create_own_blog(
        &self,
        who: &crate::accounts::SignedIn,
        form: &NewBlogForm,
    ) -> Result<BlogRow, Error> {
        if !who.is_admin && self.store.count_owned_blogs(who.user_id).await? >= BLOGS_PER_USER {
            return Err(Error::Forbidden(crate::catalog_id("new-blog-limit")));
        }
        let mut errors = Vec::new();
        let slug = form.slug.trim();
        if check_blog_slug(slug).is_err() {
            let message = if tsuzuri_core::slug::RESERVED_BLOG_SLUGS.contains(&slug) {
                crate::catalog_id("new-blog-slug-reserved")
            } else {
                crate::catalog_id("new-blog-slug-invalid")
            };
            errors.push(("slug".to_string(), message));
        }
        let title = form.title.trim();
        if title.is_empty() || title.chars().count() > 200 {
            errors.push(("title".to_string(), crate::catalog_id("blog-title-invalid")));
        }
        if Lang::parse(&form.lang).is_err() {
            errors.push(("lang".to_string(), crate::catalog_id("language-invalid")));
        }
        if parse_timezone(&form.timezone).is_err() {
            errors.push((
                "timezone".to_string(),
                crate::catalog_id("new-blog-timezone-invalid"),
            ));
        }
        if !errors.is_empty() {
            return Err(Error::InvalidForm(errors));
        }
        self.create_blog(CreateBlog {
            slug: form.slug.trim().to_string(),
            owner_login: who.login.clone(),
            title: title.to_string(),
            description: String::new(),
            lang: form.lang.clone(),
            timezone: form.timezone.trim().to_string(),
        })
        .await
        .map_err(|e| match e {
            Error::Conflict(_) => Error::InvalidForm(vec![(
                "slug".to_string(),
                crate::catalog_id("new-blog-slug-taken"),
            )]),
            other => other,
        })
    }
}
