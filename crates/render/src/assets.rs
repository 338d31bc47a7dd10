//! Static files of the built-in themes (their stylesheets), embedded in the binary and served
//! by the web layer under `/assets/`. Their URLs carry a hash of the content, so they can
//! be cached for a year and still change the moment a new build changes them.

use std::sync::LazyLock;

/// One embedded file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Asset {
    /// Path under `/assets/`, e.g. `classic.css`.
    pub path: &'static str,
    pub content_type: &'static str,
    pub body: &'static [u8],
}

impl Asset {
    /// Short hex hash of the body, used as the cache-busting `?v=` parameter and as an ETag.
    pub fn version(&self) -> String {
        format!("{:08x}", (fnv1a64(self.body) >> 32) as u32)
    }
}

static ASSETS: [Asset; 5] = [
    Asset {
        path: "classic.css",
        content_type: "text/css; charset=utf-8",
        body: include_bytes!("../themes/classic/classic.css"),
    },
    Asset {
        path: "minimal.css",
        content_type: "text/css; charset=utf-8",
        body: include_bytes!("../themes/minimal/minimal.css"),
    },
    Asset {
        path: "admin.css",
        content_type: "text/css; charset=utf-8",
        body: include_bytes!("../themes/admin/admin.css"),
    },
    Asset {
        path: "comments.js",
        content_type: "text/javascript; charset=utf-8",
        body: include_bytes!("../themes/shared/comments.js"),
    },
    Asset {
        path: "admin.js",
        content_type: "text/javascript; charset=utf-8",
        body: include_bytes!("../themes/admin/admin.js"),
    },
];

/// Every embedded asset.
pub fn assets() -> &'static [Asset] {
    &ASSETS
}

/// The asset at `path` (without the `/assets/` prefix), if there is one.
pub fn asset(path: &str) -> Option<&'static Asset> {
    ASSETS.iter().find(|a| a.path == path)
}

/// URLs with their version, computed once.
static URLS: LazyLock<Vec<(&'static str, String)>> = LazyLock::new(|| {
    ASSETS
        .iter()
        .map(|a| (a.path, format!("/assets/{}?v={}", a.path, a.version())))
        .collect()
});

/// `/assets/{path}?v={hash}`; an unknown path gets no version (and will 404).
pub fn asset_url(path: &str) -> String {
    URLS.iter()
        .find(|(p, _)| *p == path)
        .map(|(_, url)| url.clone())
        .unwrap_or_else(|| format!("/assets/{path}"))
}

/// FNV-1a: tiny, dependency-free and plenty for telling two builds of a file apart.
const fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < bytes.len() {
        hash ^= bytes[i] as u64;
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        i += 1;
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_carry_a_content_hash() {
        let url = asset_url("classic.css");
        assert!(url.starts_with("/assets/classic.css?v="), "{url}");
        assert_eq!(url.len(), "/assets/classic.css?v=".len() + 8);
        assert_eq!(asset_url("nope.css"), "/assets/nope.css");
        let css = asset("classic.css").expect("css");
        assert!(css.content_type.starts_with("text/css"));
        assert!(!css.body.is_empty());
    }

    #[test]
    fn every_theme_has_its_stylesheet() {
        for (theme, _) in crate::THEMES {
            let path = format!("{theme}.css");
            let css = asset(&path).unwrap_or_else(|| panic!("{path} missing"));
            assert!(css.content_type.starts_with("text/css"));
            assert!(!css.body.is_empty());
            assert!(asset_url(&path).starts_with(&format!("/assets/{path}?v=")));
        }
        assert_ne!(asset_url("classic.css"), asset_url("minimal.css"));
    }

    #[test]
    fn fnv_known_values() {
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
