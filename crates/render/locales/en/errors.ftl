## Error pages and error messages the HTTP edge gives.

http-400 = Bad request
http-401 = Sign-in required
http-403 = Not allowed
http-404 = Page not found
http-405 = Method not allowed
http-409 = Conflict
http-410 = No longer valid
http-413 = Too large
http-415 = Unsupported type
http-422 = Could not be read
http-429 = Too many attempts
http-500 = Server error
http-503 = Temporarily unavailable
error-heading = { $status } { $title }
error-back-to-admin = Back to the admin
error-rate-limited = Too many attempts; try again in { $seconds ->
    [one] one second
   *[other] { $seconds } seconds
}.
error-import-line = line { $line }: { $problem }
error-unavailable = The blog is temporarily unavailable. Please try again in a minute.
error-internal = Something went wrong on our side; it has been logged.
error-form-token = The form token is missing or wrong; reload the page and try again.
error-no-such-file = There is no file at this address.
error-no-such-page = There is no such page.
error-unreadable-query = The address has a parameter this page cannot read; check the link.
error-unreadable-form = The form could not be read; reload the page and send it again.

## Messages made by the rules every entry, blog and account obeys (core and app), with the
## value that was refused.
blog-slug-invalid = “{ $slug }” is not a valid blog name: use 1–64 lower-case letters, digits, “-” or “_”, starting with a letter or digit.
blog-slug-reserved = “{ $slug }” is reserved; choose another name.
basename-empty = The basename must not be empty.
basename-too-long = The basename “{ $basename }” is longer than { $max } characters.
basename-characters = The basename “{ $basename }” must not contain spaces or any of ? # % \ " < >.
basename-segments = The basename “{ $basename }” must not have empty, “.” or “..” parts between slashes.
basename-repaired = “{ $basename }” cannot be used in a URL; “{ $used }” was used instead.
body-too-large = The text is { $kb } KB; keep it under { $max } KB (split it into several entries).
body-too-deep = The HTML nests elements more than { $levels } levels deep; close its tags or simplify it.
trackback-urls-too-many = Give at most { $max } TrackBack URLs at a time, one per line.
trackback-url-invalid = “{ $url }” is not an http(s) address. Give one TrackBack URL per line.
login-invalid = “{ $login }” cannot be a login: use 1–64 letters, digits, “-”, “_” or “.”.
email-invalid = “{ $email }” is not an e-mail address.
password-length = Use at least { $min } characters for the password (and at most { $max }).
no-such-blog = There is no blog named “{ $slug }”.
no-such-entry = There is no entry { $id } on this blog.
no-such-user = There is no user with the login “{ $login }”.
no-such-owner = There is no user with the login “{ $login }” (create it with `tsuzuri user add`).
no-such-template = There is no template “{ $name }”; a theme has { $names }.
unknown-status = “{ $status }” is not a status of the moderation queue.
templates-error-at = Line { $line } of { $template }: { $error }
media-refused = { $kind ->
    [empty] An empty file
    [riff] This RIFF file
    [program] A program
    [markup] An HTML or XML document
   *[binary] This binary file
} cannot be uploaded: tsuzuri accepts images (JPEG, PNG, GIF, WebP, SVG), PDF, audio (MP3, Ogg, WAV), video (MP4, WebM), ZIP archives and plain text
blocklist-too-long = A list holds at most { $max } { $list ->
    [addresses] addresses
    [domains] domains
   *[words] words
}.
category-path-taken = Another category already has the address “{ $path }”.
basename-taken = Another entry of this month already uses the basename “{ $basename }”.
