## The admin shell and words shared by many admin pages.

admin-suffix = { $host } admin
skip-to-content = Skip to content
nav-account = Account
host-administrator = host administrator
sign-out = Sign out
dashboard = Dashboard
account-settings = Account settings
save = Save
cancel = Cancel
delete = Delete
