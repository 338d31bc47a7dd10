//! The outbound client against servers on loopback: refused by default (literal address
//! and a name that resolves to loopback), allowed only when configured, and bounded in
//! redirects, size, time and requests per host.

use axum::Router;
use axum::response::Redirect;
use axum::routing::get;
use std::time::Duration;
use tsuzuri_net::{Outbound, OutboundConfig, OutboundError, is_public};

async fn server() -> String {
    let app = Router::new()
        .route("/ok", get(|| async { "hello" }))
        .route("/loop", get(|| async { Redirect::temporary("/loop") }))
        .route("/to-ok", get(|| async { Redirect::temporary("/ok") }))
        .route("/big", get(|| async { "x".repeat(2 * 1024 * 1024) }))
        .route(
            "/slow",
            get(|| async {
                tokio::time::sleep(Duration::from_secs(5)).await;
                "late"
            }),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    format!("127.0.0.1:{}", addr.port())
}

fn client(allow_private: bool) -> Outbound {
    Outbound::new(OutboundConfig {
        allow_private,
        timeout: Duration::from_secs(1),
        max_bytes: 1024 * 1024,
        max_redirects: 3,
        per_host_per_minute: 8,
    })
    .expect("client")
}

#[tokio::test]
async fn private_destinations_are_refused_unless_allowed() {
    let host = server().await;
    let port = host.rsplit(':').next().expect("port");
    let guarded = client(false);
    for url in [
        format!("http://{host}/ok"),
        format!("http://localhost:{port}/ok"),
        format!("http://[::1]:{port}/ok"),
        "http://169.254.169.254/latest/meta-data/".to_string(),
        "ftp://example.com/".to_string(),
        "file:///etc/passwd".to_string(),
    ] {
        match guarded.get(&url).await {
            Err(OutboundError::Refused(_)) => {}
            other => panic!("{url}: expected a refusal, got {other:?}"),
        }
    }
    let open = client(true);
    let r = open
        .get(&format!("http://localhost:{port}/ok"))
        .await
        .expect("allowed");
    assert_eq!((r.status, r.body.as_slice()), (200, &b"hello"[..]));
    let r = open
        .get(&format!("http://{host}/to-ok"))
        .await
        .expect("redirect");
    assert!(r.final_url.ends_with("/ok"));
}

#[tokio::test]
async fn redirects_size_time_and_per_host_rate_are_bounded() {
    let host = server().await;
    let open = client(true);
    assert!(
        matches!(open.get(&format!("http://{host}/loop")).await, Err(OutboundError::Http(m)) if m.contains("redirect"))
    );
    assert!(matches!(
        open.get(&format!("http://{host}/big")).await,
        Err(OutboundError::TooLarge(_))
    ));
    assert!(matches!(
        open.get(&format!("http://{host}/slow")).await,
        Err(OutboundError::Timeout(_))
    ));
    let mut limited = false;
    for _ in 0..10 {
        if let Err(OutboundError::RateLimited(h)) = open.get(&format!("http://{host}/ok")).await {
            assert_eq!(h, "127.0.0.1");
            limited = true;
            break;
        }
    }
    assert!(limited, "the ninth request within a minute is refused");
}

#[test]
fn public_and_private_addresses() {
    for ip in ["8.8.8.8", "2606:4700::1111", "133.242.0.1"] {
        assert!(is_public(ip.parse().expect("ip")), "{ip}");
    }
    for ip in [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "224.0.0.1",
        "255.255.255.255",
        "::1",
        "fe80::1",
        "fc00::1",
        "::ffff:127.0.0.1",
        "64:ff9b::7f00:1",
        "2001:db8::1",
    ] {
        assert!(!is_public(ip.parse().expect("ip")), "{ip}");
    }
}
