//! The one outbound HTTP client. Every request tsuzuri makes to another site (verifying a
//! TrackBack's link back, discovering and sending pings) goes through [`Outbound`], which
//! refuses private, loopback, link-local and multicast destinations — checked on the
//! addresses the name resolves to, so a DNS answer cannot point it inside the network —
//! re-checks every redirect, caps time, size and redirects, and limits how often one host
//! is contacted so tsuzuri cannot be used to flood a third party. E-mail (notifications)
//! goes out through [`mail`].

pub mod mail;

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Limits of the outbound client.
#[derive(Debug, Clone)]
pub struct OutboundConfig {
    /// Allow private and loopback destinations (`TSUZURI_OUTBOUND_ALLOW_PRIVATE`): tests and
    /// local interoperability runs only.
    pub allow_private: bool,
    pub timeout: Duration,
    pub max_bytes: usize,
    pub max_redirects: usize,
    /// Requests to one host per minute.
    pub per_host_per_minute: u32,
}

impl Default for OutboundConfig {
    fn default() -> Self {
        OutboundConfig {
            allow_private: false,
            timeout: Duration::from_secs(10),
            max_bytes: 1024 * 1024,
            max_redirects: 5,
            per_host_per_minute: 30,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum OutboundError {
    /// The address is not one tsuzuri will contact (scheme, private network, bad URL).
    #[error("refused: {0}")]
    Refused(String),
    #[error("too many requests to {0} just now; try again later")]
    RateLimited(String),
    #[error("the response was larger than {0} bytes")]
    TooLarge(usize),
    #[error("no answer within {0:?}")]
    Timeout(Duration),
    #[error("{0}")]
    Http(String),
}

impl OutboundError {
    /// What a stranger who asked us to fetch the address may be told: what they can fix,
    /// without resolver messages or settings of this host (those go to the log).
    pub fn for_sender(&self) -> &'static str {
        match self {
            OutboundError::Refused(_) => "it is not a public http(s) address",
            OutboundError::RateLimited(_) => {
                "its site had too many requests from us just now; try again later"
            }
            OutboundError::TooLarge(_) => "the page is larger than we read",
            OutboundError::Timeout(_) => "it did not answer in time",
            OutboundError::Http(_) => "it could not be fetched",
        }
    }
}

/// A fetched response (body read to the end, within the size cap).
#[derive(Debug, Clone)]
pub struct Fetched {
    /// Where the last redirect led.
    pub final_url: String,
    pub status: u16,
    pub content_type: Option<String>,
    /// Every response header, names lower-case, in the order received (repeated headers,
    /// such as several `Link`s, stay separate).
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// Whether an address is on the public internet (the only kind contacted by default).
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let o = v4.octets();
            !(v4.is_private()
                || v4.is_loopback()
                || v4.is_link_local()
                || v4.is_broadcast()
                || v4.is_documentation()
                || v4.is_unspecified()
                || v4.is_multicast()
                || o[0] == 0
                || (o[0] == 100 && (64..128).contains(&o[1])) // shared address space
                || (o[0] == 198 && (18..20).contains(&o[1])) // benchmarking
                || o[0] >= 240) // reserved
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public(IpAddr::V4(v4));
            }
            let s = v6.segments();
            !(v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (s[0] & 0xfe00) == 0xfc00 // unique local
                || (s[0] & 0xffc0) == 0xfe80 // link-local
                || (s[0] == 0x2001 && s[1] == 0x0db8) // documentation
                || (s[0] == 0x64 && s[1] == 0xff9b)) // NAT64 (could reach any IPv4)
        }
    }
}

/// Resolves names and keeps only the addresses that may be contacted.
struct GuardedResolver {
    allow_private: bool,
}

impl reqwest::dns::Resolve for GuardedResolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let allow_private = self.allow_private;
        Box::pin(async move {
            let host = name.as_str().to_owned();
            let addrs: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0))
                .await?
                .filter(|a| allow_private || is_public(a.ip()))
                .collect();
            if addrs.is_empty() {
                return Err(format!("{host} resolves to no public address").into());
            }
            Ok(Box::new(addrs.into_iter()) as reqwest::dns::Addrs)
        })
    }
}

/// Checks a URL before it is requested (and each redirect target): http(s) only, and a
/// literal IP address must be public (reqwest does not ask the resolver for those).
fn check_url(url: &reqwest::Url, allow_private: bool) -> Result<(), String> {
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!("{url}: only http and https addresses are fetched"));
    }
    match url.host() {
        None => Err(format!("{url}: no host")),
        Some(url::Host::Ipv4(ip)) if !allow_private && !is_public(IpAddr::V4(ip)) => {
            Err(format!("{url}: a private or local address"))
        }
        Some(url::Host::Ipv6(ip)) if !allow_private && !is_public(IpAddr::V6(ip)) => {
            Err(format!("{url}: a private or local address"))
        }
        Some(_) => Ok(()),
    }
}

/// The outbound client. Cheap to clone.
#[derive(Clone)]
pub struct Outbound {
    client: reqwest::Client,
    config: Arc<OutboundConfig>,
    recent: Arc<Mutex<HashMap<String, Vec<Instant>>>>,
}

impl Outbound {
    pub fn new(config: OutboundConfig) -> Result<Outbound, OutboundError> {
        let allow_private = config.allow_private;
        let max_redirects = config.max_redirects;
        let client = reqwest::Client::builder()
            .no_proxy()
            .dns_resolver(Arc::new(GuardedResolver { allow_private }))
            .redirect(reqwest::redirect::Policy::custom(move |attempt| {
                if attempt.previous().len() >= max_redirects {
                    return attempt.error(format!("more than {max_redirects} redirects"));
                }
                match check_url(attempt.url(), allow_private) {
                    Ok(()) => attempt.follow(),
                    Err(e) => attempt.error(e),
                }
            }))
            .timeout(config.timeout)
            .connect_timeout(config.timeout.min(Duration::from_secs(5)))
            .user_agent(concat!(
                "tsuzuri/",
                env!("CARGO_PKG_VERSION"),
                " (blog host; verifying and sending pings)"
            ))
            .build()
            .map_err(|e| OutboundError::Http(e.to_string()))?;
        Ok(Outbound {
            client,
            config: Arc::new(config),
            recent: Arc::default(),
        })
    }

    /// GET `url`; the body is read up to the size cap.
    pub async fn get(&self, url: &str) -> Result<Fetched, OutboundError> {
        let url = self.admit(url)?;
        self.send(self.client.get(url)).await
    }

    /// POST a form body (already encoded) with the given Content-Type.
    pub async fn post(
        &self,
        url: &str,
        content_type: &str,
        body: Vec<u8>,
    ) -> Result<Fetched, OutboundError> {
        let url = self.admit(url)?;
        self.send(
            self.client
                .post(url)
                .header(reqwest::header::CONTENT_TYPE, content_type)
                .body(body),
        )
        .await
    }

    /// The URL if it may be requested now: allowed, and its host not contacted too often.
    fn admit(&self, url: &str) -> Result<reqwest::Url, OutboundError> {
        let url = reqwest::Url::parse(url)
            .map_err(|e| OutboundError::Refused(format!("{url:?} is not a URL: {e}")))?;
        check_url(&url, self.config.allow_private).map_err(OutboundError::Refused)?;
        let host = url.host_str().unwrap_or("").to_ascii_lowercase();
        let now = Instant::now();
        let mut recent = self
            .recent
            .lock()
            .map_err(|_| OutboundError::Http("rate limiter poisoned".into()))?;
        let times = recent.entry(host.clone()).or_default();
        times.retain(|t| now.duration_since(*t) < Duration::from_secs(60));
        if times.len() >= self.config.per_host_per_minute as usize {
            return Err(OutboundError::RateLimited(host));
        }
        times.push(now);
        Ok(url)
    }

    async fn send(&self, req: reqwest::RequestBuilder) -> Result<Fetched, OutboundError> {
        let timeout = self.config.timeout;
        let map = |e: reqwest::Error| {
            if e.is_timeout() {
                OutboundError::Timeout(timeout)
            } else if e.is_redirect() || e.is_connect() {
                // The guard's refusals arrive as connect or redirect errors.
                let mut msg = e.to_string();
                let mut source = std::error::Error::source(&e);
                while let Some(s) = source {
                    msg = format!("{msg}: {s}");
                    source = s.source();
                }
                if msg.contains("no public address") || msg.contains("private or local") {
                    OutboundError::Refused(msg)
                } else {
                    OutboundError::Http(msg)
                }
            } else {
                OutboundError::Http(e.to_string())
            }
        };
        let mut res = req.send().await.map_err(map)?;
        let final_url = res.url().to_string();
        let status = res.status().as_u16();
        let content_type = res
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let headers = res
            .headers()
            .iter()
            .filter_map(|(k, v)| Some((k.as_str().to_owned(), v.to_str().ok()?.to_owned())))
            .collect();
        if res
            .content_length()
            .is_some_and(|n| n > self.config.max_bytes as u64)
        {
            return Err(OutboundError::TooLarge(self.config.max_bytes));
        }
        let mut body = Vec::new();
        while let Some(chunk) = res.chunk().await.map_err(map)? {
            if body.len() + chunk.len() > self.config.max_bytes {
                return Err(OutboundError::TooLarge(self.config.max_bytes));
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Fetched {
            final_url,
            status,
            content_type,
            headers,
            body,
        })
    }
}
