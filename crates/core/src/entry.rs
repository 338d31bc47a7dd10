//! Entry statuses and text formats, with the Movable Type spellings they travel under.

use serde::{Deserialize, Serialize};

/// Where an entry is in its life. Only `Publish` entries whose date has come are public.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntryStatus {
    Draft,
    Publish,
    Review,
    Future,
    Unpublish,
    Spam,
}

impl EntryStatus {
    pub const ALL: [EntryStatus; 6] = [
        EntryStatus::Draft,
        EntryStatus::Publish,
        EntryStatus::Review,
        EntryStatus::Future,
        EntryStatus::Unpublish,
        EntryStatus::Spam,
    ];

    /// The value stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            EntryStatus::Draft => "draft",
            EntryStatus::Publish => "publish",
            EntryStatus::Review => "review",
            EntryStatus::Future => "future",
            EntryStatus::Unpublish => "unpublish",
            EntryStatus::Spam => "spam",
        }
    }

    /// The spelling Movable Type writes in its export format.
    pub fn mt_label(self) -> &'static str {
        match self {
            EntryStatus::Draft => "Draft",
            EntryStatus::Publish => "Publish",
            EntryStatus::Review => "Review",
            EntryStatus::Future => "Future",
            EntryStatus::Unpublish => "Unpublish",
            EntryStatus::Spam => "Spam",
        }
    }

    /// Parses a stored value or an MT label, case-insensitively (`junk` is MT's old `spam`).
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "draft" | "hold" => Some(EntryStatus::Draft),
            "publish" | "release" | "published" => Some(EntryStatus::Publish),
            "review" => Some(EntryStatus::Review),
            "future" | "scheduled" => Some(EntryStatus::Future),
            "unpublish" => Some(EntryStatus::Unpublish),
            "spam" | "junk" => Some(EntryStatus::Spam),
            _ => None,
        }
    }
}

/// How an entry's source text becomes HTML.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextFormatKind {
    /// The source is HTML (`0`, `richtext`, and any filter we do not know).
    Html,
    /// Movable Type's "Convert Line Breaks" (`1`, `__default__`).
    ConvertBreaks,
    /// CommonMark with GFM tables (`markdown`, `markdown_with_smartypants`).
    Markdown,
}

/// The text filter key as Movable Type stores it; kept verbatim so exports round-trip.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TextFormat(pub String);

impl TextFormat {
    pub fn html() -> Self {
        TextFormat("0".into())
    }
    pub fn convert_breaks() -> Self {
        TextFormat("__default__".into())
    }
    pub fn markdown() -> Self {
        TextFormat("markdown".into())
    }

    pub fn kind(&self) -> TextFormatKind {
        match self.0.trim() {
            "1" | "__default__" => TextFormatKind::ConvertBreaks,
            "markdown" | "markdown_with_smartypants" => TextFormatKind::Markdown,
            _ => TextFormatKind::Html,
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_round_trip() {
        for s in EntryStatus::ALL {
            assert_eq!(EntryStatus::parse(s.as_str()), Some(s));
            assert_eq!(EntryStatus::parse(s.mt_label()), Some(s));
        }
        assert_eq!(EntryStatus::parse("bogus"), None);
    }

    #[test]
    fn text_formats() {
        assert_eq!(TextFormat("1".into()).kind(), TextFormatKind::ConvertBreaks);
        assert_eq!(TextFormat("richtext".into()).kind(), TextFormatKind::Html);
        assert_eq!(
            TextFormat("markdown_with_smartypants".into()).kind(),
            TextFormatKind::Markdown
        );
        assert_eq!(TextFormat("textile_2".into()).kind(), TextFormatKind::Html);
    }
}
