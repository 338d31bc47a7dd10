//! Use case: export a blog in the Movable Type format, everything the owner wrote and
//! received (commenter e-mails included: it is the owner's data).

use crate::import_mt::extra_from_json;
use crate::{App, Error};
use tsuzuri_core::EntryStatus;
use tsuzuri_core::blog::parse_timezone;
use tsuzuri_core::time::to_local;
use tsuzuri_formats::mt::{self, MtComment, MtDate, MtEntry, MtPing};
use tsuzuri_store::FullEntry;

fn mt_date(unix: i64, tz: &jiff::tz::TimeZone) -> MtDate {
    MtDate {
        local: to_local(unix, tz).datetime(),
        offset: None,
        raw: String::new(),
    }
}

fn to_mt(full: FullEntry, tz: &jiff::tz::TimeZone) -> MtEntry {
    let e = full.entry;
    let primary = full
        .categories
        .iter()
        .find(|(_, p)| *p)
        .map(|(l, _)| l.clone());
    MtEntry {
        line: 0,
        author: Some(e.author_name),
        title: Some(e.title),
        basename: Some(e.basename),
        status: Some(EntryStatus::parse(&e.status).unwrap_or(EntryStatus::Draft)),
        allow_comments: Some(e.allow_comments),
        allow_pings: Some(e.allow_pings),
        convert_breaks: Some(e.text_format),
        primary_category: primary,
        categories: full.categories.into_iter().map(|(l, _)| l).collect(),
        date: Some(mt_date(e.authored_on, tz)),
        tags: full.tags,
        extra: extra_from_json(&e.extra),
        no_entry: false,
        body: e.body_source,
        extended_body: e.more_source,
        excerpt: e.excerpt,
        keywords: e.keywords,
        comments: full
            .comments
            .into_iter()
            .map(|c| MtComment {
                author: c.author,
                email: c.email,
                url: c.url,
                ip: c.ip,
                date: Some(mt_date(c.created_at, tz)),
                body: c.body,
            })
            .collect(),
        pings: full
            .pings
            .into_iter()
            .map(|p| MtPing {
                title: p.title,
                url: p.url,
                ip: p.ip,
                blog_name: p.blog_name,
                date: Some(mt_date(p.created_at, tz)),
                excerpt: p.excerpt,
            })
            .collect(),
    }
}

impl App {
    /// The whole blog as an MT export file (UTF-8, LF), dates in the blog's time zone.
    pub async fn export_mt(&self, blog_slug: &str) -> Result<String, Error> {
        let blog = self.blog(blog_slug).await?;
        let tz = parse_timezone(&blog.timezone)?;
        let entries = self.store.export_entries(blog.blog_id()).await?;
        let mt_entries: Vec<MtEntry> = entries.into_iter().map(|e| to_mt(e, &tz)).collect();
        Ok(mt::write(&mt_entries))
    }
}
