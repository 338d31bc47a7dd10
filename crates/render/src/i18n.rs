//! The text tsuzuri itself speaks (the admin, host pages, error pages, e-mails) in Japanese
//! and English, from Fluent catalogs in `locales/{ja,en}/*.ftl`.
//!
//! A message is named by its Fluent id, or `id.attribute` for one of its attributes
//! (`entry-title.placeholder`). Arguments are Fluent variables, so plural forms follow each
//! language's rules (`{ $count -> [one] … *[other] … }`). Both languages must define every
//! id; the crate's tests fail when one is missing, or when a template or the code names an
//! id that does not exist.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::borrow::Cow;
use std::sync::OnceLock;
use tsuzuri_core::Lang;

macro_rules! catalog_files {
    ($($name:literal),* $(,)?) => {
        &[$((
            $name,
            include_str!(concat!("../locales/ja/", $name, ".ftl")),
            include_str!(concat!("../locales/en/", $name, ".ftl")),
        )),*]
    };
}

/// Every catalog file: (name, Japanese source, English source).
pub const CATALOG_FILES: &[(&str, &str, &str)] = catalog_files![
    "common",
    "accounts",
    "blogs",
    "entries",
    "comments",
    "media",
    "templates",
    "host",
    "errors",
    "mail",
    "reader",
];

/// A value for a message's variable.
#[derive(Debug, Clone)]
pub enum Arg {
    Text(String),
    Number(i64),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_owned())
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}
impl From<i64> for Arg {
    fn from(n: i64) -> Self {
        Arg::Number(n)
    }
}
impl From<usize> for Arg {
    fn from(n: usize) -> Self {
        Arg::Number(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

/// Both languages' messages, parsed once.
pub struct Catalog {
    ja: FluentBundle<FluentResource>,
    en: FluentBundle<FluentResource>,
}

/// The catalog built into this binary.
pub fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| match Catalog::parse(CATALOG_FILES) {
        Ok(c) => c,
        // The built-in files are checked by the tests; a broken one is a build defect.
        Err(e) => panic!("built-in message catalog: {e}"),
    })
}

/// A message in `lang` with no variables: shorthand for `catalog().text(lang, id)`.
pub fn tr(lang: Lang, id: &str) -> String {
    catalog().text(lang, id, &[])
}

/// A message in `lang` with variables.
pub fn tr_with(lang: Lang, id: &str, args: &[(&str, Arg)]) -> String {
    catalog().text(lang, id, args)
}

impl Catalog {
    /// Parses the given files; an error names the file and what Fluent could not read.
    pub fn parse(files: &[(&str, &str, &str)]) -> Result<Catalog, String> {
        Ok(Catalog {
            ja: bundle(Lang::Ja, files.iter().map(|(n, ja, _)| (*n, *ja)))?,
            en: bundle(Lang::En, files.iter().map(|(n, _, en)| (*n, *en)))?,
        })
    }

    fn bundle(&self, lang: Lang) -> &FluentBundle<FluentResource> {
        match lang {
            Lang::Ja => &self.ja,
            Lang::En => &self.en,
        }
    }

    /// Whether `id` (or `id.attribute`) exists in `lang`.
    pub fn has(&self, lang: Lang, id: &str) -> bool {
        self.try_text(lang, id, &[]).is_some()
    }

    /// The message `id` in `lang`, or the id itself when it is missing (the tests make sure
    /// it never is for the ids the code names).
    pub fn text(&self, lang: Lang, id: &str, args: &[(&str, Arg)]) -> String {
        self.try_text(lang, id, args)
            .unwrap_or_else(|| id.to_owned())
    }

    /// A message made by `tsuzuri_core::message` (or a bare id) in `lang`; text that names no
    /// message of the catalogs is shown as it is. Arguments that read as whole numbers are
    /// numbers, so that plurals follow them.
    pub fn say(&self, lang: Lang, text: &str) -> String {
        let (id, args) = tsuzuri_core::message::parts(text);
        let args: Vec<(&str, Arg)> = args
            .into_iter()
            .map(|(name, value)| {
                let value = value
                    .parse::<i64>()
                    .map_or_else(|_| Arg::from(value), Arg::Number);
                (name, value)
            })
            .collect();
        self.try_text(lang, id, &args)
            .unwrap_or_else(|| text.to_owned())
    }

    /// The message, or None when `id` is not in the catalog.
    pub fn try_text(&self, lang: Lang, id: &str, args: &[(&str, Arg)]) -> Option<String> {
        let bundle = self.bundle(lang);
        let (message_id, attribute) = match id.split_once('.') {
            Some((m, a)) => (m, Some(a)),
            None => (id, None),
        };
        let message = bundle.get_message(message_id)?;
        let pattern = match attribute {
            Some(a) => message.get_attribute(a)?.value(),
            None => message.value()?,
        };
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            let v = match value {
                Arg::Text(s) => FluentValue::String(Cow::Borrowed(s.as_str())),
                Arg::Number(n) => FluentValue::from(*n),
            };
            fluent_args.set(*name, v);
        }
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
        Some(text.into_owned())
    }
}

/// Every message id the files define in `lang`, attributes as `id.attribute`.
pub fn catalog_ids(lang: Lang, files: &[(&str, &str, &str)]) -> Vec<String> {
    {
        let mut ids = Vec::new();
        for (_, ja, en) in files {
            let source = if lang == Lang::Ja { ja } else { en };
            let Ok(resource) = FluentResource::try_new((*source).to_owned()) else {
                continue;
            };
            for entry in resource.entries() {
                if let fluent_syntax::ast::Entry::Message(m) = entry {
                    ids.push(m.id.name.to_owned());
                    for a in &m.attributes {
                        ids.push(format!("{}.{}", m.id.name, a.id.name));
                    }
                }
            }
        }
        ids
    }
}

fn bundle<'a>(
    lang: Lang,
    files: impl Iterator<Item = (&'a str, &'a str)>,
) -> Result<FluentBundle<FluentResource>, String> {
    let locale: unic_langid::LanguageIdentifier = lang
        .as_str()
        .parse()
        .map_err(|e| format!("language {}: {e}", lang.as_str()))?;
    let mut bundle = FluentBundle::new_concurrent(vec![locale]);
    // Unicode isolation marks around variables would end up inside HTML attributes and
    // e-mail subjects; every variable here is a name, a number or a URL.
    bundle.set_use_isolating(false);
    for (name, source) in files {
        let resource = FluentResource::try_new(source.to_owned())
            .map_err(|(_, errors)| format!("{}/{name}.ftl: {errors:?}", lang.as_str()))?;
        bundle
            .add_resource(resource)
            .map_err(|errors| format!("{}/{name}.ftl: {errors:?}", lang.as_str()))?;
    }
    Ok(bundle)
}
