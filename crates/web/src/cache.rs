//! The page cache: rendered pages kept in memory, tagged with the content generation they
//! were rendered under (their blog's, or the host's for pages outside blogs). A lookup only
//! returns a page whose generation is current, so a write (which bumps its blog's generation
//! after its commit) is never followed by a stale page, and other blogs' pages stay cached.

use axum::body::Bytes;
use axum::http::HeaderValue;
use std::collections::HashMap;
use std::sync::RwLock;

#[derive(Debug)]
pub struct CachedPage {
    pub generation: u64,
    pub status: u16,
    pub content_type: HeaderValue,
    pub body: Bytes,
    /// Header values are built once when the page is stored, not on every hit.
    pub etag: HeaderValue,
    pub last_modified: Option<HeaderValue>,
    pub last_modified_unix: Option<i64>,
    /// Where a moved page went (301 answers).
    pub location: Option<HeaderValue>,
}

pub struct PageCache {
    enabled: bool,
    capacity: usize,
    pages: RwLock<HashMap<String, std::sync::Arc<CachedPage>>>,
}

impl PageCache {
    pub fn new(capacity: usize, enabled: bool) -> Self {
        Self {
            enabled,
            capacity: capacity.max(1),
            pages: RwLock::new(HashMap::new()),
        }
    }

    pub fn enabled(&self) -> bool {
        self.enabled
    }

    /// The page for `key` if it was rendered under `generation`.
    pub fn get(&self, key: &str, generation: u64) -> Option<std::sync::Arc<CachedPage>> {
        if !self.enabled {
            return None;
        }
        let pages = self.pages.read().ok()?;
        pages
            .get(key)
            .filter(|p| p.generation == generation)
            .cloned()
    }

    /// Any page for `key`, however old: served only when the database is unreachable, so
    /// readers keep reading through an outage.
    pub fn get_stale(&self, key: &str) -> Option<std::sync::Arc<CachedPage>> {
        self.pages.read().ok()?.get(key).cloned()
    }

    pub fn put(&self, key: String, page: std::sync::Arc<CachedPage>) {
        if !self.enabled {
            return;
        }
        if let Ok(mut pages) = self.pages.write() {
            if pages.len() >= self.capacity && !pages.contains_key(&key) {
                // Full: drop a tenth, whichever pages the map yields first (generations are
                // per blog, so age cannot be told here; a dropped page is rendered again).
                let drop: Vec<String> =
                    pages.keys().take(self.capacity / 10 + 1).cloned().collect();
                for k in drop {
                    pages.remove(&k);
                }
            }
            pages.insert(key, page);
        }
    }
}
