//! MT import and export through the use cases, on both backends.

use tsuzuri_app::Error;
use tsuzuri_app::import_mt::ImportOptions;
use tsuzuri_test_support::{TestServer, servers};

fn corpus(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/../../../shared/corpus/mt/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

async fn export(s: &TestServer, slug: &str) -> String {
    s.app.export_mt(slug).await.expect("export")
}

#[tokio::test]
async fn export_import_export_is_byte_identical() {
    for s in servers().await {
        s.blog("src", "ja", "Asia/Tokyo").await;
        s.blog("dst", "ja", "Asia/Tokyo").await;
        for file in ["aereal-mt-ok-ja.txt", "mtif-crate-example.txt"] {
            s.app
                .import_mt("src", &corpus(file), &ImportOptions::default())
                .await
                .expect(file);
        }
        s.import("src", include_str!("fixtures/tricky.txt")).await;
        let first = export(&s, "src").await;
        s.app
            .import_mt("dst", first.as_bytes(), &ImportOptions::default())
            .await
            .expect("re-import");
        let second = export(&s, "dst").await;
        assert_eq!(first, second, "{:?}", s.db.backend);
        // What the export keeps: commenter e-mails (the owner's data), unknown keys, TAGS.
        assert!(first.contains("EMAIL: me@bar.com"));
        assert!(first.contains("CF50_BASENAME: textdata"));
        assert!(first.contains("TAGS: \"Movable Type\",foo,bar"));
        assert!(first.contains("IMAGE: https://cdn.example/eyecatch.jpg"));
        // A body line that is a separator survives, escaped with MT's TAB.
        assert!(first.contains("\n-----\t\n"));
    }
}

#[tokio::test]
async fn duplicate_basenames_get_a_suffix_and_keep_their_urls() {
    for s in servers().await {
        s.blog("b", "ja", "Asia/Tokyo").await;
        let r = s
            .app
            .import_mt(
                "b",
                &corpus("aereal-mt-ok-ja.txt"),
                &ImportOptions::default(),
            )
            .await
            .expect("import");
        assert_eq!(r.summary.entries, 2);
        assert_eq!(
            r.summary.renamed,
            vec![("filename".to_string(), "filename_1".to_string())]
        );
        // 08/08/2007 03:00:00 PM in Tokyo.
        let html = s.get_ok("/b/2007/08/filename.html").await;
        assert!(html.contains("2007年8月8日 (水) 15時00分"), "{html}");
        s.get_ok("/b/2007/08/filename_1.html").await;
    }
}

#[tokio::test]
async fn a_bad_file_changes_nothing_and_names_every_bad_line() {
    for s in servers().await {
        s.blog("b", "ja", "Asia/Tokyo").await;
        let bad = "TITLE: ok\nDATE: 01/02/2006 10:00:00\n-----\nBODY:\nfine\n-----\n--------\n\
                   TITLE: broken\nDATE: tomorrow\n-----\nBODY:\nx\n-----\n--------\n\
                   TITLE: also broken\nDATE: 01/02/2006 10:00:00\nALLOW PINGS: yes\n-----\nBODY:\ny\n-----\n--------\n";
        let err = s
            .app
            .import_mt("b", bad.as_bytes(), &ImportOptions::default())
            .await
            .expect_err("refused");
        let Error::BadImport(problems) = err else {
            panic!("{err:?}")
        };
        let lines: Vec<usize> = problems.iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, vec![9, 17], "{problems:?}");
        assert!(problems[0].1.contains("tomorrow"));
        assert!(export(&s, "b").await.is_empty(), "nothing may be written");

        let report = s
            .app
            .import_mt(
                "b",
                bad.as_bytes(),
                &ImportOptions {
                    skip_invalid: true,
                    ..Default::default()
                },
            )
            .await
            .expect("skip invalid");
        assert_eq!(report.summary.entries, 1);
        assert_eq!(report.skipped.len(), 2);
        assert!(export(&s, "b").await.contains("TITLE: ok"));
    }
}

/// A body that nests HTML past the sanitiser's budget, or is over the size limit, is an
/// error of its entry (named by line), not minutes of one core and not a silent cut.
#[tokio::test]
async fn bodies_past_the_nesting_or_size_budget_are_refused_by_line() {
    let s = TestServer::start(tsuzuri_test_support::TestDb::sqlite().await).await;
    s.blog("b", "ja", "Asia/Tokyo").await;
    let deep = "<div>".repeat(100_000);
    let long = "あ".repeat(400_000);
    let file = format!(
        "TITLE: ok\nDATE: 01/02/2006 10:00:00\n-----\nBODY:\nfine\n-----\n--------\n\
         TITLE: deep\nDATE: 01/03/2006 10:00:00\n-----\nBODY:\n{deep}\n-----\n--------\n\
         TITLE: long\nDATE: 01/04/2006 10:00:00\n-----\nBODY:\nx\n-----\nEXTENDED BODY:\n{long}\n-----\n--------\n"
    );
    let err = s
        .app
        .import_mt("b", file.as_bytes(), &ImportOptions::default())
        .await
        .expect_err("refused");
    let Error::BadImport(problems) = err else {
        panic!("{err:?}")
    };
    let lines: Vec<usize> = problems.iter().map(|(l, _)| *l).collect();
    assert_eq!(lines, vec![8, 15], "{problems:?}");
    assert!(
        problems[0]
            .1
            .contains("nests elements more than 512 levels")
    );
    assert!(problems[1].1.starts_with("EXTENDED BODY:") && problems[1].1.contains("KB"));
    assert!(export(&s, "b").await.is_empty(), "nothing may be written");
    let report = s
        .app
        .import_mt(
            "b",
            file.as_bytes(),
            &ImportOptions {
                skip_invalid: true,
                ..Default::default()
            },
        )
        .await
        .expect("skip invalid");
    assert_eq!(report.summary.entries, 1);
}

#[tokio::test]
async fn legacy_encodings_and_source_time_zones() {
    for s in servers().await {
        s.blog("b", "ja", "Asia/Tokyo").await;
        let text = "TITLE: 日本語の記事①\nBASENAME: euc\nDATE: 06/15/2006 14:52:00\n-----\nBODY:\n本文です。\n-----\n--------\n";
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(text);
        let r = s
            .app
            .import_mt("b", &sjis, &ImportOptions::default())
            .await
            .expect("sjis");
        assert_eq!(r.encoding, "Shift_JIS");
        let html = s.get_ok("/b/2006/06/euc.html").await;
        assert!(html.contains("日本語の記事①") && html.contains("本文です。"));
        assert!(html.contains("2006年6月15日 (木) 14時52分"));

        // The same wall-clock time written in New York is 03:52 the next day in Tokyo.
        s.blog("c", "ja", "Asia/Tokyo").await;
        let plain = text.replace("①", "");
        let (euc, _, _) = encoding_rs::EUC_JP.encode(&plain);
        let opts = ImportOptions {
            source_timezone: Some("America/New_York".into()),
            ..Default::default()
        };
        s.app.import_mt("c", &euc, &opts).await.expect("euc-jp");
        let html = s.get_ok("/c/2006/06/euc.html").await;
        assert!(html.contains("2006年6月16日 (金) 03時52分"), "{html}");

        let err = s
            .app
            .import_mt(
                "c",
                b"x",
                &ImportOptions {
                    encoding: Some("klingon".into()),
                    ..Default::default()
                },
            )
            .await
            .expect_err("unknown encoding");
        assert!(matches!(err, Error::Invalid(m) if m.contains("klingon")));
    }
}

#[tokio::test]
async fn unknown_blogs_and_bad_names_are_refused() {
    for s in servers().await {
        let err = s
            .app
            .import_mt("nope", b"", &ImportOptions::default())
            .await
            .expect_err("no blog");
        assert!(matches!(err, Error::NotFound(_)));
        s.blog("b", "ja", "Asia/Tokyo").await;
        let dup = s
            .app
            .create_blog(tsuzuri_app::blogs::CreateBlog {
                slug: "b".into(),
                owner_login: "owner".into(),
                title: "again".into(),
                description: String::new(),
                lang: "ja".into(),
                timezone: "Asia/Tokyo".into(),
            })
            .await
            .expect_err("taken");
        assert!(matches!(dup, Error::Conflict(_)));
        for (slug, lang, tz) in [
            ("admin", "ja", "UTC"),
            ("ok", "fr", "UTC"),
            ("ok", "ja", "Mars/Olympus"),
        ] {
            let err = s
                .app
                .create_blog(tsuzuri_app::blogs::CreateBlog {
                    slug: slug.into(),
                    owner_login: "owner".into(),
                    title: "t".into(),
                    description: String::new(),
                    lang: lang.into(),
                    timezone: tz.into(),
                })
                .await
                .expect_err("invalid");
            assert!(
                matches!(err, Error::Invalid(_) | Error::InvalidForm(_)),
                "{slug} {lang} {tz}: {err:?}"
            );
        }
    }
}

#[tokio::test]
async fn no_entry_records_attach_comments_to_the_entry_with_that_date() {
    for s in servers().await {
        s.blog("b", "ja", "Asia/Tokyo").await;
        s.import("b", "TITLE: 元の記事\nBASENAME: orig\nDATE: 01/31/2002 03:31:05 PM\n-----\nBODY:\n本文\n-----\n--------\n")
            .await;
        let later = "NO ENTRY: 1\nDATE: 01/31/2002 15:31:05\n-----\nCOMMENT:\nAUTHOR: 後から\nDATE: 02/01/2002 10:00:00\n後から来たコメント\n-----\n--------\n\
                     NO ENTRY: 1\nDATE: 01/01/1999 00:00:00\n-----\nCOMMENT:\nAUTHOR: 迷子\n行き先なし\n-----\n--------\n";
        let report = s
            .app
            .import_mt("b", later.as_bytes(), &ImportOptions::default())
            .await
            .expect("import");
        assert_eq!(report.summary.entries, 0);
        assert_eq!(report.summary.comments, 1);
        assert_eq!(
            report
                .warnings
                .iter()
                .filter(|(line, _)| *line == 10)
                .count(),
            1,
            "{:?}",
            report.warnings
        );
        let html = s.get_ok("/b/2002/01/orig.html").await;
        assert!(html.contains("後から来たコメント"));
        assert!(!html.contains("行き先なし"));
    }
}
