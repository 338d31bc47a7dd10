//! Interoperability with independent IndieWeb software, on both backends: Python's
//! `ronkyuu` discovers tsuzuri's Webmention endpoint and sends a reply, and `mf2py` reads
//! the entry page afterwards and must find the reply marked up as an `h-cite` comment of
//! the entry's `h-entry`, with its author. Needs `python3 -m pip install mf2py ronkyuu`
//! (`.ci/run` installs them); without them the test says so and fails under CI.

use axum::Router;
use axum::response::Html;
use axum::routing::get;
use std::process::Command;
use std::time::{Duration, Instant};
use tsuzuri_test_support::servers;

fn python_has(modules: &str) -> bool {
    Command::new("python3")
        .args(["-c", &format!("import {modules}")])
        .status()
        .is_ok_and(|s| s.success())
}

#[tokio::test]
async fn ronkyuu_sends_a_reply_and_mf2py_reads_it_back() {
    if !python_has("mf2py, ronkyuu") {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have mf2py and ronkyuu installed"
        );
        eprintln!("skipped: python3 modules mf2py and ronkyuu are not installed");
        return;
    }
    for s in servers().await {
        s.blog("diary", "ja", "Asia/Tokyo").await;
        s.import(
            "diary",
            "TITLE: 紫陽花\nBASENAME: ajisai\nSTATUS: Publish\nALLOW PINGS: 1\nDATE: 06/15/2026 14:52:00\n-----\nBODY:\n青かった。\n-----\n--------\n",
        )
        .await;
        let target = s.url("/diary/2026/06/ajisai.html");
        let reply = format!(
            "<!doctype html><html><head><meta charset=\"utf-8\"><title>Re: 紫陽花</title></head><body><article class=\"h-entry\"><a class=\"u-in-reply-to\" href=\"{target}\">紫陽花</a><p class=\"p-author h-card\">花子</p><div class=\"e-content p-name\">鎌倉の紫陽花、いい色ですね。</div></article></body></html>"
        );
        let app = Router::new().route("/reply", get(move || async move { Html(reply) }));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let source = format!("http://{}/reply", listener.local_addr().expect("addr"));
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });

        let (src, tgt) = (source.clone(), target.clone());
        let sent = tokio::task::spawn_blocking(move || {
            Command::new("python3")
                .args([
                    "-c",
                    "import sys, ronkyuu\nr = ronkyuu.sendWebmention(sys.argv[1], sys.argv[2], test_urls=False, timeout=10)\nprint(r.status_code if r is not None else 'no endpoint found')",
                    &src,
                    &tgt,
                ])
                .output()
                .expect("python3")
        })
        .await
        .expect("join");
        let said = String::from_utf8_lossy(&sent.stdout).trim().to_owned();
        assert_eq!(
            said,
            "202",
            "ronkyuu: {said} {}",
            String::from_utf8_lossy(&sent.stderr)
        );

        let started = Instant::now();
        let page = loop {
            let page = s.get_ok("/diary/2026/06/ajisai.html").await;
            if page.contains("鎌倉の紫陽花、いい色ですね。") {
                break page;
            }
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "the reply never showed"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        };

        let url = target.clone();
        let parsed = tokio::task::spawn_blocking(move || {
            let mut child = Command::new("python3")
                .args([
                    "-c",
                    "import sys, json, mf2py\nd = mf2py.parse(doc=sys.stdin.read(), url=sys.argv[1])\nentries = [i for i in d['items'] if 'h-entry' in i['type']]\ncomments = entries[0]['properties'].get('comment', []) if entries else []\nfor c in comments:\n    print(json.dumps({'type': c['type'], 'url': c['properties'].get('url'), 'author': c['properties'].get('author')}, ensure_ascii=False))",
                    &url,
                ])
                .stdin(std::process::Stdio::piped())
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("python3");
            use std::io::Write;
            child
                .stdin
                .take()
                .expect("stdin")
                .write_all(page.as_bytes())
                .expect("write");
            child.wait_with_output().expect("mf2py")
        })
        .await
        .expect("join");
        let out = String::from_utf8_lossy(&parsed.stdout);
        assert!(
            parsed.status.success(),
            "{}",
            String::from_utf8_lossy(&parsed.stderr)
        );
        let reply_line = out
            .lines()
            .find(|l| l.contains(&source))
            .unwrap_or_else(|| panic!("mf2py found no comment from the source: {out}"));
        assert!(reply_line.contains("h-cite"), "{reply_line}");
        assert!(
            reply_line.contains("花子"),
            "the reply's author: {reply_line}"
        );
    }
}
