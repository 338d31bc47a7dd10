//! Use case: import a Movable Type export file into a blog, atomically.
//!
//! Dates without a zone are read in the source time zone (the blog's unless overridden);
//! permalinks use the blog's zone. A file with errors changes nothing unless the caller asks
//! to skip the invalid entries, and every problem names its line.

use crate::entry_input::{EntryInput, EntryRules, FieldProblem, Strictness, ValidEntry};
use crate::error::english;
use crate::{App, Error, now};
use tsuzuri_core::blog::parse_timezone;
use tsuzuri_core::time::from_local;
use tsuzuri_core::{EntryStatus, TextFormat};
use tsuzuri_formats::mt::{self, MtDate, MtEntry, ParseOptions, Severity};
use tsuzuri_store::{ImportSummary, NewAttachment, NewComment, NewPing};

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
        let invalid = parsed.invalid_entries();
        let mut errors: Vec<(usize, String)> = parsed
            .problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .map(|p| (p.line, p.message.clone()))
            .collect();
        let mut report = ImportReport {
            encoding: parsed.encoding.to_string(),
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
        let rules = EntryRules {
            timezone: blog_tz,
            now: now(),
            strictness: Strictness::Lenient,
        };
        let mut inputs = Vec::with_capacity(parsed.entries.len());
        let mut attachments = Vec::new();
        let mut attachment_lines = Vec::new();
        for (index, e) in parsed.entries.iter().enumerate() {
            if invalid.contains(&index) {
                continue;
            }
            if !e.no_entry {
                inputs.push((
                    e.line,
                    entry_input(e, owner.as_ref(), &source_tz, &mut report),
                ));
                continue;
            }
            match e.date.as_ref().and_then(|d| instant(d, &source_tz)) {
                Some(authored_on) => {
                    let (comments, pings) = responses(e, &source_tz, authored_on);
                    attachment_lines.push((authored_on, e.line));
                    attachments.push(NewAttachment {
                        authored_on,
                        comments,
                        pings,
                    });
                }
                None => report.warnings.push((
                    e.line,
                    "NO ENTRY record without a usable DATE cannot be matched to an entry; skipped"
                        .into(),
                )),
            }
        }
        let mut entries = Vec::with_capacity(inputs.len());
        for (line, checked) in validate_on_every_core(inputs, &rules).await? {
            match checked {
                Ok(valid) => {
                    report.warnings.extend(
                        valid
                            .warnings
                            .into_iter()
                            .map(|(f, m)| (line, format!("{}: {}", mt_field(&f), english(&m)))),
                    );
                    entries.push(valid.entry);
                }
                Err(problems) => errors.extend(
                    problems
                        .into_iter()
                        .map(|(f, m)| (line, format!("{}: {}", mt_field(&f), english(&m)))),
                ),
            }
        }
        errors.sort_by_key(|(line, _)| *line);
        if !errors.is_empty() && !opts.skip_invalid {
            return Err(Error::BadImport(errors));
        }
        report.skipped = errors;
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
}

/// The MT field an input field came from, for the report.
fn mt_field(field: &str) -> &str {
    match field {
        "title" => "TITLE",
        "body" => "BODY",
        "more" => "EXTENDED BODY",
        "basename" => "BASENAME",
        other => other,
    }
}

/// A record of the file as an entry input. Authors are matched to the blog's owner by login
/// or display name; other names are kept as written.
fn entry_input(
    e: &MtEntry,
    owner: Option<&tsuzuri_store::UserRow>,
    source_tz: &jiff::tz::TimeZone,
    report: &mut ImportReport,
) -> EntryInput {
    let authored_on = e.date.as_ref().and_then(|d| instant(d, source_tz));
    if authored_on.is_none() {
        report
            .warnings
            .push((e.line, "entry has no DATE; the import time was used".into()));
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
    let (comments, pings) = responses(e, source_tz, authored_on.unwrap_or_else(now));
    EntryInput {
        title: e.title.clone().unwrap_or_default(),
        body: e.body.clone(),
        more: e.extended_body.clone(),
        excerpt: e.excerpt.clone(),
        keywords: e.keywords.clone(),
        text_format: TextFormat(e.convert_breaks.clone().unwrap_or_else(|| "1".into())),
        status: e.status.unwrap_or(EntryStatus::Publish),
        authored_on,
        basename: e.basename.clone().unwrap_or_default(),
        categories: e
            .primary_category
            .iter()
            .chain(&e.categories)
            .cloned()
            .collect(),
        tags: e.tags.clone(),
        allow_comments: e.allow_comments.unwrap_or(true),
        allow_pings: e.allow_pings.unwrap_or(true),
        extra: e.extra.clone(),
        comments,
        pings,
        ..EntryInput::new(author_id, &author_name)
    }
}

/// Validates (and so renders and sanitises) a file's entries on every core, off the async
/// workers; results keep the file's order.
async fn validate_on_every_core(
    inputs: Vec<(usize, EntryInput)>,
    rules: &EntryRules,
) -> Result<Vec<(usize, Result<ValidEntry, Vec<FieldProblem>>)>, Error> {
    let rules = rules.clone();
    tokio::task::spawn_blocking(move || {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let per_thread = inputs.len().div_ceil(cores).max(64);
        let mut chunks: Vec<Vec<(usize, EntryInput)>> = Vec::new();
        let mut rest = inputs.into_iter().peekable();
        while rest.peek().is_some() {
            chunks.push(rest.by_ref().take(per_thread).collect());
        }
        std::thread::scope(|scope| {
            let handles: Vec<_> = chunks
                .into_iter()
                .map(|chunk| {
                    let rules = &rules;
                    scope.spawn(move || {
                        chunk
                            .into_iter()
                            .map(|(line, input)| (line, input.validate(rules)))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap_or_default())
                .collect()
        })
    })
    .await
    .map_err(|e| Error::Internal(format!("checking the entries failed: {e}")))
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

pub(crate) fn extra_from_json(json: &str) -> Vec<(String, String)> {
    serde_json::from_str(json).unwrap_or_default()
}
