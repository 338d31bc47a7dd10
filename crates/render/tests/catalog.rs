//! The message catalogs are complete: both languages define the same ids, every id a
//! template or the code names exists, and plural forms follow each language.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use tsuzuri_core::Lang;
use tsuzuri_render::i18n::{Arg, CATALOG_FILES, catalog, catalog_ids, tr_with};

fn ids(lang: Lang) -> BTreeSet<String> {
    catalog_ids(lang, CATALOG_FILES).into_iter().collect()
}

#[test]
fn japanese_and_english_define_the_same_messages() {
    let (ja, en) = (ids(Lang::Ja), ids(Lang::En));
    let only_ja: Vec<_> = ja.difference(&en).collect();
    let only_en: Vec<_> = en.difference(&ja).collect();
    assert!(
        only_ja.is_empty() && only_en.is_empty(),
        "missing in English: {only_ja:?}; missing in Japanese: {only_en:?}"
    );
    assert!(ja.len() > 50, "the catalogs look empty: {} ids", ja.len());
}

#[test]
fn every_catalog_file_parses_without_errors() {
    for (name, ja, en) in CATALOG_FILES {
        for (lang, source) in [("ja", ja), ("en", en)] {
            if let Err((_, errors)) = fluent_syntax::parser::parse(*source) {
                panic!("{lang}/{name}.ftl: {errors:?}");
            }
        }
    }
    // And the bundles accept them (no id defined twice across files).
    let _ = catalog();
}

/// Every source file under the workspace's crates with one of `extensions`.
fn sources(extensions: &[&str]) -> Vec<PathBuf> {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut out = Vec::new();
    let mut stack = vec![crates];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                if !path.ends_with("target") {
                    stack.push(path);
                }
            } else if path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| extensions.contains(&e))
            {
                out.push(path);
            }
        }
    }
    out
}

/// The literal ids after each of `calls` (`tr("`) in `text`.
fn named_ids(text: &str, calls: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for call in calls {
        for quote in ['"', '\''] {
            let needle = format!("{call}({quote}");
            let mut rest = text;
            while let Some(at) = rest.find(&needle) {
                let after = &rest[at + needle.len()..];
                // Only a whole call: `str(` or `attr(` would end in `tr(` too.
                let before = rest[..at].chars().next_back();
                if let Some(end) = after.find(quote)
                    && !before.is_some_and(|c| c.is_alphanumeric() || c == '_')
                {
                    found.push(after[..end].to_owned());
                }
                rest = after;
            }
        }
    }
    found
}

#[test]
fn every_id_the_templates_and_the_code_name_exists_in_both_languages() {
    let mut missing = Vec::new();
    let mut seen = 0;
    let calls = [
        "tr",
        "tr_with",
        "say",
        "forbidden",
        "catalog_id",
        "msg",
        "message",
        "bad",
    ];
    for path in sources(&["html", "xml", "rs"]) {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        for id in named_ids(&text, &calls) {
            if id.contains(' ') || id.contains('{') || id.is_empty() {
                continue; // a sentence given to `say`, not an id
            }
            seen += 1;
            for lang in [Lang::Ja, Lang::En] {
                if !catalog().has(lang, &id) {
                    missing.push(format!("{} in {}: {id}", lang.as_str(), path.display()));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "ids missing from a catalog:\n{}",
        missing.join("\n")
    );
    assert!(seen > 50, "only {seen} ids found: is the scan broken?");
}

#[test]
fn plurals_follow_each_language() {
    let one = tr_with(
        Lang::En,
        "error-rate-limited",
        &[("seconds", Arg::Number(1))],
    );
    let many = tr_with(
        Lang::En,
        "error-rate-limited",
        &[("seconds", Arg::Number(30))],
    );
    assert_eq!(one, "Too many attempts; try again in one second.");
    assert_eq!(many, "Too many attempts; try again in 30 seconds.");
    let ja = tr_with(
        Lang::Ja,
        "error-rate-limited",
        &[("seconds", Arg::Number(30))],
    );
    assert!(ja.contains("30 秒後"), "{ja}");
}

#[test]
fn a_missing_id_is_reported_not_invented() {
    assert!(!catalog().has(Lang::Ja, "no-such-message"));
    assert_eq!(
        catalog().text(Lang::En, "no-such-message", &[]),
        "no-such-message"
    );
}

#[test]
fn a_message_with_arguments_is_said_in_each_language() {
    let m = tsuzuri_core::message::message("no-such-blog", &[("slug", &"nope")]);
    assert_eq!(
        catalog().say(Lang::Ja, &m),
        "「nope」という名前のブログはありません。"
    );
    assert_eq!(
        catalog().say(Lang::En, &m),
        "There is no blog named “nope”."
    );
    // Numbers select plural forms; text that is no message stays as it is.
    let m = tsuzuri_core::message::message("body-too-deep", &[("levels", &512)]);
    assert!(catalog().say(Lang::En, &m).contains("512 levels"));
    assert_eq!(catalog().say(Lang::Ja, "line 3: oops"), "line 3: oops");
}
