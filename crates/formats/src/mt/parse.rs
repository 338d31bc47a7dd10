//! The reader. Line-based so every problem can name its line; lenient where MT's own importer
//! aborts, and never failing as a whole: one bad record only marks that entry invalid.

use tsuzuri_core::EntryStatus;

use super::date::{self, DateError};
use super::decode::{decode, normalize_text};
use super::tags::split_tags;
use super::{MtComment, MtDate, MtEntry, MtPing, ParseOptions, ParsedFile, Problem, Severity};

const ENTRY_SEPARATOR: &str = "--------";
const SECTION_SEPARATOR: &str = "-----";

/// Decodes `bytes` (see [`decode`]) and parses the export. A decoding failure yields no
/// entries and one file-level error.
pub fn parse(bytes: &[u8], opts: &ParseOptions) -> ParsedFile {
    match decode(bytes, opts.encoding) {
        Ok((text, encoding)) => parse_decoded(&text, encoding),
        Err(e) => ParsedFile {
            entries: Vec::new(),
            encoding: opts.encoding.map_or("unknown", |e| e.name()),
            problems: vec![Problem {
                line: e.line(),
                entry_index: None,
                severity: Severity::Error,
                message: e.to_string(),
            }],
        },
    }
}

/// Parses text that is already decoded; it is normalised first, as [`parse`] does.
pub fn parse_str(text: &str) -> ParsedFile {
    parse_decoded(&normalize_text(text), "UTF-8")
}

fn parse_decoded(text: &str, encoding: &'static str) -> ParsedFile {
    let mut lines: Vec<&str> = text.split('\n').collect();
    if text.ends_with('\n') {
        lines.pop();
    }
    let mut parser = Parser {
        lines: &lines,
        entries: Vec::new(),
        problems: Vec::new(),
    };
    let mut start = 0;
    for (i, line) in lines.iter().enumerate() {
        if *line == ENTRY_SEPARATOR {
            parser.record(start, i);
            start = i + 1;
        }
    }
    // A missing final separator still ends the last entry.
    parser.record(start, lines.len());
    ParsedFile {
        entries: parser.entries,
        encoding,
        problems: parser.problems,
    }
}

struct Parser<'a> {
    lines: &'a [&'a str],
    entries: Vec<MtEntry>,
    problems: Vec<Problem>,
}

/// Metadata keys that hold one value (a repeat overrides, with a warning).
const SINGLE_KEYS: [&str; 9] = [
    "AUTHOR",
    "TITLE",
    "BASENAME",
    "STATUS",
    "ALLOW COMMENTS",
    "ALLOW PINGS",
    "CONVERT BREAKS",
    "PRIMARY CATEGORY",
    "DATE",
];

/// Header keys of a COMMENT block, and of a PING block.
const COMMENT_KEYS: [&str; 5] = ["AUTHOR", "EMAIL", "URL", "IP", "DATE"];
const PING_KEYS: [&str; 5] = ["TITLE", "URL", "IP", "BLOG NAME", "DATE"];

impl Parser<'_> {
    /// Parses lines `start..end` (0-based indexes) as one record.
    fn record(&mut self, start: usize, end: usize) {
        let Some(first) = (start..end).find(|&i| !is_blank(self.lines[i])) else {
            return;
        };
        let index = self.entries.len();
        let mut rec = Record {
            lines: self.lines,
            index,
            entry: MtEntry {
                line: first + 1,
                ..MtEntry::default()
            },
            problems: Vec::new(),
            seen: Vec::new(),
            saw_body: false,
        };

        let mut chunks = Vec::new();
        let mut chunk_start = start;
        for i in start..end {
            if self.lines[i] == SECTION_SEPARATOR {
                chunks.push((chunk_start, i));
                chunk_start = i + 1;
            }
        }
        chunks.push((chunk_start, end));

        let (meta_start, meta_end) = chunks[0];
        let started_body = rec.metadata(meta_start, meta_end);
        let e = &mut rec.entry;
        if let Some(p) = &e.primary_category
            && !e.categories.contains(p)
        {
            // First, and only after all CATEGORY lines, so that where the PRIMARY CATEGORY
            // line stands does not change the order of the others.
            e.categories.insert(0, p.clone());
        }
        if chunks.len() == 1 && !started_body {
            rec.problem(
                first,
                Severity::Error,
                "entry has no BODY section (no \"-----\" line before the entry separator)"
                    .to_owned(),
            );
        }
        let mut first_section = true;
        for &(s, e) in &chunks[1..] {
            if rec.section(s, e, first_section) {
                first_section = false;
            }
        }

        self.problems.append(&mut rec.problems);
        self.entries.push(rec.entry);
    }
}

struct Record<'a> {
    lines: &'a [&'a str],
    index: usize,
    entry: MtEntry,
    problems: Vec<Problem>,
    /// Single-valued metadata keys already set, to warn about repeats.
    seen: Vec<&'static str>,
    saw_body: bool,
}

impl Record<'_> {
    fn problem(&mut self, line_index: usize, severity: Severity, message: String) {
        self.problems.push(Problem {
            line: line_index + 1,
            entry_index: Some(self.index),
            severity,
            message,
        });
    }

    /// Parses the metadata block; returns true when a legacy `START BODY:` line supplied the body.
    fn metadata(&mut self, start: usize, end: usize) -> bool {
        // Lines without a colon are reported once per record: a stray paragraph would
        // otherwise bury the other problems.
        let mut colonless: Vec<usize> = Vec::new();
        let mut started_body = false;
        for i in start..end {
            let line = self.lines[i].trim();
            if line.is_empty() {
                continue;
            }
            let Some((key, value)) = line.split_once(':') else {
                colonless.push(i);
                continue;
            };
            let (key, value) = (key.trim(), value.trim());
            if key.is_empty() {
                self.problem(
                    i,
                    Severity::Error,
                    format!("metadata line {} has no key", quote(line)),
                );
                continue;
            }
            if key.eq_ignore_ascii_case("START BODY") {
                // Pre-3.x exports: the rest of the metadata block is the body.
                let mut body: Vec<&str> = Vec::new();
                if !value.is_empty() {
                    body.push(value);
                }
                body.extend(&self.lines[i + 1..end]);
                self.set_body(multi_line(&body), i);
                started_body = true;
                break;
            }
            self.field(i, key, value);
        }
        if let Some(&first) = colonless.first() {
            let more = match colonless.len() - 1 {
                0 => String::new(),
                1 => " (and 1 more such line)".to_owned(),
                n => format!(" (and {n} more such lines)"),
            };
            let line = self.lines[first].trim();
            self.problem(
                first,
                Severity::Error,
                format!(
                    "metadata line {} is not \"KEY: value\"{more}; a body needs a \"-----\" line and a BODY: header before it",
                    quote(line)
                ),
            );
        }
        started_body
    }

    fn field(&mut self, i: usize, key: &str, value: &str) {
        let upper = key.to_ascii_uppercase();
        if let Some(name) = SINGLE_KEYS.iter().copied().find(|k| *k == upper) {
            if self.seen.contains(&name) {
                self.problem(
                    i,
                    Severity::Warning,
                    format!("{name} appears twice; the last one is used"),
                );
            } else {
                self.seen.push(name);
            }
        }
        match upper.as_str() {
            "STATUS" => self.entry.status = self.status(i, value),
            "ALLOW COMMENTS" => {
                self.entry.allow_comments = self.flag(i, "ALLOW COMMENTS", value, true);
            }
            "ALLOW PINGS" => self.entry.allow_pings = self.flag(i, "ALLOW PINGS", value, false),
            "DATE" => self.entry.date = self.date(i, "DATE", value),
            _ => {}
        }
        let e = &mut self.entry;
        match upper.as_str() {
            "AUTHOR" => e.author = Some(value.to_owned()),
            "TITLE" => e.title = Some(value.to_owned()),
            "BASENAME" => e.basename = Some(value.to_owned()),
            "CONVERT BREAKS" => e.convert_breaks = Some(value.to_owned()),
            "PRIMARY CATEGORY" => {
                e.primary_category = (!value.is_empty()).then(|| value.to_owned());
            }
            "CATEGORY" => {
                if !value.is_empty() && !e.categories.iter().any(|c| c == value) {
                    e.categories.push(value.to_owned());
                }
            }
            "TAGS" => {
                for tag in split_tags(value) {
                    if !e.tags.contains(&tag) {
                        e.tags.push(tag);
                    }
                }
            }
            "NO ENTRY" => e.no_entry = true,
            "STATUS" | "ALLOW COMMENTS" | "ALLOW PINGS" | "DATE" => {}
            _ => e.extra.push((key.to_owned(), value.to_owned())),
        }
    }

    /// Unknown statuses become Draft: importing something unpublished is the safe mistake.
    fn status(&mut self, i: usize, value: &str) -> Option<EntryStatus> {
        if value.is_empty() {
            return None;
        }
        EntryStatus::parse(value).or_else(|| {
            self.problem(
                i,
                Severity::Warning,
                format!(
                    "STATUS {} is unknown; the entry is imported as Draft",
                    quote(value)
                ),
            );
            Some(EntryStatus::Draft)
        })
    }

    /// ALLOW COMMENTS / ALLOW PINGS. Empty means 0 as in MT; old MT wrote 2 for "closed" comments.
    fn flag(&mut self, i: usize, name: &str, value: &str, two_is_closed: bool) -> Option<bool> {
        if value.is_empty() {
            return Some(false);
        }
        match value.parse::<i64>() {
            Ok(0) => Some(false),
            Ok(1) => Some(true),
            Ok(2) if two_is_closed => Some(false),
            Ok(n) => {
                let allowed = if two_is_closed { "0, 1 or 2" } else { "0 or 1" };
                self.problem(
                    i,
                    Severity::Warning,
                    format!("{name} {n} is not {allowed}; treated as closed"),
                );
                Some(false)
            }
            Err(_) => {
                self.problem(
                    i,
                    Severity::Error,
                    format!(
                        "{name} {} is not an integer (expected 0 or 1)",
                        quote(value)
                    ),
                );
                None
            }
        }
    }

    /// A DATE value; empty means "no date", as in MT. An unparseable date is an error.
    fn date(&mut self, i: usize, label: &str, value: &str) -> Option<MtDate> {
        if value.is_empty() {
            return None;
        }
        match date::parse_date(value) {
            Ok((d, warning)) => {
                if let Some(w) = warning {
                    // The date parser words its warnings for an entry's DATE.
                    let w = match w.strip_prefix("DATE") {
                        Some(rest) => format!("{label}{rest}"),
                        None => w,
                    };
                    self.problem(i, Severity::Warning, w);
                }
                Some(d)
            }
            Err(err) => {
                let what = match err {
                    DateError::Syntax => "is not a date",
                    DateError::Range => "is not a valid date or time",
                };
                self.problem(
                    i,
                    Severity::Error,
                    format!("{label} {} {what} ({})", quote(value), date::EXPECTED),
                );
                None
            }
        }
    }

    fn set_body(&mut self, body: String, i: usize) {
        if self.saw_body {
            self.problem(
                i,
                Severity::Warning,
                "BODY appears twice; the last one is used".to_owned(),
            );
        }
        self.saw_body = true;
        self.entry.body = body;
    }

    /// One `-----`-delimited section, lines `start..end`.
    /// Returns false when the section is empty (nothing but blank lines).
    fn section(&mut self, start: usize, end: usize, first_section: bool) -> bool {
        let Some(h) = (start..end).find(|&i| !is_blank(self.lines[i])) else {
            return false;
        };
        let header = self.lines[h].trim();
        let content = &self.lines[h + 1..end];
        match header.to_ascii_uppercase().as_str() {
            "BODY:" => self.set_body(multi_line(content), h),
            "EXTENDED BODY:" => self.entry.extended_body = multi_line(content),
            "EXCERPT:" => self.entry.excerpt = multi_line(content),
            "KEYWORDS:" => self.entry.keywords = multi_line(content),
            "COMMENT:" => {
                let c = self.comment(h + 1, end);
                self.entry.comments.push(c);
            }
            "PING:" => {
                let p = self.ping(h + 1, end);
                self.entry.pings.push(p);
            }
            _ if first_section && !self.saw_body => {
                self.problem(
                    h,
                    Severity::Warning,
                    "the first section has no BODY: header; it is read as the body".to_owned(),
                );
                let body = multi_line(&self.lines[h..end]);
                self.set_body(body, h);
            }
            _ => self.problem(
                h,
                Severity::Warning,
                format!("unknown section {} is ignored", quote(header)),
            ),
        }
        true
    }

    /// Reads the header lines of a COMMENT or PING block, lines `start..end`. Headers are lines
    /// whose key is in `keys` and has not been seen yet; the first other line (or a blank line)
    /// starts the body. Stopping at a repeated key is what lets a body begin with, say,
    /// `DATE: tomorrow` once the writer has emitted every header.
    fn sub_headers(
        &self,
        start: usize,
        end: usize,
        keys: &[&'static str],
    ) -> (Vec<(usize, &'static str, String)>, usize) {
        let mut found: Vec<(usize, &'static str, String)> = Vec::new();
        let mut i = start;
        while i < end {
            let line = self.lines[i];
            let Some((k, v)) = line.split_once(':') else {
                break;
            };
            let k = k.trim().to_ascii_uppercase();
            let Some(key) = keys.iter().copied().find(|known| *known == k) else {
                break;
            };
            if found.iter().any(|(_, seen, _)| *seen == key) {
                break;
            }
            found.push((i, key, v.trim().to_owned()));
            i += 1;
        }
        (found, i)
    }

    fn comment(&mut self, start: usize, end: usize) -> MtComment {
        let (headers, body_start) = self.sub_headers(start, end, &COMMENT_KEYS);
        let mut c = MtComment::default();
        for (i, key, value) in headers {
            match key {
                "AUTHOR" => c.author = value,
                "EMAIL" => c.email = value,
                "URL" => c.url = anchor_href(&value),
                "IP" => c.ip = value,
                _ => c.date = self.date(i, "comment DATE", &value),
            }
        }
        c.body = multi_line(&self.lines[body_start..end]);
        c
    }

    fn ping(&mut self, start: usize, end: usize) -> MtPing {
        let (headers, body_start) = self.sub_headers(start, end, &PING_KEYS);
        let mut p = MtPing::default();
        for (i, key, value) in headers {
            match key {
                "TITLE" => p.title = value,
                "URL" => p.url = anchor_href(&value),
                "IP" => p.ip = value,
                "BLOG NAME" => p.blog_name = value,
                _ => p.date = self.date(i, "ping DATE", &value),
            }
        }
        p.excerpt = multi_line(&self.lines[body_start..end]);
        p
    }
}

fn is_blank(line: &str) -> bool {
    line.trim().is_empty()
}

/// A multi-line value: separator escapes undone, leading blank lines and trailing whitespace
/// dropped (MT trims each section), indentation and inner blank lines kept.
fn multi_line(lines: &[&str]) -> String {
    let first = lines
        .iter()
        .position(|l| !is_blank(l))
        .unwrap_or(lines.len());
    let mut out = String::new();
    for (n, line) in lines[first..].iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        out.push_str(unescape_separator(line));
    }
    out.truncate(out.trim_end().len());
    out
}

/// MT 2026 writes a body line `-----` or `--------` with a trailing TAB; undo one TAB.
/// (Lines that already ended in TABs got one more on export, so this keeps them intact.)
fn unescape_separator(line: &str) -> &str {
    let bare = line.trim_end_matches('\t');
    if bare.len() < line.len() && (bare == SECTION_SEPARATOR || bare == ENTRY_SEPARATOR) {
        &line[..line.len() - 1]
    } else {
        line
    }
}

/// Some exports put an HTML link in a comment's URL: `<a href="http://x/">http://x/</a>`.
fn anchor_href(value: &str) -> String {
    let mut current = value.to_owned();
    // Repeat so that the result never holds another link and a second parse changes nothing.
    while let Some(href) = extract_href(&current) {
        current = href;
    }
    current
}

fn extract_href(value: &str) -> Option<String> {
    let lower = value.to_ascii_lowercase();
    if !lower.contains("<a ") {
        return None;
    }
    let at = lower.find("href=")? + "href=".len();
    let rest = &value[at..];
    let quote_char = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let inner = &rest[1..];
    let href = &inner[..inner.find(quote_char)?];
    Some(href.trim().replace("&amp;", "&"))
}

/// A value for a message: quoted, on one line, cut short when long.
fn quote(value: &str) -> String {
    const MAX: usize = 60;
    let mut s: String = value.chars().take(MAX).collect();
    if value.chars().nth(MAX).is_some() {
        s.push('…');
    }
    format!("\"{s}\"")
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn multi_line_trims_and_unescapes() {
        assert_eq!(
            multi_line(&[
                "",
                "  ",
                "  a",
                "",
                "-----\t",
                "--------\t\t",
                "b  ",
                " ",
                ""
            ]),
            "  a\n\n-----\n--------\t\nb"
        );
        assert_eq!(multi_line(&[]), "");
        assert_eq!(multi_line(&["------\t", "-----x\t"]), "------\t\n-----x");
    }

    #[test]
    fn hrefs() {
        assert_eq!(
            anchor_href(r#"<a href="http://x/">http://x/</a>"#),
            "http://x/"
        );
        assert_eq!(
            anchor_href(r#"<A HREF='http://x/?a=1&amp;b=2'>x</A>"#),
            "http://x/?a=1&b=2"
        );
        assert_eq!(anchor_href("http://plain/"), "http://plain/");
        assert_eq!(anchor_href(r#"<a href="broken>"#), r#"<a href="broken>"#);
    }

    #[test]
    fn quote_cuts_long_values() {
        assert_eq!(quote("abc"), "\"abc\"");
        assert_eq!(quote(&"x".repeat(70)), format!("\"{}…\"", "x".repeat(60)));
    }
}
