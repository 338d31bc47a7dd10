//! Storage errors, split by what the caller can do about them.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum StoreError {
    /// A row the caller asked for, or a database file, does not exist.
    #[error("{0}")]
    NotFound(String),
    /// A uniqueness rule was broken (a login, blog slug or permalink already taken).
    #[error("{0}")]
    Conflict(String),
    /// The database URL itself is wrong.
    #[error("{0}")]
    InvalidUrl(String),
    /// The database could not be reached or opened.
    #[error("cannot connect to the database: {0}")]
    Connect(#[source] sqlx::Error),
    #[error("database migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// The store was closed (shutting down).
    #[error("the database connection is closed")]
    Closed,
    /// SQLite said no on the inline read path.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// Anything else the database said: an outage, not the user's fault.
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
}

impl StoreError {
    /// True when the database could not be reached or could not answer now (a lost
    /// connection, a full pool, a locked or failing file): worth a 503, a stale page and a
    /// retry. False for what retrying cannot fix (a row that does not decode, a statement the
    /// database refuses): a fault of ours, to log as a 500.
    pub fn is_outage(&self) -> bool {
        match self {
            StoreError::Connect(_) | StoreError::Closed => true,
            StoreError::Database(e) => sqlx_outage(e),
            StoreError::Sqlite(e) => sqlite_outage(e),
            StoreError::NotFound(_)
            | StoreError::Conflict(_)
            | StoreError::InvalidUrl(_)
            | StoreError::Migrate(_) => false,
        }
    }

    pub(crate) fn connect(e: sqlx::Error) -> Self {
        StoreError::Connect(e)
    }

    /// Maps a unique-constraint violation to `Conflict` with a readable message.
    pub(crate) fn conflict_or(e: sqlx::Error, message: impl FnOnce() -> String) -> Self {
        match &e {
            sqlx::Error::Database(db) if db.is_unique_violation() => {
                StoreError::Conflict(message())
            }
            _ => StoreError::Database(e),
        }
    }
}

fn sqlx_outage(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::Protocol(_)
        | sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::WorkerCrashed => true,
        sqlx::Error::Database(db) => match db.code() {
            // PostgreSQL: connection exceptions (08), too many connections and other
            // insufficient resources (53), the server shutting down (57P0x), serialization
            // and deadlock failures (40) that a retry gets past.
            Some(code)
                if db
                    .try_downcast_ref::<sqlx::postgres::PgDatabaseError>()
                    .is_some() =>
            {
                ["08", "53", "57P", "40"]
                    .iter()
                    .any(|class| code.starts_with(class))
            }
            // SQLite: busy or locked beyond the timeout, I/O errors, a full disk, a file that
            // cannot be opened (primary result codes 5, 6, 10, 13, 14).
            Some(code) => code
                .parse::<i32>()
                .is_ok_and(|c| matches!(c & 0xff, 5 | 6 | 10 | 13 | 14)),
            None => false,
        },
        _ => false,
    }
}

fn sqlite_outage(e: &rusqlite::Error) -> bool {
    match e {
        rusqlite::Error::SqliteFailure(f, _) => matches!(
            f.code,
            rusqlite::ErrorCode::DatabaseBusy
                | rusqlite::ErrorCode::DatabaseLocked
                | rusqlite::ErrorCode::SystemIoFailure
                | rusqlite::ErrorCode::DiskFull
                | rusqlite::ErrorCode::CannotOpen
                | rusqlite::ErrorCode::OutOfMemory
        ),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outages_are_told_from_bugs() {
        assert!(StoreError::Database(sqlx::Error::PoolTimedOut).is_outage());
        assert!(StoreError::Closed.is_outage());
        assert!(!StoreError::Database(sqlx::Error::RowNotFound).is_outage());
        assert!(!StoreError::Database(sqlx::Error::ColumnNotFound("title".into())).is_outage());
        let decode =
            rusqlite::Error::InvalidColumnType(0, "id".into(), rusqlite::types::Type::Text);
        assert!(!StoreError::Sqlite(decode).is_outage());
        let busy = rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
            None,
        );
        assert!(StoreError::Sqlite(busy).is_outage());
    }
}
