//! Storage of the learning spam filter: feature counts per blog and host-wide (blog 0),
//! learned inside the moderation transaction so a decision and what it taught can never
//! disagree, and read back for scoring.

use crate::{Store, StoreError, with_pool};
use std::collections::BTreeMap;
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

/// What one transaction teaches the filter: deltas per (scope, feature) and per scope,
/// applied at its end in key order, so concurrent moderations lock rows in the same order
/// (no deadlocks on PostgreSQL) and the shared host-wide rows are written once.
#[derive(Default)]
pub(crate) struct Lessons {
    features: BTreeMap<(i64, i64), (i64, i64)>,
    totals: BTreeMap<i64, (i64, i64)>,
}

impl Lessons {
    /// Counts `text` as `kind` ("spam" or "ham") on `blog` and host-wide; `sign` -1 unlearns.
    pub(crate) fn learn(&mut self, blog: BlogId, text: &str, kind: &str, sign: i64) {
        let (spam, ham) = if kind == "spam" { (sign, 0) } else { (0, sign) };
        let features = spamfilter::features(text);
        for scope in [blog.0, 0] {
            for f in &features {
                let d = self.features.entry((scope, *f)).or_default();
                d.0 += spam;
                d.1 += ham;
            }
            let t = self.totals.entry(scope).or_default();
            t.0 += spam;
            t.1 += ham;
        }
    }

    /// The statements that apply the lessons (only numbers go into their text).
    pub(crate) fn statements(&self) -> Vec<String> {
        let mut out = Vec::new();
        let rows: Vec<String> = self
            .features
            .iter()
            .filter(|(_, d)| **d != (0, 0))
            .map(|((scope, f), (s, h))| format!("({scope},{f},{s},{h})"))
            .collect();
        for chunk in rows.chunks(5000) {
            out.push(format!(
                "INSERT INTO spam_features (blog_id, feature, spam, ham) VALUES {}
                 ON CONFLICT (blog_id, feature) DO UPDATE
                 SET spam = spam_features.spam + excluded.spam, ham = spam_features.ham + excluded.ham",
                chunk.join(",")
            ));
        }
        let totals: Vec<String> = self
            .totals
            .iter()
            .filter(|(_, d)| **d != (0, 0))
            .map(|(scope, (s, h))| format!("({scope},{s},{h})"))
            .collect();
        if !totals.is_empty() {
            out.push(format!(
                "INSERT INTO spam_totals (blog_id, spam, ham) VALUES {}
                 ON CONFLICT (blog_id) DO UPDATE
                 SET spam = spam_totals.spam + excluded.spam, ham = spam_totals.ham + excluded.ham",
                totals.join(",")
            ));
        }
        out
    }
}

/// Applies `lessons` inside the transaction `tx`.
macro_rules! apply_lessons {
    ($tx:expr, $lessons:expr) => {{
        for sql in $lessons.statements() {
            sqlx::query(sqlx::AssertSqlSafe(sql))
                .execute(&mut *$tx)
                .await?;
        }
    }};
}
pub(crate) use apply_lessons;

impl Store {
    /// The counts the filter needs to judge a text with `features` on `blog`: each
    /// feature's host-wide counts plus the blog's own (so a blog's decisions weigh double
    /// there), and the totals likewise.
    /// Also returns the host-wide totals alone (what "has the filter learned enough" is
    /// judged by, so a blog's own decisions are not counted twice there).
    pub async fn spam_counts(
        &self,
        blog: BlogId,
        features: &[i64],
    ) -> Result<(Vec<Counts>, Counts, Counts), StoreError> {
        let rows: Vec<(i64, i64, i64)> = with_pool!(self, read, |pool| {
            sqlx::query_as("SELECT blog_id, spam, ham FROM spam_totals WHERE blog_id IN (0, $1)")
                .bind(blog.0)
                .fetch_all(pool)
                .await?
        });
        let totals = rows.iter().fold(Counts::default(), |t, (_, s, h)| Counts {
            spam: t.spam + s,
            ham: t.ham + h,
        });
        let host = rows
            .iter()
            .find(|(b, _, _)| *b == 0)
            .map(|(_, s, h)| Counts { spam: *s, ham: *h })
            .unwrap_or_default();
        if features.is_empty() || totals.spam == 0 && totals.ham == 0 {
            return Ok((Vec::new(), totals, host));
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
        Ok((by_feature.into_values().collect(), totals, host))
    }
}
