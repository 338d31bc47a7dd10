//! tsuzuri's own pages speak the reader's language: the browser's choice, else the host's
//! default, replaced by the user's own setting once signed in; error pages are HTML pages
//! in that language with the right status.

use tsuzuri_test_support::{TestServer, csrf_of, servers};

async fn get_in(
    s: &TestServer,
    path: &str,
    lang: &str,
    cookie: Option<&str>,
) -> (u16, String, String) {
    let mut req = s.client.get(s.url(path)).header("accept-language", lang);
    if let Some(c) = cookie {
        req = req.header("cookie", c);
    }
    let res = req.send().await.expect("GET");
    let status = res.status().as_u16();
    let content_type = res
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    (status, content_type, res.text().await.expect("body"))
}

async fn post_form(s: &TestServer, path: &str, cookie: &str, form: &[(&str, &str)]) -> u16 {
    s.client
        .post(s.url(path))
        .header("cookie", cookie)
        .form(form)
        .send()
        .await
        .expect("POST")
        .status()
        .as_u16()
}

#[tokio::test]
async fn the_browser_language_then_the_host_default_choose_the_admin_language() {
    for s in servers().await {
        let (_, _, ja) = get_in(&s, "/admin/sign-in", "ja,en;q=0.5", None).await;
        assert!(ja.contains("<html lang=\"ja\">"), "{ja}");
        assert!(ja.contains("ログイン"), "{ja}");
        let (_, _, en) = get_in(&s, "/admin/sign-in", "en-GB,ja;q=0.3", None).await;
        assert!(
            en.contains("<html lang=\"en\">") && en.contains("Sign in"),
            "{en}"
        );
        // A browser asking for neither gets the host's default: Japanese on a new host.
        let (_, _, fr) = get_in(&s, "/admin/sign-in", "fr-FR", None).await;
        assert!(fr.contains("<html lang=\"ja\">"), "{fr}");

        // The host administrator renames the host and makes English the default.
        s.blog("diary", "ja", "Asia/Tokyo").await;
        let cookie = s.sign_in("owner", "correct horse battery").await;
        let (_, _, host) = get_in(&s, "/admin/host", "en", Some(&cookie)).await;
        let csrf = csrf_of(&host);
        let status = post_form(
            &s,
            "/admin/host",
            &cookie,
            &[
                ("csrf", &csrf),
                ("action", "profile"),
                ("host_name", "綴りブログ"),
                ("default_lang", "en"),
            ],
        )
        .await;
        assert_eq!(status, 303);
        let (_, _, fr) = get_in(&s, "/admin/sign-in", "fr-FR", None).await;
        assert!(fr.contains("<html lang=\"en\">"), "{fr}");
        assert!(
            fr.contains("綴りブログ"),
            "the host's name is in the page: {fr}"
        );
        // The host front page follows the default language and carries the name.
        let front = s.get_ok("/").await;
        assert!(front.contains("<html lang=\"en\""), "{front}");
        assert!(front.contains("綴りブログ"), "{front}");

        // A bad profile is refused with the reason, in the reader's language.
        let status = post_form(
            &s,
            "/admin/host",
            &cookie,
            &[
                ("csrf", &csrf),
                ("action", "profile"),
                ("host_name", " "),
                ("default_lang", "xx"),
            ],
        )
        .await;
        assert_eq!(status, 400);
    }
}

async fn choose_lang(s: &TestServer, cookie: &str, csrf: &str, lang: &str) -> u16 {
    post_form(
        s,
        "/admin/account",
        cookie,
        &[("csrf", csrf), ("lang", lang)],
    )
    .await
}

#[tokio::test]
async fn a_users_own_language_wins_over_the_browsers() {
    for s in servers().await {
        s.blog("diary", "ja", "Asia/Tokyo").await;
        let cookie = s.sign_in("owner", "correct horse battery").await;
        let (_, _, page) = get_in(&s, "/admin/account", "en", Some(&cookie)).await;
        assert!(page.contains("Follow the browser"), "{page}");
        let csrf = csrf_of(&page);
        let status = choose_lang(&s, &cookie, &csrf, "ja").await;
        assert_eq!(status, 303);
        let (_, _, dashboard) = get_in(&s, "/admin/", "en", Some(&cookie)).await;
        assert!(dashboard.contains("<html lang=\"ja\">"), "{dashboard}");
        assert!(dashboard.contains("ログアウト"), "{dashboard}");
        // Back to following the browser.
        let status = choose_lang(&s, &cookie, &csrf, "auto").await;
        assert_eq!(status, 303);
        let (_, _, dashboard) = get_in(&s, "/admin/", "en", Some(&cookie)).await;
        assert!(dashboard.contains("Sign out"), "{dashboard}");
        // An unknown language is refused, and nothing changes.
        let status = choose_lang(&s, &cookie, &csrf, "klingon").await;
        assert_eq!(status, 400);
    }
}

#[tokio::test]
async fn admin_errors_are_pages_in_the_readers_language() {
    for s in servers().await {
        s.blog("diary", "ja", "Asia/Tokyo").await;
        let cookie = s.sign_in("owner", "correct horse battery").await;
        // No such blog.
        let (status, content_type, body) = get_in(&s, "/admin/nothing/", "ja", Some(&cookie)).await;
        assert_eq!(status, 404);
        assert!(content_type.starts_with("text/html"), "{content_type}");
        assert!(
            body.contains("<html lang=\"ja\">") && body.contains("ページが見つかりません"),
            "{body}"
        );
        // A malformed query: a readable page, no framework message.
        let (status, content_type, body) =
            get_in(&s, "/admin/diary/entries?page=abc", "en", Some(&cookie)).await;
        assert_eq!(status, 400, "{body}");
        assert!(content_type.starts_with("text/html"), "{content_type}");
        assert!(
            !body.contains("Cannot parse") && !body.contains("deserialize"),
            "{body}"
        );
        // A form sent without its token.
        let status = post_form(&s, "/admin/account", &cookie, &[("lang", "ja")]).await;
        assert_eq!(status, 403);
        let res = s
            .client
            .post(s.url("/admin/account"))
            .header("cookie", &cookie)
            .header("accept-language", "ja")
            .form(&[("lang", "ja")])
            .send()
            .await
            .expect("POST");
        let body = res.text().await.expect("body");
        assert!(body.contains("ページを再読み込み"), "{body}");
    }
}
