//! What an uploaded file really is, judged by its first bytes rather than by the name or the
//! type the browser claimed: a `.jpg` that is an HTML page must not be served as anything a
//! browser would run.

/// A file type tsuzuri accepts, with what follows from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kind {
    /// The `Content-Type` it is served with.
    pub mime: &'static str,
    /// The extension its stored name gets (the uploaded name's extension is not trusted).
    pub ext: &'static str,
    /// A raster image tsuzuri can decode: it gets dimensions and thumbnails.
    pub raster: bool,
    /// Served for display in the browser; everything else is served as a download
    /// (`Content-Disposition: attachment`), which is how SVG, whose scripts would run on
    /// this origin if it were opened as a page, stays harmless. PDF too: a browser's PDF
    /// viewer cannot run inside the sandbox every file gets, and a PDF's scripts are no
    /// business of a blog's origin.
    pub inline: bool,
}

const fn kind(mime: &'static str, ext: &'static str, raster: bool, inline: bool) -> Kind {
    Kind {
        mime,
        ext,
        raster,
        inline,
    }
}

pub const JPEG: Kind = kind("image/jpeg", "jpg", true, true);
pub const PNG: Kind = kind("image/png", "png", true, true);
pub const GIF: Kind = kind("image/gif", "gif", true, true);
pub const WEBP: Kind = kind("image/webp", "webp", true, true);
pub const SVG: Kind = kind("image/svg+xml", "svg", false, false);
pub const PDF: Kind = kind("application/pdf", "pdf", false, false);
pub const MP3: Kind = kind("audio/mpeg", "mp3", false, true);
pub const OGG: Kind = kind("audio/ogg", "ogg", false, true);
pub const WAV: Kind = kind("audio/wav", "wav", false, true);
pub const MP4: Kind = kind("video/mp4", "mp4", false, true);
pub const WEBM: Kind = kind("video/webm", "webm", false, true);
pub const ZIP: Kind = kind("application/zip", "zip", false, false);
pub const TEXT: Kind = kind("text/plain; charset=utf-8", "txt", false, true);

/// Every kind, for looking one up by the extension of a stored name.
pub const KINDS: &[Kind] = &[
    JPEG, PNG, GIF, WEBP, SVG, PDF, MP3, OGG, WAV, MP4, WEBM, ZIP, TEXT,
];

/// The kind a stored file is served as, from its extension (which tsuzuri chose itself).
pub fn kind_of_stored_name(name: &str) -> Option<Kind> {
    let ext = name.rsplit_once('.')?.1;
    KINDS.iter().copied().find(|k| k.ext == ext)
}

/// Why a file was refused, in words for the person who uploaded it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{what} cannot be uploaded: tsuzuri accepts images (JPEG, PNG, GIF, WebP, SVG), PDF, audio (MP3, Ogg, WAV), video (MP4, WebM), ZIP archives and plain text"
)]
pub struct Refused {
    /// What the file looked like ("An HTML or XML document", "An empty file", …).
    pub what: String,
    /// The same as one word for message catalogs: `empty`, `riff`, `program`, `binary`,
    /// `markup`.
    pub kind: &'static str,
}

/// Decides what `bytes` are. Only the content counts.
pub fn sniff(bytes: &[u8]) -> Result<Kind, Refused> {
    let refused = |kind: &'static str, what: &str| {
        Err(Refused {
            what: what.to_owned(),
            kind,
        })
    };
    if bytes.is_empty() {
        return refused("empty", "An empty file");
    }
    let starts = |magic: &[u8]| bytes.starts_with(magic);
    if starts(&[0xFF, 0xD8, 0xFF]) {
        return Ok(JPEG);
    }
    if starts(b"\x89PNG\r\n\x1a\n") {
        return Ok(PNG);
    }
    if starts(b"GIF87a") || starts(b"GIF89a") {
        return Ok(GIF);
    }
    if bytes.len() >= 12 && starts(b"RIFF") {
        return match &bytes[8..12] {
            b"WEBP" => Ok(WEBP),
            b"WAVE" => Ok(WAV),
            _ => refused("riff", "This RIFF file"),
        };
    }
    if starts(b"%PDF-") {
        return Ok(PDF);
    }
    if starts(b"ID3") || (bytes.len() >= 2 && bytes[0] == 0xFF && bytes[1] & 0xE0 == 0xE0) {
        return Ok(MP3);
    }
    if starts(b"OggS") {
        return Ok(OGG);
    }
    if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        return Ok(MP4);
    }
    if starts(&[0x1A, 0x45, 0xDF, 0xA3]) {
        return Ok(WEBM);
    }
    if starts(b"PK\x03\x04") || starts(b"PK\x05\x06") {
        return Ok(ZIP);
    }
    if starts(b"MZ") || starts(b"\x7fELF") {
        return refused("program", "A program");
    }
    // Text: UTF-8 (a BOM is fine) without control characters other than whitespace.
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let Ok(text) = std::str::from_utf8(text) else {
        return refused("binary", "This binary file");
    };
    if text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\x0c'))
    {
        return refused("binary", "This binary file");
    }
    let head: String = text
        .chars()
        .take(1024)
        .collect::<String>()
        .to_ascii_lowercase();
    let head = head.trim_start();
    if looks_like_svg(head) {
        return Ok(SVG);
    }
    const HTML_MARKERS: &[&str] = &[
        "<!doctype html",
        "<html",
        "<head",
        "<body",
        "<script",
        "<iframe",
        "<meta",
        "<style",
        "<?xml",
    ];
    // Browsers that ignore `nosniff` sniff HTML anywhere near the start; refuse it outright.
    if HTML_MARKERS.iter().any(|m| head.contains(m)) {
        return refused("markup", "An HTML or XML document");
    }
    Ok(TEXT)
}

fn looks_like_svg(head: &str) -> bool {
    let mut rest = head;
    // Skip the XML declaration, comments and a doctype before the root element.
    loop {
        rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix("<?xml") {
            rest = r.split_once("?>").map_or("", |(_, r)| r);
        } else if let Some(r) = rest.strip_prefix("<!--") {
            rest = r.split_once("-->").map_or("", |(_, r)| r);
        } else if let Some(r) = rest.strip_prefix("<!doctype svg") {
            rest = r.split_once('>').map_or("", |(_, r)| r);
        } else {
            break;
        }
    }
    rest.starts_with("<svg")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_are_known_by_their_magic_numbers() {
        assert_eq!(sniff(b"\xFF\xD8\xFF\xE0\0\x10JFIF"), Ok(JPEG));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Ok(PNG));
        assert_eq!(sniff(b"GIF89a\x01\0\x01\0"), Ok(GIF));
        assert_eq!(sniff(b"RIFF\x24\0\0\0WEBPVP8 "), Ok(WEBP));
    }

    #[test]
    fn svg_is_recognised_behind_a_declaration_and_served_as_a_download() {
        let svg = b"<?xml version=\"1.0\"?>\n<!-- drawn by hand -->\n<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>";
        let k = sniff(svg).expect("svg");
        assert_eq!(k, SVG);
        assert!(!k.inline);
    }

    #[test]
    fn html_under_an_image_name_is_refused() {
        let err = sniff(b"  <!DOCTYPE html><html><script>steal()</script>").expect_err("refused");
        assert!(err.to_string().contains("HTML"), "{err}");
        assert!(sniff(b"hello <script>x</script>").is_err());
        assert!(sniff(b"<?xml version=\"1.0\"?><rss/>").is_err());
    }

    #[test]
    fn plain_text_in_japanese_is_text_and_binary_is_refused() {
        assert_eq!(sniff("日本語のメモ\nです。".as_bytes()), Ok(TEXT));
        assert!(sniff(b"\0\x01\x02binary").is_err());
        assert!(sniff(b"MZ\x90\0").is_err());
        assert!(sniff(b"").is_err());
    }

    #[test]
    fn stored_names_map_back_to_their_kind() {
        assert_eq!(kind_of_stored_name("2026/11/a-1f2e.jpg"), Some(JPEG));
        assert_eq!(kind_of_stored_name("x.svg"), Some(SVG));
        assert_eq!(kind_of_stored_name("x.html"), None);
        assert_eq!(kind_of_stored_name("noext"), None);
    }

    proptest::proptest! {
        #[test]
        fn sniffing_never_panics(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..64)) {
            let _ = sniff(&bytes);
        }
    }
}
