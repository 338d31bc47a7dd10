# media (ja)

## The media library (admin/media.html)

media-title = ファイル
media-files = ファイル
media-files-hint = 1 ファイル { $mb } MB まで: 画像（JPEG、PNG、GIF、WebP、SVG）、PDF、音声、動画、ZIP、テキスト
media-alt = 画像が見えない読者のための説明
media-alt-hint = （代替テキスト。省略可）
media-upload = アップロード
media-total = { $count } 件。画像にはサムネイルが作られ、幅の広い画像には記事用に幅 1024 ピクセルの縮小版（元の画像へのリンク付き）が作られます。記事に入れるには、コードをコピーして貼り付けるか、編集画面の「画像やファイルを挿入」を使ってください。
media-delete-confirm = { $name } を削除しますか？ このファイルを表示している記事では、リンク切れになります。
media-pages = ページ
media-newer = « 新しいファイル
media-page-of = { $page } / { $pages } ページ
media-older = 古いファイル »
media-empty = まだファイルがありません。
media-size-bytes = { $count } バイト

## Notices and errors of uploads

media-uploaded = { $count } 件のファイルをアップロードしました。
media-uploaded-known = うち { $count } 件は、アップロード済みのファイルと同じでした。
media-uploaded-before = このファイルの前に { $count } 件をアップロードしました。
media-deleted = ファイルを削除しました。
media-too-large = ファイルが上限の { $mb } MB を超えています。
media-malformed = アップロードが途中で切れたか、形式が正しくありません（{ $detail }）。もう一度お試しください。
media-choose-file = アップロードするファイルを選んでください。
media-no-blog = 管理できるブログの中に、その名前のブログはありません。
media-no-such-file = このブログにそのファイルはありません。
media-no-such-file-of-yours = このブログに、あなたがアップロードしたそのファイルはありません。

## The editor's media panel: admin.js reads these from data-msg-* attributes of #media-panel
## (the "Insert …" label after an upload is entry-form-media-insert, in entries.ftl).

media-panel-choose-file = 先にファイルを選んでください。
media-panel-uploading = アップロード中…
media-panel-upload-failed = アップロードできませんでした。
media-panel-connection-failed = アップロードできませんでした。接続を確かめて、もう一度お試しください。
media-panel-uploaded = アップロードして挿入しました。
