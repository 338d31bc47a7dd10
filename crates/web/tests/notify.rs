//! Owners' notification e-mail over real SMTP (a sink on loopback), on both backends: a
//! comment that is shown and one held for moderation are mailed to the blog's owner with
//! the entry, the text and where to moderate; spam is not mailed.

use std::time::{Duration, Instant};
use tsuzuri_test_support::smtp::{Received, SmtpSink};
use tsuzuri_test_support::{TestDb, TestServer};

async fn mails(sink: &SmtpSink, n: usize) -> Vec<Received> {
    let started = Instant::now();
    loop {
        let got = sink.messages();
        if got.len() >= n {
            return got;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "only {} of {n} mails arrived",
            got.len()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn comments_are_mailed_to_the_owner_but_spam_is_not() {
    let mut dbs = vec![TestDb::sqlite().await];
    dbs.extend(TestDb::postgres().await);
    for db in dbs {
        let sink = SmtpSink::start().await;
        let s = TestServer::start_with_mail(db, &sink.url).await;
        s.blog("notes", "en", "UTC").await;
        s.import(
            "notes",
            "TITLE: Hydrangeas\nBASENAME: hydrangeas\nSTATUS: Publish\nALLOW COMMENTS: 1\nDATE: 06/15/2026 14:52:00\n-----\nBODY:\nBlue ones.\n-----\n--------\n",
        )
        .await;
        let page = s.get_ok("/notes/2026/06/hydrangeas.html").await;
        let at = page.find("name=\"entry_id\" value=\"").expect("form") + 23;
        let id = page[at..].split('"').next().expect("id").to_owned();
        // The Host header is the sender's to choose; the mail's links must not follow it.
        let post = |fields: Vec<(&'static str, String)>| {
            let s = &s;
            async move {
                s.client
                    .post(s.url("/notes/comments"))
                    .header("host", "evil.example")
                    .form(&fields)
                    .send()
                    .await
                    .expect("POST")
                    .status()
            }
        };
        let shown = post(vec![
            ("entry_id", id.clone()),
            ("author", "Alice".into()),
            ("email", "alice@example.org".into()),
            ("body", "Lovely colours this year.".into()),
        ])
        .await;
        assert_eq!(shown, 303);
        // Three links: held for moderation.
        let held = post(vec![
            ("entry_id", id.clone()),
            ("author", "Bob".into()),
            ("email", "bob@example.org".into()),
            (
                "body",
                "See http://a.example/ http://b.example/ http://c.example/".into(),
            ),
        ])
        .await;
        assert_eq!(held, 202);
        // The hidden field filled in: spam, not mailed.
        let spam = post(vec![
            ("entry_id", id.clone()),
            ("author", "Robot".into()),
            ("email", "robot@example.org".into()),
            ("body", "Nice post".into()),
            ("website", "http://spam.example/".into()),
        ])
        .await;
        assert_eq!(spam, 202);

        // Undo quoted-printable soft line breaks so long lines can be searched.
        let got: Vec<Received> = mails(&sink, 2)
            .await
            .into_iter()
            .map(|mut m| {
                m.data = m.data.replace("=\r\n", "");
                m
            })
            .collect();
        tokio::time::sleep(Duration::from_millis(500)).await;
        let got_all = sink.messages();
        assert_eq!(got_all.len(), 2, "spam was mailed: {got_all:#?}");
        for m in &got {
            assert_eq!(m.to, ["owner@example.com"]);
            assert!(!m.data.contains("evil.example"), "{}", m.data);
            assert!(
                m.data.contains(&s.url("/admin/notes/comments")),
                "{}",
                m.data
            );
            assert!(m.data.contains("Hydrangeas"), "{}", m.data);
            assert!(m.data.contains("/notes/2026/06/hydrangeas.html"));
            assert!(m.data.contains("/admin/notes/comments"));
        }
        let alice = got
            .iter()
            .find(|m| m.data.contains("Lovely colours"))
            .expect("Alice");
        assert!(alice.data.contains("It is shown on the entry"));
        let bob = got
            .iter()
            .find(|m| m.data.contains("From: Bob"))
            .expect("Bob");
        assert!(bob.data.contains("awaits your approval") && bob.data.contains("3 URLs"));
        assert!(!got.iter().any(|m| m.data.contains("Robot")));
    }
}
