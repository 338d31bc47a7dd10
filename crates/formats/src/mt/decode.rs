//! Turning export bytes into clean text: encoding detection (MT files carry no charset
//! declaration, and Japanese hosts used EUC-JP, Shift_JIS and ISO-2022-JP), then LF line
//! endings, NFC and no XML-illegal control characters.

use encoding_rs::{DecoderResult, EUC_JP, Encoding, ISO_2022_JP, SHIFT_JIS, UTF_8};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// The encoding chosen by the user does not fit the bytes.
    #[error(
        "the file is not valid {encoding} (bad byte at offset {offset}, line {line}); pass --encoding with the right encoding"
    )]
    Malformed {
        encoding: &'static str,
        offset: usize,
        line: usize,
    },
    #[error(
        "cannot detect the encoding: the file is not valid UTF-8, EUC-JP, Shift_JIS or ISO-2022-JP (first non-UTF-8 byte at offset {offset}, line {line}); pass --encoding to choose one"
    )]
    Undetected { offset: usize, line: usize },
}

impl DecodeError {
    /// 1-based line of the first offending byte, counting LF bytes (exact for ASCII-compatible encodings).
    pub fn line(&self) -> usize {
        match self {
            DecodeError::Malformed { line, .. } | DecodeError::Undetected { line, .. } => *line,
        }
    }
}

/// Decodes a whole export file and normalises it (see [`normalize_text`]).
///
/// With `forced`, only that encoding is tried (a BOM of the same encoding is skipped).
/// Returns the text and the name of the encoding used ("UTF-8", "EUC-JP", "Shift_JIS", ...).
pub fn decode(
    bytes: &[u8],
    forced: Option<&'static Encoding>,
) -> Result<(String, &'static str), DecodeError> {
    if let Some(enc) = forced {
        let body = match Encoding::for_bom(bytes) {
            Some((bom_enc, len)) if bom_enc == enc => &bytes[len..],
            _ => bytes,
        };
        return strict_decode(enc, body)
            .map(|s| (normalize_text(&s), enc.name()))
            .map_err(|offset| DecodeError::Malformed {
                encoding: enc.name(),
                offset,
                line: line_of(bytes, offset),
            });
    }

    if let Some((enc, len)) = Encoding::for_bom(bytes) {
        return strict_decode(enc, &bytes[len..])
            .map(|s| (normalize_text(&s), enc.name()))
            .map_err(|offset| DecodeError::Malformed {
                encoding: enc.name(),
                offset: offset + len,
                line: line_of(bytes, offset + len),
            });
    }

    // ISO-2022-JP is 7-bit and so also valid UTF-8; its escape sequences give it away.
    if bytes.is_ascii()
        && has_jis_escape(bytes)
        && let Ok(s) = strict_decode(ISO_2022_JP, bytes)
    {
        return Ok((normalize_text(&s), ISO_2022_JP.name()));
    }

    let utf8_error = match std::str::from_utf8(bytes) {
        Ok(s) => return Ok((normalize_text(s), UTF_8.name())),
        Err(e) => e.valid_up_to(),
    };

    let best = [EUC_JP, SHIFT_JIS]
        .into_iter()
        .filter_map(|enc| {
            strict_decode(enc, bytes)
                .ok()
                .map(|s| (japanese_score(&s), enc, s))
        })
        // `max_by_key` keeps the last maximum; reversing makes EUC-JP win ties.
        .rev()
        .max_by_key(|(score, _, _)| *score);
    match best {
        Some((_, enc, s)) => Ok((normalize_text(&s), enc.name())),
        None => Err(DecodeError::Undetected {
            offset: utf8_error,
            line: line_of(bytes, utf8_error),
        }),
    }
}

/// LF line endings, no leading BOM, no XML-illegal control characters, NFC.
///
/// Every text the parser sees goes through this, so values compare equal whatever the
/// source's line endings or normalisation form were.
pub fn normalize_text(s: &str) -> String {
    let s = s.strip_prefix('\u{feff}').unwrap_or(s);
    // Byte by byte, copying clean runs whole: an export is megabytes of text in which a byte
    // needing attention (CR, a C0 control, the lead byte of U+FFFE/U+FFFF) is rare. Every
    // such byte starts a character, so the runs are always whole characters.
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if !((b < 0x20 && b != b'\t' && b != b'\n') || b == 0xEF) {
            i += 1;
            continue;
        }
        let skip = match b {
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => 2,
            0xEF if bytes.get(i + 1) == Some(&0xBF)
                && matches!(bytes.get(i + 2), Some(0xBE | 0xBF)) =>
            {
                3
            }
            0xEF => {
                i += 1;
                continue;
            }
            _ => 1,
        };
        out.push_str(&s[run..i]);
        if b == b'\r' {
            out.push('\n');
        }
        i += skip;
        run = i;
    }
    out.push_str(&s[run..]);
    if out.is_ascii() || is_nfc_quick(out.chars()) == IsNormalized::Yes {
        out
    } else {
        out.nfc().collect()
    }
}

/// Decodes without replacement characters; `Err` carries the byte offset of the first bad byte.
fn strict_decode(enc: &'static Encoding, bytes: &[u8]) -> Result<String, usize> {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let cap = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len().saturating_mul(3));
    let mut out = String::with_capacity(cap);
    let mut read_total = 0;
    loop {
        let (result, read) =
            decoder.decode_to_string_without_replacement(&bytes[read_total..], &mut out, true);
        read_total += read;
        match result {
            DecoderResult::InputEmpty => return Ok(out),
            DecoderResult::Malformed(bad, extra) => {
                return Err(read_total.saturating_sub(usize::from(bad) + usize::from(extra)));
            }
            DecoderResult::OutputFull => out.reserve(out.capacity().max(64)),
        }
    }
}

fn line_of(bytes: &[u8], offset: usize) -> usize {
    let end = offset.min(bytes.len());
    1 + bytes[..end].iter().filter(|&&b| b == b'\n').count()
}

fn has_jis_escape(bytes: &[u8]) -> bool {
    // Designations of JIS X 0208 (both editions), JIS X 0201 Roman and katakana, JIS X 0212.
    const ESCAPES: [&[u8; 3]; 5] = [b"\x1b$B", b"\x1b$@", b"\x1b(J", b"\x1b(I", b"\x1b$("];
    bytes.windows(3).any(|w| ESCAPES.iter().any(|e| w == *e))
}

/// How much a decoding looks like Japanese prose. EUC-JP bytes read as Shift_JIS turn into
/// half-width katakana and private-use characters; Shift_JIS bytes rarely survive an EUC-JP
/// decode at all. Kana are the strongest evidence of a correct decoding.
fn japanese_score(s: &str) -> i64 {
    s.chars()
        .map(|c| match u32::from(c) {
            0x3041..=0x3096 | 0x30A1..=0x30FA | 0x30FC => 2,
            0x3000..=0x303F | 0x4E00..=0x9FFF | 0xFF01..=0xFF5E | 0x2460..=0x2473 => 1,
            0xFF61..=0xFF9F => -1,
            0x80..=0x9F | 0xE000..=0xF8FF => -3,
            _ => 0,
        })
        .sum()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn is_illegal_control(c: char) -> bool {
        matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
    }

    /// The definition, one character at a time, that the byte scan must agree with.
    fn normalize_by_chars(s: &str) -> String {
        let s = s.strip_prefix('\u{feff}').unwrap_or(s);
        let mut out = String::new();
        let mut chars = s.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\r' => {
                    if chars.peek() == Some(&'\n') {
                        chars.next();
                    }
                    out.push('\n');
                }
                c if is_illegal_control(c) => {}
                c => out.push(c),
            }
        }
        out.nfc().collect()
    }

    proptest::proptest! {
        #[test]
        fn the_byte_scan_agrees_with_the_definition(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::string::string_regex("[a-z\\t\\n\\r]{0,4}").unwrap(),
                    proptest::string::string_regex("[\\x00-\\x1f]").unwrap(),
                    proptest::prop_oneof![
                        proptest::strategy::Just("\u{fffe}".to_owned()),
                        proptest::strategy::Just("\u{ffff}".to_owned()),
                        proptest::strategy::Just("\u{feff}".to_owned()),
                        proptest::strategy::Just("\u{fffd}".to_owned()),
                        proptest::strategy::Just("\u{ef}\u{bf}".to_owned()),
                        proptest::strategy::Just("か\u{3099}".to_owned()),
                        proptest::strategy::Just("e\u{301}".to_owned()),
                        proptest::strategy::Just("\u{f900}".to_owned()),
                    ],
                    proptest::prelude::any::<String>(),
                ],
                0..12,
            )
        ) {
            let s = parts.concat();
            proptest::prop_assert_eq!(normalize_text(&s), normalize_by_chars(&s));
        }
    }

    #[test]
    fn normalises_line_endings_bom_controls_and_nfc() {
        let s = "\u{feff}a\r\nb\rc\u{1}\u{7}d\u{304b}\u{3099}";
        assert_eq!(normalize_text(s), "a\nb\ncd\u{304c}");
    }

    #[test]
    fn reports_line_of_bad_byte() {
        let bytes = b"TITLE: a\nBODY\n\xff\xff\xff\n";
        let err = decode(bytes, None).unwrap_err();
        assert_eq!(err.line(), 3);
        assert!(err.to_string().contains("--encoding"));
        let err = decode(b"a\n\x80", Some(EUC_JP)).unwrap_err();
        assert_eq!(
            err,
            DecodeError::Malformed {
                encoding: "EUC-JP",
                offset: 2,
                line: 2
            }
        );
    }

    #[test]
    fn forced_encoding_skips_its_own_bom() {
        let (s, name) = decode(b"\xef\xbb\xbfTITLE: x", Some(UTF_8)).unwrap();
        assert_eq!((s.as_str(), name), ("TITLE: x", "UTF-8"));
    }

    #[test]
    fn plain_ascii_is_utf8() {
        assert_eq!(decode(b"abc", None).unwrap().1, "UTF-8");
    }
}
