//! Receiving TrackBacks over HTTP on both backends: pings in every Japanese encoding, the
//! XML answers, duplicates, disabled entries, the link-back check against source pages
//! served on loopback, the SSRF guard, oversized bodies and the rate limit.

use axum::Router;
use axum::response::{Html, IntoResponse};
use axum::routing::get;
use encoding_rs::{EUC_JP, Encoding, ISO_2022_JP, SHIFT_JIS, UTF_8};
use tsuzuri_test_support::{TestServer, servers};

const ENTRY: &str = "/diary/2026/06/ajisai.html";

/// Source pages on loopback: `/ok/N` link to `target` (in Shift_JIS, relative to <base>),
/// `/nolink` does not, `/gone` is a 404.
async fn sources(target: String) -> String {
    let t = target.clone();
    let app = Router::new()
        .route(
            "/ok/{n}",
            get(move || {
                let t = t.clone();
                async move {
                    let html = format!(
                        "<html><head><meta charset=\"Shift_JIS\"><title>隣</title></head><body><p>紫陽花の記事を読みました: <a href=\"{t}\">紫陽花</a></p></body></html>"
                    );
                    ([("content-type", "text/html")], SHIFT_JIS.encode(&html).0.into_owned()).into_response()
                }
            }),
        )
        .route(
            "/nolink",
            get(move || async move {
                Html(format!("<p>安い薬 <!-- <a href=\"{target}\">x</a> --></p>"))
            }),
        )
        .route("/gone", get(|| async { (axum::http::StatusCode::NOT_FOUND, "gone") }));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    format!("http://{addr}")
}

async fn blog_with_entry(s: &TestServer) -> i64 {
    s.blog("diary", "ja", "Asia/Tokyo").await;
    s.import(
        "diary",
        "TITLE: 紫陽花\nBASENAME: ajisai\nSTATUS: Publish\nALLOW PINGS: 1\nDATE: 06/15/2026 14:52:00\n-----\nBODY:\n青かった。\n-----\n--------\nTITLE: 閉じた記事\nBASENAME: closed\nSTATUS: Publish\nALLOW PINGS: 0\nDATE: 06/16/2026 10:00:00\n-----\nBODY:\nx\n-----\n--------\n",
    )
    .await;
    let page = s.get_ok(ENTRY).await;
    let at = page
        .find("/diary/trackback/")
        .expect("ping URL on the page")
        + "/diary/trackback/".len();
    page[at..]
        .split(|c: char| !c.is_ascii_digit())
        .next()
        .expect("id")
        .parse()
        .expect("id")
}

fn form(e: &'static Encoding, fields: &[(&str, &str)]) -> Vec<u8> {
    fields
        .iter()
        .map(|(k, v)| {
            let bytes = e.encode(v).0.into_owned();
            format!(
                "{k}={}",
                percent_encoding::percent_encode(&bytes, percent_encoding::NON_ALPHANUMERIC)
            )
        })
        .collect::<Vec<_>>()
        .join("&")
        .into_bytes()
}

async fn ping(s: &TestServer, id: i64, content_type: &str, body: Vec<u8>) -> (u16, String) {
    let res = s
        .client
        .post(s.url(&format!("/diary/trackback/{id}")))
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .expect("ping");
    let status = res.status().as_u16();
    if status == 200 {
        assert_eq!(res.headers()["content-type"], "text/xml; charset=utf-8");
    }
    (status, res.text().await.expect("body"))
}

const FORM: &str = "application/x-www-form-urlencoded";

#[tokio::test]
async fn pings_in_every_japanese_encoding_are_shown_without_mojibake() {
    for s in servers().await {
        let id = blog_with_entry(&s).await;
        let src = sources(s.url(ENTRY)).await;
        let cases: [(&'static Encoding, String, bool); 5] = [
            (UTF_8, format!("{FORM}; charset=utf-8"), false),
            (EUC_JP, format!("{FORM}; charset=EUC-JP"), false),
            (SHIFT_JIS, FORM.to_string(), true), // labelled only by the charset field
            (ISO_2022_JP, FORM.to_string(), false), // not labelled at all
            (UTF_8, FORM.to_string(), false),    // WordPress: no charset anywhere
        ];
        for (n, (e, ct, field)) in cases.iter().enumerate() {
            let title = format!("紫陽花めぐり{n}");
            let url = format!("{src}/ok/{n}");
            let mut fields = vec![
                ("title", title.as_str()),
                ("url", url.as_str()),
                ("excerpt", "鎌倉の紫陽花を見てきました。"),
                ("blog_name", "となりの日記"),
            ];
            if *field {
                fields.push(("charset", e.name()));
            }
            let (status, xml) = ping(&s, id, ct, form(e, &fields)).await;
            assert_eq!(status, 200);
            assert!(xml.contains("<error>0</error>"), "{} {ct}: {xml}", e.name());
        }
        let page = s.get_ok(ENTRY).await;
        for n in 0..5 {
            assert!(
                page.contains(&format!("紫陽花めぐり{n}")),
                "ping {n} shown: {page}"
            );
        }
        assert_eq!(page.matches("鎌倉の紫陽花を見てきました。").count(), 5);
        assert_eq!(page.matches("となりの日記").count(), 5);

        // The same source again: success, nothing new.
        let url = format!("{src}/ok/0");
        let (_, xml) = ping(
            &s,
            id,
            FORM,
            form(UTF_8, &[("url", &url), ("title", "again")]),
        )
        .await;
        assert!(xml.contains("<error>0</error>"));
        assert!(!s.get_ok(ENTRY).await.contains(">again<"));
        if s.db.backend == tsuzuri_test_support::Backend::Sqlite {
            tsuzuri_test_support::validators::assert_valid_html(&[("entry-with-pings", page)]);
        }
    }
}

#[tokio::test]
async fn spam_and_bad_pings_are_refused_with_a_reason() {
    for s in servers().await {
        let id = blog_with_entry(&s).await;
        let src = sources(s.url(ENTRY)).await;
        let err = |xml: &str, needle: &str| {
            assert!(
                xml.contains("<error>1</error>") && xml.contains(needle),
                "{needle}: {xml}"
            );
        };
        let (_, xml) = ping(&s, id, FORM, form(UTF_8, &[("title", "no url")])).await;
        err(&xml, "source URL (url)");
        let (_, xml) = ping(
            &s,
            999_999,
            FORM,
            form(UTF_8, &[("url", "http://a.example/")]),
        )
        .await;
        err(&xml, "Invalid TrackBack ID");
        let (_, xml) = ping(
            &s,
            id + 1,
            FORM,
            form(UTF_8, &[("url", &format!("{src}/ok/9"))]),
        )
        .await;
        err(&xml, "disabled");
        let (_, xml) = ping(
            &s,
            id,
            &format!("{FORM}; charset=UTF-7"),
            b"url=http://a.example/".to_vec(),
        )
        .await;
        err(&xml, "UTF-7");
        // The source does not link to the entry (a link inside a comment does not count).
        let (_, xml) = ping(
            &s,
            id,
            FORM,
            form(
                UTF_8,
                &[("url", &format!("{src}/nolink")), ("title", "安い薬")],
            ),
        )
        .await;
        err(&xml, "was not found in your page");
        let (_, xml) = ping(
            &s,
            id,
            FORM,
            form(
                UTF_8,
                &[("url", &format!("{src}/gone")), ("title", "消えた")],
            ),
        )
        .await;
        err(&xml, "HTTP 404");
        let page = s.get_ok(ENTRY).await;
        assert!(
            !page.contains("安い薬") && !page.contains("消えた"),
            "spam never reaches readers"
        );
        // The owner sees them with the reasons, and can let one through.
        let owner = s.sign_in("owner", "correct horse battery").await;
        let (status, queue) = s
            .get_as("/admin/diary/comments?kind=pings&status=spam", &owner)
            .await;
        assert_eq!(status, 200);
        assert!(
            queue.contains("Held because: no link back to the entry") && queue.contains("安い薬"),
            "{queue}"
        );
        assert!(queue.contains("the source answered HTTP 404"));
        let pid = queue
            .split("name=\"ids\" value=\"")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .expect("id")
            .to_owned();
        let first_title = if queue.find("消えた") < queue.find("安い薬") {
            "消えた"
        } else {
            "安い薬"
        };
        let res = s
            .client
            .post(s.url("/admin/diary/comments/moderate"))
            .header("cookie", &owner)
            .form(&[
                ("csrf", tsuzuri_test_support::csrf_of(&queue).as_str()),
                ("action", "approve"),
                ("kind", "pings"),
                ("from", "spam"),
                ("ids", pid.as_str()),
            ])
            .send()
            .await
            .expect("moderate");
        assert_eq!(res.status(), 303);
        assert!(s.get_ok(ENTRY).await.contains(first_title));
        if s.db.backend == tsuzuri_test_support::Backend::Sqlite {
            tsuzuri_test_support::validators::assert_valid_html(&[("ping-queue", queue)]);
        }
        // Oversized bodies and GET pings.
        let (status, _) = ping(&s, id, FORM, vec![b'a'; 100 * 1024]).await;
        assert_eq!(status, 413);
        let res = s
            .get(&format!("/diary/trackback/{id}?url=http://a.example/"))
            .await;
        assert!(
            res.text()
                .await
                .expect("body")
                .contains("must use HTTP POST")
        );
    }
}

#[tokio::test]
async fn the_guard_refuses_private_sources_and_the_rate_is_limited() {
    let db = tsuzuri_test_support::TestDb::sqlite().await;
    let s = TestServer::start(db).await;
    let id = blog_with_entry(&s).await;
    let src = sources(s.url(ENTRY)).await;
    // With the production setting, a source on loopback is never fetched.
    let guarded = s
        .app
        .clone()
        .with_outbound(tsuzuri_app::pings::outbound(false).expect("client"));
    let body = form(UTF_8, &[("url", &format!("{src}/ok/1")), ("title", "内側")]);
    let refused = guarded
        .receive_trackback(&s.origins(), "diary", id, &body, Some(FORM), "203.0.113.9")
        .await
        .expect("no store error")
        .expect_err("refused");
    assert!(
        refused.message.contains("Could not verify the source")
            && refused.message.contains("not a public http(s) address")
            && !refused.message.contains("--outbound"),
        "{refused:?}"
    );

    // Ten pings from one address within ten minutes; the eleventh is throttled (403).
    for n in 0..10 {
        let url = format!("{src}/ok/r{n}");
        let (status, _) = ping(&s, id, FORM, form(UTF_8, &[("url", &url)])).await;
        assert_eq!(status, 200);
    }
    let (status, xml) = ping(
        &s,
        id,
        FORM,
        form(UTF_8, &[("url", &format!("{src}/ok/r10"))]),
    )
    .await;
    assert_eq!(status, 403);
    assert!(xml.contains("Throttled"));
}
