//! Database URLs: `sqlite://PATH` or `postgres://…`; anything else is refused.

use crate::StoreError;
use std::path::PathBuf;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    /// `create` is true when the URL asks for it with `?mode=rwc`.
    Sqlite {
        path: PathBuf,
        create: bool,
    },
    Postgres(String),
}

impl DatabaseUrl {
    pub fn parse(url: &str) -> Result<DatabaseUrl, StoreError> {
        let url = url.trim();
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(DatabaseUrl::Postgres(url.to_string()));
        }
        let rest = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
            .ok_or_else(|| {
                StoreError::InvalidUrl(format!(
                    "unsupported database URL {:?}: use sqlite://PATH or postgres://USER@HOST/DB",
                    redact(url)
                ))
            })?;
        let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
        if path.is_empty() || path == ":memory:" {
            return Err(StoreError::InvalidUrl(
                "a SQLite URL needs a file path (in-memory databases would lose every write)"
                    .into(),
            ));
        }
        let create = query.split('&').any(|kv| kv == "mode=rwc");
        Ok(DatabaseUrl::Sqlite {
            path: PathBuf::from(path),
            create,
        })
    }

    /// The SQLite database file inside a data directory: the embedded default.
    pub fn sqlite_in(data_dir: &std::path::Path) -> DatabaseUrl {
        DatabaseUrl::Sqlite {
            path: data_dir.join("tsuzuri.sqlite3"),
            create: true,
        }
    }

    /// The URL with any password removed, safe for logs.
    pub fn display_redacted(&self) -> String {
        match self {
            DatabaseUrl::Sqlite { path, .. } => format!("sqlite://{}", path.display()),
            DatabaseUrl::Postgres(u) => redact(u),
        }
    }
}

fn redact(url: &str) -> String {
    if let Some((scheme, rest)) = url.split_once("://")
        && let Some((creds, host)) = rest.split_once('@')
    {
        let user = creds.split(':').next().unwrap_or("");
        return format!("{scheme}://{user}:***@{host}");
    }
    url.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_known_schemes_and_refuses_others() {
        assert_eq!(
            DatabaseUrl::parse("sqlite:///tmp/x.db").ok(),
            Some(DatabaseUrl::Sqlite {
                path: "/tmp/x.db".into(),
                create: false
            })
        );
        assert_eq!(
            DatabaseUrl::parse("sqlite://x.db?mode=rwc").ok(),
            Some(DatabaseUrl::Sqlite {
                path: "x.db".into(),
                create: true
            })
        );
        assert!(matches!(
            DatabaseUrl::parse("postgres://u@h/db"),
            Ok(DatabaseUrl::Postgres(_))
        ));
        assert!(DatabaseUrl::parse("mysql://u@h/db").is_err());
        assert!(DatabaseUrl::parse("/tmp/x.db").is_err());
        assert!(DatabaseUrl::parse("sqlite::memory:").is_err());
    }

    #[test]
    fn redacts_passwords() {
        let u = DatabaseUrl::parse("postgres://me:secret@db/x").expect("url");
        assert_eq!(u.display_redacted(), "postgres://me:***@db/x");
    }
}
