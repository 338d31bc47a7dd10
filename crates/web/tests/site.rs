//! The reading site over HTTP against a real server on loopback, on SQLite and PostgreSQL.

use tsuzuri_test_support::{TestServer, servers};

/// Three published entries in June 2006 (Tokyo), one draft, one far-future entry, with a
/// comment (with e-mail and IP that must never be shown) and a TrackBack.
const SITE: &str = "AUTHOR: kaz
TITLE: 最初の記事
BASENAME: first
STATUS: Publish
ALLOW COMMENTS: 1
CONVERT BREAKS: __default__
ALLOW PINGS: 1
PRIMARY CATEGORY: 日記
CATEGORY: 日記
DATE: 06/01/2006 09:00:00 AM
TAGS: rust,\"blog tools\"
-----
BODY:
一行目
二行目

次の段落
-----
EXTENDED BODY:
続きの本文
-----
COMMENT:
AUTHOR: 読者A
EMAIL: secret-reader@example.com
IP: 203.0.113.9
URL: http://reader.example/
DATE: 06/02/2006 10:00:00 AM
はじめまして。
<script>alert(1)</script>
-----
PING:
TITLE: 言及しました
URL: http://other.example/entry/1
IP: 198.51.100.7
BLOG NAME: よその日記
DATE: 06/03/2006 11:30:00 PM
こちらの記事で紹介しました。
-----
--------
AUTHOR: kaz
TITLE: 二番目の記事
BASENAME: second
STATUS: Publish
CONVERT BREAKS: markdown
PRIMARY CATEGORY: 日記
CATEGORY: 日記
DATE: 06/15/2006 14:52:00
-----
BODY:
| a | b |
|---|---|
| 1 | 2 |
-----
--------
AUTHOR: kaz
TITLE: 下書き
BASENAME: draft
STATUS: Draft
DATE: 06/16/2006 10:00:00
-----
BODY:
まだ公開しない
-----
--------
AUTHOR: kaz
TITLE: 三番目の記事
BASENAME: third
STATUS: Publish
CONVERT BREAKS: 0
CATEGORY: Tech
DATE: 06/20/2006 08:00:00 PM
-----
BODY:
<p>HTML body <img src=x onerror=alert(1)><a href=\"javascript:alert(1)\">x</a></p>
-----
--------
AUTHOR: kaz
TITLE: 未来の記事
BASENAME: future
STATUS: Publish
DATE: 01/01/2999 00:00:00
-----
BODY:
まだ
-----
--------
";

async fn seeded() -> Vec<TestServer> {
    let all = servers().await;
    for s in &all {
        s.blog("diary", "ja", "Asia/Tokyo").await;
        s.import("diary", SITE).await;
    }
    all
}

#[tokio::test]
async fn entry_page_shows_the_classic_anatomy() {
    for s in seeded().await {
        let html = s.get_ok("/diary/2006/06/second.html").await;
        assert!(html.contains("二番目の記事"), "{:?}", s.db.backend);
        // Date in Japanese, in the blog's zone.
        assert!(html.contains("2006年6月15日 (木) 14時52分"), "{html}");
        // « previous | top | next » with rel links; the draft is never a neighbour.
        assert!(html.contains("rel=\"prev\""));
        assert!(html.contains(&format!("{}/diary/2006/06/first.html", s.base)));
        assert!(html.contains("rel=\"next\""));
        assert!(html.contains(&format!("{}/diary/2006/06/third.html", s.base)));
        assert!(!html.contains("下書き"));
        assert!(!html.contains("未来の記事"));
        // Markdown tables render.
        assert!(html.contains("<table>"));
        // Auto-discovery of feeds.
        assert!(html.contains("application/atom+xml"));
        // Category siblings.
        assert!(html.contains("最初の記事"));
    }
}

#[tokio::test]
async fn comments_and_pings_are_shown_without_private_data() {
    for s in seeded().await {
        let html = s.get_ok("/diary/2006/06/first.html").await;
        assert!(html.contains("読者A"));
        assert!(html.contains("はじめまして。"));
        assert!(!html.contains("secret-reader@example.com"), "e-mail leaked");
        assert!(!html.contains("203.0.113.9"), "IP leaked");
        assert!(
            !html.contains("<script>alert(1)</script>"),
            "comment HTML not escaped"
        );
        assert!(html.contains("&lt;script&gt;"));
        // TrackBack: shown with title, blog name, excerpt; the entry's own ping URL and RDF.
        assert!(
            html.contains("言及しました")
                && html.contains("よその日記")
                && html.contains("こちらの記事で紹介しました。")
        );
        assert!(html.contains("2006年6月3日 (土) 23時30分"));
        assert!(html.contains("trackback:ping="));
        assert!(html.contains("rdf:RDF"));
        // Convert line breaks and the extended body.
        assert!(html.contains("一行目<br"));
        assert!(html.contains("続きの本文"));
        // There is no newer/older leak of the e-mail anywhere else either.
        let feed = s.get_ok("/diary/atom.xml").await;
        assert!(!feed.contains("secret-reader@example.com"));
    }
}

#[tokio::test]
async fn author_html_is_sanitised() {
    for s in seeded().await {
        let html = s.get_ok("/diary/2006/06/third.html").await;
        assert!(html.contains("HTML body"));
        assert!(!html.contains("onerror"));
        assert!(!html.contains("javascript:alert"));
    }
}

#[tokio::test]
async fn drafts_future_and_unknown_paths_are_real_404s() {
    for s in seeded().await {
        for path in [
            "/diary/2006/06/draft.html",
            "/diary/2999/01/future.html",
            "/diary/2006/06/nope.html",
            "/diary/2006/13/",
            "/diary/2005/01/",
            "/diary/category/none/",
            "/nosuchblog/",
            "/nosuchblog/2006/06/first.html",
            "/diary/page/9/",
        ] {
            let res = s.get(path).await;
            assert_eq!(res.status(), 404, "{path}");
            let ct = res.headers()["content-type"]
                .to_str()
                .expect("ct")
                .to_string();
            assert!(ct.starts_with("text/html"), "{path}: {ct}");
            let body = res.text().await.expect("body");
            assert!(
                body.contains("<html"),
                "{path}: a real page, not a bare string"
            );
        }
        // A blog's 404 speaks the blog's language and links back to the blog.
        let body = s
            .get("/diary/2006/06/nope.html")
            .await
            .text()
            .await
            .expect("body");
        assert!(body.contains("lang=\"ja\""));
        assert!(body.contains(&format!("{}/diary/", s.base)));
    }
}

#[tokio::test]
async fn archives_list_public_entries_newest_first() {
    for s in seeded().await {
        let top = s.get_ok("/diary/").await;
        let third = top.find("三番目の記事").expect("third on top");
        let second = top.find("二番目の記事").expect("second on top");
        let first = top.find("最初の記事").expect("first on top");
        assert!(third < second && second < first, "newest first");
        assert!(!top.contains("まだ公開しない"));

        let month = s.get_ok("/diary/2006/06/").await;
        assert!(month.contains("2006年6月"));
        assert!(month.contains("最初の記事") && month.contains("三番目の記事"));
        assert_eq!(month.matches("<article class=\"entry h-entry\"").count(), 3);

        let cat = s.get_ok("/diary/category/日記/").await;
        assert!(cat.contains("最初の記事") && cat.contains("二番目の記事"));
        assert_eq!(
            cat.matches("<article class=\"entry h-entry\"").count(),
            2,
            "only the category's entries"
        );
        let cat_encoded = s.get_ok("/diary/category/%E6%97%A5%E8%A8%98/").await;
        assert_eq!(cat, cat_encoded);

        let tag = s.get_ok("/diary/tag/rust/").await;
        assert!(tag.contains("最初の記事"));
        assert_eq!(
            tag.matches("<article class=\"entry h-entry\"").count(),
            1,
            "only the tagged entry"
        );

        // The sidebar lists categories with counts and the monthly archive.
        assert!(top.contains(&format!("{}/diary/category/tech/", s.base)));
        assert!(top.contains(&format!("{}/diary/2006/06/", s.base)));

        // /diary without the slash goes to the blog top.
        let res = s.get("/diary").await;
        assert_eq!(res.status(), 308);
        assert_eq!(res.headers()["location"], format!("{}/diary/", s.base));
    }
}

#[tokio::test]
async fn listings_paginate() {
    for s in servers().await {
        s.blog("many", "en", "UTC").await;
        let mut mt = String::new();
        for i in 1..=23 {
            mt.push_str(&format!(
                "TITLE: Entry {i:02}\nBASENAME: e{i}\nSTATUS: Publish\nDATE: 03/{i:02}/2010 10:00:00\n-----\nBODY:\nbody {i}\n-----\n--------\n"
            ));
        }
        s.import("many", &mt).await;
        let p1 = s.get_ok("/many/").await;
        assert!(p1.contains("Entry 23") && p1.contains("Entry 14") && !p1.contains("Entry 13"));
        assert!(p1.contains(&format!("{}/many/page/2/", s.base)));
        let p3 = s.get_ok("/many/page/3/").await;
        assert!(p3.contains("Entry 03") && p3.contains("Entry 01") && !p3.contains("Entry 04"));
        assert!(p3.contains(&format!("{}/many/page/2/", s.base)));
        assert_eq!(s.get("/many/page/4/").await.status(), 404);
        // English blog: English dates and labels.
        let entry = s.get_ok("/many/2010/03/e5.html").await;
        assert!(entry.contains("March 5, 2010 10:00 AM"), "{entry}");
        assert!(entry.contains("lang=\"en\""));
    }
}

#[tokio::test]
async fn conditional_requests_get_304() {
    for s in seeded().await {
        let res = s.get("/diary/2006/06/first.html").await;
        let etag = res.headers()["etag"].to_str().expect("etag").to_string();
        let lm = res.headers()["last-modified"]
            .to_str()
            .expect("last-modified")
            .to_string();
        let again = s
            .client
            .get(s.url("/diary/2006/06/first.html"))
            .header("if-none-match", &etag)
            .send()
            .await
            .expect("get");
        assert_eq!(again.status(), 304);
        assert!(again.bytes().await.expect("body").is_empty());
        let since = s
            .client
            .get(s.url("/diary/2006/06/first.html"))
            .header("if-modified-since", &lm)
            .send()
            .await
            .expect("get");
        assert_eq!(since.status(), 304);
        let other = s
            .client
            .get(s.url("/diary/2006/06/first.html"))
            .header("if-none-match", "\"nope\"")
            .send()
            .await
            .expect("get");
        assert_eq!(other.status(), 200);
        // HEAD answers like GET without a body.
        let head = s.client.head(s.url("/diary/")).send().await.expect("head");
        assert_eq!(head.status(), 200);
    }
}

#[tokio::test]
async fn the_page_cache_never_serves_a_page_older_than_a_write() {
    for s in seeded().await {
        let before = s.get_ok("/diary/").await;
        assert!(!before.contains("新しい記事"));
        let again = s.get_ok("/diary/").await; // now served from the cache
        assert_eq!(before, again);
        s.import(
            "diary",
            "TITLE: 新しい記事\nBASENAME: fresh\nSTATUS: Publish\nDATE: 07/01/2006 10:00:00\n-----\nBODY:\n新着\n-----\n--------\n",
        )
        .await;
        let after = s.get_ok("/diary/").await;
        assert!(
            after.contains("新しい記事"),
            "stale page served after a write"
        );
        let feed = s.get_ok("/diary/atom.xml").await;
        assert!(feed.contains("新しい記事"));
        // The neighbour of the former newest entry changed too.
        let third = s.get_ok("/diary/2006/06/third.html").await;
        assert!(third.contains("新しい記事"));
    }
}

#[tokio::test]
async fn host_front_page_lists_blogs_and_recent_entries() {
    for s in seeded().await {
        let html = s.get_ok("/").await;
        assert!(html.contains("diary の日記"));
        assert!(html.contains("三番目の記事"));
        assert!(!html.contains("未来の記事"));
    }
}

#[tokio::test]
async fn empty_host_says_how_to_start() {
    let db = tsuzuri_test_support::TestDb::sqlite().await;
    let s = TestServer::start(db).await;
    let html = s.get_ok("/").await;
    assert!(html.contains("tsuzuri user add"), "{html}");
    assert!(html.contains("tsuzuri blog create"));
}

#[tokio::test]
async fn assets_are_served_with_long_cache_headers() {
    let db = tsuzuri_test_support::TestDb::sqlite().await;
    let s = TestServer::start(db).await;
    s.blog("b", "ja", "Asia/Tokyo").await;
    let html = s.get_ok("/b/").await;
    let start = html.find("/assets/").expect("stylesheet link");
    let end = html[start..].find('"').expect("end quote") + start;
    let res = s.get(&html[start..end]).await;
    assert_eq!(res.status(), 200);
    assert!(
        res.headers()["cache-control"]
            .to_str()
            .expect("cc")
            .contains("immutable")
    );
    assert!(
        res.headers()["content-type"]
            .to_str()
            .expect("ct")
            .starts_with("text/css")
    );
}

#[tokio::test]
async fn served_pages_and_feeds_pass_independent_validators() {
    use tsuzuri_test_support::validators::*;
    let db = tsuzuri_test_support::TestDb::sqlite().await;
    let s = TestServer::start(db).await;
    s.blog("diary", "ja", "Asia/Tokyo").await;
    s.import("diary", SITE).await;
    let mut pages = Vec::new();
    for (name, path) in [
        ("entry", "/diary/2006/06/first.html"),
        ("entry-markdown", "/diary/2006/06/second.html"),
        ("top", "/diary/"),
        ("month", "/diary/2006/06/"),
        ("category", "/diary/category/日記/"),
        ("tag", "/diary/tag/rust/"),
        ("front", "/"),
    ] {
        pages.push((name, s.get_ok(path).await));
    }
    pages.push((
        "not-found",
        s.get("/diary/nope").await.text().await.expect("404 body"),
    ));
    assert_valid_html(&pages);

    for path in ["/diary/atom.xml", "/diary/category/日記/atom.xml"] {
        let atom = s.get_ok(path).await;
        assert_valid_atom(&atom);
        if let Some(titles) = feedparser_titles(&atom) {
            assert_eq!(
                titles.first().map(String::as_str),
                Some(if path.contains("category") {
                    "二番目の記事"
                } else {
                    "三番目の記事"
                })
            );
        }
    }
    let rss_res = s.get("/diary/rss.xml").await;
    assert!(
        rss_res.headers()["content-type"]
            .to_str()
            .expect("ct")
            .starts_with("application/rss+xml")
    );
    let rss = rss_res.text().await.expect("rss");
    if let Some(titles) = feedparser_titles(&rss) {
        assert_eq!(
            titles,
            ["三番目の記事", "二番目の記事", "最初の記事"],
            "newest first, public only"
        );
    }
    assert_eq!(
        s.get_ok("/diary/index.rdf").await,
        rss,
        "index.rdf serves the RSS feed"
    );
}

#[tokio::test]
async fn writes_by_another_process_reach_the_cache_within_a_second() {
    for s in seeded().await {
        s.blog("tonari", "ja", "Asia/Tokyo").await;
        // Let the watcher (every 100 ms here) see tonari's creation before counting.
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        assert!(!s.get_ok("/diary/").await.contains("別プロセスの記事"));
        s.get_ok("/tonari/").await;
        let tonari = s.app.blog_generation("tonari");
        // A second store on the same database stands for `tsuzuri import` run beside the server.
        let url = tsuzuri_store::DatabaseUrl::parse(&s.db.url).expect("url");
        let other = tsuzuri_store::Store::open(&url, &Default::default())
            .await
            .expect("second store");
        let other_app =
            tsuzuri_app::App::new(other.clone(), tsuzuri_app::media::MediaStore::memory())
                .expect("app");
        other_app
            .import_mt(
                "diary",
                "TITLE: 別プロセスの記事\nBASENAME: elsewhere\nSTATUS: Publish\nDATE: 07/02/2006 10:00:00\n-----\nBODY:\nx\n-----\n--------\n"
                    .as_bytes(),
                &Default::default(),
            )
            .await
            .expect("import in the other process");
        other.close().await;
        let mut seen = false;
        for _ in 0..40 {
            if s.get_ok("/diary/").await.contains("別プロセスの記事") {
                seen = true;
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        assert!(
            seen,
            "{:?}: the cached top page never picked up the other process's write",
            s.db.backend
        );
        assert_eq!(
            s.app.blog_generation("tonari"),
            tonari,
            "{:?}: another blog's cached pages stay",
            s.db.backend
        );
    }
}

/// A write on one blog drops that blog's cached pages and nobody else's: a busy owner
/// publishing all day does not make every other blog render from the database again.
#[tokio::test]
async fn a_write_on_one_blog_keeps_the_others_cached() {
    for s in seeded().await {
        s.blog("tonari", "ja", "Asia/Tokyo").await;
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        s.get_ok("/tonari/").await;
        s.get_ok("/diary/").await;
        let (diary, tonari, host) = (
            s.app.blog_generation("diary"),
            s.app.blog_generation("tonari"),
            s.app.content_generation(),
        );
        s.import(
            "diary",
            "TITLE: 新しい記事\nBASENAME: fresh\nSTATUS: Publish\nDATE: 07/03/2006 10:00:00\n-----\nBODY:\nx\n-----\n--------\n",
        )
        .await;
        assert_ne!(s.app.blog_generation("diary"), diary);
        assert_eq!(
            s.app.blog_generation("tonari"),
            tonari,
            "{:?}",
            s.db.backend
        );
        assert_ne!(
            s.app.content_generation(),
            host,
            "the front page lists every blog"
        );
        assert!(
            s.get_ok("/diary/").await.contains("新しい記事"),
            "fresh at once"
        );
        assert!(s.get_ok("/").await.contains("新しい記事"));
        // The watcher sees the same write through the database and still leaves tonari be.
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        assert_eq!(
            s.app.blog_generation("tonari"),
            tonari,
            "{:?}",
            s.db.backend
        );
    }
}

#[tokio::test]
async fn readers_keep_reading_cached_pages_when_the_database_is_gone() {
    for s in seeded().await {
        let page = s.get_ok("/diary/2006/06/first.html").await;
        // Content changed (so the cached copy is no longer current), then the database goes away.
        s.app.content_changed();
        s.app.store.close().await;
        let res = s.get("/diary/2006/06/first.html").await;
        assert_eq!(res.status(), 200, "{:?}", s.db.backend);
        assert_eq!(res.headers()["x-tsuzuri-stale"], "1");
        assert_eq!(res.text().await.expect("body"), page);
        // A page never rendered before cannot be served: 503 with Retry-After, not a 4xx.
        let res = s.get("/diary/2006/06/second.html").await;
        assert_eq!(res.status(), 503);
        assert!(res.headers().contains_key("retry-after"));
    }
}

#[tokio::test]
async fn a_row_that_does_not_decode_is_a_500_not_an_outage() {
    for s in seeded().await {
        if s.app.store.backend_name() != "sqlite" {
            continue; // PostgreSQL's types refuse such a row before it is stored.
        }
        s.app
            .store
            .execute_admin_sql("UPDATE entries SET title = X'00FF' WHERE basename = 'second'")
            .await
            .expect("corrupt one row");
        s.app.content_changed();
        let res = s.get("/diary/2006/06/second.html").await;
        assert_eq!(res.status(), 500, "a bug, not 'database unavailable'");
        assert!(!res.headers().contains_key("retry-after"));
        assert!(res.text().await.expect("body").contains("<html"));
    }
}
