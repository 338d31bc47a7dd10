# media (en)

## The media library (admin/media.html)

media-title = Media
media-files = Files
media-files-hint = up to { $mb } MB each: pictures (JPEG, PNG, GIF, WebP, SVG), PDF, audio, video, ZIP, plain text
media-alt = Description for readers who cannot see the picture
media-alt-hint = (alt text; optional)
media-upload = Upload
media-total = { $count ->
    [one] 1 file
   *[other] { $count } files
}. Pictures get a thumbnail; wide pictures get a copy 1024 pixels wide for entries, linked to the original. Copy a snippet into an entry, or use “Insert a picture or file” in the editor.
media-delete-confirm = Delete { $name }? Entries that show it will show a broken link.
media-pages = Pages
media-newer = « Newer
media-page-of = Page { $page } of { $pages }
media-older = Older »
media-empty = No files yet.
media-size-bytes = { $count ->
    [one] 1 byte
   *[other] { $count } bytes
}

## Notices and errors of uploads

media-uploaded = { $count ->
    [one] Uploaded 1 file.
   *[other] Uploaded { $count } files.
}
media-uploaded-known = { $count ->
    [one] 1 of them was already in the library.
   *[other] { $count } of them were already in the library.
}
media-uploaded-before = { $count ->
    [one] Uploaded 1 file before this one.
   *[other] Uploaded { $count } files before this one.
}
media-deleted = The file was deleted.
media-too-large = The file is larger than the limit of { $mb } MB.
media-malformed = The upload was cut short or malformed ({ $detail }); please try again.
media-choose-file = Choose a file to upload.
media-no-blog = no blog by that name that you can manage
media-no-such-file = no such file in this blog
media-no-such-file-of-yours = no such file in this blog that you uploaded

## The editor's media panel: admin.js reads these from data-msg-* attributes of #media-panel
## (the "Insert …" label after an upload is entry-form-media-insert, in entries.ftl).

media-panel-choose-file = Choose a file first.
media-panel-uploading = Uploading…
media-panel-upload-failed = The upload failed.
media-panel-connection-failed = The upload failed; check the connection and try again.
media-panel-uploaded = Uploaded and inserted.
