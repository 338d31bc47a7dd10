//! Use case: write and edit an entry from the admin's editor. The form becomes an
//! [`EntryInput`] checked by the rules every source obeys; the role decides whose entries a
//! user may touch.

use crate::accounts::SignedIn;
pub use crate::entry_input::SavedEntry;
use crate::entry_input::{
    EntryInput, EntryRules, FieldProblem, Strictness, TargetBlog, ValidEntry,
};
use crate::{App, Error, catalog_id, now};
use tsuzuri_core::Role;
use tsuzuri_core::blog::parse_timezone;
use tsuzuri_core::origins::Origins;
use tsuzuri_core::time::{from_local, to_local};
use tsuzuri_core::{BlogId, EntryStatus, TextFormat, UserId};
use tsuzuri_store::MemberBlogRow;

/// An entry as the editor form holds it: text in, text out, so a form that fails validation
/// comes back exactly as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct EntryDraft {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    pub more: String,
    #[serde(default)]
    pub excerpt: String,
    /// `markdown`, `0` (HTML) or `__default__` (convert line breaks).
    #[serde(default)]
    pub text_format: String,
    /// `draft` or `publish` (a publish date in the future schedules the entry).
    #[serde(default)]
    pub status: String,
    /// Local date and time in the blog's zone, `YYYY-MM-DDTHH:MM`; empty means now.
    #[serde(default)]
    pub date: String,
    /// Empty means generated from the title (or the time).
    #[serde(default)]
    pub basename: String,
    /// Comma-separated category labels; the first is the primary category.
    #[serde(default)]
    pub categories: String,
    /// Comma-separated tags.
    #[serde(default)]
    pub tags: String,
    #[serde(default)]
    pub allow_comments: bool,
    #[serde(default)]
    pub allow_pings: bool,
    /// TrackBack URLs to ping, one per line: sent when the entry is public, then shown
    /// with their results rather than in this box.
    #[serde(default)]
    pub trackback_urls: String,
}

impl EntryDraft {
    pub fn blank() -> Self {
        EntryDraft {
            text_format: "markdown".into(),
            status: "draft".into(),
            allow_comments: true,
            allow_pings: true,
            ..Default::default()
        }
    }
}

fn split_list(s: &str) -> Vec<String> {
    s.split([',', '、']).map(str::to_owned).collect()
}

impl EntryDraft {
    /// Reads the form into an entry input: the fields only a form has (its spellings of
    /// formats and statuses, local dates, the TrackBack box) are checked here, the rest by
    /// [`EntryInput::validate`]. Err lists every problem of both.
    pub fn to_valid_entry(
        &self,
        author: (Option<UserId>, &str),
        rules: &EntryRules,
    ) -> Result<ValidEntry, Vec<FieldProblem>> {
        let mut errors: Vec<FieldProblem> = Vec::new();
        let mut err = |f: &str, id: &'static str| errors.push((f.to_owned(), catalog_id(id)));
        if !["markdown", "0", "__default__"].contains(&self.text_format.as_str()) {
            err("text_format", "entry-form-error-format");
        }
        let status = match self.status.as_str() {
            "publish" => EntryStatus::Publish,
            "draft" => EntryStatus::Draft,
            _ => {
                err("status", "entry-form-error-status");
                EntryStatus::Draft
            }
        };
        let authored_on = match self.date.trim() {
            "" => None,
            typed => match parse_local(typed) {
                None => {
                    err("date", "entry-form-error-date");
                    None
                }
                Some(dt) => {
                    let t = from_local(dt, &rules.timezone);
                    if t.is_none() {
                        err("date", "entry-form-error-date-missing");
                    }
                    t
                }
            },
        };
        let trackback_urls = match crate::outbound::parse_trackback_urls(&self.trackback_urls) {
            Ok(urls) => urls,
            Err(e) => {
                errors.push(("trackback_urls".into(), e));
                Vec::new()
            }
        };
        let input = EntryInput {
            title: self.title.clone(),
            body: self.body.clone(),
            more: self.more.clone(),
            excerpt: self.excerpt.clone(),
            text_format: TextFormat(self.text_format.clone()),
            status,
            authored_on,
            basename: self.basename.clone(),
            categories: split_list(&self.categories),
            tags: split_list(&self.tags),
            allow_comments: self.allow_comments,
            allow_pings: self.allow_pings,
            trackback_urls,
            ..EntryInput::new(author.0, author.1)
        };
        match input.validate(rules) {
            Ok(valid) if errors.is_empty() => Ok(valid),
            Ok(_) => Err(errors),
            Err(more) => {
                errors.extend(more);
                Err(errors)
            }
        }
    }
}

/// Checks a draft; every problem is reported with the field it belongs to.
pub fn check_draft(d: &EntryDraft) -> Vec<FieldProblem> {
    let rules = EntryRules {
        timezone: jiff::tz::TimeZone::UTC,
        now: now(),
        strictness: Strictness::Strict,
    };
    d.to_valid_entry((None, ""), &rules)
        .err()
        .unwrap_or_default()
}

fn parse_local(s: &str) -> Option<jiff::civil::DateTime> {
    let s = s.trim();
    jiff::civil::DateTime::strptime("%Y-%m-%dT%H:%M", s)
        .or_else(|_| jiff::civil::DateTime::strptime("%Y-%m-%dT%H:%M:%S", s))
        .ok()
}

impl App {
    pub(crate) async fn managed_blog(
        &self,
        who: &SignedIn,
        slug: &str,
    ) -> Result<MemberBlogRow, Error> {
        self.store
            .find_blog_for_member(slug, who.user_id, who.is_admin)
            .await?
            .ok_or_else(|| Error::NotFound(crate::catalog_id("entries-error-no-blog")))
    }

    /// Authors may touch only their own entries; editors, owners and host administrators any.
    pub(crate) async fn check_may_edit(
        &self,
        who: &SignedIn,
        blog: &MemberBlogRow,
        entry_id: i64,
    ) -> Result<(), Error> {
        let author = self
            .store
            .entry_author(BlogId(blog.id), entry_id)
            .await?
            .ok_or_else(|| Error::NotFound(crate::catalog_id("entries-error-no-entry")))?;
        if who.is_admin || blog.role != Role::Author || author == Some(who.user_id.0) {
            Ok(())
        } else {
            Err(Error::Forbidden(crate::catalog_id("entries-error-not-own")))
        }
    }

    /// The form contents of an existing entry.
    pub async fn entry_draft(
        &self,
        who: &SignedIn,
        blog_slug: &str,
        entry_id: i64,
    ) -> Result<EntryDraft, Error> {
        let blog = self.managed_blog(who, blog_slug).await?;
        self.check_may_edit(who, &blog, entry_id).await?;
        let full = self
            .store
            .entry_for_edit(BlogId(blog.id), entry_id)
            .await?
            .ok_or_else(|| Error::NotFound(crate::catalog_id("entries-error-no-entry")))?;
        let tz = parse_timezone(&blog.timezone)?;
        let e = full.entry;
        if e.status == "trash" {
            return Err(Error::Conflict(crate::catalog_id("entries-error-in-trash")));
        }
        Ok(EntryDraft {
            title: e.title,
            body: e.body_source,
            more: e.more_source,
            excerpt: e.excerpt,
            text_format: e.text_format,
            status: if e.status == "publish" {
                "publish".into()
            } else {
                "draft".into()
            },
            date: to_local(e.authored_on, &tz)
                .strftime("%Y-%m-%dT%H:%M")
                .to_string(),
            basename: e.basename,
            categories: full
                .categories
                .into_iter()
                .map(|(l, _)| l)
                .collect::<Vec<_>>()
                .join(", "),
            tags: full.tags.join(", "),
            allow_comments: e.allow_comments,
            allow_pings: e.allow_pings,
            trackback_urls: String::new(),
        })
    }

    /// Creates (`entry_id` None) or updates an entry from the editor.
    pub async fn save_entry(
        &self,
        who: &SignedIn,
        origins: &Origins,
        blog_slug: &str,
        entry_id: Option<i64>,
        d: &EntryDraft,
    ) -> Result<SavedEntry, Error> {
        let blog = self.managed_blog(who, blog_slug).await?;
        if let Some(id) = entry_id {
            self.check_may_edit(who, &blog, id).await?;
            let in_trash = self
                .store
                .entry_for_edit(BlogId(blog.id), id)
                .await?
                .is_some_and(|f| f.entry.status == "trash");
            if in_trash {
                return Err(Error::Conflict(crate::catalog_id("entries-error-in-trash")));
            }
        }
        let rules = EntryRules {
            timezone: parse_timezone(&blog.timezone)?,
            now: now(),
            strictness: Strictness::Strict,
        };
        let mut valid = d
            .to_valid_entry((Some(who.user_id), &who.display_name), &rules)
            .map_err(Error::InvalidForm)?;
        valid.entry.revision = Some((
            who.login.clone(),
            serde_json::to_string(d).unwrap_or_default(),
        ));
        let target = TargetBlog {
            id: BlogId(blog.id),
            slug: blog_slug,
        };
        self.write_entry(origins, target, entry_id, valid).await
    }
}

impl App {
    /// The public URL path (`/blog/yyyy/mm/x.html`) of an entry readers can see now, if any.
    pub async fn public_url_of(
        &self,
        origins: &Origins,
        blog: &MemberBlogRow,
        entry_id: i64,
    ) -> Result<Option<String>, Error> {
        let Some(full) = self.store.entry_for_edit(BlogId(blog.id), entry_id).await? else {
            return Ok(None);
        };
        let e = full.entry;
        Ok((e.status == "publish" && e.authored_on <= now()).then(|| {
            format!(
                "{}{}",
                origins.blog_url(&blog.slug),
                crate::site::encode_path(&e.path)
            )
        }))
    }
}

/// A kept revision, as the list shows it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct RevisionSummary {
    pub id: i64,
    pub saved_at: String,
    pub saved_by: String,
    pub title: String,
}

/// One revision compared with the entry as it is now.
#[derive(Debug, Clone, serde::Serialize)]
pub struct RevisionComparison {
    pub id: i64,
    pub saved_at: String,
    pub saved_by: String,
    pub title_then: String,
    pub title_now: String,
    /// Body and continued part, from the revision to now.
    pub body: Vec<tsuzuri_core::diff::DiffLine>,
    pub more: Vec<tsuzuri_core::diff::DiffLine>,
}

impl App {
    async fn revision_rows(
        &self,
        who: &SignedIn,
        blog_slug: &str,
        entry_id: i64,
    ) -> Result<(MemberBlogRow, Vec<tsuzuri_store::RevisionRow>), Error> {
        let blog = self.managed_blog(who, blog_slug).await?;
        self.check_may_edit(who, &blog, entry_id).await?;
        let rows = self.store.revisions(BlogId(blog.id), entry_id).await?;
        Ok((blog, rows))
    }

    pub fn saved_at(blog: &MemberBlogRow, unix: i64) -> String {
        let settings = tsuzuri_core::BlogSettings {
            lang: tsuzuri_core::Lang::parse(&blog.lang).unwrap_or_default(),
            timezone: parse_timezone(&blog.timezone).unwrap_or(jiff::tz::TimeZone::UTC),
        };
        tsuzuri_render::dates::format_datetime(unix, &settings)
    }

    /// Revisions of an entry, newest first.
    pub async fn revisions(
        &self,
        who: &SignedIn,
        blog_slug: &str,
        entry_id: i64,
    ) -> Result<Vec<RevisionSummary>, Error> {
        let (blog, rows) = self.revision_rows(who, blog_slug, entry_id).await?;
        Ok(rows
            .iter()
            .map(|r| RevisionSummary {
                id: r.id,
                saved_at: Self::saved_at(&blog, r.created_at),
                saved_by: r.saved_by.clone(),
                title: serde_json::from_str::<EntryDraft>(&r.data)
                    .map(|d| d.title)
                    .unwrap_or_default(),
            })
            .collect())
    }

    async fn revision_draft(
        &self,
        who: &SignedIn,
        blog_slug: &str,
        entry_id: i64,
        revision: i64,
    ) -> Result<(MemberBlogRow, tsuzuri_store::RevisionRow, EntryDraft), Error> {
        let (blog, rows) = self.revision_rows(who, blog_slug, entry_id).await?;
        let row = rows
            .into_iter()
            .find(|r| r.id == revision)
            .ok_or_else(|| Error::NotFound(crate::catalog_id("entries-error-no-revision")))?;
        let draft: EntryDraft = serde_json::from_str(&row.data)
            .map_err(|e| Error::Internal(format!("revision {revision} cannot be read: {e}")))?;
        Ok((blog, row, draft))
    }

    /// A revision compared with the current text.
    pub async fn compare_revision(
        &self,
        who: &SignedIn,
        blog_slug: &str,
        entry_id: i64,
        revision: i64,
    ) -> Result<RevisionComparison, Error> {
        let (blog, row, then) = self
            .revision_draft(who, blog_slug, entry_id, revision)
            .await?;
        let now = self.entry_draft(who, blog_slug, entry_id).await?;
        Ok(RevisionComparison {
            id: row.id,
            saved_at: Self::saved_at(&blog, row.created_at),
            saved_by: row.saved_by,
            body: tsuzuri_core::diff::diff_lines(&then.body, &now.body),
            more: tsuzuri_core::diff::diff_lines(&then.more, &now.more),
            title_then: then.title,
            title_now: now.title,
        })
    }

    /// Puts a revision back: saved like any edit, so it becomes the newest revision and the
    /// state it replaces stays in the history.
    pub async fn restore_revision(
        &self,
        who: &SignedIn,
        origins: &Origins,
        blog_slug: &str,
        entry_id: i64,
        revision: i64,
    ) -> Result<SavedEntry, Error> {
        let (_, _, mut draft) = self
            .revision_draft(who, blog_slug, entry_id, revision)
            .await?;
        // Listed TrackBack URLs were queued when that revision was saved.
        draft.trackback_urls.clear();
        self.save_entry(who, origins, blog_slug, Some(entry_id), &draft)
            .await
    }
}

impl App {
    /// Keeps the draft, unsaved, for a preview with its blog's theme, and returns the
    /// address on the blog's origin that shows it (`App::preview_page`).
    pub async fn preview_entry(
        &self,
        who: &SignedIn,
        blog_slug: &str,
        origins: &Origins,
        d: &EntryDraft,
    ) -> Result<String, Error> {
        let blog = self.managed_blog(who, blog_slug).await?;
        let rules = EntryRules {
            timezone: parse_timezone(&blog.timezone)?,
            now: now(),
            strictness: Strictness::Strict,
        };
        let valid = d
            .to_valid_entry((Some(who.user_id), &who.display_name), &rules)
            .map_err(Error::InvalidForm)?;
        let path = valid.path();
        let e = valid.entry;
        self.store_preview(
            origins,
            &blog,
            &crate::site::PreviewEntry {
                title: e.title,
                author: e.author_name,
                body_html: e.body_html,
                more_html: e.more_html,
                authored_on: e.authored_on,
                path,
                categories: e.categories,
                tags: e.tags,
            },
        )
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drafts_are_checked_field_by_field() {
        let mut d = EntryDraft::blank();
        let fields: Vec<String> = check_draft(&d).into_iter().map(|(f, _)| f).collect();
        assert_eq!(fields, ["title"]);
        d.title = "ok".into();
        d.date = "yesterday".into();
        d.basename = "a b".into();
        d.status = "maybe".into();
        let fields: Vec<String> = check_draft(&d).into_iter().map(|(f, _)| f).collect();
        assert_eq!(fields, ["status", "date", "basename"]);
        d.date = "2006-06-15T14:52".into();
        d.basename = "hello/world".into();
        d.status = "publish".into();
        assert!(check_draft(&d).is_empty());
    }

    #[test]
    fn lists_split_on_ascii_and_japanese_commas() {
        let mut d = EntryDraft::blank();
        d.title = "ok".into();
        d.categories = "日記、 旅行, 日記,,".into();
        let rules = EntryRules {
            timezone: jiff::tz::TimeZone::UTC,
            now: 0,
            strictness: Strictness::Strict,
        };
        let valid = d.to_valid_entry((None, ""), &rules).expect("valid");
        assert_eq!(valid.entry.categories, ["日記", "旅行"]);
    }
}
