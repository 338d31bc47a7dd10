//! Sending pings for an entry when it is published or updated: every page it links to gets
//! a Webmention (or, failing that, a Pingback) when it advertises an endpoint, and every
//! TrackBack URL the author listed (or that a linked page announces in its RDF) gets a
//! TrackBack, sent as UTF-8 with the charset declared. Each target is its own durable job,
//! retried with backoff; its outcome is kept for the editor.
//!
//! On an update, Webmentions are sent again to every page the entry links to now or linked
//! to before (so a receiver notices a removed link), as the Webmention spec asks; Pingbacks
//! and TrackBacks that succeeded are not repeated (receivers would call them duplicates).

use crate::jobs::MAX_ATTEMPTS;
use crate::{App, Error, now};
use tsuzuri_core::message::message;
use tsuzuri_core::origins::Origins;
use tsuzuri_core::{BlogId, SendStatus};
use tsuzuri_net::OutboundError;
use tsuzuri_protocols::{discovery, linkback, trackback, xmlrpc};
use tsuzuri_store::NewJob;
pub use tsuzuri_store::OutboundPingRow;

/// Job kind: work out an entry's targets and queue one [`SEND_PING`] each.
pub const SEND_PINGS: &str = "send_pings";
/// Job kind: discover and send to one target.
pub const SEND_PING: &str = "send_ping";
/// Links of one entry that are pinged at most (the rest are ignored: no entry needs more,
/// and a host must not become a ping cannon).
pub const MAX_TARGETS: usize = 50;
/// TrackBack URLs one save may list.
pub const MAX_LISTED: usize = 10;

#[derive(serde::Serialize, serde::Deserialize)]
struct EntryPayload {
    #[serde(alias = "base", deserialize_with = "crate::jobs::origins_compat")]
    origins: Origins,
    blog: String,
    entry_id: i64,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct TargetPayload {
    #[serde(alias = "base", deserialize_with = "crate::jobs::origins_compat")]
    origins: Origins,
    blog: String,
    entry_id: i64,
    outbound_id: i64,
}

/// Whether `link` is on one of this host's blog origins.
fn on_this_host(origins: &Origins, link: &url::Url) -> bool {
    let Some(origin) = tsuzuri_core::origins::origin_of_url(link.as_str()) else {
        return false;
    };
    let strip = |o: &str| {
        o.split_once("://")
            .map(|(_, a)| a.to_owned())
            .unwrap_or_default()
    };
    let authority = strip(&origin);
    authority == strip(&origins.blogs.to_ascii_lowercase())
        || origins
            .blog_hosts
            .as_ref()
            .is_some_and(|h| authority.ends_with(h.suffix.as_str()))
}

/// A failure worth another try later (the target could not be reached, or was busy).
struct Retry(String);

/// The TrackBack URLs typed in the editor's box: one per line (or separated by spaces),
/// http(s) only. Err is a catalog message naming the first that is not an address.
pub fn parse_trackback_urls(text: &str) -> Result<Vec<String>, String> {
    let mut out: Vec<String> = Vec::new();
    if text.split_whitespace().count() > MAX_LISTED {
        return Err(message("trackback-urls-too-many", &[("max", &MAX_LISTED)]));
    }
    for word in text.split_whitespace() {
        let ok = url::Url::parse(word)
            .ok()
            .filter(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some());
        match ok {
            Some(_) if !out.iter().any(|o| o == word) => out.push(word.to_owned()),
            Some(_) => {}
            None => return Err(message("trackback-url-invalid", &[("url", &word)])),
        }
    }
    Ok(out)
}

/// The job that sends an entry's pings at `run_at`, queued with the write that causes it
/// (a publish, an edit, a trip to the trash and back); the store adds the entry's id. A job
/// that finds the entry not public (a draft) sends only what a deletion needs.
pub(crate) fn send_pings_job(
    origins: &Origins,
    blog_slug: &str,
    run_at: i64,
) -> Result<NewJob, Error> {
    let payload = serde_json::json!({ "origins": origins, "blog": blog_slug });
    NewJob::new(SEND_PINGS, &payload, run_at).map_err(|e| Error::Internal(e.to_string()))
}

impl App {
    /// The outbound pings of an entry, for the editor (anyone who may edit it).
    pub async fn entry_outbound_pings(
        &self,
        blog: BlogId,
        entry_id: i64,
    ) -> Result<Vec<OutboundPingRow>, Error> {
        Ok(self.store.outbound_pings(blog, entry_id).await?)
    }

    /// The [`SEND_PINGS`] job.
    pub(crate) async fn plan_pings(&self, payload: &str) -> Result<(), String> {
        let p: EntryPayload =
            serde_json::from_str(payload).map_err(|e| format!("bad payload: {e}"))?;
        let Some((ctx, entry)) = self.public_entry(&p.origins, &p.blog, p.entry_id).await? else {
            // Not public: a draft announces nothing; a deleted entry tells the pages it
            // sent Webmentions to, which then find it gone (410).
            return self.plan_deletion_pings(&p).await;
        };
        let blog = ctx.row.blog_id();
        let path = entry.path.clone();
        let entry_url = ctx.url_of(&path);
        let html = format!("{}\n{}", entry.body_html, entry.more_html);
        let own = url::Url::parse(&entry_url)
            .map(|u| linkback::normalise(&u))
            .unwrap_or_default();
        let mut linked: Vec<String> = Vec::new();
        let blog_prefix = url::Url::parse(&ctx.url)
            .map(|u| linkback::normalise(&u))
            .unwrap_or_default();
        for mut link in linkback::links(&html, &entry_url) {
            link.set_fragment(None);
            let normalised = linkback::normalise(&link);
            // Links within the blog itself are navigation, not conversation (self-pings
            // are what WordPress users install plugins to stop); other blogs on this host
            // are pinged like any site.
            if normalised == own
                || normalised.starts_with(&format!("{blog_prefix}/"))
                || normalised == blog_prefix
            {
                continue;
            }
            // Other addresses of this host that are not a blog's page (uploaded files,
            // assets, the front page) take no pings: a picture in the entry is not a
            // conversation.
            if on_this_host(&p.origins, &link)
                && crate::pings::site_path_of(&p.origins, link.as_str()).is_none()
            {
                continue;
            }
            let link = String::from(link);
            if !linked.contains(&link) {
                linked.push(link);
            }
        }
        linked.truncate(MAX_TARGETS);
        let existing = self
            .store
            .outbound_pings(blog, p.entry_id)
            .await
            .map_err(|e| e.to_string())?;
        let t = now();
        let mut due: Vec<(String, bool)> = Vec::new();
        for target in &linked {
            match existing.iter().find(|r| &r.target == target) {
                None => due.push((target.clone(), false)),
                Some(r) if resend(r) => due.push((target.clone(), r.listed)),
                Some(_) => {}
            }
        }
        for r in &existing {
            let unlinked_webmention = r.protocol == "webmention"
                && r.status == SendStatus::Sent
                && !linked.contains(&r.target);
            if r.status == SendStatus::Waiting || unlinked_webmention {
                due.push((r.target.clone(), r.listed));
            }
        }
        let mut seen = std::collections::HashSet::new();
        due.retain(|(target, _)| seen.insert(target.clone()));
        for (target, listed) in due {
            let Some(id) = self
                .store
                .queue_outbound_ping(blog, p.entry_id, &target, listed, t)
                .await
                .map_err(|e| e.to_string())?
            else {
                continue; // another job is already sending it
            };
            self.enqueue_send(&p, id, t).await?;
        }
        Ok(())
    }

    /// Queues the [`SEND_PING`] job of target row `outbound_id`.
    async fn enqueue_send(
        &self,
        p: &EntryPayload,
        outbound_id: i64,
        at: i64,
    ) -> Result<(), String> {
        let payload = serde_json::to_string(&TargetPayload {
            origins: p.origins.clone(),
            blog: p.blog.clone(),
            entry_id: p.entry_id,
            outbound_id,
        })
        .map_err(|e| e.to_string())?;
        self.store
            .enqueue_job(SEND_PING, &payload, at)
            .await
            .map_err(|e| e.to_string())?;
        Ok(())
    }

    /// After an entry went to the trash: Webmentions again to every page that took one.
    async fn plan_deletion_pings(&self, p: &EntryPayload) -> Result<(), String> {
        let Some(ctx) = self
            .blog_ctx(&p.origins, &p.blog)
            .await
            .map_err(|e| e.to_string())?
        else {
            return Ok(());
        };
        let blog = ctx.row.blog_id();
        let trashed = self
            .store
            .trashed_entry_path(blog, p.entry_id)
            .await
            .map_err(|e| e.to_string())?;
        if trashed.is_none() {
            return Ok(());
        }
        let t = now();
        for r in self
            .store
            .outbound_pings(blog, p.entry_id)
            .await
            .map_err(|e| e.to_string())?
        {
            if r.protocol != "webmention" || r.status != SendStatus::Sent {
                continue;
            }
            let Some(id) = self
                .store
                .queue_outbound_ping(blog, p.entry_id, &r.target, r.listed, t)
                .await
                .map_err(|e| e.to_string())?
            else {
                continue;
            };
            self.store
                .set_outbound_result(id, &r.protocol, &r.endpoint, "queued", "", t)
                .await
                .map_err(|e| e.to_string())?;
            self.enqueue_send(p, id, t).await?;
        }
        Ok(())
    }

    /// The [`SEND_PING`] job; `attempt` counts from 1.
    pub(crate) async fn send_ping(&self, payload: &str, attempt: i64) -> Result<(), String> {
        let p: TargetPayload =
            serde_json::from_str(payload).map_err(|e| format!("bad payload: {e}"))?;
        let Some(row) = self
            .store
            .outbound_ping(p.outbound_id)
            .await
            .map_err(|e| e.to_string())?
        else {
            return Ok(());
        };
        let Some((ctx, entry)) = self.public_entry(&p.origins, &p.blog, p.entry_id).await? else {
            return self.send_deletion_ping(&p, &row, attempt).await;
        };
        let source = Source {
            url: ctx.url_of(&entry.path),
            title: entry.title.clone(),
            excerpt: if entry.excerpt.trim().is_empty() {
                linkback::plain_text(&entry.body_html)
            } else {
                entry.excerpt.clone()
            },
            blog_name: ctx.row.title.clone(),
        };
        let outcome = self.deliver(&row, &source).await;
        self.record(&row, outcome, attempt, "").await
    }

    /// [`SEND_PING`] for an entry that is not public: a deleted entry's Webmention goes to
    /// the endpoint that took the first one (the receiver then finds the entry gone); any
    /// other waits until the entry is published.
    async fn send_deletion_ping(
        &self,
        p: &TargetPayload,
        row: &OutboundPingRow,
        attempt: i64,
    ) -> Result<(), String> {
        let ctx = self
            .blog_ctx(&p.origins, &p.blog)
            .await
            .map_err(|e| e.to_string())?;
        let trashed = match &ctx {
            Some(ctx) => self
                .store
                .trashed_entry_path(ctx.row.blog_id(), p.entry_id)
                .await
                .map_err(|e| e.to_string())?,
            None => None,
        };
        let (Some(ctx), Some(path)) = (ctx, trashed) else {
            self.store
                .set_outbound_result(
                    row.id,
                    &row.protocol,
                    &row.endpoint,
                    "waiting",
                    "not sent: the entry is not public",
                    now(),
                )
                .await
                .map_err(|e| e.to_string())?;
            return Ok(());
        };
        if row.protocol != "webmention" || row.endpoint.is_empty() {
            return Ok(());
        }
        let source = Source {
            url: ctx.url_of(&path),
            title: String::new(),
            excerpt: String::new(),
            blog_name: ctx.row.title.clone(),
        };
        let outcome = self
            .send_webmention(&row.endpoint, &row.target, &source)
            .await;
        self.record(row, outcome, attempt, "deletion announced: ")
            .await
    }

    /// Stores a delivery's outcome; Err (for the job queue) when it is worth retrying.
    async fn record(
        &self,
        row: &OutboundPingRow,
        outcome: Result<Delivered, (&'static str, String, Retry)>,
        attempt: i64,
        prefix: &str,
    ) -> Result<(), String> {
        let (protocol, endpoint, status, message, retry) = match outcome {
            Ok(done) => (
                done.protocol,
                done.endpoint,
                done.status,
                done.message,
                None,
            ),
            Err((protocol, endpoint, Retry(message))) => {
                let status = if attempt < MAX_ATTEMPTS {
                    "retrying"
                } else {
                    "failed"
                };
                (protocol, endpoint, status, message.clone(), Some(message))
            }
        };
        self.store
            .set_outbound_result(
                row.id,
                protocol,
                &endpoint,
                status,
                &format!("{prefix}{message}"),
                now(),
            )
            .await
            .map_err(|e| e.to_string())?;
        match retry {
            Some(message) => Err(message),
            None => Ok(()),
        }
    }

    /// The blog and the entry `entry_id` when readers can see it now.
    async fn public_entry(
        &self,
        origins: &Origins,
        blog_slug: &str,
        entry_id: i64,
    ) -> Result<Option<(crate::site::BlogCtx, tsuzuri_store::EntryRow)>, String> {
        let Some(ctx) = self
            .blog_ctx(origins, blog_slug)
            .await
            .map_err(|e| e.to_string())?
        else {
            return Ok(None);
        };
        let blog = ctx.row.blog_id();
        let Some(path) = self
            .store
            .public_entry_path(blog, entry_id, ctx.now)
            .await
            .map_err(|e| e.to_string())?
        else {
            return Ok(None);
        };
        let entry = self
            .store
            .find_public_entry(blog, &path, ctx.now)
            .await
            .map_err(|e| e.to_string())?;
        Ok(entry.map(|e| (ctx, e)))
    }

    /// Discovers the target's endpoint and sends to it.
    async fn deliver(
        &self,
        row: &OutboundPingRow,
        source: &Source,
    ) -> Result<Delivered, (&'static str, String, Retry)> {
        if row.listed {
            return self.send_trackback(&row.target, source).await;
        }
        let page = match self.outbound.get(&row.target).await {
            Ok(page) => page,
            Err(e) => return final_or_retry("", String::new(), e),
        };
        if page.status >= 500 || page.status == 429 {
            return Err((
                "",
                String::new(),
                Retry(format!("the page answered HTTP {}", page.status)),
            ));
        }
        if page.status >= 400 {
            return Ok(Delivered::none(format!(
                "the page answered HTTP {}",
                page.status
            )));
        }
        let target = row.target.clone();
        let found = crate::cpu::off_the_async_workers(move || {
            let html = linkback::decode_html(&page.body, page.content_type.as_deref());
            discovery::discover(&page.headers, &html, &page.final_url, &target)
        })
        .await
        .map_err(|e| ("", String::new(), Retry(e.to_string())))?;
        if let Some(endpoint) = found.webmention {
            return self.send_webmention(&endpoint, &row.target, source).await;
        }
        if let Some(endpoint) = found.pingback {
            return self.send_pingback(&endpoint, &row.target, source).await;
        }
        if let Some(endpoint) = found.trackback {
            return self.send_trackback(&endpoint, source).await;
        }
        Ok(Delivered::none(
            "the page advertises no Webmention, Pingback or TrackBack endpoint".into(),
        ))
    }

    async fn send_webmention(
        &self,
        endpoint: &str,
        target: &str,
        source: &Source,
    ) -> Result<Delivered, (&'static str, String, Retry)> {
        let enc = |s: &str| {
            percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
        };
        let body = format!("source={}&target={}", enc(&source.url), enc(target));
        let res = match self
            .outbound
            .post(
                endpoint,
                "application/x-www-form-urlencoded",
                body.into_bytes(),
            )
            .await
        {
            Ok(r) => r,
            Err(e) => return final_or_retry("webmention", endpoint.to_owned(), e),
        };
        let said = snippet(&res.body);
        match res.status {
            200..=299 => Ok(Delivered::sent(
                "webmention",
                endpoint,
                format!("accepted (HTTP {}){said}", res.status),
            )),
            429 | 500.. => Err((
                "webmention",
                endpoint.to_owned(),
                Retry(format!("the endpoint answered HTTP {}{said}", res.status)),
            )),
            s => Ok(Delivered::failed(
                "webmention",
                endpoint,
                format!("refused (HTTP {s}){said}"),
            )),
        }
    }

    async fn send_pingback(
        &self,
        endpoint: &str,
        target: &str,
        source: &Source,
    ) -> Result<Delivered, (&'static str, String, Retry)> {
        let call = xmlrpc::call_xml("pingback.ping", &[&source.url, target]);
        let res = match self
            .outbound
            .post(endpoint, "text/xml; charset=utf-8", call.into_bytes())
            .await
        {
            Ok(r) => r,
            Err(e) => return final_or_retry("pingback", endpoint.to_owned(), e),
        };
        if (res.status >= 500 || res.status == 429) && xmlrpc::parse_response(&res.body).is_err() {
            return Err((
                "pingback",
                endpoint.to_owned(),
                Retry(format!("the server answered HTTP {}", res.status)),
            ));
        }
        match xmlrpc::parse_response(&res.body) {
            Ok(message) => Ok(Delivered::sent("pingback", endpoint, message)),
            Err(f) if f.code == xmlrpc::fault::ALREADY_REGISTERED => Ok(Delivered::sent(
                "pingback",
                endpoint,
                format!("already registered: {}", f.message),
            )),
            // 50: the target's server could not reach something; 429: WordPress's flood
            // control, as a fault. Both may pass later.
            Err(f) if f.code == xmlrpc::fault::UPSTREAM || f.code == 429 => Err((
                "pingback",
                endpoint.to_owned(),
                Retry(format!("fault {}: {}", f.code, f.message)),
            )),
            Err(f) => Ok(Delivered::failed(
                "pingback",
                endpoint,
                format!("fault {}: {}", f.code, f.message),
            )),
        }
    }

    async fn send_trackback(
        &self,
        endpoint: &str,
        source: &Source,
    ) -> Result<Delivered, (&'static str, String, Retry)> {
        let body = trackback::ping_form(
            &source.title,
            &source.excerpt,
            &source.url,
            &source.blog_name,
        );
        let res = match self
            .outbound
            .post(endpoint, trackback::PING_CONTENT_TYPE, body)
            .await
        {
            Ok(r) => r,
            Err(e) => return final_or_retry("trackback", endpoint.to_owned(), e),
        };
        // 429: WordPress's flood control answers a second ping from one host within
        // seconds this way; later it is taken.
        if res.status >= 500 || res.status == 429 {
            let said = trackback::parse_response(&res.body)
                .err()
                .map(|m| format!(": {m}"))
                .unwrap_or_default();
            return Err((
                "trackback",
                endpoint.to_owned(),
                Retry(format!("the server answered HTTP {}{said}", res.status)),
            ));
        }
        Ok(match trackback::parse_response(&res.body) {
            Ok(()) => Delivered::sent("trackback", endpoint, "accepted".into()),
            Err(message) => Delivered::failed("trackback", endpoint, message),
        })
    }
}

/// What the entry says about itself in a ping.
struct Source {
    url: String,
    title: String,
    excerpt: String,
    blog_name: String,
}

struct Delivered {
    protocol: &'static str,
    endpoint: String,
    status: &'static str,
    message: String,
}

impl Delivered {
    fn sent(protocol: &'static str, endpoint: &str, message: String) -> Delivered {
        Delivered {
            protocol,
            endpoint: endpoint.to_owned(),
            status: "sent",
            message,
        }
    }
    fn failed(protocol: &'static str, endpoint: &str, message: String) -> Delivered {
        Delivered {
            protocol,
            endpoint: endpoint.to_owned(),
            status: "failed",
            message,
        }
    }
    fn none(message: String) -> Delivered {
        Delivered {
            protocol: "",
            endpoint: String::new(),
            status: "none",
            message,
        }
    }
}

/// A refused address is final (retrying will not make it public); anything else may pass
/// later.
fn final_or_retry(
    protocol: &'static str,
    endpoint: String,
    e: OutboundError,
) -> Result<Delivered, (&'static str, String, Retry)> {
    match e {
        OutboundError::Refused(_) | OutboundError::TooLarge(_) => Ok(Delivered {
            protocol,
            endpoint,
            status: "failed",
            message: e.to_string(),
        }),
        other => Err((protocol, endpoint, Retry(other.to_string()))),
    }
}

/// The start of a response body as one line, for the editor (`: …`, or nothing).
fn snippet(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let text = linkback::plain_text(&text);
    if text.is_empty() {
        String::new()
    } else {
        format!(": {}", trackback::truncate(&text, 120))
    }
}

/// Whether a target linked again by an update is sent again.
fn resend(r: &OutboundPingRow) -> bool {
    match r.status.as_str() {
        // A job for it is pending already.
        "queued" | "retrying" => false,
        // Pingback and TrackBack receivers treat a repeat as a duplicate.
        "sent" => r.protocol == "webmention",
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listed_trackback_urls_are_checked_and_deduplicated() {
        assert_eq!(
            parse_trackback_urls(
                "https://a.example/tb/1\n https://a.example/tb/1  http://b.example/t"
            ),
            Ok(vec![
                "https://a.example/tb/1".to_owned(),
                "http://b.example/t".to_owned()
            ])
        );
        assert!(parse_trackback_urls("ftp://a.example/x").is_err());
        assert!(parse_trackback_urls("not-a-url").is_err());
        assert_eq!(parse_trackback_urls("  \n"), Ok(vec![]));
        let many: Vec<String> = (0..11)
            .map(|i| format!("https://a.example/tb/{i}"))
            .collect();
        assert!(parse_trackback_urls(&many.join("\n")).is_err());
    }
}
