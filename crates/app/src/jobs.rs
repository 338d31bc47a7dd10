//! What queued jobs carry in their JSON payloads, readable across releases: a job queued by
//! the previous release is still run by this one.

use serde::{Deserialize, Deserializer};
use tsuzuri_core::origins::Origins;

/// Attempts before a job is given up (a failing fetch is retried with backoff).
pub const MAX_ATTEMPTS: i64 = 5;

/// Reads a job's origins; jobs queued before the admin had its own origin carry `base`, the
/// blog origin alone, and get the local admin beside it (they only link to blog pages).
pub(crate) fn origins_compat<'de, D: Deserializer<'de>>(d: D) -> Result<Origins, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Stored {
        Origins(Origins),
        Base(String),
    }
    Ok(match Stored::deserialize(d)? {
        Stored::Origins(o) => o,
        Stored::Base(base) => {
            let host = base.split_once("://").map_or(base.as_str(), |(_, h)| h);
            Origins {
                blogs: base.trim_end_matches('/').to_string(),
                ..Origins::local(host)
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Payload {
        #[serde(alias = "base", deserialize_with = "origins_compat")]
        origins: Origins,
    }

    #[test]
    fn jobs_of_the_previous_release_still_read() {
        let old: Payload =
            serde_json::from_str(r#"{"base":"https://blogs.example"}"#).expect("old payload");
        assert_eq!(old.origins.blogs, "https://blogs.example");
        assert_eq!(old.origins.blog_url("d"), "https://blogs.example/d/");
        let o = Origins::local("127.0.0.1:8080");
        let json = serde_json::json!({ "origins": o }).to_string();
        let new: Payload = serde_json::from_str(&json).expect("new payload");
        assert_eq!(new.origins, o);
    }
}
