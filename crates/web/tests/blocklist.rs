//! Host-wide blocklists over HTTP on both backends: set by a host administrator, applied to
//! comments and TrackBacks of every blog, with the reason kept for the owner.

use tsuzuri_test_support::{TestServer, csrf_of, servers};

const ENTRY: &str = "/diary/2026/06/ajisai.html";

async fn set_lists(s: &TestServer, cookie: &str, ips: &str, domains: &str, words: &str) -> u16 {
    let (_, page) = s.get_as("/admin/", cookie).await;
    let res = s
        .client
        .post(s.url("/admin/host"))
        .header("cookie", cookie)
        .form(&[
            ("csrf", csrf_of(&page).as_str()),
            ("action", "blocklist"),
            ("blocked_ips", ips),
            ("blocked_domains", domains),
            ("blocked_words", words),
        ])
        .send()
        .await
        .expect("save lists");
    res.status().as_u16()
}

async fn comment(s: &TestServer, id: &str, body: &str) -> (u16, String) {
    let res = s
        .client
        .post(s.url("/diary/comments"))
        .form(&[
            ("entry_id", id),
            ("author", "読者"),
            ("email", "r@example.jp"),
            ("body", body),
        ])
        .send()
        .await
        .expect("comment");
    (res.status().as_u16(), res.text().await.expect("body"))
}

#[tokio::test]
async fn blocked_addresses_domains_and_words() {
    for s in servers().await {
        s.blog("diary", "ja", "Asia/Tokyo").await;
        s.import(
            "diary",
            "TITLE: 紫陽花\nBASENAME: ajisai\nSTATUS: Publish\nALLOW COMMENTS: 1\nALLOW PINGS: 1\nDATE: 06/15/2026 14:52:00\n-----\nBODY:\n青かった。\n-----\n--------\n",
        )
        .await;
        let page = s.get_ok(ENTRY).await;
        let at = page.find("name=\"entry_id\" value=\"").expect("form") + 23;
        let id = page[at..].split('"').next().expect("id").to_owned();
        let admin = s.sign_in("owner", "correct horse battery").await;
        assert_eq!(
            set_lists(
                &s,
                &admin,
                "# ranges end in a dot\n198.51.100.\n",
                "https://spam.example/\n",
                "カジノ\n"
            )
            .await,
            303
        );
        let (_, host) = s.get_as("/admin/host", &admin).await;
        assert!(
            host.contains("198.51.100.")
                && host.contains(">spam.example<")
                && host.contains("カジノ")
        );
        assert!(!host.contains("# ranges"), "notes are not kept");
        let title = host.split("</title>").next().expect("title");
        assert!(
            !title.contains("Blocklists"),
            "the section is in the page, not its title"
        );
        let main = host.split("<main").nth(1).expect("main");
        assert!(main.contains("<h2 id=\"block-h\">Blocklists</h2>"));

        let (status, body) = comment(&s, &id, "いい記事 https://www.spam.example/pills").await;
        assert_eq!(status, 202, "kept as spam");
        assert!(body.contains("自動投稿の疑い"));
        assert_eq!(comment(&s, &id, "オンラインカジノはこちら").await.0, 202);
        assert_eq!(comment(&s, &id, "普通の感想です。").await.0, 303);
        let (_, queue) = s.get_as("/admin/diary/comments?status=spam", &admin).await;
        assert!(
            queue.contains("links to the blocked domain spam.example"),
            "{queue}"
        );
        assert!(
            queue.contains("contains the blocked word &quot;カジノ&quot;")
                || queue.contains("contains the blocked word \"カジノ\""),
            "{queue}"
        );
        let page = s.get_ok(ENTRY).await;
        assert!(page.contains("普通の感想です。") && !page.contains("カジノはこちら"));

        // A TrackBack from a blocked domain is refused with the reason (no fetch needed).
        let res = s
            .client
            .post(s.url(&format!("/diary/trackback/{id}")))
            .header(
                "content-type",
                "application/x-www-form-urlencoded; charset=utf-8",
            )
            .body("url=http%3A%2F%2Fblog.spam.example%2Fp&title=x")
            .send()
            .await
            .expect("ping");
        let xml = res.text().await.expect("body");
        assert!(
            xml.contains("<error>1</error>") && xml.contains("blocked domain spam.example"),
            "{xml}"
        );

        // Only host administrators keep the lists.
        s.user_with_role("ed", "diary", "editor").await;
        let editor = s.sign_in("ed", "ed-password").await;
        assert_eq!(set_lists(&s, &editor, "", "", "").await, 403);

        // This address (loopback) blocked: comments are refused with the text kept.
        assert_eq!(set_lists(&s, &admin, "127.0.0.1", "", "").await, 303);
        let (status, body) = comment(&s, &id, "ブロックされた人の長いコメント").await;
        assert_eq!(status, 403);
        assert!(
            body.contains("ブロックされた人の長いコメント</textarea>")
                && body.contains("受け付けていません")
        );
        if s.db.backend == tsuzuri_test_support::Backend::Sqlite {
            tsuzuri_test_support::validators::assert_valid_html(&[("host", host)]);
        }
    }
}
