//! Database access for tsuzuri on SQLite and PostgreSQL.
//!
//! One [`Store`] type is the storage interface the use cases call. Which backend sits behind it
//! is chosen at run time by the database URL; the SQL text is shared (both accept `$n`
//! placeholders, `RETURNING` and `ON CONFLICT`), and the few differences stay in this crate.
//! Each query is written once and compiled for both pool types by the `with_pool!` macro.

mod accounts;
mod blocklist;
mod blogs;
mod categories;
mod comments;
mod counts;
mod devices;
mod entries;
mod entry_rows;
mod error;
mod export;
mod import;
mod jobs;
mod media;
mod models;
mod outbound;
mod pings;
mod previews;
mod spam;
mod sqlite_read;
mod templates;
mod trash;
mod url;
mod users;

pub use accounts::{AdminEntryFilter, AdminEntryRow, MemberBlogRow, SessionRow, StatusCountRow};
pub use blocklist::BlocklistRow;
pub use comments::{Moderation, QueuedCommentRow, ReaderComment};
pub use error::StoreError;
pub use jobs::{JobRow, NewJob};
pub use media::{MediaRow, NewMedia};
pub use models::*;
pub use outbound::{OutboundPingRow, source_host};
pub use pings::{QueuedPingRow, ReceivedPing};
pub use previews::PreviewRow;
pub use templates::BlogTemplateRow;
pub use trash::TrashedEntryRow;
pub use url::DatabaseUrl;

use sqlite_read::{Arg, SqliteReadPool, SqliteReads, SqliteRow};
use sqlx::postgres::PgRow;
use sqlx::postgres::{PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use std::sync::Arc;
use std::time::Duration;

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("migrations/postgres");

#[derive(Clone)]
enum Pools {
    /// SQLite allows one writer at a time: a one-connection writer pool queues writes in the
    /// process instead of failing them with SQLITE_BUSY, and readers never wait for it (WAL).
    Sqlite {
        writer: SqlitePool,
        reader: SqlitePool,
        /// Inline read connections for the public queries (see `sqlite_read`).
        fast: Arc<SqliteReadPool>,
    },
    Postgres(PgPool),
}

/// Runs `$body` with `$pool` bound to the backend's pool: the read pool for `read`, the
/// writer for `write`. The body is compiled once per backend type.
macro_rules! with_pool {
    ($store:expr, read, |$pool:ident| $body:expr) => {
        match &$store.pools {
            $crate::Pools::Sqlite { reader: $pool, .. } => $body,
            $crate::Pools::Postgres($pool) => $body,
        }
    };
    ($store:expr, write, |$pool:ident| $body:expr) => {
        match &$store.pools {
            $crate::Pools::Sqlite { writer: $pool, .. } => $body,
            $crate::Pools::Postgres($pool) => $body,
        }
    };
}
pub(crate) use with_pool;

/// Write transactions. On SQLite, `BEGIN IMMEDIATE` takes the write lock up front (waiting
/// up to the busy timeout): a deferred transaction that reads before it writes fails at once
/// with "database is locked" when another process (a CLI import beside the server) wrote in
/// between. PostgreSQL begins as usual.
pub(crate) trait BeginWrite {
    type Db: sqlx::Database;
    async fn begin_write(&self) -> Result<sqlx::Transaction<'static, Self::Db>, sqlx::Error>;
}

impl BeginWrite for SqlitePool {
    type Db = sqlx::Sqlite;
    async fn begin_write(&self) -> Result<sqlx::Transaction<'static, sqlx::Sqlite>, sqlx::Error> {
        self.begin_with("BEGIN IMMEDIATE").await
    }
}

impl BeginWrite for PgPool {
    type Db = sqlx::Postgres;
    async fn begin_write(&self) -> Result<sqlx::Transaction<'static, sqlx::Postgres>, sqlx::Error> {
        self.begin().await
    }
}

/// Options for opening a store.
#[derive(Debug, Clone)]
pub struct ConnectOptions {
    /// Create the SQLite file when it does not exist. Only the default data directory does
    /// this; an explicit `sqlite://` URL must name an existing file (or carry `?mode=rwc`), so
    /// a mistyped path never silently becomes an empty database.
    pub create_sqlite: bool,
    /// Maximum connections of the read pool (SQLite) or the pool (PostgreSQL).
    pub max_connections: u32,
}

impl Default for ConnectOptions {
    fn default() -> Self {
        Self {
            create_sqlite: false,
            max_connections: 8,
        }
    }
}

/// The storage interface. Cheap to clone.
#[derive(Clone)]
pub struct Store {
    pools: Pools,
    /// Set on a store made by [`Store::snapshot`]: the public queries read through it.
    snapshot: Option<Arc<Snapshot>>,
}

/// One read transaction that the public queries of a page share (see [`Store::snapshot`]).
enum Snapshot {
    Sqlite(sqlite_read::PinnedRead),
    /// `REPEATABLE READ, READ ONLY`; rolled back when the last clone of the store is dropped.
    Postgres(tokio::sync::Mutex<sqlx::Transaction<'static, sqlx::Postgres>>),
}

impl Store {
    /// Opens the database named by `url` and runs pending migrations.
    pub async fn open(url: &DatabaseUrl, opts: &ConnectOptions) -> Result<Store, StoreError> {
        let store = Self::connect(url, opts).await?;
        store.migrate().await?;
        Ok(store)
    }

    /// Opens the database without migrating it.
    pub async fn connect(url: &DatabaseUrl, opts: &ConnectOptions) -> Result<Store, StoreError> {
        let pools = match url {
            DatabaseUrl::Sqlite { path, create } => {
                let create = *create || opts.create_sqlite;
                if !create && !path.exists() {
                    return Err(StoreError::NotFound(format!(
                        "SQLite database {} does not exist (check the path; add ?mode=rwc to the URL to create it)",
                        path.display()
                    )));
                }
                let base = SqliteConnectOptions::new()
                    .filename(path)
                    .create_if_missing(create)
                    .journal_mode(SqliteJournalMode::Wal)
                    // FULL: a write is on disk when it is acknowledged, even across power loss.
                    .synchronous(SqliteSynchronous::Full)
                    .busy_timeout(Duration::from_secs(10))
                    .foreign_keys(true)
                    .pragma("cache_size", "-16000");
                let writer = SqlitePoolOptions::new()
                    .max_connections(1)
                    .connect_with(base.clone())
                    .await
                    .map_err(StoreError::connect)?;
                let reader = SqlitePoolOptions::new()
                    .max_connections(opts.max_connections.max(1))
                    .connect_with(base.read_only(true))
                    .await
                    .map_err(StoreError::connect)?;
                let fast = Arc::new(SqliteReadPool::new(
                    path.clone(),
                    opts.max_connections as usize * 2,
                ));
                Pools::Sqlite {
                    writer,
                    reader,
                    fast,
                }
            }
            DatabaseUrl::Postgres(url) => {
                let pool = PgPoolOptions::new()
                    .max_connections(opts.max_connections.max(2))
                    .acquire_timeout(Duration::from_secs(10))
                    .connect(url)
                    .await
                    .map_err(StoreError::connect)?;
                Pools::Postgres(pool)
            }
        };
        Ok(Store {
            pools,
            snapshot: None,
        })
    }

    /// This store with its public read queries (`read_all`, `read_opt`) inside one read
    /// transaction, so that everything a page shows (the entry, its neighbours, the sidebar's
    /// counts) comes from the same moment, and SQLite takes its read lock once per page rather
    /// than once per query. Writes through it are not part of the transaction. End it by
    /// dropping every clone.
    pub async fn snapshot(&self) -> Result<Store, StoreError> {
        if self.snapshot.is_some() {
            return Ok(self.clone());
        }
        let pinned = match &self.pools {
            Pools::Sqlite { fast, .. } => Snapshot::Sqlite(fast.pin()?),
            Pools::Postgres(pool) => {
                let tx = pool
                    .begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                    .await?;
                Snapshot::Postgres(tokio::sync::Mutex::new(tx))
            }
        };
        Ok(Store {
            pools: self.pools.clone(),
            snapshot: Some(Arc::new(pinned)),
        })
    }

    /// Applies the embedded migrations of this backend that have not run yet.
    pub async fn migrate(&self) -> Result<(), StoreError> {
        match &self.pools {
            Pools::Sqlite { writer, .. } => SQLITE_MIGRATIONS.run(writer).await?,
            Pools::Postgres(pool) => POSTGRES_MIGRATIONS.run(pool).await?,
        }
        Ok(())
    }

    /// "sqlite" or "postgres", for logs and the status page.
    pub fn backend_name(&self) -> &'static str {
        match &self.pools {
            Pools::Sqlite { .. } => "sqlite",
            Pools::Postgres(_) => "postgres",
        }
    }

    /// Closes all connections; SQLite checkpoints its WAL.
    pub async fn close(&self) {
        match &self.pools {
            Pools::Sqlite {
                writer,
                reader,
                fast,
            } => {
                fast.close();
                reader.close().await;
                writer.close().await;
            }
            Pools::Postgres(pool) => pool.close().await,
        }
    }

    /// The content version: bumped by every write that changes public pages.
    pub async fn content_version(&self) -> Result<i64, StoreError> {
        let (v,): (i64,) = self
            .read_one("SELECT version FROM content_version WHERE id = 1", &[])
            .await?;
        Ok(v)
    }
}

impl Store {
    /// The blogs whose public content changed after host-wide content version `since`.
    pub async fn blogs_changed_since(&self, since: i64) -> Result<Vec<String>, StoreError> {
        let rows: Vec<(String,)> = self
            .read_all(
                "SELECT slug FROM blogs WHERE content_version > $1",
                &[Arg::Int(since)],
            )
            .await?;
        Ok(rows.into_iter().map(|(slug,)| slug).collect())
    }
}

/// Marks a blog's public content as changed, inside the write's transaction: the host-wide
/// version goes up by one (its row lock orders the writers, so a reader that sees version V
/// sees every change up to V) and the blog records that version, so other nodes can tell
/// which blogs changed since the version they last saw and drop only those pages.
/// `bump_content!(tx, blog_id)`, or `bump_content!(tx, entry_of: entry_id)`.
macro_rules! bump_content {
    ($tx:ident, entry_of: $entry:expr) => {{
        sqlx::query("UPDATE content_version SET version = version + 1 WHERE id = 1")
            .execute(&mut *$tx)
            .await?;
        sqlx::query(
            "UPDATE blogs SET content_version = (SELECT version FROM content_version WHERE id = 1)
             WHERE id = (SELECT blog_id FROM entries WHERE id = $1)",
        )
        .bind($entry)
        .execute(&mut *$tx)
        .await?;
    }};
    ($tx:ident, $blog:expr) => {{
        sqlx::query("UPDATE content_version SET version = version + 1 WHERE id = 1")
            .execute(&mut *$tx)
            .await?;
        sqlx::query(
            "UPDATE blogs SET content_version = (SELECT version FROM content_version WHERE id = 1)
             WHERE id = $1",
        )
        .bind($blog)
        .execute(&mut *$tx)
        .await?;
    }};
}
pub(crate) use bump_content;

impl Store {
    /// Runs one administrative statement (schema creation in tests, maintenance). Never pass
    /// user input here: the text is executed as is.
    pub async fn execute_admin_sql(&self, sql: &str) -> Result<(), StoreError> {
        with_pool!(self, write, |pool| {
            sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
                .execute(pool)
                .await?;
        });
        Ok(())
    }
}

/// The read path of the public queries: inline rusqlite on SQLite (see `sqlite_read`), the
/// pool on PostgreSQL. Same SQL text on both.
impl Store {
    pub(crate) async fn read_all<T>(
        &self,
        sql: &str,
        args: &[Arg<'_>],
    ) -> Result<Vec<T>, StoreError>
    where
        T: SqliteRow + for<'r> sqlx::FromRow<'r, PgRow> + Send + Unpin,
    {
        match (&self.snapshot, &self.pools) {
            (Some(s), _) => match &**s {
                Snapshot::Sqlite(pinned) => pinned.all(sql, args),
                Snapshot::Postgres(tx) => {
                    let mut tx = tx.lock().await;
                    Ok(pg_query::<T>(sql, args).fetch_all(&mut **tx).await?)
                }
            },
            (None, Pools::Sqlite { fast, .. }) => fast.all(sql, args),
            (None, Pools::Postgres(pool)) => Ok(pg_query::<T>(sql, args).fetch_all(pool).await?),
        }
    }

    pub(crate) async fn read_opt<T>(
        &self,
        sql: &str,
        args: &[Arg<'_>],
    ) -> Result<Option<T>, StoreError>
    where
        T: SqliteRow + for<'r> sqlx::FromRow<'r, PgRow> + Send + Unpin,
    {
        match (&self.snapshot, &self.pools) {
            (Some(s), _) => match &**s {
                Snapshot::Sqlite(pinned) => pinned.optional(sql, args),
                Snapshot::Postgres(tx) => {
                    let mut tx = tx.lock().await;
                    Ok(pg_query::<T>(sql, args).fetch_optional(&mut **tx).await?)
                }
            },
            (None, Pools::Sqlite { fast, .. }) => fast.optional(sql, args),
            (None, Pools::Postgres(pool)) => {
                Ok(pg_query::<T>(sql, args).fetch_optional(pool).await?)
            }
        }
    }

    pub(crate) async fn read_one<T>(&self, sql: &str, args: &[Arg<'_>]) -> Result<T, StoreError>
    where
        T: SqliteRow + for<'r> sqlx::FromRow<'r, PgRow> + Send + Unpin,
    {
        self.read_opt(sql, args)
            .await?
            .ok_or_else(|| StoreError::Database(sqlx::Error::RowNotFound))
    }
}

fn pg_query<T>(
    sql: &str,
    args: &[Arg<'_>],
) -> sqlx::query::QueryAs<'static, sqlx::Postgres, T, sqlx::postgres::PgArguments>
where
    T: for<'r> sqlx::FromRow<'r, PgRow>,
{
    let mut q = sqlx::query_as::<_, T>(sqlx::AssertSqlSafe(sql.to_string()));
    for a in args {
        q = match *a {
            Arg::Int(v) => q.bind(v),
            Arg::Text(s) => q.bind(s.to_string()),
        };
    }
    q
}
