//! Messages for people, made by code that does not know who will read them: a message
//! catalog id and its arguments in one string, so that a validation result or an error can
//! travel as text (`FieldProblem`, `Error::Invalid`) and still be shown by each edge in its
//! reader's language (`render::i18n::Catalog::say`): the admin in the user's, the CLI and
//! the logs in English.

use std::fmt::Display;

/// Starts each argument, and separates its name from its value. Both are control
/// characters that no argument value keeps (they are taken out of values).
const ARGUMENT: char = '\u{1f}';
const VALUE: char = '\u{1e}';

/// The message `id` of the catalogs with named arguments (`{ $name }` in the `.ftl` files).
pub fn message(id: &'static str, args: &[(&str, &dyn Display)]) -> String {
    let mut text = id.to_owned();
    for (name, value) in args {
        text.push(ARGUMENT);
        text.push_str(name);
        text.push(VALUE);
        text.extend(
            value
                .to_string()
                .chars()
                .filter(|c| *c != ARGUMENT && *c != VALUE),
        );
    }
    text
}

/// A message's id and arguments; any other text is its own id with no arguments.
pub fn parts(text: &str) -> (&str, Vec<(&str, &str)>) {
    let mut pieces = text.split(ARGUMENT);
    let id = pieces.next().unwrap_or_default();
    let args = pieces
        .map(|arg| arg.split_once(VALUE).unwrap_or((arg, "")))
        .collect();
    (id, args)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_carries_its_arguments_and_plain_text_stays_itself() {
        let m = message("basename-too-long", &[("basename", &"a b"), ("max", &200)]);
        assert_eq!(
            parts(&m),
            (
                "basename-too-long",
                vec![("basename", "a b"), ("max", "200")]
            )
        );
        assert_eq!(parts("no such blog"), ("no such blog", vec![]));
    }

    #[test]
    fn separators_in_values_are_dropped() {
        let m = message("no-such-blog", &[("slug", &"a\u{1f}b\u{1e}c")]);
        assert_eq!(parts(&m), ("no-such-blog", vec![("slug", "abc")]));
    }
}
