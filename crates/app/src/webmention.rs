//! Receiving Webmentions: the request is checked at once (202 Accepted), the source is
//! verified later by a durable job (fetched through the guarded client, must link to the
//! entry, read as microformats2 to tell replies, likes and reposts apart). A later
//! notification of the same source updates the mention; a source that is gone (410) or no
//! longer links removes it.

use crate::{App, Error, now};
use tsuzuri_core::PingPolicy;
use tsuzuri_core::ResponseStatus;
use tsuzuri_core::origins::Origins;
use tsuzuri_protocols::{linkback, mf2};
use tsuzuri_store::ReceivedPing;

/// Job kind of a Webmention verification.
pub const VERIFY_WEBMENTION: &str = "verify_webmention";

#[derive(serde::Serialize, serde::Deserialize)]
struct VerifyPayload {
    source: String,
    target: String,
    #[serde(alias = "base", deserialize_with = "crate::jobs::origins_compat")]
    origins: Origins,
    blog: String,
    path: String,
    ip: String,
}

impl App {
    /// Checks a Webmention request and queues its verification. Err(message) is a 400.
    pub async fn receive_webmention(
        &self,
        origins: &Origins,
        source: &str,
        target: &str,
        ip: &str,
    ) -> Result<Result<(), String>, Error> {
        let http = |u: &str| {
            let l = u.to_ascii_lowercase();
            (l.starts_with("http://") || l.starts_with("https://"))
                && !u.contains(char::is_whitespace)
        };
        if !http(source) || !http(target) {
            return Ok(Err("source and target must both be http(s) URLs.".into()));
        }
        if source.split('#').next() == target.split('#').next() {
            return Ok(Err("source and target must be different pages.".into()));
        }
        let Some((blog, path)) = crate::pings::site_path_of(origins, target) else {
            return Ok(Err("target is not a page of this site.".into()));
        };
        let (blog, path) = (blog.as_str(), path.as_str());
        let Some(ctx) = self.blog_ctx(origins, blog).await? else {
            return Ok(Err(
                "target is not an entry that accepts Webmentions.".into()
            ));
        };
        let Some(entry) = self
            .store
            .find_public_entry(ctx.row.blog_id(), path, ctx.now)
            .await?
        else {
            return Ok(Err(
                "target is not an entry that accepts Webmentions.".into()
            ));
        };
        if ctx.row.ping_policy == PingPolicy::Closed || !entry.allow_pings {
            return Ok(Err("this entry does not accept Webmentions.".into()));
        }
        let blocklist = self.blocklist().await?;
        if blocklist.ip_blocked(ip) || blocklist.blocked_domain(source).is_some() {
            return Ok(Err("Webmentions from this source are not accepted.".into()));
        }
        if self
            .store
            .pings_from_ip_since(ip, ctx.now - crate::pings::PING_RATE_WINDOW)
            .await?
            >= crate::pings::PING_RATE_LIMIT
        {
            return Ok(Err(
                "too many Webmentions from your address; try again later.".into(),
            ));
        }
        if self.source_host_throttled(source, ctx.now).await? {
            return Ok(Err(
                "too many Webmentions from your site; try again later.".into()
            ));
        }
        let payload = serde_json::to_string(&VerifyPayload {
            source: source.to_owned(),
            target: target.to_owned(),
            origins: origins.clone(),
            blog: blog.to_owned(),
            path: path.to_owned(),
            ip: ip.to_owned(),
        })
        .map_err(|e| Error::Internal(e.to_string()))?;
        self.store
            .enqueue_job(VERIFY_WEBMENTION, &payload, now())
            .await?;
        Ok(Ok(()))
    }

    /// Err is a failure worth retrying (the source could not be reached).
    pub(crate) async fn verify_webmention(&self, payload: &str) -> Result<(), String> {
        let p: VerifyPayload =
            serde_json::from_str(payload).map_err(|e| format!("bad payload: {e}"))?;
        let ctx = match self.blog_ctx(&p.origins, &p.blog).await {
            Ok(Some(c)) => c,
            Ok(None) => return Ok(()),
            Err(e) => return Err(e.to_string()),
        };
        let entry = match self
            .store
            .find_public_entry(ctx.row.blog_id(), &p.path, ctx.now)
            .await
        {
            Ok(Some(e)) => e,
            Ok(None) => return Ok(()),
            Err(e) => return Err(e.to_string()),
        };
        let page = match self.outbound.get(&p.source).await {
            Ok(page) => page,
            Err(tsuzuri_net::OutboundError::Refused(e)) => {
                tracing::info!(source = %p.source, error = %e, "webmention source refused");
                return Ok(());
            }
            Err(e) => return Err(e.to_string()),
        };
        let entry_url = ctx.url_of(&entry.path);
        let ok_status = (200..300).contains(&page.status);
        let targets = [entry_url.clone(), p.target.clone()];
        // A stranger's page: read off the async workers, within the nesting budget.
        let read = crate::cpu::off_the_async_workers(move || {
            let html = linkback::decode_html(&page.body, page.content_type.as_deref());
            let links = ok_status
                && linkback::links_to(&html, &page.final_url, &[&targets[0], &targets[1]]);
            links.then(|| mf2::classify(&html, &page.final_url, &targets[0]))
        })
        .await
        .map_err(|e| e.to_string())?;
        let Some(m) = read else {
            // 410 Gone, another error, or no link (any more): nothing to show.
            if self
                .store
                .delete_webmention(entry.id, &p.source)
                .await
                .map_err(|e| e.to_string())?
            {
                self.blog_changed(&ctx.row.slug);
            }
            return Ok(());
        };
        let host = crate::pings::url_host(&p.source);
        let (status, mut reasons) = if ctx.row.ping_policy == PingPolicy::Moderated {
            (
                ResponseStatus::Pending,
                "the blog moderates every ping".to_string(),
            )
        } else {
            (ResponseStatus::Approved, String::new())
        };
        if let Some(why) = m.limited {
            reasons = if reasons.is_empty() {
                why.to_string()
            } else {
                format!("{reasons}; {why}")
            };
        }
        let title = if m.title.is_empty() {
            p.source.clone()
        } else {
            m.title
        };
        let text = format!("{title} {} {host} {}", p.source, m.excerpt);
        let (status, reasons) = self
            .apply_filter(ctx.row.blog_id(), &text, status, reasons)
            .await
            .map_err(|e| e.to_string())?;
        let notice = self
            .owner_notice(
                &ctx.row,
                crate::notify::Arrival {
                    kind: "webmention",
                    entry_title: &entry.title,
                    entry_path: &entry.path,
                    author: if m.author.is_empty() {
                        &host
                    } else {
                        &m.author
                    },
                    text: &format!("{title}\n{}\n{}", p.source, m.excerpt),
                    status,
                    reasons: &reasons,
                },
            )
            .await
            .map_err(|e| e.to_string())?;
        self.store
            .upsert_webmention(
                &ReceivedPing {
                    blog: ctx.row.blog_id(),
                    entry_id: entry.id,
                    kind: "webmention",
                    title: &title,
                    url: &p.source,
                    blog_name: &host,
                    excerpt: &m.excerpt,
                    ip: &p.ip,
                    status,
                    reasons: &reasons,
                    encoding: "",
                    created_at: now(),
                    jobs: notice.as_slice(),
                },
                m.mention_type,
                &m.author,
            )
            .await
            .map_err(|e| e.to_string())?;
        self.blog_changed(&ctx.row.slug);
        Ok(())
    }
}
