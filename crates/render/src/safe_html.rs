//! `SafeHtml`: the one type whose contents templates print without escaping.
//!
//! Author HTML, Markdown output, comments and ping excerpts become HTML only through this
//! crate's sanitiser and escapers, which are the only code able to build a `SafeHtml`
//! (the field is private). Everything else a template prints is a plain string and gets
//! auto-escaped, so forgetting to escape is not a mistake a template can make.

use serde::{Serialize, Serializer};
use std::fmt;

/// HTML that is safe to print as is on a shared origin.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct SafeHtml(String);

impl SafeHtml {
    /// Crate-private: only the sanitiser and the escapers may vouch for a string.
    pub(crate) fn new_unchecked(html: String) -> SafeHtml {
        SafeHtml(html)
    }

    /// HTML that this crate produced earlier and the store kept.
    ///
    /// The web layer loads sanitised bodies and comments from the database through this.
    /// It must never be fed anything else (request parameters, imported files, API
    /// payloads): those go through [`crate::render_body`], [`crate::sanitize_html`] or
    /// [`crate::plain_text_html`].
    pub fn from_trusted_stored(html: String) -> SafeHtml {
        SafeHtml(html)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for SafeHtml {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for SafeHtml {
    /// Into a template value it becomes a *safe* string (printed without escaping); into
    /// anything else (JSON, a cache) it is a plain string.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if minijinja::value::serializing_for_value() {
            // minijinja round-trips its own `Value` through serde, keeping the safe marker.
            minijinja::Value::from_safe_string(self.0.clone()).serialize(serializer)
        } else {
            serializer.serialize_str(&self.0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use minijinja::value::Serde;

    #[test]
    fn becomes_a_safe_string_in_templates() {
        let html = SafeHtml::new_unchecked("<b>太字</b>".into());
        let v = minijinja::Value::from(Serde(&html));
        assert!(v.is_safe());
        let mut env = minijinja::Environment::new();
        env.add_template("t.html", "{{ h }}|{{ s }}")
            .expect("template");
        let out = env
            .get_template("t.html")
            .expect("get")
            .render(minijinja::context! { h => v, s => "<b>" })
            .expect("render");
        assert_eq!(out, "<b>太字</b>|&lt;b&gt;");
    }

    #[test]
    fn stays_safe_inside_nested_structs() {
        #[derive(Serialize)]
        struct Outer {
            body: SafeHtml,
            more: Option<SafeHtml>,
        }
        let o = Outer {
            body: SafeHtml::new_unchecked("<p>a</p>".into()),
            more: Some(SafeHtml::new_unchecked("<p>b</p>".into())),
        };
        let v = minijinja::Value::from(Serde(&o));
        assert!(v.get_attr("body").expect("body").is_safe());
        assert!(v.get_attr("more").expect("more").is_safe());
    }

    #[test]
    fn is_a_plain_string_in_json() {
        let html = SafeHtml::new_unchecked("<p>x</p>".into());
        assert_eq!(serde_json::to_string(&html).expect("json"), r#""<p>x</p>""#);
    }
}
