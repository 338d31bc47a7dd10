# host (en)

## Host profile (errors returned by the use case)

host-name-invalid = Give the host a name of 1 to 100 characters.
language-invalid = Choose Japanese or English.

## Host settings page

host-settings = Host settings
host-admins-only = only host administrators can do this
host-profile = Host profile
host-profile-name = Host name
host-profile-default-lang = Default language
host-profile-hint = The default language is what visitors whose browser asks for neither Japanese nor English see. The name appears in page titles and e-mails.
host-policy-legend = Who may open an account
host-policy-closed = Nobody (closed): administrators add users with { $command }
host-policy-invite = People with an invite link
host-policy-open = Anyone
host-policy-invalid = Choose closed, invite-only or open.
host-invites = Invite links
host-invites-intro = A link works once and for a week. Send it to the person you invite.
host-invite-new = New invite link:
host-invite-create = Create an invite link
host-blocklists = Blocklists
host-blocklists-intro = For every blog on this host. Comments and pings from a listed address are refused; those that link to a listed domain (or its subdomains) or contain a listed word are kept as spam, with the reason, for the blog's owner to review. One entry per line; a line starting with # is a note.
host-blocked-ips = Addresses
host-blocked-ips-hint = exact, or a prefix ending in . or : for a range (203.0.113.)
host-blocked-domains = Domains
host-blocked-words = Words
host-blocklists-save = Save blocklists
