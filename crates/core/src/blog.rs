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
