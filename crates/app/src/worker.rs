//! The job worker's dispatch: which use case runs each kind of queued job, and the retry
//! policy when one fails. Every node runs it (`web::run_jobs`); jobs are claimed with a
//! lease, so two nodes never run the same one.

use crate::jobs::MAX_ATTEMPTS;
use crate::{App, Error, now};

impl App {
    /// Runs the jobs that are due, one at a time, until none is left; returns how many ran.
    /// Called by the worker loop of every node (jobs are claimed with a lease, so two nodes
    /// never run the same job).
    pub async fn run_due_jobs(&self) -> Result<usize, Error> {
        let mut ran = 0;
        while let Some(job) = self.store.claim_job(now(), 120).await? {
            ran += 1;
            let result = match job.kind.as_str() {
                crate::webmention::VERIFY_WEBMENTION => self.verify_webmention(&job.payload).await,
                crate::outbound::SEND_PINGS => self.plan_pings(&job.payload).await,
                crate::outbound::SEND_PING => self.send_ping(&job.payload, job.attempts).await,
                crate::notify::NOTIFY_OWNER => self.send_notice(&job.payload).await,
                other => Err(format!("unknown job kind {other:?}")),
            };
            match result {
                Ok(()) => self.store.finish_job(job.id).await?,
                Err(e) => {
                    let retry = (job.attempts < MAX_ATTEMPTS)
                        .then(|| now() + 60 * (1 << job.attempts.clamp(0, 10)));
                    tracing::warn!(job = job.id, kind = %job.kind, error = %e, retry = retry.is_some(), "job failed");
                    self.store.fail_job(job.id, &e, retry, now()).await?;
                }
            }
        }
        Ok(ran)
    }
}
