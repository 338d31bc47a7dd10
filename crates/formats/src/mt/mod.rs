//! The Movable Type import/export text format ("MT format"): a lenient reader that reports
//! problems per entry with line numbers, and a writer whose output the reader reads back unchanged.

mod date;
mod decode;
mod parse;
mod tags;
mod write;

use std::collections::BTreeSet;

pub use date::format_date;
pub use decode::{DecodeError, decode, normalize_text};
pub use parse::{parse, parse_str};
pub use tags::{join_tags, split_tags};
pub use write::write;

/// A DATE value. `local` is the wall-clock time as written; the caller applies the blog's
/// time zone when `offset` is `None` (MT dates never carry one, ISO-like dialects may).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MtDate {
    pub local: jiff::civil::DateTime,
    pub offset: Option<jiff::tz::Offset>,
    /// The value as it appeared in the file (trimmed), for messages and audits.
    pub raw: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MtComment {
    pub author: String,
    pub email: String,
    pub url: String,
    pub ip: String,
    pub date: Option<MtDate>,
    pub body: String,
}

/// A TrackBack ping; its `excerpt` is the multi-line part of the block.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MtPing {
    pub title: String,
    pub url: String,
    pub ip: String,
    pub blog_name: String,
    pub date: Option<MtDate>,
    pub excerpt: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MtEntry {
    /// 1-based line of the record's first non-blank line in the decoded file (0 when built by hand).
    pub line: usize,
    pub author: Option<String>,
    pub title: Option<String>,
    pub basename: Option<String>,
    pub status: Option<tsuzuri_core::EntryStatus>,
    pub allow_comments: Option<bool>,
    pub allow_pings: Option<bool>,
    /// The raw text-filter key, kept verbatim (unknown keys are the importer's business).
    pub convert_breaks: Option<String>,
    /// Only what the file says: MT's "first CATEGORY becomes primary" rule is left to the importer.
    pub primary_category: Option<String>,
    /// De-duplicated, in file order; the primary category is included (first, if the file did not list it).
    pub categories: Vec<String>,
    pub date: Option<MtDate>,
    /// De-duplicated, in file order; private tags keep their leading `@`.
    pub tags: Vec<String>,
    /// Unknown single-line keys (IMAGE, CF50_BASENAME, ...) in file order, key as written.
    pub extra: Vec<(String, String)>,
    /// `NO ENTRY:` was present: the comments and pings belong to an existing entry with this DATE.
    pub no_entry: bool,
    pub body: String,
    pub extended_body: String,
    pub excerpt: String,
    pub keywords: String,
    pub comments: Vec<MtComment>,
    pub pings: Vec<MtPing>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// The entry cannot be imported faithfully; the importer refuses the file unless told to skip it.
    Error,
    /// Something was guessed or repaired; the entry is still imported.
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line in the decoded file (for a decoding failure: the line of the first bad byte).
    pub line: usize,
    /// Index into [`ParsedFile::entries`]; `None` for problems with the file as a whole.
    pub entry_index: Option<usize>,
    pub severity: Severity,
    pub message: String,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ParseOptions {
    /// `None` detects the encoding (BOM, UTF-8, then EUC-JP / Shift_JIS / ISO-2022-JP).
    pub encoding: Option<&'static encoding_rs::Encoding>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedFile {
    pub entries: Vec<MtEntry>,
    /// Name of the encoding the file was read with, e.g. "UTF-8", "EUC-JP", "Shift_JIS".
    pub encoding: &'static str,
    pub problems: Vec<Problem>,
}

impl ParsedFile {
    /// Indexes of entries that carry at least one [`Severity::Error`].
    pub fn invalid_entries(&self) -> BTreeSet<usize> {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .filter_map(|p| p.entry_index)
            .collect()
    }

    /// True when any problem is an error, including file-level ones such as a failed decode,
    /// which [`ParsedFile::invalid_entries`] cannot name.
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(|p| p.severity == Severity::Error)
    }
}
