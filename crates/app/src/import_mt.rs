//! Use case: import a Movable Type export file into a blog, atomically.
//!
//! Dates without a zone are read in the source time zone (the blog's unless overridden);
//! permalinks use the blog's zone. A file with errors changes nothing unless the caller asks
//! to skip the invalid entries, and every problem names its line.

use crate::{App, Error, now};
use tsuzuri_core::blog::parse_timezone;
use tsuzuri_core::slug::{basename_from_title, check_basename};
use tsuzuri_core::time::{from_local, local_year_month, to_local};
use tsuzuri_core::{EntryStatus, TextFormat};
use tsuzuri_formats::mt::{self, MtDate, MtEntry, ParseOptions, Severity};
use tsuzuri_render::render_body;
use tsuzuri_store::{ImportSummary, NewAttachment, NewComment, NewEntry, NewPing};

#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Force an encoding label (e.g. "euc-jp", "shift_jis"); detected when None.
    pub encoding: Option<String>,
    /// IANA zone the file's dates were written in; the blog's zone when None.
    pub source_timezone: Option<String>,
    /// Import the valid entries and report the invalid ones instead of refusing the file.
    pub skip_invalid: bool,
}

#[derive(Debug, Clone, Default)]
pub struct ImportReport {
    pub summary: ImportSummary,
    pub encoding: String,
    /// (line, message) of entries left out because of errors (only with `skip_invalid`).
    pub skipped: Vec<(usize, String)>,
    pub warnings: Vec<(usize, String)>,
}

fn instant(date: &MtDate, tz: &jiff::tz::TimeZone) -> Option<i64> {
    match date.offset {
        Some(off) => off.to_timestamp(date.local).ok().map(|t| t.as_second()),
        None => from_local(date.local, tz),
    }
}

/// Makes a basename from an imported file safe for URLs, keeping it as close as possible.
fn usable_basename(
    raw: Option<&str>,
    title: &str,
    authored_on: i64,
    tz: &jiff::tz::TimeZone,
) -> String {
    if let Some(b) = raw.map(str::trim).filter(|b| !b.is_empty()) {
        if check_basename(b).is_ok() {
            return b.to_string();
        }
        let cleaned: String = b
            .chars()
            .map(|c| {
                if c.is_whitespace() || c.is_control() || "?#%\\\"<>".contains(c) {
                    '_'
                } else {
                    c
                }
            })
            .collect();
        let cleaned = cleaned
            .split('/')
            .filter(|s| !s.is_empty() && *s != "." && *s != "..")
            .collect::<Vec<_>>()
            .join("/");
        if check_basename(&cleaned).is_ok() {
            return cleaned;
        }
    }
    basename_from_title(title).unwrap_or_else(|| {
        let z = to_local(authored_on, tz);
        format!(
            "{:02}-{:02}{:02}{:02}",
            z.day(),
            z.hour(),
            z.minute(),
            z.second()
        )
    })
}

impl App {
    pub async fn import_mt(
        &self,
        blog_slug: &str,
        bytes: &[u8],
        opts: &ImportOptions,
    ) -> Result<ImportReport, Error> {
        let blog = self.blog(blog_slug).await?;
        let encoding = match &opts.encoding {
            Some(label) => Some(
                encoding_rs::Encoding::for_label(label.trim().as_bytes()).ok_or_else(|| {
                    Error::Invalid(format!(
                        "unknown encoding {label:?}: try utf-8, euc-jp, shift_jis or iso-2022-jp"
                    ))
                })?,
            ),
            None => None,
        };
        let blog_tz = parse_timezone(&blog.timezone)?;
        let source_tz = match &opts.source_timezone {
            Some(name) => parse_timezone(name)?,
            None => blog_tz.clone(),
        };
        let parsed = mt::parse(bytes, &ParseOptions { encoding });
        let mut invalid = parsed.invalid_entries();
        let mut errors: Vec<(usize, String)> = parsed
            .problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .map(|p| (p.line, p.message.clone()))
            .collect();
        for (index, e) in parsed.entries.iter().enumerate() {
            for (part, text) in [("BODY", &e.body), ("EXTENDED BODY", &e.extended_body)] {
                if let Err(why) = tsuzuri_render::check_body(text) {
                    errors.push((e.line, format!("{part}: {why}")));
                    invalid.insert(index);
                }
            }
        }
        errors.sort_by_key(|(line, _)| *line);
        if !errors.is_empty() && !opts.skip_invalid {
            return Err(Error::BadImport(errors));
        }
        let mut report = ImportReport {
            encoding: parsed.encoding.to_string(),
            skipped: errors,
            warnings: parsed
                .problems
                .iter()
                .filter(|p| p.severity == Severity::Warning)
                .map(|p| (p.line, p.message.clone()))
                .collect(),
            ..Default::default()
        };
        let owner = self
            .store
            .find_user(tsuzuri_core::UserId(blog.owner_id))
            .await?;
        let time = now();
        let mut entries = Vec::with_capacity(parsed.entries.len());
        let mut attachments = Vec::new();
        let mut attachment_lines = Vec::new();
        for (index, e) in parsed.entries.iter().enumerate() {
            if invalid.contains(&index) {
                continue;
            }
            if e.no_entry {
                match e.date.as_ref().and_then(|d| instant(d, &source_tz)) {
                    Some(authored_on) => {
                        let (comments, pings) = responses(e, &source_tz, authored_on);
                        attachment_lines.push((authored_on, e.line));
                        attachments.push(NewAttachment { authored_on, comments, pings });
                    }
                    None => report.warnings.push((
                        e.line,
                        "NO ENTRY record without a usable DATE cannot be matched to an entry; skipped".into(),
                    )),
                }
                continue;
            }
            entries.push(self.new_entry_from_mt(
                e,
                owner.as_ref(),
                &source_tz,
                &blog_tz,
                time,
                &mut report,
            ));
        }
        report.summary = self
            .store
            .import_entries(blog.blog_id(), &entries, &attachments)
            .await?;
        for missing in &report.summary.unattached {
            if let Some((_, line)) = attachment_lines.iter().find(|(t, _)| t == missing) {
                report.warnings.push((
                    *line,
                    "NO ENTRY record: no entry has this DATE, so its comments and pings were skipped".into(),
                ));
            }
        }
        self.blog_changed(blog_slug);
        Ok(report)
    }

    fn new_entry_from_mt(
        &self,
        e: &MtEntry,
        owner: Option<&tsuzuri_store::UserRow>,
        source_tz: &jiff::tz::TimeZone,
        blog_tz: &jiff::tz::TimeZone,
        time: i64,
        report: &mut ImportReport,
    ) -> NewEntry {
        let authored_on = match e.date.as_ref().and_then(|d| instant(d, source_tz)) {
            Some(t) => t,
            None => {
                report
                    .warnings
                    .push((e.line, "entry has no DATE; the import time was used".into()));
                time
            }
        };
        let title = e.title.clone().unwrap_or_default();
        let basename = usable_basename(e.basename.as_deref(), &title, authored_on, blog_tz);
        if e.basename.as_deref().is_some_and(|b| b.trim() != basename) {
            report.warnings.push((
                e.line,
                format!(
                    "BASENAME {:?} is not usable in a URL; {basename:?} was used",
                    e.basename.as_deref().unwrap_or("")
                ),
            ));
        }
        let (year, month) = local_year_month(authored_on, blog_tz);
        let text_format = TextFormat(e.convert_breaks.clone().unwrap_or_else(|| "1".into()));
        let mut categories = Vec::new();
        if let Some(p) = &e.primary_category {
            categories.push(p.clone());
        }
        for c in &e.categories {
            if !categories.contains(c) {
                categories.push(c.clone());
            }
        }
        let author_name = e
            .author
            .clone()
            .filter(|a| !a.is_empty())
            .or_else(|| owner.map(|o| o.display_name.clone()))
            .unwrap_or_default();
        let author_id = owner
            .filter(|o| o.login == author_name || o.display_name == author_name)
            .map(|o| o.user_id());
        let (comments, pings) = responses(e, source_tz, authored_on);
        NewEntry {
            author_id,
            author_name,
            title,
            basename,
            year,
            month,
            status: e
                .status
                .unwrap_or(EntryStatus::Publish)
                .as_str()
                .to_string(),
            body_html: render_body(&text_format, &e.body).into_string(),
            more_html: render_body(&text_format, &e.extended_body).into_string(),
            text_format: text_format.0,
            body_source: e.body.clone(),
            more_source: e.extended_body.clone(),
            excerpt: e.excerpt.clone(),
            keywords: e.keywords.clone(),
            allow_comments: e.allow_comments.unwrap_or(true),
            allow_pings: e.allow_pings.unwrap_or(true),
            authored_on,
            extra: extra_to_json(&e.extra),
            categories,
            tags: e.tags.clone(),
            comments,
            pings,
            now: time,
            revision: None,
        }
    }
}

/// The comments and pings of a record; undated ones take the entry's date.
fn responses(
    e: &MtEntry,
    source_tz: &jiff::tz::TimeZone,
    authored_on: i64,
) -> (Vec<NewComment>, Vec<NewPing>) {
    let comment_time = |d: &Option<MtDate>| {
        d.as_ref()
            .and_then(|d| instant(d, source_tz))
            .unwrap_or(authored_on)
    };
    let comments = e
        .comments
        .iter()
        .map(|c| NewComment {
            author: c.author.clone(),
            email: c.email.clone(),
            url: c.url.clone(),
            ip: c.ip.clone(),
            body: c.body.clone(),
            status: "approved".into(),
            created_at: comment_time(&c.date),
        })
        .collect();
    let pings = e
        .pings
        .iter()
        .map(|p| NewPing {
            kind: "trackback".into(),
            title: p.title.clone(),
            url: p.url.clone(),
            blog_name: p.blog_name.clone(),
            excerpt: p.excerpt.clone(),
            ip: p.ip.clone(),
            status: "approved".into(),
            created_at: comment_time(&p.date),
        })
        .collect();
    (comments, pings)
}

/// Unknown MT keys (IMAGE, CF fields) are kept as a JSON list of [key, value] pairs.
pub(crate) fn extra_to_json(extra: &[(String, String)]) -> String {
    serde_json::to_string(extra).unwrap_or_else(|_| "[]".into())
}

pub(crate) fn extra_from_json(json: &str) -> Vec<(String, String)> {
    serde_json::from_str(json).unwrap_or_default()
}
