//! The moderation queue of a blog: comments awaiting approval, shown ones and spam, with the
//! commenter's e-mail and address (visible here only) and why each was held; bulk actions.

use super::session::{FormToken, Posted, RequestOrigins, Session};
use super::views::{BlogView, Frame};
use super::*;
use serde::Serialize;
use tsuzuri_app::catalog_id;
use tsuzuri_app::comments::Moderation;
use tsuzuri_app::comments::RATE_LIMIT;
use tsuzuri_core::origins::Origins;
use tsuzuri_core::permalink::encode_path;
use tsuzuri_render::i18n::Arg;

/// The blog's language and time zone, for dates in the queue.
fn settings_of(blog: &tsuzuri_app::admin::MemberBlogRow) -> tsuzuri_core::BlogSettings {
    tsuzuri_core::BlogSettings {
        lang: tsuzuri_core::Lang::parse(&blog.lang).unwrap_or_default(),
        timezone: tsuzuri_core::blog::parse_timezone(&blog.timezone)
            .unwrap_or(jiff::tz::TimeZone::UTC),
    }
}

#[derive(Deserialize, Default)]
pub(super) struct QueueQuery {
    #[serde(default)]
    status: Option<String>,
    /// `comments` (default) or `pings`.
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    page: Option<i64>,
    #[serde(default)]
    done: Option<u64>,
}

/// The comments (or pings) of the queue with one status, as the page lists them.
#[derive(Serialize)]
struct QueueView<'a, T: Serialize> {
    blog: BlogView<'a>,
    status: &'a str,
    kind: &'static str,
    total: i64,
    rate_limit: i64,
    /// The private feed of this queue (comments only).
    feed_url: Option<String>,
    #[serde(flatten)]
    items: T,
}

#[derive(Serialize)]
struct CommentItems<'a> {
    comments: Vec<CommentLine<'a>>,
}

#[derive(Serialize)]
struct PingItems<'a> {
    pings: Vec<PingLine<'a>>,
}

#[derive(Serialize)]
struct CommentLine<'a> {
    id: i64,
    author: &'a str,
    email: &'a str,
    url: &'a str,
    ip: &'a str,
    body: &'a str,
    reasons: &'a str,
    entry_title: &'a str,
    entry_url: String,
    date: String,
}

#[derive(Serialize)]
struct PingLine<'a> {
    id: i64,
    kind: &'a str,
    title: &'a str,
    url: &'a str,
    blog_name: &'a str,
    excerpt: &'a str,
    ip: &'a str,
    reasons: &'a str,
    encoding: &'a str,
    entry_title: &'a str,
    entry_url: String,
    date: String,
}

/// "3 comments changed", after a bulk action.
fn changed_notice(id: &str, done: Option<u64>) -> Option<String> {
    done.map(|n| {
        crate::ui::tr_with(
            id,
            &[("count", Arg::from(i64::try_from(n).unwrap_or(i64::MAX)))],
        )
    })
}

/// An entry's page on the blog origin, from its stored path.
fn entry_url(origins: &Origins, blog_slug: &str, path: &str) -> String {
    format!("{}{}", origins.blog_url(blog_slug), encode_path(path))
}

pub(super) async fn queue(
    State(s): State<AppState>,
    Session(who): Session,
    RequestOrigins(origins): RequestOrigins,
    Path(slug): Path<String>,
    Query(q): Query<QueueQuery>,
) -> Result<Response, HttpError> {
    let status = q.status.as_deref().unwrap_or("pending");
    let page_no = q.page.unwrap_or(1);
    if q.kind.as_deref() == Some("pings") {
        return ping_queue(&s, &who, &origins, &slug, status, page_no, q.done).await;
    }
    let (blog, rows, total) = s.app.comment_queue(&who, &slug, status, page_no).await?;
    let settings = settings_of(&blog);
    let key = s.app.queue_feed_key(&who, &slug).await?;
    let comments = rows
        .iter()
        .map(|c| CommentLine {
            id: c.id,
            author: &c.author,
            email: &c.email,
            url: &c.url,
            ip: &c.ip,
            body: &c.body,
            reasons: &c.reasons,
            entry_title: &c.entry_title,
            entry_url: entry_url(&origins, &blog.slug, &c.entry_path),
            date: tsuzuri_render::dates::format_datetime(c.created_at, &settings),
        })
        .collect();
    let view = QueueView {
        blog: BlogView::of(&blog, &origins),
        status,
        kind: "comments",
        total,
        rate_limit: RATE_LIMIT,
        feed_url: Some(
            origins.admin_url(&format!("/admin/{}/moderation.atom?key={key}", blog.slug)),
        ),
        items: CommentItems { comments },
    };
    let frame = Frame::new(&who, view).with_notice(changed_notice("comments-changed", q.done));
    Ok(page(&s, StatusCode::OK, "admin/comments.html", frame))
}

async fn ping_queue(
    s: &AppState,
    who: &SignedIn,
    origins: &Origins,
    slug: &str,
    status: &str,
    page_no: i64,
    done: Option<u64>,
) -> Result<Response, HttpError> {
    let (blog, rows, total) = s.app.ping_queue(who, slug, status, page_no).await?;
    let settings = settings_of(&blog);
    let pings = rows
        .iter()
        .map(|p| PingLine {
            id: p.id,
            kind: &p.kind,
            title: &p.title,
            url: &p.url,
            blog_name: &p.blog_name,
            excerpt: &p.excerpt,
            ip: &p.ip,
            reasons: &p.reasons,
            encoding: &p.encoding,
            entry_title: &p.entry_title,
            entry_url: entry_url(origins, &blog.slug, &p.entry_path),
            date: tsuzuri_render::dates::format_datetime(p.created_at, &settings),
        })
        .collect();
    let view = QueueView {
        blog: BlogView::of(&blog, origins),
        status,
        kind: "pings",
        total,
        rate_limit: RATE_LIMIT,
        feed_url: None,
        items: PingItems { pings },
    };
    let frame = Frame::new(who, view).with_notice(changed_notice("comments-pings-changed", done));
    Ok(page(s, StatusCode::OK, "admin/comments.html", frame))
}

#[derive(Deserialize, Default)]
pub(super) struct FeedQuery {
    #[serde(default)]
    key: String,
}

/// The private Atom feed of what awaits moderation; its key is the credential (feed
/// readers cannot sign in). A wrong key looks like no feed at all.
pub(super) async fn queue_feed(
    State(s): State<AppState>,
    RequestOrigins(origins): RequestOrigins,
    Path(slug): Path<String>,
    Query(q): Query<FeedQuery>,
) -> Response {
    match s.app.queue_feed(&origins, &slug, &q.key).await {
        Ok(Some(xml)) => {
            let mut res = (StatusCode::OK, xml).into_response();
            let h = res.headers_mut();
            h.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/atom+xml; charset=utf-8"),
            );
            h.insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, no-store"),
            );
            res
        }
        Ok(None) => HttpError(Error::NotFound(tsuzuri_app::catalog_id(
            "comments-no-such-feed",
        )))
        .into_response(),
        Err(e) => HttpError(e).into_response(),
    }
}

/// The bulk form: `csrf`, `action` (or one item's `item` button, "approve:12"), `kind`,
/// `from` and any number of `ids`.
#[derive(Deserialize)]
#[serde(transparent)]
pub(super) struct BulkForm(Vec<(String, String)>);

impl BulkForm {
    fn field(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    }

    /// The action and the ids it applies to: one item's own button, or the ticked ones.
    fn action_and_ids(&self) -> Result<(Moderation, Vec<i64>), HttpError> {
        let one = self.field("item").split_once(':');
        let action = match one.map_or(self.field("action"), |(action, _)| action) {
            "approve" => Moderation::Approve,
            "spam" => Moderation::Spam,
            "delete" => Moderation::Delete,
            _ => return Err(Error::Invalid(catalog_id("comments-unknown-action")).into()),
        };
        let ids: Vec<i64> = match one {
            Some((_, id)) => id.parse().into_iter().collect(),
            None => self
                .0
                .iter()
                .filter(|(k, _)| k == "ids")
                .filter_map(|(_, v)| v.parse().ok())
                .collect(),
        };
        if ids.is_empty() {
            return Err(Error::Invalid(catalog_id("comments-choose-one")).into());
        }
        Ok((action, ids))
    }
}

impl FormToken for BulkForm {
    fn form_token(&self) -> &str {
        self.field("csrf")
    }
}

pub(super) async fn moderate(
    State(s): State<AppState>,
    Path(slug): Path<String>,
    Posted(who, form): Posted<BulkForm>,
) -> Result<Response, HttpError> {
    let (action, ids) = form.action_and_ids()?;
    let from = match form.field("from") {
        s @ ("pending" | "approved" | "spam") => s,
        _ => "pending",
    };
    let (kind, n) = if form.field("kind") == "pings" {
        (
            "pings",
            s.app.moderate_pings(&who, &slug, &ids, action).await?,
        )
    } else {
        (
            "comments",
            s.app.moderate_comments(&who, &slug, &ids, action).await?,
        )
    };
    let back = format!("/admin/{slug}/comments?kind={kind}&status={from}&done={n}");
    Ok(Redirect::to(&back).into_response())
}
