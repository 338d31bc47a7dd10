//! The HTTP edge of tsuzuri: axum routers for the public site, the page cache, and the one
//! error type that maps use-case errors to statuses. Handlers stay short: extract, call the
//! use case in `tsuzuri-app`, answer.

mod admin;
mod cache;
mod error;
mod extract;
mod origin;
mod public;
mod ui;

pub use cache::PageCache;
pub use error::HttpError;

use axum::Router;
use std::sync::Arc;
use std::time::Duration;
use tsuzuri_app::App;
use tsuzuri_core::origins::Origins;

/// Settings of the HTTP layer.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// Serve rendered pages from memory until content changes. Defaults to on;
    /// `TSUZURI_PAGE_CACHE=off` renders every request from the database.
    pub page_cache: bool,
    /// The blog origin (`https://blogs.example`): the host front page and path-based blogs,
    /// used in feeds and links. Defaults to `http://` plus the request's Host header, with
    /// `localhost` read as `127.0.0.1`.
    pub public_url: Option<String>,
    /// The admin origin (`https://admin.example`): the admin, sign-in and setup. Must differ
    /// from the blog origin in host name. Defaults to `http://localhost` on the request's
    /// port.
    pub admin_url: Option<String>,
    /// Host-based blogs (`https://{blog}.blogs.example`): each blog on its own origin.
    /// Defaults to none: blogs live under `/{blog}/` on the blog origin.
    pub blog_hosts: Option<tsuzuri_core::origins::BlogHosts>,
    /// Most pages kept in the cache. Defaults to 20,000.
    pub cache_capacity: usize,
    /// Largest upload accepted, in bytes. Defaults to 20 MB (`--max-upload-mb`).
    pub max_upload_bytes: usize,
}

impl Default for WebConfig {
    fn default() -> Self {
        Self {
            page_cache: true,
            public_url: None,
            admin_url: None,
            blog_hosts: None,
            cache_capacity: 20_000,
            max_upload_bytes: 20 * 1024 * 1024,
        }
    }
}

impl WebConfig {
    /// The origins for a request to `host`: what is configured, the rest derived from the
    /// host as [`Origins::local`] does.
    pub fn origins_for(&self, host: &str) -> Origins {
        let local = Origins::local(host);
        let trim = |u: &String| u.trim_end_matches('/').to_string();
        Origins {
            blogs: self.public_url.as_ref().map_or(local.blogs, trim),
            admin: self.admin_url.as_ref().map_or(local.admin, trim),
            blog_hosts: self.blog_hosts.clone(),
        }
    }
}

#[derive(Clone)]
pub(crate) struct AppState {
    pub app: App,
    pub config: Arc<WebConfig>,
    pub cache: Arc<PageCache>,
}

/// The whole site as one router.
pub fn router(app: App, config: WebConfig) -> Router {
    let cache = Arc::new(PageCache::new(config.cache_capacity, config.page_cache));
    let state = AppState {
        app,
        config: Arc::new(config),
        cache,
    };
    let max_upload_bytes = state.config.max_upload_bytes;
    let admin = admin::routes(max_upload_bytes)
        .merge(public::asset_routes())
        .with_state(state.clone());
    let blogs = public::routes().with_state(state.clone());
    origin::split(state, admin, blogs)
        .layer(tower_http::catch_panic::CatchPanicLayer::new())
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            axum::http::StatusCode::SERVICE_UNAVAILABLE,
            Duration::from_secs(30),
        ))
}

/// Jobs one node runs at the same time: most wait on other sites (a slow target must not
/// hold up a Webmention verification or an owner's mail behind it).
pub const JOB_WORKERS: usize = 4;

/// The job workers: [`JOB_WORKERS`] loops that run due jobs every `every`, on every node
/// (jobs are claimed with a lease, so each runs once). Runs until the future is dropped,
/// which stops the workers too.
pub async fn run_jobs(app: App, every: Duration) {
    let mut workers = tokio::task::JoinSet::new();
    for _ in 0..JOB_WORKERS {
        let app = app.clone();
        workers.spawn(async move {
            let mut tick = tokio::time::interval(every);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tick.tick().await;
                if let Err(e) = app.run_due_jobs().await {
                    tracing::warn!(error = %e, "job worker");
                }
            }
        });
    }
    // The loops never end; a worker that panicked is logged and the others carry on.
    while let Some(Err(e)) = workers.join_next().await {
        tracing::error!(error = %e, "a job worker stopped");
    }
}

/// Watches the database for writes made by other processes or nodes (a CLI import while the
/// server runs, another node behind the same PostgreSQL) and for entries whose publication
/// time arrives, and marks the blogs that changed, so no cached page is older than `every`
/// and the other blogs' pages stay cached.
pub async fn watch_content_version(app: App, every: Duration) {
    let mut last = app.store.content_version().await.ok();
    let mut next_due = app.store.next_publication_after(now()).await.ok().flatten();
    let mut tick = tokio::time::interval(every);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        let t = now();
        let mut changed = false;
        match app.store.content_version().await {
            Ok(v) if Some(v) != last => {
                changed = true;
                // The blogs changed since the version last seen: only their pages go.
                match last {
                    Some(seen) => match app.store.blogs_changed_since(seen).await {
                        Ok(blogs) if !blogs.is_empty() => {
                            for slug in &blogs {
                                app.blog_changed(slug);
                            }
                        }
                        // A change no blog records, or the list could not be read.
                        _ => app.content_changed(),
                    },
                    None => app.content_changed(),
                }
                last = Some(v);
            }
            Ok(_) => {}
            Err(e) => {
                tracing::warn!(error = %e, "cannot read the content version; cached pages are kept")
            }
        }
        let due = next_due.is_some_and(|d| d <= t);
        if due {
            app.content_changed();
        }
        // Blogs whose sidebar counts a scheduled entry made stale (or that were never
        // counted, after an upgrade): counted anew, their pages rendered anew.
        match app.store.recount_stale_blogs(t).await {
            Ok(blogs) => blogs.iter().for_each(|slug| app.blog_changed(slug)),
            Err(e) => tracing::warn!(error = %e, "cannot recount the sidebar counts"),
        }
        if changed || due || last.is_none() {
            next_due = app.store.next_publication_after(t).await.ok().flatten();
        }
    }
}

fn now() -> i64 {
    tsuzuri_app::now()
}
