## What readers are told on a blog's pages, in the blog's language.

reader-comment-sign-in-first = This blog takes comments from signed-in users only; please sign in first.
reader-comment-empty = Write a comment.
reader-comment-too-long = Keep the comment under 5,000 characters.
reader-comment-name = Give a name (up to 100 characters).
reader-comment-email = Give a valid e-mail address (it is never shown).
reader-comment-url = The website must start with http:// or https://.
reader-comment-blocked = Comments from your address are not accepted here.
reader-comment-duplicate = This comment was already received; it will appear once approved.
reader-comment-flood = Several comments came from your address in a short time. Please wait a few minutes and send it again.
reader-comment-held-spam = Your comment looks automated, so it was held; the blog's owner will review it.
reader-comment-held = Thank you. Your comment is held for moderation and will appear once the blog's owner approves it.
