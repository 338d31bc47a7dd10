//! The theme engine: one minijinja environment, built at start-up with the built-in
//! "classic" templates compiled in, that turns view models into pages and feeds.
//!
//! Built-in themes ([`THEMES`]): "classic" and "minimal" define the same template names
//! (the pages and their partials, [`THEME_TEMPLATE_NAMES`]) and share everything else:
//! the feeds, the admin pages, the labels and the view models. [`Renderer::with_theme`]
//! returns a copy of a renderer with one theme's pages compiled in; the web layer builds
//! one per theme at start-up and picks one per blog.
//!
//! Overrides (the seam for owner themes): a template is found by name, so a blog that
//! customises `entry.html` gets a [`Renderer::with_overrides`] copy of the built-in
//! environment in which that name is replaced. Everything it does not override (the
//! layout, the sidebar, the feeds) still comes from the built-ins, and `{% extends %}` /
//! `{% include %}` resolve across both. The web layer keeps one such renderer per blog
//! that has overrides (built when the templates change, never per request) and the
//! shared one for every other blog. An instance-wide theme would be one more layer of
//! the same call.

use crate::labels::{Labels, labels};
use crate::text::escape_str;
use crate::view::{EntryPage, FeedPage, HostFrontPage, ListingKind, ListingPage, NotFoundPage};
use minijinja::value::{Kwargs, Serde};
use minijinja::{AutoEscape, Environment, Error, Output, State, UndefinedBehavior, Value, context};
use tsuzuri_core::Lang;

/// Template names the built-in theme defines; owners override templates by these names.
/// Names starting with `_` are partials (layout, sidebar, the line under an entry).
pub const BUILTIN_TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../themes/classic/base.html")),
    ("_blog.html", include_str!("../themes/classic/_blog.html")),
    (
        "_sidebar.html",
        include_str!("../themes/classic/_sidebar.html"),
    ),
    (
        "_entry_meta.html",
        include_str!("../themes/classic/_entry_meta.html"),
    ),
    ("entry.html", include_str!("../themes/classic/entry.html")),
    (
        "listing.html",
        include_str!("../themes/classic/listing.html"),
    ),
    (
        "host_front.html",
        include_str!("../themes/classic/host_front.html"),
    ),
    (
        "not_found.html",
        include_str!("../themes/classic/not_found.html"),
    ),
    // Shared by the built-in themes (like the feeds), not part of what owners override.
    (
        "_comment_form.html",
        include_str!("../themes/shared/_comment_form.html"),
    ),
    ("atom.xml", include_str!("../themes/classic/atom.xml")),
    ("rss.xml", include_str!("../themes/classic/rss.xml")),
    ("admin/base.html", include_str!("../themes/admin/base.html")),
    (
        "admin/error.html",
        include_str!("../themes/admin/error.html"),
    ),
    (
        "admin/account.html",
        include_str!("../themes/admin/account.html"),
    ),
    (
        "admin/sign_in.html",
        include_str!("../themes/admin/sign_in.html"),
    ),
    (
        "admin/setup.html",
        include_str!("../themes/admin/setup.html"),
    ),
    (
        "admin/dashboard.html",
        include_str!("../themes/admin/dashboard.html"),
    ),
    ("admin/blog.html", include_str!("../themes/admin/blog.html")),
    (
        "admin/comment.html",
        include_str!("../themes/admin/comment.html"),
    ),
    (
        "admin/entries.html",
        include_str!("../themes/admin/entries.html"),
    ),
    ("admin/host.html", include_str!("../themes/admin/host.html")),
    (
        "admin/sign_up.html",
        include_str!("../themes/admin/sign_up.html"),
    ),
    (
        "admin/new_blog.html",
        include_str!("../themes/admin/new_blog.html"),
    ),
    (
        "admin/settings.html",
        include_str!("../themes/admin/settings.html"),
    ),
    (
        "admin/trash.html",
        include_str!("../themes/admin/trash.html"),
    ),
    (
        "admin/revisions.html",
        include_str!("../themes/admin/revisions.html"),
    ),
    (
        "admin/revision.html",
        include_str!("../themes/admin/revision.html"),
    ),
    (
        "admin/entry_form.html",
        include_str!("../themes/admin/entry_form.html"),
    ),
    (
        "admin/media.html",
        include_str!("../themes/admin/media.html"),
    ),
    (
        "admin/comments.html",
        include_str!("../themes/admin/comments.html"),
    ),
    (
        "admin/categories.html",
        include_str!("../themes/admin/categories.html"),
    ),
    (
        "admin/templates.html",
        include_str!("../themes/admin/templates.html"),
    ),
    (
        "admin/template_form.html",
        include_str!("../themes/admin/template_form.html"),
    ),
];

/// The built-in themes a blog can choose: name and a short description for the admin.
/// The first is the default ([`Renderer::new`]).
pub const THEMES: &[(&str, &str)] = &[
    (
        "classic",
        "Classic (two columns, like the Japanese blogs of the 2000s)",
    ),
    ("minimal", "Minimal (one column, light and dark)"),
];

/// The templates a theme consists of: the pages and their partials. Every built-in theme
/// defines exactly these names, so switching themes replaces all of them and an owner's
/// override of one name works whichever theme the blog uses. The feeds (`atom.xml`,
/// `rss.xml`) and the admin templates are shared by all themes.
pub const THEME_TEMPLATE_NAMES: &[&str] = &[
    "base.html",
    "_blog.html",
    "_sidebar.html",
    "_entry_meta.html",
    "entry.html",
    "listing.html",
    "host_front.html",
    "not_found.html",
];

/// The "minimal" theme's pages (see [`THEME_TEMPLATE_NAMES`]); its stylesheet is the asset
/// `minimal.css`.
const MINIMAL_TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../themes/minimal/base.html")),
    ("_blog.html", include_str!("../themes/minimal/_blog.html")),
    (
        "_sidebar.html",
        include_str!("../themes/minimal/_sidebar.html"),
    ),
    (
        "_entry_meta.html",
        include_str!("../themes/minimal/_entry_meta.html"),
    ),
    ("entry.html", include_str!("../themes/minimal/entry.html")),
    (
        "listing.html",
        include_str!("../themes/minimal/listing.html"),
    ),
    (
        "host_front.html",
        include_str!("../themes/minimal/host_front.html"),
    ),
    (
        "not_found.html",
        include_str!("../themes/minimal/not_found.html"),
    ),
];

/// The page templates of the built-in theme `name`, or `None` for an unknown name.
fn theme_templates(name: &str) -> Option<Vec<(&'static str, &'static str)>> {
    match name {
        // The classic pages are the built-ins `Renderer::new` compiles.
        "classic" => Some(
            BUILTIN_TEMPLATES
                .iter()
                .filter(|(n, _)| THEME_TEMPLATE_NAMES.contains(n))
                .copied()
                .collect(),
        ),
        "minimal" => Some(MINIMAL_TEMPLATES.to_vec()),
        _ => None,
    }
}

/// The source of template `name` in built-in theme `theme`: what an owner starts from.
pub fn builtin_theme_source(theme: &str, name: &str) -> Option<&'static str> {
    theme_templates(theme)?
        .into_iter()
        .find(|(n, _)| *n == name)
        .map(|(_, source)| source)
}

/// "classic, minimal", for error messages.
fn theme_names() -> String {
    THEMES
        .iter()
        .map(|(name, _)| *name)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Instructions one render may execute. A typical built-in entry page uses under a
/// thousand and each comment about fifty, so real pages stay far below the cap; it is
/// there so that an owner's template with a runaway loop fails within a fraction of a
/// second instead of holding a worker.
pub const FUEL: u64 = 3_000_000;

/// Nesting depth of extends/include/macro calls; generous for themes, small enough that
/// a template including itself fails at once.
pub const RECURSION_LIMIT: usize = 64;

impl RenderError {
    /// Where a template error is: (template name, line), when the engine knows.
    pub fn location(&self) -> Option<(String, usize)> {
        match self {
            RenderError::Template(e) => Some((e.name()?.to_owned(), e.line()?)),
            RenderError::UnknownTheme(_) => None,
        }
    }

    /// The error with the lines of template around it, for the person who wrote it.
    pub fn detail(&self) -> String {
        match self {
            RenderError::Template(e) => {
                let mut out = e.to_string();
                let mut source = std::error::Error::source(e);
                while let Some(cause) = source {
                    out.push_str(&format!("\ncaused by: {cause}"));
                    source = cause.source();
                }
                if let Some(info) = e.template_source().and(Some(e.display_debug_info())) {
                    out.push_str(&format!("\n{info}"));
                }
                out
            }
            other => other.to_string(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// A template failed to compile or to render (undefined variable, fuel exhausted, …).
    /// The message names the template and line.
    #[error("template error: {0:#}")]
    Template(#[from] Error),
    /// [`Renderer::with_theme`] was given a name that is not in [`THEMES`].
    #[error("unknown theme {0:?} (the built-in themes are: {list})", list = theme_names())]
    UnknownTheme(String),
}

/// Renders pages and feeds. Build once with [`Renderer::new`] and share (it is
/// `Send + Sync`); every method only reads.
#[derive(Clone)]
pub struct Renderer {
    env: Environment<'static>,
    t_ja: Value,
    t_en: Value,
}

impl std::fmt::Debug for Renderer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Renderer").finish_non_exhaustive()
    }
}

impl Renderer {
    /// Compiles the built-in templates with the default theme, "classic". Fails only if a
    /// built-in template is broken, which the tests catch.
    pub fn new() -> Result<Renderer, RenderError> {
        let mut env = Environment::new();
        configure(&mut env);
        for (name, source) in BUILTIN_TEMPLATES {
            env.add_template(name, source)?;
        }
        Ok(Renderer {
            env,
            t_ja: labels_value(labels(Lang::Ja)),
            t_en: labels_value(labels(Lang::En)),
        })
    }

    /// A copy of this renderer whose page templates ([`THEME_TEMPLATE_NAMES`]) are those
    /// of the built-in theme `name` (one of [`THEMES`]); the feeds and the admin templates
    /// stay as they are. The theme's templates are compiled here, once: build one renderer
    /// per theme at start-up (`Renderer::new()?.with_theme("minimal")?`) and pick one per
    /// blog. Owner overrides go on top of the result with [`Renderer::with_overrides`]
    /// (calling `with_theme` afterwards would replace any overridden page by the theme's).
    pub fn with_theme(&self, name: &str) -> Result<Renderer, RenderError> {
        let templates =
            theme_templates(name).ok_or_else(|| RenderError::UnknownTheme(name.to_owned()))?;
        let mut r = self.clone();
        for (name, source) in templates {
            r.env.add_template(name, source)?;
        }
        Ok(r)
    }

    /// A copy of this renderer in which the given templates replace (or add to) the
    /// built-ins by name, e.g. `[("entry.html", source)]`. Each template is compiled here,
    /// once; a syntax error is returned with the template's name and line.
    pub fn with_overrides<I, N, S>(&self, templates: I) -> Result<Renderer, RenderError>
    where
        I: IntoIterator<Item = (N, S)>,
        N: Into<String>,
        S: Into<String>,
    {
        let mut r = self.clone();
        for (name, source) in templates {
            let name = name.into();
            if name.starts_with("admin/") {
                return Err(RenderError::Template(Error::new(
                    minijinja::ErrorKind::InvalidOperation,
                    format!("{name}: admin templates cannot be overridden by a theme"),
                )));
            }
            r.env.add_template_owned(name, source.into())?;
        }
        Ok(r)
    }

    /// Renders the sample pages (an entry, the top page, an archive, a 404, in Japanese and in
    /// English) and returns the first error: an owner's templates are tried on these before
    /// they are saved, so readers never get a template that fails on an ordinary page.
    pub fn check_pages(&self) -> Result<(), RenderError> {
        use crate::fixtures;
        use crate::view::{ListingKind, NotFoundPage};
        for lang in ["ja", "en"] {
            self.render_entry(&fixtures::entry_page(lang))?;
            let mut lonely = fixtures::entry_page(lang);
            (lonely.previous, lonely.next, lonely.primary_category) = (None, None, None);
            lonely.comments.clear();
            lonely.pings.clear();
            self.render_entry(&lonely)?;
            self.render_listing(&fixtures::listing_page(lang, ListingKind::Top))?;
            self.render_listing(&fixtures::listing_page(
                lang,
                ListingKind::Month {
                    label: "2006年6月".into(),
                },
            ))?;
            self.render_not_found(&NotFoundPage {
                blog: Some(fixtures::blog(lang)),
                lang: lang.into(),
                base_url: fixtures::BASE.into(),
            })?;
        }
        Ok(())
    }

    fn t(&self, lang: Lang) -> Value {
        match lang {
            Lang::Ja => self.t_ja.clone(),
            Lang::En => self.t_en.clone(),
        }
    }

    fn render(&self, name: &str, ctx: Value) -> Result<String, RenderError> {
        Ok(self.env.get_template(name)?.render(ctx)?)
    }

    /// An admin page (`admin/….html`) from any serialisable context. Admin templates are
    /// part of the application, not of a blog's theme: owner overrides never replace them.
    /// Its text is in `lang`, the reader's language (`ui_lang` in the template).
    pub fn render_admin<T: serde::Serialize>(
        &self,
        name: &str,
        lang: Lang,
        ctx: &T,
    ) -> Result<String, RenderError> {
        self.render(
            name,
            context! { ui_lang => lang.as_str(), ..Value::from(Serde(ctx)) },
        )
    }

    /// An entry's own page.
    pub fn render_entry(&self, page: &EntryPage) -> Result<String, RenderError> {
        let lang = lang_of(&page.blog.lang);
        self.render(
            "entry.html",
            context! { t => self.t(lang), lang => lang.as_str(), ..Value::from(Serde(page)) },
        )
    }

    /// The blog top and the month, category and tag archives.
    pub fn render_listing(&self, page: &ListingPage) -> Result<String, RenderError> {
        let lang = lang_of(&page.blog.lang);
        let t = labels(lang);
        let heading = match &page.listing {
            ListingKind::Top => None,
            ListingKind::Month { label } => Some(t.month_archive.replace("{}", label)),
            ListingKind::Category { label, .. } => Some(t.category_archive.replace("{}", label)),
            ListingKind::Tag { name } => Some(t.tag_archive.replace("{}", name)),
        };
        self.render(
            "listing.html",
            context! {
                t => self.t(lang),
                lang => lang.as_str(),
                heading,
                ..Value::from(Serde(page))
            },
        )
    }

    /// The host's front page `/`, in the host's default language (in English with the
    /// Japanese alongside where it helps a first-time operator).
    pub fn render_host_front(&self, page: &HostFrontPage) -> Result<String, RenderError> {
        let admin_url = join_url(&page.base_url, "admin/");
        let lang = lang_of(&page.lang);
        self.render(
            "host_front.html",
            context! {
                t => self.t(lang),
                t_ja => self.t(Lang::Ja),
                lang => lang.as_str(),
                admin_url,
                ..Value::from(Serde(page))
            },
        )
    }

    /// A 404 page in the blog's language.
    pub fn render_not_found(&self, page: &NotFoundPage) -> Result<String, RenderError> {
        let lang = lang_of(page.blog.as_ref().map_or(&page.lang, |b| &b.lang));
        self.render(
            "not_found.html",
            context! { t => self.t(lang), lang => lang.as_str(), ..Value::from(Serde(page)) },
        )
    }

    /// Atom 1.0 feed.
    pub fn render_atom(&self, page: &FeedPage) -> Result<String, RenderError> {
        self.render("atom.xml", feed_context(page))
    }

    /// RSS 2.0 feed.
    pub fn render_rss(&self, page: &FeedPage) -> Result<String, RenderError> {
        self.render("rss.xml", feed_context(page))
    }
}

fn feed_context(page: &FeedPage) -> Value {
    // Atom needs an author for the feed or for every entry; the newest entry's author
    // speaks for the blog, or the blog's title when there is none.
    let feed_author = page
        .entries
        .iter()
        .map(|e| e.author.trim())
        .find(|a| !a.is_empty())
        .unwrap_or(page.title.as_str())
        .to_owned();
    let lang = lang_of(&page.lang);
    context! { feed_author, lang => lang.as_str(), ..Value::from(Serde(page)) }
}

fn lang_of(s: &str) -> Lang {
    Lang::parse(s).unwrap_or_default()
}

fn labels_value(t: &'static Labels) -> Value {
    Value::from(Serde(t))
}

fn join_url(base: &str, path: &str) -> String {
    if base.ends_with('/') {
        format!("{base}{path}")
    } else {
        format!("{base}/{path}")
    }
}

/// Engine settings shared by the built-ins and every override.
fn configure(env: &mut Environment<'static>) {
    // Every template is HTML or XML, whatever an owner names a partial, so escape always.
    env.set_auto_escape_callback(|_| AutoEscape::Html);
    env.set_formatter(escape_formatter);
    // A misspelt variable in a theme is an error, not an empty string on a live page.
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_fuel(Some(FUEL));
    env.set_recursion_limit(RECURSION_LIMIT);
    // Tidy output without `{%-` everywhere.
    let syntax = env
        .syntax()
        .to_builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .build();
    if let Ok(syntax) = syntax {
        env.set_syntax(syntax);
    }
    env.add_global(
        "generator",
        context! { name => "tsuzuri", version => env!("CARGO_PKG_VERSION") },
    );
    env.add_function("asset_url", |path: &str| crate::asset_url(path));
    env.add_function("tr", translate);
    env.add_filter("as_text", as_text);
    env.add_filter("rdf_text", rdf_text);
    env.add_filter("rdf_url", rdf_url);
}

/// `{{ tr("error-rate-limited", seconds=n) }}`: a message of tsuzuri's own catalog in the page's `ui_lang`
/// (admin and host pages set it). The result is plain text, escaped like any other value.
fn translate(state: &State, id: &str, kwargs: Kwargs) -> Result<String, Error> {
    let lang = state
        .lookup("ui_lang")
        .and_then(|v| v.as_str().and_then(|l| Lang::parse(l).ok()))
        .unwrap_or_default();
    let mut args = Vec::new();
    for name in kwargs.args() {
        let value: Value = kwargs.get(name)?;
        let arg = match i64::try_from(value.clone()) {
            Ok(n) if value.kind() == minijinja::value::ValueKind::Number => {
                crate::i18n::Arg::Number(n)
            }
            _ => crate::i18n::Arg::Text(value.to_string()),
        };
        args.push((name, arg));
    }
    crate::i18n::catalog()
        .try_text(lang, id, &args)
        .ok_or_else(|| {
            Error::new(
                minijinja::ErrorKind::UndefinedError,
                format!(
                    "message {id:?} is missing from the {} catalog",
                    lang.as_str()
                ),
            )
        })
}

/// Escapes `& < > " '` only (minijinja's own escaper also turns `/` into `&#x2f;`, which
/// makes every URL in the source unreadable and every feed larger for no gain: all of our
/// attributes are quoted). Strings are written straight into the output without an
/// allocation, since this runs for every `{{ }}` of every page; everything else (safe
/// strings, numbers, none, undefined under strict rules) goes to minijinja's formatter.
fn escape_formatter(out: &mut Output, state: &mut State, value: &Value) -> Result<(), Error> {
    match value.as_str() {
        Some(s) if !value.is_safe() && !matches!(state.auto_escape(), AutoEscape::None) => {
            crate::text::escape_to(out, s).map_err(Error::from)
        }
        _ => minijinja::escape_formatter(out, state, value),
    }
}

/// `{{ html|as_text }}`: prints even a safe value as escaped text, for Atom/RSS content
/// that carries HTML as text.
fn as_text(value: &str) -> Value {
    Value::from_safe_string(escape_str(value))
}

/// `{{ title|rdf_text }}`: XML-escaped with runs of hyphens squeezed to one, as Movable
/// Type does, because `--` may not appear inside the HTML comment that wraps the
/// TrackBack RDF.
fn rdf_text(value: &str) -> Value {
    let mut squeezed = String::with_capacity(value.len());
    for c in value.chars() {
        if !(c == '-' && squeezed.ends_with('-')) {
            squeezed.push(c);
        }
    }
    Value::from_safe_string(escape_str(&squeezed))
}

/// `{{ url|rdf_url }}`: like `rdf_text` for URLs, where squeezing would change the
/// address: the second hyphen of a pair becomes `%2D`, which means the same.
fn rdf_url(value: &str) -> Value {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        if c == '-' && out.ends_with('-') {
            out.push_str("%2D");
        } else {
            out.push(c);
        }
    }
    Value::from_safe_string(escape_str(&out))
}

#[cfg(test)]
mod tests;
