//! Blog-level settings that shape every page: language and time zone.

use crate::error::ValidationError;
use serde::{Deserialize, Serialize};

/// The language of a blog's reader-facing text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Ja,
    En,
}

impl Lang {
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
        }
    }

    pub fn parse(s: &str) -> Result<Self, ValidationError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "ja" | "ja-jp" | "japanese" => Ok(Lang::Ja),
            "en" | "en-us" | "en-gb" | "english" => Ok(Lang::En),
            other => Err(ValidationError::new(
                "lang",
                format!("unknown language {other:?}: use ja or en"),
            )),
        }
    }
}

impl Lang {
    /// The language a browser asks for first among those tsuzuri speaks (`Accept-Language`,
    /// RFC 9110 §12.5.4, with q-values), or `fallback` when it names none of them.
    pub fn from_accept_language(header: &str, fallback: Lang) -> Lang {
        let mut best: Option<(f32, Lang)> = None;
        for item in header.split(',') {
            let mut parts = item.split(';');
            let tag = parts.next().unwrap_or("").trim().to_ascii_lowercase();
            let q = parts
                .filter_map(|p| p.trim().strip_prefix("q="))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            let primary = tag.split('-').next().unwrap_or("");
            let lang = match primary {
                "ja" => Lang::Ja,
                "en" => Lang::En,
                _ => continue,
            };
            // The first of equal weights wins: browsers list in the user's order.
            if q > 0.0 && best.is_none_or(|(b, _)| q > b) {
                best = Some((q, lang));
            }
        }
        best.map_or(fallback, |(_, l)| l)
    }
}

/// A blog's time zone, checked against the bundled IANA database.
pub fn parse_timezone(name: &str) -> Result<jiff::tz::TimeZone, ValidationError> {
    jiff::tz::TimeZone::get(name.trim()).map_err(|_| {
        ValidationError::new(
            "timezone",
            format!("unknown time zone {name:?}: use an IANA name such as Asia/Tokyo or UTC"),
        )
    })
}

/// The settings a page needs to print dates and labels for one blog.
#[derive(Debug, Clone)]
pub struct BlogSettings {
    pub lang: Lang,
    pub timezone: jiff::tz::TimeZone,
}

#[cfg(test)]
mod tests {
    use super::Lang;
    use proptest::prelude::*;

    #[test]
    fn accept_language_follows_weights_then_order() {
        let ja = Lang::Ja;
        assert_eq!(
            Lang::from_accept_language("en-US,en;q=0.9,ja;q=0.8", ja),
            Lang::En
        );
        assert_eq!(
            Lang::from_accept_language("ja,en-US;q=0.9", Lang::En),
            Lang::Ja
        );
        assert_eq!(
            Lang::from_accept_language("fr, en;q=0.2, ja;q=0.5", ja),
            Lang::Ja
        );
        assert_eq!(Lang::from_accept_language("de-DE", Lang::En), Lang::En);
        assert_eq!(Lang::from_accept_language("", ja), Lang::Ja);
        assert_eq!(Lang::from_accept_language("en;q=0", ja), Lang::Ja);
        assert_eq!(Lang::from_accept_language("EN-gb", ja), Lang::En);
    }

    proptest! {
        #[test]
        fn accept_language_never_panics(header in ".{0,200}") {
            let _ = Lang::from_accept_language(&header, Lang::Ja);
        }
    }
}
