//! Owners' own templates over HTTP on both backends: customise, refuse broken versions with
//! their line (readers keep the last good one), fall back at run time, revert; owners only.

use tsuzuri_test_support::{TestServer, csrf_of, servers};

async fn publish(s: &TestServer, cookie: &str, title: &str) {
    let (_, editor) = s.get_as("/admin/diary/entries/new", cookie).await;
    let res = s
        .client
        .post(s.url("/admin/diary/entries/new"))
        .header("cookie", cookie)
        .form(&[
            ("csrf", csrf_of(&editor).as_str()),
            ("title", title),
            ("body", "本文です。"),
            ("text_format", "markdown"),
            ("status", "publish"),
            ("date", "2026-06-15T14:52"),
        ])
        .send()
        .await
        .expect("save");
    assert_eq!(res.status(), 303);
}

async fn save_template(s: &TestServer, cookie: &str, name: &str, source: &str) -> (u16, String) {
    let (_, page) = s
        .get_as(&format!("/admin/diary/templates/{name}"), cookie)
        .await;
    let res = s
        .client
        .post(s.url(&format!("/admin/diary/templates/{name}")))
        .header("cookie", cookie)
        .form(&[("csrf", csrf_of(&page).as_str()), ("source", source)])
        .send()
        .await
        .expect("save template");
    let status = res.status().as_u16();
    (status, res.text().await.expect("body"))
}

async fn post_as(s: &TestServer, cookie: &str, path: &str) -> u16 {
    let (_, page) = s.get_as("/admin/", cookie).await;
    s.client
        .post(s.url(path))
        .header("cookie", cookie)
        .form(&[("csrf", csrf_of(&page).as_str())])
        .send()
        .await
        .expect("post")
        .status()
        .as_u16()
}

const MARK: &str = "<p class=\"owner-mark\">私のテーマ</p>";

#[tokio::test]
async fn owners_customise_templates_and_broken_ones_never_reach_readers() {
    let mut checked_html = false;
    for s in servers().await {
        s.blog("diary", "ja", "Asia/Tokyo").await;
        let owner = s.sign_in("owner", "correct horse battery").await;
        publish(&s, &owner, "紫陽花").await;
        let entry_url = "/diary/2026/06/";
        let archive = s.get_ok(entry_url).await;
        let entry_path = archive
            .split("href=\"")
            .filter_map(|h| h.split('"').next())
            .find(|h| h.contains("/diary/2026/06/") && h.ends_with(".html"))
            .expect("entry link")
            .to_owned();
        let entry_path = entry_path
            .split_once("/diary/")
            .map(|(_, p)| format!("/diary/{p}"))
            .expect("path");

        let (status, list) = s.get_as("/admin/diary/templates", &owner).await;
        assert_eq!(status, 200);
        assert!(list.contains("entry.html") && !list.contains("customised</strong>"));
        let (status, form) = s.get_as("/admin/diary/templates/entry.html", &owner).await;
        assert_eq!(status, 200);
        assert!(
            form.contains("entry-title"),
            "the editor starts from the theme's source"
        );

        // A working change reaches readers at once.
        let builtin = tsuzuri_render::builtin_theme_source("classic", "entry.html").expect("src");
        let mine = builtin.replacen(
            "<h1 class=\"entry-title",
            &format!("{MARK}<h1 class=\"entry-title"),
            1,
        );
        assert_ne!(mine, builtin);
        let (status, _) = save_template(&s, &owner, "entry.html", &mine).await;
        assert_eq!(status, 303);
        assert!(s.get_ok(&entry_path).await.contains(MARK));
        assert!(
            !s.get_ok("/diary/").await.contains(MARK),
            "other templates unchanged"
        );

        // Broken versions are refused with the line, the typed text comes back, and readers
        // keep the last good version.
        let broken = "{% extends \"base.html\" %}\n{% block main %}\n{% if %}\n{% endblock %}\n";
        let (status, page) = save_template(&s, &owner, "entry.html", broken).await;
        assert_eq!(status, 400);
        assert!(page.contains("Line 3 of entry.html"), "{page}");
        assert!(page.contains("{% if %}"), "the typed source is kept");
        assert!(page.contains("readers still see the last version that worked"));
        for (bad, says) in [
            ("{{ no_such_variable }}", "undefined"),
            (
                "{% for i in range(100000) %}{% for j in range(100000) %}{{ i }}{% endfor %}{% endfor %}",
                "fuel",
            ),
            ("{% include \"/etc/passwd\" %}", "not found"),
            ("{% include \"entry.html\" %}", "recursion"),
        ] {
            let (status, page) = save_template(&s, &owner, "entry.html", bad).await;
            assert_eq!(status, 400, "{bad}");
            assert!(page.to_lowercase().contains(says), "{bad}: {page}");
        }
        let served = s.get_ok(&entry_path).await;
        assert!(served.contains(MARK) && served.contains("紫陽花"));

        if !checked_html {
            checked_html = true;
            let (_, list) = s.get_as("/admin/diary/templates", &owner).await;
            assert!(list.contains("customised</strong>"));
            let (_, form) = s.get_as("/admin/diary/templates/entry.html", &owner).await;
            tsuzuri_test_support::validators::assert_valid_html(&[
                ("templates", list),
                ("template-form", form),
                ("template-error", page_with_error(&s, &owner).await),
            ]);
        }

        // Other roles: an editor may not touch the theme; a stranger sees no blog.
        for (login, role) in [("ed", "editor"), ("stranger", "")] {
            s.user_with_role(login, "diary", role).await;
        }
        for (login, expected) in [("ed", 403), ("stranger", 404)] {
            let cookie = s.sign_in(login, &format!("{login}-password")).await;
            assert_eq!(
                s.get_as("/admin/diary/templates", &cookie).await.0,
                expected,
                "{login}"
            );
            assert_eq!(
                s.get_as("/admin/diary/templates/entry.html", &cookie)
                    .await
                    .0,
                expected,
                "{login}"
            );
            assert_eq!(
                post_as(&s, &cookie, "/admin/diary/templates/revert").await,
                expected,
                "{login}"
            );
        }
        assert!(
            s.get_ok(&entry_path).await.contains(MARK),
            "nobody else reverted it"
        );
        assert_eq!(
            s.get_as("/admin/diary/templates/secret.html", &owner)
                .await
                .0,
            404
        );

        // One template back to the built-in, then all of them.
        assert_eq!(
            post_as(&s, &owner, "/admin/diary/templates/entry.html/revert").await,
            303
        );
        assert!(!s.get_ok(&entry_path).await.contains(MARK));
        let (status, _) = save_template(&s, &owner, "entry.html", &mine).await;
        assert_eq!(status, 303);
        let sidebar =
            tsuzuri_render::builtin_theme_source("classic", "_sidebar.html").expect("src");
        let (status, _) =
            save_template(&s, &owner, "_sidebar.html", &format!("<p>横</p>{sidebar}")).await;
        assert_eq!(status, 303);
        assert!(s.get_ok("/diary/").await.contains("<p>横</p>"));
        assert_eq!(
            post_as(&s, &owner, "/admin/diary/templates/revert").await,
            303
        );
        let top = s.get_ok("/diary/").await;
        assert!(!top.contains("<p>横</p>") && !s.get_ok(&entry_path).await.contains(MARK));
    }
}

async fn page_with_error(s: &TestServer, owner: &str) -> String {
    save_template(s, owner, "entry.html", "{% if %}").await.1
}

#[tokio::test]
async fn a_template_that_fails_on_a_real_page_falls_back_to_the_theme_and_tells_the_owner() {
    for s in servers().await {
        s.blog("diary", "ja", "Asia/Tokyo").await;
        let owner = s.sign_in("owner", "correct horse battery").await;
        publish(&s, &owner, "爆発する記事").await;
        // Fine on the sample pages; fails only for this one title.
        let builtin =
            tsuzuri_render::builtin_theme_source("classic", "_entry_meta.html").expect("src");
        let trap = format!(
            "{{% if entry.title == \"爆発する記事\" %}}{{{{ no_such_value }}}}{{% endif %}}{MARK}{builtin}"
        );
        let (status, page) = save_template(&s, &owner, "_entry_meta.html", &trap).await;
        assert_eq!(status, 303, "{page}");
        let top = s.get_ok("/diary/").await;
        assert!(top.contains("爆発する記事"), "readers still get the page");
        assert!(!top.contains(MARK), "with the built-in templates");
        let (_, list) = s.get_as("/admin/diary/templates", &owner).await;
        assert!(
            list.contains("failed on a real page") && list.contains("no_such_value"),
            "{list}"
        );
    }
}
