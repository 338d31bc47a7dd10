//! Host-wide blocklists, kept by host administrators on the host settings page: addresses
//! (exact, or a prefix ending in `.` or `:` for a range), domains (and their subdomains) and
//! words. Comments and pings from a blocked address are refused; those that link to a
//! blocked domain or contain a blocked word are kept as spam with the reason.

use crate::accounts::SignedIn;
use crate::{App, Error, now};

/// Most entries of one list.
pub const MAX_ENTRIES: usize = 2000;

/// The three lists, lower-cased.
#[derive(Debug, Clone, Default)]
pub struct Blocklist {
    pub ips: Vec<String>,
    pub domains: Vec<String>,
    pub words: Vec<String>,
}

impl Blocklist {
    pub fn ip_blocked(&self, ip: &str) -> bool {
        self.ips.iter().any(|b| {
            b == ip || ((b.ends_with('.') || b.ends_with(':')) && ip.starts_with(b.as_str()))
        })
    }

    /// The first blocked domain that a URL in `text` points at.
    pub fn blocked_domain(&self, text: &str) -> Option<String> {
        let lower = text.to_ascii_lowercase();
        for part in lower
            .split(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>' | '(' | ')'))
        {
            let Some(rest) = part
                .strip_prefix("http://")
                .or_else(|| part.strip_prefix("https://"))
            else {
                continue;
            };
            let host = rest.split(['/', '?', '#', ':']).next().unwrap_or("");
            if let Some(d) = self
                .domains
                .iter()
                .find(|d| host == d.as_str() || host.ends_with(&format!(".{d}")))
            {
                return Some(d.clone());
            }
        }
        None
    }

    /// The first blocked word `text` contains (case-insensitive).
    pub fn blocked_word(&self, text: &str) -> Option<String> {
        let lower = text.to_lowercase();
        self.words
            .iter()
            .find(|w| lower.contains(w.as_str()))
            .cloned()
    }

    /// Why content is spam by the lists (domains and words), if it is.
    pub fn spam_reason(&self, text: &str) -> Option<String> {
        self.blocked_domain(text)
            .map(|d| format!("links to the blocked domain {d}"))
            .or_else(|| {
                self.blocked_word(text)
                    .map(|w| format!("contains the blocked word {w:?}"))
            })
    }
}

fn lines(text: &str) -> Vec<String> {
    let mut v: Vec<String> = text
        .lines()
        .map(|l| l.trim().to_lowercase())
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    v.sort();
    v.dedup();
    v
}

impl App {
    pub async fn blocklist(&self) -> Result<Blocklist, Error> {
        let mut list = Blocklist::default();
        for row in self.store.blocklist().await? {
            match row.kind.as_str() {
                "ip" => list.ips.push(row.value),
                "domain" => list.domains.push(row.value),
                "word" => list.words.push(row.value),
                _ => {}
            }
        }
        Ok(list)
    }

    /// Replaces the lists from the host page's text areas (one entry per line; `#` starts a
    /// comment line). Host administrators only.
    pub async fn set_blocklist(
        &self,
        who: &SignedIn,
        ips: &str,
        domains: &str,
        words: &str,
    ) -> Result<(), Error> {
        if !who.is_admin {
            return Err(Error::Forbidden(
                "only host administrators can change the blocklists".into(),
            ));
        }
        let (ips, domains, words) = (lines(ips), lines(domains), lines(words));
        let domains: Vec<String> = domains
            .into_iter()
            .map(|d| {
                let d = d
                    .trim_start_matches("http://")
                    .trim_start_matches("https://");
                d.trim_start_matches("*.").trim_end_matches('/').to_owned()
            })
            .collect();
        for (name, list) in [
            ("addresses", &ips),
            ("domains", &domains),
            ("words", &words),
        ] {
            if list.len() > MAX_ENTRIES {
                return Err(Error::Invalid(tsuzuri_core::message::message(
                    "blocklist-too-long",
                    &[("max", &MAX_ENTRIES), ("list", &name)],
                )));
            }
        }
        let t = now();
        self.store.replace_blocklist("ip", &ips, t).await?;
        self.store.replace_blocklist("domain", &domains, t).await?;
        self.store.replace_blocklist("word", &words, t).await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_domains_and_words() {
        let b = Blocklist {
            ips: vec!["203.0.113.".into(), "198.51.100.7".into()],
            domains: vec!["spam.example".into()],
            words: vec!["カジノ".into(), "viagra".into()],
        };
        assert!(b.ip_blocked("203.0.113.50") && b.ip_blocked("198.51.100.7"));
        assert!(!b.ip_blocked("198.51.100.70") && !b.ip_blocked("127.0.0.1"));
        assert_eq!(
            b.blocked_domain("see https://www.SPAM.example/x"),
            Some("spam.example".into())
        );
        assert_eq!(b.blocked_domain("http://notspam.example/"), None);
        assert_eq!(b.blocked_domain("spam.example without scheme"), None);
        assert_eq!(b.blocked_word("オンラインカジノ"), Some("カジノ".into()));
        assert_eq!(b.blocked_word("Buy VIAGRA"), Some("viagra".into()));
        assert!(b.spam_reason("普通のコメント").is_none());
    }
}
