# accounts (ja)

## Account settings

account-language = 表示言語
account-language-auto = ブラウザの設定に従う
account-language-hint = 管理画面と、tsuzuri から届くメールの言語です。ブログの言語はブログごとの設定で決めます。
account-saved = 保存しました。

## Sign-in

sign-in = ログイン
sign-in-login = ログイン名
sign-in-password = パスワード
sign-in-new-here = アカウントをお持ちでない方は
sign-in-create-account = こちらから登録
sign-in-create-account-after = できます。
sign-in-wrong = ログイン名かパスワードが違います。
sign-in-rate-limited = ログインの失敗が続いています。{ $minutes } 分後にもう一度お試しください。
sign-in-cross-site = 別のサイトからのログインは受け付けません。

## First-run setup

setup-title = tsuzuri のセットアップ
setup-heading = 最初の管理者を作成
setup-intro = このリンクは一度だけ使えます。ここで作成するアカウントが、ホスト全体を管理するホスト管理者になります。
setup-email = メールアドレス
setup-password-hint = （8 文字以上）
setup-submit = 管理者を作成
# Around two commands shown as code: "… restart <code>tsuzuri serve</code> to get a new
# link, or create one with <code>tsuzuri user add …</code>."
setup-gone-before = このセットアップ用のリンクは使用済みか、有効期限が切れています。まだアカウントがなければ、
setup-gone-middle = を再起動して新しいリンクを受け取るか、
setup-gone-after = { " " }でアカウントを作成してください。
setup-go-to-sign-in = ログイン画面へ
setup-link-gone = このセットアップ用のリンクは使用済みか、有効期限が切れています。サーバーを再起動すると新しいリンクが発行されます。
setup-cross-site = 別のサイトからのセットアップは受け付けません。

## Sign-up

sign-up-title = アカウント登録
sign-up-not-created = アカウントを登録できませんでした:
sign-up-submit = 登録する
sign-up-invite-gone = この招待リンクは使用済みか、有効期限が切れています。
sign-up-closed = このホストでは新しいアカウントの登録を受け付けていません。
sign-up-invite-only = このホストでは、招待リンクがないとアカウントを登録できません。
sign-up-refused-closed = このホストでは新しいアカウントの登録を受け付けていません。
sign-up-refused-invite-only = このホストでは、招待された方だけがアカウントを登録できます。
sign-up-invite-used = この招待リンクは使用済みか、有効期限が切れています。
sign-up-cross-site = 別のサイトからのアカウント登録は受け付けません。

## Checks of a new account's fields (setup and sign-up)

account-login-invalid = ログイン名には半角の英字・数字と「-」「_」「.」を 1〜64 文字で使ってください。
account-email-invalid = メールアドレスの形式になっていません。
account-password-invalid = パスワードは 8 文字以上（1024 文字以内）にしてください。
account-login-taken = このログイン名はすでに使われています。
