# host (ja)

## Host profile (errors returned by the use case)

host-name-invalid = ホスト名は 1〜100 文字で入力してください。
language-invalid = 言語は日本語か英語を選んでください。

## Host settings page

host-settings = ホストの設定
host-admins-only = この操作はホスト管理者だけができます。
host-profile = ホストの名前と言語
host-profile-name = ホストの名前
host-profile-default-lang = 標準の言語
host-profile-hint = 標準の言語は、ブラウザが日本語も英語も求めていない訪問者に表示される言語です。名前はページのタイトルとメールに使われます。
host-policy-legend = アカウントを登録できる人
host-policy-closed = だれも登録できない（閉鎖）: ホスト管理者が { $command } でユーザーを追加します
host-policy-invite = 招待リンクを受け取った人
host-policy-open = だれでも
host-policy-invalid = アカウントを登録できる人を、選択肢の中から選んでください。
host-invites = 招待リンク
host-invites-intro = リンクは一度だけ、1 週間のあいだ使えます。招待する人に送ってください。
host-invite-new = 新しい招待リンク:
host-invite-create = 招待リンクを作成
host-blocklists = ブロックリスト
host-blocklists-intro = このホストのすべてのブログに適用されます。リストにあるアドレスからのコメントやピンは受け付けません。リストにあるドメイン（そのサブドメインを含む）へリンクしているもの、リストにある語句を含むものは、理由を添えてスパムとして保存し、ブログのオーナーが確認できるようにします。1 行に 1 件ずつ書きます。# で始まる行はメモです。
host-blocked-ips = IP アドレス
host-blocked-ips-hint = 完全一致、または範囲を表す . か : で終わる先頭部分（203.0.113.）
host-blocked-domains = ドメイン
host-blocked-words = 語句
host-blocklists-save = ブロックリストを保存
