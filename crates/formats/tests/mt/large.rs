//! A large export (10,000 entries, 50,000 comments) parses in one piece; the time is printed
//! (run with `--release --nocapture` to see it) but not asserted.

use std::fmt::Write as _;
use std::time::Instant;

use tsuzuri_formats::mt::{self, ParseOptions};

fn big_file(entries: usize, comments_per_entry: usize) -> String {
    let mut s = String::with_capacity(entries * (600 + comments_per_entry * 150));
    for i in 0..entries {
        let month = i % 12 + 1;
        let day = i % 28 + 1;
        let _ = write!(
            s,
            "AUTHOR: 著者{a}\nTITLE: 記事 {i}: テスト\nBASENAME: 2020/{month:02}/{day:02}/{i:06}\nSTATUS: Publish\n\
             ALLOW COMMENTS: 1\nCONVERT BREAKS: 0\nALLOW PINGS: 0\nCATEGORY: 日記\nCATEGORY: cat{c}\n\
             DATE: {month:02}/{day:02}/2020 {h:02}:30:00 PM\nTAGS: \"tag {c}\",foo\n-----\nBODY:\n\
             <p>本文 {i} です。</p>\n\n<p>二段落目。</p>\n-----\nEXTENDED BODY:\n\n-----\nEXCERPT:\n\n-----\nKEYWORDS:\n\n-----\n",
            a = i % 7,
            c = i % 50,
            h = i % 12 + 1,
        );
        for j in 0..comments_per_entry {
            let _ = write!(
                s,
                "COMMENT:\nAUTHOR: 読者{j}\nEMAIL: r{j}@example.jp\nIP: 192.0.2.{j}\nURL: http://example.jp/{j}\n\
                 DATE: {month:02}/{day:02}/2020 {h:02}:{j:02}:00 AM\nコメント {i}-{j}\n二行目\n-----\n",
                h = i % 11 + 1,
            );
        }
        s.push_str("--------\n");
    }
    s
}

#[test]
fn ten_thousand_entries() {
    let text = big_file(10_000, 5);
    let started = Instant::now();
    let f = mt::parse(text.as_bytes(), &ParseOptions::default());
    let elapsed = started.elapsed();
    eprintln!(
        "parsed {} bytes, {} entries in {elapsed:?}",
        text.len(),
        f.entries.len()
    );
    assert!(
        f.problems.is_empty(),
        "{:?}",
        &f.problems[..f.problems.len().min(5)]
    );
    assert_eq!(f.entries.len(), 10_000);
    assert_eq!(
        f.entries.iter().map(|e| e.comments.len()).sum::<usize>(),
        50_000
    );
    assert_eq!(f.entries[9_999].title.as_deref(), Some("記事 9999: テスト"));
    assert_eq!(f.entries[9_999].comments[4].body, "コメント 9999-4\n二行目");

    let started = Instant::now();
    let written = mt::write(&f.entries);
    eprintln!("wrote {} bytes in {:?}", written.len(), started.elapsed());
    assert_eq!(written, text);
}
