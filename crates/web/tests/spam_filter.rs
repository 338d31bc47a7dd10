//! The spam defence measured on a labelled corpus (Japanese and English comments, TrackBack
//! pings in UTF-8, EUC-JP, Shift_JIS and ISO-2022-JP, source pages served on loopback), on
//! both backends: first with the default rules alone, then after the owner's moderation of
//! the first half has trained the learning filter. Prints precision and recall
//! (`cargo test -p tsuzuri-web --test spam_filter -- --nocapture`).

use axum::Router;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse};
use axum::routing::get;
use std::collections::HashMap;
use std::sync::Arc;
use tsuzuri_app::comments::{CommentOutcome, CommentSubmission, Moderation};
use tsuzuri_app::pings::PingAccepted;
use tsuzuri_test_support::spam_corpus::{self, PingSample, Sample, Templates};
use tsuzuri_test_support::{TestServer, servers};

const MT: &str = "TITLE: 紫陽花\nBASENAME: ajisai\nSTATUS: Publish\nALLOW COMMENTS: 1\nALLOW PINGS: 1\nDATE: 06/15/2026 14:52:00\n-----\nBODY:\n青かった。\n-----\n--------\nTITLE: 雨の日\nBASENAME: ame\nSTATUS: Publish\nALLOW COMMENTS: 1\nALLOW PINGS: 1\nDATE: 06/16/2026 10:00:00\n-----\nBODY:\n雨だった。\n-----\n--------\n";
const SITES: usize = 16;

/// Outcome counts: spam and ham that reached readers or were kept from them.
#[derive(Default, Debug)]
struct Tally {
    spam_caught: usize,
    spam_shown: usize,
    ham_caught: usize,
    ham_shown: usize,
}

impl Tally {
    fn add(&mut self, spam: bool, shown: bool) {
        match (spam, shown) {
            (true, false) => self.spam_caught += 1,
            (true, true) => self.spam_shown += 1,
            (false, false) => self.ham_caught += 1,
            (false, true) => self.ham_shown += 1,
        }
    }
    fn precision(&self) -> f64 {
        let caught = self.spam_caught + self.ham_caught;
        if caught == 0 {
            1.0
        } else {
            self.spam_caught as f64 / caught as f64
        }
    }
    fn recall(&self) -> f64 {
        self.spam_caught as f64 / (self.spam_caught + self.spam_shown).max(1) as f64
    }
    fn line(&self, what: &str) -> String {
        format!(
            "{what:<34} precision {:.3}  recall {:.3}  (spam kept back {}/{}, ham held {}/{})",
            self.precision(),
            self.recall(),
            self.spam_caught,
            self.spam_caught + self.spam_shown,
            self.ham_caught,
            self.ham_caught + self.ham_shown
        )
    }
}

/// Source sites on loopback: `/p/N` is ping N's page, linking to the entry when it should.
async fn sites(pages: Arc<HashMap<usize, String>>) -> Vec<String> {
    let mut bases = Vec::new();
    // Each site on its own loopback address: pings are limited per source host.
    for site in 0..SITES {
        let app = Router::new()
            .route(
                "/p/{n}",
                get(
                    |State(p): State<Arc<HashMap<usize, String>>>, Path(n): Path<usize>| async move {
                        Html(p.get(&n).cloned().unwrap_or_default()).into_response()
                    },
                ),
            )
            .with_state(pages.clone());
        let listener = tokio::net::TcpListener::bind(format!("127.0.0.{}:0", site + 2))
            .await
            .expect("bind");
        bases.push(format!("http://{}", listener.local_addr().expect("addr")));
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
    }
    bases
}

fn entry_id_of(page: &str) -> i64 {
    let at = page.find("/trackback/").expect("ping URL") + "/trackback/".len();
    page[at..]
        .split(|c: char| !c.is_ascii_digit())
        .next()
        .and_then(|n| n.parse().ok())
        .expect("id")
}

async fn send_comments(s: &TestServer, entry_id: i64, samples: &[Sample], phase: u8) -> Tally {
    let mut t = Tally::default();
    for (i, c) in samples.iter().enumerate() {
        let sub = CommentSubmission {
            entry_id,
            author: c.author.clone(),
            email: format!("reader{i}@example.com"),
            url: c.url.clone(),
            body: c.body.clone(),
            ..Default::default()
        };
        let ip = format!("10.{phase}.{}.{}", i / 200, i % 200);
        let outcome = s
            .app
            .post_comment(&s.origins(), "diary", sub, &ip, None)
            .await
            .expect("post");
        t.add(c.spam, matches!(outcome, CommentOutcome::Shown { .. }));
    }
    t
}

async fn send_pings(
    s: &TestServer,
    entry_id: i64,
    samples: &[(usize, PingSample)],
    bases: &[String],
    phase: u8,
) -> Tally {
    let mut t = Tally::default();
    for (n, p) in samples {
        let enc = encoding_rs::Encoding::for_label(p.encoding.as_bytes()).expect("encoding");
        let field = |v: &str| {
            percent_encoding::percent_encode(&enc.encode(v).0, percent_encoding::NON_ALPHANUMERIC)
                .to_string()
        };
        let url = format!("{}/p/{n}", bases[n % SITES]);
        let body = format!(
            "title={}&excerpt={}&blog_name={}&url={}",
            field(&p.title),
            field(&p.excerpt),
            field(&p.blog_name),
            field(&url)
        );
        // Legacy senders label the charset in the Content-Type, or not at all.
        let ct = if n % 2 == 0 {
            format!("application/x-www-form-urlencoded; charset={}", p.encoding)
        } else {
            "application/x-www-form-urlencoded".to_owned()
        };
        let ip = format!("10.{}.{}.{}", 100 + phase, n / 200, n % 200);
        let result = s
            .app
            .receive_trackback(
                &s.origins(),
                "diary",
                entry_id,
                body.as_bytes(),
                Some(&ct),
                &ip,
            )
            .await
            .expect("ping");
        t.add(p.spam, matches!(result, Ok(PingAccepted::Shown)));
    }
    t
}

#[tokio::test]
async fn the_corpus_precision_and_recall_before_and_after_training() {
    for s in servers().await {
        s.blog("diary", "ja", "Asia/Tokyo").await;
        s.import("diary", MT).await;
        let first = entry_id_of(&s.get_ok("/diary/2026/06/ajisai.html").await);
        let second = entry_id_of(&s.get_ok("/diary/2026/06/ame.html").await);
        let blog = s
            .app
            .store
            .find_blog_by_slug("diary")
            .await
            .expect("query")
            .expect("blog")
            .blog_id();

        // Training sees half of the templates; the test half is drawn from all of them.
        let train_c = spam_corpus::comments(7, 200, Templates::Half);
        let test_c = spam_corpus::comments(8, 200, Templates::All);
        let mut pings: Vec<(usize, PingSample)> = spam_corpus::pings(11, 80, Templates::Half)
            .into_iter()
            .enumerate()
            .collect();
        pings.extend(
            spam_corpus::pings(12, 80, Templates::All)
                .into_iter()
                .enumerate()
                .map(|(i, p)| (i + 80, p)),
        );
        let (train_p, test_p) = pings.split_at(80);
        let (train_c, test_c) = (&train_c[..], &test_c[..]);
        let mut pages = HashMap::new();
        for (n, p) in &pings {
            let entry = if *n < 80 { "ajisai" } else { "ame" };
            let link = if p.links_back {
                format!(
                    "<a href=\"{}/diary/2026/06/{entry}.html\">読んだ記事</a>",
                    s.base
                )
            } else {
                String::new()
            };
            pages.insert(
                *n,
                format!(
                    "<html><head><meta charset=\"utf-8\"><title>{}</title></head><body><p>{}</p>{link}</body></html>",
                    p.title, p.excerpt
                ),
            );
        }
        let bases = sites(Arc::new(pages)).await;

        // 1. The default rules alone, untrained, on the first half.
        let rules_c = send_comments(&s, first, train_c, 1).await;
        let rules_p = send_pings(&s, first, train_p, &bases, 1).await;

        // 2. The owner moderates the first half: this is what trains the filter.
        let label_c: HashMap<&str, bool> =
            train_c.iter().map(|c| (c.body.as_str(), c.spam)).collect();
        let label_p: HashMap<&str, bool> = train_p
            .iter()
            .map(|(_, p)| (p.title.as_str(), p.spam))
            .collect();
        for status in ["approved", "pending", "spam"] {
            let (rows, _) = s
                .app
                .store
                .comment_queue(blog, status, 1000, 0)
                .await
                .expect("queue");
            for r in rows {
                let spam = label_c[r.body.as_str()];
                let action = if spam {
                    Moderation::Spam
                } else {
                    Moderation::Approve
                };
                s.app
                    .store
                    .moderate_comments(blog, &[r.id], action)
                    .await
                    .expect("moderate");
            }
            let (rows, _) = s
                .app
                .store
                .ping_queue(blog, status, 1000, 0)
                .await
                .expect("queue");
            for r in rows {
                // Legacy encodings were decoded: the stored title is the one sent.
                let spam = *label_p
                    .get(r.title.as_str())
                    .unwrap_or_else(|| panic!("mojibake or unknown title {:?}", r.title));
                let action = if spam {
                    Moderation::Spam
                } else {
                    Moderation::Approve
                };
                s.app
                    .store
                    .moderate_pings(blog, &[r.id], action)
                    .await
                    .expect("moderate");
            }
        }
        // Changing one's mind unlearns the first decision (the counts stay consistent).
        let (rows, _) = s
            .app
            .store
            .comment_queue(blog, "approved", 1, 0)
            .await
            .expect("queue");
        s.app
            .store
            .moderate_comments(blog, &[rows[0].id], Moderation::Spam)
            .await
            .expect("flip");
        s.app
            .store
            .moderate_comments(blog, &[rows[0].id], Moderation::Approve)
            .await
            .expect("flip back");

        // 3. The trained defaults on the second half (another entry, new senders).
        let trained_c = send_comments(&s, second, test_c, 2).await;
        let trained_p = send_pings(&s, second, test_p, &bases, 2).await;

        println!("spam defence on the labelled corpus ({:?}):", s.db.backend);
        println!("{}", rules_c.line("comments, rules only (200)"));
        println!("{}", rules_p.line("pings, rules only (80)"));
        println!("{}", trained_c.line("comments, after training (200)"));
        println!("{}", trained_p.line("pings, after training (80)"));

        // Link-back verification keeps every non-linking spam ping out from the start.
        assert!(rules_p.ham_caught == 0, "{rules_p:?}");
        assert!(trained_c.recall() >= 0.9, "{trained_c:?}");
        assert!(trained_c.precision() >= 0.95, "{trained_c:?}");
        assert!(trained_p.recall() >= 0.9, "{trained_p:?}");
        assert!(trained_p.precision() >= 0.95, "{trained_p:?}");
        let (held, _) = s
            .app
            .store
            .comment_queue(blog, "spam", 1000, 0)
            .await
            .expect("queue");
        assert!(
            held.iter()
                .any(|c| c.entry_id == second && c.reasons.contains("score ")),
            "the filter's score is among the reasons"
        );
    }
}
