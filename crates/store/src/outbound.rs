//! Pings this host sends for its entries: one row per linked page or listed TrackBack URL,
//! holding how it was sent and the other side's answer (shown in the editor), so that an
//! update re-sends what the protocols want re-sent and nothing else.

use crate::{Store, StoreError, with_pool};
use tsuzuri_core::{BlogId, SendStatus};

/// One target of an entry's outbound pings.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct OutboundPingRow {
    pub id: i64,
    pub blog_id: i64,
    pub entry_id: i64,
    pub target: String,
    /// The author listed it as a TrackBack URL (rather than linking to it).
    pub listed: bool,
    /// `webmention`, `pingback`, `trackback`, or empty before the first attempt.
    pub protocol: String,
    pub endpoint: String,
    #[sqlx(try_from = "String")]
    pub status: SendStatus,
    pub message: String,
    pub attempts: i64,
    pub updated_at: i64,
}

/// A send still "queued" or "retrying" after this many seconds lost its job (retries end
/// within about half an hour), so it may be queued again.
const STALE_AFTER: i64 = 86_400;

const COLUMNS: &str = "id, blog_id, entry_id, target, listed, protocol, endpoint, status, message, attempts, updated_at";

impl Store {
    /// Marks `target` of an entry as due to be sent (adding it when new) and returns its id,
    /// or None when a send is already pending for it (queued or retrying, and not stale):
    /// two jobs planning the same entry at once never send twice. A target once listed as
    /// a TrackBack URL stays listed.
    pub async fn queue_outbound_ping(
        &self,
        blog: BlogId,
        entry_id: i64,
        target: &str,
        listed: bool,
        now: i64,
    ) -> Result<Option<i64>, StoreError> {
        Ok(with_pool!(self, write, |pool| {
            sqlx::query_scalar::<_, i64>(
                "INSERT INTO outbound_pings (blog_id, entry_id, target, listed, status, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, 'queued', $5, $5)
                 ON CONFLICT (entry_id, target) DO UPDATE
                 SET status = 'queued', listed = outbound_pings.listed OR excluded.listed,
                     updated_at = excluded.updated_at
                 WHERE outbound_pings.status NOT IN ('queued', 'retrying')
                    OR outbound_pings.updated_at < $6
                 RETURNING id",
            )
            .bind(blog.0)
            .bind(entry_id)
            .bind(target)
            .bind(listed)
            .bind(now)
            .bind(now - STALE_AFTER)
            .fetch_optional(pool)
            .await?
        }))
    }

    /// Every target of an entry, in the order they were first queued.
    pub async fn outbound_pings(
        &self,
        blog: BlogId,
        entry_id: i64,
    ) -> Result<Vec<OutboundPingRow>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM outbound_pings WHERE blog_id = $1 AND entry_id = $2 ORDER BY id"
        );
        Ok(with_pool!(self, read, |pool| {
            sqlx::query_as::<_, OutboundPingRow>(sqlx::AssertSqlSafe(sql.as_str()))
                .bind(blog.0)
                .bind(entry_id)
                .fetch_all(pool)
                .await?
        }))
    }

    pub async fn outbound_ping(&self, id: i64) -> Result<Option<OutboundPingRow>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM outbound_pings WHERE id = $1");
        Ok(with_pool!(self, write, |pool| {
            sqlx::query_as::<_, OutboundPingRow>(sqlx::AssertSqlSafe(sql.as_str()))
                .bind(id)
                .fetch_optional(pool)
                .await?
        }))
    }

    /// Records an attempt's outcome.
    pub async fn set_outbound_result(
        &self,
        id: i64,
        protocol: &str,
        endpoint: &str,
        status: &str,
        message: &str,
        now: i64,
    ) -> Result<(), StoreError> {
        with_pool!(self, write, |pool| {
            sqlx::query(
                "UPDATE outbound_pings SET protocol = $2, endpoint = $3, status = $4, message = $5,
                        attempts = attempts + 1, updated_at = $6
                 WHERE id = $1",
            )
            .bind(id)
            .bind(protocol)
            .bind(endpoint)
            .bind(status)
            .bind(message)
            .bind(now)
            .execute(pool)
            .await?;
        });
        Ok(())
    }

    /// Pings received from `host` (any blog) since `since` and not judged spam: the
    /// per-source-host rate limit (refused pings do not count, so forged pings naming a
    /// site cannot silence it).
    pub async fn pings_from_host_since(&self, host: &str, since: i64) -> Result<i64, StoreError> {
        let (n,): (i64,) = self
            .read_one(
                "SELECT COUNT(*) FROM pings WHERE source_host = $1 AND created_at >= $2 AND status <> 'spam'",
                &[
                    crate::sqlite_read::Arg::Text(host),
                    crate::sqlite_read::Arg::Int(since),
                ],
            )
            .await?;
        Ok(n)
    }
}

/// The lower-case host of a URL, without `www.`, port or trailing dot (how pings are
/// counted per source site).
pub fn source_host(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host_port = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    let host = host_port.rsplit_once('@').map_or(host_port, |(_, h)| h);
    let host = if host.starts_with('[') {
        host.split_inclusive(']').next().unwrap_or(host)
    } else {
        host.split(':').next().unwrap_or(host)
    };
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    host.strip_prefix("www.").unwrap_or(&host).to_owned()
}

/// Records the TrackBack URLs an author listed for an entry as waiting to be sent, inside
/// the entry's write. A TrackBack already taken is left as it is (never sent twice), and so
/// is a send in flight; the entry's send job picks up the waiting ones.
pub(crate) async fn list_trackbacks<DB>(
    tx: &mut sqlx::Transaction<'_, DB>,
    blog: BlogId,
    entry_id: i64,
    urls: &[String],
    now: i64,
) -> Result<(), sqlx::Error>
where
    DB: sqlx::Database,
    for<'c> &'c mut DB::Connection: sqlx::Executor<'c, Database = DB>,
    for<'q> DB::Arguments: sqlx::IntoArguments<DB>,
    String: for<'q> sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    i64: for<'q> sqlx::Encode<'q, DB> + sqlx::Type<DB>,
{
    for url in urls {
        sqlx::query::<DB>(
            "INSERT INTO outbound_pings (blog_id, entry_id, target, listed, protocol, endpoint, status,
                                         created_at, updated_at)
             VALUES ($1, $2, $3, TRUE, 'trackback', $3, 'waiting', $4, $4)
             ON CONFLICT (entry_id, target) DO UPDATE
             SET listed = TRUE, protocol = 'trackback', endpoint = excluded.endpoint,
                 status = 'waiting', message = '', updated_at = excluded.updated_at
             WHERE NOT (outbound_pings.status = 'sent' AND outbound_pings.protocol = 'trackback')
               AND (outbound_pings.status NOT IN ('queued', 'retrying')
                    OR outbound_pings.updated_at < $5)",
        )
        .bind(blog.0)
        .bind(entry_id)
        .bind(url.clone())
        .bind(now)
        .bind(now - STALE_AFTER)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::source_host;

    #[test]
    fn one_site_whatever_the_port_case_or_trailing_dot() {
        for url in [
            "http://Spam.example/x",
            "https://www.spam.example:8443/y",
            "http://spam.example./z",
            "http://user@spam.example:80",
        ] {
            assert_eq!(source_host(url), "spam.example", "{url}");
        }
        assert_eq!(source_host("http://[::1]:8080/"), "[::1]");
    }
}
