//! The one way an entry is written. Every source (the editor and Movable Type files now, the
//! posting APIs and the other imports next) fills an [`EntryInput`]; [`EntryInput::validate`]
//! checks it under one set of rules and turns it into the stored entry, and
//! [`App::write_entry`] saves it together with the jobs it causes, in one transaction.

use crate::outbound::{parse_trackback_urls, send_pings_job};
use crate::{App, Error, catalog_id};
use tsuzuri_core::message::message;
use tsuzuri_core::origins::Origins;
use tsuzuri_core::permalink::entry_path;
use tsuzuri_core::slug::{basename_from_title, check_basename};
use tsuzuri_core::time::{local_year_month, to_local};
use tsuzuri_core::{BlogId, EntryStatus, TextFormat, UserId};
use tsuzuri_render::{check_body, render_body};
use tsuzuri_store::{NewComment, NewEntry, NewPing};

/// An entry as a source hands it over, before any rule is applied.
#[derive(Debug, Clone)]
pub struct EntryInput {
    pub title: String,
    pub body: String,
    pub more: String,
    pub excerpt: String,
    pub keywords: String,
    pub text_format: TextFormat,
    pub status: EntryStatus,
    /// The instant it was written; None means now.
    pub authored_on: Option<i64>,
    /// The last part of the permalink; empty means one made from the title or the time.
    pub basename: String,
    /// Category labels; the first is the primary category.
    pub categories: Vec<String>,
    pub tags: Vec<String>,
    pub allow_comments: bool,
    pub allow_pings: bool,
    pub author_id: Option<UserId>,
    pub author_name: String,
    /// Fields another system kept that tsuzuri has no column for, kept for the export.
    pub extra: Vec<(String, String)>,
    /// Responses that come with an imported entry.
    pub comments: Vec<NewComment>,
    pub pings: Vec<NewPing>,
    /// TrackBack URLs to ping once the entry is public.
    pub trackback_urls: Vec<String>,
    /// Kept as a revision: (who saved, the editor's form as JSON).
    pub revision: Option<(String, String)>,
}

impl EntryInput {
    /// A blank entry by `author_name`, published now, open to responses.
    pub fn new(author_id: Option<UserId>, author_name: &str) -> Self {
        EntryInput {
            title: String::new(),
            body: String::new(),
            more: String::new(),
            excerpt: String::new(),
            keywords: String::new(),
            text_format: TextFormat::markdown(),
            status: EntryStatus::Publish,
            authored_on: None,
            basename: String::new(),
            categories: Vec::new(),
            tags: Vec::new(),
            allow_comments: true,
            allow_pings: true,
            author_id,
            author_name: author_name.to_owned(),
            extra: Vec::new(),
            comments: Vec::new(),
            pings: Vec::new(),
            trackback_urls: Vec::new(),
            revision: None,
        }
    }
}

/// What happens to a problem that can be repaired.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strictness {
    /// A person at a form: refuse it, field by field, so they fix it as they like.
    Strict,
    /// A file or a program from elsewhere: repair what can be (an untitled entry, a basename
    /// no URL can hold) and say what was done in a warning.
    Lenient,
}

/// The blog-side facts the rules need.
#[derive(Debug, Clone)]
pub struct EntryRules {
    /// The blog's zone: the `yyyy/mm` of permalinks.
    pub timezone: jiff::tz::TimeZone,
    pub now: i64,
    pub strictness: Strictness,
}

/// A field and what is wrong with it (a catalog id, or a sentence).
pub type FieldProblem = (String, String);

/// An entry that passed the rules, ready to store.
#[derive(Debug, Clone)]
pub struct ValidEntry {
    pub entry: NewEntry,
    /// What was repaired (only under [`Strictness::Lenient`]).
    pub warnings: Vec<FieldProblem>,
}

impl ValidEntry {
    /// The blog-relative permalink path the entry asks for (an import may add a suffix).
    pub fn path(&self) -> String {
        entry_path(self.entry.year, self.entry.month, &self.entry.basename)
    }

    /// True when readers can see it at `now`.
    pub fn public_at(&self, now: i64) -> bool {
        self.entry.status == EntryStatus::Publish.as_str() && self.entry.authored_on <= now
    }
}

const MAX_TITLE_CHARS: usize = 200;

/// Keeps the first of each label, in order.
fn unique(items: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(items.len());
    for item in items {
        let item = item.trim();
        if !item.is_empty() && !out.iter().any(|o| o == item) {
            out.push(item.to_owned());
        }
    }
    out
}

/// Makes a basename written elsewhere safe for URLs, keeping it as close as possible.
fn repaired_basename(raw: &str) -> Option<String> {
    let cleaned: String = raw
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
    check_basename(&cleaned).is_ok().then_some(cleaned)
}

/// The basename of an entry whose title gives none: the day and time it was written, as
/// Movable Type does for titles in scripts without a romanisation.
fn basename_from_time(authored_on: i64, tz: &jiff::tz::TimeZone) -> String {
    let z = to_local(authored_on, tz);
    format!(
        "{:02}-{:02}{:02}{:02}",
        z.day(),
        z.hour(),
        z.minute(),
        z.second()
    )
}

impl EntryInput {
    /// Applies the rules every entry obeys, whatever it came from; Err lists every problem.
    pub fn validate(self, rules: &EntryRules) -> Result<ValidEntry, Vec<FieldProblem>> {
        let strict = rules.strictness == Strictness::Strict;
        let mut errors: Vec<FieldProblem> = Vec::new();
        let mut warnings: Vec<FieldProblem> = Vec::new();
        let title = self.title.trim().to_owned();
        if strict && title.is_empty() {
            errors.push(("title".into(), catalog_id("entry-form-error-title-missing")));
        } else if strict && title.chars().count() > MAX_TITLE_CHARS {
            errors.push(("title".into(), catalog_id("entry-form-error-title-long")));
        }
        for (field, text) in [("body", &self.body), ("more", &self.more)] {
            if let Err(why) = check_body(text) {
                errors.push((field.into(), why));
            }
        }
        let authored_on = self.authored_on.unwrap_or(rules.now);
        let asked = self.basename.trim();
        let basename = if asked.is_empty() {
            basename_from_title(&title)
                .unwrap_or_else(|| basename_from_time(authored_on, &rules.timezone))
        } else {
            match check_basename(asked) {
                Ok(()) => asked.to_owned(),
                Err(e) if strict => {
                    errors.push(("basename".into(), e.message));
                    String::new()
                }
                Err(_) => {
                    let repaired = repaired_basename(asked).unwrap_or_else(|| {
                        basename_from_title(&title)
                            .unwrap_or_else(|| basename_from_time(authored_on, &rules.timezone))
                    });
                    warnings.push((
                        "basename".into(),
                        message(
                            "basename-repaired",
                            &[("basename", &asked), ("used", &repaired)],
                        ),
                    ));
                    repaired
                }
            }
        };
        if let Err(e) = parse_trackback_urls(&self.trackback_urls.join("\n")) {
            errors.push(("trackback_urls".into(), e));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let (year, month) = local_year_month(authored_on, &rules.timezone);
        let entry = NewEntry {
            author_id: self.author_id,
            author_name: self.author_name,
            title,
            basename,
            year,
            month,
            status: self.status.as_str().to_owned(),
            body_html: render_body(&self.text_format, &self.body).into_string(),
            more_html: render_body(&self.text_format, &self.more).into_string(),
            text_format: self.text_format.0,
            body_source: self.body,
            more_source: self.more,
            excerpt: self.excerpt.trim().to_owned(),
            keywords: self.keywords,
            allow_comments: self.allow_comments,
            allow_pings: self.allow_pings,
            authored_on,
            extra: serde_json::to_string(&self.extra).unwrap_or_else(|_| "[]".into()),
            categories: unique(self.categories),
            tags: unique(self.tags),
            comments: self.comments,
            pings: self.pings,
            now: rules.now,
            revision: self.revision,
            trackback_urls: self.trackback_urls,
            jobs: Vec::new(),
        };
        Ok(ValidEntry { entry, warnings })
    }
}

/// What a save did.
#[derive(Debug, Clone)]
pub struct SavedEntry {
    pub id: i64,
    /// Blog-relative permalink path.
    pub path: String,
    /// True when readers can see it now.
    pub public: bool,
}

/// The blog an entry is written to.
#[derive(Debug, Clone, Copy)]
pub struct TargetBlog<'a> {
    pub id: BlogId,
    pub slug: &'a str,
}

impl App {
    /// Creates (`existing` None) or replaces one entry. Its pings are queued in the same
    /// transaction, to run when it is public (now, or its scheduled time); the send job
    /// finds a draft not public and does nothing.
    pub(crate) async fn write_entry(
        &self,
        origins: &Origins,
        blog: TargetBlog<'_>,
        existing: Option<i64>,
        valid: ValidEntry,
    ) -> Result<SavedEntry, Error> {
        let mut entry = valid.entry;
        let public =
            entry.status == EntryStatus::Publish.as_str() && entry.authored_on <= entry.now;
        if entry.status == EntryStatus::Publish.as_str() || !entry.trackback_urls.is_empty() {
            let run_at = entry.authored_on.max(entry.now);
            entry.jobs.push(send_pings_job(origins, blog.slug, run_at)?);
        }
        let (id, path) = match existing {
            Some(id) => {
                let path =
                    self.store
                        .update_entry(blog.id, id, &entry)
                        .await
                        .map_err(|e| match e {
                            tsuzuri_store::StoreError::Conflict(m) => {
                                Error::InvalidForm(vec![("basename".into(), m)])
                            }
                            other => other.into(),
                        })?;
                (id, path)
            }
            None => {
                let summary = self
                    .store
                    .import_entries(blog.id, std::slice::from_ref(&entry), &[])
                    .await?;
                let id = summary
                    .entry_ids
                    .first()
                    .copied()
                    .ok_or_else(|| Error::Internal("the entry was not saved".into()))?;
                let basename = summary
                    .renamed
                    .first()
                    .map_or(entry.basename.clone(), |(_, to)| to.clone());
                (id, entry_path(entry.year, entry.month, &basename))
            }
        };
        self.blog_changed(blog.slug);
        Ok(SavedEntry { id, path, public })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(strictness: Strictness) -> EntryRules {
        EntryRules {
            timezone: jiff::tz::TimeZone::get("Asia/Tokyo").expect("zone"),
            now: 1_150_350_720, // 2006-06-15 14:52 JST
            strictness,
        }
    }

    fn input(title: &str, basename: &str) -> EntryInput {
        EntryInput {
            title: title.into(),
            basename: basename.into(),
            body: "本文".into(),
            ..EntryInput::new(None, "作者")
        }
    }

    #[test]
    fn a_person_is_refused_what_a_file_gets_repaired() {
        let refused = input("", "a b")
            .validate(&rules(Strictness::Strict))
            .expect_err("refused");
        let fields: Vec<&str> = refused.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(fields, ["title", "basename"]);

        let repaired = input("", "a b")
            .validate(&rules(Strictness::Lenient))
            .expect("repaired");
        assert_eq!(repaired.entry.basename, "a_b");
        assert_eq!(repaired.warnings.len(), 1);
        assert_eq!(repaired.path(), "2006/06/a_b.html");
    }

    #[test]
    fn a_title_without_latin_letters_gets_the_time_as_basename() {
        let valid = input("日記", "")
            .validate(&rules(Strictness::Strict))
            .expect("valid");
        assert_eq!(valid.entry.basename, "15-145200");
        assert!(valid.public_at(1_150_350_720));
    }

    #[test]
    fn labels_are_kept_once_in_order_and_bodies_rendered() {
        let mut i = input("Hello", "");
        i.categories = vec!["日記".into(), " 旅行 ".into(), "日記".into()];
        i.body = "**太字**".into();
        let valid = i.validate(&rules(Strictness::Strict)).expect("valid");
        assert_eq!(valid.entry.categories, ["日記", "旅行"]);
        assert_eq!(valid.entry.body_html.trim(), "<p><strong>太字</strong></p>");
        assert_eq!(valid.entry.basename, "hello");
    }

    #[test]
    fn trackback_urls_must_be_web_addresses() {
        let mut i = input("Hello", "");
        i.trackback_urls = vec!["javascript:alert(1)".into()];
        let refused = i
            .validate(&rules(Strictness::Lenient))
            .expect_err("refused");
        assert_eq!(refused[0].0, "trackback_urls");
    }
}
