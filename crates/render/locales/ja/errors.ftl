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
