//! Outside HTML read in one linear pass of html5ever's tokenizer, without building a tree.
//! Building a tree costs time that grows with the square of the nesting depth (every new
//! element looks through the elements still open), so a stranger's page of 100,000 nested
//! `<div>`s could hold a core for minutes. What a ping needs (links, `<base>`, `<title>`,
//! `rel` links) comes from the tokens alone, and the depth is measured on the way so that
//! code which does need a tree (microformats, sanitising) can refuse a page past
//! [`MAX_NESTING`] first.

use html5ever::TokenizerResult;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer,
};
use std::cell::RefCell;

/// Deepest nesting of elements a tree is built for. Real pages stay far below it (a
/// WordPress page nests about 30 deep); past it, the cost of a tree, not the page, is the
/// point.
pub const MAX_NESTING: usize = 512;

/// An element with a `rel` and an `href`, in document order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelLink {
    /// `link` or `a`.
    pub element: &'static str,
    pub rel: String,
    pub href: String,
}

/// What one pass over a page found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scan {
    /// The first `<base href>`.
    pub base_href: Option<String>,
    /// Every `<a href>` and `<area href>`, in document order.
    pub links: Vec<String>,
    /// Every `<link>` and `<a>` with both `rel` and `href`, in document order.
    pub rel_links: Vec<RelLink>,
    /// The first `<title>`'s text, whitespace collapsed.
    pub title: String,
    /// The deepest nesting of elements seen, counted as a tree builder would open them
    /// (void elements and implied ends such as a new `<li>` or `<p>` included), up to
    /// `MAX_NESTING + 1`.
    pub depth: usize,
}

impl Scan {
    /// Whether the page nests deeper than a tree is built for.
    pub fn too_deep(&self) -> bool {
        self.depth > MAX_NESTING
    }
}

/// Elements that never have content.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "frame",
];
/// Elements a following sibling of the same kind closes (`<li>a<li>b`).
const SELF_CLOSING_SIBLINGS: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "rb", "rt", "rp", "thead",
    "tbody", "tfoot",
];
/// Elements whose content the tokenizer must read as text, as a tree builder tells it to.
fn raw_kind(name: &str) -> Option<RawKind> {
    match name {
        "script" => Some(RawKind::ScriptData),
        "style" | "xmp" | "iframe" | "noembed" | "noframes" => Some(RawKind::Rawtext),
        "textarea" | "title" => Some(RawKind::Rcdata),
        _ => None,
    }
}

#[derive(Default)]
struct State {
    scan: Scan,
    /// Names of the open elements, innermost last; never longer than `MAX_NESTING + 1`.
    open: Vec<String>,
    in_title: bool,
    title_done: bool,
}

struct Sink(RefCell<State>);

fn attr(tag: &Tag, name: &str) -> Option<String> {
    tag.attrs
        .iter()
        .find(|a| a.name.ns.is_empty() && &*a.name.local == name)
        .map(|a| a.value.to_string())
}

impl State {
    fn start(&mut self, tag: &Tag) -> TokenSinkResult<()> {
        let name: &str = &tag.name;
        match name {
            "a" | "area" => {
                if let Some(href) = attr(tag, "href") {
                    self.scan.links.push(href);
                }
            }
            "base" if self.scan.base_href.is_none() => {
                self.scan.base_href = attr(tag, "href");
            }
            _ => {}
        }
        if (name == "a" || name == "link")
            && let (Some(rel), Some(href)) = (attr(tag, "rel"), attr(tag, "href"))
        {
            self.scan.rel_links.push(RelLink {
                element: if name == "a" { "a" } else { "link" },
                rel,
                href,
            });
        }
        if !VOID.contains(&name) && !tag.self_closing {
            if SELF_CLOSING_SIBLINGS.contains(&name)
                && self.open.last().is_some_and(|top| top == name)
            {
                self.open.pop();
            }
            if self.open.len() <= MAX_NESTING {
                self.open.push(name.to_owned());
            }
            self.scan.depth = self.scan.depth.max(self.open.len());
        }
        if name == "title" && !self.title_done {
            self.in_title = true;
        }
        match raw_kind(name) {
            Some(kind) if !tag.self_closing => TokenSinkResult::RawData(kind),
            _ => TokenSinkResult::Continue,
        }
    }

    fn end(&mut self, tag: &Tag) {
        let name: &str = &tag.name;
        // The nearest open element of that name closes, with everything inside it; an end
        // tag nothing opened is ignored. The stack is bounded, so this stays linear.
        if let Some(at) = self.open.iter().rposition(|n| n == name) {
            self.open.truncate(at);
        }
        if name == "title" && self.in_title {
            self.in_title = false;
            self.title_done = true;
        }
    }
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut state = self.0.borrow_mut();
        match token {
            Token::TagToken(tag) => match tag.kind {
                TagKind::StartTag => return state.start(&tag),
                TagKind::EndTag => state.end(&tag),
            },
            Token::CharacterTokens(text) if state.in_title => {
                state.scan.title.push_str(&text);
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// Reads `html` once, in time and memory proportional to its length.
pub fn scan(html: &str) -> Scan {
    let tokenizer = Tokenizer::new(Sink(RefCell::new(State::default())), Default::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    while let TokenizerResult::Script(()) = tokenizer.feed(&input) {}
    tokenizer.end();
    let mut scan = std::mem::take(&mut tokenizer.sink.0.borrow_mut().scan);
    scan.title = scan.title.split_whitespace().collect::<Vec<_>>().join(" ");
    scan
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_rels_and_title_come_in_document_order() {
        let s = scan(
            "<html><head><title> 隣の\n日記 </title><base href=\"https://b.example/\">\
             <link rel=\"webmention\" href=\"/wm\"></head><body>\
             <!-- <a href=\"/in-a-comment\">x</a> -->\
             <script>document.write('<a href=\"/in-a-script\">')</script>\
             <a href=\"/one\">1</a><a rel=\"webmention nofollow\" href=\"/wm2\">2</a>\
             <area href=\"/map\"></body></html>",
        );
        assert_eq!(s.title, "隣の 日記");
        assert_eq!(s.base_href.as_deref(), Some("https://b.example/"));
        assert_eq!(s.links, ["/one", "/wm2", "/map"]);
        let rels: Vec<_> = s
            .rel_links
            .iter()
            .map(|r| (r.element, r.href.as_str()))
            .collect();
        assert_eq!(rels, [("link", "/wm"), ("a", "/wm2")]);
    }

    #[test]
    fn depth_is_counted_as_a_tree_builder_would_open_elements() {
        assert_eq!(scan("<div><p>a<p>b<p>c</div>").depth, 2);
        assert_eq!(scan("<ul><li>a<li>b<li>c</ul>").depth, 2);
        assert_eq!(scan("<p>a<br><img src=x><hr></p>").depth, 1);
        assert_eq!(scan("<div><span></div></span><div>").depth, 2);
        let nested = "<div>".repeat(100_000);
        let s = scan(&nested);
        assert!(s.too_deep() && s.depth == MAX_NESTING + 1);
        let fine = format!("{}x{}", "<div>".repeat(100), "</div>".repeat(100));
        assert!(!scan(&fine).too_deep());
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_depth_stays_bounded(html in "(<[a-z]{1,3}( [a-z]+=\"[^\"]{0,5}\")?>|</[a-z]{1,3}>|[^<]{0,5}|<!--|-->){0,300}") {
            let s = scan(&html);
            proptest::prop_assert!(s.depth <= MAX_NESTING + 1);
        }

        #[test]
        fn deep_markup_of_any_kind_is_measured(tag in "(div|span|b|i|em|table|section|a)", n in 600usize..3000) {
            let html = format!("<{tag}>").repeat(n);
            proptest::prop_assert!(scan(&html).too_deep());
        }
    }
}
