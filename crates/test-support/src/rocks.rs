//! The 23 Webmention discovery cases of webmention.rocks, rebuilt as a loopback server: each
//! `/test/N` page advertises its endpoint in the way that case tests (Link headers, `<link>`,
//! `<a>`, relative and absolute, decoys in comments and escaped text, redirects). A POST to
//! the right endpoint is recorded as a hit for N; a POST anywhere else is recorded as a
//! wrong hit, so a test can tell a discovery that picked a decoy.

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{any, post};
use std::sync::{Arc, Mutex};

/// Number of discovery cases.
pub const CASES: usize = 23;

/// A Webmention that reached an endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// The case whose endpoint received it (0 for a wrong endpoint).
    pub case: usize,
    pub path: String,
    pub query: String,
    pub source: String,
    pub target: String,
}

#[derive(Clone, Default)]
struct Hits(Arc<Mutex<Vec<Hit>>>);

/// The running fixture server.
pub struct DiscoveryCases {
    /// `http://127.0.0.1:PORT`
    pub base: String,
    hits: Hits,
    task: tokio::task::JoinHandle<()>,
}

impl DiscoveryCases {
    pub async fn start() -> DiscoveryCases {
        let hits = Hits::default();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind loopback");
        let base = format!("http://{}", listener.local_addr().expect("addr"));
        let app = Router::new()
            .route("/test/{n}", any(case_page))
            .route("/test/23/final/page", any(redirected_page))
            .route("/endpoint/{n}", post(endpoint))
            .route("/test/22/webmention", post(endpoint_22))
            .route("/test/23/final/webmention-endpoint", post(endpoint_23))
            .fallback(wrong)
            .with_state((base.clone(), hits.clone()));
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        DiscoveryCases { base, hits, task }
    }

    /// The page of case `n` (1-based).
    pub fn target(&self, n: usize) -> String {
        format!("{}/test/{n}", self.base)
    }

    /// Everything received so far.
    pub fn hits(&self) -> Vec<Hit> {
        self.hits.0.lock().expect("hits").clone()
    }
}

impl Drop for DiscoveryCases {
    fn drop(&mut self) {
        self.task.abort();
    }
}

type Fixture = State<(String, Hits)>;

fn form_fields(body: &[u8]) -> (String, String) {
    let (mut source, mut target) = (String::new(), String::new());
    for pair in body.split(|b| *b == b'&') {
        let text = String::from_utf8_lossy(pair).replace('+', " ");
        let (k, v) = text.split_once('=').unwrap_or((&text, ""));
        let v = percent_decode(v);
        match k {
            "source" => source = v,
            "target" => target = v,
            _ => {}
        }
    }
    (source, target)
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Some(b) = std::str::from_utf8(&bytes[i + 1..i + 3])
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(b);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn record(hits: &Hits, case: usize, uri: &Uri, body: &[u8]) -> Response {
    let (source, target) = form_fields(body);
    hits.0.lock().expect("hits").push(Hit {
        case,
        path: uri.path().to_owned(),
        query: uri.query().unwrap_or("").to_owned(),
        source,
        target,
    });
    (StatusCode::ACCEPTED, "Webmention accepted").into_response()
}

async fn endpoint(
    State((_, hits)): Fixture,
    Path(n): Path<usize>,
    uri: Uri,
    body: Bytes,
) -> Response {
    record(&hits, n, &uri, &body)
}

async fn endpoint_22(State((_, hits)): Fixture, uri: Uri, body: Bytes) -> Response {
    record(&hits, 22, &uri, &body)
}

async fn endpoint_23(State((_, hits)): Fixture, uri: Uri, body: Bytes) -> Response {
    record(&hits, 23, &uri, &body)
}

async fn wrong(State((_, hits)): Fixture, method: Method, uri: Uri, body: Bytes) -> Response {
    if method == Method::POST {
        return record(&hits, 0, &uri, &body);
    }
    (StatusCode::NOT_FOUND, "no such page").into_response()
}

async fn redirected_page() -> Response {
    page(
        HeaderMap::new(),
        "<link rel=\"webmention\" href=\"webmention-endpoint\">",
        "",
        "",
    )
}

/// A fixture page: `head` in the head, `first` and `last` around the body's paragraph.
fn page(headers: HeaderMap, head: &str, first: &str, last: &str) -> Response {
    let html = format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>Discovery case</title>{head}</head><body>{first}<p>A page to mention.</p>{last}</body></html>"
    );
    (headers, Html(html)).into_response()
}

fn link_headers(values: &[String]) -> HeaderMap {
    let mut h = HeaderMap::new();
    for v in values {
        h.append(header::LINK, HeaderValue::from_str(v).expect("header"));
    }
    h
}

async fn case_page(
    State((base, hits)): Fixture,
    Path(n): Path<usize>,
    method: Method,
    uri: Uri,
    body: Bytes,
) -> Response {
    // Case 15's endpoint is the page itself.
    if method == Method::POST {
        return record(&hits, if n == 15 { 15 } else { 0 }, &uri, &body);
    }
    let ep = |n: usize| format!("/endpoint/{n}");
    let abs = |n: usize| format!("{base}/endpoint/{n}");
    let link = |href: &str| format!("<link rel=\"webmention\" href=\"{href}\">");
    let a = |href: &str| format!("<a rel=\"webmention\" href=\"{href}\">endpoint</a>");
    let none = HeaderMap::new;
    match n {
        1 => page(
            link_headers(&[format!("<{}>; rel=webmention", ep(1))]),
            "",
            "",
            "",
        ),
        2 => page(
            link_headers(&[format!("<{}>; rel=webmention", abs(2))]),
            "",
            "",
            "",
        ),
        3 => page(none(), &link(&ep(3)), "", ""),
        4 => page(none(), &link(&abs(4)), "", ""),
        5 => page(none(), "", "", &a(&ep(5))),
        6 => page(none(), "", "", &a(&abs(6))),
        // Strange casing of the rel value (header names are case-insensitive on the wire).
        7 => page(
            link_headers(&[format!("<{}>; rel=\"WebMention\"", abs(7))]),
            "",
            "",
            "",
        ),
        8 => page(
            link_headers(&[format!("<{}>; rel=\"webmention\"", abs(8))]),
            "",
            "",
            "",
        ),
        9 => page(
            none(),
            &format!("<link rel=\"import webmention\" href=\"{}\">", ep(9)),
            "",
            "",
        ),
        10 => page(
            link_headers(&[format!("<{}>; rel=\"webmention somethingelse\"", abs(10))]),
            "",
            "",
            "",
        ),
        11 => page(
            link_headers(&[format!("<{}>; rel=\"webmention\"", abs(11))]),
            &link("/wrong/11"),
            "",
            &a("/wrong/11"),
        ),
        12 => page(
            none(),
            &format!(
                "<link rel=\"not-webmention\" href=\"/wrong/12\">{}",
                link(&ep(12))
            ),
            "",
            "",
        ),
        13 => page(
            none(),
            &format!("<!-- {} -->{}", link("/wrong/13"), link(&ep(13))),
            "",
            "",
        ),
        14 => page(
            none(),
            "",
            "<p><code>&lt;a href=\"/wrong/14\" rel=\"webmention\"&gt;&lt;/a&gt;</code></p>",
            &a(&ep(14)),
        ),
        15 => page(none(), &link(""), "", ""),
        16 => page(none(), "", &a(&ep(16)), &link("/wrong/16")),
        17 => page(none(), "", &link(&ep(17)), &a("/wrong/17")),
        18 => page(
            link_headers(&[
                "</wrong/18>; rel=\"other\"".to_owned(),
                format!("<{}>; rel=\"webmention\"", abs(18)),
            ]),
            "",
            "",
            "",
        ),
        19 => page(
            link_headers(&[format!(
                "</wrong/19>; rel=\"other\", <{}>; rel=\"webmention\"",
                abs(19)
            )]),
            "",
            "",
            "",
        ),
        20 => page(
            none(),
            &format!("<link rel=\"webmention\">{}", link(&ep(20))),
            "",
            "",
        ),
        21 => page(none(), &link(&format!("{}?query=yes", ep(21))), "", ""),
        22 => page(none(), &link("22/webmention"), "", ""),
        23 => Redirect::to("/test/23/final/page").into_response(),
        _ => (StatusCode::NOT_FOUND, "no such case").into_response(),
    }
}
