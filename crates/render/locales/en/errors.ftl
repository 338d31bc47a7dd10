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
