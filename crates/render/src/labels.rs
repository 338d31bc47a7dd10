//! Reader-facing words of the themes in Japanese and English, handed to templates as `t`.
//!
//! Japanese follows the wording of Movable Type's classic Japanese templates
//! (« 前の記事 | メイン | 次の記事 », 続きを読む, このエントリーのトラックバックURL …) because
//! that is what readers of the blogs moving here are used to. Strings with `{}` are filled
//! by the template with the `replace` filter.

use serde::Serialize;
use tsuzuri_core::Lang;

/// Every word a built-in template prints. Owner templates get the same set.
#[derive(Debug, Serialize)]
pub struct Labels {
    pub lang: &'static str,
    pub skip_to_content: &'static str,
    pub sidebar: &'static str,
    pub entry_navigation: &'static str,
    pub previous_entry: &'static str,
    pub main_page: &'static str,
    pub next_entry: &'static str,
    pub continue_reading: &'static str,
    pub posted_by: &'static str,
    pub permalink: &'static str,
    pub comments: &'static str,
    pub no_comments: &'static str,
    pub comments_closed: &'static str,
    pub leave_comment: &'static str,
    pub comment_name: &'static str,
    pub comment_email: &'static str,
    pub comment_email_hint: &'static str,
    pub comment_url: &'static str,
    pub comment_url_hint: &'static str,
    pub comment_text: &'static str,
    pub comment_remember: &'static str,
    pub comment_submit: &'static str,
    pub comment_trap: &'static str,
    pub comment_reply: &'static str,
    pub comment_replying: &'static str,
    pub comment_cancel_reply: &'static str,
    pub comment_sign_in: &'static str,
    pub comment_problems: &'static str,
    pub trackbacks: &'static str,
    pub no_trackbacks: &'static str,
    pub trackback_url: &'static str,
    pub ping_from: &'static str,
    pub received: &'static str,
    pub kind_trackback: &'static str,
    pub kind_pingback: &'static str,
    pub kind_webmention: &'static str,
    pub category: &'static str,
    pub categories: &'static str,
    pub same_category: &'static str,
    pub tags: &'static str,
    pub monthly_archives: &'static str,
    pub recent_entries: &'static str,
    pub feeds: &'static str,
    pub subscribe: &'static str,
    pub category_feeds: &'static str,
    pub month_archive: &'static str,
    pub category_archive: &'static str,
    pub tag_archive: &'static str,
    pub no_entries: &'static str,
    pub pagination: &'static str,
    pub newer_entries: &'static str,
    pub older_entries: &'static str,
    pub page_n: &'static str,
    pub page_of: &'static str,
    pub powered_by: &'static str,
    pub not_found_title: &'static str,
    pub not_found_message: &'static str,
    pub back_to_blog: &'static str,
    pub back_to_front: &'static str,
    pub blogs: &'static str,
    pub entry_count: &'static str,
    pub no_blogs: &'static str,
    pub getting_started_title: &'static str,
    pub getting_started_intro: &'static str,
    pub getting_started_user: &'static str,
    pub getting_started_user_note: &'static str,
    pub getting_started_blog: &'static str,
    pub getting_started_blog_note: &'static str,
    pub getting_started_then: &'static str,
}

static JA: Labels = Labels {
    lang: "ja",
    skip_to_content: "本文へ移動",
    sidebar: "サイドバー",
    entry_navigation: "前後の記事",
    previous_entry: "前の記事",
    main_page: "メイン",
    next_entry: "次の記事",
    continue_reading: "続きを読む",
    posted_by: "投稿者",
    permalink: "固定リンク",
    comments: "コメント",
    no_comments: "コメントはまだありません。",
    comments_closed: "この記事へのコメントは受け付けていません。",
    leave_comment: "コメントする",
    comment_name: "名前",
    comment_email: "メールアドレス",
    comment_email_hint: "公開されません",
    comment_url: "URL",
    comment_url_hint: "任意",
    comment_text: "コメント",
    comment_remember: "この情報を記憶する",
    comment_submit: "投稿",
    comment_trap: "この欄は空欄のままにしてください",
    comment_reply: "返信",
    comment_replying: "返信先",
    comment_cancel_reply: "返信をやめる",
    comment_sign_in: "コメントするにはサインインしてください。",
    comment_problems: "コメントは送信されませんでした。次の点を直してください:",
    trackbacks: "トラックバック",
    no_trackbacks: "トラックバックはまだありません。",
    trackback_url: "このエントリーのトラックバックURL",
    ping_from: "送信元",
    received: "受信日時",
    kind_trackback: "トラックバック",
    kind_pingback: "ピンバック",
    kind_webmention: "Webmention",
    category: "カテゴリー",
    categories: "カテゴリー",
    same_category: "同じカテゴリーの記事",
    tags: "タグ",
    monthly_archives: "月別アーカイブ",
    recent_entries: "最近のエントリー",
    feeds: "フィード",
    subscribe: "このブログのフィードを取得",
    category_feeds: "このカテゴリーのフィード",
    month_archive: "{}のアーカイブ",
    category_archive: "「{}」カテゴリーのアーカイブ",
    tag_archive: "タグ「{}」の付いた記事",
    no_entries: "記事はまだありません。",
    pagination: "ページ送り",
    newer_entries: "新しい記事",
    older_entries: "過去の記事",
    page_n: "{}ページ目",
    page_of: "ページ",
    powered_by: "Powered by",
    not_found_title: "ページが見つかりません",
    not_found_message: "お探しのページは見つかりませんでした。移動または削除されたか、URLが間違っている可能性があります。",
    back_to_blog: "ブログのトップページへ戻る",
    back_to_front: "トップページへ戻る",
    blogs: "ブログ一覧",
    entry_count: "{}件の記事",
    no_blogs: "ブログはまだありません。",
    getting_started_title: "tsuzuri へようこそ",
    getting_started_intro: "このサイトにはまだブログがありません。サーバーで次の2つのコマンドを実行して、管理者と最初のブログを作成してください。",
    getting_started_user: "1. 管理者ユーザーを作成する",
    getting_started_user_note: "パスワードは標準入力から読み込まれます。",
    getting_started_blog: "2. ブログを作成する",
    getting_started_blog_note: "英語のブログには --lang en を、日本時間以外のタイムゾーンには --timezone を付けます。",
    getting_started_then: "作成したら、管理画面にサインインして最初の記事を書きましょう:",
};

static EN: Labels = Labels {
    lang: "en",
    skip_to_content: "Skip to content",
    sidebar: "Sidebar",
    entry_navigation: "Previous and next entries",
    previous_entry: "Previous entry",
    main_page: "Main",
    next_entry: "Next entry",
    continue_reading: "Continue reading",
    posted_by: "Posted by",
    permalink: "Permalink",
    comments: "Comments",
    no_comments: "No comments yet.",
    comments_closed: "Comments are closed for this entry.",
    leave_comment: "Leave a comment",
    comment_name: "Name",
    comment_email: "E-mail",
    comment_email_hint: "never shown",
    comment_url: "Website",
    comment_url_hint: "optional",
    comment_text: "Comment",
    comment_remember: "Remember me",
    comment_submit: "Post comment",
    comment_trap: "Leave this field empty",
    comment_reply: "Reply",
    comment_replying: "Replying to",
    comment_cancel_reply: "Cancel reply",
    comment_sign_in: "Sign in to comment.",
    comment_problems: "Your comment was not sent. Please check:",
    trackbacks: "TrackBacks",
    no_trackbacks: "No TrackBacks yet.",
    trackback_url: "TrackBack URL for this entry",
    ping_from: "from",
    received: "Received",
    kind_trackback: "TrackBack",
    kind_pingback: "Pingback",
    kind_webmention: "Webmention",
    category: "Category",
    categories: "Categories",
    same_category: "Other entries in this category",
    tags: "Tags",
    monthly_archives: "Monthly archives",
    recent_entries: "Recent entries",
    feeds: "Feeds",
    subscribe: "Subscribe to this blog's feed",
    category_feeds: "Feeds for this category",
    month_archive: "Archives for {}",
    category_archive: "Archives: {}",
    tag_archive: "Entries tagged “{}”",
    no_entries: "No entries yet.",
    pagination: "Pages",
    newer_entries: "Newer entries",
    older_entries: "Older entries",
    page_n: "page {}",
    page_of: "Page",
    powered_by: "Powered by",
    not_found_title: "Page not found",
    not_found_message: "The page you were looking for could not be found. It may have been moved or deleted, or the address may be mistyped.",
    back_to_blog: "Back to the blog's top page",
    back_to_front: "Back to the front page",
    blogs: "Blogs",
    entry_count: "{} entries",
    no_blogs: "No blogs yet.",
    getting_started_title: "Welcome to tsuzuri",
    getting_started_intro: "This site has no blogs yet. Run these two commands on the server to create an administrator and a first blog.",
    getting_started_user: "1. Create an administrator",
    getting_started_user_note: "The password is read from standard input.",
    getting_started_blog: "2. Create a blog",
    getting_started_blog_note: "Add --lang en for an English blog, and --timezone for a zone other than Asia/Tokyo.",
    getting_started_then: "Then sign in to the admin pages and write the first entry:",
};

/// The words of one language.
pub fn labels(lang: Lang) -> &'static Labels {
    match lang {
        Lang::Ja => &JA,
        Lang::En => &EN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classic_japanese_wording() {
        let t = labels(Lang::Ja);
        assert_eq!(
            format!(
                "« {} | {} | {} »",
                t.previous_entry, t.main_page, t.next_entry
            ),
            "« 前の記事 | メイン | 次の記事 »"
        );
        assert_eq!(t.continue_reading, "続きを読む");
        assert_eq!(t.trackback_url, "このエントリーのトラックバックURL");
        assert_eq!(labels(Lang::En).lang, "en");
    }

    #[test]
    fn no_label_is_empty() {
        for t in [labels(Lang::Ja), labels(Lang::En)] {
            let v = serde_json::to_value(t).expect("json");
            for (k, v) in v.as_object().expect("object") {
                assert!(!v.as_str().unwrap_or_default().is_empty(), "{k} is empty");
            }
        }
    }
}
