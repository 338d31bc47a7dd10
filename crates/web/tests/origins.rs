//! Blog pages and the admin on separate origins: what each origin answers, that sessions
//! exist only on the admin's, and host-based blogs (one origin per blog).

use tsuzuri_core::origins::BlogHosts;
use tsuzuri_test_support::{TestDb, TestServer, servers};

const MT: &str = "TITLE: 最初の記事\nBASENAME: first\nSTATUS: Publish\nDATE: 06/15/2006 14:52:00\n-----\nBODY:\n本文です。\n-----\n--------\n";

#[tokio::test]
async fn each_origin_sends_the_other_ones_paths_home() {
    for s in servers().await {
        s.blog("diary", "ja", "Asia/Tokyo").await;
        // The admin on the blog origin is a redirect to the admin origin, query kept.
        let res = s
            .client
            .get(format!("{}/admin/sign-in?next=/admin/", s.base))
            .send()
            .await
            .expect("GET");
        assert_eq!(res.status(), 303);
        assert_eq!(
            res.headers()["location"],
            format!("{}/admin/sign-in?next=/admin/", s.admin_base)
        );
        // The admin origin's root is the dashboard; blog paths go to the blog origin.
        let res = s
            .client
            .get(format!("{}/", s.admin_base))
            .send()
            .await
            .expect("GET");
        assert_eq!(res.headers()["location"], "/admin/");
        let res = s
            .client
            .get(format!("{}/diary/?a=1", s.admin_base))
            .send()
            .await
            .expect("GET");
        assert_eq!(res.headers()["location"], format!("{}/diary/?a=1", s.base));
        // The admin's own assets are served there.
        let res = s
            .client
            .get(format!("{}/assets/admin.css", s.admin_base))
            .send()
            .await
            .expect("GET");
        assert_eq!(res.status(), 200);
        // No Host, no guess.
        let res = s
            .client
            .get(format!("{}/diary/", s.base))
            .header("host", "")
            .send()
            .await
            .expect("GET");
        assert_eq!(res.status(), 400);
    }
}

#[tokio::test]
async fn sessions_never_reach_blog_pages() {
    for s in servers().await {
        s.blog("diary", "ja", "Asia/Tokyo").await;
        s.import("diary", MT).await;
        let res = s
            .client
            .post(s.url("/admin/sign-in"))
            .form(&[("login", "owner"), ("password", "correct horse battery")])
            .send()
            .await
            .expect("sign in");
        let set_cookie = res.headers()["set-cookie"].to_str().expect("cookie");
        assert!(set_cookie.starts_with("tsuzuri_session="), "{set_cookie}");
        assert!(
            set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Lax"),
            "{set_cookie}"
        );
        assert!(
            !set_cookie.to_ascii_lowercase().contains("domain="),
            "host-only: {set_cookie}"
        );
        let cookie = set_cookie.split(';').next().expect("pair").to_string();

        // Every kind of blog-origin answer, sent with the admin's cookie: none sets a
        // cookie, and none treats the visitor as signed in.
        for path in [
            "/",
            "/diary/",
            "/diary/2006/06/first.html",
            "/diary/atom.xml",
            "/diary/nothing-here",
            "/media/diary/2006/06/none.png",
            "/assets/classic.css",
        ] {
            let res = s
                .client
                .get(s.url(path))
                .header("cookie", &cookie)
                .send()
                .await
                .expect("GET");
            assert!(res.headers().get("set-cookie").is_none(), "{path}");
            let body = res.text().await.expect("body");
            assert!(!body.contains("Sign out"), "{path} knows no session");
        }
        // A service worker would outlive the page that registered it: never served.
        let res = s
            .client
            .get(s.url("/diary/2006/06/first.html"))
            .header("service-worker", "script")
            .send()
            .await
            .expect("GET");
        assert_eq!(res.status(), 403);
        // The same cookie works on the admin origin.
        let (status, dashboard) = s.get_as("/admin/", &cookie).await;
        assert_eq!(status, 200);
        assert!(dashboard.contains("Sign out"));
        assert!(
            dashboard.contains(&format!("href=\"{}/diary/\"", s.base)),
            "the admin links to the blog on its origin"
        );
    }
}

#[tokio::test]
async fn over_https_the_session_cookie_is_host_only_and_secure() {
    let config = tsuzuri_web::WebConfig {
        public_url: Some("https://blogs.example".into()),
        admin_url: Some("https://admin.example".into()),
        ..Default::default()
    };
    let s = TestServer::start_with(TestDb::sqlite().await, config).await;
    s.blog("diary", "ja", "Asia/Tokyo").await;
    let res = s
        .client
        .post(format!("{}/admin/sign-in", s.base))
        .header("host", "admin.example")
        .form(&[("login", "owner"), ("password", "correct horse battery")])
        .send()
        .await
        .expect("sign in");
    assert_eq!(res.status(), 303);
    let set_cookie = res.headers()["set-cookie"].to_str().expect("cookie");
    assert!(
        set_cookie.starts_with("__Host-tsuzuri_session=")
            && set_cookie.contains("; Secure")
            && set_cookie.contains("Path=/"),
        "{set_cookie}"
    );
    let cookie = set_cookie.split(';').next().expect("pair").to_string();
    let res = s
        .client
        .get(format!("{}/admin/", s.base))
        .header("host", "admin.example")
        .header("cookie", &cookie)
        .send()
        .await
        .expect("GET");
    assert_eq!(res.status(), 200, "the prefixed cookie is the session");
    // The blog origin's admin paths point at the configured admin origin.
    let res = s
        .client
        .get(format!("{}/admin/", s.base))
        .header("host", "blogs.example")
        .send()
        .await
        .expect("GET");
    assert_eq!(res.headers()["location"], "https://admin.example/admin/");
}

#[tokio::test]
async fn host_based_blogs_live_on_their_own_origin() {
    let config = tsuzuri_web::WebConfig {
        public_url: Some("http://blogs.test".into()),
        admin_url: Some("http://admin.test".into()),
        blog_hosts: Some(BlogHosts::parse("http://{blog}.blogs.test").expect("pattern")),
        ..Default::default()
    };
    let s = TestServer::start_with(TestDb::sqlite().await, config).await;
    s.blog("diary", "ja", "Asia/Tokyo").await;
    s.import("diary", MT).await;
    let get = |host: &'static str, path: &'static str| {
        let req = s
            .client
            .get(format!("{}{path}", s.base))
            .header("host", host);
        async move { req.send().await.expect("GET") }
    };

    let top = get("diary.blogs.test", "/").await;
    assert_eq!(top.status(), 200);
    let top = top.text().await.expect("body");
    assert!(
        top.contains("http://diary.blogs.test/2006/06/first.html"),
        "{top}"
    );
    assert!(top.contains("href=\"http://diary.blogs.test/atom.xml\""));
    let entry = get("diary.blogs.test", "/2006/06/first.html").await;
    assert_eq!(entry.status(), 200);
    assert_eq!(
        entry.headers()["x-pingback"],
        "http://diary.blogs.test/xmlrpc"
    );
    let entry = entry.text().await.expect("body");
    assert!(entry.contains("最初の記事"));
    assert!(entry.contains("http://diary.blogs.test/trackback/"));

    // The old path-based address answers with the blog's own origin.
    let old = get("blogs.test", "/diary/2006/06/first.html").await;
    assert_eq!(old.status(), 308);
    assert_eq!(
        old.headers()["location"],
        "http://diary.blogs.test/2006/06/first.html"
    );
    // The front page is on the shared origin and links each blog's own.
    let front = get("blogs.test", "/").await.text().await.expect("body");
    assert!(
        front.contains("href=\"http://diary.blogs.test/\""),
        "{front}"
    );
    // A blog that does not exist is a 404; the admin is only on its origin.
    assert_eq!(get("nobody.blogs.test", "/").await.status(), 404);
    let admin = get("diary.blogs.test", "/admin/").await;
    assert_eq!(admin.headers()["location"], "http://admin.test/admin/");

    // A TrackBack to the blog's own origin lands on the entry.
    let tb = entry
        .split("http://diary.blogs.test/trackback/")
        .nth(1)
        .and_then(|r| r.split(['"', '<']).next())
        .expect("trackback id")
        .to_string();
    let res = s
        .client
        .post(format!("{}/trackback/{tb}", s.base))
        .header("host", "diary.blogs.test")
        .header("content-type", "application/x-www-form-urlencoded")
        .body("url=http%3A%2F%2F127.0.0.1%3A1%2Fnothing&title=t")
        .send()
        .await
        .expect("POST");
    let answer = res.text().await.expect("body");
    assert!(
        !answer.contains("Invalid TrackBack ID"),
        "the ping reached the entry: {answer}"
    );
}
