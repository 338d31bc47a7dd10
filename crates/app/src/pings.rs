//! Receiving TrackBacks: the blog's ping policy, the sender's charset, duplicates, a rate
//! limit per address, and the link-back check (the source page must link to the entry)
//! that keeps ping spam off the blog. Each refusal is answered with the reason; verified
//! pings are shown at once, the rest are kept for the owner with why they were held.

use crate::{App, Error};
use tsuzuri_core::PingPolicy;
use tsuzuri_core::ResponseStatus;
use tsuzuri_core::origins::Origins;
pub use tsuzuri_protocols::trackback::response_xml;
use tsuzuri_protocols::{linkback, trackback};
use tsuzuri_store::ReceivedPing;

/// Most pings one address may send in [`PING_RATE_WINDOW`] seconds.
pub const PING_RATE_LIMIT: i64 = 10;
pub const PING_RATE_WINDOW: i64 = 600;
/// Most pings from one source host (any address, any blog) in [`PING_RATE_WINDOW`]: a
/// spam run from many addresses still comes from few sites.
pub const PING_HOST_LIMIT: i64 = 20;

/// How a ping was taken (the sender is told "no error" for each).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PingAccepted {
    Shown,
    Held,
    /// The same source had already pinged this entry: nothing new was stored.
    Duplicate,
}

/// Why a ping was not taken: the message the sender gets, and whether to answer 403.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PingRefused {
    pub message: String,
    pub throttled: bool,
}

fn refused(message: impl Into<String>) -> PingRefused {
    PingRefused {
        message: message.into(),
        throttled: false,
    }
}

/// The outbound client with the default limits; `allow_private` only for tests and local
/// interoperability runs (`--outbound-allow-private`).
pub fn outbound(allow_private: bool) -> Result<tsuzuri_net::Outbound, Error> {
    tsuzuri_net::Outbound::new(tsuzuri_net::OutboundConfig {
        allow_private,
        ..Default::default()
    })
    .map_err(|e| Error::Internal(format!("outbound client: {e}")))
}

impl App {
    /// A TrackBack ping to entry `entry_id` of blog `blog_slug`, as the raw form body.
    pub async fn receive_trackback(
        &self,
        origins: &Origins,
        blog_slug: &str,
        entry_id: i64,
        body: &[u8],
        content_type: Option<&str>,
        ip: &str,
    ) -> Result<Result<PingAccepted, PingRefused>, Error> {
        let Some(ctx) = self.blog_ctx(origins, blog_slug).await? else {
            return Ok(Err(refused(format!("Invalid TrackBack ID '{entry_id}'"))));
        };
        let Some(path) = self
            .store
            .public_entry_path(ctx.row.blog_id(), entry_id, ctx.now)
            .await?
        else {
            return Ok(Err(refused(format!("Invalid TrackBack ID '{entry_id}'"))));
        };
        let Some(entry) = self
            .store
            .find_public_entry(ctx.row.blog_id(), &path, ctx.now)
            .await?
        else {
            return Ok(Err(refused(format!("Invalid TrackBack ID '{entry_id}'"))));
        };
        if ctx.row.ping_policy == PingPolicy::Closed || !entry.allow_pings {
            return Ok(Err(refused("This TrackBack item is disabled.")));
        }
        let ping = match trackback::parse_ping(body, content_type) {
            Ok(p) => p,
            Err(e) => return Ok(Err(refused(e.to_string()))),
        };
        let blocklist = self.blocklist().await?;
        if blocklist.ip_blocked(ip) {
            return Ok(Err(refused("You are not allowed to send TrackBack pings.")));
        }
        if self
            .store
            .existing_ping(entry.id, &ping.url)
            .await?
            .is_some()
        {
            return Ok(Ok(PingAccepted::Duplicate));
        }
        if self
            .store
            .pings_from_ip_since(ip, ctx.now - PING_RATE_WINDOW)
            .await?
            >= PING_RATE_LIMIT
        {
            return Ok(Err(PingRefused {
                message: "Throttled: too many pings from your address; try again later.".into(),
                throttled: true,
            }));
        }
        if self.source_host_throttled(&ping.url, ctx.now).await? {
            return Ok(Err(PingRefused {
                message: "Throttled: too many pings from your site; try again later.".into(),
                throttled: true,
            }));
        }

        let entry_url = ctx.url_of(&path);
        let ping_url = format!("{}trackback/{}", ctx.url, entry.id);
        let listed = blocklist.spam_reason(&format!(
            "{} {} {} {}",
            ping.url, ping.title, ping.excerpt, ping.blog_name
        ));
        let (status, reasons, refusal) = match ctx.row.ping_policy {
            _ if listed.is_some() => {
                let reason = listed.unwrap_or_default();
                let message = format!("The ping was refused: it {reason}.");
                (ResponseStatus::Spam, reason, Some(message))
            }
            PingPolicy::Open => (ResponseStatus::Approved, String::new(), None),
            PingPolicy::Moderated => (
                ResponseStatus::Pending,
                "the blog moderates every ping".to_string(),
                None,
            ),
            _ => match self.outbound.get(&ping.url).await {
                Ok(page) if (200..300).contains(&page.status) => {
                    let targets = [entry_url.clone(), ping_url.clone()];
                    let links_back = crate::cpu::off_the_async_workers(move || {
                        let html = linkback::decode_html(&page.body, page.content_type.as_deref());
                        linkback::links_to(&html, &page.final_url, &[&targets[0], &targets[1]])
                    })
                    .await?;
                    if links_back {
                        (ResponseStatus::Approved, String::new(), None)
                    } else {
                        (
                            ResponseStatus::Spam,
                            "no link back to the entry".to_string(),
                            Some(format!("{entry_url} was not found in your page.")),
                        )
                    }
                }
                Ok(page) => (
                    ResponseStatus::Spam,
                    format!("the source answered HTTP {}", page.status),
                    Some(format!(
                        "Could not verify the source: {} answered HTTP {}.",
                        ping.url, page.status
                    )),
                ),
                // The owner sees why (the reasons); the sender, what to fix.
                Err(e) => (
                    ResponseStatus::Spam,
                    format!("the source could not be fetched ({e})"),
                    Some(format!(
                        "Could not verify the source {}: {}.",
                        ping.url,
                        e.for_sender()
                    )),
                ),
            },
        };
        let text = format!(
            "{} {} {} {}",
            ping.title, ping.url, ping.blog_name, ping.excerpt
        );
        let (status, reasons) = self
            .apply_filter(ctx.row.blog_id(), &text, status, reasons)
            .await?;
        let notice = self
            .owner_notice(
                &ctx.row,
                crate::notify::Arrival {
                    kind: "trackback",
                    entry_title: &entry.title,
                    entry_path: &path,
                    author: if ping.blog_name.is_empty() {
                        &ping.url
                    } else {
                        &ping.blog_name
                    },
                    text: &format!("{}\n{}\n{}", ping.title, ping.url, ping.excerpt),
                    status,
                    reasons: &reasons,
                },
            )
            .await?;
        self.store
            .insert_ping(&ReceivedPing {
                blog: ctx.row.blog_id(),
                entry_id: entry.id,
                kind: "trackback",
                title: &ping.title,
                url: &ping.url,
                blog_name: &ping.blog_name,
                excerpt: &ping.excerpt,
                ip,
                status,
                reasons: &reasons,
                encoding: ping.encoding,
                created_at: ctx.now,
                jobs: notice.as_slice(),
            })
            .await?;
        if let Some(message) = refusal {
            return Ok(Err(refused(message)));
        }
        if status == ResponseStatus::Approved {
            self.blog_changed(&ctx.row.slug);
            Ok(Ok(PingAccepted::Shown))
        } else {
            Ok(Ok(PingAccepted::Held))
        }
    }
}

/// Pingback faults, re-exported for the web layer.
pub use tsuzuri_protocols::xmlrpc;

impl App {
    /// An XML-RPC request to `/xmlrpc`: only `pingback.ping(source, target)` is served.
    /// Returns the response document (a string or a fault, always HTTP 200).
    pub async fn xmlrpc(&self, origins: &Origins, body: &[u8], ip: &str) -> Result<String, Error> {
        use xmlrpc::{Fault, fault};
        let call = match xmlrpc::parse_call(body) {
            Ok(c) => c,
            Err(f) => return Ok(xmlrpc::fault_response(&f)),
        };
        if call.method != "pingback.ping" {
            return Ok(xmlrpc::fault_response(&Fault::new(
                fault::METHOD_NOT_FOUND,
                format!(
                    "unknown method {:?}; this server offers pingback.ping",
                    call.method
                ),
            )));
        }
        let [source, target] = call.params.as_slice() else {
            return Ok(xmlrpc::fault_response(&Fault::new(
                fault::INVALID_PARAMS,
                "pingback.ping takes two strings: the source URI and the target URI",
            )));
        };
        Ok(
            match self.receive_pingback(origins, source, target, ip).await? {
                Ok(message) => xmlrpc::string_response(&message),
                Err(f) => xmlrpc::fault_response(&f),
            },
        )
    }

    async fn receive_pingback(
        &self,
        origins: &Origins,
        source: &str,
        target: &str,
        ip: &str,
    ) -> Result<Result<String, xmlrpc::Fault>, Error> {
        use xmlrpc::{Fault, fault};
        let not_pingable = || {
            Fault::new(
                fault::TARGET_NOT_PINGABLE,
                "The target is not an entry of this site that takes pingbacks.",
            )
        };
        // The target must be an entry page of a blog of this host.
        let Some((blog_slug, path)) = site_path_of(origins, target) else {
            return Ok(Err(not_pingable()));
        };
        let path = path.as_str();
        let Some(ctx) = self.blog_ctx(origins, &blog_slug).await? else {
            return Ok(Err(Fault::new(
                fault::TARGET_NOT_FOUND,
                "The target does not exist.",
            )));
        };
        let Some(entry) = self
            .store
            .find_public_entry(ctx.row.blog_id(), path, ctx.now)
            .await?
        else {
            return Ok(Err(not_pingable()));
        };
        if ctx.row.ping_policy == PingPolicy::Closed || !entry.allow_pings {
            return Ok(Err(not_pingable()));
        }
        let lower = source.to_ascii_lowercase();
        if !(lower.starts_with("http://") || lower.starts_with("https://")) {
            return Ok(Err(Fault::new(
                fault::SOURCE_NOT_FOUND,
                "The source URI is not an http(s) address.",
            )));
        }
        if source.trim_end_matches('/') == target.trim_end_matches('/') {
            return Ok(Err(Fault::new(
                fault::GENERIC,
                "The source and the target are the same page.",
            )));
        }
        let blocklist = self.blocklist().await?;
        if blocklist.ip_blocked(ip) || blocklist.blocked_domain(source).is_some() {
            return Ok(Err(Fault::new(
                fault::ACCESS_DENIED,
                "Pingbacks from this source are not accepted.",
            )));
        }
        if self.store.existing_ping(entry.id, source).await?.is_some() {
            return Ok(Err(Fault::new(
                fault::ALREADY_REGISTERED,
                "The pingback has already been registered.",
            )));
        }
        if self
            .store
            .pings_from_ip_since(ip, ctx.now - PING_RATE_WINDOW)
            .await?
            >= PING_RATE_LIMIT
        {
            return Ok(Err(Fault::new(
                fault::ACCESS_DENIED,
                "Too many pings from your address; try again later.",
            )));
        }
        if self.source_host_throttled(source, ctx.now).await? {
            return Ok(Err(Fault::new(
                fault::ACCESS_DENIED,
                "Too many pings from your site; try again later.",
            )));
        }
        let page = match self.outbound.get(source).await {
            Ok(p) if (200..300).contains(&p.status) => p,
            Ok(p) => {
                return Ok(Err(Fault::new(
                    fault::SOURCE_NOT_FOUND,
                    format!("The source answered HTTP {}.", p.status),
                )));
            }
            Err(e) => {
                // What went wrong is for our log; the sender learns what to fix.
                tracing::info!(source = %source, error = %e, "pingback source not fetched");
                return Ok(Err(Fault::new(
                    fault::SOURCE_NOT_FOUND,
                    format!("The source could not be read: {}.", e.for_sender()),
                )));
            }
        };
        let entry_url = ctx.url_of(&entry.path);
        let targets = [entry_url.clone(), target.to_owned()];
        let (links_back, page_title) = crate::cpu::off_the_async_workers(move || {
            let html = linkback::decode_html(&page.body, page.content_type.as_deref());
            let scan = tsuzuri_protocols::html_scan::scan(&html);
            let wanted: Vec<&str> = targets.iter().map(String::as_str).collect();
            let links_back = linkback::links_of(&scan, &page.final_url)
                .iter()
                .any(|l| linkback::is_one_of(l, &wanted));
            (links_back, scan.title)
        })
        .await?;
        if !links_back {
            return Ok(Err(Fault::new(
                fault::NO_LINK,
                "The source does not contain a link to the target.",
            )));
        }
        let title = {
            let t = page_title;
            if t.is_empty() {
                source.to_owned()
            } else {
                trackback::truncate(&t, trackback::MAX_TITLE_CHARS)
            }
        };
        let blog_name = url_host(source);
        let (status, reasons) = if ctx.row.ping_policy == PingPolicy::Moderated {
            (
                ResponseStatus::Pending,
                "the blog moderates every ping".to_string(),
            )
        } else {
            (ResponseStatus::Approved, String::new())
        };
        let text = format!("{title} {source} {blog_name} ");
        let (status, reasons) = self
            .apply_filter(ctx.row.blog_id(), &text, status, reasons)
            .await?;
        let notice = self
            .owner_notice(
                &ctx.row,
                crate::notify::Arrival {
                    kind: "pingback",
                    entry_title: &entry.title,
                    entry_path: &entry.path,
                    author: &blog_name,
                    text: &format!("{title}\n{source}"),
                    status,
                    reasons: &reasons,
                },
            )
            .await?;
        self.store
            .insert_ping(&ReceivedPing {
                blog: ctx.row.blog_id(),
                entry_id: entry.id,
                kind: "pingback",
                title: &title,
                url: source,
                blog_name: &blog_name,
                excerpt: "",
                ip,
                status,
                reasons: &reasons,
                encoding: "",
                created_at: ctx.now,
                jobs: notice.as_slice(),
            })
            .await?;
        if status == ResponseStatus::Approved {
            self.blog_changed(&ctx.row.slug);
        }
        Ok(Ok(format!(
            "Pingback from {source} to {target} registered."
        )))
    }
}

impl App {
    /// Whether the site `url` is on has sent too many pings lately.
    pub(crate) async fn source_host_throttled(&self, url: &str, now: i64) -> Result<bool, Error> {
        let host = tsuzuri_store::source_host(url);
        Ok(self
            .store
            .pings_from_host_since(&host, now - PING_RATE_WINDOW)
            .await?
            >= PING_HOST_LIMIT)
    }

    /// A ping's status and reasons after the learning filter has had its say: spam is held
    /// as spam, unsure is held for moderation; the score joins the reasons.
    pub(crate) async fn apply_filter(
        &self,
        blog: tsuzuri_core::BlogId,
        text: &str,
        status: ResponseStatus,
        reasons: String,
    ) -> Result<(ResponseStatus, String), Error> {
        use crate::spam::FilterVerdict;
        let join = |reason: String| {
            if reasons.is_empty() {
                reason
            } else {
                format!("{reasons}; {reason}")
            }
        };
        Ok(match self.filter(blog, text).await? {
            FilterVerdict::Spam(r) if status != ResponseStatus::Spam => {
                (ResponseStatus::Spam, join(r))
            }
            FilterVerdict::Hold(r) if status == ResponseStatus::Approved => {
                (ResponseStatus::Pending, join(r))
            }
            _ => (status, reasons),
        })
    }
}

/// The blog a URL of this host points into, and the percent-decoded path inside it (no
/// query or fragment); None when `url` is not a blog page here. http and https count as
/// the same (a sender may know only one of them).
pub(crate) fn site_path_of(origins: &Origins, url: &str) -> Option<(String, String)> {
    let other_scheme = if let Some(rest) = url.strip_prefix("https://") {
        format!("http://{rest}")
    } else if let Some(rest) = url.strip_prefix("http://") {
        format!("https://{rest}")
    } else {
        return None;
    };
    let (blog, rest) = origins
        .blog_path_of(url)
        .or_else(|| origins.blog_path_of(&other_scheme))?;
    let path = percent_encoding::percent_decode_str(&rest)
        .decode_utf8_lossy()
        .into_owned();
    Some((blog, path))
}

/// The host part of a URL (what is shown as a ping's site when it gives no name).
pub(crate) fn url_host(url: &str) -> String {
    url.split_once("://")
        .map(|(_, r)| r.split(['/', '?', '#']).next().unwrap_or(r))
        .unwrap_or(url)
        .to_owned()
}
