//! The TAGS line: comma-separated, with MT's quoting (`MT::Tag->split` / `join`) plus a
//! doubled-quote escape for the one case MT cannot represent.

/// Splits a TAGS value the way MT does: an item that starts with `"` or `'` runs to the
/// matching quote and anything after it up to the next comma is dropped; other items run to
/// the next comma. Inside quotes, a doubled quote character stands for one (our extension,
/// for tags holding both kinds of quote). Items are trimmed; empty ones are dropped.
pub fn split_tags(value: &str) -> Vec<String> {
    let mut tags = Vec::new();
    let mut rest = Some(value);
    while let Some(s) = rest {
        let s = s.trim_start();
        let (tag, next) = match quoted(s) {
            Some((tag, after)) => (tag, after.split_once(',').map(|(_, r)| r)),
            None => match s.split_once(',') {
                Some((t, r)) => (t.to_owned(), Some(r)),
                None => (s.to_owned(), None),
            },
        };
        let tag = tag.trim();
        if !tag.is_empty() {
            tags.push(tag.to_owned());
        }
        rest = next;
    }
    tags
}

/// A quoted item at the start of `s`: its unescaped text and what follows the closing quote.
/// `None` when `s` does not start with a quote or the quote is never closed (MT then reads the
/// item literally, quote included).
fn quoted(s: &str) -> Option<(String, &str)> {
    let q = s.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let body = &s[1..];
    let mut out = String::new();
    let mut from = 0;
    loop {
        let at = from + body[from..].find(q)?;
        out.push_str(&body[from..at]);
        if body[at + 1..].starts_with(q) {
            out.push(q);
            from = at + 2;
        } else {
            return Some((out, &body[at + 1..]));
        }
    }
}

/// Joins tags for a TAGS line. A tag containing a comma, whitespace or `"`, or starting with
/// `'`, is quoted: with `'…'` when it holds `"` but no `'` (what MT itself writes), otherwise
/// with `"…"` and any `"` inside doubled. Newlines become spaces; empty tags are skipped.
pub fn join_tags(tags: &[String]) -> String {
    let mut out = String::new();
    for tag in tags {
        let tag = tag.replace(['\r', '\n'], " ");
        let tag = tag.trim();
        if tag.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(',');
        }
        let needs_quotes = tag.contains([',', ' ', '\t', '"']) || tag.starts_with('\'');
        if !needs_quotes {
            out.push_str(tag);
        } else if tag.contains('"') && !tag.contains('\'') {
            out.push('\'');
            out.push_str(tag);
            out.push('\'');
        } else {
            out.push('"');
            out.push_str(&tag.replace('"', "\"\""));
            out.push('"');
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn v(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn splits_like_mt() {
        assert_eq!(
            split_tags(r#""Movable Type",foo,"a,b""#),
            v(&["Movable Type", "foo", "a,b"])
        );
        assert_eq!(
            split_tags(" a , b ,, @private ,"),
            v(&["a", "b", "@private"])
        );
        assert_eq!(
            split_tags(r#"'say "hi", ok',x"#),
            v(&[r#"say "hi", ok"#, "x"])
        );
        assert_eq!(split_tags(r#""foo"junk,bar"#), v(&["foo", "bar"]));
        assert_eq!(split_tags(r#""unclosed,bar"#), v(&["\"unclosed", "bar"]));
        assert_eq!(split_tags(r#""a""b",c"#), v(&["a\"b", "c"]));
        assert_eq!(split_tags(""), Vec::<String>::new());
        assert_eq!(split_tags("'90s"), v(&["'90s"]));
    }

    #[test]
    fn joins_and_splits_back() {
        let tags = v(&[
            "plain",
            "with space",
            "a,b",
            "say \"hi\"",
            "both ' and \"",
            "'quoted'x",
            "@private",
            "日本語 タグ",
        ]);
        let line = join_tags(&tags);
        assert_eq!(
            line,
            r#"plain,"with space","a,b",'say "hi"',"both ' and ""","'quoted'x",@private,"日本語 タグ""#
        );
        assert_eq!(split_tags(&line), tags);
    }
}
