//! The URL contract of a blog, in one place: every path below `/{blog}/` is built and parsed
//! here, so a permalink printed on a page is always one the router answers.
//!
//! Paths are handled percent-decoded; `encode_path` encodes them when links are printed.

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

/// What a path below `/{blog}/` asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlogRoute {
    Top {
        page: u32,
    },
    Entry {
        year: i16,
        month: i8,
        basename: String,
    },
    Month {
        year: i16,
        month: i8,
        page: u32,
    },
    Category {
        path: String,
        page: u32,
    },
    Tag {
        name: String,
        page: u32,
    },
    Feed {
        kind: FeedKind,
        category: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedKind {
    Atom,
    Rss,
}

impl FeedKind {
    pub fn file_name(self) -> &'static str {
        match self {
            FeedKind::Atom => "atom.xml",
            FeedKind::Rss => "rss.xml",
        }
    }
}

/// `yyyy/mm/basename.html`, relative to the blog root.
pub fn entry_path(year: i16, month: i8, basename: &str) -> String {
    format!("{year:04}/{month:02}/{basename}.html")
}

/// `yyyy/mm/`, relative to the blog root.
pub fn month_path(year: i16, month: i8) -> String {
    format!("{year:04}/{month:02}/")
}

/// `category/{path}/`, where `path` is the slash-joined slugs from the top category down.
pub fn category_path(path: &str) -> String {
    format!("category/{path}/")
}

pub fn tag_path(name: &str) -> String {
    format!("tag/{name}/")
}

/// Appends the pagination suffix to a listing path (page 1 has none).
pub fn paged(listing_path: &str, page: u32) -> String {
    if page <= 1 {
        listing_path.to_string()
    } else {
        format!("{listing_path}page/{page}/")
    }
}

/// Parses a percent-decoded path relative to the blog root (without the leading slash).
pub fn parse_blog_path(rest: &str) -> Option<BlogRoute> {
    let (rest, page) = split_page(rest)?;
    match rest {
        "" => return Some(BlogRoute::Top { page }),
        "atom.xml" if page == 1 => {
            return Some(BlogRoute::Feed {
                kind: FeedKind::Atom,
                category: None,
            });
        }
        "rss.xml" | "index.rdf" if page == 1 => {
            return Some(BlogRoute::Feed {
                kind: FeedKind::Rss,
                category: None,
            });
        }
        _ => {}
    }
    if let Some(cat) = rest.strip_prefix("category/") {
        if page == 1 {
            for kind in [FeedKind::Atom, FeedKind::Rss] {
                if let Some(path) = cat.strip_suffix(&format!("/{}", kind.file_name())) {
                    return valid_segments(path).then(|| BlogRoute::Feed {
                        kind,
                        category: Some(path.to_string()),
                    });
                }
            }
        }
        let path = cat.strip_suffix('/')?;
        return valid_segments(path).then(|| BlogRoute::Category {
            path: path.to_string(),
            page,
        });
    }
    if let Some(tag) = rest.strip_prefix("tag/") {
        let name = tag.strip_suffix('/')?;
        return (!name.is_empty() && !name.contains('/')).then(|| BlogRoute::Tag {
            name: name.to_string(),
            page,
        });
    }
    let (year, after) = rest.split_once('/')?;
    let (month, after) = after.split_once('/')?;
    if year.len() != 4 || month.len() != 2 {
        return None;
    }
    let year: i16 = year.parse().ok()?;
    let month: i8 = month.parse().ok()?;
    if !(1..=12).contains(&month) {
        return None;
    }
    if after.is_empty() {
        return Some(BlogRoute::Month { year, month, page });
    }
    if page != 1 {
        return None;
    }
    let basename = after.strip_suffix(".html")?;
    valid_segments(basename).then(|| BlogRoute::Entry {
        year,
        month,
        basename: basename.to_string(),
    })
}

fn split_page(rest: &str) -> Option<(&str, u32)> {
    if let Some(idx) = rest.rfind("page/") {
        let (head, tail) = rest.split_at(idx);
        if (head.is_empty() || head.ends_with('/'))
            && let Some(n) = tail["page/".len()..].strip_suffix('/')
            && let Ok(n) = n.parse::<u32>()
        {
            return (n >= 2).then_some((head, n));
        }
    }
    Some((rest, 1))
}

fn valid_segments(path: &str) -> bool {
    !path.is_empty()
        && path
            .split('/')
            .all(|s| !s.is_empty() && s != "." && s != "..")
}

/// Characters escaped in a path segment: everything a URL path cannot hold literally.
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'\\')
    .add(b'^')
    .add(b'|');

/// Percent-encodes a blog-relative path, keeping its slashes.
pub fn encode_path(path: &str) -> String {
    utf8_percent_encode(path, SEGMENT).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let p = entry_path(2006, 6, "2006/06/15/145200");
        assert_eq!(
            parse_blog_path(&p),
            Some(BlogRoute::Entry {
                year: 2006,
                month: 6,
                basename: "2006/06/15/145200".into()
            })
        );
        assert_eq!(
            parse_blog_path(&month_path(2006, 6)),
            Some(BlogRoute::Month {
                year: 2006,
                month: 6,
                page: 1
            })
        );
        assert_eq!(
            parse_blog_path(&paged(&category_path("diary/travel"), 3)),
            Some(BlogRoute::Category {
                path: "diary/travel".into(),
                page: 3
            })
        );
        assert_eq!(parse_blog_path("page/2/"), Some(BlogRoute::Top { page: 2 }));
        assert_eq!(parse_blog_path(""), Some(BlogRoute::Top { page: 1 }));
        assert_eq!(
            parse_blog_path("category/日記/atom.xml"),
            Some(BlogRoute::Feed {
                kind: FeedKind::Atom,
                category: Some("日記".into())
            })
        );
        assert_eq!(
            parse_blog_path("tag/rust/"),
            Some(BlogRoute::Tag {
                name: "rust".into(),
                page: 1
            })
        );
    }

    #[test]
    fn rejects_garbage() {
        for p in [
            "2006/13/",
            "2006/6/x.html",
            "page/1/",
            "page/0/",
            "x",
            "2006/06/../x.html",
            "category/",
        ] {
            assert_eq!(parse_blog_path(p), None, "{p}");
        }
    }
}
