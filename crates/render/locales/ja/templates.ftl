# templates (ja)

## A blog's templates (admin/templates.html)

templates-title = テンプレート
templates-settings = 設定
templates-intro = このブログは「{ $theme }」テーマを使っています。ここでテンプレートを個別に変更できます。変更していないテンプレートはテーマに従います。テンプレートは保存の前にサンプルのページで試されるため、誤りがあっても読者には表示されず、あなたに知らされます。
templates-last-error = カスタマイズしたテンプレートが実際のページでエラーになったため、読者にはそのページを組み込みのテーマで表示しました:
templates-col-template = テンプレート
templates-col-state = 状態
templates-col-actions = 操作
templates-partial = （他のページの一部）
templates-customised = カスタマイズ済み
templates-builtin = 組み込み
templates-revert = 元に戻す
templates-revert-all-confirm = すべてのテンプレートを組み込みのテーマに戻しますか？ あなたが変更したものは削除されます。
templates-revert-all = すべて組み込みのテーマに戻す
templates-help-title = テンプレートの書き方
# Around the examples of the syntax, which go in the parentheses.
templates-help-syntax = テンプレートは Jinja の構文で書きます（
templates-help-rules = ）。値は自動的に HTML 用にエスケープされます。テンプレートが読めるのはページから渡された値だけです。ファイルやネットワークにはアクセスできず、長く続きすぎるループは止められます。
templates-reverted = 組み込みのテンプレートに戻しました。
templates-saved = 保存しました。読者には新しいテンプレートで表示されます。
templates-too-large = テンプレートが上限の大きさを超えています。
templates-nothing-saved = 保存していません。読者には、最後に正しく動いた版が表示されています。

## Editing one template (admin/template_form.html)

# Before the template's name.
template-form-edit = 編集:
template-form-customised = あなたが変更した版です。「元に戻す」で組み込みの版に戻せます。
template-form-builtin = 「{ $theme }」テーマの版です。保存すると、あなたの版になります。
template-form-limit = { $kb } KB まで。
template-form-source = テンプレートのソース
template-form-revert = 組み込みのテンプレートに戻す

## A blog's categories (admin/categories.html)

categories-title = カテゴリー
categories-intro = カテゴリーは、編集画面で記事をカテゴリーに入れると作られます。ここでは名前と、アーカイブのアドレスに使うベースネームを変更できます。古いアドレスも引き続き使え、読者を新しいアドレスに案内します。
categories-name = 名前
categories-slug = ベースネーム
# Before the link to the category's archive.
categories-slug-hint = →
categories-slug-hint-link = アーカイブのアドレス
categories-empty = カテゴリーはまだありません。編集画面の「カテゴリー」欄に入力すると作られます。
categories-saved = 保存しました。カテゴリーの古いアドレスは新しいアドレスに転送されます。
categories-forbidden = カテゴリーを変更できるのは、ブログのオーナーと編集者だけです。
categories-label-invalid = カテゴリー名は 1〜100 文字で付けてください。
categories-slug-invalid = 英数字とハイフンを使ってください（日本語も使えます）。スラッシュは使えません。
categories-not-found = このブログにそのカテゴリーはありません。
