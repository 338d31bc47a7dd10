//! Telling a blog's owner by e-mail that a comment or ping arrived (when the operator has
//! configured SMTP): one durable job per message, so a slow or down mail server delays
//! the mail, never the reader, and a failure is retried. Spam is not mailed; it waits in
//! the queue and is purged.

use crate::{App, Error, now};
use tsuzuri_core::ResponseStatus;
use tsuzuri_core::{Lang, UserId};
use tsuzuri_render::i18n::{Arg, tr, tr_with};
use tsuzuri_store::{BlogRow, NewJob};

/// Job kind of a notification mail.
pub const NOTIFY_OWNER: &str = "notify_owner";

#[derive(serde::Serialize, serde::Deserialize)]
struct NoticePayload {
    owner_id: i64,
    subject: String,
    body: String,
}

/// The mail sender for `--smtp-url` and `--mail-from`.
pub fn mailer(url: &str, from: &str) -> Result<tsuzuri_net::mail::Mailer, Error> {
    tsuzuri_net::mail::Mailer::new(url, from).map_err(|e| Error::Invalid(e.to_string()))
}

/// What arrived, for the mail.
pub(crate) struct Arrival<'a> {
    /// `comment`, `trackback`, `pingback` or `webmention`.
    pub kind: &'a str,
    pub entry_title: &'a str,
    /// Blog-relative path of the entry.
    pub entry_path: &'a str,
    pub author: &'a str,
    pub text: &'a str,
    /// Spam is not mailed.
    pub status: ResponseStatus,
    pub reasons: &'a str,
}

impl App {
    /// The job that mails `blog`'s owner about `a`, to queue with the write that records it;
    /// none without SMTP or for spam.
    pub(crate) async fn owner_notice(
        &self,
        blog: &BlogRow,
        a: Arrival<'_>,
    ) -> Result<Option<NewJob>, Error> {
        let Some((_, origins)) = &self.mailer else {
            return Ok(None);
        };
        if a.status == ResponseStatus::Spam {
            return Ok(None);
        }
        let entry_url = format!(
            "{}{}",
            origins.blog_url(&blog.slug),
            tsuzuri_core::permalink::encode_path(a.entry_path)
        );
        // The owner's own language; else the blog's, the one they write in.
        let owner = self.store.find_user(UserId(blog.owner_id)).await?;
        let lang = owner
            .and_then(|o| o.lang)
            .and_then(|l| Lang::parse(&l).ok())
            .unwrap_or_else(|| Lang::parse(&blog.lang).unwrap_or_default());
        let queue = origins.admin_url(&format!(
            "/admin/{}/comments{}",
            blog.slug,
            if a.kind == "comment" {
                ""
            } else {
                "?kind=pings"
            }
        ));
        let what = tr(
            lang,
            match a.kind {
                "comment" => "mail-kind-comment",
                "trackback" => "mail-kind-trackback",
                "pingback" => "mail-kind-pingback",
                _ => "mail-kind-webmention",
            },
        );
        let text = |s: &str| Arg::Text(s.to_owned());
        let subject = tr_with(
            lang,
            "mail-arrival-subject",
            &[
                ("blog", text(&blog.title)),
                ("entry", text(a.entry_title)),
                ("author", text(a.author)),
                ("kind", text(&what)),
            ],
        );
        let state = if a.status == ResponseStatus::Pending {
            tr_with(
                lang,
                "mail-arrival-pending",
                &[("reasons", text(a.reasons)), ("url", text(&queue))],
            )
        } else {
            tr_with(lang, "mail-arrival-shown", &[("url", text(&queue))])
        };
        let excerpt = tsuzuri_protocols::trackback::truncate(a.text.trim(), 1000);
        let body = format!(
            "{}\n{}\n\n{}\n\n{excerpt}\n\n{state}\n",
            a.entry_title,
            entry_url,
            tr_with(lang, "mail-arrival-from", &[("author", text(a.author))]),
        );
        let payload = NoticePayload {
            owner_id: blog.owner_id,
            subject,
            body,
        };
        NewJob::new(NOTIFY_OWNER, &payload, now())
            .map(Some)
            .map_err(|e| Error::Internal(e.to_string()))
    }

    /// The [`NOTIFY_OWNER`] job.
    pub(crate) async fn send_notice(&self, payload: &str) -> Result<(), String> {
        let p: NoticePayload =
            serde_json::from_str(payload).map_err(|e| format!("bad payload: {e}"))?;
        let Some((mailer, _)) = &self.mailer else {
            return Ok(()); // SMTP was switched off since: nothing to send with
        };
        let Some(owner) = self
            .store
            .find_user(tsuzuri_core::UserId(p.owner_id))
            .await
            .map_err(|e| e.to_string())?
        else {
            return Ok(());
        };
        if owner.email.is_empty() {
            return Ok(());
        }
        mailer
            .send(&owner.email, &p.subject, &p.body)
            .await
            .map_err(|e| e.to_string())
    }
}
