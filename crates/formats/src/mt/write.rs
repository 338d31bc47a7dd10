//! The writer: MT's own field order and layout, UTF-8 with LF, separator lines in values
//! escaped with a trailing TAB (MT 2026), so that [`super::parse`] reads the output back
//! to the same entries.

use std::fmt::Write as _;

use super::date::format_date;
use super::tags::join_tags;
use super::{MtComment, MtDate, MtEntry, MtPing};

/// Writes entries in the given order (MT writes them oldest first; sorting is the caller's job).
///
/// Fields that are `None` are omitted, except the three MT always writes, which get MT's
/// values for "unset": `ALLOW COMMENTS: 0`, `ALLOW PINGS: 0`, `CONVERT BREAKS: 1`.
/// A DATE with an offset is written as its local time; the offset is not representable.
pub fn write(entries: &[MtEntry]) -> String {
    let mut out = String::with_capacity(entries.iter().map(estimate).sum());
    for e in entries {
        entry(&mut out, e);
    }
    out
}

fn estimate(e: &MtEntry) -> usize {
    let comments: usize = e.comments.iter().map(|c| c.body.len() + 200).sum();
    let pings: usize = e.pings.iter().map(|p| p.excerpt.len() + 200).sum();
    400 + e.body.len()
        + e.extended_body.len()
        + e.excerpt.len()
        + e.keywords.len()
        + comments
        + pings
}

fn entry(out: &mut String, e: &MtEntry) {
    opt_field(out, "AUTHOR", e.author.as_deref());
    opt_field(out, "TITLE", e.title.as_deref());
    opt_field(out, "BASENAME", e.basename.as_deref());
    opt_field(out, "STATUS", e.status.map(|s| s.mt_label()));
    field(out, "ALLOW COMMENTS", flag(e.allow_comments));
    field(
        out,
        "CONVERT BREAKS",
        e.convert_breaks.as_deref().unwrap_or("1"),
    );
    field(out, "ALLOW PINGS", flag(e.allow_pings));

    let primary = e
        .primary_category
        .as_deref()
        .map(one_line)
        .filter(|p| !p.is_empty());
    if let Some(p) = &primary {
        field(out, "PRIMARY CATEGORY", p);
    }
    // The primary is repeated as a CATEGORY, as MT does, so readers that only know CATEGORY
    // keep it; it goes first only when the entry does not list it itself.
    let listed: Vec<String> = e.categories.iter().map(|c| one_line(c)).collect();
    let mut categories: Vec<String> = Vec::with_capacity(listed.len() + 1);
    if let Some(p) = &primary
        && !listed.contains(p)
    {
        categories.push(p.clone());
    }
    for c in listed {
        if !c.is_empty() && !categories.contains(&c) {
            categories.push(c);
        }
    }
    for c in &categories {
        field(out, "CATEGORY", c);
    }

    if let Some(d) = &e.date {
        field(out, "DATE", &date_value(d));
    }
    let tags = join_tags(&e.tags);
    if !tags.is_empty() {
        field(out, "TAGS", &tags);
    }
    if e.no_entry {
        field(out, "NO ENTRY", "1");
    }
    for (k, v) in &e.extra {
        field(out, &one_line(k), v);
    }
    out.push_str("-----\n");

    section(out, "BODY", &e.body);
    section(out, "EXTENDED BODY", &e.extended_body);
    section(out, "EXCERPT", &e.excerpt);
    section(out, "KEYWORDS", &e.keywords);
    for c in &e.comments {
        comment(out, c);
    }
    for p in &e.pings {
        ping(out, p);
    }
    out.push_str("--------\n");
}

fn comment(out: &mut String, c: &MtComment) {
    // Every header is written, even empty, because the reader stops reading headers at a
    // repeated key: that keeps a body line such as "DATE: tomorrow" in the body.
    out.push_str("COMMENT:\n");
    field(out, "AUTHOR", &c.author);
    field(out, "EMAIL", &c.email);
    field(out, "IP", &c.ip);
    field(out, "URL", &c.url);
    field(
        out,
        "DATE",
        &c.date.as_ref().map(date_value).unwrap_or_default(),
    );
    multi(out, &c.body);
    out.push_str("-----\n");
}

fn ping(out: &mut String, p: &MtPing) {
    out.push_str("PING:\n");
    field(out, "TITLE", &p.title);
    field(out, "URL", &p.url);
    field(out, "IP", &p.ip);
    field(out, "BLOG NAME", &p.blog_name);
    field(
        out,
        "DATE",
        &p.date.as_ref().map(date_value).unwrap_or_default(),
    );
    multi(out, &p.excerpt);
    out.push_str("-----\n");
}

fn date_value(d: &MtDate) -> String {
    format_date(&d.local)
}

fn flag(value: Option<bool>) -> &'static str {
    if value == Some(true) { "1" } else { "0" }
}

fn opt_field(out: &mut String, key: &str, value: Option<&str>) {
    if let Some(v) = value {
        field(out, key, v);
    }
}

fn field(out: &mut String, key: &str, value: &str) {
    let _ = writeln!(out, "{key}: {}", one_line(value));
}

/// Single-line values cannot hold a newline; the reader trims them anyway.
fn one_line(value: &str) -> String {
    if value.contains(['\r', '\n']) {
        value.replace(['\r', '\n'], " ").trim().to_owned()
    } else {
        value.trim().to_owned()
    }
}

fn section(out: &mut String, header: &str, text: &str) {
    out.push_str(header);
    out.push_str(":\n");
    multi(out, text);
    out.push_str("-----\n");
}

/// A multi-line value followed by a newline. A line that is a separator, possibly already
/// followed by TABs, gets one more TAB, which the reader removes.
fn multi(out: &mut String, text: &str) {
    let normalised;
    let text = if text.contains('\r') {
        normalised = text.replace("\r\n", "\n").replace('\r', "\n");
        &normalised
    } else {
        text
    };
    for line in text.split('\n') {
        out.push_str(line);
        let bare = line.trim_end_matches('\t');
        if bare == "-----" || bare == "--------" {
            out.push('\t');
        }
        out.push('\n');
    }
}
