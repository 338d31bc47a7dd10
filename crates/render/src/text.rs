//! Plain text into HTML: escaping, and the paragraphs-and-links form used for comments and
//! ping excerpts, which are never allowed to carry their author's markup.

use crate::SafeHtml;

/// Writes `text` with the five HTML-significant characters escaped. Enough for text
/// content and for quoted attribute values, which is all this crate writes. Copies the
/// runs between those characters in one go (they are ASCII, so byte offsets are char
/// boundaries).
pub(crate) fn escape_to<W: std::fmt::Write + ?Sized>(out: &mut W, text: &str) -> std::fmt::Result {
    let mut last = 0;
    for (i, b) in text.bytes().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.write_str(&text[last..i])?;
        out.write_str(rep)?;
        last = i + 1;
    }
    out.write_str(&text[last..])
}

pub(crate) fn escape_into(out: &mut String, text: &str) {
    // Writing into a String cannot fail.
    let _ = escape_to(out, text);
}

pub(crate) fn escape_str(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    escape_into(&mut out, text);
    out
}

/// Escapes text for printing inside HTML (text or a quoted attribute).
pub fn escape(text: &str) -> SafeHtml {
    SafeHtml::new_unchecked(escape_str(text))
}

/// Comments and ping excerpts: everything escaped, blank lines start a new paragraph,
/// single newlines become `<br>`, bare http(s) URLs become `rel="nofollow ugc noopener"`
/// links. Empty input gives empty output.
pub fn plain_text_html(text: &str) -> SafeHtml {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(text.len() + 32);
    for para in split_paragraphs(&text) {
        out.push_str("<p>");
        for (i, line) in para.split('\n').enumerate() {
            if i > 0 {
                out.push_str("<br>\n");
            }
            linkify_into(&mut out, line);
        }
        out.push_str("</p>\n");
    }
    if out.ends_with('\n') {
        out.pop();
    }
    SafeHtml::new_unchecked(out)
}

/// Paragraphs separated by one or more blank (or whitespace-only) lines, trimmed of
/// surrounding blank lines; empty paragraphs are dropped.
pub(crate) fn split_paragraphs(text: &str) -> Vec<&str> {
    let mut paras = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let blank = line.trim().is_empty();
        if blank {
            if let Some(s) = start.take() {
                paras.push(text[s..end].trim_end_matches('\n'));
            }
        } else {
            if start.is_none() {
                start = Some(offset);
            }
            end = offset + line.len();
        }
        offset += line.len();
    }
    if let Some(s) = start {
        paras.push(text[s..end].trim_end_matches('\n'));
    }
    paras
}

/// Escapes one line, turning bare http(s) URLs into links.
fn linkify_into(out: &mut String, line: &str) {
    let mut rest = line;
    while let Some(pos) = find_url_start(rest) {
        let (before, from) = rest.split_at(pos);
        let len = url_len(from);
        if len == 0 {
            // "http://" followed by nothing usable: keep it as text and move on.
            let skip = from.find("//").map_or(from.len(), |i| i + 2);
            escape_into(out, &rest[..pos + skip]);
            rest = &rest[pos + skip..];
            continue;
        }
        escape_into(out, before);
        let url = &from[..len];
        out.push_str("<a href=\"");
        escape_into(out, url);
        out.push_str("\" rel=\"nofollow ugc noopener\">");
        escape_into(out, url);
        out.push_str("</a>");
        rest = &from[len..];
    }
    escape_into(out, rest);
}

fn find_url_start(s: &str) -> Option<usize> {
    let lower = s.to_ascii_lowercase();
    let h = lower.find("http://");
    let hs = lower.find("https://");
    match (h, hs) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Length in bytes of the URL at the start of `s` (which starts with `http`), or 0 when
/// there is no host. URLs end at whitespace, at any non-ASCII character (Japanese text
/// often follows a URL without a space: `http://example.com/を見て`), and at characters
/// that cannot appear unescaped in a URL; trailing punctuation and unbalanced closing
/// brackets are left outside, as a reader would expect.
fn url_len(s: &str) -> usize {
    let scheme = if s[..5].eq_ignore_ascii_case("https") {
        8
    } else {
        7
    };
    let mut end = scheme;
    for b in s.as_bytes()[scheme..].iter() {
        let ok = b.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&()*+,;=%".contains(b);
        if !ok {
            break;
        }
        end += 1;
    }
    let mut url = &s[..end];
    loop {
        let trimmed = url.trim_end_matches(['.', ',', ';', ':', '!', '?', '\'']);
        let trimmed = if trimmed.ends_with(')')
            && trimmed.matches(')').count() > trimmed.matches('(').count()
        {
            &trimmed[..trimmed.len() - 1]
        } else {
            trimmed
        };
        if trimmed.len() == url.len() {
            break;
        }
        url = trimmed;
    }
    let host = &url[scheme.min(url.len())..];
    if host.is_empty() || host.starts_with('/') {
        0
    } else {
        url.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_everything() {
        assert_eq!(
            escape(r#"<script>alert("x")</script> & 'y'"#).as_str(),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
    }

    #[test]
    fn paragraphs_and_line_breaks() {
        let html = plain_text_html("一行目\n二行目\n\n\n次の段落\r\nです");
        assert_eq!(
            html.as_str(),
            "<p>一行目<br>\n二行目</p>\n<p>次の段落<br>\nです</p>"
        );
        assert_eq!(plain_text_html("").as_str(), "");
        assert_eq!(plain_text_html("\n \n").as_str(), "");
    }

    #[test]
    fn markup_in_comments_is_text() {
        let html = plain_text_html("<b onmouseover=\"x\">hi</b>");
        assert_eq!(
            html.as_str(),
            "<p>&lt;b onmouseover=&quot;x&quot;&gt;hi&lt;/b&gt;</p>"
        );
    }

    #[test]
    fn bare_urls_become_nofollow_links() {
        let html = plain_text_html("詳しくはhttp://example.com/a?b=1&c=2を見てください。");
        assert_eq!(
            html.as_str(),
            "<p>詳しくは<a href=\"http://example.com/a?b=1&amp;c=2\" rel=\"nofollow ugc noopener\">http://example.com/a?b=1&amp;c=2</a>を見てください。</p>"
        );
        let html = plain_text_html("see (https://example.org/x_(y)). ok");
        assert!(html.as_str().contains("href=\"https://example.org/x_(y)\""));
        assert!(html.as_str().contains("</a>). ok"));
    }

    #[test]
    fn quotes_end_urls_and_javascript_is_not_linked() {
        let html = plain_text_html("https://e.com/\"onmouseover=\"x javascript:alert(1) http://");
        assert!(html.as_str().contains("href=\"https://e.com/\""));
        assert!(!html.as_str().contains("href=\"javascript"));
        assert!(html.as_str().ends_with("http://</p>"));
    }
}
