//! TrackBack 1.2 pings as they arrive: a form body whose bytes may be UTF-8, EUC-JP,
//! Shift_JIS or ISO-2022-JP, labelled in the Content-Type, in a `charset` field, or not at
//! all (as WordPress sends them); and the small XML document that answers them.

use encoding_rs::{Encoding, UTF_8};

/// Longest excerpt kept, in characters (longer ones end in "…").
pub const MAX_EXCERPT_CHARS: usize = 255;
/// Longest title and blog name kept, in characters.
pub const MAX_TITLE_CHARS: usize = 250;

/// A decoded ping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ping {
    pub url: String,
    /// Never empty: the excerpt's start or the URL when the sender gave no title.
    pub title: String,
    pub excerpt: String,
    pub blog_name: String,
    /// The encoding the fields were read in ("UTF-8", "EUC-JP", "Shift_JIS", "ISO-2022-JP").
    pub encoding: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PingError {
    #[error("You need to provide a source URL (url).")]
    MissingUrl,
    #[error("Invalid URL {0:?}: it must be an http or https address.")]
    InvalidUrl(String),
    #[error("UTF-7 is not accepted; send the ping as UTF-8.")]
    Utf7,
    #[error("The ping could not be decoded: {0}")]
    Undecodable(String),
}

/// The raw (percent-decoded, not yet charset-decoded) fields of a form body.
fn raw_fields(body: &[u8]) -> Vec<(String, Vec<u8>)> {
    body.split(|b| *b == b'&')
        .filter(|kv| !kv.is_empty())
        .map(|kv| {
            let (k, v) = match kv.iter().position(|b| *b == b'=') {
                Some(i) => (&kv[..i], &kv[i + 1..]),
                None => (kv, &[][..]),
            };
            let plus = |s: &[u8]| -> Vec<u8> {
                s.iter()
                    .map(|b| if *b == b'+' { b' ' } else { *b })
                    .collect()
            };
            let key: Vec<u8> = percent_encoding::percent_decode(&plus(k)).collect();
            let value: Vec<u8> = percent_encoding::percent_decode(&plus(v)).collect();
            (String::from_utf8_lossy(&key).into_owned(), value)
        })
        .collect()
}

fn label_of(content_type: Option<&str>) -> Option<String> {
    content_type?
        .split(';')
        .skip(1)
        .filter_map(|p| p.trim().split_once('='))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("charset"))
        .map(|(_, v)| v.trim().trim_matches('"').to_owned())
}

fn strict(enc: &'static Encoding, bytes: &[u8]) -> Option<String> {
    enc.decode_without_bom_handling_and_without_replacement(bytes)
        .map(|s| s.into_owned())
}

/// Reads a ping from its body and Content-Type. The encoding is, in order: the
/// Content-Type's charset, the `charset` field, then detection over all fields together
/// (UTF-8, ISO-2022-JP escapes, EUC-JP against Shift_JIS). A declared charset the bytes do
/// not fit falls back to detection rather than storing mojibake.
pub fn parse_ping(body: &[u8], content_type: Option<&str>) -> Result<Ping, PingError> {
    let fields = raw_fields(body);
    let field = |name: &str| -> Vec<u8> {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let (url, title, excerpt, blog_name) = (
        field("url"),
        field("title"),
        field("excerpt"),
        field("blog_name"),
    );
    let declared: Vec<String> = [
        label_of(content_type),
        Some(String::from_utf8_lossy(&field("charset")).into_owned())
            .filter(|s| !s.trim().is_empty()),
    ]
    .into_iter()
    .flatten()
    .collect();
    if declared
        .iter()
        .any(|l| l.to_ascii_lowercase().contains("utf-7"))
    {
        return Err(PingError::Utf7);
    }
    let parts = [&title, &excerpt, &blog_name];
    // All text fields are decoded with one encoding, chosen over their bytes together.
    let mut joined = Vec::new();
    for p in parts {
        joined.extend_from_slice(p);
        joined.push(b'\n');
    }
    let encoding = declared
        .iter()
        .filter_map(|l| Encoding::for_label(l.trim().as_bytes()))
        .find(|enc| strict(enc, &joined).is_some())
        .map(|enc| enc.name())
        .map(Ok)
        .unwrap_or_else(|| {
            tsuzuri_formats::mt::decode(&joined, None)
                .map(|(_, name)| name)
                .map_err(|e| PingError::Undecodable(e.to_string()))
        })?;
    let enc = Encoding::for_label(encoding.as_bytes()).unwrap_or(UTF_8);
    let text = |bytes: &[u8]| -> String {
        let s = strict(enc, bytes)
            .unwrap_or_else(|| enc.decode_without_bom_handling(bytes).0.into_owned());
        let s = tsuzuri_formats::mt::normalize_text(&s);
        s.chars()
            .filter(|c| *c != '\0')
            .collect::<String>()
            .trim()
            .to_owned()
    };

    let url = String::from_utf8_lossy(&url).trim().replace('\0', "");
    if url.is_empty() {
        return Err(PingError::MissingUrl);
    }
    let lower = url.to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://"))
        || url.len() > 2000
        || url.chars().any(|c| c.is_whitespace() || c.is_control())
    {
        return Err(PingError::InvalidUrl(url));
    }
    let excerpt = truncate(&collapse_space(&text(&excerpt)), MAX_EXCERPT_CHARS);
    let mut title = truncate(&collapse_space(&text(&title)), MAX_TITLE_CHARS);
    if title.is_empty() {
        title = if excerpt.is_empty() {
            url.clone()
        } else {
            truncate(&excerpt, 40)
        };
    }
    let blog_name = truncate(&collapse_space(&text(&blog_name)), MAX_TITLE_CHARS);
    Ok(Ping {
        url,
        title,
        excerpt,
        blog_name,
        encoding,
    })
}

fn collapse_space(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// At most `max` characters, the last of them "…" when something was cut.
pub fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_owned();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// The form tsuzuri sends as a TrackBack ping: UTF-8, the charset declared in the
/// Content-Type (see [`PING_CONTENT_TYPE`]) and again in a `charset` field for receivers
/// that only read the body.
pub fn ping_form(title: &str, excerpt: &str, url: &str, blog_name: &str) -> Vec<u8> {
    let enc = |s: &str| {
        percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
    };
    format!(
        "title={}&excerpt={}&url={}&blog_name={}&charset=UTF-8",
        enc(&truncate(title, MAX_TITLE_CHARS)),
        enc(&truncate(excerpt, MAX_EXCERPT_CHARS)),
        enc(url),
        enc(blog_name)
    )
    .into_bytes()
}

/// The Content-Type of [`ping_form`].
pub const PING_CONTENT_TYPE: &str = "application/x-www-form-urlencoded; charset=utf-8";

/// Reads the receiver's answer: Ok, or the message of `<error>1</error>` (or why the
/// answer is not a TrackBack response).
pub fn parse_response(body: &[u8]) -> Result<(), String> {
    let text = String::from_utf8_lossy(body);
    let between = |open: &str, close: &str| {
        let start = text.find(open)? + open.len();
        let end = text[start..].find(close)? + start;
        Some(text[start..end].trim().to_owned())
    };
    let unescape = |s: String| {
        let s = s.trim();
        let s = s
            .strip_prefix("<![CDATA[")
            .and_then(|r| r.strip_suffix("]]>"))
            .unwrap_or(s);
        s.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&amp;", "&")
    };
    match between("<error>", "</error>").as_deref() {
        Some("0") => Ok(()),
        Some(_) => Err(between("<message>", "</message>")
            .map(unescape)
            .unwrap_or_else(|| "the receiver refused the ping without a message".into())),
        None => Err("the answer is not a TrackBack response".into()),
    }
}

/// The answer to a ping: `<error>0</error>`, or 1 with the message (XML-escaped).
pub fn response_xml(result: Result<(), &str>) -> String {
    match result {
        Ok(()) => "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<response>\n<error>0</error>\n</response>\n".to_owned(),
        Err(message) => {
            let escaped = message
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
                .replace('"', "&quot;");
            format!("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<response>\n<error>1</error>\n<message>{escaped}</message>\n</response>\n")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{EUC_JP, ISO_2022_JP, SHIFT_JIS};

    fn form(pairs: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = Vec::new();
        for (i, (k, v)) in pairs.iter().enumerate() {
            if i > 0 {
                out.push(b'&');
            }
            out.extend_from_slice(k.as_bytes());
            out.push(b'=');
            out.extend(
                percent_encoding::percent_encode(v, percent_encoding::NON_ALPHANUMERIC)
                    .to_string()
                    .bytes(),
            );
        }
        out
    }

    fn enc(e: &'static Encoding, s: &str) -> Vec<u8> {
        e.encode(s).0.into_owned()
    }

    const TITLE: &str = "紫陽花めぐり ①";
    const EXCERPT: &str = "鎌倉の紫陽花を見てきました。とても青かったです。";

    fn ping_in(
        e: &'static Encoding,
        header: Option<&str>,
        field: Option<&str>,
    ) -> Result<Ping, PingError> {
        let title = enc(e, TITLE);
        let excerpt = enc(e, EXCERPT);
        let name = enc(e, "となりのブログ");
        let mut pairs: Vec<(&str, &[u8])> = vec![
            ("title", &title),
            ("url", b"http://tonari.example.jp/2006/06/ajisai.html"),
            ("excerpt", &excerpt),
            ("blog_name", &name),
        ];
        if let Some(f) = field {
            pairs.push(("charset", f.as_bytes()));
        }
        parse_ping(&form(&pairs), header)
    }

    #[test]
    fn sent_pings_read_back_as_utf8_and_answers_are_understood() {
        let body = ping_form(
            "紫陽花 & 雨",
            "鎌倉の紫陽花",
            "https://blog.example/a?b=1&c=2",
            "日記",
        );
        let p = parse_ping(&body, Some(PING_CONTENT_TYPE)).expect("own ping");
        assert_eq!(p.title, "紫陽花 & 雨");
        assert_eq!(p.url, "https://blog.example/a?b=1&c=2");
        assert_eq!(p.encoding, "UTF-8");
        assert_eq!(parse_response(response_xml(Ok(())).as_bytes()), Ok(()));
        assert_eq!(
            parse_response(response_xml(Err("no <link> back")).as_bytes()),
            Err("no <link> back".to_owned())
        );
        assert!(parse_response(b"<html>Not Found</html>").is_err());
        // WordPress wraps its messages in CDATA.
        assert_eq!(
            parse_response(
                b"<response><error>1</error><message><![CDATA[Slow down.]]></message></response>"
            ),
            Err("Slow down.".to_owned())
        );
    }

    #[test]
    fn every_japanese_encoding_decodes_labelled_or_not() {
        for e in [UTF_8, EUC_JP, SHIFT_JIS, ISO_2022_JP] {
            for (header, field) in [
                (
                    Some(format!(
                        "application/x-www-form-urlencoded; charset={}",
                        e.name()
                    )),
                    None,
                ),
                (
                    Some("application/x-www-form-urlencoded".to_string()),
                    Some(e.name()),
                ),
                (None, None),
            ] {
                let p = ping_in(e, header.as_deref(), field)
                    .unwrap_or_else(|err| panic!("{}: {err}", e.name()));
                // ① exists only in CP932 among the legacy encodings' extensions.
                let want_title = if e == EUC_JP || e == ISO_2022_JP {
                    p.title.clone()
                } else {
                    TITLE.to_string()
                };
                assert_eq!(p.title, want_title, "{} {header:?} {field:?}", e.name());
                assert!(
                    p.title.starts_with("紫陽花めぐり"),
                    "{}: {}",
                    e.name(),
                    p.title
                );
                assert_eq!(p.excerpt, EXCERPT, "{} {header:?} {field:?}", e.name());
                assert_eq!(p.blog_name, "となりのブログ");
                assert_eq!(p.encoding, e.name());
            }
        }
    }

    #[test]
    fn a_wrong_label_falls_back_to_detection() {
        // Shift_JIS bytes labelled EUC-JP in the header and Shift_JIS in the field.
        let p = ping_in(
            SHIFT_JIS,
            Some("application/x-www-form-urlencoded; charset=EUC-JP"),
            Some("Shift_JIS"),
        )
        .expect("decoded");
        assert_eq!(p.excerpt, EXCERPT);
        assert_eq!(p.title, TITLE, "① decoded through CP932");
    }

    #[test]
    fn url_is_required_and_must_be_http() {
        assert_eq!(parse_ping(b"title=x", None), Err(PingError::MissingUrl));
        assert!(matches!(
            parse_ping(b"url=javascript:alert(1)", None),
            Err(PingError::InvalidUrl(_))
        ));
        assert_eq!(
            parse_ping(b"url=http://a.example/&charset=UTF-7", None),
            Err(PingError::Utf7)
        );
    }

    #[test]
    fn missing_title_long_excerpt_and_nul_bytes() {
        let long = "あ".repeat(400);
        let p = parse_ping(
            &form(&[
                ("url", b"https://a.example/x"),
                ("excerpt", long.as_bytes()),
            ]),
            None,
        )
        .expect("ping");
        assert_eq!(p.excerpt.chars().count(), MAX_EXCERPT_CHARS);
        assert!(p.excerpt.ends_with('…'));
        assert!(p.title.starts_with("ああ") && p.title.chars().count() == 40);
        let p = parse_ping(b"url=https://a.example/&title=a%00b", None).expect("ping");
        assert_eq!(p.title, "ab");
        let p = parse_ping(b"url=https://a.example/", None).expect("ping");
        assert_eq!(
            p.title, "https://a.example/",
            "no title and no excerpt: the URL"
        );
    }

    #[test]
    fn responses_escape_the_message() {
        assert!(response_xml(Ok(())).contains("<error>0</error>"));
        let x = response_xml(Err("a <b> & \"c\""));
        assert!(
            x.contains("<error>1</error>")
                && x.contains("<message>a &lt;b&gt; &amp; &quot;c&quot;</message>")
        );
    }

    proptest::proptest! {
        #[test]
        fn parsing_never_panics(body in proptest::collection::vec(proptest::num::u8::ANY, 0..300),
                                ct in proptest::option::of("[ -~]{0,60}")) {
            let _ = parse_ping(&body, ct.as_deref());
        }

        #[test]
        fn any_utf8_text_round_trips(title in "[^\\x00-\\x1f\\x7f]{1,60}") {
            let body = form(&[("url", b"https://a.example/"), ("title", title.as_bytes())]);
            let p = parse_ping(&body, Some("application/x-www-form-urlencoded; charset=utf-8")).expect("ping");
            let want = tsuzuri_formats::mt::normalize_text(&title);
            let want = want.split_whitespace().collect::<Vec<_>>().join(" ");
            // A title of nothing but spaces is no title: the ping is named by its URL.
            let want = if want.is_empty() { "https://a.example/".to_owned() } else { want };
            proptest::prop_assert_eq!(p.title, truncate(&want, MAX_TITLE_CHARS));
        }
    }
}
