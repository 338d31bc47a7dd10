# templates (en)

## A blog's templates (admin/templates.html)

templates-title = Templates
templates-settings = Settings
templates-intro = The blog uses the “{ $theme }” theme. Change any of its templates here; the others keep following the theme. A template is tried on sample pages before it is saved, so a mistake is shown to you and never to readers.
templates-last-error = A customised template failed on a real page, so readers were shown the built-in theme for it:
templates-col-template = Template
templates-col-state = State
templates-col-actions = Actions
templates-partial = (part of other pages)
templates-customised = customised
templates-builtin = built-in
templates-revert = Revert
templates-revert-all-confirm = Go back to the built-in theme for every template? Your versions are deleted.
templates-revert-all = Revert all to the built-in theme
templates-help-title = Writing templates
# Around the examples of the syntax, which go in the parentheses.
templates-help-syntax = Templates use Jinja syntax (
templates-help-rules = ). Values are escaped for HTML automatically. A template can read only what the page gives it: no files, no network, and a loop that runs too long is stopped.
templates-reverted = The blog uses the built-in templates again.
templates-saved = Saved. Readers see the new template now.
templates-too-large = The template is larger than the limit.
templates-nothing-saved = Nothing was saved; readers still see the last version that worked.

## Editing one template (admin/template_form.html)

# Before the template's name.
template-form-edit = Edit
template-form-customised = Your version; the built-in one is restored with “Revert”.
template-form-builtin = This is the “{ $theme }” theme’s version; saving makes it yours.
template-form-limit = Up to { $kb } KB.
template-form-source = Template source
template-form-revert = Revert to the built-in template

## A blog's categories (admin/categories.html)

categories-title = Categories
categories-intro = Categories are created by filing entries under them in the editor. Here you can rename them and change the slug in their archive address; the old address keeps working and sends readers to the new one.
categories-name = Name
categories-slug = Slug
# Before the link to the category's archive.
categories-slug-hint = in
categories-slug-hint-link = its address
categories-empty = No categories yet: type one in the editor's “Categories” field.
categories-saved = Saved. Old addresses of the category now redirect to the new one.
categories-forbidden = only the blog's owner and editors can change categories
categories-label-invalid = Give the category a name of 1-100 characters.
categories-slug-invalid = Use letters, digits and hyphens (Japanese is fine); no slashes.
categories-not-found = no such category in this blog
