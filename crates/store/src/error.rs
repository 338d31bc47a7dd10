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
