//! The `tsuzuri` binary as a user runs it: commands, exit codes, messages, and `serve`.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Output, Stdio};

fn tsuzuri(data: &std::path::Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_tsuzuri"));
    c.arg("--data")
        .arg(data)
        .env_remove("TSUZURI_DATABASE_URL")
        .env("RUST_LOG", "warn");
    c
}

fn run(mut c: Command, stdin: &str) -> Output {
    let mut child = c
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("wait")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn corpus(name: &str) -> String {
    format!(
        "{}/../../../shared/corpus/mt/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// user add → blog create → import → export, on the database the command line names.
fn full_flow(cmd: impl Fn() -> Command, dir: &std::path::Path) {
    let mut c = cmd();
    c.args([
        "user",
        "add",
        "alice",
        "--email",
        "alice@example.com",
        "--password-stdin",
        "--admin",
    ]);
    let out = run(c, "a long password\n");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("created user alice"));

    let mut c = cmd();
    c.args([
        "blog", "create", "diary", "--owner", "alice", "--title", "日記",
    ]);
    let out = run(c, "");
    assert!(out.status.success(), "{}", text(&out.stderr));

    let mut c = cmd();
    c.args(["import", "--blog", "diary", "--format", "mt"])
        .arg(corpus("aereal-mt-ok-ja.txt"));
    let out = run(c, "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("imported 2 entries, 3 comments"),
        "{}",
        text(&out.stdout)
    );
    assert!(
        text(&out.stderr).contains("filename_1"),
        "renamed basename is reported"
    );

    let export = dir.join("export.txt");
    let mut c = cmd();
    c.args(["export", "--blog", "diary", "--format", "mt", "--output"])
        .arg(&export);
    let out = run(c, "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let written = std::fs::read_to_string(&export).expect("export file");
    assert!(written.contains("TITLE: A dummy title") && written.ends_with("--------\n"));

    let mut c = cmd();
    c.args([
        "export", "--blog", "diary", "--format", "mt", "--output", "-",
    ]);
    let out = run(c, "");
    assert_eq!(
        text(&out.stdout),
        written,
        "stdout export equals file export"
    );
}

#[test]
fn the_readme_flow_works_on_sqlite() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("data");
    full_flow(|| tsuzuri(&data), dir.path());
    assert!(data.join("tsuzuri.sqlite3").exists());
}

#[test]
fn the_readme_flow_works_on_postgres() {
    let rt = tokio::runtime::Runtime::new().expect("rt");
    let Some(db) = rt.block_on(tsuzuri_test_support::TestDb::postgres()) else {
        return;
    };
    let dir = tempfile::tempdir().expect("dir");
    let url = db.url.clone();
    full_flow(
        || {
            let mut c = tsuzuri(&dir.path().join("unused"));
            c.arg("--database").arg(&url);
            c
        },
        dir.path(),
    );
    assert!(
        !dir.path().join("unused").exists(),
        "no SQLite data dir when PostgreSQL is named"
    );
    rt.block_on(async { drop(db) });
}

#[test]
fn a_bad_import_exits_2_and_names_file_and_lines() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("data");
    let mut c = tsuzuri(&data);
    c.args([
        "user",
        "add",
        "bob",
        "--email",
        "bob@example.com",
        "--password-stdin",
    ]);
    assert!(run(c, "another long password").status.success());
    let mut c = tsuzuri(&data);
    c.args([
        "blog",
        "create",
        "b",
        "--owner",
        "bob",
        "--title",
        "B",
        "--lang",
        "en",
        "--timezone",
        "UTC",
    ]);
    assert!(run(c, "").status.success());

    let file = dir.path().join("bad.txt");
    std::fs::write(
        &file,
        "TITLE: a\nDATE: 13/45/2006 99:00:00\n-----\nBODY:\nx\n-----\n--------\n",
    )
    .expect("write");
    let mut c = tsuzuri(&data);
    c.args(["import", "--blog", "b", "--format", "mt"])
        .arg(&file);
    let out = run(c, "");
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains(&format!("{}:2:", file.display())), "{err}");
    assert!(err.contains("nothing was imported"), "{err}");

    let mut c = tsuzuri(&data);
    c.args(["export", "--blog", "b", "--format", "mt", "--output", "-"]);
    assert_eq!(text(&run(c, "").stdout), "", "the blog is still empty");

    let mut c = tsuzuri(&data);
    c.args(["import", "--blog", "nope", "--format", "mt"])
        .arg(&file);
    let out = run(c, "");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("There is no blog named “nope”"));
}

#[test]
fn wrong_database_urls_are_refused_without_creating_anything() {
    let dir = tempfile::tempdir().expect("dir");
    let mut c = tsuzuri(&dir.path().join("data"));
    c.args(["--database", "mysql://root@localhost/x", "migrate"]);
    let out = run(c, "");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("unsupported database URL"),
        "{}",
        text(&out.stderr)
    );

    let typo = dir.path().join("tsuzri.sqlite3");
    let mut c = tsuzuri(&dir.path().join("data"));
    c.arg("--database")
        .arg(format!("sqlite://{}", typo.display()))
        .arg("migrate");
    let out = run(c, "");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("does not exist"));
    assert!(!typo.exists());
    assert!(!dir.path().join("data").exists());
}

#[test]
fn invalid_input_gets_a_clear_message() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("data");
    let mut c = tsuzuri(&data);
    c.args([
        "user",
        "add",
        "carol",
        "--email",
        "not-an-address",
        "--password-stdin",
    ]);
    let out = run(c, "long enough password");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("not an e-mail address"));

    let mut c = tsuzuri(&data);
    c.args([
        "user",
        "add",
        "carol",
        "--email",
        "c@example.com",
        "--password-stdin",
    ]);
    let out = run(c, "short");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("at least 8 characters"));

    let mut c = tsuzuri(&data);
    c.args(["blog", "create", "x", "--owner", "nobody", "--title", "X"]);
    let out = run(c, "");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("There is no user with the login “nobody”"));
}

#[test]
fn serve_on_an_empty_data_dir_says_what_to_do_and_serves() {
    let dir = tempfile::tempdir().expect("dir");
    let mut c = tsuzuri(&dir.path().join("data"));
    c.args(["serve", "--listen", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    let mut child = c.spawn().expect("spawn serve");
    let mut out = BufReader::new(child.stdout.take().expect("stdout"));
    let mut printed = String::new();
    for _ in 0..8 {
        out.read_line(&mut printed).expect("read");
    }
    let after = |label: &str| {
        printed
            .lines()
            .find_map(|l| l.trim().strip_prefix(label))
            .unwrap_or_else(|| panic!("no {label:?} line in {printed}"))
            .trim()
            .to_string()
    };
    // Both origins, on one port: blogs on 127.0.0.1, the admin on localhost.
    let blogs = after("blogs:");
    let admin = after("admin:");
    assert!(blogs.starts_with("http://127.0.0.1:"), "{printed}");
    let port = blogs
        .trim_end_matches('/')
        .rsplit(':')
        .next()
        .expect("port");
    assert_eq!(
        admin,
        format!("http://localhost:{port}/admin/"),
        "{printed}"
    );
    let setup = printed
        .split_whitespace()
        .find(|w| w.contains("/admin/setup?token="))
        .expect("setup link printed")
        .to_string();
    assert!(
        setup.starts_with(&format!("http://localhost:{port}/")),
        "{setup}"
    );
    assert!(printed.contains("tsuzuri user add"), "{printed}");
    let rt = tokio::runtime::Runtime::new().expect("rt");
    let (front, setup_page) = rt.block_on(async {
        let addr: std::net::SocketAddr = format!("127.0.0.1:{port}").parse().expect("addr");
        let client = reqwest::Client::builder()
            .resolve("localhost", addr)
            .build()
            .expect("client");
        let get = |u: String| {
            let req = client.get(u);
            async move { req.send().await.expect("GET").text().await.expect("body") }
        };
        (get(blogs.clone()).await, get(setup.clone()).await)
    });
    let _ = child.kill();
    let _ = child.wait();
    assert!(front.contains("tsuzuri blog create"), "{front}");
    // A browser that names no language reads the new host's default, Japanese.
    assert!(setup_page.contains("最初の管理者を作成"), "{setup_page}");
    assert!(front.contains("<html lang=\"ja\""), "{front}");
}

#[test]
fn serve_refuses_an_admin_that_would_share_cookies_with_blogs() {
    let dir = tempfile::tempdir().expect("dir");
    let cases: [(&[&str], &str); 3] = [
        (
            &["--public-url", "https://blogs.example"],
            "--public-url and --admin-url go together",
        ),
        (
            &[
                "--public-url",
                "https://example.com",
                "--admin-url",
                "https://example.com:8443",
            ],
            "different host names",
        ),
        (
            &[
                "--public-url",
                "https://blogs.example",
                "--admin-url",
                "https://admin.example",
                "--blog-url-pattern",
                "https://blogs.example/{blog}",
            ],
            "--blog-url-pattern",
        ),
    ];
    for (flags, message) in cases {
        let mut c = tsuzuri(&dir.path().join("data"));
        c.args(["serve", "--listen", "127.0.0.1:0"]).args(flags);
        let out = run(c, "");
        assert_eq!(out.status.code(), Some(2), "{flags:?}");
        assert!(
            text(&out.stderr).contains(message),
            "{flags:?}: {}",
            text(&out.stderr)
        );
    }
}

#[test]
fn reset_password_sets_a_new_one() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("data");
    let mut c = tsuzuri(&data);
    c.args([
        "user",
        "add",
        "dana",
        "--email",
        "dana@example.com",
        "--password-stdin",
    ]);
    assert!(run(c, "first password").status.success());
    let mut c = tsuzuri(&data);
    c.args(["user", "reset-password", "dana", "--password-stdin"]);
    let out = run(c, "second password\n");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("new password set for dana"));
    let rt = tokio::runtime::Runtime::new().expect("rt");
    rt.block_on(async {
        let url = format!("sqlite://{}", data.join("tsuzuri.sqlite3").display());
        let store = tsuzuri_store::Store::open(
            &tsuzuri_store::DatabaseUrl::parse(&url).expect("url"),
            &Default::default(),
        )
        .await
        .expect("open");
        let app =
            tsuzuri_app::App::new(store, tsuzuri_app::media::MediaStore::memory()).expect("app");
        assert!(
            app.sign_in("dana", "second password", "127.0.0.1", None)
                .await
                .is_ok()
        );
        assert!(
            app.sign_in("dana", "first password", "127.0.0.1", None)
                .await
                .is_err()
        );
    });
    let mut c = tsuzuri(&data);
    c.args(["user", "reset-password", "nobody", "--password-stdin"]);
    let out = run(c, "whatever password");
    assert_eq!(out.status.code(), Some(2));
}
