//! Property tests: the writer's output reads back to the same entries, what the reader
//! produces is written stably, and the reader survives any input.

use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use tsuzuri_core::EntryStatus;
use tsuzuri_formats::mt::{self, MtComment, MtDate, MtEntry, MtPing, ParseOptions};

use crate::common::{comparable, expected_after_round_trip, parse};

/// Characters that stress the format: Japanese, ideographic space, quotes, commas, colons,
/// hyphens, TABs, `@` and a few HTML characters.
const ALPHABET: &[char] = &[
    'a', 'b', 'Z', '0', '9', ' ', ' ', '\t', '-', '-', ':', ',', '"', '\'', '@', '<', '>', '/',
    '&', '.', '日', '本', '語', 'あ', 'ア', 'ー', '、', '。', '①', '　', 'é',
];

fn text(max: usize) -> impl Strategy<Value = String> {
    vec(proptest::sample::select(ALPHABET), 0..max).prop_map(|c| c.into_iter().collect())
}

/// A single-line value, sometimes with a newline that the writer must flatten.
fn single() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => text(16),
        1 => (text(8), text(8)).prop_map(|(a, b)| format!("{a}\n{b}")),
    ]
}

/// Lines that a naive format would mistake for structure.
fn tricky_line() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => text(24),
        1 => Just(String::new()),
        1 => Just("-----".to_owned()),
        1 => Just("--------".to_owned()),
        1 => Just("-----\t".to_owned()),
        1 => Just("--------\t\t".to_owned()),
        1 => Just("DATE: tomorrow".to_owned()),
        1 => Just("AUTHOR: someone".to_owned()),
        1 => Just("BODY:".to_owned()),
        1 => Just("COMMENT:".to_owned()),
        1 => Just("URL: <a href=\"http://x/\">x</a>".to_owned()),
        1 => Just("    indented　本文".to_owned()),
        1 => Just("\t\tcode();".to_owned()),
    ]
}

fn multi() -> impl Strategy<Value = String> {
    vec(tricky_line(), 0..8).prop_map(|l| l.join("\n"))
}

fn date() -> impl Strategy<Value = MtDate> {
    (
        1i16..=9999,
        1i8..=12,
        1i8..=28,
        0i8..24,
        0i8..60,
        0i8..60,
        option::of(-12i8..=14),
    )
        .prop_map(|(y, mo, d, h, mi, s, off)| MtDate {
            local: jiff::civil::date(y, mo, d).at(h, mi, s, 0),
            offset: off.map(jiff::tz::Offset::constant),
            raw: String::new(),
        })
}

fn url() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        text(10).prop_map(|t| format!("http://example.jp/{}", t.trim()))
    ]
}

fn comment() -> impl Strategy<Value = MtComment> {
    (
        single(),
        single(),
        url(),
        single(),
        option::of(date()),
        multi(),
    )
        .prop_map(|(author, email, url, ip, date, body)| MtComment {
            author,
            email,
            url,
            ip,
            date,
            body,
        })
}

fn ping() -> impl Strategy<Value = MtPing> {
    (
        single(),
        url(),
        single(),
        single(),
        option::of(date()),
        multi(),
    )
        .prop_map(|(title, url, ip, blog_name, date, excerpt)| MtPing {
            title,
            url,
            ip,
            blog_name,
            date,
            excerpt,
        })
}

fn extra_key() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[A-Z][A-Z0-9_]{0,12}")
        .unwrap()
        .prop_filter("not a known key", |k| {
            ![
                "AUTHOR", "TITLE", "BASENAME", "STATUS", "DATE", "TAGS", "CATEGORY",
            ]
            .contains(&k.as_str())
        })
}

fn entry() -> impl Strategy<Value = MtEntry> {
    let names = (
        option::of(single()),
        option::of(single()),
        option::of(single()),
    );
    let meta = (
        option::of(proptest::sample::select(EntryStatus::ALL.to_vec())),
        option::of(any::<bool>()),
        option::of(any::<bool>()),
        option::of(prop_oneof![
            Just("0".to_owned()),
            Just("markdown".to_owned()),
            single()
        ]),
        option::of(single()),
        vec(single(), 0..4),
        option::of(date()),
        vec(single(), 0..5),
        vec((extra_key(), single()), 0..3),
        any::<bool>(),
    );
    let content = (
        multi(),
        multi(),
        multi(),
        multi(),
        vec(comment(), 0..3),
        vec(ping(), 0..2),
    );
    (names, meta, content).prop_map(
        |(
            (author, title, basename),
            (
                status,
                allow_comments,
                allow_pings,
                convert_breaks,
                primary,
                cats,
                date,
                tags,
                extra,
                no_entry,
            ),
            (body, extended_body, excerpt, keywords, comments, pings),
        )| MtEntry {
            line: 0,
            author,
            title,
            basename,
            status,
            allow_comments,
            allow_pings,
            convert_breaks,
            primary_category: primary,
            categories: cats,
            date,
            tags,
            extra,
            no_entry,
            body,
            extended_body,
            excerpt,
            keywords,
            comments,
            pings,
        },
    )
}

/// Lines of an MT-looking file, well-formed or not.
fn mt_ish_line() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => tricky_line(),
        2 => Just("--------".to_owned()),
        2 => Just("-----".to_owned()),
        1 => Just("EXTENDED BODY:".to_owned()),
        1 => Just("EXCERPT:".to_owned()),
        1 => Just("KEYWORDS:".to_owned()),
        1 => Just("PING:".to_owned()),
        1 => Just("TITLE: タイトル ".to_owned()),
        1 => Just("DATE: 01/31/2002 03:31:05 PM".to_owned()),
        1 => Just("DATE: 2017-03-18T18:22:52+09:00".to_owned()),
        1 => Just("DATE: 1/2/05 1:02:03".to_owned()),
        1 => Just(r#"TAGS: "a b",c,'d "e"',"unclosed"#.to_owned()),
        1 => Just("CATEGORY: 日記".to_owned()),
        1 => Just("PRIMARY CATEGORY: 雑記".to_owned()),
        1 => Just("STATUS: bogus".to_owned()),
        1 => Just("ALLOW COMMENTS: x".to_owned()),
        1 => Just("ALLOW PINGS: 2".to_owned()),
        1 => Just("IMAGE: http://img/".to_owned()),
        1 => Just("NO ENTRY: 1".to_owned()),
        1 => Just("START BODY:".to_owned()),
        1 => Just("EMAIL: a@b".to_owned()),
        1 => Just("BLOG NAME: blog".to_owned()),
        1 => Just("IP: 1.2.3.4".to_owned()),
        1 => Just(":".to_owned()),
        1 => Just("no colon here".to_owned()),
        1 => Just("x: <a href='<a href=\"y\">'>z</a>".to_owned()),
        1 => any::<String>(),
    ]
}

fn mt_ish_file() -> impl Strategy<Value = String> {
    (vec(mt_ish_line(), 0..60), any::<bool>())
        .prop_map(|(lines, crlf)| lines.join(if crlf { "\r\n" } else { "\n" }))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn written_entries_read_back(entries in vec(entry(), 1..4)) {
        let written = mt::write(&entries);
        let f = parse(&written);
        prop_assert!(f.problems.is_empty(), "{:#?}\n{}", f.problems, written);
        let got: Vec<MtEntry> = f.entries.iter().map(comparable).collect();
        let want: Vec<MtEntry> = entries.iter().map(expected_after_round_trip).collect();
        prop_assert_eq!(got, want, "{}", written);
        let rewritten = mt::write(&f.entries);
        prop_assert_eq!(mt::write(&parse(&rewritten).entries), rewritten);
    }

    #[test]
    fn parsed_entries_are_written_stably(file in mt_ish_file()) {
        let f = parse(&file);
        for e in &f.entries {
            let once = mt::write(std::slice::from_ref(e));
            let again = parse(&once);
            prop_assert!(again.problems.is_empty(), "{:#?}\n{}", again.problems, once);
            prop_assert_eq!(again.entries.len(), 1);
            prop_assert_eq!(mt::write(&again.entries), once);
        }
    }

    #[test]
    fn parse_never_panics_on_bytes(bytes in vec(any::<u8>(), 0..400)) {
        let f = mt::parse(&bytes, &ParseOptions::default());
        for p in &f.problems {
            prop_assert!(p.line >= 1);
        }
    }

    #[test]
    fn parse_never_panics_on_mt_ish_text(file in mt_ish_file()) {
        let f = parse(&file);
        let lines = file.split(['\n']).count().max(1) + file.matches('\r').count();
        for p in &f.problems {
            prop_assert!(p.line >= 1 && p.line <= lines, "{p:?}");
            prop_assert!(p.entry_index.is_some_and(|i| i < f.entries.len()));
        }
        for e in &f.entries {
            prop_assert!(e.line >= 1 && e.line <= lines);
        }
        let _ = mt::write(&f.entries);
    }
}
