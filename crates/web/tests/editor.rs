//! Writing in the browser's forms: create, validate, edit, schedule, roles, CSRF; over HTTP
//! on both backends, checked on the public pages readers see.

use tsuzuri_test_support::{TestServer, csrf_of, servers};

async fn post(
    s: &TestServer,
    path: &str,
    cookie: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    s.client
        .post(s.url(path))
        .header("cookie", cookie)
        .form(fields)
        .send()
        .await
        .expect("POST")
}

/// Posts the editor form with `fields` over a fresh form's token; returns the response.
async fn save(
    s: &TestServer,
    path: &str,
    cookie: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let (_, form) = s.get_as(path, cookie).await;
    let csrf = csrf_of(&form);
    let mut all = vec![("csrf", csrf.as_str())];
    all.extend_from_slice(fields);
    post(s, path, cookie, &all).await
}

fn location(res: &reqwest::Response) -> String {
    res.headers()["location"]
        .to_str()
        .expect("location")
        .to_string()
}

#[tokio::test]
async fn write_publish_edit_and_read_it_on_the_blog() {
    for s in servers().await {
        s.blog("diary", "ja", "Asia/Tokyo").await;
        let cookie = s.sign_in("owner", "correct horse battery").await;
        let (status, form) = s.get_as("/admin/diary/entries/new", &cookie).await;
        assert_eq!(status, 200);
        assert!(form.contains("<label for=\"title\">") && form.contains("<label for=\"body\">"));

        let res = save(
            &s,
            "/admin/diary/entries/new",
            &cookie,
            &[
                ("title", "紫陽花を見に行った"),
                (
                    "body",
                    "今日は**紫陽花**を見に行きました。\n\n| 場所 | 色 |\n|---|---|\n| 鎌倉 | 青 |",
                ),
                ("more", "続きの話"),
                ("text_format", "markdown"),
                ("status", "publish"),
                ("date", "2006-06-15T14:52"),
                ("basename", "ajisai"),
                ("categories", "日記、 花"),
                ("tags", "鎌倉"),
                ("allow_comments", "true"),
            ],
        )
        .await;
        assert_eq!(res.status(), 303, "{:?}", s.db.backend);
        let edit = location(&res);
        assert!(edit.ends_with("/edit?saved=1"), "{edit}");
        let (_, page) = s.get_as(&edit, &cookie).await;
        assert!(page.contains("Saved."));
        assert!(page.contains("/diary/2006/06/ajisai.html"));

        let public = s.get_ok("/diary/2006/06/ajisai.html").await;
        assert!(public.contains("紫陽花を見に行った"));
        assert!(public.contains("<strong>紫陽花</strong>") && public.contains("<table>"));
        assert!(public.contains("2006年6月15日 (木) 14時52分"));
        assert!(public.contains("続きの話"));
        assert!(
            s.get_ok("/diary/category/日記/")
                .await
                .contains("紫陽花を見に行った")
        );
        let top = s.get_ok("/diary/").await; // cached now

        // Edit: the new title reaches readers at once, the form comes back filled.
        let edit_path = edit.trim_end_matches("?saved=1").to_string();
        let (_, form) = s.get_as(&edit_path, &cookie).await;
        assert!(form.contains("value=\"紫陽花を見に行った\"") && form.contains("value=\"ajisai\""));
        let res = save(
            &s,
            &edit_path,
            &cookie,
            &[
                ("title", "紫陽花と雨"),
                ("body", "雨でした。"),
                ("text_format", "markdown"),
                ("status", "publish"),
                ("date", "2006-06-15T14:52"),
                ("basename", "ajisai"),
                ("categories", "日記"),
            ],
        )
        .await;
        assert_eq!(res.status(), 303);
        let public = s.get_ok("/diary/2006/06/ajisai.html").await;
        assert!(public.contains("紫陽花と雨") && !public.contains("紫陽花を見に行った"));
        let top_after = s.get_ok("/diary/").await;
        assert_ne!(top, top_after);
        assert!(top_after.contains("紫陽花と雨"));
    }
}

#[tokio::test]
async fn invalid_input_comes_back_with_the_text_intact() {
    for s in servers().await {
        s.blog("diary", "ja", "Asia/Tokyo").await;
        let cookie = s.sign_in("owner", "correct horse battery").await;
        let res = save(
            &s,
            "/admin/diary/entries/new",
            &cookie,
            &[
                ("title", ""),
                ("body", "長い本文をここに書いた。"),
                ("text_format", "markdown"),
                ("status", "publish"),
                ("date", "someday"),
                ("basename", "a b"),
            ],
        )
        .await;
        assert_eq!(res.status(), 400);
        let html = res.text().await.expect("body");
        assert!(
            html.contains("長い本文をここに書いた。"),
            "the text typed is kept"
        );
        assert!(html.contains("aria-describedby=\"title-error\""));
        assert!(html.contains("id=\"date-error\"") && html.contains("id=\"basename-error\""));
        // The rule's message, in the admin's language (this owner's is English), names what
        // was typed.
        assert!(
            html.contains("The basename “a b” must not contain spaces"),
            "the basename problem: {}",
            html.split("id=\"basename-error\"")
                .nth(1)
                .unwrap_or("")
                .chars()
                .take(200)
                .collect::<String>()
        );
        assert!(!html.contains('\u{1f}'), "no message wiring shows");
        assert_eq!(
            s.app.export_mt("diary").await.expect("export"),
            "",
            "nothing was saved"
        );
    }
}

#[tokio::test]
async fn drafts_stay_private_and_scheduled_entries_appear_on_time() {
    for s in servers().await {
        s.blog("diary", "ja", "UTC").await;
        let cookie = s.sign_in("owner", "correct horse battery").await;
        let draft = save(
            &s,
            "/admin/diary/entries/new",
            &cookie,
            &[
                ("title", "Draft"),
                ("body", "x"),
                ("text_format", "markdown"),
                ("status", "draft"),
                ("date", "2010-01-01T10:00"),
                ("basename", "draft"),
            ],
        )
        .await;
        assert_eq!(draft.status(), 303);
        assert_eq!(s.get("/diary/2010/01/draft.html").await.status(), 404);

        let soon = jiff::Timestamp::now().as_second() + 2;
        let local = jiff::Timestamp::from_second(soon)
            .expect("ts")
            .to_zoned_datetime(jiff::tz::TimeZone::UTC);
        let date = local.strftime("%Y-%m-%dT%H:%M:%S").to_string();
        let path = format!("/diary/{}/{:02}/soon.html", local.year(), local.month());
        let res = save(
            &s,
            "/admin/diary/entries/new",
            &cookie,
            &[
                ("title", "Scheduled"),
                ("body", "on time"),
                ("text_format", "markdown"),
                ("status", "publish"),
                ("date", &date),
                ("basename", "soon"),
            ],
        )
        .await;
        assert_eq!(res.status(), 303);
        assert_eq!(s.get(&path).await.status(), 404, "not before its time");
        assert!(
            !s.get_ok("/diary/").await.contains("Scheduled"),
            "cached top page without it"
        );
        let mut seen = false;
        for _ in 0..60 {
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            if s.get(&path).await.status() == 200 && s.get_ok("/diary/").await.contains("Scheduled")
            {
                seen = true;
                break;
            }
        }
        assert!(
            seen,
            "{:?}: the scheduled entry did not appear (or the cached top page kept hiding it)",
            s.db.backend
        );
    }
}

#[tokio::test]
async fn roles_and_tenants_are_enforced_on_every_write() {
    for s in servers().await {
        s.blog("diary", "ja", "Asia/Tokyo").await;
        for login in ["ed", "au", "stranger"] {
            s.app
                .add_user(tsuzuri_app::users::AddUser {
                    login: login.into(),
                    email: format!("{login}@example.com"),
                    password: format!("{login}-password"),
                    is_admin: false,
                })
                .await
                .expect("user");
        }
        let blog = s
            .app
            .store
            .find_blog_by_slug("diary")
            .await
            .expect("q")
            .expect("blog")
            .blog_id();
        for (login, role) in [("ed", "editor"), ("au", "author")] {
            let u = s
                .app
                .store
                .find_user_by_login(login)
                .await
                .expect("q")
                .expect("user")
                .user_id();
            s.app.store.set_member(blog, u, role).await.expect("member");
        }
        let editor = s.sign_in("ed", "ed-password").await;
        let author = s.sign_in("au", "au-password").await;
        let stranger = s.sign_in("stranger", "stranger-password").await;
        let fields = [
            ("title", "編集者の記事"),
            ("body", "x"),
            ("text_format", "markdown"),
            ("status", "draft"),
        ];
        let res = save(&s, "/admin/diary/entries/new", &editor, &fields).await;
        assert_eq!(res.status(), 303);
        let editors_entry = location(&res).trim_end_matches("?saved=1").to_string();

        // The author can write their own entries but not touch the editor's.
        assert_eq!(s.get_as(&editors_entry, &author).await.0, 403);
        let csrf = csrf_of(&s.get_as("/admin/diary/entries/new", &author).await.1);
        let res = post(
            &s,
            &editors_entry,
            &author,
            &[
                ("csrf", csrf.as_str()),
                ("title", "乗っ取り"),
                ("body", "x"),
                ("text_format", "markdown"),
                ("status", "draft"),
            ],
        )
        .await;
        assert_eq!(res.status(), 403);
        let res = save(
            &s,
            "/admin/diary/entries/new",
            &author,
            &[
                ("title", "著者の記事"),
                ("body", "y"),
                ("text_format", "markdown"),
                ("status", "draft"),
            ],
        )
        .await;
        assert_eq!(res.status(), 303);
        let own = location(&res).trim_end_matches("?saved=1").to_string();
        assert_eq!(s.get_as(&own, &author).await.0, 200);
        // The editor may edit the author's entry.
        assert_eq!(s.get_as(&own, &editor).await.0, 200);

        // Someone with no role on the blog gets 404 everywhere, reads and writes alike.
        for path in ["/admin/diary/", "/admin/diary/entries/new", own.as_str()] {
            assert_eq!(s.get_as(path, &stranger).await.0, 404, "{path}");
        }
        let csrf = csrf_of(&s.get_as("/admin/", &stranger).await.1);
        let res = post(
            &s,
            "/admin/diary/entries/new",
            &stranger,
            &[
                ("csrf", csrf.as_str()),
                ("title", "侵入"),
                ("body", "z"),
                ("text_format", "markdown"),
                ("status", "publish"),
            ],
        )
        .await;
        assert_eq!(res.status(), 404);

        // A write without the form token is refused and changes nothing.
        let res = post(
            &s,
            &own,
            &author,
            &[
                ("title", "no token"),
                ("body", "x"),
                ("text_format", "markdown"),
                ("status", "draft"),
            ],
        )
        .await;
        assert_eq!(res.status(), 403);
        let export = s.app.export_mt("diary").await.expect("export");
        assert!(
            !export.contains("乗っ取り")
                && !export.contains("侵入")
                && !export.contains("no token")
        );
        assert!(export.contains("著者の記事") && export.contains("編集者の記事"));
    }
}

#[tokio::test]
async fn revisions_restore_and_moved_entries_keep_their_old_urls() {
    for s in servers().await {
        s.blog("diary", "ja", "Asia/Tokyo").await;
        let cookie = s.sign_in("owner", "correct horse battery").await;
        let first = [
            ("title", "最初の題"),
            ("body", "一行目\n二行目"),
            ("text_format", "markdown"),
            ("status", "publish"),
            ("date", "2006-06-15T14:52"),
            ("basename", "first-name"),
        ];
        let res = save(&s, "/admin/diary/entries/new", &cookie, &first).await;
        let edit = location(&res).trim_end_matches("?saved=1").to_string();
        let second = [
            ("title", "新しい題"),
            ("body", "一行目\n書き直した二行目"),
            ("text_format", "markdown"),
            ("status", "publish"),
            ("date", "2006-07-01T09:00"),
            ("basename", "second-name"),
        ];
        assert_eq!(save(&s, &edit, &cookie, &second).await.status(), 303);

        // The old permalink answers 301 with the new one.
        let res = s.get("/diary/2006/06/first-name.html").await;
        assert_eq!(res.status(), 301, "{:?}", s.db.backend);
        assert_eq!(location(&res), s.url("/diary/2006/07/second-name.html"));
        assert!(
            s.get_ok("/diary/2006/07/second-name.html")
                .await
                .contains("新しい題")
        );

        // Two revisions; the first compared with now shows the changed lines.
        let revisions_path = edit.replace("/edit", "/revisions");
        let (status, list) = s.get_as(&revisions_path, &cookie).await;
        assert_eq!(status, 200);
        assert_eq!(list.matches("Compare and restore").count(), 2);
        let oldest = list
            .rmatch_indices("/revisions/")
            .next()
            .map(|(i, _)| i)
            .expect("link");
        let rev_id: String = list[oldest + "/revisions/".len()..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        let (status, cmp) = s
            .get_as(&format!("{revisions_path}/{rev_id}"), &cookie)
            .await;
        assert_eq!(status, 200);
        assert!(
            cmp.contains("- 二行目")
                && cmp.contains("+ 書き直した二行目")
                && cmp.contains("  一行目"),
            "{cmp}"
        );
        assert!(cmp.contains("<del>最初の題</del>"));

        // Restore: the first state is back, at its first URL, and the history grew.
        let csrf = csrf_of(&cmp);
        let res = post(
            &s,
            &format!("{revisions_path}/{rev_id}/restore"),
            &cookie,
            &[("csrf", csrf.as_str())],
        )
        .await;
        assert_eq!(res.status(), 303);
        let page = s.get_ok("/diary/2006/06/first-name.html").await;
        assert!(page.contains("最初の題") && page.contains("二行目"));
        let res = s.get("/diary/2006/07/second-name.html").await;
        assert_eq!(res.status(), 301);
        assert_eq!(location(&res), s.url("/diary/2006/06/first-name.html"));
        assert_eq!(
            s.get_as(&revisions_path, &cookie)
                .await
                .1
                .matches("Compare and restore")
                .count(),
            3
        );
        // Restoring without the form token is refused.
        assert_eq!(
            post(
                &s,
                &format!("{revisions_path}/{rev_id}/restore"),
                &cookie,
                &[]
            )
            .await
            .status(),
            403
        );
        if s.db.backend == tsuzuri_test_support::Backend::Sqlite {
            let list = s.get_as(&revisions_path, &cookie).await.1;
            tsuzuri_test_support::validators::assert_valid_html(&[
                ("revisions", list),
                ("revision", cmp),
            ]);
        }
    }
}

#[tokio::test]
async fn deleting_goes_to_a_trash_that_gives_entries_back() {
    for s in servers().await {
        s.blog("diary", "ja", "Asia/Tokyo").await;
        let cookie = s.sign_in("owner", "correct horse battery").await;
        let fields = [
            ("title", "消す記事"),
            ("body", "x"),
            ("text_format", "markdown"),
            ("status", "publish"),
            ("date", "2006-06-15T14:52"),
            ("basename", "bye"),
        ];
        let res = save(&s, "/admin/diary/entries/new", &cookie, &fields).await;
        let edit = location(&res).trim_end_matches("?saved=1").to_string();
        s.get_ok("/diary/2006/06/bye.html").await;

        let (_, form) = s.get_as(&edit, &cookie).await;
        let csrf = csrf_of(&form);
        let trash_url = edit.replace("/edit", "/trash");
        assert_eq!(
            post(&s, &trash_url, &cookie, &[]).await.status(),
            403,
            "needs the form token"
        );
        let res = post(&s, &trash_url, &cookie, &[("csrf", csrf.as_str())]).await;
        assert_eq!(res.status(), 303, "{:?}", s.db.backend);
        assert_eq!(location(&res), "/admin/diary/trash");
        assert_eq!(
            s.get("/diary/2006/06/bye.html").await.status(),
            410,
            "readers no longer see it, and are told it is gone"
        );
        assert!(!s.get_ok("/diary/").await.contains("消す記事"));
        assert!(
            !s.app
                .export_mt("diary")
                .await
                .expect("export")
                .contains("消す記事")
        );
        assert_eq!(
            s.get_as(&edit, &cookie).await.0,
            409,
            "a trashed entry is restored before editing"
        );

        let (status, trash) = s.get_as("/admin/diary/trash", &cookie).await;
        assert_eq!(status, 200);
        assert!(trash.contains("消す記事") && trash.contains("Restore"));
        let res = post(
            &s,
            &edit.replace("/edit", "/restore"),
            &cookie,
            &[("csrf", csrf.as_str())],
        )
        .await;
        assert_eq!(res.status(), 303);
        assert!(
            s.get_ok("/diary/2006/06/bye.html")
                .await
                .contains("消す記事"),
            "published again, as before"
        );
        assert!(
            !s.get_as("/admin/diary/trash", &cookie)
                .await
                .1
                .contains("消す記事")
        );

        // After 30 days in the trash an entry is gone for good; newer ones stay.
        let res = post(&s, &trash_url, &cookie, &[("csrf", csrf.as_str())]).await;
        assert_eq!(res.status(), 303);
        assert_eq!(s.app.purge_old_trash().await.expect("purge"), 0, "not yet");
        let later = jiff::Timestamp::now().as_second() + 31 * 86_400;
        assert_eq!(s.app.store.purge_trash(later).await.expect("purge"), 1);
        assert!(
            !s.get_as("/admin/diary/trash", &cookie)
                .await
                .1
                .contains("消す記事")
        );
        if s.db.backend == tsuzuri_test_support::Backend::Sqlite {
            tsuzuri_test_support::validators::assert_valid_html(&[("trash", trash)]);
        }
    }
}

#[tokio::test]
async fn owners_change_blog_settings_and_readers_see_them() {
    for s in servers().await {
        s.blog("diary", "ja", "Asia/Tokyo").await;
        s.import("diary", "TITLE: 記事\nBASENAME: post\nSTATUS: Publish\nDATE: 06/15/2006 14:52:00\n-----\nBODY:\n本文\n-----\n--------\n").await;
        assert!(
            s.get_ok("/diary/2006/06/post.html")
                .await
                .contains("2006年6月15日 (木) 14時52分")
        );
        let cookie = s.sign_in("owner", "correct horse battery").await;
        let (status, form) = s.get_as("/admin/diary/settings", &cookie).await;
        assert_eq!(status, 200);
        assert!(form.contains("value=\"Asia/Tokyo\""));
        if s.db.backend == tsuzuri_test_support::Backend::Sqlite {
            tsuzuri_test_support::validators::assert_valid_html(&[("settings", form.clone())]);
        }

        let bad = save(
            &s,
            "/admin/diary/settings",
            &cookie,
            &[
                ("title", "My notes"),
                ("description", "d"),
                ("lang", "en"),
                ("timezone", "Mars/Olympus"),
                ("theme", "classic"),
            ],
        )
        .await;
        assert_eq!(bad.status(), 400);
        let html = bad.text().await.expect("body");
        assert!(html.contains("id=\"timezone-error\"") && html.contains("value=\"My notes\""));
        assert!(
            s.get_ok("/diary/").await.contains("diary の日記"),
            "nothing changed"
        );

        let ok = save(
            &s,
            "/admin/diary/settings",
            &cookie,
            &[
                ("title", "My notes"),
                ("description", "Walks and books"),
                ("lang", "en"),
                ("timezone", "UTC"),
                ("theme", "minimal"),
            ],
        )
        .await;
        assert_eq!(ok.status(), 200, "{:?}", s.db.backend);
        assert!(ok.text().await.expect("body").contains("Settings saved."));
        let page = s.get_ok("/diary/2006/06/post.html").await;
        assert!(page.contains("My notes") && page.contains("lang=\"en\""));
        assert!(
            page.contains("June 15, 2006 5:52 AM"),
            "dates follow the new zone and language: {page}"
        );
        assert!(
            page.contains("/assets/minimal.css") && !page.contains("/assets/classic.css"),
            "the chosen theme"
        );
        let missing = s.get("/diary/2006/06/no-such-entry.html").await;
        assert_eq!(missing.status(), 404);
        let missing = missing.text().await.expect("body");
        assert!(
            missing.contains("/assets/minimal.css") && !missing.contains("/assets/classic.css"),
            "the blog's 404 wears its theme too: {missing}"
        );

        // Only owners: an editor may write but not change the blog.
        s.app
            .add_user(tsuzuri_app::users::AddUser {
                login: "ed".into(),
                email: "ed@example.com".into(),
                password: "ed-password".into(),
                is_admin: false,
            })
            .await
            .expect("user");
        let blog = s
            .app
            .store
            .find_blog_by_slug("diary")
            .await
            .expect("q")
            .expect("blog")
            .blog_id();
        let ed = s
            .app
            .store
            .find_user_by_login("ed")
            .await
            .expect("q")
            .expect("ed")
            .user_id();
        s.app
            .store
            .set_member(blog, ed, "editor")
            .await
            .expect("member");
        let editor = s.sign_in("ed", "ed-password").await;
        assert_eq!(s.get_as("/admin/diary/settings", &editor).await.0, 403);
        let csrf = csrf_of(&s.get_as("/admin/diary/", &editor).await.1);
        let res = post(
            &s,
            "/admin/diary/settings",
            &editor,
            &[
                ("csrf", csrf.as_str()),
                ("title", "Hijacked"),
                ("lang", "en"),
                ("timezone", "UTC"),
            ],
        )
        .await;
        assert_eq!(res.status(), 403);
        assert!(!s.get_ok("/diary/").await.contains("Hijacked"));
    }
}

#[tokio::test]
async fn preview_shows_the_unsaved_entry_with_the_blogs_theme() {
    for s in servers().await {
        s.blog("diary", "ja", "Asia/Tokyo").await;
        let cookie = s.sign_in("owner", "correct horse battery").await;
        let (_, form) = s.get_as("/admin/diary/entries/new", &cookie).await;
        assert!(form.contains("formaction=\"/admin/diary/entries/preview\""));
        let csrf = csrf_of(&form);
        let fields = [
            ("csrf", csrf.as_str()),
            ("title", "下書きの見た目"),
            ("body", "**太字**と<script>alert(1)</script>"),
            ("text_format", "markdown"),
            ("status", "draft"),
            ("date", "2006-06-15T14:52"),
            ("categories", "日記"),
        ];
        // The admin keeps the draft and sends the browser to the blog's origin: the owner's
        // templates never render beside the admin.
        let res = post(&s, "/admin/diary/entries/preview", &cookie, &fields).await;
        assert_eq!(res.status(), 303, "{:?}", s.db.backend);
        let location = res.headers()["location"]
            .to_str()
            .expect("location")
            .to_string();
        let token_path = location
            .strip_prefix(&format!("{}/_preview/", s.base))
            .unwrap_or_else(|| panic!("preview on the blog origin, not {location}"));
        assert!(token_path.len() >= 40, "an unguessable address");
        let res = s.client.get(&location).send().await.expect("preview");
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["cache-control"], "no-store");
        assert!(res.headers().get("set-cookie").is_none());
        let html = res.text().await.expect("body");
        assert!(html.contains("下書きの見た目") && html.contains("<strong>太字</strong>"));
        assert!(
            !html.contains("<script>alert"),
            "previews are sanitised like saved entries"
        );
        assert!(
            html.contains("2006年6月15日 (木) 14時52分") && html.contains("/assets/classic.css")
        );
        assert!(
            html.contains("diary の日記"),
            "with the blog's own header and sidebar"
        );
        // A wrong or altered secret shows nothing; the admin origin never renders it.
        let altered = format!("{}x", &location[..location.len() - 1]);
        assert_eq!(
            s.client.get(&altered).send().await.expect("GET").status(),
            404
        );
        let on_admin = location.replace(&s.base, &s.admin_base);
        let res = s.client.get(&on_admin).send().await.expect("GET");
        assert_eq!(
            res.status(),
            303,
            "the admin origin sends blog paths to the blog origin"
        );
        // Nothing was saved, and a preview needs the form token and a role on the blog.
        assert_eq!(s.app.export_mt("diary").await.expect("export"), "");
        assert_eq!(
            post(&s, "/admin/diary/entries/preview", &cookie, &fields[1..])
                .await
                .status(),
            403
        );
    }
}

#[tokio::test]
async fn the_entry_list_filters_by_status_and_text_and_paginates() {
    for s in servers().await {
        s.blog("diary", "ja", "Asia/Tokyo").await;
        let mut mt = String::new();
        for i in 1..=30 {
            let status = if i % 3 == 0 { "Draft" } else { "Publish" };
            let word = if i == 7 { "紫陽花" } else { "日記" };
            let category = if i % 5 == 0 { "CATEGORY: 旅行\n" } else { "" };
            mt.push_str(&format!(
                "TITLE: {word}その{i}\nBASENAME: e{i}\nSTATUS: {status}\n{category}DATE: 06/{i:02}/2006 10:00:00\n-----\nBODY:\n本文{i} 100%_done\n-----\n--------\n"
            ));
        }
        s.import("diary", &mt).await;
        let cookie = s.sign_in("owner", "correct horse battery").await;
        let (status, all) = s.get_as("/admin/diary/entries", &cookie).await;
        assert_eq!(status, 200, "{:?}", s.db.backend);
        assert!(all.contains("30 entries") && all.contains("Page 1 of 2"));
        let (_, drafts) = s.get_as("/admin/diary/entries?status=draft", &cookie).await;
        assert!(
            drafts.contains("10 entries")
                && drafts.contains("日記その3")
                && !drafts.contains("日記その1<")
        );
        let (_, found) = s
            .get_as(
                "/admin/diary/entries?q=%E7%B4%AB%E9%99%BD%E8%8A%B1",
                &cookie,
            )
            .await;
        assert!(found.contains("1 entry") && found.contains("紫陽花その7"));
        // LIKE wildcards in the query are taken literally.
        let (_, literal) = s.get_as("/admin/diary/entries?q=100%25_d", &cookie).await;
        assert!(literal.contains("30 entries"), "{literal}");
        let (_, none) = s.get_as("/admin/diary/entries?q=%25%25x", &cookie).await;
        assert!(none.contains("0 entries") && none.contains("No entries match."));
        // The category filter: by the category's path, offered as a select.
        assert!(
            all.contains("<option value=\"旅行\">旅行</option>"),
            "{all}"
        );
        let (_, travel) = s
            .get_as("/admin/diary/entries?category=%E6%97%85%E8%A1%8C", &cookie)
            .await;
        assert!(
            travel.contains("6 entries")
                && travel.contains("日記その25")
                && !travel.contains("日記その24"),
            "{travel}"
        );
        let (_, travel_drafts) = s
            .get_as(
                "/admin/diary/entries?category=%E6%97%85%E8%A1%8C&status=draft",
                &cookie,
            )
            .await;
        assert!(travel_drafts.contains("2 entries"), "e15 and e30");
        assert_eq!(
            s.get_as("/admin/diary/entries?category=nope", &cookie)
                .await
                .0,
            400
        );
        let (_, page2) = s.get_as("/admin/diary/entries?page=2", &cookie).await;
        assert!(page2.contains("Page 2 of 2") && page2.contains("日記その1<"));
        assert_eq!(
            s.get_as("/admin/diary/entries?status=bogus", &cookie)
                .await
                .0,
            400
        );
        if s.db.backend == tsuzuri_test_support::Backend::Sqlite {
            tsuzuri_test_support::validators::assert_valid_html(&[("entries", all)]);
        }
    }
}
