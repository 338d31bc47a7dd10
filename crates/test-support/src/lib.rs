//! Test helpers shared by the crates' tests: a fresh, migrated database per test on either
//! backend, so tests run in parallel without sharing state.
//!
//! PostgreSQL tests use `TSUZURI_TEST_POSTGRES_URL` (default
//! `postgres://postgres@127.0.0.1:5432/test`) and a new schema per test. When the server is not
//! reachable they are skipped with a printed reason, unless `CI=true` or
//! `TSUZURI_REQUIRE_POSTGRES=1`, where an unreachable server fails the test.

use std::path::PathBuf;
use tsuzuri_store::{ConnectOptions, DatabaseUrl, Store};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A migrated, empty database that goes away with the value.
pub struct TestDb {
    pub store: Store,
    pub url: String,
    pub backend: Backend,
    _dir: Option<tempfile::TempDir>,
    pg_schema: Option<String>,
}

pub mod rocks;
pub mod s3;
pub mod smtp;
pub mod spam_corpus;
pub mod validators;

pub fn postgres_base_url() -> String {
    std::env::var("TSUZURI_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_string())
}

/// CI (which sets `CI=true`) must run the PostgreSQL tests, never skip them.
fn postgres_required() -> bool {
    let set = |name: &str| std::env::var(name).is_ok_and(|v| v == "1" || v == "true");
    set("TSUZURI_REQUIRE_POSTGRES") || set("CI")
}

fn unique_name(prefix: &str) -> String {
    format!(
        "{prefix}_{}_{:08x}",
        std::process::id(),
        rand::random::<u32>()
    )
}

impl TestDb {
    pub async fn sqlite() -> TestDb {
        let dir = tempfile::tempdir().expect("temp dir");
        let path: PathBuf = dir.path().join("test.sqlite3");
        let url = format!("sqlite://{}?mode=rwc", path.display());
        let store = Store::open(
            &DatabaseUrl::parse(&url).expect("url"),
            &ConnectOptions::default(),
        )
        .await
        .expect("open sqlite");
        TestDb {
            store,
            url,
            backend: Backend::Sqlite,
            _dir: Some(dir),
            pg_schema: None,
        }
    }

    /// A fresh schema on the PostgreSQL test server, or `None` (with a printed reason) when
    /// the server is unreachable and not required.
    pub async fn postgres() -> Option<TestDb> {
        let base = postgres_base_url();
        let admin = match Store::connect(
            &DatabaseUrl::parse(&base).expect("pg url"),
            &ConnectOptions::default(),
        )
        .await
        {
            Ok(s) => s,
            Err(e) => {
                if postgres_required() {
                    panic!(
                        "PostgreSQL at {base} is required (TSUZURI_REQUIRE_POSTGRES) but unreachable: {e}"
                    );
                }
                eprintln!(
                    "skipping PostgreSQL test: {base} unreachable ({e}); set TSUZURI_TEST_POSTGRES_URL"
                );
                return None;
            }
        };
        let schema = unique_name("tsuzuri_test");
        admin
            .execute_admin_sql(&format!("CREATE SCHEMA {schema}"))
            .await
            .expect("create schema");
        admin.close().await;
        let sep = if base.contains('?') { '&' } else { '?' };
        // Named after the schema, so that dropping it can end this test's own connections.
        let url = format!("{base}{sep}options[search_path]={schema}&application_name={schema}");
        let store = Store::open(
            &DatabaseUrl::parse(&url).expect("url"),
            &ConnectOptions::default(),
        )
        .await
        .expect("open postgres schema");
        Some(TestDb {
            store,
            url,
            backend: Backend::Postgres,
            _dir: None,
            pg_schema: Some(schema),
        })
    }

    /// Both backends (PostgreSQL only where reachable), for conformance tests.
    pub async fn all() -> Vec<TestDb> {
        let mut v = vec![TestDb::sqlite().await];
        if let Some(pg) = TestDb::postgres().await {
            v.push(pg);
        }
        v
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some(schema) = self.pg_schema.take() {
            // Dropping happens on a separate thread with its own runtime: Drop cannot await,
            // and the test's runtime may already be shutting down.
            let base = postgres_base_url();
            let _ = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build();
                if let Ok(rt) = rt {
                    rt.block_on(async {
                        if let Ok(url) = DatabaseUrl::parse(&base)
                            && let Ok(admin) =
                                Store::connect(&url, &ConnectOptions::default()).await
                        {
                            // A connection still on its way back to the pool (on the test's
                            // runtime, which this drop blocks) may hold a transaction open.
                            let _ = admin
                                .execute_admin_sql(&format!(
                                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                                     WHERE application_name = '{schema}'"
                                ))
                                .await;
                            let _ = admin
                                .execute_admin_sql(&format!("DROP SCHEMA {schema} CASCADE"))
                                .await;
                            admin.close().await;
                        }
                    });
                }
            })
            .join();
        }
    }
}

/// The form token of an admin page (every form carries it in a hidden `csrf` field).
pub fn csrf_of(html: &str) -> String {
    let field = "name=\"csrf\" value=\"";
    let at = html.find(field).expect("csrf field") + field.len();
    html[at..at + 64].to_string()
}

/// A real tsuzuri server on a loopback port, over a test database.
pub struct TestServer {
    /// The blog origin, `http://127.0.0.1:PORT`, without a trailing slash.
    pub base: String,
    /// The admin origin, `http://localhost:PORT` (the same listener, told apart by `Host`).
    pub admin_base: String,
    pub app: tsuzuri_app::App,
    pub db: TestDb,
    pub client: reqwest::Client,
    task: tokio::task::JoinHandle<()>,
}

impl TestServer {
    pub async fn start(db: TestDb) -> TestServer {
        Self::start_with(db, tsuzuri_web::WebConfig::default()).await
    }

    pub async fn start_with(db: TestDb, config: tsuzuri_web::WebConfig) -> TestServer {
        Self::start_with_media(db, config, tsuzuri_app::media::MediaStore::memory()).await
    }

    /// A server whose uploads go to `media` (a directory or an S3 server) instead of memory.
    pub async fn start_with_media(
        db: TestDb,
        config: tsuzuri_web::WebConfig,
        media: tsuzuri_app::media::MediaStore,
    ) -> TestServer {
        Self::start_full(db, config, media, None).await
    }

    /// A server that mails owners' notifications through the SMTP server at `smtp_url`.
    pub async fn start_with_mail(db: TestDb, smtp_url: &str) -> TestServer {
        let mailer =
            tsuzuri_app::notify::mailer(smtp_url, "tsuzuri <tsuzuri@example.com>").expect("mailer");
        Self::start_full(
            db,
            tsuzuri_web::WebConfig::default(),
            tsuzuri_app::media::MediaStore::memory(),
            Some(mailer),
        )
        .await
    }

    async fn start_full(
        db: TestDb,
        config: tsuzuri_web::WebConfig,
        media: tsuzuri_app::media::MediaStore,
        mailer: Option<tsuzuri_net::mail::Mailer>,
    ) -> TestServer {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind loopback");
        let addr = listener.local_addr().expect("addr");
        let mut app = tsuzuri_app::App::new(db.store.clone(), media).expect("app");
        if let Some(m) = mailer {
            app = app.with_mailer(
                m,
                tsuzuri_core::origins::Origins::local(&format!("127.0.0.1:{}", addr.port())),
            );
        }
        // Tests talk to peers on loopback, so they allow private targets, explicitly.
        let app = app.with_outbound(
            // Loopback peers, explicitly; one host serves every fixture, so the per-host
            // limit is raised (it is tested on its own in the net crate).
            tsuzuri_net::Outbound::new(tsuzuri_net::OutboundConfig {
                allow_private: true,
                per_host_per_minute: 10_000,
                ..Default::default()
            })
            .expect("outbound"),
        );
        let router = tsuzuri_web::router(app.clone(), config);
        let watcher =
            tsuzuri_web::watch_content_version(app.clone(), std::time::Duration::from_millis(100));
        let worker = tsuzuri_web::run_jobs(app.clone(), std::time::Duration::from_millis(100));
        let task = tokio::spawn(async move {
            tokio::select! {
                _ = axum::serve(listener, router.into_make_service_with_connect_info::<std::net::SocketAddr>()) => {}
                _ = watcher => {}
                _ = worker => {}
            }
        });
        // The tests read tsuzuri's own text in English unless a request asks for Japanese
        // (the host's default language, for a browser that says nothing, is Japanese).
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert(
            reqwest::header::ACCEPT_LANGUAGE,
            reqwest::header::HeaderValue::from_static("en"),
        );
        let client = reqwest::Client::builder()
            .default_headers(headers)
            .redirect(reqwest::redirect::Policy::none())
            // The admin origin's name, without asking the resolver (which may try ::1 first).
            .resolve("localhost", addr)
            .build()
            .expect("client");
        TestServer {
            base: format!("http://{addr}"),
            admin_base: format!("http://localhost:{}", addr.port()),
            app,
            db,
            client,
            task,
        }
    }

    /// Signs in through the form; returns the session cookie (`tsuzuri_session=…`).
    pub async fn sign_in(&self, login: &str, password: &str) -> String {
        let res = self
            .client
            .post(self.url("/admin/sign-in"))
            .form(&[("login", login), ("password", password)])
            .send()
            .await
            .expect("sign in");
        assert_eq!(res.status(), 303, "sign-in of {login}");
        res.headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with("tsuzuri_session="))
            .and_then(|v| v.split(';').next())
            .expect("cookie")
            .to_string()
    }

    /// Adds user `login` (password `{login}-password`) with `role` on blog `slug` ("owner",
    /// "editor", "author"), or with no role at all when `role` is empty.
    pub async fn user_with_role(&self, login: &str, slug: &str, role: &str) {
        self.app
            .add_user(tsuzuri_app::users::AddUser {
                login: login.into(),
                email: format!("{login}@example.com"),
                password: format!("{login}-password"),
                is_admin: false,
            })
            .await
            .expect("user");
        if role.is_empty() {
            return;
        }
        let blog = self
            .app
            .store
            .find_blog_by_slug(slug)
            .await
            .expect("query")
            .expect("blog")
            .blog_id();
        let user = self
            .app
            .store
            .find_user_by_login(login)
            .await
            .expect("query")
            .expect("user")
            .user_id();
        self.app
            .store
            .set_member(blog, user, role)
            .await
            .expect("member");
    }

    /// GET with a session cookie; the status and the body.
    pub async fn get_as(&self, path: &str, cookie: &str) -> (u16, String) {
        let res = self
            .client
            .get(self.url(path))
            .header("cookie", cookie)
            .send()
            .await
            .expect("GET");
        (res.status().as_u16(), res.text().await.expect("body"))
    }

    /// The origins this server answers with (blogs on `base`, the admin on `admin_base`).
    pub fn origins(&self) -> tsuzuri_core::origins::Origins {
        tsuzuri_core::origins::Origins::local(&self.base["http://".len()..])
    }

    /// `path` on the origin that serves it: `/admin…` on the admin origin, the rest on the
    /// blog origin.
    pub fn url(&self, path: &str) -> String {
        if path == "/admin" || path.starts_with("/admin/") {
            format!("{}{path}", self.admin_base)
        } else {
            format!("{}{path}", self.base)
        }
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.expect("GET")
    }

    /// GET that must answer 200; returns the body.
    pub async fn get_ok(&self, path: &str) -> String {
        let res = self.get(path).await;
        let status = res.status();
        let body = res.text().await.expect("body");
        assert_eq!(status, 200, "GET {path} answered {status}: {body}");
        body
    }

    /// Creates a user `owner` and a blog `slug` in the given language and zone.
    pub async fn blog(&self, slug: &str, lang: &str, timezone: &str) {
        if self
            .app
            .store
            .find_user_by_login("owner")
            .await
            .expect("query")
            .is_none()
        {
            self.app
                .add_user(tsuzuri_app::users::AddUser {
                    login: "owner".into(),
                    email: "owner@example.com".into(),
                    password: "correct horse battery".into(),
                    is_admin: true,
                })
                .await
                .expect("add user");
        }
        self.app
            .create_blog(tsuzuri_app::blogs::CreateBlog {
                slug: slug.into(),
                owner_login: "owner".into(),
                title: format!("{slug} の日記"),
                description: "テスト用のブログ".into(),
                lang: lang.into(),
                timezone: timezone.into(),
            })
            .await
            .expect("create blog");
    }

    /// Imports MT text into a blog and panics on any error.
    pub async fn import(&self, slug: &str, mt: &str) -> tsuzuri_app::import_mt::ImportReport {
        self.app
            .import_mt(slug, mt.as_bytes(), &Default::default())
            .await
            .unwrap_or_else(|e| panic!("import failed: {e:?}"))
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Both backends' test servers, for running one test against each.
pub async fn servers() -> Vec<TestServer> {
    let mut v = Vec::new();
    for db in TestDb::all().await {
        v.push(TestServer::start(db).await);
    }
    v
}
