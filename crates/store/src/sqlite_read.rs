//! Synchronous SQLite reads for the public site's queries.
//!
//! sqlx's SQLite driver runs each statement on its own worker thread and hands rows back
//! through a channel: at least two thread switches per query, more per row. An entry page needs
//! about a dozen small queries, so the switches, not SQLite, were the cost (measured: ~2.3 ms
//! per uncached page, almost all of it in the scheduler). Reads in WAL mode never wait for the
//! writer and these queries take microseconds, so they run inline on the calling thread through
//! rusqlite (same SQL text, same bundled libsqlite3) from a small pool of read-only connections.
//! Writes, migrations and exports stay on sqlx.

use crate::StoreError;
use rusqlite::{Connection, OpenFlags, Row, ToSql};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A bound value of a read query (`$1`, `$2`, … in order).
#[derive(Debug, Clone, Copy)]
pub(crate) enum Arg<'a> {
    Int(i64),
    Text(&'a str),
}

/// Builds a value from a rusqlite row, by column name like sqlx's `FromRow`.
/// How much of the database file readers map into memory (address space, not RAM): 64 GiB,
/// the cap SQLite is built with here (`.cargo/config.toml`).
const MMAP_BYTES: i64 = 1 << 36;

pub(crate) trait SqliteRow: Sized {
    fn from_sqlite(row: &Row<'_>) -> rusqlite::Result<Self>;
}

/// Implements [`SqliteRow`] for a struct whose fields are named like the query's columns.
/// `field as String` reads the column as that type and converts it (`TryFrom`), as sqlx's
/// `#[sqlx(try_from = "String")]` does on the other path: roles, policies and statuses.
macro_rules! sqlite_row {
    ($($ty:ident { $($field:ident $(as $raw:ty)?),* $(,)? })*) => {$(
        impl $crate::sqlite_read::SqliteRow for $ty {
            fn from_sqlite(row: &rusqlite::Row<'_>) -> rusqlite::Result<Self> {
                Ok($ty { $($field: $crate::sqlite_read::sqlite_row!(@get row, $field $(, $raw)?)),* })
            }
        }
    )*};
    (@get $row:ident, $field:ident) => {
        $row.get(stringify!($field))?
    };
    (@get $row:ident, $field:ident, $raw:ty) => {
        $crate::sqlite_read::converted($row.get::<_, $raw>(stringify!($field))?)?
    };
}
pub(crate) use sqlite_row;

/// A column read as `R` and converted to the field's type; a word no type knows is a
/// conversion failure (a bug or a newer release's row, not an outage).
pub(crate) fn converted<R, T>(raw: R) -> rusqlite::Result<T>
where
    T: TryFrom<R>,
    T::Error: std::error::Error + Send + Sync + 'static,
{
    T::try_from(raw).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })
}

impl SqliteRow for (i64,) {
    fn from_sqlite(row: &Row<'_>) -> rusqlite::Result<Self> {
        Ok((row.get(0)?,))
    }
}

impl SqliteRow for (String,) {
    fn from_sqlite(row: &Row<'_>) -> rusqlite::Result<Self> {
        Ok((row.get(0)?,))
    }
}

impl SqliteRow for (Option<i64>,) {
    fn from_sqlite(row: &Row<'_>) -> rusqlite::Result<Self> {
        Ok((row.get(0)?,))
    }
}

impl SqliteRow for (i64, i64) {
    fn from_sqlite(row: &Row<'_>) -> rusqlite::Result<Self> {
        Ok((row.get(0)?, row.get(1)?))
    }
}

impl SqliteRow for (i64, String) {
    fn from_sqlite(row: &Row<'_>) -> rusqlite::Result<Self> {
        Ok((row.get(0)?, row.get(1)?))
    }
}

impl SqliteRow for (i64, i64, i64) {
    fn from_sqlite(row: &Row<'_>) -> rusqlite::Result<Self> {
        Ok((row.get(0)?, row.get(1)?, row.get(2)?))
    }
}

pub(crate) struct SqliteReadPool {
    path: PathBuf,
    idle: Mutex<Vec<Connection>>,
    max_idle: usize,
    closed: AtomicBool,
}

impl SqliteReadPool {
    pub(crate) fn new(path: PathBuf, max_idle: usize) -> Self {
        Self {
            path,
            idle: Mutex::new(Vec::new()),
            max_idle: max_idle.max(1),
            closed: AtomicBool::new(false),
        }
    }

    pub(crate) fn close(&self) {
        self.closed.store(true, Ordering::Release);
        if let Ok(mut idle) = self.idle.lock() {
            idle.clear();
        }
    }

    fn open(&self) -> rusqlite::Result<Connection> {
        let conn = Connection::open_with_flags(
            &self.path,
            OpenFlags::SQLITE_OPEN_READ_ONLY
                | OpenFlags::SQLITE_OPEN_NO_MUTEX
                | OpenFlags::SQLITE_OPEN_URI,
        )?;
        conn.busy_timeout(Duration::from_secs(5))?;
        // Keep one plan per statement whatever the bound values: without this, binding a new
        // `now` can make SQLite re-prepare the statement on every run.
        conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
            true,
        )?;
        conn.set_prepared_statement_cache_capacity(64);
        // Pages are read through a shared mapping of the file rather than copied into each
        // connection's cache by a system call: a big blog's random pages then cost what a
        // small blog's do (the mapping is the OS's page cache, shared by every connection).
        conn.pragma_update(None, "mmap_size", MMAP_BYTES)?;
        Ok(conn)
    }

    fn take(&self) -> Result<Connection, StoreError> {
        if self.closed.load(Ordering::Acquire) {
            return Err(StoreError::Closed);
        }
        let pooled = self.idle.lock().ok().and_then(|mut idle| idle.pop());
        match pooled {
            Some(c) => Ok(c),
            None => self.open().map_err(StoreError::Sqlite),
        }
    }

    fn give_back(&self, conn: Connection) {
        if let Ok(mut idle) = self.idle.lock()
            && idle.len() < self.max_idle
            && !self.closed.load(Ordering::Acquire)
        {
            idle.push(conn);
        }
    }

    /// The pool's reads take a connection per query.
    fn with<T>(&self, f: impl FnOnce(&Connection) -> rusqlite::Result<T>) -> Result<T, StoreError> {
        let conn = self.take()?;
        let result = f(&conn).map_err(StoreError::Sqlite);
        self.give_back(conn);
        result
    }

    /// A connection inside one read transaction: every query on it sees the database as it
    /// was at its first read, and the WAL read lock is taken once rather than per statement.
    pub(crate) fn pin(self: &Arc<Self>) -> Result<PinnedRead, StoreError> {
        let conn = self.take()?;
        if let Err(e) = conn.execute_batch("BEGIN") {
            return Err(StoreError::Sqlite(e));
        }
        Ok(PinnedRead {
            conn: Mutex::new(Some(conn)),
            pool: Arc::clone(self),
        })
    }
}

/// One read transaction on one connection, ended and given back to the pool when dropped.
pub(crate) struct PinnedRead {
    conn: Mutex<Option<Connection>>,
    pool: Arc<SqliteReadPool>,
}

impl PinnedRead {
    fn with_pinned<T>(
        &self,
        f: impl FnOnce(&Connection) -> rusqlite::Result<T>,
    ) -> Result<T, StoreError> {
        let guard = self.conn.lock().map_err(|_| StoreError::Closed)?;
        let conn = guard.as_ref().ok_or(StoreError::Closed)?;
        f(conn).map_err(StoreError::Sqlite)
    }
}

impl Drop for PinnedRead {
    fn drop(&mut self) {
        let conn = self.conn.get_mut().ok().and_then(Option::take);
        // A connection whose transaction cannot be ended is dropped, not pooled.
        if let Some(conn) = conn
            && conn.execute_batch("COMMIT").is_ok()
        {
            self.pool.give_back(conn);
        }
    }
}

/// The two ways to read: a pooled connection per query, or the one pinned for a page.
pub(crate) trait SqliteReads {
    fn on<T>(&self, f: impl FnOnce(&Connection) -> rusqlite::Result<T>) -> Result<T, StoreError>;

    fn all<T: SqliteRow>(&self, sql: &str, args: &[Arg<'_>]) -> Result<Vec<T>, StoreError> {
        self.on(|conn| all_on(conn, sql, args))
    }

    fn optional<T: SqliteRow>(&self, sql: &str, args: &[Arg<'_>]) -> Result<Option<T>, StoreError> {
        self.on(|conn| optional_on(conn, sql, args))
    }
}

impl SqliteReads for SqliteReadPool {
    fn on<T>(&self, f: impl FnOnce(&Connection) -> rusqlite::Result<T>) -> Result<T, StoreError> {
        self.with(f)
    }
}

impl SqliteReads for PinnedRead {
    fn on<T>(&self, f: impl FnOnce(&Connection) -> rusqlite::Result<T>) -> Result<T, StoreError> {
        self.with_pinned(f)
    }
}

fn all_on<T: SqliteRow>(
    conn: &Connection,
    sql: &str,
    args: &[Arg<'_>],
) -> rusqlite::Result<Vec<T>> {
    let mut stmt = conn.prepare_cached(sql)?;
    bind(&mut stmt, args)?;
    let mut rows = stmt.raw_query();
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(T::from_sqlite(row)?);
    }
    Ok(out)
}

fn optional_on<T: SqliteRow>(
    conn: &Connection,
    sql: &str,
    args: &[Arg<'_>],
) -> rusqlite::Result<Option<T>> {
    let mut stmt = conn.prepare_cached(sql)?;
    bind(&mut stmt, args)?;
    let mut rows = stmt.raw_query();
    match rows.next()? {
        Some(row) => Ok(Some(T::from_sqlite(row)?)),
        None => Ok(None),
    }
}

/// Binds `$1`, `$2`, … by name: SQLite numbers named parameters in order of first appearance,
/// which is not always the order of their numbers.
fn bind(stmt: &mut rusqlite::CachedStatement<'_>, args: &[Arg<'_>]) -> rusqlite::Result<()> {
    for (i, arg) in args.iter().enumerate() {
        let name = format!("${}", i + 1);
        let Some(index) = stmt.parameter_index(&name)? else {
            continue;
        };
        let value: &dyn ToSql = match arg {
            Arg::Int(v) => v,
            Arg::Text(s) => s,
        };
        stmt.raw_bind_parameter(index, value)?;
    }
    Ok(())
}
