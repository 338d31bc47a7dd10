//! Typed view models of the admin pages: what each template is given, checked by the
//! compiler rather than spelt out again in a `json!` literal per handler.

use serde::Serialize;
use std::collections::BTreeMap;
use tsuzuri_app::accounts::SignedIn;
use tsuzuri_app::admin::{AdminEntryRow, MemberBlogRow};
use tsuzuri_core::BlogSettings;
use tsuzuri_core::origins::Origins;

/// What every signed-in page shows around its content: who is signed in, the form token,
/// a notice. The page's own fields sit beside these (`page`).
#[derive(Serialize)]
pub(crate) struct Frame<'a, T: Serialize> {
    pub user: UserView<'a>,
    pub csrf: &'a str,
    pub notice: Option<String>,
    #[serde(flatten)]
    pub page: T,
}

impl<'a, T: Serialize> Frame<'a, T> {
    pub fn new(who: &'a SignedIn, page: T) -> Self {
        Frame {
            user: UserView::of(who),
            csrf: &who.csrf_token,
            notice: None,
            page,
        }
    }

    pub fn with_notice(mut self, notice: Option<String>) -> Self {
        self.notice = notice;
        self
    }
}

#[derive(Serialize)]
pub(crate) struct UserView<'a> {
    pub login: &'a str,
    pub display_name: &'a str,
    pub is_admin: bool,
}

impl<'a> UserView<'a> {
    pub fn of(who: &'a SignedIn) -> Self {
        UserView {
            login: &who.login,
            display_name: &who.display_name,
            is_admin: who.is_admin,
        }
    }
}

/// The blog a page is about.
#[derive(Serialize)]
pub(crate) struct BlogView<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub timezone: &'a str,
    pub theme: &'a str,
    /// Its top page, on the blog origin.
    pub url: String,
}

impl<'a> BlogView<'a> {
    pub fn of(blog: &'a MemberBlogRow, origins: &Origins) -> Self {
        BlogView {
            slug: &blog.slug,
            title: &blog.title,
            timezone: &blog.timezone,
            theme: &blog.theme,
            url: origins.blog_url(&blog.slug),
        }
    }
}

/// One entry in a list of the admin.
#[derive(Serialize)]
pub(crate) struct EntryLine<'a> {
    pub id: i64,
    pub title: &'a str,
    pub status: &'a str,
    /// Where readers see it, when they can now.
    pub public_url: Option<String>,
    pub date_display: String,
    pub date_iso: String,
}

impl<'a> EntryLine<'a> {
    pub fn of(
        e: &'a AdminEntryRow,
        blog: &MemberBlogRow,
        settings: &BlogSettings,
        origins: &Origins,
        now: i64,
    ) -> Self {
        EntryLine {
            id: e.id,
            title: &e.title,
            status: &e.status,
            public_url: tsuzuri_app::admin::reader_url(origins, &blog.slug, e, now),
            date_display: tsuzuri_render::dates::format_datetime(e.authored_on, settings),
            date_iso: tsuzuri_render::dates::iso(e.authored_on, &settings.timezone),
        }
    }
}

/// A form's problems by field, in the reader's language, as the templates show them.
pub(crate) fn errors_by_field(errors: &[(String, String)]) -> BTreeMap<&str, String> {
    errors
        .iter()
        .map(|(field, message)| (field.as_str(), crate::ui::say(message)))
        .collect()
}

/// The frame of a page for someone not signed in (sign-in, setup, sign-up): no user, no
/// form token of a session.
#[derive(Serialize)]
pub(crate) struct SignedOut<T: Serialize> {
    pub user: Option<UserView<'static>>,
    pub notice: Option<String>,
    #[serde(flatten)]
    pub page: T,
}

impl<T: Serialize> SignedOut<T> {
    pub fn new(page: T) -> Self {
        SignedOut {
            user: None,
            notice: None,
            page,
        }
    }
}

/// The sign-in form.
#[derive(Serialize)]
pub(crate) struct SignInView<'a> {
    /// The admin page to go to afterwards.
    pub next: &'a str,
    pub login: &'a str,
    pub error: Option<String>,
    pub sign_up_open: bool,
}

/// The first-run form that makes the host administrator.
#[derive(Serialize)]
pub(crate) struct SetupView<'a> {
    /// Whether the setup token is still good.
    pub valid: bool,
    pub token: &'a str,
    pub login: &'a str,
    pub email: &'a str,
    pub error: Option<String>,
}

/// The sign-up form.
#[derive(Serialize)]
pub(crate) struct SignUpView<'a> {
    /// Whether this visitor may make an account now (open sign-up or a good invitation).
    pub allowed: bool,
    pub policy: tsuzuri_core::status::SignUpPolicy,
    pub invite: &'a str,
    pub login: &'a str,
    pub email: &'a str,
    pub errors: BTreeMap<&'a str, String>,
}
