//! Use cases of tsuzuri: one module per action ("create a blog", "import an MT file", "show an
//! entry page"). Every door into an action (CLI, web, APIs, imports) calls the same function
//! here, so validation, authorisation and cache invalidation happen in one place.

pub mod accounts;
pub mod admin;
pub mod blocklist;
pub mod blogs;
pub mod categories;
pub mod comments;
mod cpu;
pub mod entries;
pub mod entry_input;
mod error;
pub mod export_mt;
pub mod host;
pub mod import_mt;
mod jobs;
pub mod media;
pub mod notify;
pub mod outbound;
pub mod pings;
pub mod sign_up;
pub mod site;
pub mod spam;
pub mod templates;
pub mod trash;
pub mod users;
pub mod webmention;
mod worker;

pub use error::{Error, catalog_id};

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use tsuzuri_media::MediaStore;
use tsuzuri_render::Renderer;
use tsuzuri_store::Store;

/// The application: storage plus the things every use case needs. Cheap to clone.
#[derive(Clone)]
pub struct App {
    pub store: Store,
    /// Where uploaded files' bytes are kept.
    pub media: MediaStore,
    /// The one client for requests to other sites (SSRF-guarded).
    pub outbound: tsuzuri_net::Outbound,
    /// Notification e-mail, when the operator configured SMTP, and the configured origins
    /// its links use (never a request's Host header, which a sender controls).
    pub mailer: Option<(tsuzuri_net::mail::Mailer, tsuzuri_core::origins::Origins)>,
    /// The default (classic) theme; also renders the admin and pages outside any blog.
    pub renderer: Arc<Renderer>,
    /// Every built-in theme, compiled once at start-up, by name.
    themes: Arc<Vec<(&'static str, Renderer)>>,
    /// Goes up at every change of public content anywhere (the host front page, 404s).
    generation: Arc<AtomicU64>,
    /// Goes up when everything must be rendered anew (a watcher that lost track).
    epoch: Arc<AtomicU64>,
    /// Per blog slug: goes up when that blog's public content changes.
    blog_generations: Arc<std::sync::RwLock<std::collections::HashMap<String, u64>>>,
    custom_themes: Arc<templates::CustomThemes>,
    host_profile: Arc<host::ProfileCache>,
}

impl App {
    pub fn new(store: Store, media: MediaStore) -> Result<App, Error> {
        let renderer =
            Renderer::new().map_err(|e| Error::Internal(format!("themes failed to load: {e}")))?;
        let themes = tsuzuri_render::THEMES
            .iter()
            .map(|(name, _)| renderer.with_theme(name).map(|r| (*name, r)))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| Error::Internal(format!("themes failed to load: {e}")))?;
        Ok(App {
            store,
            media,
            outbound: tsuzuri_net::Outbound::new(tsuzuri_net::OutboundConfig::default())
                .map_err(|e| Error::Internal(format!("outbound client: {e}")))?,
            mailer: None,
            renderer: Arc::new(renderer),
            themes: Arc::new(themes),
            generation: Arc::new(AtomicU64::new(0)),
            epoch: Arc::new(AtomicU64::new(0)),
            blog_generations: Arc::default(),
            custom_themes: Arc::default(),
            host_profile: Arc::default(),
        })
    }

    /// Replaces the outbound client (to allow loopback targets in tests, say).
    pub fn with_outbound(mut self, outbound: tsuzuri_net::Outbound) -> App {
        self.outbound = outbound;
        self
    }

    /// Sends owners notification e-mail through `mailer`, with links below `public_url`.
    pub fn with_mailer(
        mut self,
        mailer: tsuzuri_net::mail::Mailer,
        origins: tsuzuri_core::origins::Origins,
    ) -> App {
        self.mailer = Some((mailer, origins));
        self
    }

    /// The renderer of a blog's theme (the default one for an unknown name).
    pub fn theme(&self, name: &str) -> &Renderer {
        self.themes
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, r)| r)
            .unwrap_or(&self.renderer)
    }

    /// A number that changes whenever public content may have changed. Page caches tag what
    /// they store with it and drop anything rendered under an older value.
    pub fn content_generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    /// The generation of blog `slug`'s pages: a cached page of the blog is current while
    /// this has not moved. Both terms only grow, so every change gives a value never seen.
    pub fn blog_generation(&self, slug: &str) -> u64 {
        let own = self
            .blog_generations
            .read()
            .map(|m| m.get(slug).copied().unwrap_or(0))
            .unwrap_or(0);
        self.epoch.load(Ordering::Acquire).wrapping_add(own)
    }

    /// Marks blog `slug`'s public content as changed: called by every write use case after
    /// its commit, and by the watcher for writes other processes or nodes made. Other
    /// blogs' cached pages stay.
    pub fn blog_changed(&self, slug: &str) {
        if let Ok(mut m) = self.blog_generations.write() {
            *m.entry(slug.to_string()).or_insert(0) += 1;
        }
        self.generation.fetch_add(1, Ordering::AcqRel);
    }

    /// Marks all public content as changed (a scheduled entry's time came, or the watcher
    /// cannot tell what changed).
    pub fn content_changed(&self) {
        self.epoch.fetch_add(1, Ordering::AcqRel);
        self.generation.fetch_add(1, Ordering::AcqRel);
    }
}

/// The current time as Unix seconds. The one place use cases read the clock.
pub fn now() -> i64 {
    jiff::Timestamp::now().as_second()
}
