//! Entry bodies into HTML: Markdown, Movable Type's "Convert Line Breaks" or HTML as written,
//! always followed by the sanitiser, because every blog shares one origin.

use crate::SafeHtml;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;
use tsuzuri_core::TextFormat;
use tsuzuri_core::entry::TextFormatKind;
use tsuzuri_core::message::message;
use tsuzuri_protocols::html_scan;

/// Input beyond this many bytes is cut off (on a character boundary) before rendering,
/// so one huge post cannot hold a request thread for long.
pub const MAX_SOURCE_BYTES: usize = 1024 * 1024;

/// Why a body cannot be taken as it is: the editor shows it next to the field, an import
/// names the entry's line.
pub fn check_body(source: &str) -> Result<(), String> {
    if source.len() > MAX_SOURCE_BYTES {
        return Err(message(
            "body-too-large",
            &[
                ("kb", &(source.len() / 1024)),
                ("max", &(MAX_SOURCE_BYTES / 1024)),
            ],
        ));
    }
    if html_scan::scan(source).too_deep() {
        return Err(message(
            "body-too-deep",
            &[("levels", &html_scan::MAX_NESTING)],
        ));
    }
    Ok(())
}

/// Renders an entry body written in `format` and sanitises the result. A body that
/// [`check_body`] refuses (over the size or the nesting budget) is shown as escaped text,
/// so that building the sanitiser's tree never costs more than the budget allows.
pub fn render_body(format: &TextFormat, source: &str) -> SafeHtml {
    let source = cap(source);
    if html_scan::scan(source).too_deep() {
        return crate::plain_text_html(source);
    }
    match format.kind() {
        TextFormatKind::Markdown => clean(&markdown(source)),
        TextFormatKind::ConvertBreaks => clean(&convert_breaks(source)),
        TextFormatKind::Html => clean(source),
    }
}

/// Sanitises author HTML (entry bodies from imports and APIs that arrive as HTML).
pub fn sanitize_html(html: &str) -> SafeHtml {
    clean(cap(html))
}

fn cap(s: &str) -> &str {
    &s[..s.floor_char_boundary(MAX_SOURCE_BYTES)]
}

fn clean(html: &str) -> SafeHtml {
    SafeHtml::new_unchecked(add_missing_alt(&SANITIZER.clean(html).to_string()))
}

/// Gives `alt=""` to images that have no alt text (common in imported posts), so pages stay
/// valid HTML and screen readers skip the image instead of reading its file name. Works on the
/// sanitiser's serialisation, where attribute values are always double-quoted.
fn add_missing_alt(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + 16);
    let mut rest = html;
    while let Some(start) = rest.find("<img") {
        let after = &rest[start + 4..];
        if !after.starts_with([' ', '>', '/']) {
            out.push_str(&rest[..start + 4]);
            rest = after;
            continue;
        }
        // The tag ends at the first '>' outside a quoted value.
        let mut in_quote = false;
        let end = after
            .char_indices()
            .find(|&(_, c)| {
                if c == '"' {
                    in_quote = !in_quote;
                }
                c == '>' && !in_quote
            })
            .map_or(after.len(), |(i, _)| i);
        let tag = &after[..end];
        out.push_str(&rest[..start + 4]);
        if !has_attribute(tag, "alt") {
            out.push_str(" alt=\"\"");
        }
        out.push_str(tag);
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

fn has_attribute(tag: &str, name: &str) -> bool {
    let mut in_quote = false;
    let mut prev = ' ';
    for (i, c) in tag.char_indices() {
        if c == '"' {
            in_quote = !in_quote;
        } else if !in_quote
            && prev == ' '
            && tag[i..].starts_with(name)
            && tag[i + name.len()..].starts_with(['=', ' ', '/', '>'])
        {
            return true;
        }
        prev = c;
    }
    tag.ends_with(name) && !in_quote
}

/// CommonMark with the GFM extensions people expect (tables, strikethrough, autolinks).
/// Raw HTML passes through comrak on purpose: MT-era Markdown posts embed HTML, and the
/// sanitiser that follows decides what survives.
fn markdown(source: &str) -> String {
    let mut options = comrak::Options::default();
    options.extension.table = true;
    options.extension.strikethrough = true;
    options.extension.autolink = true;
    // `**強調**。` must work even though CJK punctuation follows the delimiter.
    options.extension.cjk_friendly_emphasis = true;
    options.render.r#unsafe = true;
    let html = comrak::markdown_to_html(source, &options);
    // comrak aligns table cells with the obsolete `align` attribute; keep the alignment in
    // the form HTML5 accepts. Text content never contains the literal ` align="` (comrak
    // escapes quotes in text), so the replacement only touches attributes.
    if html.contains(" align=\"") {
        html.replace(" align=\"left\"", " style=\"text-align: left\"")
            .replace(" align=\"center\"", " style=\"text-align: center\"")
            .replace(" align=\"right\"", " style=\"text-align: right\"")
    } else {
        html
    }
}

/// Block-level tags that make Convert Line Breaks leave a paragraph unwrapped: Movable
/// Type's list plus the HTML5 sectioning and grouping elements.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "iframe",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "script",
    "section",
    "select",
    "style",
    "table",
    "ul",
];

/// Movable Type's "Convert Line Breaks": a blank line starts a new paragraph, a single
/// newline becomes `<br />`, and a paragraph that starts with a block-level tag is left
/// as written.
fn convert_breaks(source: &str) -> String {
    let text = source.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for para in crate::text::split_paragraphs(&text) {
        if starts_with_block_tag(para) {
            out.push_str(para);
        } else {
            out.push_str("<p>");
            out.push_str(&para.replace('\n', "<br />\n"));
            out.push_str("</p>");
        }
        out.push_str("\n\n");
    }
    out
}

fn starts_with_block_tag(para: &str) -> bool {
    let p = para.trim_start();
    let Some(rest) = p.strip_prefix('<') else {
        return false;
    };
    if rest.starts_with("!--") {
        return true;
    }
    let rest = rest.strip_prefix('/').unwrap_or(rest);
    let name_len = rest
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    let name = rest[..name_len].to_ascii_lowercase();
    let after = rest[name_len..].chars().next();
    let ends_name = matches!(after, None | Some('>' | '/' | ' ' | '\t' | '\n'));
    ends_name && BLOCK_TAGS.contains(&name.as_str())
}

/// The one sanitiser, configured once. Its allow-list is written out in full rather than
/// starting from ammonia's defaults, so an ammonia upgrade cannot widen it silently.
static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let tags: HashSet<&str> = [
        // text-level
        "a",
        "abbr",
        "b",
        "bdi",
        "bdo",
        "br",
        "cite",
        "code",
        "data",
        "del",
        "dfn",
        "em",
        "i",
        "img",
        "ins",
        "kbd",
        "mark",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "time",
        "u",
        "var",
        "wbr", // Japanese ruby annotations
        "ruby",
        "rb",
        "rp",
        "rt",
        "rtc", // grouping
        "blockquote",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "hr",
        "li",
        "ol",
        "p",
        "pre",
        "summary",
        "ul", // headings
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6", // tables
        "caption",
        "col",
        "colgroup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
    ]
    .into_iter()
    .collect();

    let mut attrs: HashMap<&str, HashSet<&str>> = HashMap::new();
    let mut allow = |tag: &'static str, names: &[&'static str]| {
        attrs.entry(tag).or_default().extend(names.iter().copied());
    };
    allow("a", &["href", "title", "hreflang"]);
    allow(
        "img",
        &["src", "alt", "title", "width", "height", "loading"],
    );
    // `language-rust` and friends, for highlighting done by the reader's side or the theme.
    allow("code", &["class"]);
    allow("div", &["class"]);
    allow("span", &["class"]);
    allow("td", &["colspan", "rowspan", "style"]);
    allow("th", &["colspan", "rowspan", "scope", "style"]);
    allow("col", &["span"]);
    allow("colgroup", &["span"]);
    allow("ol", &["start", "reversed", "type"]);
    allow("li", &["value"]);
    allow("del", &["datetime"]);
    allow("ins", &["datetime"]);
    allow("time", &["datetime"]);
    allow("data", &["value"]);
    allow("details", &["open"]);

    let mut b = ammonia::Builder::empty();
    b.tags(tags)
        .tag_attributes(attrs)
        .generic_attributes(["lang", "title", "dir"].into_iter().collect())
        // No data: anywhere, no javascript:, no vbscript:; relative links to the blog's
        // own pages pass through.
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .url_relative(ammonia::UrlRelative::PassThrough)
        // `target` is not allowed at all, so no link opens a window that could reach back
        // through `window.opener`; no rel is forced on the author's own links.
        .link_rel(None)
        // Table cell alignment is the only inline style kept.
        .filter_style_properties(["text-align"].into_iter().collect())
        .clean_content_tags(
            [
                "script", "style", "iframe", "object", "embed", "template", "textarea", "select",
                "noscript", "title",
            ]
            .into_iter()
            .collect(),
        )
        .strip_comments(true);
    b
});

#[cfg(test)]
mod tests {
    #[test]
    fn bodies_past_the_budgets_are_refused_and_never_built_into_a_tree() {
        let deep = "<div>".repeat(100_000);
        assert!(super::check_body(&deep).is_err());
        assert!(super::check_body(&"x".repeat(super::MAX_SOURCE_BYTES + 1)).is_err());
        assert!(super::check_body("<p>普通の<em>本文</em></p>").is_ok());
        let shown = super::render_body(&TextFormat("__default__".into()), &deep);
        assert!(
            shown.as_str().starts_with("<p>&lt;div&gt;"),
            "escaped, not parsed"
        );
    }

    use super::*;

    fn html(s: &str) -> String {
        render_body(&TextFormat::html(), s).into_string()
    }

    #[test]
    fn strips_scripts_handlers_and_dangerous_urls() {
        let out = html(
            r#"<p onclick="x()">a<img src="x.png" onerror="alert(1)" alt="x"></p><script>alert(1)</script><a href="javascript:alert(1)">j</a><a href="JaVaScRiPt:alert(1)">k</a><img src="data:image/png;base64,AAAA" alt="d"><style>body{}</style><iframe src="https://evil.example/"></iframe><form action="/x"><input name="q"></form>"#,
        );
        for bad in [
            "onclick",
            "onerror",
            "javascript:",
            "data:",
            "<script",
            "<style",
            "<iframe",
            "<form",
            "<input",
            "alert(1)",
        ] {
            assert!(
                !out.to_ascii_lowercase().contains(bad),
                "{bad} left in {out}"
            );
        }
        assert!(out.contains(r#"<img src="x.png" alt="x">"#), "{out}");
    }

    #[test]
    fn target_is_removed_from_links() {
        let out = html(r#"<a href="https://example.com/" target="_blank" title="t">x</a>"#);
        assert_eq!(out, r#"<a href="https://example.com/" title="t">x</a>"#);
    }

    #[test]
    fn keeps_japanese_and_common_markup() {
        let src = r#"<ruby>漢字<rp>(</rp><rt>かんじ</rt><rp>)</rp></ruby><figure><img src="/a.jpg" alt="猫" width="320" height="240" loading="lazy"><figcaption>猫</figcaption></figure><pre><code class="language-rust">fn main() {}</code></pre><dl><dt>a</dt><dd>b</dd></dl><div class="note"><span class="x">s</span></div><del>d</del><ins>i</ins><sup>1</sup><sub>2</sub><hr><blockquote><p>q</p></blockquote>"#;
        assert_eq!(html(src), src);
    }

    #[test]
    fn markdown_tables_strikethrough_and_autolinks() {
        let out = render_body(
            &TextFormat::markdown(),
            "| 名前 | 数 |\n|:--|--:|\n| りんご | 3 |\n\n~~古い~~ https://example.com/ と **強調**。",
        )
        .into_string();
        assert!(out.contains("<table>"), "{out}");
        assert!(
            out.contains(r#"<th style="text-align:left">名前</th>"#),
            "{out}"
        );
        assert!(
            out.contains(r#"<td style="text-align:right">3</td>"#),
            "{out}"
        );
        assert!(out.contains("<del>古い</del>"), "{out}");
        assert!(
            out.contains(r#"<a href="https://example.com/">https://example.com/</a>"#),
            "{out}"
        );
        assert!(out.contains("<strong>強調</strong>。"), "{out}");
    }

    #[test]
    fn markdown_raw_html_is_sanitised_too() {
        let out = render_body(
            &TextFormat::markdown(),
            "hi <img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))\n\n```rust\nlet a = 1;\n```",
        )
        .into_string();
        assert!(!out.contains("onerror"), "{out}");
        assert!(!out.contains("javascript"), "{out}");
        assert!(
            out.contains(r#"<code class="language-rust">let a = 1;"#),
            "{out}"
        );
    }

    #[test]
    fn convert_breaks_paragraphs() {
        let out = render_body(
            &TextFormat::convert_breaks(),
            "一行目\n二行目\n\n二段落目\r\n\r\n<blockquote>引用\n</blockquote>\n\n<pre>a\nb</pre>",
        )
        .into_string();
        assert_eq!(
            out,
            "<p>一行目<br>\n二行目</p>\n\n<p>二段落目</p>\n\n<blockquote>引用\n</blockquote>\n\n<pre>a\nb</pre>\n\n"
        );
    }

    #[test]
    fn convert_breaks_wraps_inline_tags_and_lookalikes() {
        // `<picture>` starts with "p" but is not `<p>`; `<a>` is inline.
        assert!(starts_with_block_tag("<p>x"));
        assert!(starts_with_block_tag("<DIV class=a>"));
        assert!(starts_with_block_tag("</ul>"));
        assert!(!starts_with_block_tag("<picture>"));
        assert!(!starts_with_block_tag("<a href=x>"));
        assert!(!starts_with_block_tag("text <p>"));
    }

    #[test]
    fn input_is_capped_on_a_char_boundary() {
        let big = "あ".repeat(MAX_SOURCE_BYTES / 3 + 10);
        let out = render_body(&TextFormat::html(), &big).into_string();
        assert!(out.len() <= MAX_SOURCE_BYTES);
        assert!(out.chars().all(|c| c == 'あ'));
    }
}

#[cfg(test)]
mod alt_tests {
    use super::*;

    #[test]
    fn images_without_alt_get_an_empty_one() {
        assert_eq!(
            add_missing_alt("<p><img src=\"a.png\"></p>"),
            "<p><img alt=\"\" src=\"a.png\"></p>"
        );
        assert_eq!(
            add_missing_alt("<img alt=\"花\" src=\"a.png\">"),
            "<img alt=\"花\" src=\"a.png\">"
        );
        assert_eq!(
            add_missing_alt("<img title=\"x > alt=y\" src=\"a\">"),
            "<img alt=\"\" title=\"x > alt=y\" src=\"a\">"
        );
        assert_eq!(add_missing_alt("<imgx>"), "<imgx>");
        let safe = sanitize_html("<img src=\"http://x/a.png\" onerror=\"alert(1)\">");
        assert!(safe.as_str().contains("alt=\"\"") && !safe.as_str().contains("onerror"));
    }
}
