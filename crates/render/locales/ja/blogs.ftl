# blogs (ja)

## Dashboard

dashboard-your-blogs = あなたのブログ
dashboard-create-blog = ブログを作成
dashboard-awaiting = 承認待ち { $count } 件
dashboard-no-blogs = まだブログがありません。
dashboard-create-one = ブログを作成する
dashboard-create-one-after = { "" }
blog-view = ブログを表示

## A member's role in a blog (as the role names read today)

blog-role-owner = オーナー
blog-role-editor = 編集者
blog-role-author = 著者

## New blog

new-blog-title = 新しいブログ
new-blog-heading = ブログを作成
new-blog-not-created = ブログを作成できませんでした:
new-blog-address = アドレス
new-blog-address-hint = 半角の英小文字・数字・「-」「_」。ブログは /アドレス/ で公開されます
new-blog-submit = ブログを作成
new-blog-slug-invalid = ブログのアドレスには、半角の英小文字・数字・「-」「_」を 1〜64 文字で使い、英小文字か数字で始めてください。
new-blog-slug-reserved = このアドレスは予約されています。別のアドレスを選んでください。
new-blog-slug-taken = このアドレスのブログはすでにあります。
new-blog-timezone-invalid = タイムゾーンは Asia/Tokyo や UTC のような IANA の名前で入力してください。
new-blog-limit = このホストで持てるブログの数の上限に達しています。

## Fields shared by the new-blog form and the settings

blog-field-title = タイトル
blog-field-language = 言語
blog-field-timezone = タイムゾーン
blog-title-invalid = ブログのタイトルは 1〜200 文字で入力してください。

## Blog settings

blog-settings-title = 設定 · { $blog }
blog-settings = 設定
blog-settings-heading = ブログの設定
blog-settings-templates-link = テーマのテンプレートをカスタマイズ
blog-settings-not-saved = 設定を保存できませんでした:
blog-settings-description = 説明
blog-settings-description-hint = タイトルの下とフィードに表示されます
blog-settings-lang = ブログのページの言語
blog-settings-timezone-hint = IANA の名前（例: Asia/Tokyo）
blog-settings-theme = テーマ
blog-settings-comments = コメント
blog-settings-close-after = 記事のコメントを締め切るまでの日数
blog-settings-close-after-hint = 日（空欄: 締め切らない）
blog-settings-pings = トラックバックとピン
blog-settings-timezone-note = タイムゾーンを変えると日付の表示が変わります。公開済みの記事のアドレスは変わりません。
blog-settings-save = 設定を保存
blog-settings-saved = 設定を保存しました。
blog-settings-owner-only = ブログの設定を変更できるのはオーナーだけです。
blog-description-too-long = 説明は 1000 文字以内にしてください。
blog-timezone-invalid = タイムゾーンは Asia/Tokyo、Europe/London、UTC のような IANA の名前で入力してください。
blog-theme-invalid = 一覧のテーマから選んでください。
blog-comment-policy-invalid = 一覧のコメントの受け付け方から選んでください。
blog-ping-policy-invalid = 一覧のトラックバックの受け付け方から選んでください。
blog-close-days-invalid = 日数を数字で入力してください（0 か空欄: 締め切らない）。
blog-theme-classic = クラシック（2 カラム。2000 年代の日本のブログ風）
blog-theme-minimal = ミニマル（1 カラム。ライトとダーク）
blog-comments-open = 受け付ける: コメントはすぐに表示されます（疑わしいものは保留）
blog-comments-moderated = 承認制: すべてのコメントが承認待ちになります
blog-comments-signed-in = ログインしたユーザーだけ
blog-comments-closed = 受け付けない: 新しいコメントは受け付けません
blog-pings-verify = 送信元のページが記事にリンクしていれば表示する（おすすめ）
blog-pings-moderated = すべてのピンを承認待ちにする
blog-pings-open = リンクを確かめずにすぐ表示する
blog-pings-closed = トラックバックもピンも受け付けない

## One blog's overview

blog-your-role = あなたの役割:
blog-write-entry = 新しい記事を書く
blog-all-entries = 記事の一覧
blog-media = ファイル
blog-categories = カテゴリー
blog-trash = ゴミ箱
blog-templates = テンプレート
blog-entries = 記事
blog-awaiting = 承認待ち
blog-moderate-comments = コメントを承認する
# After the number, which the page shows in bold.
blog-pending-comments = 件のコメント
blog-pending-pings = 件のトラックバック・ピン
blog-recent = 最近の記事
blog-column-status = 状態
blog-column-date = 日付
blog-untitled = （無題）
blog-view-entry = 表示
blog-published = 公開
blog-draft = 下書き
# An entry's status as the overview's counts name it (the stored words, as they read today).
blog-status-draft = 下書き
blog-status-publish = 公開
blog-status-review = レビュー待ち
blog-status-future = 予約投稿
blog-status-unpublish = 非公開
blog-status-spam = スパム
blog-status-trash = ゴミ箱
blog-no-entries = まだ記事がありません。
blog-not-found = 管理できるブログの中に、そのブログはありません。
blog-category-unknown = このブログにそのカテゴリーはありません。
blog-status-unknown = その状態はありません。
