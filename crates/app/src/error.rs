//! The use-case error: what went wrong, split by whose fault it is, so every edge (HTTP,
//! CLI) can answer with the right status or exit code without guessing.

use thiserror::Error;
use tsuzuri_core::ValidationError;
use tsuzuri_store::StoreError;

#[derive(Debug, Error)]
pub enum Error {
    /// The thing asked for does not exist (or is not visible to the asker).
    #[error("{}", english(.0))]
    NotFound(String),
    /// The input was wrong; the message says what to change.
    #[error("{}", english(.0))]
    Invalid(String),
    /// A form had problems, each tied to its field: (field, message).
    #[error("{}", .0.iter().map(|(f, m)| format!("{f}: {}", english(m))).collect::<Vec<_>>().join("; "))]
    InvalidForm(Vec<(String, String)>),
    /// The input clashes with something that exists (a taken name).
    #[error("{}", english(.0))]
    Conflict(String),
    /// Not signed in, or the credentials are wrong.
    #[error("{}", english(.0))]
    Unauthorized(String),
    /// Signed in, but not allowed to do this.
    #[error("{}", english(.0))]
    Forbidden(String),
    /// Too many attempts; try again after this many seconds.
    #[error("too many attempts; try again in {0} seconds")]
    RateLimited(i64),
    /// A one-time thing (a setup link) that has been used or has expired.
    #[error("{}", english(.0))]
    Gone(String),
    /// An import file had errors; nothing was written. Each item is (line, message).
    #[error("the file has {} problem(s); nothing was imported", .0.len())]
    BadImport(Vec<(usize, String)>),
    /// A fault of ours or of the database: logged, never blamed on the user.
    #[error("internal error: {0}")]
    Internal(String),
    /// The database cannot answer now (see `StoreError::is_outage`).
    #[error(transparent)]
    Unavailable(StoreError),
}

impl From<ValidationError> for Error {
    fn from(e: ValidationError) -> Self {
        Error::InvalidForm(vec![(e.field.to_owned(), e.message)])
    }
}

impl From<StoreError> for Error {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound(m) => Error::NotFound(m),
            StoreError::Conflict(m) => Error::Conflict(m),
            StoreError::InvalidUrl(m) => Error::Invalid(m),
            // 503 and stale pages are for a database that cannot answer now; a row that does
            // not decode is a bug, logged as a 500 however often it is retried.
            outage if outage.is_outage() => Error::Unavailable(outage),
            bug => Error::Internal(bug.to_string()),
        }
    }
}

impl From<tsuzuri_render::RenderError> for Error {
    fn from(e: tsuzuri_render::RenderError) -> Self {
        Error::Internal(format!("rendering failed: {e}"))
    }
}

/// A message as the CLI, the logs and import reports show it: a catalog message in English,
/// other text as it is. (Reports are read in a terminal today; the admin will say them.)
pub(crate) fn english(message: &str) -> String {
    tsuzuri_render::i18n::catalog().say(tsuzuri_core::Lang::En, message)
}

/// Marks a message a use case gives as an id of the message catalogs
/// (`tsuzuri_render::i18n`), which each edge shows in its reader's language (the admin in
/// the user's, the CLI in English). The catalogs' tests check every id so marked exists.
pub fn catalog_id(id: &'static str) -> String {
    id.to_owned()
}

/// The message for a blog that does not exist (or that the asker may not see).
pub(crate) fn no_such_blog(slug: &str) -> String {
    tsuzuri_core::message::message("no-such-blog", &[("slug", &slug)])
}
