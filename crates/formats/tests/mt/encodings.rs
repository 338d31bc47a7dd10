//! Fixture 12 and friends: legacy Japanese encodings are detected, a BOM is honoured,
//! and an explicit encoding overrides detection.

use encoding_rs::{EUC_JP, ISO_2022_JP, SHIFT_JIS, UTF_16LE};
use tsuzuri_formats::mt::{self, ParseOptions};

const TEXT: &str = "AUTHOR: 山田太郎
TITLE: 日本語のタイトル：テスト
DATE: 03/18/2017 18:22:52
CATEGORY: 日記
TAGS: \"東京 旅行\",グルメ
-----
BODY:
<p>今日は晴れでした。ひらがな、カタカナ、漢字。</p>
<p>全角スペース　と記号「」『』・ー～</p>
-----
COMMENT:
AUTHOR: 佐藤
こんにちは！
-----
--------
";

fn encode(enc: &'static encoding_rs::Encoding, text: &str) -> Vec<u8> {
    let (bytes, used, unmappable) = enc.encode(text);
    assert_eq!(used, enc);
    let bad: String = text
        .chars()
        .filter(|c| enc.encode(&c.to_string()).2)
        .collect();
    assert!(!unmappable, "{} cannot encode {bad:?}", enc.name());
    bytes.into_owned()
}

fn check(bytes: &[u8], name: &str, text: &str) {
    let (decoded, used) = mt::decode(bytes, None).unwrap();
    assert_eq!(used, name);
    assert_eq!(decoded, text);
    let f = mt::parse(bytes, &ParseOptions::default());
    assert_eq!(f.encoding, name);
    assert!(f.problems.is_empty(), "{:#?}", f.problems);
    assert_eq!(
        f.entries,
        mt::parse(text.as_bytes(), &ParseOptions::default()).entries
    );
}

#[test]
fn euc_jp_is_detected() {
    let bytes = encode(EUC_JP, TEXT);
    assert!(std::str::from_utf8(&bytes).is_err());
    check(&bytes, "EUC-JP", TEXT);
    let e = &mt::parse(&bytes, &ParseOptions::default()).entries[0];
    assert_eq!(e.title.as_deref(), Some("日本語のタイトル：テスト"));
    assert_eq!(e.tags, ["東京 旅行", "グルメ"]);
}

#[test]
fn shift_jis_with_machine_dependent_characters_is_detected() {
    // ① and ㈱ exist only in Microsoft's Shift_JIS (CP932), which is what encoding_rs implements.
    let text = TEXT.replace("今日は晴れでした。", "①今日は㈱晴れでした。Ⅲ");
    let bytes = encode(SHIFT_JIS, &text);
    check(&bytes, "Shift_JIS", &text);
    let e = &mt::parse(&bytes, &ParseOptions::default()).entries[0];
    assert!(e.body.starts_with("<p>①今日は㈱晴れでした。Ⅲ"));
    assert_eq!(e.comments[0].body, "こんにちは！");
}

#[test]
fn iso_2022_jp_is_detected() {
    let bytes = encode(ISO_2022_JP, TEXT);
    assert!(bytes.is_ascii());
    check(&bytes, "ISO-2022-JP", TEXT);
}

#[test]
fn short_legacy_texts_are_detected() {
    for text in [
        "TITLE: あ\n-----\nBODY:\nい\n-----\n--------\n",
        "TITLE: 漢字\n-----\nBODY:\nカナ\n-----\n",
    ] {
        assert_eq!(
            mt::decode(&encode(EUC_JP, text), None).unwrap(),
            (text.to_owned(), "EUC-JP")
        );
        assert_eq!(
            mt::decode(&encode(SHIFT_JIS, text), None).unwrap(),
            (text.to_owned(), "Shift_JIS")
        );
    }
}

#[test]
fn utf8_bom_is_stripped() {
    let mut bytes = b"\xef\xbb\xbf".to_vec();
    bytes.extend_from_slice(TEXT.as_bytes());
    check(&bytes, "UTF-8", TEXT);
    assert_eq!(
        mt::parse(&bytes, &ParseOptions::default()).entries[0]
            .author
            .as_deref(),
        Some("山田太郎")
    );
}

#[test]
fn utf16_with_bom() {
    let mut bytes = vec![0xff, 0xfe];
    for unit in TEXT.encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    assert_eq!(
        mt::decode(&bytes, None).unwrap(),
        (TEXT.to_owned(), UTF_16LE.name())
    );
}

#[test]
fn forced_encoding_wins_and_fails_cleanly() {
    let bytes = encode(EUC_JP, TEXT);
    let forced = ParseOptions {
        encoding: Some(EUC_JP),
    };
    assert_eq!(
        mt::parse(&bytes, &forced).entries[0].author.as_deref(),
        Some("山田太郎")
    );

    let sjis = encode(SHIFT_JIS, TEXT);
    let f = mt::parse(&sjis, &forced);
    assert!(f.entries.is_empty());
    assert_eq!(f.encoding, "EUC-JP");
    assert_eq!(f.problems.len(), 1);
    assert_eq!(f.problems[0].line, 1, "the author's name is on line 1");
    assert!(
        f.problems[0].message.contains("not valid EUC-JP"),
        "{}",
        f.problems[0].message
    );
}

#[test]
fn nfc_is_applied() {
    let decomposed = "TITLE: か\u{3099}ふ\u{309a}e\u{301}\n-----\nBODY:\nx\n-----\n--------\n";
    let e = &mt::parse(decomposed.as_bytes(), &ParseOptions::default()).entries[0];
    assert_eq!(e.title.as_deref(), Some("がぷé"));
}
