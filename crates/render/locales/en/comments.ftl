# comments (en)

## The moderation queue (admin/comments.html)

comments-title = Comments
comments-title-pings = TrackBacks
comments-crumb = Responses
comments-heading-pings = TrackBacks and pings
comments-nav-kind = Kind
comments-nav-status = Status
comments-status-pending = Awaiting moderation
comments-status-approved = Shown
comments-status-spam = Spam
comments-feed-lead = Follow this queue in a feed reader:
comments-feed-link = private Atom feed
comments-feed-tail = (keep its address to yourself).
comments-total = { $count ->
    [one] 1 item
   *[other] { $count } items
}. E-mail and IP addresses are shown only here, to the blog's owner and editors.
comments-select-all = Select all on this page
comments-untitled = (untitled)
# Between a ping's title and the entry it was sent to.
comments-ping-to = to
comments-ping-encoding = sent in { $encoding }
comments-held-because = Held because: { $reasons }
# Between a comment's author and the entry it was left on.
comments-comment-on = on
comments-signed-in = (signed in)
comments-approve = Approve
comments-spam = Spam
comments-ticked = The ticked ones:
comments-mark-spam = Mark as spam
comments-bulk-hint = Approving and marking as spam teach the spam filter (for this blog and the whole host); deleting teaches it nothing.
comments-empty = Nothing here.

## Notices and errors of the queue

comments-changed = { $count ->
    [one] 1 comment changed.
   *[other] { $count } comments changed.
}
comments-pings-changed = { $count ->
    [one] 1 ping changed.
   *[other] { $count } pings changed.
}
comments-unknown-action = unknown action: approve, spam or delete
comments-choose-one = choose at least one comment (tick its box) first
comments-no-such-feed = no such feed

## A signed-in reader's comment page (admin/comment.html)

comment-form-title = Comment on { $title }
comment-form-heading = Comment on “{ $title }”
# Before the link to the blog.
comment-form-on = On
# After the link to the blog.
comment-form-as = , as { $name }. Your comment is shown with your display name; your e-mail address is never shown.
comment-form-body = Comment
comment-form-post = Post comment
comment-form-back = Back to the entry
comment-form-no-such-entry = no such entry
