## The admin shell and words shared by many admin pages.

admin-suffix = { $host } 管理画面
skip-to-content = 本文へ移動
nav-account = アカウント
host-administrator = ホスト管理者
sign-out = ログアウト
dashboard = ダッシュボード
account-settings = アカウント設定
save = 保存
cancel = キャンセル
delete = 削除
