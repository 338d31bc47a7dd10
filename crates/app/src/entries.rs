//! Use case: write and edit an entry from the admin. Same permalink rules, renderer and store
//! transaction as an import; the role decides whose entries a user may touch.

use crate::accounts::SignedIn;
use crate::{App, Error, now};
use tsuzuri_core::blog::parse_timezone;
use tsuzuri_core::origins::Origins;
use tsuzuri_core::slug::{basename_from_title, check_basename};
use tsuzuri_core::time::{from_local, local_year_month, to_local};
use tsuzuri_core::{BlogId, EntryStatus, TextFormat};
use tsuzuri_render::render_body;
use tsuzuri_store::{MemberBlogRow, NewEntry};

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

/// What a save did.
#[derive(Debug, Clone)]
pub struct SavedEntry {
    pub id: i64,
    /// Blog-relative permalink path.
    pub path: String,
    /// True when readers can see it now.
    pub public: bool,
}

const MAX_TEXT: usize = 1_000_000;

fn split_list(s: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for item in s
        .split([',', '、'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        if !out.iter().any(|o| o == item) {
            out.push(item.to_string());
        }
    }
    out
}

/// Checks a draft; every problem is reported with the field it belongs to.
pub fn check_draft(d: &EntryDraft) -> Vec<(String, String)> {
    let mut errors = Vec::new();
    let mut err = |f: &str, m: &str| errors.push((f.to_string(), m.to_string()));
    for (field, text) in [("body", &d.body), ("more", &d.more)] {
        if let Err(why) = tsuzuri_render::check_body(text) {
            err(field, &why);
        }
    }
    if d.title.trim().is_empty() {
        err(
            "title",
            &crate::catalog_id("entry-form-error-title-missing"),
        );
    } else if d.title.chars().count() > 200 {
        err("title", &crate::catalog_id("entry-form-error-title-long"));
    }
    if d.body.len() > MAX_TEXT || d.more.len() > MAX_TEXT {
        err("body", &crate::catalog_id("entry-form-error-too-long"));
    }
    if !["markdown", "0", "__default__"].contains(&d.text_format.as_str()) {
        err("text_format", &crate::catalog_id("entry-form-error-format"));
    }
    if !["draft", "publish"].contains(&d.status.as_str()) {
        err("status", &crate::catalog_id("entry-form-error-status"));
    }
    if !d.date.trim().is_empty() && parse_local(&d.date).is_none() {
        err("date", &crate::catalog_id("entry-form-error-date"));
    }
    if !d.basename.trim().is_empty()
        && let Err(e) = check_basename(d.basename.trim())
    {
        err("basename", &e.message);
    }
    if let Err(e) = crate::outbound::parse_trackback_urls(&d.trackback_urls) {
        err(
            "trackback_urls",
            &format!("{e}; give one TrackBack URL per line."),
        );
    }
    errors
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
        if who.is_admin || blog.role != "author" || author == Some(who.user_id.0) {
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
        let errors = check_draft(d);
        if !errors.is_empty() {
            return Err(Error::InvalidForm(errors));
        }
        let tz = parse_timezone(&blog.timezone)?;
        let t = now();
        let authored_on = match parse_local(&d.date) {
            Some(dt) => from_local(dt, &tz).ok_or_else(|| {
                Error::InvalidForm(vec![(
                    "date".into(),
                    crate::catalog_id("entry-form-error-date-missing"),
                )])
            })?,
            None => t,
        };
        let title = d.title.trim().to_string();
        let basename = match d.basename.trim() {
            "" => basename_from_title(&title).unwrap_or_else(|| {
                let z = to_local(authored_on, &tz);
                format!(
                    "{:02}-{:02}{:02}{:02}",
                    z.day(),
                    z.hour(),
                    z.minute(),
                    z.second()
                )
            }),
            b => b.to_string(),
        };
        let (year, month) = local_year_month(authored_on, &tz);
        let format = TextFormat(d.text_format.clone());
        let status = EntryStatus::parse(&d.status).unwrap_or(EntryStatus::Draft);
        let new = NewEntry {
            author_id: Some(who.user_id),
            author_name: who.display_name.clone(),
            title,
            basename,
            year,
            month,
            status: status.as_str().to_string(),
            body_html: render_body(&format, &d.body).into_string(),
            more_html: render_body(&format, &d.more).into_string(),
            text_format: format.0,
            body_source: d.body.clone(),
            more_source: d.more.clone(),
            excerpt: d.excerpt.trim().to_string(),
            keywords: String::new(),
            allow_comments: d.allow_comments,
            allow_pings: d.allow_pings,
            authored_on,
            extra: "[]".into(),
            categories: split_list(&d.categories),
            tags: split_list(&d.tags),
            comments: Vec::new(),
            pings: Vec::new(),
            now: t,
            revision: Some((
                who.login.clone(),
                serde_json::to_string(d).unwrap_or_default(),
            )),
        };
        let blog_id = BlogId(blog.id);
        let (id, path) = match entry_id {
            Some(id) => {
                let path =
                    self.store
                        .update_entry(blog_id, id, &new)
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
                    .import_entries(blog_id, std::slice::from_ref(&new), &[])
                    .await?;
                let id = summary
                    .entry_ids
                    .first()
                    .copied()
                    .ok_or_else(|| Error::Internal("the entry was not saved".into()))?;
                let basename = summary
                    .renamed
                    .first()
                    .map(|(_, to)| to.clone())
                    .unwrap_or(new.basename.clone());
                (
                    id,
                    tsuzuri_core::permalink::entry_path(year, month, &basename),
                )
            }
        };
        self.blog_changed(blog_slug);
        let trackback_urls =
            crate::outbound::parse_trackback_urls(&d.trackback_urls).unwrap_or_default();
        if status == EntryStatus::Publish || !trackback_urls.is_empty() {
            self.schedule_pings(
                origins,
                blog_id,
                blog_slug,
                id,
                authored_on,
                &trackback_urls,
            )
            .await?;
        }
        Ok(SavedEntry {
            id,
            path,
            public: status == EntryStatus::Publish && authored_on <= t,
        })
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
        let errors = check_draft(d);
        if !errors.is_empty() {
            return Err(Error::InvalidForm(errors));
        }
        let tz = parse_timezone(&blog.timezone)?;
        let authored_on = parse_local(&d.date)
            .and_then(|dt| from_local(dt, &tz))
            .unwrap_or_else(now);
        let (year, month) = local_year_month(authored_on, &tz);
        let format = TextFormat(d.text_format.clone());
        let basename = match d.basename.trim() {
            "" => basename_from_title(d.title.trim()).unwrap_or_else(|| "preview".into()),
            b => b.to_string(),
        };
        self.store_preview(
            origins,
            &blog,
            &crate::site::PreviewEntry {
                title: d.title.trim().to_string(),
                author: who.display_name.clone(),
                body_html: render_body(&format, &d.body).into_string(),
                more_html: render_body(&format, &d.more).into_string(),
                authored_on,
                path: tsuzuri_core::permalink::entry_path(year, month, &basename),
                categories: split_list(&d.categories),
                tags: split_list(&d.tags),
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
        assert_eq!(split_list("日記、 旅行, 日記,,"), ["日記", "旅行"]);
    }
}
