# accounts (en)

## Account settings

account-language = Language
account-language-auto = Follow the browser
account-language-hint = The language of the admin and of the e-mails tsuzuri sends you. Each blog's own language is set in the blog's settings.
account-saved = Saved.

## Sign-in

sign-in = Sign in
sign-in-login = Login
sign-in-password = Password
sign-in-new-here = New here?
sign-in-create-account = Create an account
sign-in-create-account-after = .
sign-in-wrong = The login or the password is wrong.
sign-in-rate-limited = Too many failed sign-ins. Try again in { $minutes ->
    [one] a minute
   *[other] { $minutes } minutes
}.
sign-in-cross-site = cross-site sign-in refused

## First-run setup

setup-title = Set up tsuzuri
setup-heading = Create the first administrator
setup-intro = This link works once. The account you create here administers the whole host.
setup-email = E-mail
setup-password-hint = (at least 8 characters)
setup-submit = Create administrator
# Around two commands shown as code: "… restart <code>tsuzuri serve</code> to get a new
# link, or create one with <code>tsuzuri user add …</code>."
setup-gone-before = This setup link has been used or has expired. If no account exists yet, restart
setup-gone-middle = to get a new link, or create one with
setup-gone-after = .
setup-go-to-sign-in = Go to sign-in
setup-link-gone = this setup link has been used or has expired; restart the server for a new one
setup-cross-site = cross-site setup refused

## Sign-up

sign-up-title = Create an account
sign-up-not-created = The account was not created:
sign-up-submit = Create account
sign-up-invite-gone = This invite link has been used or has expired.
sign-up-closed = This host does not take new accounts.
sign-up-invite-only = This host does not take new accounts without an invite link.
sign-up-refused-closed = this host does not take new accounts
sign-up-refused-invite-only = this host takes new accounts by invitation only
sign-up-invite-used = this invite link has been used or has expired
sign-up-cross-site = cross-site sign-up refused

## Checks of a new account's fields (setup and sign-up)

account-login-invalid = For the login, use 1-64 letters, digits, '-', '_' or '.'.
account-email-invalid = That is not an e-mail address.
account-password-invalid = Use at least 8 characters (and at most 1024) for the password.
account-login-taken = That login is already taken.
