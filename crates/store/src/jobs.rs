//! The durable job queue, in the database so that any node can run any job and nothing
//! is lost in a restart: enqueue, claim with a lease (`FOR UPDATE SKIP LOCKED` on
//! PostgreSQL; the single writer serialises claims on SQLite), finish, or fail and retry.

use crate::{Store, StoreError, with_pool};

/// A claimed job.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct JobRow {
    pub id: i64,
    pub kind: String,
    pub payload: String,
    pub attempts: i64,
}

impl Store {
    pub async fn enqueue_job(
        &self,
        kind: &str,
        payload: &str,
        run_at: i64,
    ) -> Result<i64, StoreError> {
        Ok(with_pool!(self, write, |pool| {
            sqlx::query_scalar::<_, i64>(
                "INSERT INTO jobs (kind, payload, run_at, created_at) VALUES ($1, $2, $3, $3) RETURNING id",
            )
            .bind(kind)
            .bind(payload)
            .bind(run_at)
            .fetch_one(pool)
            .await?
        }))
    }

    /// The next due job, leased until `now + lease_seconds`; None when nothing is due.
    pub async fn claim_job(
        &self,
        now: i64,
        lease_seconds: i64,
    ) -> Result<Option<JobRow>, StoreError> {
        let lock = if self.backend_name() == "postgres" {
            " FOR UPDATE SKIP LOCKED"
        } else {
            ""
        };
        let sql = format!(
            "UPDATE jobs SET locked_until = $2, attempts = attempts + 1
             WHERE id = (SELECT id FROM jobs
                         WHERE failed_at IS NULL AND run_at <= $1
                           AND (locked_until IS NULL OR locked_until < $1)
                         ORDER BY run_at, id LIMIT 1{lock})
             RETURNING id, kind, payload, attempts"
        );
        Ok(with_pool!(self, write, |pool| {
            sqlx::query_as::<_, JobRow>(sqlx::AssertSqlSafe(sql.as_str()))
                .bind(now)
                .bind(now + lease_seconds)
                .fetch_optional(pool)
                .await?
        }))
    }

    /// A job that is done.
    pub async fn finish_job(&self, id: i64) -> Result<(), StoreError> {
        with_pool!(self, write, |pool| {
            sqlx::query("DELETE FROM jobs WHERE id = $1")
                .bind(id)
                .execute(pool)
                .await?;
        });
        Ok(())
    }

    /// A job that failed: run again at `retry_at`, or give up (`None`), keeping the error.
    pub async fn fail_job(
        &self,
        id: i64,
        error: &str,
        retry_at: Option<i64>,
        now: i64,
    ) -> Result<(), StoreError> {
        with_pool!(self, write, |pool| {
            match retry_at {
                Some(at) => sqlx::query("UPDATE jobs SET run_at = $2, locked_until = NULL, last_error = $3 WHERE id = $1")
                    .bind(id)
                    .bind(at)
                    .bind(error)
                    .execute(pool)
                    .await?,
                None => sqlx::query("UPDATE jobs SET failed_at = $2, locked_until = NULL, last_error = $3 WHERE id = $1")
                    .bind(id)
                    .bind(now)
                    .bind(error)
                    .execute(pool)
                    .await?,
            };
        });
        Ok(())
    }
}

/// A job queued in the same transaction as the write that causes it (a publish and its
/// pings, a comment and its owner's mail): the write never lands without its job, nor the
/// job without its write.
#[derive(Debug, Clone, PartialEq)]
pub struct NewJob {
    pub kind: String,
    /// The job's JSON object. A job passed with an entry's write gains that entry's id as
    /// `entry_id` (a new entry has none before the transaction).
    pub payload: serde_json::Map<String, serde_json::Value>,
    pub run_at: i64,
}

impl NewJob {
    /// A job of `kind` carrying `payload`, which must serialise to a JSON object.
    pub fn new(
        kind: &str,
        payload: &impl serde::Serialize,
        run_at: i64,
    ) -> Result<NewJob, serde_json::Error> {
        match serde_json::to_value(payload)? {
            serde_json::Value::Object(payload) => Ok(NewJob {
                kind: kind.to_owned(),
                payload,
                run_at,
            }),
            _ => Err(serde::ser::Error::custom("a job payload must be an object")),
        }
    }
}

/// Inserts `jobs` in a transaction, on either backend. A generic function rather
/// than a macro: the bounds say what the backend must accept, and it compiles once per
/// backend like the `with_pool!` bodies that call it.
pub(crate) async fn insert_jobs<DB>(
    tx: &mut sqlx::Transaction<'_, DB>,
    jobs: &[NewJob],
    entry_id: Option<i64>,
    now: i64,
) -> Result<(), sqlx::Error>
where
    DB: sqlx::Database,
    for<'c> &'c mut DB::Connection: sqlx::Executor<'c, Database = DB>,
    for<'q> DB::Arguments: sqlx::IntoArguments<DB>,
    String: for<'q> sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    i64: for<'q> sqlx::Encode<'q, DB> + sqlx::Type<DB>,
{
    for job in jobs {
        let mut payload = job.payload.clone();
        if let Some(id) = entry_id {
            payload.insert("entry_id".into(), id.into());
        }
        sqlx::query::<DB>(
            "INSERT INTO jobs (kind, payload, run_at, created_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(job.kind.clone())
        .bind(serde_json::Value::Object(payload).to_string())
        .bind(job.run_at)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}
