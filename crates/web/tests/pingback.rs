//! Receiving Pingbacks over XML-RPC on both backends: discovery (header on GET and HEAD,
//! `<link rel="pingback">`), a verified ping shown on the entry, and each fault code.

use axum::Router;
use axum::response::Html;
use axum::routing::get;
use tsuzuri_test_support::{TestServer, servers};

const ENTRY: &str = "/diary/2026/06/ajisai.html";

async fn sources(target: String) -> String {
    let app = Router::new()
        .route(
            "/links",
            get(move || {
                let t = target.clone();
                async move {
                    Html(format!(
                        "<html><head><title>隣の 日記</title></head><body><a href=\"{t}\">紫陽花</a></body></html>"
                    ))
                }
            }),
        )
        .route("/nolink", get(|| async { Html("<p>nothing</p>") }))
        .route("/gone", get(|| async { (axum::http::StatusCode::GONE, "gone") }));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    format!("http://{addr}")
}

fn call(method: &str, params: &[&str]) -> String {
    let params: String = params
        .iter()
        .map(|p| format!("<param><value><string>{p}</string></value></param>"))
        .collect();
    format!(
        "<?xml version=\"1.0\"?><methodCall><methodName>{method}</methodName><params>{params}</params></methodCall>"
    )
}

async fn xmlrpc(s: &TestServer, body: String) -> String {
    let res = s
        .client
        .post(s.url("/xmlrpc"))
        .header("content-type", "text/xml")
        .body(body)
        .send()
        .await
        .expect("xmlrpc");
    assert_eq!(res.status(), 200, "XML-RPC answers 200, faults included");
    res.text().await.expect("body")
}

fn fault_code(xml: &str) -> Option<i32> {
    let at = xml.find("<name>faultCode</name><value><int>")? + 34;
    xml[at..].split('<').next()?.parse().ok()
}

#[tokio::test]
async fn pingbacks_are_discovered_verified_and_shown() {
    for s in servers().await {
        s.blog("diary", "ja", "Asia/Tokyo").await;
        s.import(
            "diary",
            "TITLE: 紫陽花\nBASENAME: ajisai\nSTATUS: Publish\nALLOW PINGS: 1\nDATE: 06/15/2026 14:52:00\n-----\nBODY:\n青かった。\n-----\n--------\n",
        )
        .await;
        let target = s.url(ENTRY);
        let endpoint = s.url("/xmlrpc");
        let res = s.get(ENTRY).await;
        assert_eq!(res.headers()["x-pingback"], endpoint.as_str());
        assert!(
            res.text()
                .await
                .expect("body")
                .contains(&format!("<link rel=\"pingback\" href=\"{endpoint}\">"))
        );
        let head = s.client.head(s.url(ENTRY)).send().await.expect("HEAD");
        assert_eq!(head.headers()["x-pingback"], endpoint.as_str());

        let src = sources(target.clone()).await;
        let ok = xmlrpc(
            &s,
            call("pingback.ping", &[&format!("{src}/links"), &target]),
        )
        .await;
        assert!(ok.contains("<string>") && fault_code(&ok).is_none(), "{ok}");
        let page = s.get_ok(ENTRY).await;
        assert!(
            page.contains("隣の 日記"),
            "the source's title is shown: {page}"
        );

        for (params, code) in [
            (vec![format!("{src}/links"), target.clone()], 48),
            (vec![format!("{src}/nolink"), target.clone()], 17),
            (vec![format!("{src}/gone"), target.clone()], 16),
            (
                vec![
                    format!("{src}/links"),
                    "http://elsewhere.example/x.html".to_string(),
                ],
                33,
            ),
            (
                vec![format!("{src}/links"), s.url("/diary/2026/06/none.html")],
                33,
            ),
            (
                vec![format!("{src}/links"), s.url("/nosuchblog/2026/06/x.html")],
                32,
            ),
            (vec!["javascript:alert(1)".to_string(), target.clone()], 16),
            (vec![format!("{src}/links")], -32602),
        ] {
            let refs: Vec<&str> = params.iter().map(String::as_str).collect();
            let xml = xmlrpc(&s, call("pingback.ping", &refs)).await;
            assert_eq!(fault_code(&xml), Some(code), "{params:?}: {xml}");
        }
        assert_eq!(
            fault_code(&xmlrpc(&s, call("wp.deleteEverything", &[])).await),
            Some(-32601)
        );
        assert_eq!(
            fault_code(&xmlrpc(&s, "<methodCall><".into()).await),
            Some(-32700)
        );
        assert!(!s.get_ok(ENTRY).await.contains("nothing"));
    }
}
