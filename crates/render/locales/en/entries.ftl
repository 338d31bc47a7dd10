# entries (en)

## Words shared by the entry pages

entries-heading = Entries
entries-untitled = (untitled)
entries-title = Title
entries-body = Body
entries-more = Continued
entries-status-label = Status
entries-edit = Edit
entries-new = New entry
entries-revisions = Revisions
entries-restore = Restore
# An entry's status in the list; `$status` is the stored value.
entries-status = { $status ->
    [publish] Published
    [draft] Draft
    [future] Scheduled
    [review] Review
    [unpublish] Unpublished
    [spam] Spam
   *[other] { $status }
}

## The list of entries

entries-filter-all = All (not in the trash)
entries-filter-drafts = Drafts
entries-filter-published = Published
entries-filter-trash = Trash
entries-category = Category
entries-category-any = Any
entries-containing = Containing
entries-filter = Filter
entries-count = { $count ->
    [one] { $count } entry
   *[other] { $count } entries
}
entries-date = Date
entries-view = view
entries-none-match = No entries match.
entries-pages = Pages
entries-newer = Newer
entries-older = Older
entries-page-of = Page { $page } of { $pages }

## The editor

entry-form-title-edit = Edit “{ $title }”
entry-form-heading-edit = Edit entry
entry-form-public-at = Readers see it at{ " " }
entry-form-not-saved = The entry was not saved:
entry-form-media = Insert a picture or file
entry-form-media-hint = Inserts at the cursor in the body (or in “Continued”, if you were typing there), as Markdown or HTML to match the format.
entry-form-media-all-before = All files are in the{ " " }
entry-form-media-all-link = media library
entry-form-media-all-after = .
entry-form-media-file = Upload a file
entry-form-media-alt = Description for readers who cannot see it
entry-form-media-alt-hint = (alt text)
entry-form-media-upload = Upload and insert
entry-form-media-insert = Insert { $name }
entry-form-more = Continued (続きを読む)
entry-form-more-hint = shown on the entry's own page
entry-form-excerpt = Excerpt
entry-form-excerpt-hint = optional summary
entry-form-format = Format
entry-form-format-breaks = Convert line breaks
entry-form-status-draft = Draft
entry-form-status-publish = Published (at the date below)
entry-form-date = Date
entry-form-date-hint = ({ $timezone }; empty = now; future = scheduled)
entry-form-categories = Categories
entry-form-categories-hint = comma-separated; the first is the main one
entry-form-tags = Tags
entry-form-tags-hint = comma-separated
entry-form-basename = Basename
entry-form-basename-hint = the URL’s last part; left empty, it is made from the title’s Latin letters and digits, or, for a title without any (a Japanese one), from the day and time:
entry-form-responses = Responses
entry-form-allow-comments = Allow comments
entry-form-allow-pings = Allow TrackBacks and pings
entry-form-trackbacks = Send TrackBacks to
entry-form-trackbacks-hint = one TrackBack URL per line; pages the entry links to are notified by Webmention or Pingback on their own
entry-form-preview = Preview
entry-form-preview-hint = opens in a new tab, with the blog's theme; nothing is saved
entry-form-pings = Pings sent for this entry
entry-form-pings-hint = When the entry is published or updated, every page it links to is notified (Webmention, else Pingback, else TrackBack), and so is every TrackBack URL listed above. Failed attempts are retried for a few hours.
entry-form-ping-target = Target
entry-form-ping-how = How
entry-form-ping-result = Result
entry-form-ping-when = When
entry-form-ping-webmention = Webmention
entry-form-ping-pingback = Pingback
entry-form-ping-trackback = TrackBack
entry-form-ping-sent = Sent
entry-form-ping-failed = Failed
entry-form-ping-retrying = Will retry
entry-form-ping-none = Nothing to send
entry-form-ping-waiting = Waits for publishing
entry-form-ping-queued = Queued
entry-form-trash = Move to trash
entry-form-trash-hint = It can be restored for 30 days.
entry-form-saved = Saved.

## The editor's checks

entry-form-error-title-missing = Give the entry a title.
entry-form-error-title-long = Keep the title under 200 characters.
entry-form-error-too-long = The text is too long (1 MB at most).
entry-form-error-format = Choose Markdown, HTML or line breaks.
entry-form-error-status = Choose draft or published.
entry-form-error-date = Use the form YYYY-MM-DDTHH:MM, e.g. 2006-06-15T14:52.
entry-form-error-date-missing = That time does not exist in the blog's time zone.

## Errors of the entry pages

entries-error-no-blog = no blog by that name that you can manage
entries-error-no-entry = no such entry in this blog
entries-error-not-own = authors can edit only their own entries
entries-error-in-trash = this entry is in the trash; restore it before editing
entries-error-no-revision = no such revision of this entry
entries-error-already-trashed = this entry is already in the trash
entries-error-not-trashed = this entry is not in the trash

## Revisions

entries-revisions-saved = Saved
entries-revisions-by = By
entries-revisions-title-then = Title then
entries-revisions-compare = Compare
entries-revisions-compare-restore = Compare and restore
entries-revisions-none = No revisions yet: entries written in the editor keep one per save (imported entries start with none).
entries-revision = Revision
entries-revision-of = Revision of { $saved }
entries-revision-intro = Saved by { $name }. Lines marked − are in this revision and not in the entry now; lines marked + are in the entry now.
entries-revision-unchanged = { $title } (unchanged)
entries-revision-restore = Restore this revision
entries-revision-restore-hint = The entry as it is now stays in the history.

## Trash

entries-trash = Trash
entries-trash-intro = Deleted entries stay here for 30 days; readers do not see them. Restoring gives an entry back the status it had.
entries-trash-deleted = Deleted
entries-trash-purged-after = Gone for good after
entries-trash-empty = The trash is empty.
