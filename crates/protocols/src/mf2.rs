//! The small part of microformats2 a Webmention receiver needs: is the source a reply, a
//! like, a repost or a plain mention of the target, who wrote it, and what it says.

use scraper::{ElementRef, Html, Selector};
use url::Url;

/// What a source page says about the target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// `reply`, `like`, `repost` or `mention`.
    pub mention_type: &'static str,
    pub title: String,
    pub excerpt: String,
    pub author: String,
    /// Why the page was read only in part, for the moderators.
    pub limited: Option<&'static str>,
}

/// The reason a page was read as a plain mention.
pub const TOO_DEEP: &str =
    "the source page nests its markup too deeply to be read for microformats";

fn text_of(e: ElementRef<'_>) -> String {
    e.text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn first<'a>(scope: ElementRef<'a>, css: &str) -> Option<ElementRef<'a>> {
    Selector::parse(css)
        .ok()
        .and_then(|s| scope.select(&s).next())
}

/// Reads the first `h-entry` of the page (or the page as a whole when it has none). A page
/// nesting deeper than [`crate::html_scan::MAX_NESTING`] gets no tree: it is a plain
/// mention with its `<title>`, and `limited` says why.
pub fn classify(html: &str, page_url: &str, target: &str) -> Mention {
    let scan = crate::html_scan::scan(html);
    if scan.too_deep() {
        return Mention {
            mention_type: "mention",
            title: crate::trackback::truncate(&scan.title, crate::trackback::MAX_TITLE_CHARS),
            excerpt: String::new(),
            author: String::new(),
            limited: Some(TOO_DEEP),
        };
    }
    let doc = Html::parse_document(html);
    let root = doc.root_element();
    let entry = first(root, ".h-entry").unwrap_or(root);
    let base = Url::parse(page_url).ok();
    let target_norm = Url::parse(target)
        .ok()
        .map(|u| crate::linkback::normalise(&u));
    let points_at_target = |css: &str| -> bool {
        Selector::parse(css).ok().is_some_and(|s| {
            entry.select(&s).any(|e| {
                let href = e.value().attr("href").or_else(|| e.value().attr("value"));
                let joined = href.and_then(|h| base.as_ref().and_then(|b| b.join(h).ok()));
                joined.map(|u| crate::linkback::normalise(&u)) == target_norm
            })
        })
    };
    let mention_type = if points_at_target(".u-in-reply-to") {
        "reply"
    } else if points_at_target(".u-like-of") {
        "like"
    } else if points_at_target(".u-repost-of") {
        "repost"
    } else {
        "mention"
    };
    let excerpt = first(entry, ".e-content")
        .or_else(|| first(entry, ".p-summary"))
        .map(text_of)
        .unwrap_or_default();
    let title = first(entry, ".p-name")
        .map(text_of)
        .filter(|t| !t.is_empty() && *t != excerpt)
        .unwrap_or_else(|| crate::linkback::page_title(html));
    let author = first(entry, ".p-author .p-name")
        .or_else(|| first(entry, ".p-author"))
        .map(text_of)
        .unwrap_or_default();
    Mention {
        mention_type,
        title: crate::trackback::truncate(&title, crate::trackback::MAX_TITLE_CHARS),
        excerpt: crate::trackback::truncate(&excerpt, crate::trackback::MAX_EXCERPT_CHARS),
        author: crate::trackback::truncate(&author, 100),
        limited: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: &str = "https://blog.example.jp/diary/2026/06/ajisai.html";

    #[test]
    fn replies_likes_reposts_and_mentions() {
        let reply = format!(
            "<article class=\"h-entry\"><a class=\"u-in-reply-to\" href=\"{T}\">re</a><a class=\"p-author h-card\" href=\"/\"><span class=\"p-name\">花子</span></a><div class=\"e-content\">私も見に行きました。</div></article>"
        );
        let m = classify(&reply, "https://hanako.example/r/1", T);
        assert_eq!(
            (m.mention_type, m.author.as_str(), m.excerpt.as_str()),
            ("reply", "花子", "私も見に行きました。")
        );
        let like =
            format!("<div class=\"h-entry\"><a class=\"u-like-of\" href=\"{T}#top\">♥</a></div>");
        assert_eq!(
            classify(&like, "https://x.example/", T).mention_type,
            "like"
        );
        let repost = "<div class=\"h-entry\"><a class=\"u-repost-of\" href=\"/diary/2026/06/ajisai.html\">RT</a></div>";
        assert_eq!(
            classify(repost, "https://blog.example.jp/other", T).mention_type,
            "repost"
        );
        let plain = format!(
            "<html><head><title>日記</title></head><body><a href=\"{T}\">紫陽花</a></body></html>"
        );
        let m = classify(&plain, "https://x.example/", T);
        assert_eq!((m.mention_type, m.title.as_str()), ("mention", "日記"));
    }

    proptest::proptest! {
        #[test]
        fn never_panics(html in "\\PC{0,300}") {
            let _ = classify(&html, "https://x.example/", T);
        }
    }
}

#[cfg(test)]
mod deep_pages {
    use super::*;

    #[test]
    fn a_page_too_deep_for_a_tree_is_a_plain_mention_with_its_title() {
        let html = format!(
            "<title>深い</title><div class=\"h-entry\"><a class=\"u-in-reply-to\" href=\"https://b.example/e\">re</a>{}",
            "<div>".repeat(100_000)
        );
        let m = classify(&html, "https://a.example/", "https://b.example/e");
        assert_eq!(m.mention_type, "mention");
        assert_eq!(m.title, "深い");
        assert_eq!(m.limited, Some(TOO_DEEP));
    }
}
