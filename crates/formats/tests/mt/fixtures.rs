//! The conformance fixtures of the spec digest (§12, numbered as there), and the
//! error/warning rules with their line numbers.

use tsuzuri_core::EntryStatus;
use tsuzuri_formats::mt::{self, MtEntry, Severity};

use crate::common::{comparable, dt, errors, expected_after_round_trip, one, parse, warnings};

fn entry_with(meta: &str, body: &str) -> String {
    format!("{meta}\n-----\nBODY:\n{body}\n-----\n--------\n")
}

const OFFICIAL: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/corpus/mt/mtif-crate-example.txt"
));

#[test]
fn f01_official_example_round_trips() {
    let first = parse(OFFICIAL);
    assert!(first.problems.is_empty(), "{:#?}", first.problems);
    assert_eq!(first.entries.len(), 2);
    let e = &first.entries[0];
    assert_eq!(e.comments.len(), 2);
    assert_eq!(
        e.comments[0].date.as_ref().unwrap().local,
        dt(2002, 1, 31, 15, 47, 6)
    );
    assert_eq!(
        e.comments[1].date.as_ref().unwrap().local,
        dt(2002, 2, 1, 4, 2, 7)
    );
    assert_eq!(e.pings.len(), 1);

    let written = mt::write(&first.entries);
    let second = parse(&written);
    assert!(second.problems.is_empty(), "{:#?}", second.problems);
    let a: Vec<MtEntry> = first
        .entries
        .iter()
        .map(expected_after_round_trip)
        .collect();
    let b: Vec<MtEntry> = second.entries.iter().map(comparable).collect();
    assert_eq!(a, b);
    assert_eq!(mt::write(&second.entries), written);
}

#[test]
fn f02_title_keeps_later_colons() {
    let e = one(&entry_with("TITLE: a: b: c", "x"));
    assert_eq!(e.title.as_deref(), Some("a: b: c"));
}

#[test]
fn f03_twelve_hour_clock() {
    for (raw, hour) in [
        ("12:00:00 AM", 0),
        ("12:00:00 PM", 12),
        ("03:00:00 pm", 15),
        ("03:00:00 Am", 3),
    ] {
        let e = one(&entry_with(&format!("DATE: 01/31/2002 {raw}"), "x"));
        assert_eq!(e.date.unwrap().local, dt(2002, 1, 31, hour, 0, 0), "{raw}");
    }
}

#[test]
fn f04_hatena_and_iso_dates() {
    let f = parse(&entry_with("DATE: 03/18/2017 18:22:52", "x"));
    assert!(f.problems.is_empty());
    assert_eq!(
        f.entries[0].date.as_ref().unwrap().local,
        dt(2017, 3, 18, 18, 22, 52)
    );

    let f = parse(&entry_with(
        "TITLE: t\nDATE: 2017-03-18T18:22:52+09:00",
        "x",
    ));
    let d = f.entries[0].date.as_ref().unwrap();
    assert_eq!(d.local, dt(2017, 3, 18, 18, 22, 52));
    assert_eq!(d.offset, Some(jiff::tz::Offset::from_hours(9).unwrap()));
    assert_eq!(d.raw, "2017-03-18T18:22:52+09:00");
    let w = warnings(&f);
    assert_eq!(w.len(), 1);
    assert_eq!(w[0].line, 2);
    assert!(
        w[0].message
            .starts_with("DATE \"2017-03-18T18:22:52+09:00\""),
        "{}",
        w[0].message
    );
    assert!(f.invalid_entries().is_empty());
}

#[test]
fn f05_two_digit_year_pivots() {
    let f = parse(&entry_with("DATE: 1/2/05 1:02:03", "x"));
    assert_eq!(
        f.entries[0].date.as_ref().unwrap().local,
        dt(2005, 1, 2, 1, 2, 3)
    );
    assert_eq!(warnings(&f).len(), 1);
    assert!(warnings(&f)[0].message.contains("2005"));
    let f = parse(&entry_with("DATE: 1/2/99 1:02:03", "x"));
    assert_eq!(f.entries[0].date.as_ref().unwrap().local.year(), 1999);
}

#[test]
fn f06_separator_in_body() {
    let raw = "TITLE: t\n-----\nBODY:\nbefore\n-----\nafter\n-----\n--------\n";
    let f = parse(raw);
    assert_eq!(f.entries[0].body, "before");
    let w = warnings(&f);
    assert_eq!(w.len(), 1);
    assert_eq!(w[0].line, 6);
    assert!(
        w[0].message.contains("unknown section \"after\""),
        "{}",
        w[0].message
    );

    let escaped = "TITLE: t\n-----\nBODY:\nbefore\n-----\t\n--------\t\nafter\n-----\n--------\n";
    let e = one(escaped);
    assert_eq!(e.body, "before\n-----\n--------\nafter");
    assert!(
        mt::write(std::slice::from_ref(&e))
            .contains("BODY:\nbefore\n-----\t\n--------\t\nafter\n-----\n")
    );
}

#[test]
fn f07_metadata_like_body_line_is_kept() {
    let e = one(&entry_with("TITLE: t", "DATE: tomorrow\nURL: x"));
    assert_eq!(e.body, "DATE: tomorrow\nURL: x");
    assert_eq!(e.date, None);
}

#[test]
fn f08_blank_lines_and_indentation() {
    let body = "  indented first\n\n\n\tcode\n    more\n\n last";
    let e = one(&entry_with("TITLE: t", &format!("\n\n{body}\n\n  ")));
    assert_eq!(e.body, body);
}

#[test]
fn f09_metadata_only_record_is_an_error() {
    let f = parse(
        "TITLE: ok\n-----\nBODY:\nx\n-----\n--------\nTITLE: lonely\nDATE: 01/01/2020 10:00:00\n--------\n",
    );
    assert_eq!(f.entries.len(), 2);
    assert_eq!(f.entries[1].title.as_deref(), Some("lonely"));
    assert_eq!(f.invalid_entries().into_iter().collect::<Vec<_>>(), vec![1]);
    let e = errors(&f);
    assert_eq!(e.len(), 1);
    assert_eq!((e[0].line, e[0].entry_index), (7, Some(1)));
    assert!(e[0].message.starts_with("entry has no BODY section"));
}

#[test]
fn f10_missing_final_separator() {
    let f =
        parse("TITLE: a\n-----\nBODY:\none\n-----\n--------\nTITLE: b\n-----\nBODY:\ntwo\n-----");
    assert!(f.problems.is_empty());
    let titles: Vec<_> = f
        .entries
        .iter()
        .map(|e| e.title.as_deref().unwrap())
        .collect();
    assert_eq!(titles, ["a", "b"]);
    assert_eq!(f.entries[1].body, "two");
    assert_eq!(f.entries[1].line, 7);
}

#[test]
fn f11_crlf() {
    let lf = "TITLE: t\nDATE: 01/31/2002 03:31:05 PM\n-----\nBODY:\na\n\nb\n-----\nCOMMENT:\nAUTHOR: x\nhi\n-----\n--------\n";
    let crlf = lf.replace('\n', "\r\n");
    let cr = lf.replace('\n', "\r");
    let a = parse(lf);
    assert_eq!(parse(&crlf), a);
    assert_eq!(parse(&cr), a);
    assert_eq!(a.entries[0].body, "a\n\nb");
    assert_eq!(a.entries[0].comments[0].body, "hi");
}

// f12 (encodings) lives in encodings.rs.

#[test]
fn f13_tags() {
    let e = one(&entry_with(
        r#"TAGS: "Movable Type",foo,"a,b",@private"#,
        "x",
    ));
    assert_eq!(e.tags, ["Movable Type", "foo", "a,b", "@private"]);
    assert!(mt::write(&[e]).contains("TAGS: \"Movable Type\",foo,\"a,b\",@private\n"));
}

#[test]
fn f14_statuses() {
    for (raw, status) in [
        ("Review", EntryStatus::Review),
        ("Unpublish", EntryStatus::Unpublish),
        ("publish", EntryStatus::Publish),
        ("Junk", EntryStatus::Spam),
    ] {
        assert_eq!(
            one(&entry_with(&format!("STATUS: {raw}"), "x")).status,
            Some(status)
        );
    }
    let f = parse(&entry_with("TITLE: t\nSTATUS: bogus", "x"));
    assert_eq!(f.entries[0].status, Some(EntryStatus::Draft));
    let w = warnings(&f);
    assert_eq!((w.len(), w[0].line), (1, 2));
    assert!(w[0].message.contains("\"bogus\""));
    assert!(f.invalid_entries().is_empty());
}

#[test]
fn f15_allow_comments_two_is_closed() {
    let f = parse(&entry_with("ALLOW COMMENTS: 2\nALLOW PINGS: 1", "x"));
    assert!(f.problems.is_empty());
    assert_eq!(f.entries[0].allow_comments, Some(false));
    assert_eq!(f.entries[0].allow_pings, Some(true));
    let e = one(&entry_with("ALLOW COMMENTS:\nALLOW PINGS: 0", "x"));
    assert_eq!(
        (e.allow_comments, e.allow_pings),
        (Some(false), Some(false))
    );
    assert_eq!(one(&entry_with("TITLE: t", "x")).allow_comments, None);
}

#[test]
fn f16_convert_breaks_kept_verbatim() {
    for key in [
        "markdown_with_smartypants",
        "__default__",
        "richtext",
        "textile_2,markdown",
        "0",
    ] {
        let f = parse(&entry_with(&format!("CONVERT BREAKS: {key}"), "x"));
        assert!(f.problems.is_empty(), "{key}");
        assert_eq!(f.entries[0].convert_breaks.as_deref(), Some(key));
    }
}

#[test]
fn f17_comment_url_href() {
    let raw = "TITLE: t\n-----\nBODY:\nx\n-----\nCOMMENT:\nAUTHOR: a\nURL: <a href=\"http://x/\">http://x/</a>\nbody\n-----\n--------\n";
    let e = one(raw);
    assert_eq!(e.comments[0].url, "http://x/");
    assert_eq!(e.comments[0].body, "body");
}

#[test]
fn f18_no_entry() {
    let raw = "NO ENTRY: 1\nDATE: 01/31/2002 03:31:05 PM\n-----\nCOMMENT:\nAUTHOR: late\nhello\n-----\n--------\n";
    let e = one(raw);
    assert!(e.no_entry);
    assert_eq!(e.date.as_ref().unwrap().local, dt(2002, 1, 31, 15, 31, 5));
    assert_eq!(e.comments.len(), 1);
    assert!(mt::write(std::slice::from_ref(&e)).contains("NO ENTRY: 1\n"));
}

#[test]
fn f19_hatena_sample() {
    let raw = "AUTHOR: mosuke5
TITLE: 万能じゃない。オブジェクトストレージの仕組みと利用を正しく理解する
BASENAME: 2017/03/18/182252
STATUS: Publish
ALLOW COMMENTS: 1
CONVERT BREAKS: 0
DATE: 03/18/2017 18:22:52
CATEGORY: オブジェクトストレージ
CATEGORY: ObjectStorage
IMAGE: https://cdn-ak.f.st-hatena.com/images/fotolife/m/mosuke5/20170318/20170318164020.jpg
-----
BODY:
<h2>1.はじめに</h2>
<p><a class=\"keyword\" href=\"http://d.hatena.ne.jp/keyword/Amazon%20S3\">Amazon S3</a>をはじめとして…</p>
-----
--------
";
    let f = parse(raw);
    assert!(f.problems.is_empty(), "{:#?}", f.problems);
    let e = &f.entries[0];
    assert_eq!(e.basename.as_deref(), Some("2017/03/18/182252"));
    assert_eq!(e.categories, ["オブジェクトストレージ", "ObjectStorage"]);
    assert_eq!(e.primary_category, None);
    assert_eq!(
        e.extra,
        [(
            "IMAGE".to_owned(),
            "https://cdn-ak.f.st-hatena.com/images/fotolife/m/mosuke5/20170318/20170318164020.jpg"
                .to_owned()
        )]
    );
    assert_eq!(e.status, Some(EntryStatus::Publish));
    assert_eq!(e.convert_breaks.as_deref(), Some("0"));
    assert_eq!(e.allow_pings, None);
    assert_eq!(e.date.as_ref().unwrap().local, dt(2017, 3, 18, 18, 22, 52));
    assert!(e.body.starts_with("<h2>1.はじめに</h2>\n<p><a class="));
    assert!(mt::write(&f.entries).contains("\nIMAGE: https://cdn-ak.f.st-hatena.com/"));
}

#[test]
fn f20_ping_fields() {
    let e = &parse(OFFICIAL).entries[0];
    let p = &e.pings[0];
    assert_eq!(p.title, "My Entry");
    assert_eq!(p.url, "http://www.foo.com/old/2002/08/");
    assert_eq!(p.ip, "206.22.1.53");
    assert_eq!(p.blog_name, "My Weblog");
    assert_eq!(p.date.as_ref().unwrap().local, dt(2002, 8, 5, 16, 9, 12));
    assert_eq!(p.excerpt, "This is the start of my\nentry, and here it...");
    assert_eq!(e.comments.len(), 2, "a ping is not a comment");
}

#[test]
fn bad_entry_date_is_an_error_on_its_line() {
    let f = parse(
        "TITLE: ok\n-----\nBODY:\nx\n-----\n--------\n\nTITLE: t\nDATE: tomorrow\n-----\nBODY:\nx\n-----\n--------\n",
    );
    let e = errors(&f);
    assert_eq!(e.len(), 1);
    assert_eq!((e[0].line, e[0].entry_index), (9, Some(1)));
    assert_eq!(
        e[0].message,
        "DATE \"tomorrow\" is not a date (expected MM/DD/YYYY hh:mm:ss AM|PM)"
    );
    assert_eq!(f.entries[1].line, 8);
    assert_eq!(f.entries[1].date, None);
    assert_eq!(f.invalid_entries().into_iter().collect::<Vec<_>>(), vec![1]);

    let f = parse(&entry_with("DATE: 02/30/2002 10:00:00", "x"));
    assert!(errors(&f)[0].message.contains("is not a valid date"));
}

#[test]
fn bad_comment_date_keeps_the_comment() {
    let raw = "TITLE: t\n-----\nBODY:\nx\n-----\nCOMMENT:\nAUTHOR: a\nDATE: someday\nhello\n-----\nPING:\nTITLE: p\nDATE: 99/99/9999 99:99:99\nex\n-----\n--------\n";
    let f = parse(raw);
    let c = &f.entries[0].comments[0];
    assert_eq!(
        (c.author.as_str(), c.date.is_none(), c.body.as_str()),
        ("a", true, "hello")
    );
    let e = errors(&f);
    assert_eq!(e.len(), 2);
    assert_eq!(e[0].line, 8);
    assert!(
        e[0].message
            .starts_with("comment DATE \"someday\" is not a date"),
        "{}",
        e[0].message
    );
    assert_eq!(e[1].line, 13);
    assert!(e[1].message.starts_with("ping DATE"), "{}", e[1].message);
    assert_eq!(f.entries[0].pings[0].excerpt, "ex");
}

#[test]
fn allow_flags_must_be_integers() {
    let f = parse(&entry_with(
        "TITLE: t\nALLOW COMMENTS: yes\nALLOW PINGS: 7",
        "x",
    ));
    let e = errors(&f);
    assert_eq!((e.len(), e[0].line), (1, 2));
    assert_eq!(
        e[0].message,
        "ALLOW COMMENTS \"yes\" is not an integer (expected 0 or 1)"
    );
    let w = warnings(&f);
    assert_eq!((w.len(), w[0].line), (1, 3));
    assert_eq!(f.entries[0].allow_comments, None);
    assert_eq!(f.entries[0].allow_pings, Some(false));
}

#[test]
fn metadata_line_without_colon_is_an_error() {
    let f = parse(
        "TITLE: t\nthis is body text\nDATE: 01/01/2020 10:00:00\n-----\nBODY:\nx\n-----\n--------\n",
    );
    let e = errors(&f);
    assert_eq!((e.len(), e[0].line, e[0].severity), (1, 2, Severity::Error));
    assert!(e[0].message.contains("\"this is body text\""));
    assert_eq!(
        f.entries[0].date.as_ref().unwrap().local,
        dt(2020, 1, 1, 10, 0, 0)
    );
}

#[test]
fn colonless_metadata_lines_are_reported_once() {
    let f = parse("TITLE: t\nfirst stray\nsecond stray\nthird stray\n--------\n");
    let e = errors(&f);
    assert_eq!(e.len(), 2, "{e:#?}");
    assert_eq!(e[0].line, 2);
    assert_eq!(
        e[0].message,
        "metadata line \"first stray\" is not \"KEY: value\" (and 2 more such lines); a body needs a \"-----\" line and a BODY: header before it"
    );
    assert!(e[1].message.starts_with("entry has no BODY section"));
}

#[test]
fn headerless_first_section_is_the_body() {
    // What Blogger-to-MT converters write.
    let f = parse(
        "TITLE: from blogger\nDATE: 2010-05-01T12:34:56+09:00\n-----\n<p>Hello</p>\n\n<p>World</p>\n--------\n",
    );
    assert!(f.invalid_entries().is_empty(), "{:#?}", f.problems);
    assert_eq!(f.entries[0].body, "<p>Hello</p>\n\n<p>World</p>");
    let w = warnings(&f);
    assert_eq!(w.len(), 2);
    assert!(
        w.iter()
            .any(|p| p.line == 4 && p.message.contains("no BODY: header"))
    );
}

#[test]
fn unknown_sections_are_ignored_with_a_warning() {
    let f = parse("TITLE: t\n-----\nBODY:\nx\n-----\nPLUGIN DATA:\nsecret\n-----\n--------\n");
    assert_eq!(f.entries[0].body, "x");
    let w = warnings(&f);
    assert_eq!((w.len(), w[0].line), (1, 6));
    assert_eq!(w[0].message, "unknown section \"PLUGIN DATA:\" is ignored");
}

#[test]
fn categories_primary_and_extras() {
    let e = one(&entry_with(
        "CATEGORY: A\nCATEGORY: B\nPRIMARY CATEGORY: B\nCATEGORY: A\nCF50_BASENAME: x\nImage: y\nlower key: z",
        "x",
    ));
    assert_eq!(e.categories, ["A", "B"]);
    assert_eq!(e.primary_category.as_deref(), Some("B"));
    let extra: Vec<(&str, &str)> = e
        .extra
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(
        extra,
        [("CF50_BASENAME", "x"), ("Image", "y"), ("lower key", "z")]
    );
    let e = one(&entry_with("PRIMARY CATEGORY: Media\nCATEGORY: News", "x"));
    assert_eq!(e.categories, ["Media", "News"]);
}

#[test]
fn leading_empty_records_and_start_body() {
    let f =
        parse("--------\n\n--------\nTITLE: old\nSTART BODY:\nlegacy body\n\nline two\n--------\n");
    assert!(f.problems.is_empty(), "{:#?}", f.problems);
    assert_eq!(f.entries.len(), 1);
    assert_eq!(f.entries[0].line, 4);
    assert_eq!(f.entries[0].body, "legacy body\n\nline two");
}

#[test]
fn comment_headers_stop_at_a_repeated_key_or_blank_line() {
    let raw = "TITLE: t\n-----\nBODY:\nx\n-----\nCOMMENT:\nAUTHOR: a\nEMAIL: e\nIP: i\nURL: u\nDATE:\nDATE: tomorrow\nbody\n-----\nCOMMENT:\nAUTHOR: b\n\nEMAIL: in body\n-----\n--------\n";
    let e = one(raw);
    let c = &e.comments[0];
    assert_eq!(
        (
            c.author.as_str(),
            c.email.as_str(),
            c.ip.as_str(),
            c.url.as_str()
        ),
        ("a", "e", "i", "u")
    );
    assert_eq!(c.date, None);
    assert_eq!(c.body, "DATE: tomorrow\nbody");
    assert_eq!(e.comments[1].body, "EMAIL: in body");
    assert_eq!(e.comments[1].email, "");
}

#[test]
fn writer_layout() {
    let e = MtEntry {
        author: Some("me".into()),
        title: Some("Title\nwith newline".into()),
        status: Some(EntryStatus::Publish),
        primary_category: Some("P".into()),
        categories: vec!["C".into()],
        date: Some(mt::MtDate {
            local: dt(2024, 2, 3, 4, 5, 6),
            offset: Some(jiff::tz::Offset::from_hours(9).unwrap()),
            raw: String::new(),
        }),
        tags: vec!["a b".into(), "c".into()],
        extra: vec![("IMAGE".into(), "http://i/".into())],
        body: "body".into(),
        comments: vec![mt::MtComment {
            author: "c".into(),
            body: "hi".into(),
            ..Default::default()
        }],
        pings: vec![mt::MtPing {
            title: "p".into(),
            excerpt: "ex".into(),
            ..Default::default()
        }],
        ..Default::default()
    };
    let expected = "AUTHOR: me
TITLE: Title with newline
STATUS: Publish
ALLOW COMMENTS: 0
CONVERT BREAKS: 1
ALLOW PINGS: 0
PRIMARY CATEGORY: P
CATEGORY: P
CATEGORY: C
DATE: 02/03/2024 04:05:06 AM
TAGS: \"a b\",c
IMAGE: http://i/
-----
BODY:
body
-----
EXTENDED BODY:

-----
EXCERPT:

-----
KEYWORDS:

-----
COMMENT:
AUTHOR: c
EMAIL: 
IP: 
URL: 
DATE: 
hi
-----
PING:
TITLE: p
URL: 
IP: 
BLOG NAME: 
DATE: 
ex
-----
--------
";
    assert_eq!(mt::write(&[e]), expected);
    assert_eq!(mt::write(&[]), "");
}

#[test]
fn undecodable_bytes_give_a_file_level_error() {
    let f = mt::parse(
        b"TITLE: \xff\xfe\xfd\n-----\n",
        &mt::ParseOptions::default(),
    );
    assert!(f.entries.is_empty());
    assert!(f.has_errors());
    assert!(f.invalid_entries().is_empty());
    assert_eq!((f.problems[0].line, f.problems[0].entry_index), (1, None));
    assert!(f.problems[0].message.contains("--encoding"));
}
