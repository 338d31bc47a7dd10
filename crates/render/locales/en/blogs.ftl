# blogs (en)

## Dashboard

dashboard-your-blogs = Your blogs
dashboard-create-blog = Create a blog
dashboard-awaiting = { $count } awaiting moderation
dashboard-no-blogs = You have no blog yet.
dashboard-create-one = Create one
dashboard-create-one-after = .
blog-view = View the blog

## A member's role in a blog (as the role names read today)

blog-role-owner = owner
blog-role-editor = editor
blog-role-author = author

## New blog

new-blog-title = New blog
new-blog-heading = Create a blog
new-blog-not-created = The blog was not created:
new-blog-address = Address
new-blog-address-hint = lower-case letters, digits, - or _; the blog lives at /address/
new-blog-submit = Create blog
new-blog-slug-invalid = This is not a valid blog name: use 1-64 lower-case letters, digits, '-' or '_', starting with a letter or digit.
new-blog-slug-reserved = This name is reserved; choose another name.
new-blog-slug-taken = A blog with this address already exists.
new-blog-timezone-invalid = Use an IANA time zone name such as Asia/Tokyo or UTC.
new-blog-limit = You already own as many blogs as this host allows.

## Fields shared by the new-blog form and the settings

blog-field-title = Title
blog-field-language = Language
blog-field-timezone = Time zone
blog-title-invalid = Give the blog a title of 1-200 characters.

## Blog settings

blog-settings-title = Settings · { $blog }
blog-settings = Settings
blog-settings-heading = Blog settings
blog-settings-templates-link = Customise the theme’s templates
blog-settings-not-saved = The settings were not saved:
blog-settings-description = Description
blog-settings-description-hint = shown under the title and in feeds
blog-settings-lang = Language of the blog's pages
blog-settings-timezone-hint = IANA name, e.g. Asia/Tokyo
blog-settings-theme = Theme
blog-settings-comments = Comments
blog-settings-close-after = Close comments on an entry after
blog-settings-close-after-hint = days (empty: never)
blog-settings-pings = TrackBacks and pings
blog-settings-timezone-note = Changing the time zone changes how dates are shown; the addresses of existing entries stay as they are.
blog-settings-save = Save settings
blog-settings-saved = Settings saved.
blog-settings-owner-only = only the blog's owner can change its settings
blog-description-too-long = Keep the description under 1000 characters.
blog-timezone-invalid = Use an IANA time zone name such as Asia/Tokyo, Europe/London or UTC.
blog-theme-invalid = Choose one of the themes listed.
blog-comment-policy-invalid = Choose one of the comment policies listed.
blog-ping-policy-invalid = Choose one of the TrackBack policies listed.
blog-close-days-invalid = Give a number of days (0 or empty: never close).
blog-theme-classic = Classic (two columns, like the Japanese blogs of the 2000s)
blog-theme-minimal = Minimal (one column, light and dark)
blog-comments-open = Open: comments appear at once (suspicious ones are held)
blog-comments-moderated = Moderated: every comment waits for approval
blog-comments-signed-in = Signed-in users only
blog-comments-closed = Closed: no new comments
blog-pings-verify = Shown when the sending page links to the entry (recommended)
blog-pings-moderated = Every ping waits for approval
blog-pings-open = Shown at once, without checking the link
blog-pings-closed = No TrackBacks or pings

## One blog's overview

blog-your-role = Your role:
blog-write-entry = Write a new entry
blog-all-entries = All entries
blog-media = Media
blog-categories = Categories
blog-trash = Trash
blog-templates = Templates
blog-entries = Entries
blog-awaiting = Awaiting moderation
blog-moderate-comments = Moderate comments
# After the number, which the page shows in bold.
blog-pending-comments = { $count ->
    [one] comment
   *[other] comments
}
blog-pending-pings = { $count ->
    [one] TrackBack and pings
   *[other] TrackBacks and pings
}
blog-recent = Recent entries
blog-column-status = Status
blog-column-date = Date
blog-untitled = (untitled)
blog-view-entry = view
blog-published = Published
blog-draft = Draft
# An entry's status as the overview's counts name it (the stored words, as they read today).
blog-status-draft = draft
blog-status-publish = publish
blog-status-review = review
blog-status-future = future
blog-status-unpublish = unpublish
blog-status-spam = spam
blog-status-trash = trash
blog-no-entries = No entries yet.
blog-not-found = There is no such blog that you can manage.
blog-category-unknown = There is no such category in this blog.
blog-status-unknown = Unknown status.
