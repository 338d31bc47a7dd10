//! Slugs and basenames: the user-chosen parts of URLs, checked and generated here only.

use crate::error::ValidationError;
use crate::message::message;
use unicode_normalization::UnicodeNormalization;

/// Path segments directly under `/` that belong to the host, not to a blog.
pub const RESERVED_BLOG_SLUGS: &[&str] = &[
    "account",
    "admin",
    "api",
    "blogs",
    "comment",
    "host",
    "webmention",
    "readyz",
    "assets",
    "static",
    "status",
    "media",
    "setup",
    "login",
    "logout",
    "signup",
    "feeds",
    "xmlrpc",
    "rsd",
    "atom",
    "favicon.ico",
    "robots.txt",
    "sitemap.xml",
    "well-known",
    "healthz",
    "metrics",
];

/// A blog slug is the first path segment of every page of the blog.
pub fn check_blog_slug(slug: &str) -> Result<(), ValidationError> {
    let ok_chars = slug
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    if slug.is_empty() || slug.len() > 64 || !ok_chars || slug.starts_with(['-', '_']) {
        return Err(ValidationError::new(
            "slug",
            message("blog-slug-invalid", &[("slug", &slug)]),
        ));
    }
    if RESERVED_BLOG_SLUGS.contains(&slug) {
        return Err(ValidationError::new(
            "slug",
            message("blog-slug-reserved", &[("slug", &slug)]),
        ));
    }
    Ok(())
}

/// The longest basename, in characters.
pub const MAX_BASENAME_CHARS: usize = 200;

/// Basenames may hold slashes (Hatena writes `2017/03/18/182252`) and any Unicode letter,
/// but never characters that would break a URL path or escape the blog.
pub fn check_basename(basename: &str) -> Result<(), ValidationError> {
    let bad = |id: &'static str| {
        Err(ValidationError::new(
            "basename",
            message(id, &[("basename", &basename), ("max", &MAX_BASENAME_CHARS)]),
        ))
    };
    if basename.is_empty() {
        return bad("basename-empty");
    }
    if basename.chars().count() > MAX_BASENAME_CHARS {
        return bad("basename-too-long");
    }
    if basename.chars().any(|c| {
        c.is_control() || c.is_whitespace() || matches!(c, '?' | '#' | '%' | '\\' | '"' | '<' | '>')
    }) {
        return bad("basename-characters");
    }
    if basename
        .split('/')
        .any(|seg| seg.is_empty() || seg == "." || seg == "..")
    {
        return bad("basename-segments");
    }
    Ok(())
}

/// Turns free text into a URL-friendly slug. ASCII letters are lower-cased, runs of spaces and
/// punctuation become one `sep`, and non-ASCII letters (Japanese) are kept as they are, in NFC.
pub fn slugify(text: &str, sep: char, max_chars: usize) -> String {
    let mut out = String::new();
    let mut pending_sep = false;
    for c in text.nfc() {
        if c.is_alphanumeric() {
            if pending_sep && !out.is_empty() {
                out.push(sep);
            }
            pending_sep = false;
            out.extend(c.to_lowercase());
        } else if c == '-'
            || c == '_'
            || c.is_whitespace()
            || c.is_ascii_punctuation()
            || c == '\u{3000}'
        {
            pending_sep = true;
        }
        if out.chars().count() >= max_chars {
            break;
        }
    }
    out.chars().take(max_chars).collect()
}

/// An entry basename made from its title, ASCII only as Movable Type does; `None` when the
/// title has no ASCII word (the caller then falls back to a time-based name).
pub fn basename_from_title(title: &str) -> Option<String> {
    let ascii: String = title
        .chars()
        .map(|c| if c.is_ascii() { c } else { ' ' })
        .collect();
    let slug = slugify(&ascii, '_', 30);
    let slug = slug.trim_end_matches('_').to_string();
    (!slug.is_empty()).then_some(slug)
}

/// A category slug made from its label; Japanese labels keep their characters.
pub fn category_slug(label: &str) -> String {
    let slug = slugify(label, '-', 60);
    if slug.is_empty() {
        "category".to_string()
    } else {
        slug
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blog_slugs() {
        assert!(check_blog_slug("my-blog").is_ok());
        assert!(check_blog_slug("admin").is_err());
        assert!(check_blog_slug("My Blog").is_err());
        assert!(check_blog_slug("").is_err());
        assert!(check_blog_slug("-x").is_err());
    }

    #[test]
    fn basenames() {
        assert!(check_basename("2017/03/18/182252").is_ok());
        assert!(check_basename("日記").is_ok());
        assert!(check_basename("a/../b").is_err());
        assert!(check_basename("a b").is_err());
        assert!(check_basename("/a").is_err());
        assert!(check_basename("a?b").is_err());
    }

    #[test]
    fn slugs_from_text() {
        assert_eq!(
            basename_from_title("Hello, World!"),
            Some("hello_world".into())
        );
        assert_eq!(basename_from_title("日本語のタイトル"), None);
        assert_eq!(category_slug("Movable Type"), "movable-type");
        assert_eq!(category_slug("日記　その他"), "日記-その他");
        assert_eq!(category_slug("!!!"), "category");
    }
}
