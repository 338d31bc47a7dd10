//! Does a page link to an address? Used to verify that a TrackBack's (or Pingback's)
//! source really mentions the entry, the rule Japanese blog hosts use against ping spam.
//! The page is decoded by its declared charset or by detection, parsed as HTML (a link
//! inside a comment or escaped text does not count), and links are compared after
//! normalising (scheme, host case, default port, fragment, trailing `index.html`).

use encoding_rs::Encoding;
use scraper::Html;
use url::Url;

/// The page's text: by the Content-Type charset, a `<meta>` charset, or detection.
pub fn decode_html(bytes: &[u8], content_type: Option<&str>) -> String {
    let declared = content_type
        .and_then(|ct| {
            ct.split(';')
                .skip(1)
                .filter_map(|p| p.trim().split_once('='))
                .find(|(k, _)| k.trim().eq_ignore_ascii_case("charset"))
                .map(|(_, v)| v.trim().trim_matches('"').to_owned())
        })
        .or_else(|| meta_charset(bytes));
    if let Some(enc) = declared.and_then(|l| Encoding::for_label(l.trim().as_bytes()))
        && let Some(s) = enc.decode_without_bom_handling_and_without_replacement(bytes)
    {
        return s.into_owned();
    }
    match tsuzuri_formats::mt::decode(bytes, None) {
        Ok((s, _)) => s,
        Err(_) => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// `<meta charset="…">` or `<meta http-equiv="Content-Type" content="…; charset=…">` in
/// the first 2 KB (read as ASCII, which every candidate encoding keeps intact there).
fn meta_charset(bytes: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let rest = head[at..].trim_start_matches(['"', '\'']);
    let label: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    (!label.is_empty()).then_some(label)
}

/// The address in a comparable form: http and https alike, host lower-case, no default
/// port, no fragment, `index.html` / `index.php` and a trailing slash ignored.
pub fn normalise(url: &Url) -> String {
    let host = url.host_str().unwrap_or("").to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let port = url
        .port()
        .filter(|p| !matches!((url.scheme(), p), ("http", 80) | ("https", 443)))
        .map(|p| format!(":{p}"))
        .unwrap_or_default();
    let mut path = url.path().to_owned();
    for index in ["index.html", "index.htm", "index.php"] {
        if let Some(p) = path.strip_suffix(index) {
            path = p.to_owned();
        }
    }
    let path = path.trim_end_matches('/');
    let query = url.query().map(|q| format!("?{q}")).unwrap_or_default();
    format!("{host}{port}{path}{query}")
}

/// Every link (`<a href>`, `<area href>`) of a page, resolved against its address (and a
/// `<base href>`). One pass of the tokenizer: no tree is built, whatever the page's nesting.
pub fn links(html: &str, page_url: &str) -> Vec<Url> {
    links_of(&crate::html_scan::scan(html), page_url)
}

/// The links of a page already scanned.
pub fn links_of(scan: &crate::html_scan::Scan, page_url: &str) -> Vec<Url> {
    let Ok(page) = Url::parse(page_url) else {
        return Vec::new();
    };
    let base = scan
        .base_href
        .as_deref()
        .and_then(|h| page.join(h.trim()).ok())
        .unwrap_or(page);
    scan.links
        .iter()
        .filter_map(|h| base.join(h.trim()).ok())
        .filter(|u| matches!(u.scheme(), "http" | "https"))
        .collect()
}

/// The page's `<title>`, whitespace collapsed (empty when it has none).
pub fn page_title(html: &str) -> String {
    crate::html_scan::scan(html).title
}

/// The text of an HTML fragment, whitespace collapsed (a TrackBack excerpt of an entry).
pub fn plain_text(html: &str) -> String {
    let doc = Html::parse_fragment(html);
    let text: String = doc.root_element().text().collect::<Vec<_>>().join(" ");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether the page links to any of `targets`.
pub fn links_to(html: &str, page_url: &str, targets: &[&str]) -> bool {
    links(html, page_url).iter().any(|l| is_one_of(l, targets))
}

/// Whether `link` is any of `targets`, compared after [`normalise`].
pub fn is_one_of(link: &Url, targets: &[&str]) -> bool {
    let link = normalise(link);
    targets
        .iter()
        .filter_map(|t| Url::parse(t).ok())
        .any(|t| normalise(&t) == link)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ENTRY: &str = "https://blog.example.jp/diary/2006/06/ajisai.html";

    #[test]
    fn links_count_only_when_they_are_real_links() {
        let page = "<p>読んだ: <a href=\"http://BLOG.example.jp:80/diary/2006/06/ajisai.html#c1\">紫陽花</a></p>";
        assert!(links_to(page, "https://tonari.example/x.html", &[ENTRY]));
        let relative =
            "<base href=\"https://blog.example.jp/diary/\"><a href=\"2006/06/ajisai.html\">x</a>";
        assert!(links_to(relative, "https://elsewhere.example/", &[ENTRY]));
        for fake in [
            "<!-- <a href=\"https://blog.example.jp/diary/2006/06/ajisai.html\">x</a> -->",
            "&lt;a href=\"https://blog.example.jp/diary/2006/06/ajisai.html\"&gt;",
            "https://blog.example.jp/diary/2006/06/ajisai.html in plain text",
            "<a href=\"https://blog.example.jp/diary/2006/06/other.html\">x</a>",
        ] {
            assert!(
                !links_to(fake, "https://tonari.example/", &[ENTRY]),
                "{fake}"
            );
        }
    }

    #[test]
    fn shift_jis_pages_are_read_by_their_meta_charset_or_detection() {
        let html = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\"></head><body><a href=\"/diary/2006/06/ajisai.html\">紫陽花の記事</a></body></html>";
        let bytes = encoding_rs::SHIFT_JIS.encode(html).0.into_owned();
        let text = decode_html(&bytes, Some("text/html"));
        assert!(text.contains("紫陽花の記事"));
        assert!(links_to(
            &text,
            "https://blog.example.jp/other/page.html",
            &[ENTRY]
        ));
        let euc = encoding_rs::EUC_JP
            .encode("<p>日本語のページです。リンクはありません。</p>")
            .0
            .into_owned();
        assert!(decode_html(&euc, None).contains("日本語のページ"));
    }

    proptest::proptest! {
        #[test]
        fn never_panics(html in "\\PC{0,200}", base in "[ -~]{0,40}") {
            let _ = links_to(&html, &base, &[ENTRY]);
        }
    }
}
