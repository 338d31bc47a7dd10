//! Readers' comments over HTTP on both backends: the form, errors with the text kept,
//! policies, threads, spam signals with their reasons, rate limits, and moderation.

use tsuzuri_test_support::{TestServer, csrf_of, servers};

const ENTRY: &str = "/diary/2026/06/ajisai.html";

async fn blog_with_entry(s: &TestServer) -> i64 {
    s.blog("diary", "ja", "Asia/Tokyo").await;
    s.import(
        "diary",
        "TITLE: 紫陽花\nBASENAME: ajisai\nSTATUS: Publish\nALLOW COMMENTS: 1\nDATE: 06/15/2026 14:52:00\n-----\nBODY:\n青かった。\n-----\n--------\n",
    )
    .await;
    let page = s.get_ok(ENTRY).await;
    let at = page
        .find("name=\"entry_id\" value=\"")
        .expect("entry id field")
        + 23;
    page[at..]
        .split('"')
        .next()
        .expect("id")
        .parse()
        .expect("number")
}

async fn comment(s: &TestServer, fields: &[(&str, &str)]) -> reqwest::Response {
    s.client
        .post(s.url("/diary/comments"))
        .form(fields)
        .send()
        .await
        .expect("POST comment")
}

async fn set_policy(s: &TestServer, policy: &str, close_days: &str) {
    let owner = s.sign_in("owner", "correct horse battery").await;
    let (_, page) = s.get_as("/admin/diary/settings", &owner).await;
    let res = s
        .client
        .post(s.url("/admin/diary/settings"))
        .header("cookie", &owner)
        .form(&[
            ("csrf", csrf_of(&page).as_str()),
            ("title", "日記"),
            ("description", ""),
            ("lang", "ja"),
            ("timezone", "Asia/Tokyo"),
            ("theme", "classic"),
            ("comment_policy", policy),
            ("comments_close_days", close_days),
        ])
        .send()
        .await
        .expect("settings");
    let status = res.status();
    let body = res.text().await.expect("body");
    assert!(
        status == 200 && !body.contains("were not saved"),
        "settings: {status} {body}"
    );
}

#[tokio::test]
async fn readers_comment_and_reply_and_the_email_is_never_shown() {
    for s in servers().await {
        let id = blog_with_entry(&s).await.to_string();
        let page = s.get_ok(ENTRY).await;
        assert!(page.contains("(公開されません)") && page.contains("action=\"http"));

        let res = comment(
            &s,
            &[
                ("entry_id", &id),
                ("author", "たろう"),
                ("email", "taro@example.jp"),
                ("url", "https://taro.example.jp/"),
                ("body", "きれいですね。\n鎌倉ですか？"),
            ],
        )
        .await;
        assert_eq!(res.status(), 303);
        let to = res.headers()["location"]
            .to_str()
            .expect("location")
            .to_owned();
        assert!(to.contains(ENTRY) && to.contains("#comment-"), "{to}");
        let first = to.rsplit_once("#comment-").expect("anchor").1.to_owned();
        let page = s.get_ok(ENTRY).await;
        assert!(
            page.contains("きれいですね。<br>\n鎌倉ですか？")
                || page.contains("きれいですね。<br>鎌倉ですか？"),
            "the line break is kept: {page}"
        );
        assert!(
            !page.contains("taro@example.jp"),
            "the e-mail is never shown"
        );

        // A reply nests under its parent.
        let res = comment(
            &s,
            &[
                ("entry_id", &id),
                ("parent_id", &first),
                ("author", "はなこ"),
                ("email", "hana@example.jp"),
                ("body", "鎌倉です！"),
            ],
        )
        .await;
        assert_eq!(res.status(), 303);
        let page = s.get_ok(ENTRY).await;
        assert!(
            page.contains("depth-1") && page.contains("鎌倉です！"),
            "{page}"
        );
        assert!(page.contains(&format!("data-reply-to=\"{first}\"")));

        // Sending the same comment again does not post it twice.
        let res = comment(
            &s,
            &[
                ("entry_id", &id),
                ("author", "はなこ"),
                ("email", "hana@example.jp"),
                ("body", "鎌倉です！"),
            ],
        )
        .await;
        assert_eq!(res.status(), 303);
        assert_eq!(s.get_ok(ENTRY).await.matches("鎌倉です！").count(), 1);

        if s.db.backend == tsuzuri_test_support::Backend::Sqlite {
            tsuzuri_test_support::validators::assert_valid_html(&[("entry-with-thread", page)]);
        }
    }
}

#[tokio::test]
async fn refused_comments_come_back_with_the_text_and_the_reason() {
    for s in servers().await {
        let id = blog_with_entry(&s).await.to_string();
        let res = comment(
            &s,
            &[
                ("entry_id", &id),
                ("author", ""),
                ("email", "not-an-address"),
                ("url", "javascript:alert(1)"),
                ("body", "長い感想を書きました。消えないでほしい。"),
            ],
        )
        .await;
        assert_eq!(res.status(), 400);
        assert_eq!(res.headers()["cache-control"], "no-store");
        let page = res.text().await.expect("body");
        assert!(
            page.contains("長い感想を書きました。消えないでほしい。</textarea>"),
            "the text is kept"
        );
        assert!(page.contains("value=\"not-an-address\""));
        for field in ["author", "email", "url"] {
            assert!(
                page.contains(&format!("id=\"comment-{field}-error\"")),
                "{field}"
            );
        }
        if s.db.backend == tsuzuri_test_support::Backend::Sqlite {
            tsuzuri_test_support::validators::assert_valid_html(&[("entry-comment-errors", page)]);
        }
        assert_eq!(
            comment(&s, &[("entry_id", "999999"), ("body", "x")])
                .await
                .status(),
            404
        );

        // The field hidden from people: kept as spam for the owner, and the reader is told.
        let res = comment(
            &s,
            &[
                ("entry_id", &id),
                ("author", "bot"),
                ("email", "bot@example.com"),
                ("body", "cheap pills"),
                ("website", "http://spam.example/"),
            ],
        )
        .await;
        assert_eq!(res.status(), 202);
        assert!(res.text().await.expect("body").contains("自動投稿の疑い"));
        // Too fast after the page was opened.
        let now = jiff::Timestamp::now().as_second().to_string();
        let res = comment(
            &s,
            &[
                ("entry_id", &id),
                ("author", "速い"),
                ("email", "fast@example.com"),
                ("body", "はやい"),
                ("started_at", &now),
            ],
        )
        .await;
        assert_eq!(res.status(), 202);
        // Many links: held for moderation.
        let res = comment(
            &s,
            &[
                ("entry_id", &id),
                ("author", "リンク"),
                ("email", "l@example.com"),
                (
                    "body",
                    "http://a.example/ http://b.example/ http://c.example/",
                ),
            ],
        )
        .await;
        assert_eq!(res.status(), 202);
        assert!(
            res.text()
                .await
                .expect("body")
                .contains("承認すると表示されます")
        );
        let page = s.get_ok(ENTRY).await;
        assert!(
            !page.contains("cheap pills")
                && !page.contains("はやい")
                && !page.contains("c.example")
        );

        // The owner sees each with its reasons, the e-mail and the address.
        let owner = s.sign_in("owner", "correct horse battery").await;
        let (_, spam) = s.get_as("/admin/diary/comments?status=spam", &owner).await;
        assert!(
            spam.contains("the field hidden from people was filled in")
                && spam.contains("bot@example.com")
        );
        assert!(spam.contains("after the page was opened") && spam.contains("127.0.0.1"));
        let (_, pending) = s.get_as("/admin/diary/comments", &owner).await;
        assert!(pending.contains("Held because: 3 URLs"), "{pending}");
        // The private feed of the queue: found through the queue page, valid Atom, and
        // nothing without the right key.
        let feed_url = pending
            .split("href=\"")
            .filter_map(|h| h.split('"').next())
            .find(|h| h.contains("/moderation.atom?key="))
            .expect("feed link")
            .replace("&amp;", "&");
        let feed = reqwest::get(&feed_url).await.expect("feed");
        assert_eq!(feed.status(), 200);
        assert!(
            feed.headers()["content-type"]
                .to_str()
                .expect("ct")
                .starts_with("application/atom+xml")
        );
        let xml = feed.text().await.expect("xml");
        assert!(
            xml.contains("Comment by リンク") && xml.contains("Held because: 3 URLs"),
            "{xml}"
        );
        tsuzuri_test_support::validators::assert_valid_atom(&xml);
        let wrong = feed_url
            .rsplit_once('=')
            .map(|(a, _)| format!("{a}=nope"))
            .expect("key");
        assert_eq!(reqwest::get(&wrong).await.expect("feed").status(), 404);
        assert_eq!(s.get("/admin/diary/moderation.atom").await.status(), 404);
        let (_, home) = s.get_as("/admin/", &owner).await;
        assert!(
            home.contains("class=\"badge\" href=\"/admin/diary/comments\">1 awaiting moderation<"),
            "the dashboard's badge counts what awaits moderation: {home}"
        );
        let (_, dash) = s.get_as("/admin/diary/", &owner).await;
        assert!(
            dash.contains("<strong>1</strong> comment"),
            "the pending count"
        );

        // More than the limit from one address within ten minutes: refused, text kept.
        for i in 0..2 {
            let body = format!("コメント{i}");
            comment(
                &s,
                &[
                    ("entry_id", &id),
                    ("author", "多い"),
                    ("email", "m@example.com"),
                    ("body", &body),
                ],
            )
            .await;
        }
        let res = comment(
            &s,
            &[
                ("entry_id", &id),
                ("author", "多い"),
                ("email", "m@example.com"),
                ("body", "もう一つ"),
            ],
        )
        .await;
        assert_eq!(res.status(), 429);
        assert!(
            res.text()
                .await
                .expect("body")
                .contains("もう一つ</textarea>")
        );
    }
}

#[tokio::test]
async fn policies_and_moderation() {
    for s in servers().await {
        let id = blog_with_entry(&s).await.to_string();
        let fields = |body: &'static str| {
            vec![
                ("entry_id", id.clone()),
                ("author", "読者".to_string()),
                ("email", "r@example.jp".to_string()),
                ("body", body.to_string()),
            ]
        };
        let post = |body: &'static str| {
            let f = fields(body);
            let s = &s;
            async move {
                s.client
                    .post(s.url("/diary/comments"))
                    .form(&f)
                    .send()
                    .await
                    .expect("post")
            }
        };

        // Moderated: held, then approved in bulk from the queue.
        set_policy(&s, "moderated", "").await;
        let res = post("承認待ちのコメント").await;
        assert_eq!(res.status(), 202);
        assert!(!s.get_ok(ENTRY).await.contains("承認待ちのコメント"));
        let owner = s.sign_in("owner", "correct horse battery").await;
        let (_, queue) = s.get_as("/admin/diary/comments", &owner).await;
        assert!(queue.contains("the blog moderates every comment"));
        let cid = queue
            .split("name=\"ids\" value=\"")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .expect("id")
            .to_owned();
        let res = s
            .client
            .post(s.url("/admin/diary/comments/moderate"))
            .header("cookie", &owner)
            .form(&[
                ("csrf", csrf_of(&queue).as_str()),
                ("action", "approve"),
                ("ids", cid.as_str()),
                ("from", "pending"),
            ])
            .send()
            .await
            .expect("moderate");
        assert_eq!(res.status(), 303);
        assert!(s.get_ok(ENTRY).await.contains("承認待ちのコメント"));

        // One item's own button acts on that item alone.
        let res = post("ひとつだけ承認").await;
        assert_eq!(res.status(), 202);
        let (_, queue) = s.get_as("/admin/diary/comments", &owner).await;
        let one = queue
            .split("name=\"item\" value=\"approve:")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .expect("a per-item Approve button")
            .to_owned();
        assert!(queue.contains("data-select-all"), "a select-all box");
        let res = s
            .client
            .post(s.url("/admin/diary/comments/moderate"))
            .header("cookie", &owner)
            .form(&[
                ("csrf", csrf_of(&queue).as_str()),
                ("item", format!("approve:{one}").as_str()),
                ("from", "pending"),
            ])
            .send()
            .await
            .expect("moderate one");
        assert_eq!(res.status(), 303);
        assert!(
            res.headers()["location"]
                .to_str()
                .expect("loc")
                .ends_with("done=1")
        );
        assert!(s.get_ok(ENTRY).await.contains("ひとつだけ承認"));
        if s.db.backend == tsuzuri_test_support::Backend::Sqlite {
            tsuzuri_test_support::validators::assert_valid_html(&[("queue", queue)]);
        }

        // An author of the blog may not moderate; a stranger does not see the blog.
        s.user_with_role("au", "diary", "author").await;
        let author = s.sign_in("au", "au-password").await;
        assert_eq!(s.get_as("/admin/diary/comments", &author).await.0, 403);

        // Signed-in only: anonymous comments are refused with the reason, and so is a session
        // cookie sent to the blog origin (it never sees one). The entry links to the comment
        // page on the admin origin, where the session lives.
        set_policy(&s, "signed_in", "").await;
        let res = post("匿名です").await;
        assert_eq!(res.status(), 403);
        assert!(res.text().await.expect("body").contains("サインイン"));
        let res = s
            .client
            .post(s.url("/diary/comments"))
            .header("cookie", &author)
            .form(&[("entry_id", id.as_str()), ("body", "著者のコメント")])
            .send()
            .await
            .expect("post");
        assert_eq!(res.status(), 403, "the blog origin ignores session cookies");
        let comment_page = format!("/admin/comment/diary/{id}");
        let entry_page = s.get_ok(ENTRY).await;
        assert!(entry_page.contains(&format!("{}{comment_page}", s.admin_base)));
        assert!(
            !entry_page.contains("name=\"body\""),
            "no form that could not work"
        );
        let (status, form) = s.get_as(&comment_page, &author).await;
        assert_eq!(status, 200);
        let res = s
            .client
            .post(s.url(&comment_page))
            .header("cookie", &author)
            .form(&[
                ("csrf", csrf_of(&form).as_str()),
                ("body", "著者のコメント"),
            ])
            .send()
            .await
            .expect("post");
        assert_eq!(res.status(), 303);
        let location = res.headers()["location"].to_str().expect("location");
        assert!(location.starts_with(&format!("{}{ENTRY}#comment-", s.base)));
        assert!(s.get_ok(ENTRY).await.contains("著者のコメント"));
        // Without a session the comment page asks to sign in first.
        let res = s.get(&comment_page).await;
        assert_eq!(res.status(), 303);

        // Closed, and closed after N days: no form, and a post is refused.
        set_policy(&s, "open", "1").await;
        let page = s.get_ok(ENTRY).await;
        assert!(
            page.contains("この記事へのコメントは受け付けていません。")
                && !page.contains("name=\"body\"")
        );
        assert_eq!(post("遅すぎた").await.status(), 403);
        set_policy(&s, "closed", "").await;
        assert_eq!(post("閉鎖中").await.status(), 403);
        set_policy(&s, "open", "").await;
        assert_eq!(post("また開いた").await.status(), 303);
    }
}
