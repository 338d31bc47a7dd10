//! Storage of the learning spam filter: feature counts per blog and host-wide (blog 0),
//! learned inside the moderation transaction so a decision and what it taught can never
//! disagree, and read back for scoring.

use crate::{Store, StoreError, with_pool};
use tsuzuri_core::BlogId;
use tsuzuri_core::spamfilter::{self, Counts};

/// The text the filter learns from and judges, per table (the same fields either way).
pub(crate) fn text_sql(table: &str) -> &'static str {
    if table == "pings" {
        "title || ' ' || url || ' ' || blog_name || ' ' || excerpt"
    } else {
        "author || ' ' || url || ' ' || body"
    }
}

/// One statement adding `delta` (spam, ham) for every feature, for the blog and host-wide.
/// Only numbers go into the text, so building it is safe.
pub(crate) fn upsert_sql(blog: BlogId, features: &[i64], spam: i64, ham: i64) -> String {
    let mut values = String::new();
    for scope in [blog.0, 0] {
        for f in features {
            if !values.is_empty() {
                values.push(',');
            }
            values.push_str(&format!("({scope},{f},{spam},{ham})"));
        }
    }
    format!(
        "INSERT INTO spam_features (blog_id, feature, spam, ham) VALUES {values}
         ON CONFLICT (blog_id, feature) DO UPDATE
         SET spam = spam_features.spam + excluded.spam, ham = spam_features.ham + excluded.ham"
    )
}

pub(crate) fn totals_sql(blog: BlogId, spam: i64, ham: i64) -> String {
    format!(
        "INSERT INTO spam_totals (blog_id, spam, ham) VALUES ({b},{spam},{ham}),(0,{spam},{ham})
         ON CONFLICT (blog_id) DO UPDATE
         SET spam = spam_totals.spam + excluded.spam, ham = spam_totals.ham + excluded.ham",
        b = blog.0
    )
}

/// Learns (or unlearns, with -1) one text as spam or ham, inside `tx`.
macro_rules! learn {
    ($tx:expr, $blog:expr, $features:expr, $kind:expr, $sign:expr) => {{
        let (spam, ham) = if $kind == "spam" {
            ($sign, 0)
        } else {
            (0, $sign)
        };
        if !$features.is_empty() {
            sqlx::query(sqlx::AssertSqlSafe($crate::spam::upsert_sql(
                $blog, $features, spam, ham,
            )))
            .execute(&mut *$tx)
            .await?;
        }
        sqlx::query(sqlx::AssertSqlSafe($crate::spam::totals_sql(
            $blog, spam, ham,
        )))
        .execute(&mut *$tx)
        .await?;
    }};
}
pub(crate) use learn;

impl Store {
    /// The counts the filter needs to judge a text with `features` on `blog`: each
    /// feature's host-wide counts plus the blog's own (so a blog's decisions weigh double
    /// there), and the totals likewise.
    pub async fn spam_counts(
        &self,
        blog: BlogId,
        features: &[i64],
    ) -> Result<(Vec<Counts>, Counts), StoreError> {
        let totals: Vec<(i64, i64)> = with_pool!(self, read, |pool| {
            sqlx::query_as("SELECT spam, ham FROM spam_totals WHERE blog_id IN (0, $1)")
                .bind(blog.0)
                .fetch_all(pool)
                .await?
        });
        let totals = totals.iter().fold(Counts::default(), |t, (s, h)| Counts {
            spam: t.spam + s,
            ham: t.ham + h,
        });
        if features.is_empty() || totals.spam == 0 && totals.ham == 0 {
            return Ok((Vec::new(), totals));
        }
        let list = features
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(",");
        let sql = format!(
            "SELECT feature, spam, ham FROM spam_features WHERE blog_id IN (0, $1) AND feature IN ({list})"
        );
        let rows: Vec<(i64, i64, i64)> = with_pool!(self, read, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(blog.0)
                .fetch_all(pool)
                .await?
        });
        let mut by_feature = std::collections::HashMap::<i64, Counts>::new();
        for (f, s, h) in rows {
            let c = by_feature.entry(f).or_default();
            c.spam += s;
            c.ham += h;
        }
        Ok((by_feature.into_values().collect(), totals))
    }
}

/// The features of a stored row's text.
pub(crate) fn features_of(text: &str) -> Vec<i64> {
    spamfilter::features(text)
}
