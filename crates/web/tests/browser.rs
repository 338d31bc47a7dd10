//! End-to-end tests in a real browser: headless Debian Chromium driven through chromedriver
//! (WebDriver, via fantoccini) does what a new user does — set up the host, sign in, write a
//! Japanese entry, publish, read it, edit it — and the tests assert on what the browser shows.
//!
//! chromedriver types CJK text as characters, which is why this goes through WebDriver. When
//! `chromium` or `chromedriver` is missing the tests print why and pass, except under `CI=true`
//! or `TSUZURI_REQUIRE_TOOLS=1`, where a missing browser fails them (`.ci/run` installs it).

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use tsuzuri_test_support::{TestDb, TestServer};

/// No single test may take longer than this, browser start included.
const TEST_BUDGET: Duration = Duration::from_secs(60);
/// How long to wait for one page or element to appear.
const STEP: Duration = Duration::from_secs(10);

fn required() -> bool {
    let set = |name: &str| std::env::var(name).is_ok_and(|v| v == "1" || v == "true");
    set("CI") || set("TSUZURI_REQUIRE_TOOLS")
}

fn in_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// Chromium and chromedriver, or `None` with a printed reason (a panic where required).
fn browser_tools() -> Option<(PathBuf, PathBuf)> {
    match (in_path("chromium"), in_path("chromedriver")) {
        (Some(chromium), Some(driver)) => Some((chromium, driver)),
        (chromium, driver) => {
            let missing: Vec<&str> = [("chromium", chromium), ("chromedriver", driver)]
                .into_iter()
                .filter(|(_, p)| p.is_none())
                .map(|(n, _)| n)
                .collect();
            let why = format!(
                "{} not installed (Debian: apt-get install chromium chromium-driver fonts-ipafont-gothic)",
                missing.join(" and ")
            );
            if required() {
                panic!("browser tests are required (CI / TSUZURI_REQUIRE_TOOLS) but {why}");
            }
            eprintln!("skipping browser test: {why}");
            None
        }
    }
}

/// A running chromedriver (in its own process group, with the Chromium it starts) and a
/// fresh browser profile. Dropping it ends the session and kills both, pass or panic.
struct Driver {
    child: Child,
    port: u16,
    session: Option<String>,
    _profile: tempfile::TempDir,
}

impl Driver {
    /// Asks chromedriver to end the session (Chromium quits), without async: Drop can't await.
    fn delete_session(&self, id: &str) {
        use std::io::{Read, Write};
        let addr = std::net::SocketAddr::from(([127, 0, 0, 1], self.port));
        let Ok(mut stream) = std::net::TcpStream::connect_timeout(&addr, Duration::from_secs(1))
        else {
            return;
        };
        let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
        let request = format!(
            "DELETE /session/{id} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            self.port
        );
        if stream.write_all(request.as_bytes()).is_ok() {
            let mut sink = Vec::new();
            let _ = stream.read_to_end(&mut sink);
        }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        if let Some(id) = self.session.take() {
            self.delete_session(&id);
        }
        // The whole group: chromedriver and any Chromium process a failed quit left behind.
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", self.child.id())])
            .stderr(Stdio::null())
            .status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Browser {
    client: Client,
    // Declared after `client`: the session is deleted before the driver goes.
    _driver: Driver,
}

impl Browser {
    /// Starts chromedriver on a free loopback port and opens a headless Chromium session
    /// whose user reads English.
    async fn start(chromium: &PathBuf, chromedriver: &PathBuf) -> Browser {
        Browser::start_in(chromium, chromedriver, "en-US").await
    }

    /// The same, for a user whose browser asks for `lang` (`ja`) first.
    async fn start_in(chromium: &PathBuf, chromedriver: &PathBuf, lang: &str) -> Browser {
        use std::os::unix::process::CommandExt;
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("free port")
            .port();
        let profile = tempfile::tempdir().expect("profile dir");
        let child = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .expect("start chromedriver");
        let mut driver = Driver {
            child,
            port,
            session: None,
            _profile: profile,
        };
        let webdriver = format!("http://127.0.0.1:{port}");
        let http = reqwest::Client::new();
        let started = Instant::now();
        loop {
            if let Ok(res) = http.get(format!("{webdriver}/status")).send().await
                && res.status() == 200
            {
                break;
            }
            if let Ok(Some(status)) = driver.child.try_wait() {
                panic!("chromedriver exited at start: {status}");
            }
            assert!(
                started.elapsed() < STEP,
                "chromedriver did not answer on {webdriver}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }

        let caps = serde_json::json!({
            "browserName": "chrome",
            "pageLoadStrategy": "normal",
            "timeouts": { "pageLoad": 15_000, "script": 5_000, "implicit": 0 },
            "goog:chromeOptions": {
                "binary": chromium,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--window-size=1280,1400",
                    format!("--user-data-dir={}", driver._profile.path().display()),
                    format!("--lang={lang}"),
                ],
                "prefs": { "intl.accept_languages": lang },
            },
        });
        let serde_json::Value::Object(caps) = caps else {
            unreachable!()
        };
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let client = ClientBuilder::new(connector)
            .capabilities(caps)
            .connect(&webdriver)
            .await
            .expect("open a Chromium session through chromedriver");
        driver.session = client.session_id().await.expect("session id");
        Browser {
            client,
            _driver: driver,
        }
    }

    async fn goto(&self, url: &str) {
        self.client
            .goto(url)
            .await
            .unwrap_or_else(|e| panic!("open {url}: {e}"));
    }

    /// The element, once it is on the page.
    async fn find(&self, css: &str) -> fantoccini::elements::Element {
        match self
            .client
            .wait()
            .at_most(STEP)
            .for_element(Locator::Css(css))
            .await
        {
            Ok(element) => element,
            Err(e) => panic!("no {css} on {}: {e}", self.url().await),
        }
    }

    async fn text(&self, css: &str) -> String {
        self.find(css).await.text().await.expect("text")
    }

    async fn value(&self, css: &str) -> String {
        self.find(css)
            .await
            .prop("value")
            .await
            .expect("value")
            .unwrap_or_default()
    }

    async fn type_into(&self, css: &str, text: &str) {
        self.find(css)
            .await
            .send_keys(text)
            .await
            .unwrap_or_else(|e| panic!("type into {css}: {e}"));
    }

    async fn click(&self, css: &str) {
        self.find(css)
            .await
            .click()
            .await
            .unwrap_or_else(|e| panic!("click {css}: {e}"));
    }

    async fn click_link(&self, text: &str) {
        self.client
            .wait()
            .at_most(STEP)
            .for_element(Locator::LinkText(text))
            .await
            .unwrap_or_else(|e| panic!("no link {text:?}: {e}"))
            .click()
            .await
            .expect("click link");
    }

    /// The natural width of a picture once the browser has loaded it (0 if it is broken).
    async fn picture_width(&self, css: &str) -> u64 {
        self.find(css).await;
        let started = Instant::now();
        loop {
            let r = self
                .client
                .execute(
                    "const i = document.querySelector(arguments[0]); return i.complete ? i.naturalWidth : -1;",
                    vec![serde_json::json!(css)],
                )
                .await
                .expect("script");
            if let Some(w) = r.as_u64() {
                return w;
            }
            assert!(started.elapsed() < STEP, "{css} never finished loading");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    async fn url(&self) -> url::Url {
        self.client.current_url().await.expect("current url")
    }

    /// Waits until the address bar satisfies `ok` (after a form submit or a click).
    async fn wait_for_url(&self, what: &str, ok: impl Fn(&url::Url) -> bool) -> url::Url {
        let started = Instant::now();
        loop {
            let url = self.url().await;
            if ok(&url) {
                return url;
            }
            assert!(
                started.elapsed() < STEP,
                "the browser never reached {what}; it is at {url}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

/// Runs a browser test body within the time budget.
async fn bounded(test: impl std::future::Future<Output = ()>) {
    tokio::time::timeout(TEST_BUDGET, test)
        .await
        .expect("the browser test ran out of time");
}

/// The editor's submit button (the header's "Sign out" is another form's button).
const SAVE: &str = "form.entry-form button[type=submit]";
const TITLE: &str = "紫陽花を見に行った";
const BODY: &str = "今日は**紫陽花**を見に行きました。\n\n| 場所 | 色 |\n|---|---|\n| 鎌倉 | 青 |";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn setup_sign_in_write_japanese_publish_and_read() {
    let Some((chromium, chromedriver)) = browser_tools() else {
        return;
    };
    bounded(async {
        let s = TestServer::start(TestDb::sqlite().await).await;
        let token = s
            .app
            .create_setup_token()
            .await
            .expect("token")
            .expect("an empty host hands out a setup link");
        // A new user whose browser asks for Japanese: the admin speaks it throughout.
        let b = Browser::start_in(&chromium, &chromedriver, "ja").await;

        // The setup link: the first administrator, signed in right away.
        b.goto(&s.url(&format!("/admin/setup?token={token}"))).await;
        assert_eq!(b.text("h1").await, "最初の管理者を作成");
        assert_eq!(
            b.find("html").await.attr("lang").await.expect("lang"),
            Some("ja".into())
        );
        b.type_into("#login", "hana").await;
        b.type_into("#email", "hana@example.com").await;
        b.type_into("#password", "long enough pw").await;
        b.click("main form button[type=submit]").await;
        b.wait_for_url("the dashboard", |u| u.path() == "/admin/")
            .await;
        assert_eq!(b.text("header .who").await, "hana (ホスト管理者)");
        assert!(
            b.text("main").await.contains("まだブログがありません。"),
            "a new host has no blog"
        );

        // No blog form in the UI yet: the blog comes from the app, as `tsuzuri blog create`.
        s.app
            .create_blog(tsuzuri_app::blogs::CreateBlog {
                slug: "nikki".into(),
                owner_login: "hana".into(),
                title: "日記".into(),
                description: String::new(),
                lang: "ja".into(),
                timezone: "Asia/Tokyo".into(),
            })
            .await
            .expect("create blog");
        b.client.refresh().await.expect("reload");
        b.click_link("日記").await;
        b.wait_for_url("the blog's admin page", |u| u.path() == "/admin/nikki/")
            .await;
        b.click_link("新しい記事を書く").await;
        b.wait_for_url("the editor", |u| u.path() == "/admin/nikki/entries/new")
            .await;

        // Japanese typed as characters, a Markdown table across lines.
        b.type_into("#title", TITLE).await;
        b.type_into("#body", BODY).await;
        assert_eq!(b.value("#title").await, TITLE);
        assert_eq!(
            b.value("#body").await,
            BODY,
            "the textarea holds every line"
        );
        // A picture: uploaded from the editor's panel and inserted at the cursor.
        let dir = tempfile::tempdir().expect("tempdir");
        let picture = dir.path().join("ajisai.png");
        image::DynamicImage::ImageRgb8(image::RgbImage::from_fn(1600, 900, |x, _| {
            image::Rgb([40, 60, (x % 200) as u8 + 55])
        }))
        .save(&picture)
        .expect("write picture");
        b.click("#media-panel summary").await;
        b.find("#media-file")
            .await
            .send_keys(&picture.display().to_string())
            .await
            .expect("choose the file");
        b.type_into("#media-alt", "青い紫陽花").await;
        b.click("#media-upload").await;
        let started = Instant::now();
        while b.text("#media-status").await != "アップロードして挿入しました。" {
            assert!(
                started.elapsed() < STEP,
                "upload: {}",
                b.text("#media-status").await
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let body = b.value("#body").await;
        assert!(
            body.starts_with(BODY) && body.contains("\n\n[![青い紫陽花](/media/nikki/"),
            "the Markdown for the picture follows the text: {body}"
        );

        // Preview opens in a new tab, with the picture loaded from the media store.
        let editor_window = b.client.window().await.expect("window");
        b.click("form.entry-form button[formaction$='/entries/preview']")
            .await;
        let started = Instant::now();
        let preview_window = loop {
            let windows = b.client.windows().await.expect("windows");
            if let Some(w) = windows.into_iter().find(|w| *w != editor_window) {
                break w;
            }
            assert!(started.elapsed() < STEP, "the preview tab never opened");
            tokio::time::sleep(Duration::from_millis(50)).await;
        };
        b.client
            .switch_to_window(preview_window)
            .await
            .expect("switch to the preview");
        assert_eq!(b.text("h1.entry-title").await, TITLE);
        assert_eq!(b.picture_width(".entry-body img").await, 1024);
        b.client.close_window().await.expect("close the preview");
        b.client
            .switch_to_window(editor_window)
            .await
            .expect("back to the editor");

        b.find("#status")
            .await
            .select_by_value("publish")
            .await
            .expect("choose Published");
        // A datetime-local field's segments depend on the browser's locale; set its value.
        b.client
            .execute(
                "document.getElementById('date').value = arguments[0];",
                vec![serde_json::json!("2006-06-15T14:52")],
            )
            .await
            .expect("set the date");
        assert_eq!(b.value("#date").await, "2006-06-15T14:52");

        let png = b.client.screenshot().await.expect("screenshot");
        assert!(png.starts_with(b"\x89PNG"), "a PNG screenshot");
        let shot = std::env::temp_dir().join("editor.png");
        std::fs::write(&shot, &png).expect("write screenshot");
        eprintln!("editor screenshot: {}", shot.display());

        b.click(SAVE).await;
        let edit = b
            .wait_for_url("the saved entry's edit page", |u| {
                u.path().ends_with("/edit") && u.query() == Some("saved=1")
            })
            .await;
        assert_eq!(b.text("main .notice").await, "保存しました。");
        assert_eq!(b.value("#title").await, TITLE, "the form comes back filled");
        let link = b.find(".notice-link a").await;
        let public = link.prop("href").await.expect("href").expect("a link");
        assert!(
            public.starts_with(&s.url("/nikki/2006/06/")) && public.ends_with(".html"),
            "{public}"
        );
        let shown = link.text().await.expect("text");
        assert_eq!(public, shown, "the blog origin's address, in full");

        // What readers see.
        link.click().await.expect("follow the public link");
        b.wait_for_url("the public entry", |u| u.as_str() == public)
            .await;
        assert_eq!(b.text("h1.entry-title").await, TITLE);
        assert_eq!(b.text(".entry-body strong").await, "紫陽花");
        let cells: Vec<String> = {
            let mut v = Vec::new();
            for td in b
                .client
                .find_all(Locator::Css(".entry-body table td"))
                .await
                .expect("cells")
            {
                v.push(td.text().await.expect("cell"));
            }
            v
        };
        assert_eq!(cells, ["鎌倉", "青"], "the Markdown table became a table");
        assert_eq!(
            b.picture_width(".entry-body a img").await,
            1024,
            "the medium copy"
        );
        assert_eq!(
            b.find(".entry-body a img")
                .await
                .attr("alt")
                .await
                .expect("alt"),
            Some("青い紫陽花".to_string())
        );
        assert_eq!(
            b.text("time.dt-published").await,
            "2006年6月15日 (木) 14時52分"
        );
        assert!(b.client.title().await.expect("title").starts_with(TITLE));

        // Edit: back through the admin, change the title, save, reload the public page.
        b.goto(&s.url("/admin/nikki/")).await;
        b.click_link(TITLE).await;
        b.wait_for_url("the edit page", |u| {
            u.path() == edit.path() && u.query().is_none()
        })
        .await;
        let title = b.find("#title").await;
        title.clear().await.expect("clear the title");
        title.send_keys("紫陽花と雨").await.expect("type");
        b.click(SAVE).await;
        b.wait_for_url("the saved edit page", |u| u.query() == Some("saved=1"))
            .await;
        assert_eq!(b.text("main .notice").await, "保存しました。");
        b.goto(&public).await;
        assert_eq!(b.text("h1.entry-title").await, "紫陽花と雨");
        assert!(
            !b.text("main").await.contains(TITLE),
            "the old title is gone"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn validation_errors_keep_the_typed_text() {
    let Some((chromium, chromedriver)) = browser_tools() else {
        return;
    };
    bounded(async {
        let s = TestServer::start(TestDb::sqlite().await).await;
        s.blog("diary", "ja", "Asia/Tokyo").await;
        let b = Browser::start(&chromium, &chromedriver).await;

        // Straight to the editor: sign-in first, then back where we were going.
        b.goto(&s.url("/admin/diary/entries/new")).await;
        b.wait_for_url("the sign-in page", |u| u.path() == "/admin/sign-in")
            .await;
        b.type_into("#login", "owner").await;
        b.type_into("#password", "correct horse battery").await;
        b.click("main form button[type=submit]").await;
        b.wait_for_url("the editor", |u| u.path() == "/admin/diary/entries/new")
            .await;

        let body = "長い本文をここに書いた。\n二行目も消えないこと。";
        b.type_into("#body", body).await;
        b.click(SAVE).await;
        let error = b.text("#title-error").await;
        assert_eq!(error, "Give the entry a title.");
        let title = b.find("#title").await;
        assert_eq!(
            title.attr("aria-invalid").await.expect("attr").as_deref(),
            Some("true")
        );
        assert_eq!(
            title
                .attr("aria-describedby")
                .await
                .expect("attr")
                .as_deref(),
            Some("title-error")
        );
        assert!(
            b.text("[role=alert]").await.contains(&error),
            "the summary lists the error"
        );
        assert_eq!(b.value("#body").await, body, "the typed text is kept");
        assert_eq!(b.value("#title").await, "");
        assert_eq!(b.url().await.path(), "/admin/diary/entries/new");
        assert_eq!(
            s.app.export_mt("diary").await.expect("export"),
            "",
            "nothing was saved"
        );

        // The admin's IME guard: an Enter that confirms a conversion is swallowed, an
        // ordinary Enter is not (so forms still submit from the keyboard).
        let prevented = |composing: bool| {
            let script = "var e = new KeyboardEvent('keydown', {key: 'Enter', isComposing: arguments[0], \
                          bubbles: true, cancelable: true}); \
                          document.getElementById('title').dispatchEvent(e); return e.defaultPrevented;";
            let client = b.client.clone();
            async move {
                client
                    .execute(script, vec![serde_json::json!(composing)])
                    .await
                    .expect("dispatch keydown")
            }
        };
        assert_eq!(prevented(true).await, serde_json::json!(true), "Enter while composing");
        assert_eq!(prevented(false).await, serde_json::json!(false), "plain Enter");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn schedule_then_publish_and_restore_a_revision() {
    let Some((chromium, chromedriver)) = browser_tools() else {
        return;
    };
    bounded(async {
        let s = TestServer::start(TestDb::sqlite().await).await;
        s.blog("diary", "ja", "UTC").await;
        let b = Browser::start(&chromium, &chromedriver).await;
        b.goto(&s.url("/admin/sign-in")).await;
        b.type_into("#login", "owner").await;
        b.type_into("#password", "correct horse battery").await;
        b.click("main form button[type=submit]").await;
        b.wait_for_url("the dashboard", |u| u.path() == "/admin/").await;

        // Write an entry that publishes itself three seconds from now.
        b.goto(&s.url("/admin/diary/entries/new")).await;
        b.type_into("#title", "予約した記事").await;
        b.type_into("#body", "時間になったら公開").await;
        b.type_into("#basename", "scheduled").await;
        b.find("#status").await.select_by_value("publish").await.expect("choose Published");
        let when = jiff::Timestamp::from_second(jiff::Timestamp::now().as_second() + 3)
            .expect("time")
            .to_zoned_datetime(jiff::tz::TimeZone::UTC);
        b.client
            .execute(
                "document.getElementById('date').value = arguments[0];",
                vec![serde_json::json!(when.strftime("%Y-%m-%dT%H:%M:%S").to_string())],
            )
            .await
            .expect("set the date");
        b.click(SAVE).await;
        // The edit page without the "saved" mark, so that waiting for it after the next
        // save really waits for that save.
        let mut edit = b.wait_for_url("the saved entry", |u| u.path().ends_with("/edit")).await;
        edit.set_query(None);
        let public = format!("/diary/{}/{:02}/scheduled.html", when.year(), when.month());
        assert_eq!(s.get(&public).await.status(), 404, "not before its time");
        let started = Instant::now();
        while s.get(&public).await.status() != 200 {
            assert!(started.elapsed() < Duration::from_secs(10), "the scheduled entry never appeared");
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        b.goto(&s.url("/diary/")).await;
        assert!(b.text("main").await.contains("予約した記事"), "the top page shows it once its time came");

        // Change the title, then restore the first revision from the history.
        b.goto(edit.as_str()).await;
        b.find("#title").await.clear().await.expect("clear the title");
        b.type_into("#title", "書き直した題").await;
        b.click(SAVE).await;
        b.wait_for_url("the saved entry", |u| u.query() == Some("saved=1")).await;
        b.goto(&s.url(&public)).await;
        assert!(b.text("main").await.contains("書き直した題"));
        b.goto(edit.as_str()).await;
        b.click_link("Revisions").await;
        let links = b
            .client
            .execute(
                "return Array.from(document.querySelectorAll('a')).filter(a => a.textContent === 'Compare and restore').map(a => a.href);",
                vec![],
            )
            .await
            .expect("revision links");
        let links = links.as_array().expect("links").clone();
        assert_eq!(links.len(), 2, "one revision per save");
        let oldest = links.last().and_then(|l| l.as_str()).expect("oldest").to_string();
        b.goto(&oldest).await;
        assert!(b.text("main").await.contains("予約した記事"));
        b.click("main form button[type=submit]").await;
        b.wait_for_url("the restored entry", |u| u.query() == Some("saved=1")).await;
        assert_eq!(b.value("#title").await, "予約した記事");
        b.goto(&s.url(&public)).await;
        let main = b.text("main").await;
        assert!(main.contains("予約した記事") && !main.contains("書き直した題"), "{main}");
    })
    .await;
}

/// The host administrator, signed in, reads a blog whose owner put script into a template
/// that reaches for the admin in every way a page can. Blog pages live on another origin, so
/// the script reads nothing, changes nothing and sees no cookie.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_owners_script_cannot_act_as_a_visiting_administrator() {
    let Some((chromium, chromedriver)) = browser_tools() else {
        return;
    };
    bounded(async {
        let s = TestServer::start(TestDb::sqlite().await).await;
        s.blog("diary", "ja", "Asia/Tokyo").await;
        s.import(
            "diary",
            "TITLE: 罠のある記事\nBASENAME: trap\nSTATUS: Publish\nDATE: 06/15/2006 14:52:00\n-----\nBODY:\n本文\n-----\n--------\n",
        )
        .await;
        let admin_host = s.url("/admin/host");
        let probe = format!(
            r#"<script>
(async () => {{
  const out = [];
  const probe = async (name, url, options) => {{
    try {{
      const r = await fetch(url, options);
      const t = await r.text();
      out.push(name + ':read:' + r.status + ':' + (t.includes('name="csrf"') ? 'TOKEN' : t.length));
    }} catch (e) {{ out.push(name + ':blocked'); }}
  }};
  await probe('cross', '{admin_host}', {{ credentials: 'include' }});
  await probe('same', '/admin/host', {{ credentials: 'include' }});
  await probe('opaque', '{admin_host}', {{ credentials: 'include', mode: 'no-cors' }});
  out.push('cookie:' + document.cookie);
  const pre = document.createElement('pre');
  pre.id = 'probe';
  pre.textContent = out.join('\n');
  document.body.appendChild(pre);
}})();
</script>
<form id="forge" method="post" action="{admin_host}"><input name="action" value="policy"><input name="policy" value="open"></form>"#
        );
        let base = tsuzuri_render::builtin_theme_source("classic", "base.html")
            .expect("built-in base");
        let blog = s
            .app
            .store
            .find_blog_by_slug("diary")
            .await
            .expect("query")
            .expect("blog");
        s.app
            .store
            .save_blog_template(
                blog.blog_id(),
                "base.html",
                &base.replace("</body>", &format!("{probe}</body>")),
                tsuzuri_app::now(),
            )
            .await
            .expect("owner's template");
        s.app.content_changed();

        let b = Browser::start(&chromium, &chromedriver).await;
        b.goto(&s.url("/admin/sign-in")).await;
        b.type_into("#login", "owner").await;
        b.type_into("#password", "correct horse battery").await;
        b.click("main form button[type=submit]").await;
        b.wait_for_url("the dashboard", |u| u.path() == "/admin/")
            .await;
        assert!(
            !b.client.get_all_cookies().await.expect("cookies").is_empty(),
            "signed in on the admin origin"
        );

        b.goto(&s.url("/diary/2006/06/trap.html")).await;
        let report = b.text("#probe").await;
        eprintln!("what the owner's script got:\n{report}");
        assert!(report.contains("cross:blocked"), "{report}");
        assert!(report.contains("same:blocked"), "{report}");
        assert!(!report.contains("TOKEN"), "{report}");
        assert!(report.contains("cookie:") && report.ends_with("cookie:"), "{report}");
        assert!(
            b.client.get_all_cookies().await.expect("cookies").is_empty(),
            "no cookie on the blog origin"
        );

        // A forged form post to the admin, as a top-level navigation: no session goes with
        // it (SameSite), and it carries no form token, so nothing changes.
        b.client
            .execute("document.getElementById('forge').submit();", vec![])
            .await
            .expect("submit the forged form");
        b.wait_for_url("the forged post's answer", |u| u.path() == "/admin/host")
            .await;
        assert_eq!(
            s.app.sign_up_policy().await.expect("policy"),
            tsuzuri_app::sign_up::SignUpPolicy::Closed
        );
    })
    .await;
}
