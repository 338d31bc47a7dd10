//! The learning spam filter: a comment or ping is cut into character bigrams and trigrams
//! (so Japanese needs no word splitting) plus the hosts of its links, and scored from how
//! often each feature appeared in what owners approved and what they marked as spam
//! (Robinson's per-feature estimate, combined with Fisher's method as SpamBayes does).
//! Counting and storing are the caller's; this module is pure arithmetic.

use std::collections::BTreeSet;
use unicode_normalization::UnicodeNormalization;

/// Features kept per text at most (the first ones; enough to judge, bounded for storage).
pub const MAX_FEATURES: usize = 600;
/// The filter says nothing until it has learned at least this many of each kind.
pub const MIN_TRAINING: i64 = 10;
/// At or above this score a text is treated as spam.
pub const SPAM_CUTOFF: f64 = 0.90;
/// At or above this (and below [`SPAM_CUTOFF`]) the filter is unsure: held for moderation.
pub const UNSURE_CUTOFF: f64 = 0.60;

/// The features of a text, as stable 63-bit hashes (stored as database integers).
pub fn features(text: &str) -> Vec<i64> {
    let normalised: String = text.nfkc().flat_map(char::to_lowercase).collect();
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    let mut push = |feature: &str| {
        let h = hash(feature);
        if out.len() < MAX_FEATURES && seen.insert(h) {
            out.push(h);
        }
    };
    for word in normalised.split_whitespace() {
        if let Some(host) = link_host(word) {
            push(&format!("host:{host}"));
        }
    }
    let chars: Vec<char> = normalised
        .split_whitespace()
        .flat_map(|w| w.chars().chain(std::iter::once(' ')))
        .collect();
    for n in [2, 3] {
        for window in chars.windows(n) {
            if window.iter().all(|c| *c == ' ') {
                continue;
            }
            push(&window.iter().collect::<String>());
        }
    }
    out
}

fn link_host(word: &str) -> Option<String> {
    let at = word.find("http://").or_else(|| word.find("https://"))?;
    let rest = word[at..].split_once("://")?.1;
    let host = rest.split(['/', '?', '#', '"', '\'', '<', '>']).next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then(|| host.to_owned())
}

/// FNV-1a, 64 bits, top bit cleared: stable across builds and platforms.
fn hash(s: &str) -> i64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    (h >> 1) as i64
}

/// How often a feature was seen in each kind of training text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub spam: i64,
    pub ham: i64,
}

/// The filter's judgement of one text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Verdict {
    /// Not enough training yet to say anything.
    Untrained,
    /// 0.0 (certainly wanted) to 1.0 (certainly spam).
    Score(f64),
}

/// Scores a text from its features' counts and the number of training texts of each kind.
pub fn score(feature_counts: &[Counts], totals: Counts) -> Verdict {
    if totals.spam < MIN_TRAINING || totals.ham < MIN_TRAINING {
        return Verdict::Untrained;
    }
    const STRENGTH: f64 = 0.45; // Robinson's s: how much the prior 0.5 weighs
    const PRIOR: f64 = 0.5;
    const MIN_DISTANCE: f64 = 0.1; // features this close to 0.5 say nothing
    const MAX_DISCRIMINATORS: usize = 150;
    let mut probs: Vec<f64> = feature_counts
        .iter()
        .filter(|c| c.spam + c.ham > 0)
        .map(|c| {
            let spam_ratio = c.spam as f64 / totals.spam as f64;
            let ham_ratio = c.ham as f64 / totals.ham as f64;
            let p = spam_ratio / (spam_ratio + ham_ratio);
            let n = (c.spam + c.ham) as f64;
            (STRENGTH * PRIOR + n * p) / (STRENGTH + n)
        })
        .filter(|p| (p - 0.5).abs() >= MIN_DISTANCE)
        .collect();
    if probs.is_empty() {
        return Verdict::Score(0.5);
    }
    probs.sort_by(|a, b| {
        (b - 0.5)
            .abs()
            .partial_cmp(&(a - 0.5).abs())
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    probs.truncate(MAX_DISCRIMINATORS);
    let n = probs.len();
    let clamp = |p: f64| p.clamp(1e-6, 1.0 - 1e-6);
    let ln_ham: f64 = probs.iter().map(|p| (1.0 - clamp(*p)).ln()).sum();
    let ln_spam: f64 = probs.iter().map(|p| clamp(*p).ln()).sum();
    let s = 1.0 - chi2q(-2.0 * ln_ham, 2 * n);
    let h = 1.0 - chi2q(-2.0 * ln_spam, 2 * n);
    Verdict::Score(((s - h) + 1.0) / 2.0)
}

/// The probability that a chi-squared variable with `v` (even) degrees of freedom exceeds
/// `x2`.
fn chi2q(x2: f64, v: usize) -> f64 {
    let m = x2 / 2.0;
    let mut term = (-m).exp();
    let mut sum = term;
    for i in 1..v / 2 {
        term *= m / i as f64;
        sum += term;
    }
    sum.min(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn japanese_is_cut_into_character_ngrams_without_word_splitting() {
        let f = features("紫陽花を見た");
        assert!(f.contains(&hash("紫陽")) && f.contains(&hash("陽花を")));
        // Width and case do not matter.
        assert_eq!(features("ＡＢＣ"), features("abc"));
        assert!(features("see http://www.Spam.example/x").contains(&hash("host:spam.example")));
        assert!(features(&"あ".repeat(5000)).len() <= MAX_FEATURES);
    }

    fn train(texts: &[&str]) -> std::collections::HashMap<i64, i64> {
        let mut m = std::collections::HashMap::new();
        for t in texts {
            for f in features(t) {
                *m.entry(f).or_insert(0) += 1;
            }
        }
        m
    }

    #[test]
    fn learns_to_tell_spam_from_ham() {
        let spam: Vec<String> = (0..12)
            .map(|i| format!("激安バイアグラ通販 今すぐ購入 http://cheap{i}.example/ 送料無料"))
            .collect();
        let ham: Vec<String> = (0..12)
            .map(|i| format!("紫陽花の写真、とてもきれいですね。鎌倉には{i}回行きました。"))
            .collect();
        let spam_refs: Vec<&str> = spam.iter().map(String::as_str).collect();
        let ham_refs: Vec<&str> = ham.iter().map(String::as_str).collect();
        let (s, h) = (train(&spam_refs), train(&ham_refs));
        let totals = Counts { spam: 12, ham: 12 };
        let judge = |text: &str| {
            let counts: Vec<Counts> = features(text)
                .iter()
                .map(|f| Counts {
                    spam: *s.get(f).unwrap_or(&0),
                    ham: *h.get(f).unwrap_or(&0),
                })
                .collect();
            match score(&counts, totals) {
                Verdict::Score(x) => x,
                Verdict::Untrained => panic!("trained"),
            }
        };
        assert!(judge("バイアグラ激安通販はこちら http://cheap99.example/") > SPAM_CUTOFF);
        assert!(judge("鎌倉の紫陽花、きれいな写真ですね。") < UNSURE_CUTOFF);
        assert_eq!(score(&[], Counts { spam: 3, ham: 50 }), Verdict::Untrained);
    }

    proptest::proptest! {
        #[test]
        fn scores_stay_between_zero_and_one(spam in proptest::collection::vec(0i64..50, 1..40), ham in proptest::collection::vec(0i64..50, 1..40)) {
            let counts: Vec<Counts> = spam.iter().zip(&ham).map(|(s, h)| Counts { spam: *s, ham: *h }).collect();
            if let Verdict::Score(x) = score(&counts, Counts { spam: 50, ham: 50 }) {
                proptest::prop_assert!((0.0..=1.0).contains(&x));
            }
        }
    }
}
