//! Tests of the classic theme through the public render methods, of the minimal theme and
//! the theme switch, and of the feeds and pages of every theme against outside validators
//! when those are installed.

use super::*;
use crate::fixtures::{self, BASE};
use crate::view::*;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn renderer() -> Renderer {
    Renderer::new().expect("built-in theme compiles")
}

fn minimal() -> Renderer {
    renderer()
        .with_theme("minimal")
        .expect("minimal theme compiles")
}

fn between<'a>(s: &'a str, start: &str, end: &str) -> &'a str {
    let i = s
        .find(start)
        .unwrap_or_else(|| panic!("{start} not in page"))
        + start.len();
    let j = s[i..]
        .find(end)
        .unwrap_or_else(|| panic!("{end} not after {start}"))
        + i;
    &s[i..j]
}

#[test]
fn renderer_is_shareable() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Renderer>();
}

#[test]
fn entry_page_has_navigation_with_rel_prev_next() {
    let html = renderer()
        .render_entry(&fixtures::entry_page("ja"))
        .expect("render");
    let nav = between(&html, "<nav class=\"entry-nav\"", "</nav>");
    assert!(nav.contains(&format!(
        "<a rel=\"prev\" href=\"{BASE}nikki/2006/06/camera.html\" title=\"前の記事\">« 新しいカメラ</a>"
    )));
    assert!(nav.contains(&format!("<a href=\"{BASE}nikki/\">メイン</a>")));
    assert!(nav.contains("rel=\"next\""));
    assert!(nav.contains("梅雨入り »</a>"));
    assert!(nav.contains("aria-label=\"前後の記事\""));
}

#[test]
fn entry_page_head_and_structure() {
    let html = renderer()
        .render_entry(&fixtures::entry_page("ja"))
        .expect("render");
    assert!(
        html.starts_with("<!DOCTYPE html>\n<html lang=\"ja\">"),
        "{html}"
    );
    assert!(html.contains("<title>紫陽花を見に行った | つづり日記</title>"));
    assert!(html.contains(&format!(
        "<link rel=\"canonical\" href=\"{BASE}nikki/2006/06/entry-42.html\">"
    )));
    assert!(html.contains("type=\"application/atom+xml\""));
    assert!(html.contains("type=\"application/rss+xml\""));
    assert!(html.contains(&format!(
        "<link rel=\"stylesheet\" href=\"{}\">",
        crate::asset_url("classic.css")
    )));
    assert!(!html.contains("<style"), "the stylesheet is not inlined");
    assert!(html.contains("<h1 class=\"entry-title p-name\">紫陽花を見に行った</h1>"));
    assert!(html.contains("class=\"entry h-entry\""));
    assert!(html.contains("class=\"entry-content e-content\""));
    assert!(html.contains("class=\"dt-published\" datetime=\"2006-06-15T14:52:00+09:00\""));
    assert!(html.contains("<span class=\"p-author h-card\">ゆき</span>"));
    assert!(html.contains("class=\"p-category\""));
    assert!(html.contains("<div class=\"entry-more\" id=\"more\">"));
    assert!(
        html.contains("投稿者 <span class=\"p-author h-card\">ゆき</span> : <a class=\"u-url\"")
    );
    assert!(html.contains("2006年6月15日 (木) 14時52分</time></a> | <a class=\"p-category\""));
    assert!(html.contains("コメント (2)</a> | <a"));
    assert!(html.contains("トラックバック (1)</a>"));
    assert!(html.contains("同じカテゴリーの記事"));
    assert!(html.contains("<ruby>紫陽花<rp>(</rp><rt>あじさい</rt><rp>)</rp></ruby>"));
    // Landmarks and the skip link.
    for needle in [
        "<a class=\"skip-link\" href=\"#content\">",
        "<header class=\"banner\">",
        "<main id=\"content\"",
        "<aside class=\"sidebar\" aria-label=\"サイドバー\">",
        "<footer class=\"site-footer\">",
        "Powered by <span class=\"generator\">tsuzuri</span>",
    ] {
        assert!(html.contains(needle), "{needle} missing");
    }
    // Sidebar.
    assert!(html.contains("最近のエントリー"));
    assert!(html.contains("月別アーカイブ"));
    assert!(html.contains("<span class=\"count\">(12)</span>"));
    assert!(html.contains("class=\"depth-1\""));
}

#[test]
fn entry_page_trackback_section_and_rdf() {
    let html = renderer()
        .render_entry(&fixtures::entry_page("ja"))
        .expect("render");
    let tb = format!("{BASE}nikki/tb/42");
    assert!(html.contains("このエントリーのトラックバックURL</label>"));
    assert!(html.contains(&format!("value=\"{tb}\" readonly")));
    assert!(html.contains(
        "<a class=\"u-url p-name\" rel=\"nofollow ugc\" href=\"https://other.example.com/2006/06/3.html\">紫陽花めぐり</a>"
    ));
    assert!(html.contains("となりのブログ"));
    assert!(html.contains("受信日時: <time"));

    let rdf = between(&html, "<!--\n<rdf:RDF", "-->");
    assert!(
        rdf.contains("xmlns:trackback=\"http://madskills.com/public/xml/rss/module/trackback/\"")
    );
    assert!(rdf.contains(&format!("rdf:about=\"{BASE}nikki/2006/06/entry-42.html\"")));
    assert!(rdf.contains(&format!("trackback:ping=\"{tb}\"")));
    assert!(rdf.contains("dc:title=\"紫陽花を見に行った\""));
    assert!(rdf.contains(&format!(
        "dc:identifier=\"{BASE}nikki/2006/06/entry-42.html\""
    )));
    assert!(rdf.contains("dc:subject=\"日記\""));
}

#[test]
fn rdf_block_is_escaped_and_never_contains_double_hyphens() {
    let mut page = fixtures::entry_page("ja");
    page.entry.title = "A -- B --- \"C\" <D> & E -->".into();
    page.entry.url = format!("{BASE}nikki/2006/06/a--b.html");
    page.entry.author = "x--y".into();
    let html = renderer().render_entry(&page).expect("render");
    let start = html.find("<!--\n<rdf:RDF").expect("rdf");
    let end = html[start..].find("\n-->").expect("end") + start;
    let inner = &html[start + 4..end];
    assert!(!inner.contains("--"), "{inner}");
    assert!(
        inner.contains("dc:title=\"A - B - &quot;C&quot; &lt;D&gt; &amp; E -&gt;\""),
        "{inner}"
    );
    assert!(inner.contains("rdf:about=\"https://blog.example.jp/nikki/2006/06/a-%2Db.html\""));
    assert!(inner.contains("dc:creator=\"x-y\""));
    // The page's only comment is the RDF block.
    assert_eq!(html.matches("<!--").count(), 1);
}

#[test]
fn titles_and_comment_authors_are_escaped() {
    let mut page = fixtures::entry_page("ja");
    page.entry.title = "<script>alert('t')</script>".into();
    let html = renderer().render_entry(&page).expect("render");
    assert!(!html.contains("<script>"), "raw script tag in page");
    assert!(html.contains("&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt; | つづり日記</title>"));
    // The second fixture comment's author is a script tag; it must arrive as text.
    assert!(
        html.contains(
            "<span class=\"p-author h-card\">&lt;script&gt;alert(1)&lt;/script&gt;</span>"
        )
    );
    // Commenters with a URL are linked nofollow; there is no e-mail anywhere.
    assert!(html.contains(
        "<a class=\"p-author h-card\" rel=\"nofollow ugc\" href=\"https://taro.example.net/\">たろう</a>"
    ));
    assert!(!html.contains("mailto:"));
    assert!(!html.contains('@'), "no e-mail address may appear");
    // Comment bodies are plain text made into paragraphs with nofollow links.
    assert!(html.contains("<p>きれいですね。</p>\n<p>私も行きたいです。</p>"));
    assert!(html.contains("rel=\"nofollow ugc noopener\">http://spam.example/</a>"));
    assert!(html.contains("class=\"comment p-comment h-cite depth-0\""));
}

#[test]
fn entry_page_without_neighbours_comments_or_pings() {
    let mut page = fixtures::entry_page("en");
    page.previous = None;
    page.next = None;
    page.comments.clear();
    page.pings.clear();
    page.primary_category = None;
    page.category_entries.clear();
    page.entry.more_html = None;
    let html = renderer().render_entry(&page).expect("render");
    assert!(!html.contains("rel=\"prev\""));
    assert!(!html.contains("rel=\"next\""));
    assert!(html.contains("<html lang=\"en\">"));
    assert!(html.contains("No comments yet."));
    assert!(html.contains("No TrackBacks yet."));
    assert!(html.contains("TrackBack URL for this entry"));
    assert!(!html.contains("id=\"more\""));
    assert!(!html.contains("Other entries in this category"));
    assert!(
        html.contains("<form method=\"post\" action=\"https://blog.example.jp/nikki/comments\"")
            && html.contains("(never shown)"),
        "the comment form, with the e-mail marked as never shown"
    );
}

#[test]
fn listing_top_has_h1_blog_title_and_pagination() {
    let page = fixtures::listing_page("ja", ListingKind::Top);
    let html = renderer().render_listing(&page).expect("render");
    assert!(html.contains("<h1 class=\"banner-title\">"));
    assert!(html.contains("<title>つづり日記 (2ページ目)</title>"));
    let nav = between(&html, "<nav class=\"pagination\"", "</nav>");
    assert!(nav.contains(&format!(
        "rel=\"prev\" href=\"{BASE}nikki/\">« 新しい記事</a>"
    )));
    assert!(nav.contains(&format!(
        "rel=\"next\" href=\"{BASE}nikki/page/3/\">過去の記事 »</a>"
    )));
    assert!(nav.contains("2 / 3"));
    // The extended part is linked, not shown.
    assert!(html.contains(&format!(
        "<a href=\"{BASE}nikki/2006/06/entry-42.html#more\">続きを読む<span class=\"visually-hidden\">: 紫陽花を見に行った</span> »</a>"
    )));
    assert!(!html.contains("<p>続き</p>"));
    assert_eq!(html.matches("続きを読む").count(), 1);
    assert_eq!(html.matches("class=\"entry h-entry\"").count(), 2);
    assert!(html.contains("<h2 class=\"entry-title p-name\"><a href="));
}

#[test]
fn listing_without_more_pages_has_no_pagination() {
    let mut page = fixtures::listing_page("ja", ListingKind::Top);
    page.pagination = Pagination {
        page: 1,
        pages: 1,
        newer_url: None,
        older_url: None,
    };
    page.entries.clear();
    let html = renderer().render_listing(&page).expect("render");
    assert!(!html.contains("class=\"pagination\""));
    assert!(html.contains("記事はまだありません。"));
    assert!(html.contains(&format!("<link rel=\"canonical\" href=\"{BASE}nikki/\">")));
    assert!(html.contains("<title>つづり日記</title>"));
}

#[test]
fn archive_headings_in_both_languages() {
    let r = renderer();
    let month = r
        .render_listing(&fixtures::listing_page(
            "ja",
            ListingKind::Month {
                label: "2006年6月".into(),
            },
        ))
        .expect("render");
    assert!(month.contains("<h1 class=\"archive-title\">2006年6月のアーカイブ</h1>"));
    assert!(month.contains("<p class=\"banner-title\">"));
    assert!(month.contains("<title>2006年6月のアーカイブ | つづり日記 (2ページ目)</title>"));

    let tag = r
        .render_listing(&fixtures::listing_page(
            "en",
            ListingKind::Tag {
                name: "<flowers>".into(),
            },
        ))
        .expect("render");
    assert!(tag.contains("Entries tagged “&lt;flowers&gt;”"));
    assert!(tag.contains("Newer entries"));
}

#[test]
fn category_listing_advertises_its_feeds() {
    let page = fixtures::listing_page(
        "ja",
        ListingKind::Category {
            label: "日記".into(),
            atom_url: format!("{BASE}nikki/category/diary/atom.xml"),
            rss_url: format!("{BASE}nikki/category/diary/rss.xml"),
        },
    );
    let html = renderer().render_listing(&page).expect("render");
    assert!(html.contains(&format!(
        "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"日記 (Atom)\" href=\"{BASE}nikki/category/diary/atom.xml\">"
    )));
    assert!(html.contains(&format!(
        "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"日記 (RSS 2.0)\" href=\"{BASE}nikki/category/diary/rss.xml\">"
    )));
    assert!(html.contains("「日記」カテゴリーのアーカイブ"));
}

#[test]
fn host_front_getting_started_and_list() {
    let r = renderer();
    let empty = r
        .render_host_front(&fixtures::host_front(true))
        .expect("render");
    assert!(empty.contains("<html lang=\"en\">"));
    assert!(empty.contains("tsuzuri user add LOGIN --email EMAIL --password-stdin --admin"));
    assert!(empty.contains("tsuzuri blog create SLUG --owner LOGIN --title TITLE"));
    assert!(empty.contains(&format!("<a href=\"{BASE}admin/\">")));
    assert!(empty.contains("<p lang=\"ja\">"));

    let full = r
        .render_host_front(&fixtures::host_front(false))
        .expect("render");
    assert!(!full.contains("tsuzuri user add"));
    assert!(full.contains("つづり日記"));
    assert!(full.contains("(19 entries)"));
    assert!(full.contains("紫陽花を見に行った"));
}

#[test]
fn not_found_in_the_blog_language_or_on_its_own() {
    let r = renderer();
    let in_blog = r
        .render_not_found(&NotFoundPage {
            blog: Some(fixtures::blog("ja")),
            lang: "ja".into(),
            base_url: BASE.into(),
        })
        .expect("render");
    assert!(in_blog.contains("<html lang=\"ja\">"));
    assert!(in_blog.contains("<h1 id=\"not-found-title\">ページが見つかりません</h1>"));
    assert!(in_blog.contains(&format!(
        "<a href=\"{BASE}nikki/\">ブログのトップページへ戻る</a>"
    )));
    assert!(in_blog.contains("class=\"sidebar\""));

    let bare = r
        .render_not_found(&NotFoundPage {
            blog: None,
            lang: "en".into(),
            base_url: BASE.into(),
        })
        .expect("render");
    assert!(bare.contains("<html lang=\"en\">"));
    assert!(bare.contains("Page not found"));
    assert!(bare.contains(&format!("<a href=\"{BASE}\">Back to the front page</a>")));
    assert!(!bare.contains("class=\"sidebar\""));
}

#[test]
fn atom_feed_shape_and_order() {
    let xml = renderer()
        .render_atom(&fixtures::feed_page())
        .expect("render");
    assert!(
        xml.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed "),
        "{xml}"
    );
    assert!(xml.contains("<title>つづり日記 &lt;テスト&gt;</title>"));
    assert!(xml.contains(&format!(
        "<link rel=\"self\" type=\"application/atom+xml\" href=\"{BASE}nikki/atom.xml\"/>"
    )));
    assert!(xml.contains("<generator version="));
    assert!(xml.contains("<author>\n    <name>ゆき</name>"));
    assert!(xml.contains("<category term=\"花 &amp; 植物\"/>"));
    // Content is the sanitised HTML as escaped text.
    assert!(xml.contains("<content type=\"html\">&lt;p&gt;紫陽花 &amp;amp; 雨 &lt;a href=&quot;https://example.com/?a=1&amp;amp;b=2&quot;&gt;"));
    let a = xml.find("/nikki/42</id>").expect("42");
    let b = xml.find("/nikki/41</id>").expect("41");
    let c = xml.find("/nikki/40</id>").expect("40");
    assert!(a < b && b < c, "newest first, as given");
}

#[test]
fn rss_feed_shape_and_order() {
    let xml = renderer()
        .render_rss(&fixtures::feed_page())
        .expect("render");
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\""));
    assert!(xml.contains("<language>ja</language>"));
    assert!(xml.contains("<lastBuildDate>Thu, 15 Jun 2006 05:52:00 +0000</lastBuildDate>"));
    assert!(xml.contains(&format!(
        "<atom:link rel=\"self\" type=\"application/rss+xml\" href=\"{BASE}nikki/atom.xml\"/>"
    )));
    assert!(xml.contains("<guid isPermaLink=\"false\">tag:blog.example.jp,2006:/nikki/42</guid>"));
    assert!(xml.contains("<dc:creator>ゆき</dc:creator>"));
    assert!(xml.contains("<title>紫陽花を見に行った &lt;b&gt;</title>"));
    assert!(xml.contains("<description>&lt;p&gt;紫陽花"));
    let a = xml.find("/nikki/42</guid>").expect("42");
    let c = xml.find("/nikki/40</guid>").expect("40");
    assert!(a < c);
}

#[test]
fn empty_feed_falls_back_to_the_blog_title_for_author() {
    let mut page = fixtures::feed_page();
    page.entries.clear();
    let xml = renderer().render_atom(&page).expect("render");
    assert!(xml.contains("<name>つづり日記 &lt;テスト&gt;</name>"));
    assert!(!xml.contains("<entry>"));
}

#[test]
fn overrides_replace_templates_by_name() {
    let base = renderer();
    let custom = base
        .with_overrides([(
            "entry.html",
            "{% extends \"_blog.html\" %}{% block title %}custom: {{ entry.title }}{% endblock %}{% block content %}<p>{{ t.continue_reading }}</p>{{ entry.body_html }}{% endblock %}",
        )])
        .expect("override compiles");
    let page = fixtures::entry_page("ja");
    let html = custom.render_entry(&page).expect("render");
    assert!(html.contains("<title>custom: 紫陽花を見に行った</title>"));
    assert!(html.contains("<p>続きを読む</p><p>今日は"));
    assert!(
        html.contains("class=\"sidebar\""),
        "partials still come from the built-ins"
    );
    // The shared renderer is untouched.
    assert!(
        !base
            .render_entry(&page)
            .expect("render")
            .contains("custom:")
    );

    let err = base
        .with_overrides([("entry.html", "{% if %}")])
        .expect_err("syntax error");
    assert!(err.to_string().contains("entry.html"), "{err}");
}

#[test]
fn owner_templates_are_strict_and_bounded() {
    let page = fixtures::entry_page("ja");
    let typo = renderer()
        .with_overrides([("entry.html", "{{ entry.titel }}")])
        .expect("compiles");
    assert!(typo.render_entry(&page).is_err(), "undefined is an error");

    let runaway = renderer()
        .with_overrides([(
            "entry.html",
            "{% for a in range(10000) %}{% for b in range(10000) %}{% endfor %}{% endfor %}",
        )])
        .expect("compiles");
    assert!(runaway.render_entry(&page).is_err(), "fuel runs out");

    let recursive = renderer()
        .with_overrides([("entry.html", "{% include \"entry.html\" %}")])
        .expect("compiles");
    assert!(
        recursive.render_entry(&page).is_err(),
        "recursion is limited"
    );

    let raw = renderer()
        .with_overrides([("entry.html", "{{ entry.title }}{{ entry.body_html }}")])
        .expect("compiles");
    let mut p = fixtures::entry_page("ja");
    p.entry.title = "<i>x</i>".into();
    let out = raw.render_entry(&p).expect("render");
    assert!(out.starts_with("&lt;i&gt;x&lt;/i&gt;<p>今日は"), "{out}");
}

#[test]
fn a_large_entry_page_fits_in_the_fuel() {
    let mut page = fixtures::entry_page("ja");
    let c = page.comments[0].clone();
    let p = page.pings[0].clone();
    page.comments = (0..500)
        .map(|i| CommentView { id: i, ..c.clone() })
        .collect();
    page.pings = (0..200).map(|i| PingView { id: i, ..p.clone() }).collect();
    page.blog.categories = (0..200)
        .map(|i| fixtures::category("c", &i.to_string(), i, 0))
        .collect();
    page.blog.months = (0..240).map(|_| page.blog.months[0].clone()).collect();
    let html = renderer().render_entry(&page).expect("fits");
    assert_eq!(
        html.matches("class=\"comment p-comment h-cite depth-0\"")
            .count(),
        500
    );
}

// ---- themes ----

#[test]
fn themes_lists_classic_and_minimal() {
    let names: Vec<&str> = THEMES.iter().map(|(name, _)| *name).collect();
    assert_eq!(names, ["classic", "minimal"]);
    for (name, description) in THEMES {
        assert!(!description.is_empty(), "{name} has no description");
        renderer()
            .with_theme(name)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

#[test]
fn every_theme_defines_the_same_template_names() {
    for (name, _) in THEMES {
        let mut defined: Vec<&str> = theme_templates(name)
            .expect("known theme")
            .iter()
            .map(|(n, _)| *n)
            .collect();
        defined.sort_unstable();
        let mut expected = THEME_TEMPLATE_NAMES.to_vec();
        expected.sort_unstable();
        assert_eq!(defined, expected, "{name}");
    }
    // The feeds and the admin pages are shared, never part of a theme.
    assert!(!THEME_TEMPLATE_NAMES.iter().any(|n| n.ends_with(".xml")));
    assert!(!THEME_TEMPLATE_NAMES.iter().any(|n| n.starts_with("admin/")));
}

#[test]
fn unknown_theme_is_an_error() {
    let err = renderer().with_theme("fancy").expect_err("no such theme");
    assert!(matches!(err, RenderError::UnknownTheme(ref n) if n == "fancy"));
    assert_eq!(
        err.to_string(),
        "unknown theme \"fancy\" (the built-in themes are: classic, minimal)"
    );
    assert!(renderer().with_theme("").is_err());
    assert!(renderer().with_theme("Minimal").is_err(), "names are exact");
}

#[test]
fn minimal_entry_page_has_the_same_information() {
    let html = minimal()
        .render_entry(&fixtures::entry_page("ja"))
        .expect("render");
    assert!(
        html.starts_with("<!DOCTYPE html>\n<html lang=\"ja\">"),
        "{html}"
    );
    assert!(html.contains("<title>紫陽花を見に行った | つづり日記</title>"));
    assert!(html.contains(&format!(
        "<link rel=\"canonical\" href=\"{BASE}nikki/2006/06/entry-42.html\">"
    )));
    // Its own stylesheet, not the classic one.
    assert!(html.contains(&format!(
        "<link rel=\"stylesheet\" href=\"{}\">",
        crate::asset_url("minimal.css")
    )));
    assert!(!html.contains("classic.css"));
    assert!(!html.contains("<style"), "the stylesheet is not inlined");
    assert!(html.contains("<meta name=\"color-scheme\" content=\"light dark\">"));
    assert!(html.contains("type=\"application/atom+xml\""));
    assert!(html.contains("type=\"application/rss+xml\""));

    // « previous | main | next » with rel=prev/next.
    let nav = between(&html, "<nav class=\"entry-nav\"", "</nav>");
    assert!(nav.contains("aria-label=\"前後の記事\""));
    assert!(nav.contains(&format!(
        "<a rel=\"prev\" href=\"{BASE}nikki/2006/06/camera.html\"><span class=\"nav-label\">« 前の記事</span> <span class=\"nav-title\">新しいカメラ</span></a>"
    )));
    assert!(nav.contains(&format!("<a href=\"{BASE}nikki/\">メイン</a>")));
    assert!(nav.contains(&format!(
        "<a rel=\"next\" href=\"{BASE}nikki/2006/06/rainy.html\"><span class=\"nav-label\">次の記事 »</span> <span class=\"nav-title\">梅雨入り</span></a>"
    )));
    let (prev, main, next) = (
        nav.find("rel=\"prev\"").expect("prev"),
        nav.find("メイン").expect("main"),
        nav.find("rel=\"next\"").expect("next"),
    );
    assert!(prev < main && main < next, "« previous | main | next »");

    // h-entry with its title, body, extended body, date, author, categories and tags.
    assert!(html.contains("<article class=\"entry h-entry\" id=\"entry-42\">"));
    assert!(html.contains("<h1 class=\"entry-title p-name\">紫陽花を見に行った</h1>"));
    assert!(html.contains("class=\"entry-content e-content\""));
    assert!(html.contains("<ruby>紫陽花<rp>(</rp><rt>あじさい</rt><rp>)</rp></ruby>"));
    assert!(html.contains("<div class=\"entry-more\" id=\"more\">"));
    assert!(html.contains("<h2>写真</h2>"));
    assert!(html.contains(
        "<time class=\"dt-published\" datetime=\"2006-06-15T14:52:00+09:00\">2006年6月15日 (木) 14時52分</time>"
    ));
    assert!(html.contains(&format!(
        "<a class=\"u-url\" href=\"{BASE}nikki/2006/06/entry-42.html\" title=\"固定リンク\">"
    )));
    assert!(html.contains("投稿者 <span class=\"p-author h-card\">ゆき</span>"));
    assert!(html.contains(&format!(
        "カテゴリー:</span> <a class=\"p-category\" href=\"{BASE}nikki/category/diary/\">日記</a>"
    )));
    assert!(html.contains("<a class=\"p-category\" rel=\"tag\""));
    assert!(html.contains("コメント (2)</a>"));
    assert!(html.contains("トラックバック (1)</a>"));

    // The category's other entries, TrackBacks and comments.
    assert!(html.contains("同じカテゴリーの記事"));
    assert!(html.contains(&format!(
        "<li><a href=\"{BASE}nikki/2006/05/walk.html\">散歩</a></li>"
    )));
    assert!(html.contains("このエントリーのトラックバックURL</label>"));
    assert!(html.contains(&format!("value=\"{BASE}nikki/tb/42\" readonly")));
    assert!(html.contains("class=\"ping p-comment h-cite\""));
    assert!(html.contains("となりのブログ"));
    assert!(html.contains("受信日時: <time"));
    assert_eq!(
        html.matches("class=\"comment p-comment h-cite depth-0\"")
            .count(),
        2
    );
    assert!(html.contains(
        "<a class=\"comment-author p-author h-card\" rel=\"nofollow ugc\" href=\"https://taro.example.net/\">たろう</a>"
    ));
    assert!(html.contains(
        "<span class=\"comment-author p-author h-card\">&lt;script&gt;alert(1)&lt;/script&gt;</span>"
    ));
    assert!(!html.contains("<script>"));
    assert!(!html.contains('@'), "no e-mail address may appear");

    // The TrackBack auto-discovery RDF, the page's only comment.
    let rdf = between(&html, "<!--\n<rdf:RDF", "-->");
    assert!(
        rdf.contains("xmlns:trackback=\"http://madskills.com/public/xml/rss/module/trackback/\"")
    );
    assert!(rdf.contains(&format!("rdf:about=\"{BASE}nikki/2006/06/entry-42.html\"")));
    assert!(rdf.contains(&format!("trackback:ping=\"{BASE}nikki/tb/42\"")));
    assert!(rdf.contains("dc:title=\"紫陽花を見に行った\""));
    assert!(rdf.contains("dc:subject=\"日記\""));
    assert_eq!(html.matches("<!--").count(), 1);

    // Landmarks and the skip link; the sidebar's content is a footer section.
    for needle in [
        "<a class=\"skip-link\" href=\"#content\">本文へ移動</a>",
        "<header class=\"site-header\">",
        "<main id=\"content\"",
        "<footer class=\"site-footer\">",
        "Powered by <span class=\"generator\">tsuzuri</span>",
    ] {
        assert!(html.contains(needle), "{needle} missing");
    }
    assert!(!html.contains("<aside"), "one column: no sidebar");
    let footer = between(&html, "<footer class=\"site-footer\">", "</footer>");
    for needle in [
        "最近のエントリー",
        "カテゴリー",
        "<span class=\"count\">(12)</span>",
        "class=\"depth-1\"",
        "月別アーカイブ",
        "2006年6月",
        "このブログのフィードを取得",
        "atom.xml\" type=\"application/atom+xml\">Atom</a>",
        "rss.xml\" type=\"application/rss+xml\">RSS 2.0</a>",
    ] {
        assert!(footer.contains(needle), "{needle} missing from the footer");
    }
}

#[test]
fn minimal_entry_page_without_neighbours_comments_or_pings() {
    let mut page = fixtures::entry_page("en");
    page.previous = None;
    page.next = None;
    page.comments.clear();
    page.pings.clear();
    page.primary_category = None;
    page.category_entries.clear();
    page.entry.more_html = None;
    let html = minimal().render_entry(&page).expect("render");
    assert!(!html.contains("rel=\"prev\""));
    assert!(!html.contains("rel=\"next\""));
    assert!(html.contains("<html lang=\"en\">"));
    assert!(html.contains(&format!("<a href=\"{BASE}nikki/\">Main</a>")));
    assert!(html.contains("No comments yet."));
    assert!(html.contains("No TrackBacks yet."));
    assert!(html.contains("TrackBack URL for this entry"));
    assert!(!html.contains("id=\"more\""));
    assert!(!html.contains("Other entries in this category"));
    assert!(html.contains("<rdf:RDF"));
    assert!(html.contains("dc:subject=\"\""));
}

#[test]
fn minimal_listing_has_entries_and_pagination() {
    let r = minimal();
    let html = r
        .render_listing(&fixtures::listing_page("ja", ListingKind::Top))
        .expect("render");
    assert!(html.contains("<h1 class=\"site-title\">"));
    assert!(html.contains("<title>つづり日記 (2ページ目)</title>"));
    assert!(html.contains(&crate::asset_url("minimal.css")));
    assert_eq!(html.matches("class=\"entry h-entry\"").count(), 2);
    assert!(html.contains("<h2 class=\"entry-title p-name\"><a href="));
    assert!(html.contains("2006年6月15日 (木) 14時52分</time>"));
    assert!(html.contains(&format!(
        "<a href=\"{BASE}nikki/2006/06/entry-42.html#more\">続きを読む<span class=\"visually-hidden\">: 紫陽花を見に行った</span> »</a>"
    )));
    assert!(
        !html.contains("<p>続き</p>"),
        "the extended part is linked, not shown"
    );
    let nav = between(&html, "<nav class=\"pagination\"", "</nav>");
    assert!(nav.contains(&format!(
        "rel=\"prev\" href=\"{BASE}nikki/\">« 新しい記事</a>"
    )));
    assert!(nav.contains(&format!(
        "rel=\"next\" href=\"{BASE}nikki/page/3/\">過去の記事 »</a>"
    )));
    assert!(nav.contains("ページ 2 / 3"));

    let category = r
        .render_listing(&fixtures::listing_page(
            "ja",
            ListingKind::Category {
                label: "日記".into(),
                atom_url: format!("{BASE}nikki/category/diary/atom.xml"),
                rss_url: format!("{BASE}nikki/category/diary/rss.xml"),
            },
        ))
        .expect("render");
    assert!(category.contains("<h1 class=\"archive-title\">「日記」カテゴリーのアーカイブ</h1>"));
    assert!(category.contains("<p class=\"site-title\">"));
    assert!(category.contains(&format!(
        "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"日記 (Atom)\" href=\"{BASE}nikki/category/diary/atom.xml\">"
    )));

    let mut empty = fixtures::listing_page("ja", ListingKind::Top);
    empty.entries.clear();
    empty.pagination = Pagination {
        page: 1,
        pages: 1,
        newer_url: None,
        older_url: None,
    };
    let empty = r.render_listing(&empty).expect("render");
    assert!(empty.contains("記事はまだありません。"));
    assert!(!empty.contains("class=\"pagination\""));
    assert!(empty.contains(&format!("<link rel=\"canonical\" href=\"{BASE}nikki/\">")));
}

#[test]
fn minimal_host_front_and_not_found() {
    let r = minimal();
    let empty = r
        .render_host_front(&fixtures::host_front(true))
        .expect("render");
    assert!(empty.contains("tsuzuri user add LOGIN --email EMAIL --password-stdin --admin"));
    assert!(empty.contains("<p lang=\"ja\">"));
    assert!(empty.contains(&crate::asset_url("minimal.css")));
    let full = r
        .render_host_front(&fixtures::host_front(false))
        .expect("render");
    assert!(full.contains("(19 entries)"));
    assert!(full.contains("紫陽花を見に行った"));
    assert!(full.contains("<h2 id=\"blogs-title\" class=\"section-title\">Blogs</h2>"));

    let in_blog = r
        .render_not_found(&NotFoundPage {
            blog: Some(fixtures::blog("ja")),
            lang: "ja".into(),
            base_url: BASE.into(),
        })
        .expect("render");
    assert!(in_blog.contains("<h1 id=\"not-found-title\">ページが見つかりません</h1>"));
    assert!(
        in_blog.contains("月別アーカイブ"),
        "the blog's index is below"
    );
    let bare = r
        .render_not_found(&NotFoundPage {
            blog: None,
            lang: "en".into(),
            base_url: BASE.into(),
        })
        .expect("render");
    assert!(bare.contains(&format!("<a href=\"{BASE}\">Back to the front page</a>")));
    assert!(!bare.contains("月別アーカイブ"));
}

#[test]
fn themes_share_the_feeds_and_the_admin() {
    let (classic, minimal) = (renderer(), minimal());
    let feed = fixtures::feed_page();
    assert_eq!(
        classic.render_atom(&feed).expect("atom"),
        minimal.render_atom(&feed).expect("atom")
    );
    assert_eq!(
        classic.render_rss(&feed).expect("rss"),
        minimal.render_rss(&feed).expect("rss")
    );
    let ctx = serde_json::json!({ "user": null, "error": null, "login": "", "next": "/admin/", "notice": null, "sign_up_open": false, "host_name": "tsuzuri" });
    let admin = classic
        .render_admin("admin/sign_in.html", Lang::En, &ctx)
        .expect("admin");
    assert!(admin.contains("admin.css"));
    assert_eq!(
        minimal
            .render_admin("admin/sign_in.html", Lang::En, &ctx)
            .expect("admin"),
        admin
    );
}

#[test]
fn switching_back_to_classic_and_overriding_the_minimal_theme() {
    let page = fixtures::entry_page("ja");
    let classic = renderer().render_entry(&page).expect("render");
    let back = minimal().with_theme("classic").expect("classic");
    assert_eq!(back.render_entry(&page).expect("render"), classic);

    // An owner's override by name works on the minimal theme as on the classic one, and
    // what it does not override stays minimal.
    let custom = minimal()
        .with_overrides([(
            "_entry_meta.html",
            "<p class=\"custom-meta\">{{ entry.author }}</p>",
        )])
        .expect("override compiles");
    let html = custom.render_entry(&page).expect("render");
    assert!(html.contains("<p class=\"custom-meta\">ゆき</p>"));
    assert!(html.contains(&crate::asset_url("minimal.css")));
    assert!(html.contains("<nav class=\"entry-nav\""));
    assert!(
        !minimal()
            .render_entry(&page)
            .expect("render")
            .contains("custom-meta")
    );
}

#[test]
fn a_large_entry_page_fits_in_the_fuel_in_every_theme() {
    let mut page = fixtures::entry_page("ja");
    let c = page.comments[0].clone();
    let p = page.pings[0].clone();
    page.comments = (0..500)
        .map(|i| CommentView { id: i, ..c.clone() })
        .collect();
    page.pings = (0..200).map(|i| PingView { id: i, ..p.clone() }).collect();
    page.blog.categories = (0..200)
        .map(|i| fixtures::category("c", &i.to_string(), i, 0))
        .collect();
    page.blog.months = (0..240).map(|_| page.blog.months[0].clone()).collect();
    let html = minimal().render_entry(&page).expect("fits");
    assert_eq!(
        html.matches("class=\"comment p-comment h-cite depth-0\"")
            .count(),
        500
    );
}

// ---- outside validators ----

/// Whether a missing validator fails the test (CI) or skips it (a laptop without it).
fn tools_required() -> bool {
    let set = |name: &str| std::env::var(name).is_ok_and(|v| v == "1" || v == "true");
    set("TSUZURI_REQUIRE_TOOLS") || set("CI")
}

fn skip(reason: &str) {
    assert!(
        !tools_required(),
        "validators are required here (CI or TSUZURI_REQUIRE_TOOLS) but {reason}"
    );
    eprintln!("skipped: {reason}");
}

fn temp_file(name: &str, contents: &str) -> PathBuf {
    let path = std::env::temp_dir().join(format!(
        "tsuzuri-render-{}-{:?}-{name}",
        std::process::id(),
        std::thread::current().id()
    ));
    std::fs::write(&path, contents).expect("write temp file");
    path
}

fn has_command(cmd: &str, arg: &str) -> bool {
    Command::new(cmd)
        .arg(arg)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}

fn atom_schema() -> PathBuf {
    std::env::var_os("TSUZURI_ATOM_SCHEMA")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../../shared/corpus/schemas/atom-rfc4287.rnc")
        })
}

fn feeds_to_check() -> Vec<(&'static str, String)> {
    let r = renderer();
    let mut empty = fixtures::feed_page();
    empty.entries.clear();
    empty.subtitle.clear();
    vec![
        (
            "atom.xml",
            r.render_atom(&fixtures::feed_page()).expect("atom"),
        ),
        ("atom-empty.xml", r.render_atom(&empty).expect("atom")),
        (
            "rss.xml",
            r.render_rss(&fixtures::feed_page()).expect("rss"),
        ),
        ("rss-empty.xml", r.render_rss(&empty).expect("rss")),
    ]
}

#[test]
fn atom_passes_the_rfc4287_schema() {
    if !has_command("jing", "-h") {
        return skip("jing is not installed");
    }
    let schema = atom_schema();
    if !schema.exists() {
        return skip(&format!("no Atom schema at {}", schema.display()));
    }
    for (name, xml) in feeds_to_check()
        .into_iter()
        .filter(|(n, _)| n.starts_with("atom"))
    {
        let file = temp_file(name, &xml);
        let out = Command::new("jing")
            .arg("-c")
            .arg(&schema)
            .arg(&file)
            .output()
            .expect("run jing");
        let _ = std::fs::remove_file(&file);
        assert!(
            out.status.success(),
            "{name} fails the Atom schema:\n{}{}\n{xml}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn feeds_parse_in_feedparser_without_bozo() {
    let probe = Command::new("python3")
        .args(["-c", "import feedparser"])
        .stderr(Stdio::null())
        .status();
    if !probe.is_ok_and(|s| s.success()) {
        return skip("python3 with feedparser is not installed");
    }
    for (name, xml) in feeds_to_check() {
        let mut child = Command::new("python3")
            .args([
                "-c",
                "import feedparser,sys\n\
                 d=feedparser.parse(sys.stdin.buffer.read())\n\
                 print(int(bool(d.bozo)), repr(d.get('bozo_exception')), len(d.entries), d.version)\n\
                 [print(e.get('title'), e.get('link'), sep='\\t') for e in d.entries]",
            ])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("run python3");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(xml.as_bytes())
            .expect("write");
        let out = child.wait_with_output().expect("feedparser");
        let report = String::from_utf8_lossy(&out.stdout).into_owned();
        let first = report.lines().next().unwrap_or_default();
        assert!(
            first.starts_with("0 None "),
            "{name}: feedparser says {report}"
        );
        let count: usize = first
            .split(' ')
            .nth(2)
            .and_then(|n| n.parse().ok())
            .unwrap_or(99);
        let expected = if name.contains("empty") { 0 } else { 3 };
        assert_eq!(count, expected, "{name}: {report}");
        if expected > 0 {
            let titles: Vec<&str> = report.lines().skip(1).collect();
            assert!(
                titles[0].starts_with("紫陽花を見に行った <b>"),
                "{name}: {report}"
            );
            assert!(titles[2].starts_with("梅雨入り"), "{name}: {report}");
        }
    }
}

fn sample_pages(r: &Renderer) -> Vec<(&'static str, String)> {
    vec![
        (
            "entry.html",
            r.render_entry(&fixtures::entry_page("ja")).expect("entry"),
        ),
        (
            "entry-en.html",
            r.render_entry(&fixtures::entry_page("en")).expect("entry"),
        ),
        (
            "listing.html",
            r.render_listing(&fixtures::listing_page("ja", ListingKind::Top))
                .expect("listing"),
        ),
        (
            "listing-category.html",
            r.render_listing(&fixtures::listing_page(
                "ja",
                ListingKind::Category {
                    label: "日記".into(),
                    atom_url: format!("{BASE}nikki/category/diary/atom.xml"),
                    rss_url: format!("{BASE}nikki/category/diary/rss.xml"),
                },
            ))
            .expect("listing"),
        ),
        (
            "host-front.html",
            r.render_host_front(&fixtures::host_front(false))
                .expect("front"),
        ),
        (
            "host-front-empty.html",
            r.render_host_front(&fixtures::host_front(true))
                .expect("front"),
        ),
        (
            "not-found.html",
            r.render_not_found(&NotFoundPage {
                blog: Some(fixtures::blog("ja")),
                lang: "ja".into(),
                base_url: BASE.into(),
            })
            .expect("404"),
        ),
        (
            "not-found-bare.html",
            r.render_not_found(&NotFoundPage {
                blog: None,
                lang: "en".into(),
                base_url: BASE.into(),
            })
            .expect("404"),
        ),
    ]
}

/// The sample pages of every theme, each beside its stylesheet, written to
/// `TSUZURI_SAMPLE_DIR/{theme}/` for a look in a browser (`file://`); does nothing when the
/// variable is not set.
#[test]
fn write_sample_pages() {
    let Some(dir) = std::env::var_os("TSUZURI_SAMPLE_DIR") else {
        return;
    };
    for (theme, _) in THEMES {
        let dir = PathBuf::from(&dir).join(theme);
        std::fs::create_dir_all(&dir).expect("sample dir");
        let css = format!("{theme}.css");
        let asset = crate::asset(&css).expect("stylesheet");
        std::fs::write(dir.join(&css), asset.body).expect("write css");
        let r = renderer().with_theme(theme).expect("theme");
        for (name, html) in sample_pages(&r) {
            let html = html.replace(&crate::asset_url(&css), &css);
            std::fs::write(dir.join(name), html).expect("write page");
        }
        eprintln!("wrote {}", dir.display());
    }
}

/// The Nu HTML checker (from `tools/`, `cd tools && npm install`; or `VNU_JAR`) on every
/// sample page of every theme, in one Java run.
#[test]
fn html_pages_pass_vnu() {
    let jar = std::env::var_os("VNU_JAR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../tools/node_modules/vnu-jar/build/dist/vnu.jar"
            ))
        });
    if !jar.exists() {
        return skip(&format!(
            "{} is missing (cd tools && npm install)",
            jar.display()
        ));
    }
    let mut files: Vec<PathBuf> = Vec::new();
    for (theme, _) in THEMES {
        let r = renderer().with_theme(theme).expect("theme");
        for (name, html) in sample_pages(&r) {
            files.push(temp_file(&format!("{theme}-{name}"), &html));
        }
    }
    assert_eq!(files.len(), 8 * THEMES.len());
    let out = Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .args(["--errors-only", "--format", "gnu"])
        .args(&files)
        .output()
        .expect("run java");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    for f in &files {
        let _ = std::fs::remove_file(f);
    }
    assert!(out.status.success() && report.trim().is_empty(), "{report}");
}
