//! Independent checkers run against tsuzuri's output: the Nu HTML checker, jing with the
//! RFC 4287 schema, and Python feedparser. A missing tool skips the check with a printed
//! reason, except under `CI=true` or `TSUZURI_REQUIRE_TOOLS=1`, where it fails.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

fn required() -> bool {
    let set = |name: &str| std::env::var(name).is_ok_and(|v| v == "1" || v == "true");
    set("TSUZURI_REQUIRE_TOOLS") || set("CI")
}

/// Returns false (after printing why) when the check cannot run here.
fn available(tool: &str, ok: bool) -> bool {
    if !ok {
        assert!(
            !required(),
            "{tool} is required (CI or TSUZURI_REQUIRE_TOOLS) but missing"
        );
        eprintln!("skipping the {tool} check: not installed");
    }
    ok
}

fn workspace_file(rel: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join(rel)
}

fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

/// Asserts that every page has zero errors in the Nu HTML checker (one Java run for all).
pub fn assert_valid_html(pages: &[(&str, String)]) {
    let jar = std::env::var_os("VNU_JAR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_file("tools/node_modules/vnu-jar/build/dist/vnu.jar"));
    if !available("vnu.jar (cd tools && npm install)", jar.exists()) {
        return;
    }
    let dir = temp_dir();
    let files: Vec<PathBuf> = pages
        .iter()
        .map(|(name, html)| {
            let p = dir.path().join(format!("{name}.html"));
            std::fs::write(&p, html).expect("write page");
            p
        })
        .collect();
    let out = Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .args(["--errors-only", "--format", "gnu"])
        .args(&files)
        .output()
        .expect("run java");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.status.success() && report.trim().is_empty(),
        "Nu HTML checker errors:\n{report}"
    );
}

/// Asserts that an Atom document validates against RFC 4287's RELAX NG schema with jing.
pub fn assert_valid_atom(xml: &str) {
    let schema = workspace_file("../shared/corpus/schemas/atom-rfc4287.rnc");
    assert!(schema.exists(), "{} is missing", schema.display());
    let has_jing = Command::new("jing")
        .arg("-h")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok();
    if !available("jing", has_jing) {
        return;
    }
    let dir = temp_dir();
    let file = dir.path().join("feed.xml");
    std::fs::write(&file, xml).expect("write feed");
    let out = Command::new("jing")
        .arg("-c")
        .arg(&schema)
        .arg(&file)
        .output()
        .expect("run jing");
    assert!(
        out.status.success(),
        "jing: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Parses a feed with Python feedparser; asserts it is well-formed (no bozo) and returns the
/// entry titles in document order.
pub fn feedparser_titles(xml: &str) -> Option<Vec<String>> {
    let has = Command::new("python3")
        .args(["-c", "import feedparser"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !available("python3 feedparser", has) {
        return None;
    }
    let script = "import feedparser, sys, json\n\
                  d = feedparser.parse(sys.stdin.buffer.read())\n\
                  print(json.dumps({'bozo': bool(d.bozo), 'why': str(d.get('bozo_exception', '')), \
                  'titles': [e.get('title', '') for e in d.entries]}))";
    let mut child = Command::new("python3")
        .args(["-c", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(xml.as_bytes())
        .expect("write");
    let out = child.wait_with_output().expect("feedparser");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("feedparser output");
    assert_eq!(v["bozo"], false, "feedparser: {}", v["why"]);
    Some(
        v["titles"]
            .as_array()
            .expect("titles")
            .iter()
            .map(|t| t.as_str().unwrap_or("").to_string())
            .collect(),
    )
}
