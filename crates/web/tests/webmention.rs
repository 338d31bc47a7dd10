//! Receiving Webmentions over HTTP on both backends: discovery, 202 then verification by
//! the job worker, replies told from likes by microformats2, updates, and removal when the
//! source is gone (410); bad requests get 400 with the reason.

use axum::Router;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tsuzuri_test_support::{TestServer, servers};

const ENTRY: &str = "/diary/2026/06/ajisai.html";

type Source = Arc<Mutex<(u16, String)>>;

async fn source_server(state: Source) -> String {
    let app = Router::new()
        .route(
            "/post",
            get(|State(s): State<Source>| async move {
                let (status, html) = s.lock().expect("lock").clone();
                let status = axum::http::StatusCode::from_u16(status).expect("status");
                let res: Response = (status, Html(html)).into_response();
                res
            }),
        )
        .with_state(state);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    format!("http://{addr}/post")
}

async fn send(s: &TestServer, source: &str, target: &str) -> (u16, String) {
    let res = s
        .client
        .post(s.url("/webmention"))
        .form(&[("source", source), ("target", target)])
        .send()
        .await
        .expect("webmention");
    (res.status().as_u16(), res.text().await.expect("body"))
}

/// Waits (bounded) until the entry page satisfies `ok`.
async fn eventually(s: &TestServer, what: &str, ok: impl Fn(&str) -> bool) -> String {
    let started = Instant::now();
    loop {
        let page = s.get_ok(ENTRY).await;
        if ok(&page) {
            return page;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "never: {what}\n{page}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn webmentions_are_verified_shown_updated_and_removed() {
    for s in servers().await {
        s.blog("diary", "ja", "Asia/Tokyo").await;
        s.import(
            "diary",
            "TITLE: 紫陽花\nBASENAME: ajisai\nSTATUS: Publish\nALLOW PINGS: 1\nDATE: 06/15/2026 14:52:00\n-----\nBODY:\n青かった。\n-----\n--------\nTITLE: 閉じた\nBASENAME: closed\nSTATUS: Publish\nALLOW PINGS: 0\nDATE: 06/16/2026 10:00:00\n-----\nBODY:\nx\n-----\n--------\n",
        )
        .await;
        let target = s.url(ENTRY);
        let res = s.get(ENTRY).await;
        let endpoint = s.url("/webmention");
        assert_eq!(
            res.headers()["link"],
            format!("<{endpoint}>; rel=\"webmention\"").as_str()
        );
        assert!(
            res.text()
                .await
                .expect("body")
                .contains(&format!("<link rel=\"webmention\" href=\"{endpoint}\">"))
        );

        let reply = |text: &str| {
            format!(
                "<html><body><article class=\"h-entry\"><a class=\"u-in-reply-to\" href=\"{target}\">紫陽花</a> <a class=\"p-author h-card\" href=\"/\"><span class=\"p-name\">花子</span></a><div class=\"e-content\">{text}</div></article></body></html>"
            )
        };
        let state: Source = Arc::new(Mutex::new((200, reply("私も見に行きました。"))));
        let source = source_server(state.clone()).await;

        let (status, _) = send(&s, &source, &target).await;
        assert_eq!(status, 202);
        let page = eventually(&s, "the reply is shown", |p| {
            p.contains("私も見に行きました。")
        })
        .await;
        assert!(
            page.contains("(返信)") && page.contains("花子"),
            "a reply by its author: {page}"
        );
        assert!(
            page.contains("class=\"ping p-comment h-cite\""),
            "marked up as h-cite"
        );

        // The source changes what it says: the mention follows.
        state.lock().expect("lock").1 = reply("二回目に行ったら満開でした。");
        assert_eq!(send(&s, &source, &target).await.0, 202);
        eventually(&s, "the update", |p| {
            p.contains("二回目に行ったら満開でした。") && !p.contains("私も見に行きました。")
        })
        .await;

        // The source is gone: the mention goes too.
        *state.lock().expect("lock") = (410, "gone".into());
        assert_eq!(send(&s, &source, &target).await.0, 202);
        eventually(&s, "the removal", |p| {
            !p.contains("二回目に行ったら満開でした。")
        })
        .await;

        // Requests that cannot be right are refused at once.
        for (src, tgt, why) in [
            (source.as_str(), "", "http(s)"),
            ("ftp://x.example/", target.as_str(), "http(s)"),
            (target.as_str(), target.as_str(), "different"),
            (
                source.as_str(),
                "http://elsewhere.example/x.html",
                "not a page of this site",
            ),
            (
                source.as_str(),
                &s.url("/diary/2026/06/none.html"),
                "not an entry",
            ),
            (
                source.as_str(),
                &s.url("/diary/2026/06/closed.html"),
                "does not accept",
            ),
        ] {
            let (status, body) = send(&s, src, tgt).await;
            assert_eq!(status, 400, "{src} → {tgt}");
            assert!(body.contains(why), "{why}: {body}");
        }
    }
}

/// A stranger's page of 100,000 nested elements, sent as two Webmentions and two TrackBacks
/// at once: it is read in one linear pass off the async workers, so readers of a cached
/// page keep being answered, and the mention is kept as plain with the reason recorded.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deeply_nested_sources_do_not_stall_readers() {
    let s = TestServer::start(tsuzuri_test_support::TestDb::sqlite().await).await;
    s.blog("diary", "ja", "Asia/Tokyo").await;
    s.import(
        "diary",
        "TITLE: 紫陽花\nBASENAME: ajisai\nSTATUS: Publish\nALLOW PINGS: 1\nDATE: 06/15/2026 14:52:00\n-----\nBODY:\n青かった。\n-----\n--------\n",
    )
    .await;
    let target = s.url(ENTRY);
    let deep = format!(
        "<html><head><title>入れ子の罠</title></head><body><a href=\"{target}\">紫陽花</a>{}</body></html>",
        "<div>".repeat(100_000)
    );
    assert!(deep.len() > 500_000);
    let source = source_server(Arc::new(Mutex::new((200, deep)))).await;
    s.get_ok(ENTRY).await; // now cached

    let mut senders = tokio::task::JoinSet::new();
    for i in 0..2 {
        let client = s.client.clone();
        let (endpoint, trackback) = (s.url("/webmention"), s.url("/diary/trackback/1"));
        let (source, target) = (format!("{source}?copy={i}"), target.clone());
        senders.spawn(async move {
            let wm = client
                .post(&endpoint)
                .form(&[("source", source.as_str()), ("target", target.as_str())])
                .send()
                .await
                .expect("webmention")
                .status();
            let tb = client
                .post(&trackback)
                .form(&[("url", format!("{source}&tb=1").as_str()), ("title", "罠")])
                .send()
                .await
                .expect("trackback")
                .status();
            (wm.as_u16(), tb.as_u16())
        });
    }
    let mut slowest = Duration::ZERO;
    for _ in 0..30 {
        let started = Instant::now();
        assert_eq!(s.get(ENTRY).await.status(), 200);
        slowest = slowest.max(started.elapsed());
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    while let Some(r) = senders.join_next().await {
        assert_eq!(r.expect("sender"), (202, 200));
    }
    // Generous: before the pages were read this way, one such ping held readers for 19 s
    // or more; the point is that readers are answered at all while pings are read.
    assert!(
        slowest < Duration::from_secs(3),
        "a cached page took {slowest:?}"
    );
    eventually(&s, "the nested page is shown as a mention", |p| {
        p.contains("入れ子の罠")
    })
    .await;
    let blog = s
        .app
        .store
        .find_blog_by_slug("diary")
        .await
        .expect("query")
        .expect("blog");
    let (shown, _) = s
        .app
        .store
        .ping_queue(blog.blog_id(), "approved", 50, 0)
        .await
        .expect("pings");
    assert!(
        shown
            .iter()
            .any(|p| p.kind == "webmention" && p.reasons.contains("nests its markup too deeply")),
        "{shown:?}"
    );
    assert!(
        shown.iter().any(|p| p.kind == "trackback"),
        "the TrackBack's link back was found: {shown:?}"
    );
}
