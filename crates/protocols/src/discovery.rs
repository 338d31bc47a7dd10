//! Finding where to send a ping for a page another blog links to: its Webmention endpoint
//! (HTTP `Link` header first, then the first `<link>` or `<a>` with `rel="webmention"` in
//! document order), its Pingback server (`X-Pingback`, then `<link rel="pingback">`) and
//! its TrackBack ping URL (the RDF block Movable Type-style pages embed, usually inside an
//! HTML comment). Relative addresses resolve against the page's final URL, after redirects.

use crate::html_scan::{RelLink, scan};
use url::Url;

/// What a page advertises.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Endpoints {
    pub webmention: Option<String>,
    pub pingback: Option<String>,
    pub trackback: Option<String>,
}

/// Every endpoint a page advertises. `headers` are the response's headers (any case),
/// `page_url` the address the page was finally read from, `target` the address that was
/// linked (TrackBack RDF names the page it belongs to).
pub fn discover(
    headers: &[(String, String)],
    html: &str,
    page_url: &str,
    target: &str,
) -> Endpoints {
    let Ok(page) = Url::parse(page_url) else {
        return Endpoints::default();
    };
    fn header_values<'h>(
        headers: &'h [(String, String)],
        name: &'static str,
    ) -> impl Iterator<Item = &'h str> {
        headers
            .iter()
            .filter(move |(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    let from_header = header_values(headers, "link")
        .flat_map(parse_link_header)
        .find(|(_, rels)| has_rel(rels, "webmention"))
        .and_then(|(href, _)| page.join(&href).ok());
    let rel_links = scan(html).rel_links;
    let webmention = from_header
        .or_else(|| first_rel(&rel_links, &["link", "a"], "webmention", &page))
        .map(String::from);
    let pingback = header_values(headers, "x-pingback")
        .filter_map(|v| page.join(v.trim()).ok())
        .next()
        .or_else(|| first_rel(&rel_links, &["link"], "pingback", &page))
        .map(String::from);
    Endpoints {
        webmention,
        pingback,
        trackback: trackback_rdf(html, page_url, target),
    }
}

fn has_rel(rels: &str, wanted: &str) -> bool {
    rels.split_ascii_whitespace()
        .any(|r| r.eq_ignore_ascii_case(wanted))
}

/// The first of `elements` whose `rel` holds `wanted`, its `href` resolved. An empty
/// `href` is the page itself.
fn first_rel(links: &[RelLink], elements: &[&str], wanted: &str, page: &Url) -> Option<Url> {
    links
        .iter()
        .filter(|l| elements.contains(&l.element) && has_rel(&l.rel, wanted))
        .find_map(|l| page.join(l.href.trim()).ok())
}

/// The links of one `Link` header value (RFC 8288): `<href>; rel="a b", <href2>; rel=c`,
/// as (href, rel) pairs. Commas inside `<…>` or quotes do not split.
pub fn parse_link_header(value: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = value;
    while let Some(open) = rest.find('<') {
        let Some(close) = rest[open..].find('>').map(|c| open + c) else {
            break;
        };
        let href = rest[open + 1..close].trim().to_owned();
        // Parameters run to the next comma outside quotes.
        let params_start = close + 1;
        let mut in_quotes = false;
        let mut end = rest.len();
        for (i, c) in rest[params_start..].char_indices() {
            match c {
                '"' => in_quotes = !in_quotes,
                ',' if !in_quotes => {
                    end = params_start + i;
                    break;
                }
                _ => {}
            }
        }
        let rel = rest[params_start..end]
            .split(';')
            .filter_map(|p| p.split_once('='))
            .find(|(k, _)| k.trim().eq_ignore_ascii_case("rel"))
            .map(|(_, v)| v.trim().trim_matches('"').to_owned())
            .unwrap_or_default();
        out.push((href, rel));
        if end >= rest.len() {
            break;
        }
        rest = &rest[end + 1..];
    }
    out
}

/// The TrackBack ping URL from the page's RDF: the `rdf:Description` whose `dc:identifier`
/// is the target (or the page), else the only one on the page.
fn trackback_rdf(html: &str, page_url: &str, target: &str) -> Option<String> {
    let same = |a: &str, b: &str| match (Url::parse(a), Url::parse(b)) {
        (Ok(a), Ok(b)) => crate::linkback::normalise(&a) == crate::linkback::normalise(&b),
        _ => false,
    };
    let mut found: Vec<(Option<String>, String)> = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find("<rdf:Description") {
        let tail = &rest[at..];
        let end = tail.find('>').unwrap_or(tail.len());
        let element = &tail[..end];
        if let Some(ping) = attribute(element, "trackback:ping") {
            found.push((attribute(element, "dc:identifier"), ping));
        }
        rest = &tail[end..];
    }
    let page = Url::parse(page_url).ok()?;
    let pick = found
        .iter()
        .find(|(id, _)| {
            id.as_deref()
                .is_some_and(|id| same(id, target) || same(id, page_url))
        })
        .or_else(|| (found.len() == 1).then(|| &found[0]))?;
    page.join(&pick.1).ok().map(String::from)
}

/// An attribute's value in the text of one start tag (`name="v"` or `name='v'`), with the
/// XML entities for `&`, quotes and brackets decoded.
fn attribute(element: &str, name: &str) -> Option<String> {
    let mut search = element;
    while let Some(at) = search.find(name) {
        let before_ok = search[..at]
            .chars()
            .next_back()
            .is_none_or(char::is_whitespace);
        let after = search[at + name.len()..].trim_start();
        if before_ok && let Some(value) = after.strip_prefix('=') {
            let value = value.trim_start();
            let quote = value.chars().next()?;
            if quote == '"' || quote == '\'' {
                let inner = &value[1..];
                let end = inner.find(quote)?;
                return Some(
                    inner[..end]
                        .replace("&quot;", "\"")
                        .replace("&apos;", "'")
                        .replace("&lt;", "<")
                        .replace("&gt;", ">")
                        .replace("&amp;", "&"),
                );
            }
        }
        search = &search[at + name.len()..];
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "https://tonari.example.jp/2006/06/ajisai.html";

    #[test]
    fn link_headers_split_on_commas_outside_brackets_and_quotes() {
        let links = parse_link_header(
            "<https://a.example/x,y>; rel=\"other, webmention\", </wm?q=1>; rel=webmention",
        );
        assert_eq!(
            links,
            [
                (
                    "https://a.example/x,y".to_owned(),
                    "other, webmention".to_owned()
                ),
                ("/wm?q=1".to_owned(), "webmention".to_owned())
            ]
        );
    }

    #[test]
    fn pingback_from_header_or_link_element() {
        let e = discover(
            &[(
                "X-Pingback".into(),
                "https://tonari.example.jp/xmlrpc.php".into(),
            )],
            "",
            PAGE,
            PAGE,
        );
        assert_eq!(
            e.pingback.as_deref(),
            Some("https://tonari.example.jp/xmlrpc.php")
        );
        let e = discover(&[], "<link rel=\"pingback\" href=\"/xmlrpc\">", PAGE, PAGE);
        assert_eq!(
            e.pingback.as_deref(),
            Some("https://tonari.example.jp/xmlrpc")
        );
        assert_eq!(e.webmention, None);
    }

    #[test]
    fn trackback_rdf_inside_a_comment_is_found_for_its_page() {
        let html = r#"<html><body>
<!--
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns:trackback="http://madskills.com/public/xml/rss/module/trackback/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
<rdf:Description rdf:about="https://tonari.example.jp/2006/06/other.html"
    dc:identifier="https://tonari.example.jp/2006/06/other.html"
    trackback:ping="https://tonari.example.jp/mt-tb.cgi/11" />
<rdf:Description rdf:about="https://tonari.example.jp/2006/06/ajisai.html"
    dc:identifier="https://tonari.example.jp/2006/06/ajisai.html"
    dc:title="紫陽花"
    trackback:ping="https://tonari.example.jp/mt-tb.cgi/12?a=1&amp;b=2" />
</rdf:RDF>
-->
</body></html>"#;
        let e = discover(&[], html, PAGE, PAGE);
        assert_eq!(
            e.trackback.as_deref(),
            Some("https://tonari.example.jp/mt-tb.cgi/12?a=1&b=2")
        );
        let none = discover(&[], "<p>rdf:Description without a ping</p>", PAGE, PAGE);
        assert_eq!(none.trackback, None);
    }

    proptest::proptest! {
        #[test]
        fn never_panics(header in "\\PC{0,120}", html in "\\PC{0,200}") {
            let _ = discover(&[("Link".into(), header)], &html, PAGE, PAGE);
        }
    }
}
