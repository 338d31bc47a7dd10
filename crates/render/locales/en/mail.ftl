## E-mail tsuzuri sends to blog owners.

mail-kind-comment = comment
mail-kind-trackback = TrackBack
mail-kind-pingback = Pingback
mail-kind-webmention = Webmention
mail-arrival-subject = [{ $blog }] New { $kind } on “{ $entry }” from { $author }
mail-arrival-pending = It awaits your approval (held because: { $reasons }). Moderate it at { $url }
mail-arrival-shown = It is shown on the entry. Manage it at { $url }
mail-arrival-from = From: { $author }
