//! Small builders of view models for tests: each returns a plausible, minimal value that a
//! test changes in the one place it cares about.

use crate::view::*;
use crate::{SafeHtml, plain_text_html, render_body};
use tsuzuri_core::TextFormat;

pub const BASE: &str = "https://blog.example.jp/";

pub fn blog(lang: &str) -> BlogView {
    let url = format!("{BASE}nikki/");
    BlogView {
        slug: "nikki".into(),
        title: "つづり日記".into(),
        description: "日々のこと、読んだ本のこと。".into(),
        lang: lang.into(),
        atom_url: format!("{url}atom.xml"),
        rss_url: format!("{url}rss.xml"),
        pingback_url: format!("{BASE}xmlrpc"),
        webmention_url: format!("{BASE}webmention"),
        categories: vec![
            category("日記", "diary", 12, 0),
            category("読書", "books", 5, 0),
            category("小説", "novels", 2, 1),
        ],
        months: vec![
            MonthLink {
                label: "2006年6月".into(),
                url: format!("{url}2006/06/"),
                count: 8,
            },
            MonthLink {
                label: "2006年5月".into(),
                url: format!("{url}2006/05/"),
                count: 11,
            },
        ],
        recent: vec![
            link("梅雨入り", "2006/06/rainy"),
            link("新しいカメラ", "2006/06/camera"),
        ],
        url,
    }
}

pub fn category(label: &str, slug: &str, count: i64, depth: u32) -> CategoryLink {
    CategoryLink {
        label: label.into(),
        url: format!("{BASE}nikki/category/{slug}/"),
        count,
        depth,
    }
}

pub fn link(title: &str, path: &str) -> EntryLink {
    EntryLink {
        title: title.into(),
        url: format!("{BASE}nikki/{path}.html"),
    }
}

pub fn entry(id: i64, title: &str) -> EntryView {
    EntryView {
        id,
        title: title.into(),
        url: format!("{BASE}nikki/2006/06/entry-{id}.html"),
        author: "ゆき".into(),
        body_html: render_body(
            &TextFormat::convert_breaks(),
            "今日は<ruby>紫陽花<rp>(</rp><rt>あじさい</rt><rp>)</rp></ruby>を見に行きました。\n雨でしたが、きれいでした。\n\nまた来年も行きたいです。",
        ),
        more_html: None,
        date_display: "2006年6月15日 (木) 14時52分".into(),
        date_iso: "2006-06-15T14:52:00+09:00".into(),
        categories: vec![category("日記", "diary", 12, 0)],
        tags: vec![TagLink {
            name: "花".into(),
            url: format!("{BASE}nikki/tag/%E8%8A%B1/"),
        }],
        comment_count: 0,
        ping_count: 0,
    }
}

pub fn comment(id: i64, author: &str, url: Option<&str>, text: &str) -> CommentView {
    CommentView {
        id,
        author: author.into(),
        url: url.map(Into::into),
        body_html: plain_text_html(text),
        date_display: "2006年6月15日 (木) 18時03分".into(),
        date_iso: "2006-06-15T18:03:00+09:00".into(),
        parent_id: None,
        depth: 0,
    }
}

pub fn ping(id: i64, kind: &str, title: &str) -> PingView {
    PingView {
        id,
        kind: kind.into(),
        title: title.into(),
        url: format!("https://other.example.com/2006/06/{id}.html"),
        blog_name: "となりのブログ".into(),
        excerpt: "紫陽花の記事を読んで、私も行ってきました。".into(),
        date_display: "2006年6月16日 (金) 09時10分".into(),
        date_iso: "2006-06-16T09:10:00+09:00".into(),
        mention_type: String::new(),
        author: String::new(),
    }
}

pub fn entry_page(lang: &str) -> EntryPage {
    let mut e = entry(42, "紫陽花を見に行った");
    e.more_html = Some(render_body(
        &TextFormat::markdown(),
        "## 写真\n\n![紫陽花](/media/ajisai.jpg)\n\n| 場所 | 色 |\n|:--|:--|\n| 鎌倉 | 青 |\n",
    ));
    e.comment_count = 2;
    e.ping_count = 1;
    EntryPage {
        blog: blog(lang),
        previous: Some(link("新しいカメラ", "2006/06/camera")),
        next: Some(link("梅雨入り", "2006/06/rainy")),
        primary_category: Some(category("日記", "diary", 12, 0)),
        category_entries: vec![
            link("梅雨入り", "2006/06/rainy"),
            link("散歩", "2006/05/walk"),
        ],
        comments: vec![
            comment(
                7,
                "たろう",
                Some("https://taro.example.net/"),
                "きれいですね。\n\n私も行きたいです。",
            ),
            comment(
                8,
                "<script>alert(1)</script>",
                None,
                "http://spam.example/ を見て",
            ),
        ],
        pings: vec![ping(3, "trackback", "紫陽花めぐり")],
        trackback_url: format!("{BASE}nikki/tb/42"),
        comment_form: CommentFormView {
            action: format!("{BASE}nikki/comments"),
            entry_id: 42,
            sign_in_url: format!("{BASE}admin/sign-in"),
            ..Default::default()
        },
        entry: e,
    }
}

pub fn listing_page(lang: &str, listing: ListingKind) -> ListingPage {
    let mut first = entry(42, "紫陽花を見に行った");
    first.more_html = Some(SafeHtml::new_unchecked("<p>続き</p>".into()));
    ListingPage {
        blog: blog(lang),
        listing,
        entries: vec![first, entry(41, "新しいカメラ")],
        pagination: Pagination {
            page: 2,
            pages: 3,
            newer_url: Some(format!("{BASE}nikki/")),
            older_url: Some(format!("{BASE}nikki/page/3/")),
        },
    }
}

pub fn host_front(is_empty: bool) -> HostFrontPage {
    let (blogs, recent) = if is_empty {
        (vec![], vec![])
    } else {
        (
            vec![BlogSummary {
                title: "つづり日記".into(),
                description: "日々のこと".into(),
                url: format!("{BASE}nikki/"),
                entry_count: 19,
            }],
            vec![RecentEntry {
                title: "紫陽花を見に行った".into(),
                url: format!("{BASE}nikki/2006/06/entry-42.html"),
                blog_title: "つづり日記".into(),
                blog_url: format!("{BASE}nikki/"),
                date_display: "June 15, 2006 2:52 PM".into(),
                date_iso: "2006-06-15T14:52:00+09:00".into(),
            }],
        )
    };
    HostFrontPage {
        site_title: "tsuzuri".into(),
        lang: "en".into(),
        base_url: BASE.into(),
        blogs,
        recent,
        is_empty,
    }
}

pub fn feed_entry(id: i64, title: &str, published: &str) -> FeedEntry {
    FeedEntry {
        id: format!("tag:blog.example.jp,2006:/nikki/{id}"),
        title: title.into(),
        url: format!("{BASE}nikki/2006/06/entry-{id}.html"),
        author: "ゆき".into(),
        published: published.into(),
        updated: published.into(),
        published_rfc2822: "Thu, 15 Jun 2006 05:52:00 +0000".into(),
        content_html: render_body(
            &TextFormat::html(),
            "<p>紫陽花 &amp; 雨 <a href=\"https://example.com/?a=1&amp;b=2\">リンク</a></p>",
        ),
        categories: vec!["日記".into(), "花 & 植物".into()],
    }
}

pub fn feed_page() -> FeedPage {
    FeedPage {
        id: "tag:blog.example.jp,2006:/nikki".into(),
        title: "つづり日記 <テスト>".into(),
        subtitle: "日々のこと、読んだ本のこと。".into(),
        lang: "ja".into(),
        alternate_url: format!("{BASE}nikki/"),
        self_url: format!("{BASE}nikki/atom.xml"),
        updated: "2006-06-15T14:52:00+09:00".into(),
        updated_rfc2822: "Thu, 15 Jun 2006 05:52:00 +0000".into(),
        entries: vec![
            feed_entry(42, "紫陽花を見に行った <b>", "2006-06-15T14:52:00+09:00"),
            feed_entry(41, "新しいカメラ", "2006-06-10T09:00:00+09:00"),
            feed_entry(40, "梅雨入り", "2006-06-08T20:30:00+09:00"),
        ],
    }
}
