//! The real files under shared/corpus/mt, read from disk byte for byte (a missing file fails).

use tsuzuri_core::EntryStatus;
use tsuzuri_formats::mt::{self, MtEntry, ParseOptions};

use crate::common::{comparable, dt, expected_after_round_trip};

fn read(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/../../../shared/corpus/mt/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("corpus file {path}: {e}"))
}

fn assert_round_trip(entries: &[MtEntry]) {
    let written = mt::write(entries);
    let again = mt::parse(written.as_bytes(), &ParseOptions::default());
    assert!(again.problems.is_empty(), "{:#?}", again.problems);
    let a: Vec<MtEntry> = entries.iter().map(expected_after_round_trip).collect();
    let b: Vec<MtEntry> = again.entries.iter().map(comparable).collect();
    assert_eq!(a, b);
    assert_eq!(mt::write(&again.entries), written);
}

#[test]
fn aereal_mt_ok_ja() {
    let f = mt::parse(&read("aereal-mt-ok-ja.txt"), &ParseOptions::default());
    assert_eq!(f.encoding, "UTF-8");
    assert!(f.problems.is_empty(), "{:#?}", f.problems);
    assert_eq!(f.entries.len(), 2);

    let [a, b] = [&f.entries[0], &f.entries[1]];
    assert_eq!((a.line, b.line), (1, 36));
    assert_eq!(a.title.as_deref(), Some("A dummy title"));
    assert_eq!(
        b.title.as_deref(),
        Some("2件目の記事"),
        "trailing space trimmed"
    );
    for e in [a, b] {
        assert_eq!(e.author.as_deref(), Some("Foo Bar"));
        assert_eq!(
            e.basename.as_deref(),
            Some("filename"),
            "duplicate basenames are kept"
        );
        assert_eq!(e.status, Some(EntryStatus::Publish));
        assert_eq!((e.allow_comments, e.allow_pings), (Some(true), Some(true)));
        assert_eq!(e.convert_breaks.as_deref(), Some("richtext"));
        assert_eq!(e.primary_category.as_deref(), Some("News"));
        assert_eq!(e.categories, ["News", "Product"]);
        assert_eq!(e.date.as_ref().unwrap().local, dt(2007, 8, 8, 15, 0, 0));
        assert_eq!(e.date.as_ref().unwrap().raw, "08/08/2007 03:00:00 PM");
        assert_eq!(e.tags, ["Movable Type", "foo", "bar"]);
    }
    assert!(a.extra.is_empty());
    assert_eq!(
        b.extra,
        [("CF50_BASENAME".to_owned(), "textdata".to_owned())]
    );

    assert_eq!(a.body, "これは本文です。");
    assert_eq!(a.extended_body, "ここに追記の本文が表示されます。");
    assert_eq!(a.excerpt, "");
    assert_eq!(a.comments.len(), 2);
    let c0 = &a.comments[0];
    assert_eq!(c0.author, "Foo");
    assert_eq!(
        c0.date.as_ref().unwrap().local,
        dt(2002, 1, 31, 15, 47, 6),
        "24-hour comment date"
    );
    assert_eq!(c0.body, "ここに\nこのコメントの本文が来ます。");
    let c1 = &a.comments[1];
    assert_eq!(
        (c1.author.as_str(), c1.ip.as_str(), c1.email.as_str()),
        ("Bar", "205.66.1.32", "me@bar.com")
    );
    assert_eq!(c1.date.as_ref().unwrap().local, dt(2002, 2, 1, 4, 2, 7));
    assert_eq!(c1.body.lines().count(), 3);

    assert_eq!(
        b.body,
        "これは2番目の記事の本文です。 これは\n複数行から成ります。"
    );
    assert!(b.excerpt.starts_with("この記事は追記がありませんが、\n"));
    assert_eq!(b.comments.len(), 1);
    assert_eq!(b.comments[0].author, "Quux");
    assert_eq!(b.comments[0].url, "http://www.quux.com/", "href extracted");
    assert_eq!(
        b.comments[0].date.as_ref().unwrap().local,
        dt(2002, 1, 31, 16, 23, 1)
    );
    assert!(b.pings.is_empty());

    assert_round_trip(&f.entries);
}

#[test]
fn mtif_crate_example() {
    let bytes = read("mtif-crate-example.txt");
    assert!(!bytes.ends_with(b"\n"), "the file has no final newline");
    let f = mt::parse(&bytes, &ParseOptions::default());
    assert!(f.problems.is_empty(), "{:#?}", f.problems);
    assert_eq!(f.entries.len(), 2);
    let [a, b] = [&f.entries[0], &f.entries[1]];
    assert_eq!(a.title.as_deref(), Some("A dummy title"));
    assert_eq!(a.basename.as_deref(), Some("a-dummy-title"));
    assert_eq!(a.primary_category.as_deref(), Some("Media"));
    assert_eq!(a.categories, ["Media", "News"]);
    assert_eq!(a.date.as_ref().unwrap().local, dt(2002, 1, 31, 15, 31, 5));
    assert_eq!(a.status, None);
    assert_eq!(a.convert_breaks, None);
    assert_eq!(
        a.body,
        "This is the body.\n\nAnother paragraph here.\n\nAnother paragraph here."
    );
    assert_eq!(
        a.extended_body,
        "Here is some more text.\n\nAnother paragraph here.\n\nAnother paragraph here."
    );
    assert_eq!(a.comments.len(), 2);
    assert_eq!(
        a.comments[1].body,
        "This is the body of\nanother comment. It goes\nup to here."
    );
    assert_eq!(a.pings.len(), 1);
    assert_eq!(a.pings[0].blog_name, "My Weblog");

    assert_eq!(b.title.as_deref(), Some("Here is a new entry"));
    assert_eq!(
        b.date.as_ref().unwrap().local,
        dt(2002, 1, 31, 3, 31, 5),
        "24-hour without AM/PM"
    );
    assert_eq!(b.categories, ["Politics"]);
    assert_eq!(b.extended_body, "");
    assert!(b.excerpt.ends_with("It is special."));
    assert_eq!(b.comments[0].url, "http://www.quux.com/");

    assert_round_trip(&f.entries);
}
