//! Readers' comments: the form under an entry, the blog's policy (open, moderated, signed-in
//! users only, closed, closing after N days), the checks that hold or refuse a comment (with
//! the reasons kept for moderators), threads, and the moderation queue.
//!
//! A submitted comment is never silently lost: it is shown, held for moderation (the reader
//! is told so), or refused with a reason and the reader's text handed back.

use crate::accounts::SignedIn;
use crate::error::no_such_blog;
use crate::site::{BlogCtx, PageStatus, Rendered};
use crate::spam::FilterVerdict;
use crate::{App, Error};
use std::collections::BTreeMap;
use tsuzuri_core::BlogId;
use tsuzuri_core::ResponseStatus;
use tsuzuri_core::message::message;
use tsuzuri_core::origins::Origins;
use tsuzuri_core::{CommentPolicy, Role};
use tsuzuri_render::labels;
use tsuzuri_render::view::CommentFormView;
pub use tsuzuri_store::Moderation;
use tsuzuri_store::{EntryRow, QueuedCommentRow, ReaderComment};

/// Most comments one address may send in [`RATE_WINDOW`] seconds.
pub const RATE_LIMIT: i64 = 5;
pub const RATE_WINDOW: i64 = 600;
/// A comment sent sooner than this after its page was opened was not typed by a person.
pub const MIN_SECONDS_TO_SUBMIT: i64 = 3;
/// More links than this in a comment hold it for moderation.
pub const MAX_LINKS: usize = 2;

/// The comment form as a browser sends it.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct CommentSubmission {
    #[serde(default)]
    pub entry_id: i64,
    #[serde(default)]
    pub parent_id: String,
    #[serde(default)]
    pub author: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub url: String,
    #[serde(default)]
    pub body: String,
    /// The field hidden from people; robots fill it in.
    #[serde(default)]
    pub website: String,
    /// Unix seconds when the page was opened (set by the page's script).
    #[serde(default)]
    pub started_at: String,
}

/// The answer to a comment that was not shown: the entry page with the form as the
/// submission left it, and that form on its own (for the admin origin's comment page, which
/// never shows an owner's template).
pub struct CommentAnswer {
    pub page: Rendered,
    pub form: CommentFormView,
}

/// An entry as the admin origin's comment page shows it.
pub struct CommentTarget {
    pub blog_title: String,
    pub entry_title: String,
    pub entry_url: String,
    /// Why it takes no comments, in the blog's language.
    pub closed: Option<String>,
}

/// What became of a submitted comment.
pub enum CommentOutcome {
    /// Shown at once: send the reader to it.
    Shown { location: String },
    /// Kept but not shown (held for moderation, or as suspected spam): the entry page with a
    /// notice saying so.
    Held(CommentAnswer),
    /// Not kept: the entry page with the reasons and the reader's text.
    Refused(CommentAnswer),
}

fn count_links(text: &str) -> usize {
    text.matches("http://").count() + text.matches("https://").count()
}

fn parse_http_url(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://"))
        && url.len() > "https://".len()
        && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

fn plausible_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.chars().any(|c| c.is_whitespace() || c.is_control())
}

impl App {
    /// Why an entry takes no comments right now (in the blog's language), or None.
    pub(crate) fn comments_closed(&self, ctx: &BlogCtx, entry: &EntryRow) -> Option<String> {
        let t = labels(ctx.lang());
        let days = ctx.row.comments_close_days;
        let too_old = days > 0 && ctx.now > entry.authored_on.saturating_add(days * 86_400);
        (ctx.row.comment_policy == CommentPolicy::Closed || !entry.allow_comments || too_old)
            .then(|| t.comments_closed.to_string())
    }

    /// The form under an entry: empty, or as a refused submission left it.
    pub(crate) fn comment_form(
        &self,
        ctx: &BlogCtx,
        entry: &EntryRow,
        state: Option<CommentFormView>,
    ) -> CommentFormView {
        let mut form = state.unwrap_or_default();
        form.action = format!("{}comments", ctx.url);
        form.entry_id = entry.id;
        form.closed = self.comments_closed(ctx, entry);
        form.signed_in_only = ctx.row.comment_policy == CommentPolicy::SignedIn;
        // Sessions live on the admin origin only: signed-in readers comment there.
        form.sign_in_url = ctx
            .origins
            .admin_url(&format!("/admin/comment/{}/{}", ctx.row.slug, entry.id));
        form
    }

    /// The entry a signed-in reader comments on from the admin origin (sessions never reach
    /// blog pages): what the comment page there shows. None when it is not public.
    pub async fn comment_target(
        &self,
        origins: &Origins,
        blog_slug: &str,
        entry_id: i64,
    ) -> Result<Option<CommentTarget>, Error> {
        let Some(ctx) = self.blog_ctx(origins, blog_slug).await? else {
            return Ok(None);
        };
        let Some(path) = self
            .store
            .public_entry_path(ctx.row.blog_id(), entry_id, ctx.now)
            .await?
        else {
            return Ok(None);
        };
        let Some(entry) = self
            .store
            .find_public_entry(ctx.row.blog_id(), &path, ctx.now)
            .await?
        else {
            return Ok(None);
        };
        Ok(Some(CommentTarget {
            blog_title: ctx.row.title.clone(),
            entry_title: entry.title.clone(),
            entry_url: ctx.url_of(&path),
            closed: self.comments_closed(&ctx, &entry),
        }))
    }

    /// Takes a comment from the form under an entry. `who` is the signed-in user, if any.
    pub async fn post_comment(
        &self,
        origins: &Origins,
        blog_slug: &str,
        sub: CommentSubmission,
        ip: &str,
        who: Option<&SignedIn>,
    ) -> Result<CommentOutcome, Error> {
        let ctx = self
            .blog_ctx(origins, blog_slug)
            .await?
            .ok_or_else(|| Error::NotFound(no_such_blog(blog_slug)))?;
        let path = self
            .store
            .public_entry_path(ctx.row.blog_id(), sub.entry_id, ctx.now)
            .await?
            .ok_or_else(|| Error::NotFound(message("no-such-entry", &[("id", &sub.entry_id)])))?;
        let entry = self
            .store
            .find_public_entry(ctx.row.blog_id(), &path, ctx.now)
            .await?
            .ok_or_else(|| Error::NotFound(message("no-such-entry", &[("id", &sub.entry_id)])))?;
        // Readers are answered in the blog's language.
        let lang = ctx.lang();
        let msg = |id: &str| tsuzuri_render::i18n::tr(lang, id);

        let parent_id = sub.parent_id.trim().parse::<i64>().ok();
        let mut form = CommentFormView {
            author: sub.author.trim().to_string(),
            email: sub.email.trim().to_string(),
            url: sub.url.trim().to_string(),
            body: sub.body.replace("\r\n", "\n").trim().to_string(),
            parent_id,
            ..Default::default()
        };
        if let Some(reason) = self.comments_closed(&ctx, &entry) {
            form.notice = Some(reason);
            return Ok(CommentOutcome::Refused(
                self.page_with_form(&ctx, &path, form, PageStatus::Forbidden)
                    .await?,
            ));
        }
        let member = match who {
            Some(w) => self
                .store
                .find_blog_for_member(&ctx.row.slug, w.user_id, w.is_admin)
                .await?
                .is_some(),
            None => false,
        };
        if ctx.row.comment_policy == CommentPolicy::SignedIn && who.is_none() {
            form.notice = Some(msg("reader-comment-sign-in-first"));
            return Ok(CommentOutcome::Refused(
                self.page_with_form(&ctx, &path, form, PageStatus::Forbidden)
                    .await?,
            ));
        }
        if let Some(w) = who {
            form.author = w.display_name.clone();
        }

        // The fields.
        let mut errors = BTreeMap::new();
        if form.body.is_empty() {
            errors.insert("body".to_string(), msg("reader-comment-empty"));
        } else if form.body.chars().count() > 5000 {
            errors.insert("body".to_string(), msg("reader-comment-too-long"));
        }
        if who.is_none() {
            if form.author.is_empty() || form.author.chars().count() > 100 {
                errors.insert("author".to_string(), msg("reader-comment-name"));
            }
            if !plausible_email(&form.email) || form.email.len() > 200 {
                errors.insert("email".to_string(), msg("reader-comment-email"));
            }
            if !form.url.is_empty() && (!parse_http_url(&form.url) || form.url.len() > 500) {
                errors.insert("url".to_string(), msg("reader-comment-url"));
            }
        }
        if let Some(p) = parent_id
            && !self.store.is_reply_target(entry.id, p).await?
        {
            form.parent_id = None;
        }
        if !errors.is_empty() {
            form.errors = errors;
            return Ok(CommentOutcome::Refused(
                self.page_with_form(&ctx, &path, form, PageStatus::BadRequest)
                    .await?,
            ));
        }

        let blocklist = self.blocklist().await?;
        if !member && blocklist.ip_blocked(ip) {
            form.notice = Some(msg("reader-comment-blocked"));
            return Ok(CommentOutcome::Refused(
                self.page_with_form(&ctx, &path, form, PageStatus::Forbidden)
                    .await?,
            ));
        }

        // Sent twice (a double click, a reload): the first one stands.
        if let Some((id, status)) = self
            .store
            .duplicate_comment(entry.id, ip, &form.body, ctx.now - 86_400)
            .await?
        {
            return Ok(if status == ResponseStatus::Approved.as_str() {
                CommentOutcome::Shown {
                    location: format!("{}#comment-{id}", ctx.url_of(&path)),
                }
            } else {
                form = CommentFormView {
                    notice: Some(msg("reader-comment-duplicate")),
                    ..Default::default()
                };
                CommentOutcome::Held(
                    self.page_with_form(&ctx, &path, form, PageStatus::Accepted)
                        .await?,
                )
            });
        }
        if !member
            && self
                .store
                .comments_from_ip_since(ip, ctx.now - RATE_WINDOW)
                .await?
                >= RATE_LIMIT
        {
            form.notice = Some(msg("reader-comment-flood"));
            return Ok(CommentOutcome::Refused(
                self.page_with_form(&ctx, &path, form, PageStatus::TooManyRequests)
                    .await?,
            ));
        }

        // Spam signals: each one is a reason kept with the comment.
        let mut spam = Vec::new();
        let mut hold = Vec::new();
        if let Some(reason) =
            blocklist.spam_reason(&format!("{} {} {}", form.author, form.url, form.body))
        {
            spam.push(reason);
        }
        if !sub.website.trim().is_empty() {
            spam.push("the field hidden from people was filled in".to_string());
        }
        if let Ok(started) = sub.started_at.trim().parse::<i64>() {
            let took = ctx.now - started;
            if (0..MIN_SECONDS_TO_SUBMIT).contains(&took) {
                spam.push(format!("sent {took} s after the page was opened"));
            }
        }
        let links = count_links(&form.body) + usize::from(!form.url.is_empty());
        if links > MAX_LINKS + 1 || count_links(&form.body) > MAX_LINKS {
            hold.push(format!("{} URLs", count_links(&form.body)));
        }
        if ctx.row.comment_policy == CommentPolicy::Moderated {
            hold.push("the blog moderates every comment".to_string());
        }
        // The same text the filter learns from when the comment is moderated.
        let text = format!("{} {} {}", form.author, form.url, form.body);
        match self.filter(ctx.row.blog_id(), &text).await? {
            FilterVerdict::Spam(reason) => spam.push(reason),
            FilterVerdict::Hold(reason) => hold.push(reason),
            FilterVerdict::Pass => {}
        }
        let status = if member {
            ResponseStatus::Approved
        } else if !spam.is_empty() {
            ResponseStatus::Spam
        } else if !hold.is_empty() {
            ResponseStatus::Pending
        } else {
            ResponseStatus::Approved
        };
        let reasons = spam
            .iter()
            .chain(hold.iter())
            .cloned()
            .collect::<Vec<_>>()
            .join("; ");
        let notice = self
            .owner_notice(
                &ctx.row,
                crate::notify::Arrival {
                    kind: "comment",
                    entry_title: &entry.title,
                    entry_path: &path,
                    author: &form.author,
                    text: &form.body,
                    status,
                    reasons: &reasons,
                },
            )
            .await?;
        let id = self
            .store
            .insert_comment(&ReaderComment {
                blog: ctx.row.blog_id(),
                entry_id: entry.id,
                parent_id: form.parent_id,
                user_id: who.map(|w| w.user_id.0),
                author: &form.author,
                email: if who.is_some() { "" } else { &form.email },
                url: &form.url,
                ip,
                body: &form.body,
                status,
                reasons: &reasons,
                created_at: ctx.now,
                jobs: notice.as_slice(),
            })
            .await?;
        if status == ResponseStatus::Approved {
            self.blog_changed(&ctx.row.slug);
            return Ok(CommentOutcome::Shown {
                location: format!("{}#comment-{id}", ctx.url_of(&path)),
            });
        }
        let notice = if status == ResponseStatus::Spam {
            msg("reader-comment-held-spam")
        } else {
            msg("reader-comment-held")
        };
        let form = CommentFormView {
            notice: Some(notice),
            ..Default::default()
        };
        Ok(CommentOutcome::Held(
            self.page_with_form(&ctx, &path, form, PageStatus::Accepted)
                .await?,
        ))
    }

    /// The entry page as the answer to a comment: with the form as `form` left it.
    async fn page_with_form(
        &self,
        ctx: &BlogCtx,
        path: &str,
        form: CommentFormView,
        status: PageStatus,
    ) -> Result<CommentAnswer, Error> {
        let page = self
            .entry_page_with(ctx, path, Some(form.clone()))
            .await?
            .ok_or_else(|| Error::NotFound("the entry is no longer public".into()))?;
        Ok(CommentAnswer {
            page: Rendered { status, ..page },
            form,
        })
    }

    /// The moderation queue of a blog (owners and editors): comments with one status.
    pub async fn comment_queue(
        &self,
        who: &SignedIn,
        slug: &str,
        status: &str,
        page: i64,
    ) -> Result<(tsuzuri_store::MemberBlogRow, Vec<QueuedCommentRow>, i64), Error> {
        let blog = self.comment_moderator(who, slug).await?;
        if !["pending", "approved", "spam"].contains(&status) {
            return Err(Error::Invalid(message(
                "unknown-status",
                &[("status", &status)],
            )));
        }
        let page = page.max(1);
        let (rows, total) = self
            .store
            .comment_queue(BlogId(blog.id), status, 50, (page - 1) * 50)
            .await?;
        Ok((blog, rows, total))
    }

    /// The private address of the blog's moderation feed (owners and editors).
    pub async fn queue_feed_key(&self, who: &SignedIn, slug: &str) -> Result<String, Error> {
        let blog = self.comment_moderator(who, slug).await?;
        Ok(self
            .store
            .queue_feed_key(BlogId(blog.id), &crate::accounts::random_token())
            .await?)
    }

    /// The moderation feed (Atom) of a blog: what awaits moderation, newest first. The key
    /// in its address is the credential. None for a wrong key or blog.
    pub async fn queue_feed(
        &self,
        origins: &Origins,
        slug: &str,
        key: &str,
    ) -> Result<Option<String>, Error> {
        let Some(blog) = self.store.find_blog_by_slug(slug).await? else {
            return Ok(None);
        };
        let stored = self
            .store
            .queue_feed_key(blog.blog_id(), &crate::accounts::random_token())
            .await?;
        if key.is_empty() || !crate::accounts::secrets_match(key, &stored) {
            return Ok(None);
        }
        let (comments, _) = self
            .store
            .comment_queue(blog.blog_id(), "pending", 50, 0)
            .await?;
        let (pings, _) = self
            .store
            .ping_queue(blog.blog_id(), "pending", 50, 0)
            .await?;
        let esc = |s: &str| {
            s.replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
                .replace('"', "&quot;")
        };
        let rfc3339 = |t: i64| {
            jiff::Timestamp::from_second(t)
                .map(|ts| ts.strftime("%Y-%m-%dT%H:%M:%SZ").to_string())
                .unwrap_or_default()
        };
        let queue_url = origins.admin_url(&format!("/admin/{}/comments", blog.slug));
        let host = origins
            .admin
            .split_once("://")
            .map_or(origins.admin.as_str(), |(_, h)| h);
        let mut items: Vec<(i64, String)> = Vec::new();
        for c in &comments {
            items.push((c.created_at, format!(
                "<entry><id>tag:{host},2026:{}/comment/{}</id><title>Comment by {} on {}</title><updated>{}</updated><author><name>{}</name></author><link rel=\"alternate\" type=\"text/html\" href=\"{}\"/><content type=\"text\">{}{}</content></entry>",
                esc(&blog.slug), c.id, esc(&c.author), esc(&c.entry_title), rfc3339(c.created_at), esc(&c.author), esc(&queue_url), esc(&c.body),
                if c.reasons.is_empty() { String::new() } else { esc(&format!("\n\nHeld because: {}", c.reasons)) },
            )));
        }
        for p in &pings {
            items.push((p.created_at, format!(
                "<entry><id>tag:{host},2026:{}/ping/{}</id><title>{} from {} on {}</title><updated>{}</updated><author><name>{}</name></author><link rel=\"alternate\" type=\"text/html\" href=\"{}?kind=pings\"/><content type=\"text\">{}{}</content></entry>",
                esc(&blog.slug), p.id, esc(&p.kind), esc(&p.url), esc(&p.entry_title), rfc3339(p.created_at), esc(if p.blog_name.is_empty() { &p.url } else { &p.blog_name }), esc(&queue_url), esc(&p.excerpt),
                if p.reasons.is_empty() { String::new() } else { esc(&format!("\n\nHeld because: {}", p.reasons)) },
            )));
        }
        items.sort_by_key(|item| std::cmp::Reverse(item.0));
        let updated = items.first().map_or(blog.updated_at, |(t, _)| *t);
        let mut xml = format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"><id>tag:{host},2026:{}/moderation</id><title>Awaiting moderation: {}</title><updated>{}</updated><author><name>tsuzuri</name></author><link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
            esc(&blog.slug),
            esc(&blog.title),
            rfc3339(updated),
            esc(&queue_url)
        );
        for (_, e) in items {
            xml.push_str(&e);
        }
        xml.push_str("</feed>\n");
        Ok(Some(xml))
    }

    /// The moderation queue of a blog's TrackBacks and pings (owners and editors).
    pub async fn ping_queue(
        &self,
        who: &SignedIn,
        slug: &str,
        status: &str,
        page: i64,
    ) -> Result<
        (
            tsuzuri_store::MemberBlogRow,
            Vec<tsuzuri_store::QueuedPingRow>,
            i64,
        ),
        Error,
    > {
        let blog = self.comment_moderator(who, slug).await?;
        if !["pending", "approved", "spam"].contains(&status) {
            return Err(Error::Invalid(message(
                "unknown-status",
                &[("status", &status)],
            )));
        }
        let page = page.max(1);
        let (rows, total) = self
            .store
            .ping_queue(BlogId(blog.id), status, 50, (page - 1) * 50)
            .await?;
        Ok((blog, rows, total))
    }

    /// Approves, marks as spam or deletes pings of a blog (owners and editors).
    pub async fn moderate_pings(
        &self,
        who: &SignedIn,
        slug: &str,
        ids: &[i64],
        action: Moderation,
    ) -> Result<u64, Error> {
        let blog = self.comment_moderator(who, slug).await?;
        let n = self
            .store
            .moderate_pings(BlogId(blog.id), ids, action)
            .await?;
        self.blog_changed(&blog.slug);
        Ok(n)
    }

    /// Approves, marks as spam or deletes comments of a blog (owners and editors).
    pub async fn moderate_comments(
        &self,
        who: &SignedIn,
        slug: &str,
        ids: &[i64],
        action: Moderation,
    ) -> Result<u64, Error> {
        let blog = self.comment_moderator(who, slug).await?;
        let n = self
            .store
            .moderate_comments(BlogId(blog.id), ids, action)
            .await?;
        self.blog_changed(&blog.slug);
        Ok(n)
    }

    async fn comment_moderator(
        &self,
        who: &SignedIn,
        slug: &str,
    ) -> Result<tsuzuri_store::MemberBlogRow, Error> {
        let blog = self.managed_blog(who, slug).await?;
        if !who.is_admin && blog.role == Role::Author {
            return Err(Error::Forbidden(
                "only the blog's owner and editors moderate comments".into(),
            ));
        }
        Ok(blog)
    }
}
