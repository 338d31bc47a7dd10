//! Sending pings when an entry is published or updated, over HTTP on both backends:
//! Webmention discovery against the 23 webmention.rocks cases (rebuilt on loopback),
//! Pingback and TrackBack (RDF auto-discovery and author-listed URLs, sent as UTF-8) to
//! fixture peers and to a second tsuzuri, retries of a busy endpoint, what an update sends
//! again, and the per-target results the editor shows.

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tsuzuri_test_support::rocks::{CASES, DiscoveryCases};
use tsuzuri_test_support::{TestDb, TestServer, csrf_of, servers};

/// Saves the editor form at `path` with `fields`; returns the editor page it leads to.
async fn save(s: &TestServer, path: &str, cookie: &str, fields: &[(&str, &str)]) -> String {
    let (_, form) = s.get_as(path, cookie).await;
    let csrf = csrf_of(&form);
    let mut all = vec![("csrf", csrf.as_str())];
    all.extend_from_slice(fields);
    let res = s
        .client
        .post(s.url(path))
        .header("cookie", cookie)
        .form(&all)
        .send()
        .await
        .expect("POST");
    assert_eq!(
        res.status(),
        303,
        "{}",
        res.text().await.unwrap_or_default()
    );
    res.headers()["location"]
        .to_str()
        .expect("location")
        .trim_end_matches("?saved=1")
        .to_owned()
}

/// Waits (bounded) until `ok` holds.
async fn eventually<T>(what: &str, mut probe: impl AsyncFnMut() -> Option<T>) -> T {
    let started = Instant::now();
    loop {
        if let Some(v) = probe().await {
            return v;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "never happened: {what}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn webmention_discovery_passes_all_23_cases() {
    for s in servers().await {
        let rocks = DiscoveryCases::start().await;
        s.blog("diary", "ja", "Asia/Tokyo").await;
        let cookie = s.sign_in("owner", "correct horse battery").await;
        let links: String = (1..=CASES)
            .map(|n| format!("<li><a href=\"{}\">case {n}</a></li>\n", rocks.target(n)))
            .collect();
        let edit = save(
            &s,
            "/admin/diary/entries/new",
            &cookie,
            &[
                ("title", "Discovery"),
                ("body", &format!("<ul>\n{links}</ul>")),
                ("text_format", "0"),
                ("status", "publish"),
                ("date", "2026-06-15T14:52"),
                ("basename", "discovery"),
                ("allow_pings", "true"),
            ],
        )
        .await;
        let source = s.url("/diary/2026/06/discovery.html");
        let hits = eventually("a Webmention for every case", async || {
            let hits = rocks.hits();
            (hits.len() >= CASES).then_some(hits)
        })
        .await;
        let wrong: Vec<_> = hits.iter().filter(|h| h.case == 0).collect();
        assert!(wrong.is_empty(), "decoy endpoints were used: {wrong:#?}");
        for n in 1..=CASES {
            let mine: Vec<_> = hits.iter().filter(|h| h.case == n).collect();
            assert_eq!(mine.len(), 1, "case {n}: {hits:#?}");
            assert_eq!(mine[0].source, source, "case {n}");
            assert_eq!(mine[0].target, rocks.target(n), "case {n}");
        }
        let q21 = hits.iter().find(|h| h.case == 21).expect("case 21");
        assert_eq!(
            q21.query, "query=yes",
            "the endpoint's query string is kept"
        );

        let page = eventually("every result in the editor", async || {
            let (_, page) = s.get_as(&edit, &cookie).await;
            (page.matches("class=\"ping-sent\"").count() == CASES).then_some(page)
        })
        .await;
        assert!(page.contains("Webmention") && page.contains("accepted (HTTP 202)"));
    }
}

/// What the fixture peers received: (path, content type, body).
type Received = Arc<Mutex<Vec<(String, String, String)>>>;

/// Peers on loopback: `/wm` (Webmention), `/pb` (only Pingback), `/rdf` (only TrackBack
/// RDF), `/busy` (an endpoint that answers 503), `/gone` (404), `/plain` (nothing).
async fn peers() -> (String, Received) {
    let received = Received::default();
    async fn keep(
        State(r): State<Received>,
        uri: axum::http::Uri,
        headers: HeaderMap,
        body: Bytes,
    ) -> Response {
        let ct = headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned();
        r.lock().expect("lock").push((
            uri.path().to_owned(),
            ct,
            String::from_utf8_lossy(&body).into_owned(),
        ));
        match uri.path() {
            "/xmlrpc" => (
                [("content-type", "text/xml")],
                "<?xml version=\"1.0\"?><methodResponse><params><param><value><string>Pingback registered.</string></value></param></params></methodResponse>",
            )
                .into_response(),
            "/xmlrpc-busy" => (
                [("content-type", "text/xml")],
                "<?xml version=\"1.0\"?><methodResponse><fault><value><struct><member><name>faultCode</name><value><int>429</int></value></member><member><name>faultString</name><value><string>You are posting comments too quickly. Slow down.</string></value></member></struct></value></fault></methodResponse>",
            )
                .into_response(),
            "/tb/7" => (
                [("content-type", "text/xml")],
                "<?xml version=\"1.0\" encoding=\"utf-8\"?><response><error>0</error></response>",
            )
                .into_response(),
            "/busy-endpoint" => (StatusCode::SERVICE_UNAVAILABLE, "try later").into_response(),
            // WordPress's flood control.
            "/tb/429" => (
                StatusCode::TOO_MANY_REQUESTS,
                "<?xml version=\"1.0\" encoding=\"utf-8\"?><response><error>1</error><message><![CDATA[Slow down.]]></message></response>",
            )
                .into_response(),
            _ => (StatusCode::ACCEPTED, "ok").into_response(),
        }
    }
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    let rdf_page = format!(
        "<html><body><p>RDF</p><!--\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns:trackback=\"http://madskills.com/public/xml/rss/module/trackback/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<rdf:Description rdf:about=\"{base}/rdf\" dc:identifier=\"{base}/rdf\" dc:title=\"RDF\" trackback:ping=\"{base}/tb/7\" />\n</rdf:RDF>\n--></body></html>"
    );
    let app = Router::new()
        .route(
            "/wm",
            get(|| async {
                (
                    [("link", "</wm-endpoint>; rel=\"webmention\"")],
                    Html("<p>wm</p>"),
                )
            }),
        )
        .route(
            "/pb",
            get(|| async { ([("x-pingback", "/xmlrpc")], Html("<p>pb</p>")) }),
        )
        .route(
            "/pb-busy",
            get(|| async { ([("x-pingback", "/xmlrpc-busy")], Html("<p>pb</p>")) }),
        )
        .route("/xmlrpc-busy", post(keep))
        .route("/rdf", get(move || async move { Html(rdf_page) }))
        .route(
            "/busy",
            get(|| async { Html("<link rel=\"webmention\" href=\"/busy-endpoint\">") }),
        )
        .route("/gone", get(|| async { (StatusCode::NOT_FOUND, "gone") }))
        .route("/plain", get(|| async { Html("<p>nothing here</p>") }))
        .route("/wm-endpoint", post(keep))
        .route("/xmlrpc", post(keep))
        .route("/tb/7", post(keep))
        .route("/tb/429", post(keep))
        .route("/busy-endpoint", post(keep))
        .with_state(received.clone());
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    (base, received)
}

fn count(r: &Received, path: &str) -> usize {
    r.lock()
        .expect("lock")
        .iter()
        .filter(|(p, _, _)| p == path)
        .count()
}

#[tokio::test]
async fn pingback_trackback_retries_updates_and_the_editor_results() {
    for s in servers().await {
        let (peer, received) = peers().await;
        // A second tsuzuri that takes the listed TrackBack (its blog takes pings unverified).
        let other = TestServer::start(TestDb::sqlite().await).await;
        other.blog("tonari", "ja", "Asia/Tokyo").await;
        other
            .import(
                "tonari",
                "TITLE: 隣の記事\nBASENAME: tonari\nSTATUS: Publish\nALLOW PINGS: 1\nDATE: 06/10/2026 10:00:00\n-----\nBODY:\nこんにちは。\n-----\n--------\n",
            )
            .await;
        let blog = other
            .app
            .store
            .find_blog_by_slug("tonari")
            .await
            .expect("query")
            .expect("blog");
        other
            .app
            .store
            .update_blog_settings(
                blog.blog_id(),
                &blog.title,
                &blog.description,
                &blog.lang,
                &blog.timezone,
                &blog.theme,
                blog.comment_policy.as_str(),
                blog.comments_close_days,
                "open",
                0,
            )
            .await
            .expect("settings");
        let other_page = other.get_ok("/tonari/2026/06/tonari.html").await;
        let at = other_page.find("/tonari/trackback/").expect("ping URL");
        let tb_url = other.url(other_page[at..].split('"').next().expect("url"));

        s.blog("diary", "ja", "Asia/Tokyo").await;
        let cookie = s.sign_in("owner", "correct horse battery").await;
        let body = format!(
            "<p><a href=\"{peer}/wm\">wm</a> <a href=\"{peer}/pb\">pb</a> <a href=\"{peer}/rdf\">rdf</a> <a href=\"{peer}/busy\">busy</a> <a href=\"{peer}/gone\">gone</a> <a href=\"{peer}/plain\">plain</a> <a href=\"{peer}/pb-busy\">pb-busy</a> <a href=\"/diary/2026/05/earlier.html\">an earlier entry of this blog</a> <a href=\"/media/diary/2026/06/photo-0123abcd.jpg\"><img src=\"/media/diary/2026/06/photo-0123abcd-medium.jpg\" alt=\"\"></a></p>"
        );
        // A draft sends nothing; the listed TrackBack waits for publishing.
        let listed = format!("{tb_url}\n{peer}/tb/429");
        let mut fields = vec![
            ("title", "紫陽花の記事"),
            ("body", body.as_str()),
            ("excerpt", "鎌倉の紫陽花を見てきました。"),
            ("text_format", "0"),
            ("status", "draft"),
            ("date", "2026-06-15T14:52"),
            ("basename", "ajisai"),
            ("allow_pings", "true"),
            ("trackback_urls", listed.as_str()),
        ];
        let edit = save(&s, "/admin/diary/entries/new", &cookie, &fields).await;
        let (_, page) = s.get_as(&edit, &cookie).await;
        assert!(page.contains("Waits for publishing"), "{page}");
        tokio::time::sleep(Duration::from_millis(500)).await;
        assert!(received.lock().expect("lock").is_empty(), "a draft pinged");

        fields[4] = ("status", "publish");
        fields[8] = ("trackback_urls", "");
        save(&s, &edit, &cookie, &fields).await;
        let page = eventually("results for every target", async || {
            let (_, page) = s.get_as(&edit, &cookie).await;
            (page.matches("class=\"ping-sent\"").count() == 4
                && page.matches("class=\"ping-retrying\"").count() == 3
                && page.matches("class=\"ping-none\"").count() == 2)
                .then_some(page)
        })
        .await;
        assert!(page.contains("Pingback registered."), "{page}");
        assert!(page.contains("the page answered HTTP 404"), "{page}");
        assert!(page.contains("advertises no Webmention, Pingback or TrackBack endpoint"));
        assert!(
            page.contains("Will retry") && page.contains("HTTP 503"),
            "{page}"
        );
        assert!(page.contains("HTTP 429: Slow down."), "{page}");
        assert!(
            page.contains("fault 429: You are posting comments too quickly."),
            "{page}"
        );
        let own_row = format!("{}\" rel=\"nofollow", s.url("/diary/2026/05/earlier.html"));
        assert!(!page.contains(&own_row), "the blog pinged itself: {page}");
        assert!(
            !page.contains("/media/diary/2026/06/photo-0123abcd.jpg\" rel=\"nofollow"),
            "the entry's own picture is no ping target: {page}"
        );
        if s.db.backend == tsuzuri_test_support::Backend::Sqlite {
            tsuzuri_test_support::validators::assert_valid_html(&[(
                "editor-with-sent-pings",
                page.clone(),
            )]);
        }

        let source = s.url("/diary/2026/06/ajisai.html");
        let got = received.lock().expect("lock").clone();
        let (_, ct, xml) = got
            .iter()
            .find(|(p, _, _)| p == "/xmlrpc")
            .expect("pingback");
        assert!(ct.starts_with("text/xml"));
        assert!(xml.contains("<methodName>pingback.ping</methodName>"));
        assert!(xml.contains(&source) && xml.contains(&format!("{peer}/pb")));
        let (_, ct, form) = got
            .iter()
            .find(|(p, _, _)| p == "/tb/7")
            .expect("trackback");
        assert_eq!(ct, "application/x-www-form-urlencoded; charset=utf-8");
        assert!(form.contains("charset=UTF-8"), "{form}");
        // 紫陽花 in UTF-8, percent-encoded.
        assert!(form.contains("title=%E7%B4%AB%E9%99%BD%E8%8A%B1"), "{form}");

        // The second tsuzuri shows the TrackBack in Japanese, read as UTF-8.
        let shown = eventually("the TrackBack on the other blog", async || {
            let page = other.get_ok("/tonari/2026/06/tonari.html").await;
            page.contains("紫陽花の記事").then_some(page)
        })
        .await;
        assert!(shown.contains("鎌倉の紫陽花を見てきました。"));

        // An update: the Webmention is sent again (also to a page no longer linked), the
        // Pingback and TrackBacks are not repeated.
        let wm_before = count(&received, "/wm-endpoint");
        let pb_before = count(&received, "/xmlrpc");
        let tb_before = count(&received, "/tb/7");
        let body = format!("<p><a href=\"{peer}/pb\">pb</a> <a href=\"{peer}/rdf\">rdf</a></p>");
        fields[1] = ("body", body.as_str());
        save(&s, &edit, &cookie, &fields).await;
        eventually("the Webmention sent again", async || {
            (count(&received, "/wm-endpoint") > wm_before).then_some(())
        })
        .await;
        tokio::time::sleep(Duration::from_millis(500)).await;
        assert_eq!(count(&received, "/xmlrpc"), pb_before);
        assert_eq!(count(&received, "/tb/7"), tb_before);
    }
}

/// Sets the flag when dropped: the request ended (answered or abandoned).
struct EndedOnDrop(Arc<std::sync::atomic::AtomicBool>);

impl Drop for EndedOnDrop {
    fn drop(&mut self) {
        self.0.store(true, std::sync::atomic::Ordering::SeqCst);
    }
}

#[tokio::test]
async fn a_slow_target_does_not_hold_up_the_others() {
    let s = TestServer::start(TestDb::sqlite().await).await;
    let received = Received::default();
    let ended = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let release = Arc::new(tokio::sync::Notify::new());
    let (flag, gate) = (ended.clone(), release.clone());
    let app = Router::new()
        .route(
            "/slow",
            get(move || {
                let (flag, gate) = (flag.clone(), gate.clone());
                async move {
                    let _ended = EndedOnDrop(flag);
                    gate.notified().await;
                    Html("<p>finally</p>")
                }
            }),
        )
        .route(
            "/fast/{n}",
            get(|| async {
                (
                    [("link", "</wm-endpoint>; rel=\"webmention\"")],
                    Html("<p>fast</p>"),
                )
            }),
        )
        .route(
            "/wm-endpoint",
            post(|State(r): State<Received>, body: String| async move {
                r.lock()
                    .expect("lock")
                    .push(("/wm-endpoint".into(), String::new(), body));
                StatusCode::ACCEPTED
            }),
        )
        .with_state(received.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let peer = format!("http://{}", listener.local_addr().expect("addr"));
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });

    s.blog("diary", "ja", "Asia/Tokyo").await;
    let cookie = s.sign_in("owner", "correct horse battery").await;
    // The slow page is linked first, so its job is claimed first.
    let body = format!(
        "<p><a href=\"{peer}/slow\">slow</a> <a href=\"{peer}/fast/1\">1</a> <a href=\"{peer}/fast/2\">2</a></p>"
    );
    save(
        &s,
        "/admin/diary/entries/new",
        &cookie,
        &[
            ("title", "速い と 遅い"),
            ("body", &body),
            ("text_format", "0"),
            ("status", "publish"),
            ("date", "2026-06-15T14:52"),
            ("basename", "speed"),
        ],
    )
    .await;
    eventually("the fast targets notified", async || {
        (count(&received, "/wm-endpoint") == 2).then_some(())
    })
    .await;
    assert!(
        !ended.load(std::sync::atomic::Ordering::SeqCst),
        "the fast targets waited for the slow one"
    );
    release.notify_waiters();
}

#[tokio::test]
async fn a_deleted_entry_answers_410_and_tells_the_pages_it_mentioned() {
    for s in servers().await {
        let (peer, received) = peers().await;
        s.blog("diary", "ja", "Asia/Tokyo").await;
        let cookie = s.sign_in("owner", "correct horse battery").await;
        let edit = save(
            &s,
            "/admin/diary/entries/new",
            &cookie,
            &[
                ("title", "消す記事"),
                ("body", &format!("<p><a href=\"{peer}/wm\">wm</a></p>")),
                ("text_format", "0"),
                ("status", "publish"),
                ("date", "2026-06-15T14:52"),
                ("basename", "doomed"),
            ],
        )
        .await;
        eventually("the Webmention", async || {
            (count(&received, "/wm-endpoint") == 1).then_some(())
        })
        .await;
        let entry = s.url("/diary/2026/06/doomed.html");
        assert_eq!(s.get(&entry[s.base.len()..]).await.status(), 200);

        let (_, page) = s.get_as(&edit, &cookie).await;
        let trash = format!("{}/trash", edit.trim_end_matches("/edit"));
        let res = s
            .client
            .post(s.url(&trash))
            .header("cookie", &cookie)
            .form(&[("csrf", csrf_of(&page).as_str())])
            .send()
            .await
            .expect("trash");
        assert_eq!(res.status(), 303);
        assert_eq!(s.get(&entry[s.base.len()..]).await.status(), 410);
        eventually("the deletion announced", async || {
            (count(&received, "/wm-endpoint") == 2).then_some(())
        })
        .await;
        let got = received.lock().expect("lock").clone();
        let last = &got
            .iter()
            .rfind(|(p, _, _)| p == "/wm-endpoint")
            .expect("hit")
            .2;
        let encoded = |u: &str| {
            percent_encoding::utf8_percent_encode(u, percent_encoding::NON_ALPHANUMERIC).to_string()
        };
        assert!(last.contains(&encoded(&entry)), "{last}");
        assert!(last.contains(&encoded(&format!("{peer}/wm"))), "{last}");
    }
}
