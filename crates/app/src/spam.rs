//! The learning spam filter as the receiving use cases see it: one verdict per comment or
//! ping, from the counts owners' moderation decisions left (per blog and host-wide). The
//! learning itself happens in the moderation transaction (see the store).

use crate::{App, Error};
use tsuzuri_core::BlogId;
use tsuzuri_core::spamfilter::{self, SPAM_CUTOFF, UNSURE_CUTOFF, Verdict};

/// What the filter makes of a text.
#[derive(Debug, Clone, PartialEq)]
pub enum FilterVerdict {
    /// Untrained, or the text looks wanted.
    Pass,
    /// Unsure: hold for moderation, with the reason ("score 0.72").
    Hold(String),
    /// Spam, with the reason ("score 0.97").
    Spam(String),
}

impl App {
    pub(crate) async fn filter(&self, blog: BlogId, text: &str) -> Result<FilterVerdict, Error> {
        let features = spamfilter::features(text);
        let (counts, totals, host) = self.store.spam_counts(blog, &features).await?;
        if host.spam < spamfilter::MIN_TRAINING || host.ham < spamfilter::MIN_TRAINING {
            return Ok(FilterVerdict::Pass);
        }
        Ok(match spamfilter::score(&counts, totals) {
            Verdict::Untrained => FilterVerdict::Pass,
            Verdict::Score(x) if x >= SPAM_CUTOFF => FilterVerdict::Spam(format!("score {x:.2}")),
            Verdict::Score(x) if x >= UNSURE_CUTOFF => FilterVerdict::Hold(format!("score {x:.2}")),
            Verdict::Score(_) => FilterVerdict::Pass,
        })
    }
}
