# entries (ja)

## Words shared by the entry pages

entries-heading = 記事一覧
entries-untitled = （無題）
entries-title = タイトル
entries-body = 本文
entries-more = 追記
entries-status-label = 公開状態
entries-edit = 編集
entries-new = 新しい記事
entries-revisions = 変更履歴
entries-restore = 元に戻す
# An entry's status in the list; `$status` is the stored value.
entries-status = { $status ->
    [publish] 公開
    [draft] 下書き
    [future] 予約投稿
    [review] 承認待ち
    [unpublish] 非公開
    [spam] スパム
   *[other] { $status }
}

## The list of entries

entries-filter-all = すべて（ゴミ箱を除く）
entries-filter-drafts = 下書き
entries-filter-published = 公開
entries-filter-trash = ゴミ箱
entries-category = カテゴリー
entries-category-any = すべて
entries-containing = キーワード
entries-filter = 絞り込む
entries-count = { $count } 件
entries-date = 日時
entries-view = 表示
entries-none-match = 条件に合う記事はありません。
entries-pages = ページ送り
entries-newer = 新しい記事
entries-older = 古い記事
entries-page-of = { $page } / { $pages } ページ

## The editor

entry-form-title-edit = 「{ $title }」を編集
entry-form-heading-edit = 記事の編集
entry-form-public-at = 公開中のアドレス:{ " " }
entry-form-not-saved = 記事は保存されませんでした:
entry-form-media = 画像やファイルを挿入
entry-form-media-hint = 本文のカーソルの位置（追記を入力していたときは追記）に、書式に合わせて Markdown か HTML で挿入します。
entry-form-media-all-before = すべてのファイルは
entry-form-media-all-link = ファイル一覧
entry-form-media-all-after = にあります。
entry-form-media-file = ファイルをアップロード
entry-form-media-alt = 画像が見えない読者のための説明
entry-form-media-alt-hint = （代替テキスト）
entry-form-media-upload = アップロードして挿入
entry-form-media-insert = 「{ $name }」を挿入
entry-form-more = 追記（続きを読む）
entry-form-more-hint = 記事の個別ページにだけ表示されます
entry-form-excerpt = 概要
entry-form-excerpt-hint = 省略できます
entry-form-format = 書式
entry-form-format-breaks = 改行を変換
entry-form-status-draft = 下書き
entry-form-status-publish = 公開（下の日時に）
entry-form-date = 日時
entry-form-date-hint = （{ $timezone }。空欄なら現在、未来の日時なら予約投稿）
entry-form-categories = カテゴリー
entry-form-categories-hint = カンマ（、）区切り。最初のものがメインのカテゴリーになります
entry-form-tags = タグ
entry-form-tags-hint = カンマ（、）区切り
entry-form-basename = ベースネーム
entry-form-basename-hint = URL の最後の部分です。空欄のときはタイトルの半角英数字から作ります。英数字のないタイトル（日本語のタイトルなど）では日と時刻から作ります。例:
entry-form-responses = コメントとトラックバック
entry-form-allow-comments = コメントを受け付ける
entry-form-allow-pings = トラックバックとピンを受け付ける
entry-form-trackbacks = トラックバック送信先
entry-form-trackbacks-hint = 1 行に 1 つのトラックバック URL。記事からリンクしたページには、Webmention かピンバックで自動的に通知します
entry-form-preview = プレビュー
entry-form-preview-hint = 新しいタブにブログのテーマで表示します。保存はされません
entry-form-pings = この記事から送ったピン
entry-form-pings-hint = 記事を公開または更新すると、記事からリンクしたすべてのページに通知します（Webmention、なければピンバック、それもなければトラックバック）。上に書いたトラックバック URL にも送ります。失敗したものは数時間のあいだ再試行します。
entry-form-ping-target = 送信先
entry-form-ping-how = 方式
entry-form-ping-result = 結果
entry-form-ping-when = 日時
entry-form-ping-webmention = Webmention
entry-form-ping-pingback = ピンバック
entry-form-ping-trackback = トラックバック
entry-form-ping-sent = 送信済み
entry-form-ping-failed = 失敗
entry-form-ping-retrying = 再試行予定
entry-form-ping-none = 送信先なし
entry-form-ping-waiting = 公開待ち
entry-form-ping-queued = 送信待ち
entry-form-trash = ゴミ箱に移動
entry-form-trash-hint = 30 日間は元に戻せます。
entry-form-saved = 保存しました。

## The editor's checks

entry-form-error-title-missing = タイトルを入力してください。
entry-form-error-title-long = タイトルは 200 文字以内にしてください。
entry-form-error-too-long = 本文が長すぎます（最大 1 MB）。
entry-form-error-format = 書式は Markdown、HTML、改行を変換のどれかを選んでください。
entry-form-error-status = 下書きか公開を選んでください。
entry-form-error-date = 日時は YYYY-MM-DDTHH:MM の形で入力してください（例: 2006-06-15T14:52）。
entry-form-error-date-missing = その日時はブログのタイムゾーンには存在しません。

## Errors of the entry pages

entries-error-no-blog = その名前の、あなたが管理できるブログはありません。
entries-error-no-entry = その記事はこのブログにありません。
entries-error-not-own = 投稿者は自分の記事だけを編集できます。
entries-error-in-trash = この記事はゴミ箱にあります。編集する前に元に戻してください。
entries-error-no-revision = この記事にその版はありません。
entries-error-already-trashed = この記事はすでにゴミ箱にあります。
entries-error-not-trashed = この記事はゴミ箱にありません。

## Revisions

entries-revisions-saved = 保存日時
entries-revisions-by = 保存した人
entries-revisions-title-then = 当時のタイトル
entries-revisions-compare = 比較
entries-revisions-compare-restore = 比較して戻す
entries-revisions-none = 変更履歴はまだありません。エディターで書いた記事は、保存するたびに 1 版ずつ残ります（インポートした記事は履歴なしで始まります）。
entries-revision = 過去の版
entries-revision-of = { $saved } の版
entries-revision-intro = 保存した人: { $name }。「−」の行はこの版にあって今の記事にない行、「+」の行は今の記事にある行です。
entries-revision-unchanged = { $title }（変更なし）
entries-revision-restore = この版に戻す
entries-revision-restore-hint = 今の記事も変更履歴に残ります。

## Trash

entries-trash = ゴミ箱
entries-trash-intro = 削除した記事は 30 日間ここに残り、読者には見えません。元に戻すと、削除する前の公開状態に戻ります。
entries-trash-deleted = 削除日時
entries-trash-purged-after = 完全に削除される日時
entries-trash-empty = ゴミ箱は空です。
