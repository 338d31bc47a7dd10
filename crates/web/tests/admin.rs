//! The admin's doors: setup link, sign-in, sessions, sign-out, CSRF, rate limits, and
//! tenants kept apart, over HTTP on both backends.

use tsuzuri_test_support::{TestServer, servers};

fn session_cookie(res: &reqwest::Response) -> Option<String> {
    res.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("tsuzuri_session="))
        .map(|v| v.split(';').next().unwrap_or("").to_string())
}

async fn sign_in(s: &TestServer, login: &str, password: &str) -> reqwest::Response {
    s.client
        .post(s.url("/admin/sign-in"))
        .form(&[
            ("login", login),
            ("password", password),
            ("next", "/admin/"),
        ])
        .send()
        .await
        .expect("POST sign-in")
}

async fn get_with(s: &TestServer, path: &str, cookie: &str) -> reqwest::Response {
    s.client
        .get(s.url(path))
        .header("cookie", cookie)
        .send()
        .await
        .expect("GET")
}

fn csrf_of(html: &str) -> String {
    let at =
        html.find("name=\"csrf\" value=\"").expect("csrf field") + "name=\"csrf\" value=\"".len();
    html[at..at + 64].to_string()
}

async fn add_user(s: &TestServer, login: &str, admin: bool) {
    s.app
        .add_user(tsuzuri_app::users::AddUser {
            login: login.into(),
            email: format!("{login}@example.com"),
            password: format!("{login}-password"),
            is_admin: admin,
        })
        .await
        .expect("add user");
}

#[tokio::test]
async fn nothing_in_the_admin_is_reachable_without_a_session() {
    for s in servers().await {
        for path in ["/admin/", "/admin/diary/"] {
            let res = s.get(path).await;
            assert_eq!(res.status(), 303, "{path}");
            let to = res.headers()["location"]
                .to_str()
                .expect("location")
                .to_string();
            assert!(to.starts_with("/admin/sign-in?next="), "{to}");
        }
        let res = s.get("/admin").await;
        assert_eq!(res.status(), 308);
        let form = s.get_ok("/admin/sign-in").await;
        assert!(
            form.contains("<label for=\"login\">") && form.contains("<label for=\"password\">")
        );
        // A forged cookie is no session.
        let res = get_with(
            &s,
            "/admin/",
            &format!("tsuzuri_session={}", "a".repeat(64)),
        )
        .await;
        assert_eq!(res.status(), 303);
    }
}

#[tokio::test]
async fn sign_in_sign_out_and_the_session_is_gone_on_the_server() {
    for s in servers().await {
        s.blog("diary", "ja", "Asia/Tokyo").await; // creates "owner"
        let wrong = sign_in(&s, "owner", "not the password").await;
        assert_eq!(wrong.status(), 401);
        assert!(session_cookie(&wrong).is_none());
        let body = wrong.text().await.expect("body");
        assert!(body.contains("The login or the password is wrong."));
        assert!(body.contains("value=\"owner\""), "the typed login is kept");

        let ok = sign_in(&s, "owner", "correct horse battery").await;
        assert_eq!(ok.status(), 303);
        assert_eq!(ok.headers()["location"], "/admin/");
        let set_cookie = ok.headers()["set-cookie"]
            .to_str()
            .expect("cookie")
            .to_string();
        assert!(
            set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Lax"),
            "{set_cookie}"
        );
        let cookie = session_cookie(&ok).expect("session cookie");

        let dash = get_with(&s, "/admin/", &cookie).await;
        assert_eq!(dash.status(), 200);
        assert_eq!(dash.headers()["cache-control"], "no-store");
        let html = dash.text().await.expect("body");
        assert!(html.contains("diary の日記") && html.contains("/admin/diary/"));
        let blog = get_with(&s, "/admin/diary/", &cookie)
            .await
            .text()
            .await
            .expect("body");
        assert!(blog.contains("Recent entries"));

        // Sign-out needs the form token.
        let res = s
            .client
            .post(s.url("/admin/sign-out"))
            .header("cookie", &cookie)
            .form(&[("csrf", "nope")])
            .send()
            .await
            .expect("post");
        assert_eq!(res.status(), 403);
        assert_eq!(
            get_with(&s, "/admin/", &cookie).await.status(),
            200,
            "still signed in"
        );
        let csrf = csrf_of(&html);
        let res = s
            .client
            .post(s.url("/admin/sign-out"))
            .header("cookie", &cookie)
            .form(&[("csrf", csrf.as_str())])
            .send()
            .await
            .expect("post");
        assert_eq!(res.status(), 303);
        // The old cookie is worthless now, even if the browser kept it.
        assert_eq!(get_with(&s, "/admin/", &cookie).await.status(), 303);
    }
}

#[tokio::test]
async fn cross_site_posts_are_refused() {
    for s in servers().await {
        s.blog("diary", "ja", "Asia/Tokyo").await;
        let res = s
            .client
            .post(s.url("/admin/sign-in"))
            .header("origin", "https://evil.example")
            .form(&[("login", "owner"), ("password", "correct horse battery")])
            .send()
            .await
            .expect("post");
        assert_eq!(res.status(), 403);
        assert!(session_cookie(&res).is_none());
        let res = s
            .client
            .post(s.url("/admin/sign-in"))
            .header("sec-fetch-site", "cross-site")
            .form(&[("login", "owner"), ("password", "correct horse battery")])
            .send()
            .await
            .expect("post");
        assert_eq!(res.status(), 403);
    }
}

#[tokio::test]
async fn repeated_failures_are_rate_limited_with_a_clear_message() {
    for s in servers().await {
        s.blog("diary", "ja", "Asia/Tokyo").await;
        for _ in 0..5 {
            assert_eq!(sign_in(&s, "owner", "guess").await.status(), 401);
        }
        let limited = sign_in(&s, "owner", "correct horse battery").await;
        assert_eq!(limited.status(), 429, "even the right password waits");
        assert!(limited.headers().contains_key("retry-after"));
        assert!(
            limited
                .text()
                .await
                .expect("body")
                .contains("Too many failed sign-ins")
        );
        // Another account from the same address is not locked by this one.
        add_user(&s, "other", false).await;
        assert_eq!(sign_in(&s, "other", "other-password").await.status(), 303);
        // A reset by the host administrator clears the lock.
        s.app
            .reset_password("owner", "a brand new password")
            .await
            .expect("reset");
        assert_eq!(
            sign_in(&s, "owner", "a brand new password").await.status(),
            303
        );
    }
}

/// Anyone can send wrong passwords for a login; that locks the login for strangers, but a
/// browser its owner signed in with before (the device cookie) still gets in.
#[tokio::test]
async fn strangers_cannot_lock_the_owner_out_of_a_known_browser() {
    for s in servers().await {
        s.blog("diary", "ja", "Asia/Tokyo").await;
        let first = sign_in(&s, "owner", "correct horse battery").await;
        let device = first
            .headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with("tsuzuri_device="))
            .expect("a device cookie")
            .to_string();
        assert!(device.contains("HttpOnly") && device.contains("Max-Age=31536000"));
        let device = device.split(';').next().expect("pair").to_string();

        for _ in 0..5 {
            assert_eq!(sign_in(&s, "owner", "guess").await.status(), 401);
        }
        assert_eq!(
            sign_in(&s, "owner", "correct horse battery").await.status(),
            429,
            "locked for browsers it does not know"
        );
        let from_known = |password: &'static str| {
            let (s, device) = (&s, device.clone());
            async move {
                s.client
                    .post(s.url("/admin/sign-in"))
                    .header("cookie", device)
                    .form(&[("login", "owner"), ("password", password)])
                    .send()
                    .await
                    .expect("sign in")
                    .status()
            }
        };
        assert_eq!(
            from_known("correct horse battery").await,
            303,
            "{:?}",
            s.db.backend
        );
        // A known browser's own mistakes count on their own, with their own limit.
        for _ in 0..10 {
            assert_eq!(from_known("typo").await, 401);
        }
        assert_eq!(from_known("correct horse battery").await, 429);
    }
}

#[tokio::test]
async fn the_setup_link_creates_the_first_administrator_once() {
    for s in servers().await {
        let token = s
            .app
            .create_setup_token()
            .await
            .expect("token")
            .expect("no users yet");
        let form = s.get_ok(&format!("/admin/setup?token={token}")).await;
        assert!(form.contains("Create the first administrator"));
        // Invalid input keeps the link usable and the text typed.
        let bad = s
            .client
            .post(s.url("/admin/setup"))
            .form(&[
                ("token", token.as_str()),
                ("login", "admin"),
                ("email", "not-mail"),
                ("password", "long enough pw"),
            ])
            .send()
            .await
            .expect("post");
        assert_eq!(bad.status(), 400);
        assert!(
            bad.text()
                .await
                .expect("body")
                .contains("not an e-mail address")
        );
        let ok = s
            .client
            .post(s.url("/admin/setup"))
            .form(&[
                ("token", token.as_str()),
                ("login", "admin"),
                ("email", "admin@example.com"),
                ("password", "long enough pw"),
            ])
            .send()
            .await
            .expect("post");
        assert_eq!(ok.status(), 303);
        let cookie = session_cookie(&ok).expect("signed in right away");
        let dash = get_with(&s, "/admin/", &cookie)
            .await
            .text()
            .await
            .expect("body");
        assert!(dash.contains("host administrator"));
        // Used once: the link is gone, and no second setup link is handed out.
        assert_eq!(
            s.get(&format!("/admin/setup?token={token}")).await.status(),
            410
        );
        let again = s
            .client
            .post(s.url("/admin/setup"))
            .form(&[
                ("token", token.as_str()),
                ("login", "intruder"),
                ("email", "i@example.com"),
                ("password", "long enough pw"),
            ])
            .send()
            .await
            .expect("post");
        assert_eq!(again.status(), 410);
        assert!(s.app.create_setup_token().await.expect("query").is_none());
        assert!(
            s.app
                .store
                .find_user_by_login("intruder")
                .await
                .expect("query")
                .is_none()
        );
    }
}

#[tokio::test]
async fn a_user_never_sees_another_users_blog() {
    for s in servers().await {
        s.blog("alice-blog", "ja", "Asia/Tokyo").await; // owned by "owner" (a host admin)
        add_user(&s, "bob", false).await;
        s.app
            .create_blog(tsuzuri_app::blogs::CreateBlog {
                slug: "bob-blog".into(),
                owner_login: "bob".into(),
                title: "Bob".into(),
                description: String::new(),
                lang: "en".into(),
                timezone: "UTC".into(),
            })
            .await
            .expect("bob's blog");
        let res = sign_in(&s, "bob", "bob-password").await;
        let cookie = session_cookie(&res).expect("cookie");
        let dash = get_with(&s, "/admin/", &cookie)
            .await
            .text()
            .await
            .expect("body");
        assert!(dash.contains("/admin/bob-blog/"));
        assert!(!dash.contains("alice-blog"));
        assert_eq!(
            get_with(&s, "/admin/alice-blog/", &cookie).await.status(),
            404
        );
        assert_eq!(
            get_with(&s, "/admin/bob-blog/", &cookie).await.status(),
            200
        );
        // The host administrator sees both.
        let admin =
            session_cookie(&sign_in(&s, "owner", "correct horse battery").await).expect("cookie");
        let dash = get_with(&s, "/admin/", &admin)
            .await
            .text()
            .await
            .expect("body");
        assert!(dash.contains("/admin/bob-blog/") && dash.contains("/admin/alice-blog/"));
    }
}

#[tokio::test]
async fn sign_in_sends_you_back_only_inside_the_admin() {
    let db = tsuzuri_test_support::TestDb::sqlite().await;
    let s = TestServer::start(db).await;
    s.blog("diary", "ja", "Asia/Tokyo").await;
    for (next, expected) in [
        ("/admin/diary/", "/admin/diary/"),
        ("https://evil.example/", "/admin/"),
        ("//evil.example/", "/admin/"),
    ] {
        let res = s
            .client
            .post(s.url("/admin/sign-in"))
            .form(&[
                ("login", "owner"),
                ("password", "correct horse battery"),
                ("next", next),
            ])
            .send()
            .await
            .expect("post");
        assert_eq!(res.headers()["location"], expected, "{next}");
    }
}

#[tokio::test]
async fn admin_pages_pass_the_html_checker() {
    let db = tsuzuri_test_support::TestDb::sqlite().await;
    let s = TestServer::start(db).await;
    let token = s
        .app
        .create_setup_token()
        .await
        .expect("token")
        .expect("token");
    let setup = s.get_ok(&format!("/admin/setup?token={token}")).await;
    s.blog("diary", "ja", "Asia/Tokyo").await;
    let sign_in_page = s.get_ok("/admin/sign-in").await;
    let cookie =
        session_cookie(&sign_in(&s, "owner", "correct horse battery").await).expect("cookie");
    let dash = get_with(&s, "/admin/", &cookie)
        .await
        .text()
        .await
        .expect("body");
    let blog = get_with(&s, "/admin/diary/", &cookie)
        .await
        .text()
        .await
        .expect("body");
    assert!(blog.contains("Awaiting moderation") && blog.contains("<strong>0</strong> comments"));
    let editor = get_with(&s, "/admin/diary/entries/new", &cookie)
        .await
        .text()
        .await
        .expect("body");
    let csrf = csrf_of(&editor);
    let with_errors = s
        .client
        .post(s.url("/admin/diary/entries/new"))
        .header("cookie", &cookie)
        .form(&[
            ("csrf", csrf.as_str()),
            ("title", ""),
            ("body", "本文"),
            ("text_format", "markdown"),
            ("status", "draft"),
            ("date", "x"),
        ])
        .send()
        .await
        .expect("post")
        .text()
        .await
        .expect("body");
    assert!(with_errors.contains("id=\"title-error\"") && with_errors.contains("本文"));
    // A picture in the library, so its page and the editor's media panel have items.
    let mut picture = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(image::RgbImage::new(500, 300))
        .write_to(&mut picture, image::ImageFormat::Png)
        .expect("png");
    let form = reqwest::multipart::Form::new()
        .text("csrf", csrf.clone())
        .text("alt", "黒い四角")
        .part(
            "file",
            reqwest::multipart::Part::bytes(picture.into_inner()).file_name("square.png"),
        );
    let res = s
        .client
        .post(s.url("/admin/diary/media"))
        .header("cookie", &cookie)
        .multipart(form)
        .send()
        .await
        .expect("upload");
    assert_eq!(res.status(), 303);
    let media = get_with(&s, "/admin/diary/media", &cookie)
        .await
        .text()
        .await
        .expect("body");
    assert!(media.contains("square.png"));
    let editor_with_media = get_with(&s, "/admin/diary/entries/new", &cookie)
        .await
        .text()
        .await
        .expect("body");
    assert!(editor_with_media.contains("Insert square.png"));
    tsuzuri_test_support::validators::assert_valid_html(&[
        ("setup", setup),
        ("sign-in", sign_in_page),
        ("dashboard", dash),
        ("blog", blog),
        ("editor", editor),
        ("editor-errors", with_errors),
        ("media", media),
        ("editor-with-media", editor_with_media),
    ]);
}

#[tokio::test]
async fn users_create_their_own_blogs_up_to_the_limit() {
    for s in servers().await {
        add_user(&s, "writer", false).await;
        let cookie =
            session_cookie(&sign_in(&s, "writer", "writer-password").await).expect("cookie");
        let dash = get_with(&s, "/admin/", &cookie)
            .await
            .text()
            .await
            .expect("body");
        assert!(dash.contains("/admin/blogs/new"));
        let form = get_with(&s, "/admin/blogs/new", &cookie)
            .await
            .text()
            .await
            .expect("body");
        let csrf = csrf_of(&form);
        let create = |slug: &'static str| {
            let (s, cookie, csrf) = (&s, cookie.clone(), csrf.clone());
            async move {
                s.client
                    .post(s.url("/admin/blogs/new"))
                    .header("cookie", cookie)
                    .form(&[
                        ("csrf", csrf.as_str()),
                        ("slug", slug),
                        ("title", "書く"),
                        ("lang", "ja"),
                        ("timezone", "Asia/Tokyo"),
                    ])
                    .send()
                    .await
                    .expect("post")
            }
        };
        let bad = create("admin").await;
        assert_eq!(bad.status(), 400, "{:?}", s.db.backend);
        assert!(
            bad.text()
                .await
                .expect("body")
                .contains("id=\"slug-error\"")
        );
        let res = create("writer-1").await;
        assert_eq!(res.status(), 303);
        assert_eq!(res.headers()["location"], "/admin/writer-1/");
        s.get_ok("/writer-1/").await;
        assert_eq!(
            create("writer-1").await.status(),
            400,
            "a taken address is a field error"
        );
        assert_eq!(create("writer-2").await.status(), 303);
        assert_eq!(create("writer-3").await.status(), 303);
        assert_eq!(
            create("writer-4").await.status(),
            403,
            "three blogs per user"
        );
        let dash = get_with(&s, "/admin/", &cookie)
            .await
            .text()
            .await
            .expect("body");
        assert!(dash.contains("/admin/writer-3/") && !dash.contains("writer-4"));
    }
}

#[tokio::test]
async fn sign_up_follows_the_host_policy() {
    for s in servers().await {
        s.blog("diary", "ja", "Asia/Tokyo").await; // "owner" is a host administrator
        let sign_up = |invite: String, login: &'static str| {
            let s = &s;
            async move {
                s.client
                    .post(s.url("/admin/sign-up"))
                    .form(&[
                        ("invite", invite.as_str()),
                        ("login", login),
                        ("email", "new@example.com"),
                        ("password", "a good password"),
                    ])
                    .send()
                    .await
                    .expect("post")
            }
        };
        // Closed by default.
        assert_eq!(s.get("/admin/sign-up").await.status(), 403);
        assert_eq!(sign_up(String::new(), "early").await.status(), 403);

        // Invite-only: an administrator makes a link; it works once.
        let admin =
            session_cookie(&sign_in(&s, "owner", "correct horse battery").await).expect("cookie");
        let host = get_with(&s, "/admin/host", &admin)
            .await
            .text()
            .await
            .expect("body");
        let csrf = csrf_of(&host);
        let post_host = |fields: Vec<(&'static str, String)>| {
            let (s, admin) = (&s, admin.clone());
            async move {
                s.client
                    .post(s.url("/admin/host"))
                    .header("cookie", admin)
                    .form(&fields)
                    .send()
                    .await
                    .expect("post")
            }
        };
        let res = post_host(vec![
            ("csrf", csrf.clone()),
            ("action", "policy".into()),
            ("policy", "invite".into()),
        ])
        .await;
        assert_eq!(res.status(), 303, "{:?}", s.db.backend);
        let page = post_host(vec![("csrf", csrf.clone()), ("action", "invite".into())])
            .await
            .text()
            .await
            .expect("body");
        let at = page.find("invite=").expect("invite link") + "invite=".len();
        let token = page[at..at + 64].to_string();
        assert_eq!(
            s.get("/admin/sign-up").await.status(),
            403,
            "no invite, no form"
        );
        assert_eq!(
            s.get(&format!("/admin/sign-up?invite={token}"))
                .await
                .status(),
            200
        );
        let res = sign_up(token.clone(), "invited").await;
        assert_eq!(res.status(), 303);
        let cookie = session_cookie(&res).expect("signed in");
        let dash = get_with(&s, "/admin/", &cookie)
            .await
            .text()
            .await
            .expect("body");
        assert!(dash.contains("invited") && !dash.contains("host administrator"));
        assert_eq!(sign_up(token, "again").await.status(), 410, "used once");

        // Closing sign-up to strangers does not take back an invitation already handed out.
        let page = post_host(vec![("csrf", csrf.clone()), ("action", "invite".into())])
            .await
            .text()
            .await
            .expect("body");
        let at = page.find("invite=").expect("invite link") + "invite=".len();
        let second = page[at..at + 64].to_string();
        post_host(vec![
            ("csrf", csrf.clone()),
            ("action", "policy".into()),
            ("policy", "closed".into()),
        ])
        .await;
        assert_eq!(
            s.get(&format!("/admin/sign-up?invite={second}"))
                .await
                .status(),
            200,
            "a fresh invite works under the closed policy"
        );
        assert_eq!(sign_up(second, "invited-later").await.status(), 303);
        assert_eq!(sign_up(String::new(), "stranger").await.status(), 403);

        // Open: anyone, with the usual validation; the sign-in page links to it.
        post_host(vec![
            ("csrf", csrf.clone()),
            ("action", "policy".into()),
            ("policy", "open".into()),
        ])
        .await;
        assert!(s.get_ok("/admin/sign-in").await.contains("/admin/sign-up"));
        let taken = sign_up(String::new(), "invited").await;
        assert_eq!(taken.status(), 400);
        assert!(taken.text().await.expect("body").contains("already taken"));
        assert_eq!(sign_up(String::new(), "walk-in").await.status(), 303);

        // Only administrators change the policy.
        let csrf_user = csrf_of(&dash);
        let res = s
            .client
            .post(s.url("/admin/host"))
            .header("cookie", &cookie)
            .form(&[
                ("csrf", csrf_user.as_str()),
                ("action", "policy"),
                ("policy", "open"),
            ])
            .send()
            .await
            .expect("post");
        assert_eq!(res.status(), 403);
        assert_eq!(get_with(&s, "/admin/host", &cookie).await.status(), 403);
    }
}

/// What a stranger can send that the framework would have answered with its own words (or
/// a panic): a `next` that is no header value, an id that is no number, a body that is no
/// form. Each gets a status and a sentence, and nothing leaks about the code.
#[tokio::test]
async fn malformed_requests_get_plain_answers() {
    let s = TestServer::start(tsuzuri_test_support::TestDb::sqlite().await).await;
    s.blog("diary", "ja", "Asia/Tokyo").await;
    let res = s
        .client
        .post(s.url("/admin/sign-in"))
        .form(&[
            ("login", "owner"),
            ("password", "correct horse battery"),
            ("next", "/admin/\u{7}\r\nX-Evil: 1"),
        ])
        .send()
        .await
        .expect("sign in");
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/admin/");
    let cookie = session_cookie(&res).expect("signed in");

    let (status, body) = s.get_as("/admin/diary/entries/abc/edit", &cookie).await;
    assert_eq!(status, 404);
    assert!(!body.contains("parse") && !body.contains("i64"), "{body}");
    let (status, body) = s.get_as("/admin/diary/entries?page=many", &cookie).await;
    assert_eq!(status, 400);
    assert!(!body.contains("deserialize"), "{body}");

    for (content_type, want) in [
        ("application/json", 415),
        ("application/x-www-form-urlencoded", 422),
    ] {
        let res = s
            .client
            .post(s.url("/diary/comments"))
            .header("content-type", content_type)
            .body("entry_id=not-a-number")
            .send()
            .await
            .expect("POST");
        assert_eq!(res.status(), want, "{content_type}");
        let body = res.text().await.expect("body");
        assert!(body.contains("The form could not be read"), "{body}");
        assert!(
            !body.contains("deserialize") && !body.contains("Content-Type"),
            "{body}"
        );
    }
}
