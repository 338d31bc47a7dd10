//! Helpers shared by the MT tests: parsing strings, and comparing entries modulo what the
//! format cannot carry (line numbers, the raw DATE text, offsets, untrimmed values).

use tsuzuri_formats::mt::{self, MtDate, MtEntry, ParsedFile, Problem, Severity};

pub fn parse(text: &str) -> ParsedFile {
    mt::parse(text.as_bytes(), &mt::ParseOptions::default())
}

/// Parses a single-entry file and returns the entry, failing on any error.
pub fn one(text: &str) -> MtEntry {
    let f = parse(text);
    assert_eq!(f.entries.len(), 1, "{f:#?}");
    assert!(f.invalid_entries().is_empty(), "{:#?}", f.problems);
    f.entries.into_iter().next().unwrap()
}

pub fn errors(f: &ParsedFile) -> Vec<&Problem> {
    f.problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .collect()
}

pub fn warnings(f: &ParsedFile) -> Vec<&Problem> {
    f.problems
        .iter()
        .filter(|p| p.severity == Severity::Warning)
        .collect()
}

pub fn dt(y: i16, mo: i8, d: i8, h: i8, mi: i8, s: i8) -> jiff::civil::DateTime {
    jiff::civil::date(y, mo, d).at(h, mi, s, 0)
}

fn strip_date(d: &Option<MtDate>) -> Option<MtDate> {
    d.as_ref().map(|d| MtDate {
        local: d.local,
        offset: None,
        raw: String::new(),
    })
}

/// What the reader gives back for an entry: line and raw date text cleared, offsets dropped.
pub fn comparable(e: &MtEntry) -> MtEntry {
    let mut e = e.clone();
    e.line = 0;
    e.date = strip_date(&e.date);
    for c in &mut e.comments {
        c.date = strip_date(&c.date);
    }
    for p in &mut e.pings {
        p.date = strip_date(&p.date);
    }
    e
}

pub fn one_line(s: &str) -> String {
    s.replace(['\r', '\n'], " ").trim().to_owned()
}

/// A multi-line value as the reader returns it: no leading blank lines, no trailing whitespace.
pub fn multi(s: &str) -> String {
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<&str> = s.split('\n').collect();
    let first = lines
        .iter()
        .position(|l| !l.trim().is_empty())
        .unwrap_or(lines.len());
    lines[first..].join("\n").trim_end().to_owned()
}

fn push_unique(v: &mut Vec<String>, s: String) {
    if !s.is_empty() && !v.contains(&s) {
        v.push(s);
    }
}

/// What `parse(write(e))` must give for a hand-built entry: the normalisations the format forces.
pub fn expected_after_round_trip(e: &MtEntry) -> MtEntry {
    let opt = |o: &Option<String>| o.as_deref().map(one_line);
    let primary = opt(&e.primary_category).filter(|p| !p.is_empty());
    let listed: Vec<String> = e.categories.iter().map(|c| one_line(c)).collect();
    let mut categories = Vec::new();
    if let Some(p) = &primary
        && !listed.contains(p)
    {
        categories.push(p.clone());
    }
    for c in listed {
        push_unique(&mut categories, c);
    }
    let mut tags = Vec::new();
    for t in &e.tags {
        push_unique(&mut tags, one_line(t));
    }
    let mut out = MtEntry {
        line: 0,
        author: opt(&e.author),
        title: opt(&e.title),
        basename: opt(&e.basename),
        status: e.status,
        allow_comments: Some(e.allow_comments.unwrap_or(false)),
        allow_pings: Some(e.allow_pings.unwrap_or(false)),
        convert_breaks: Some(one_line(e.convert_breaks.as_deref().unwrap_or("1"))),
        primary_category: primary,
        categories,
        date: strip_date(&e.date),
        tags,
        extra: e
            .extra
            .iter()
            .map(|(k, v)| (one_line(k), one_line(v)))
            .collect(),
        no_entry: e.no_entry,
        body: multi(&e.body),
        extended_body: multi(&e.extended_body),
        excerpt: multi(&e.excerpt),
        keywords: multi(&e.keywords),
        comments: e.comments.clone(),
        pings: e.pings.clone(),
    };
    for c in &mut out.comments {
        c.author = one_line(&c.author);
        c.email = one_line(&c.email);
        c.url = one_line(&c.url);
        c.ip = one_line(&c.ip);
        c.date = strip_date(&c.date);
        c.body = multi(&c.body);
    }
    for p in &mut out.pings {
        p.title = one_line(&p.title);
        p.url = one_line(&p.url);
        p.ip = one_line(&p.ip);
        p.blog_name = one_line(&p.blog_name);
        p.date = strip_date(&p.date);
        p.excerpt = multi(&p.excerpt);
    }
    out
}
