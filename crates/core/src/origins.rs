//! Where the host's pages live: blog pages (shaped by owners' templates) on the blog origin,
//! the admin, sign-in and the posting APIs on a separate admin origin, so that nothing an
//! owner writes into a template can act with a visitor's admin session. Every absolute URL
//! of a blog or of the admin is built here, and so is the reverse: which blog a URL or a
//! request's host belongs to.

/// Where one request arrived, judged by its `Host`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// The admin origin: `/admin/…`, sign-in, setup.
    Admin,
    /// The shared blog origin: the host front page and path-based blogs (`/{blog}/…`).
    Blogs,
    /// A host-based blog's own origin (`https://{blog}.blogs.example/`).
    OwnBlog(String),
}

/// The host's origins, each `scheme://host[:port]` without a trailing slash.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Origins {
    /// The host front page and, unless `blog_hosts` is set, every blog under `/{blog}/`.
    pub blogs: String,
    /// The admin, sign-in, setup and the posting APIs.
    pub admin: String,
    /// Host-based blogs: each blog on its own host, `{scheme}://{blog}{suffix}`.
    pub blog_hosts: Option<BlogHosts>,
}

/// `https://{blog}.blogs.example` taken apart.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct BlogHosts {
    /// `https` or `http`.
    pub scheme: String,
    /// What follows the blog's name in the host, port included: `.blogs.example`.
    pub suffix: String,
}

impl BlogHosts {
    /// Parses a pattern such as `https://{blog}.blogs.example` (a trailing slash is allowed).
    pub fn parse(pattern: &str) -> Result<BlogHosts, String> {
        let pattern = pattern.trim_end_matches('/');
        let (scheme, rest) = pattern
            .split_once("://")
            .filter(|(s, _)| *s == "http" || *s == "https")
            .ok_or_else(|| format!("{pattern:?} must start with https:// or http://"))?;
        let suffix = rest.strip_prefix("{blog}").ok_or_else(|| {
            format!("{pattern:?} must put {{blog}} first in the host, as in https://{{blog}}.blogs.example")
        })?;
        if !suffix.starts_with('.') || suffix.len() < 2 || suffix.contains(['/', '{', '}', '@']) {
            return Err(format!(
                "{pattern:?} must be a host name after {{blog}}, as in https://{{blog}}.blogs.example"
            ));
        }
        Ok(BlogHosts {
            scheme: scheme.to_string(),
            suffix: suffix.to_ascii_lowercase(),
        })
    }

    fn origin_of(&self, slug: &str) -> String {
        format!("{}://{slug}{}", self.scheme, self.suffix)
    }
}

/// `scheme://host[:port]` of a URL, lower-cased, without path; `None` unless http(s).
pub fn origin_of_url(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if host.is_empty() || host.contains('@') {
        return None;
    }
    Some(format!("{scheme}://{}", host.to_ascii_lowercase()))
}

/// The host part of an origin or Host header, without the port.
fn host_name(authority: &str) -> &str {
    if let Some(rest) = authority.strip_prefix('[') {
        return rest.split(']').next().unwrap_or("");
    }
    authority.rsplit_once(':').map_or(authority, |(h, _)| h)
}

fn authority(origin: &str) -> &str {
    origin.split_once("://").map_or(origin, |(_, a)| a)
}

impl Origins {
    /// Checks that the admin cannot share cookies with blog pages: browsers keep cookies per
    /// host name, whatever the port, so the two must differ in host, and the admin's host must
    /// not be one of the blogs' hosts.
    pub fn check(&self) -> Result<(), String> {
        let admin_host = host_name(authority(&self.admin)).to_ascii_lowercase();
        let blogs_host = host_name(authority(&self.blogs)).to_ascii_lowercase();
        if admin_host == blogs_host {
            return Err(format!(
                "the admin ({}) and the blogs ({}) must be on different host names: browsers share cookies between ports of one host",
                self.admin, self.blogs
            ));
        }
        if let Some(h) = &self.blog_hosts {
            let suffix = host_name(&h.suffix).to_ascii_lowercase();
            if admin_host.ends_with(&suffix) {
                return Err(format!(
                    "the admin ({}) must not be on a blog's host name (*{suffix})",
                    self.admin
                ));
            }
        }
        Ok(())
    }

    /// Which origin a request's `Host` names.
    pub fn classify(&self, host: &str) -> Origin {
        let host = host.trim().to_ascii_lowercase();
        if host == authority(&self.admin) {
            return Origin::Admin;
        }
        if let Some(h) = &self.blog_hosts
            && let Some(slug) = host.strip_suffix(h.suffix.as_str())
            && crate::slug::check_blog_slug(slug).is_ok()
        {
            return Origin::OwnBlog(slug.to_string());
        }
        Origin::Blogs
    }

    /// The origin that serves blog `slug`.
    pub fn blog_origin(&self, slug: &str) -> String {
        match &self.blog_hosts {
            Some(h) => h.origin_of(slug),
            None => self.blogs.clone(),
        }
    }

    /// A blog's top page, ending in `/`; every page of the blog is this plus its path.
    pub fn blog_url(&self, slug: &str) -> String {
        match &self.blog_hosts {
            Some(h) => format!("{}/", h.origin_of(slug)),
            None => format!("{}/{slug}/", self.blogs),
        }
    }

    /// The host front page.
    pub fn front_url(&self) -> String {
        format!("{}/", self.blogs)
    }

    /// An admin page: `path` starts with `/`.
    pub fn admin_url(&self, path: &str) -> String {
        format!("{}{path}", self.admin)
    }

    /// Which blog a URL of this host points into, and the path inside the blog (no query or
    /// fragment): `http://h/diary/2006/06/x.html` → `("diary", "2006/06/x.html")`.
    pub fn blog_path_of(&self, url: &str) -> Option<(String, String)> {
        let origin = origin_of_url(url)?;
        let after = &url[origin.len()..];
        let path = after.split(['?', '#']).next().unwrap_or("");
        let path = path.strip_prefix('/').unwrap_or(path);
        if let Some(h) = &self.blog_hosts {
            let host = authority(&origin);
            let slug = host.strip_suffix(h.suffix.as_str())?;
            return (crate::slug::check_blog_slug(slug).is_ok()
                && origin_of_url(&h.origin_of(slug)).as_deref() == Some(&origin))
            .then(|| (slug.to_string(), path.to_string()));
        }
        if origin != self.blogs.to_ascii_lowercase() {
            return None;
        }
        let (slug, rest) = path.split_once('/')?;
        crate::slug::check_blog_slug(slug)
            .is_ok()
            .then(|| (slug.to_string(), rest.to_string()))
    }

    /// Origins for a host that configured neither URL, from the request's `Host`: blogs on
    /// `http://127.0.0.1:PORT`, the admin on `http://localhost:PORT` (two host names on one
    /// machine, so nothing to set up to try tsuzuri out).
    pub fn local(host: &str) -> Origins {
        let port = match host.strip_prefix('[') {
            Some(v6) => v6.split_once("]:").map(|(_, p)| p),
            None => host.rsplit_once(':').map(|(_, p)| p),
        };
        let with_port = |name: &str| match port {
            Some(p) => format!("http://{name}:{p}"),
            None => format!("http://{name}"),
        };
        let name = host_name(host);
        let blogs = if name.eq_ignore_ascii_case("localhost") {
            with_port("127.0.0.1")
        } else {
            format!("http://{}", host.to_ascii_lowercase())
        };
        Origins {
            blogs,
            admin: with_port("localhost"),
            blog_hosts: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path_based() -> Origins {
        Origins {
            blogs: "https://blogs.example".into(),
            admin: "https://admin.example".into(),
            blog_hosts: None,
        }
    }

    fn host_based() -> Origins {
        Origins {
            blogs: "https://blogs.example".into(),
            admin: "https://admin.example".into(),
            blog_hosts: Some(BlogHosts::parse("https://{blog}.blogs.example/").expect("pattern")),
        }
    }

    #[test]
    fn blog_urls_follow_the_hosting_shape() {
        assert_eq!(
            path_based().blog_url("diary"),
            "https://blogs.example/diary/"
        );
        assert_eq!(
            host_based().blog_url("diary"),
            "https://diary.blogs.example/"
        );
        assert_eq!(host_based().front_url(), "https://blogs.example/");
        assert_eq!(
            host_based().admin_url("/admin/"),
            "https://admin.example/admin/"
        );
    }

    #[test]
    fn requests_are_told_apart_by_host() {
        let o = host_based();
        assert_eq!(o.classify("admin.example"), Origin::Admin);
        assert_eq!(o.classify("ADMIN.example"), Origin::Admin);
        assert_eq!(o.classify("blogs.example"), Origin::Blogs);
        assert_eq!(
            o.classify("diary.blogs.example"),
            Origin::OwnBlog("diary".into())
        );
        // Reserved names and nested hosts are not blogs.
        assert_eq!(o.classify("admin.blogs.example"), Origin::Blogs);
        assert_eq!(o.classify("a.b.blogs.example"), Origin::Blogs);
        assert_eq!(path_based().classify("diary.blogs.example"), Origin::Blogs);
    }

    #[test]
    fn urls_map_back_to_their_blog() {
        let p = path_based();
        assert_eq!(
            p.blog_path_of("https://blogs.example/diary/2006/06/x.html?a#b"),
            Some(("diary".into(), "2006/06/x.html".into()))
        );
        assert_eq!(p.blog_path_of("https://elsewhere.example/diary/x"), None);
        assert_eq!(p.blog_path_of("https://blogs.example/admin/x"), None);
        let h = host_based();
        assert_eq!(
            h.blog_path_of("https://diary.blogs.example/2006/06/x.html"),
            Some(("diary".into(), "2006/06/x.html".into()))
        );
        assert_eq!(h.blog_path_of("http://diary.blogs.example/x"), None);
        assert_eq!(h.blog_path_of("https://blogs.example/diary/x"), None);
    }

    #[test]
    fn the_local_default_puts_the_admin_on_localhost() {
        let o = Origins::local("127.0.0.1:8080");
        assert_eq!(o.blogs, "http://127.0.0.1:8080");
        assert_eq!(o.admin, "http://localhost:8080");
        assert_eq!(o.classify("localhost:8080"), Origin::Admin);
        assert_eq!(o.classify("127.0.0.1:8080"), Origin::Blogs);
        let from_admin = Origins::local("localhost:8080");
        assert_eq!(from_admin, o);
        assert!(o.check().is_ok());
    }

    #[test]
    fn an_admin_sharing_a_host_with_blogs_is_refused() {
        let same_host = Origins {
            blogs: "http://example.com:8080".into(),
            admin: "http://example.com:8081".into(),
            blog_hosts: None,
        };
        assert!(same_host.check().is_err());
        let mut on_blog_host = host_based();
        on_blog_host.admin = "https://admin.blogs.example".into();
        assert!(on_blog_host.check().is_err());
        assert!(host_based().check().is_ok());
    }

    #[test]
    fn patterns_must_put_the_blog_first_in_the_host() {
        assert!(BlogHosts::parse("https://blogs.example/{blog}").is_err());
        assert!(BlogHosts::parse("ftp://{blog}.example").is_err());
        assert!(BlogHosts::parse("https://{blog}").is_err());
        assert_eq!(
            BlogHosts::parse("http://{blog}.localhost:8080")
                .expect("ok")
                .suffix,
            ".localhost:8080"
        );
    }
}
