## E-mail tsuzuri sends to blog owners.

mail-kind-comment = コメント
mail-kind-trackback = トラックバック
mail-kind-pingback = ピンバック
mail-kind-webmention = Webmention
mail-arrival-subject = [{ $blog }] { $author } さんから「{ $entry }」へ{ $kind }が届きました
mail-arrival-pending = 承認待ちです（理由: { $reasons }）。承認するには: { $url }
mail-arrival-shown = 記事に表示されています。管理: { $url }
mail-arrival-from = 送信者: { $author }
