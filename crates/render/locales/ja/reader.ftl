## What readers are told on a blog's pages, in the blog's language.

reader-comment-sign-in-first = このブログにはサインインしてからコメントしてください。
reader-comment-empty = コメントを入力してください。
reader-comment-too-long = コメントは5000文字以内にしてください。
reader-comment-name = 名前を入力してください（100文字以内）。
reader-comment-email = メールアドレスを正しく入力してください（公開されません）。
reader-comment-url = URLは http:// か https:// で始めてください。
reader-comment-blocked = このアドレスからのコメントは受け付けていません。
reader-comment-duplicate = このコメントはすでに受け付けています。承認されると表示されます。
reader-comment-flood = 短い時間にたくさんのコメントが送られました。数分待ってからもう一度送ってください。
reader-comment-held-spam = コメントは自動投稿の疑いがあるため保留されました。ブログの管理者が確認します。
reader-comment-held = コメントを受け付けました。ブログの管理者が承認すると表示されます。
