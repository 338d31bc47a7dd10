# comments (ja)

## The moderation queue (admin/comments.html)

comments-title = コメント
comments-title-pings = トラックバック
comments-crumb = コメント・トラックバック
comments-heading-pings = トラックバック・ピン
comments-nav-kind = 種類
comments-nav-status = 状態
comments-status-pending = 承認待ち
comments-status-approved = 表示中
comments-status-spam = スパム
comments-feed-lead = この一覧はフィードリーダーでも確認できます:
comments-feed-link = 非公開の Atom フィード
comments-feed-tail = （アドレスは他の人に教えないでください）。
comments-total = { $count } 件。メールアドレスと IP アドレスは、ここでブログのオーナーと編集者にだけ表示されます。
comments-select-all = このページのすべてを選択
comments-untitled = （無題）
# Between a ping's title and the entry it was sent to.
comments-ping-to = →
comments-ping-encoding = 文字コード: { $encoding }
comments-held-because = 保留の理由: { $reasons }
# Between a comment's author and the entry it was left on.
comments-comment-on = →
comments-signed-in = （ログインユーザー）
comments-approve = 承認
comments-spam = スパム
comments-ticked = チェックしたものを:
comments-mark-spam = スパムにする
comments-bulk-hint = 承認とスパムの指定は、スパムフィルターの学習に使われます（このブログとホスト全体）。削除は学習に使われません。
comments-empty = 該当するものはありません。

## Notices and errors of the queue

comments-changed = { $count } 件のコメントを変更しました。
comments-pings-changed = { $count } 件のピンを変更しました。
comments-unknown-action = 不明な操作です。承認・スパム・削除のいずれかを選んでください。
comments-choose-one = 先に対象のコメントを 1 件以上選んでください（チェックボックスにチェックを入れます）。
comments-no-such-feed = フィードが見つかりません。

## A signed-in reader's comment page (admin/comment.html)

comment-form-title = 「{ $title }」へのコメント
comment-form-heading = 「{ $title }」へのコメント
# Before the link to the blog.
comment-form-on = 投稿先:
# After the link to the blog.
comment-form-as = （{ $name } として投稿）。コメントには表示名が添えられます。メールアドレスは表示されません。
comment-form-body = コメント
comment-form-post = コメントを投稿
comment-form-back = 記事に戻る
comment-form-no-such-entry = 記事が見つかりません。
