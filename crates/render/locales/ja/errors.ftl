## Error pages and error messages the HTTP edge gives.

http-400 = リクエストに誤りがあります
http-401 = ログインが必要です
http-403 = この操作はできません
http-404 = ページが見つかりません
http-405 = この方法ではアクセスできません
http-409 = ほかの内容と重なっています
http-410 = 有効期限が切れています
http-413 = 大きすぎます
http-415 = 扱えない形式です
http-422 = 内容を読み取れませんでした
http-429 = 試行が多すぎます
http-500 = サーバーでエラーが起きました
http-503 = 一時的に利用できません
error-heading = { $status } { $title }
error-back-to-admin = 管理画面のトップへ
error-rate-limited = 試行が多すぎます。{ $seconds } 秒後にもう一度お試しください。
error-import-line = { $line } 行目: { $problem }
error-unavailable = 一時的に利用できません。1 分ほどしてからもう一度お試しください。
error-internal = サーバー側で問題が起きました。記録済みです。
error-form-token = フォームの確認用トークンがないか、正しくありません。ページを再読み込みしてもう一度お試しください。
error-no-such-file = このアドレスにファイルはありません。
error-no-such-page = このアドレスのページはありません。
error-unreadable-query = アドレスに、このページで読み取れないパラメーターがあります。リンクを確認してください。
error-unreadable-form = フォームを読み取れませんでした。ページを再読み込みして、もう一度送信してください。

## エントリー・ブログ・アカウントの規則（core と app）が作るメッセージ。受け付けなかった値を添えます。
blog-slug-invalid = 「{ $slug }」はブログ名に使えません。半角の英小文字・数字・「-」・「_」で 1〜64 文字、先頭は英字か数字にしてください。
blog-slug-reserved = 「{ $slug }」は予約されています。別の名前にしてください。
basename-empty = ベースネームを入力してください。
basename-too-long = ベースネーム「{ $basename }」が { $max } 文字を超えています。
basename-characters = ベースネーム「{ $basename }」に空白や ? # % \ " < > は使えません。
basename-segments = ベースネーム「{ $basename }」のスラッシュの間を空にしたり、「.」「..」にしたりはできません。
basename-repaired = 「{ $basename }」は URL に使えないため、「{ $used }」にしました。
body-too-large = 本文が { $kb } KB あります。{ $max } KB 未満にしてください（いくつかのエントリーに分けてください）。
body-too-deep = HTML の要素の入れ子が { $levels } 段を超えています。タグを閉じるか、構造を簡単にしてください。
trackback-urls-too-many = トラックバック URL は一度に { $max } 件までです。1 行に 1 つずつ書いてください。
trackback-url-invalid = 「{ $url }」は http(s) のアドレスではありません。トラックバック URL は 1 行に 1 つずつ書いてください。
login-invalid = 「{ $login }」はログイン名に使えません。半角の英数字・「-」・「_」・「.」で 1〜64 文字にしてください。
email-invalid = 「{ $email }」はメールアドレスではありません。
password-length = パスワードは { $min } 文字以上（{ $max } 文字以内）にしてください。
no-such-blog = 「{ $slug }」という名前のブログはありません。
no-such-entry = このブログにエントリー { $id } はありません。
no-such-user = ログイン名「{ $login }」のユーザーはいません。
no-such-owner = ログイン名「{ $login }」のユーザーはいません（`tsuzuri user add` で作成してください）。
no-such-template = テンプレート「{ $name }」はありません。テーマにあるのは { $names } です。
unknown-status = 「{ $status }」はモデレーションの状態ではありません。
templates-error-at = { $template } の { $line } 行目: { $error }
media-refused = { $kind ->
    [empty] 空のファイル
    [riff] この RIFF ファイル
    [program] プログラム
    [markup] HTML や XML の文書
   *[binary] このバイナリファイル
}はアップロードできません。アップロードできるのは画像（JPEG、PNG、GIF、WebP、SVG）、PDF、音声（MP3、Ogg、WAV）、動画（MP4、WebM）、ZIP アーカイブ、テキストです
blocklist-too-long = 1 つのリストに入れられる{ $list ->
    [addresses] アドレス
    [domains] ドメイン
   *[words] 語
}は { $max } 件までです。
category-path-taken = アドレス「{ $path }」はほかのカテゴリーが使っています。
basename-taken = ベースネーム「{ $basename }」は同じ月のほかのエントリーが使っています。
