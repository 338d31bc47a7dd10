//! CPU-heavy work on outside input (reading a stranger's page, sanitising an import) runs on
//! tokio's blocking pool, a few jobs at a time, never on the async workers that answer
//! readers: two such jobs on a two-core host must not stall a cached page.

use crate::Error;
use std::time::Duration;
use tokio::sync::Semaphore;

/// Jobs of this kind running at once on one node.
const AT_ONCE: usize = 2;
/// Longest one job may take before its caller gives up on it (the work itself is bounded by
/// the size and nesting budgets of what it reads).
const BUDGET: Duration = Duration::from_secs(20);

static PERMITS: Semaphore = Semaphore::const_new(AT_ONCE);

/// Runs `work` off the async workers and returns its result.
pub(crate) async fn off_the_async_workers<T, F>(work: F) -> Result<T, Error>
where
    T: Send + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    let _permit = PERMITS
        .acquire()
        .await
        .map_err(|e| Error::Internal(format!("cpu permits: {e}")))?;
    match tokio::time::timeout(BUDGET, tokio::task::spawn_blocking(work)).await {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(e)) => Err(Error::Internal(format!("a parsing task failed: {e}"))),
        Err(_) => Err(Error::Internal(format!(
            "parsing took longer than {} s and was abandoned",
            BUDGET.as_secs()
        ))),
    }
}
