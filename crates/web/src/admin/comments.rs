//! The moderation queue of a blog: comments awaiting approval, shown ones and spam, with the
//! commenter's e-mail and address (visible here only) and why each was held; bulk actions.

use super::*;
use tsuzuri_app::comments::Moderation;
use tsuzuri_app::comments::RATE_LIMIT;
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

pub(super) async fn queue(
    State(s): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
    Query(q): Query<QueueQuery>,
) -> Response {
    let who = match signed_in(&s, &headers, &format!("/admin/{slug}/comments")).await {
        Ok(w) => w,
        Err(r) => return r,
    };
    let status = q.status.as_deref().unwrap_or("pending");
    let pings = q.kind.as_deref() == Some("pings");
    if pings {
        return ping_queue(&s, &who, &slug, status, q.page.unwrap_or(1), q.done).await;
    }
    let (blog, rows, total) = match s
        .app
        .comment_queue(&who, &slug, status, q.page.unwrap_or(1))
        .await
    {
        Ok(r) => r,
        Err(e) => return HttpError(e).into_response(),
    };
    let settings = settings_of(&blog);
    let origins = crate::origin::origins_of(&s, &headers);
    let comments: Vec<_> = rows
        .iter()
        .map(|c| {
            json!({
                "id": c.id, "author": c.author, "email": c.email, "url": c.url, "ip": c.ip,
                "body": c.body, "reasons": c.reasons, "entry_title": c.entry_title,
                "entry_url": format!("{}{}", origins.blog_url(&blog.slug), tsuzuri_app::site::encode_path(&c.entry_path)),
                "date": tsuzuri_render::dates::format_datetime(c.created_at, &settings),
            })
        })
        .collect();
    let notice = q.done.map(|n| {
        crate::ui::tr_with(
            "comments-changed",
            &[("count", Arg::from(i64::try_from(n).unwrap_or(i64::MAX)))],
        )
    });
    let feed_url = match s.app.queue_feed_key(&who, &slug).await {
        Ok(key) => origins.admin_url(&format!("/admin/{}/moderation.atom?key={key}", blog.slug)),
        Err(e) => return HttpError(e).into_response(),
    };
    page(
        &s,
        StatusCode::OK,
        "admin/comments.html",
        json!({
            "user": user_json(&who), "csrf": who.csrf_token, "notice": notice,
            "blog": { "slug": blog.slug, "title": blog.title },
            "status": status, "comments": comments, "total": total, "rate_limit": RATE_LIMIT,
            "kind": "comments", "feed_url": feed_url,
        }),
    )
}

async fn ping_queue(
    s: &AppState,
    who: &SignedIn,
    slug: &str,
    status: &str,
    page_no: i64,
    done: Option<u64>,
) -> Response {
    let (blog, rows, total) = match s.app.ping_queue(who, slug, status, page_no).await {
        Ok(r) => r,
        Err(e) => return HttpError(e).into_response(),
    };
    let settings = settings_of(&blog);
    let pings: Vec<_> = rows
        .iter()
        .map(|p| {
            json!({
                "id": p.id, "kind": p.kind, "title": p.title, "url": p.url,
                "blog_name": p.blog_name, "excerpt": p.excerpt, "ip": p.ip,
                "reasons": p.reasons, "encoding": p.encoding, "entry_title": p.entry_title,
                "entry_url": format!("/{}/{}", blog.slug, tsuzuri_app::site::encode_path(&p.entry_path)),
                "date": tsuzuri_render::dates::format_datetime(p.created_at, &settings),
            })
        })
        .collect();
    page(
        s,
        StatusCode::OK,
        "admin/comments.html",
        json!({
            "user": user_json(who), "csrf": who.csrf_token,
            "notice": done.map(|n| crate::ui::tr_with("comments-pings-changed", &[("count", Arg::from(i64::try_from(n).unwrap_or(i64::MAX)))])),
            "blog": { "slug": blog.slug, "title": blog.title },
            "status": status, "pings": pings, "total": total, "kind": "pings", "feed_url": null,
        }),
    )
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
    headers: HeaderMap,
    Path(slug): Path<String>,
    Query(q): Query<FeedQuery>,
) -> Response {
    let origins = crate::origin::origins_of(&s, &headers);
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

/// The bulk form: `csrf`, `action` and any number of `ids`.
pub(super) async fn moderate(
    State(s): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let field = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    };
    let back = format!("/admin/{slug}/comments");
    let who = match signed_in_for_post(&s, &headers, &back, field("csrf")).await {
        Ok(w) => w,
        Err(r) => return r,
    };
    // One item's own button ("approve:12"), or the buttons for the ticked ones.
    let one = field("item").split_once(':');
    let action = match one.map_or(field("action"), |(action, _)| action) {
        "approve" => Moderation::Approve,
        "spam" => Moderation::Spam,
        "delete" => Moderation::Delete,
        _ => {
            return HttpError(Error::Invalid(tsuzuri_app::catalog_id(
                "comments-unknown-action",
            )))
            .into_response();
        }
    };
    let ids: Vec<i64> = match one {
        Some((_, id)) => id.parse().into_iter().collect(),
        None => fields
            .iter()
            .filter(|(k, _)| k == "ids")
            .filter_map(|(_, v)| v.parse().ok())
            .collect(),
    };
    if ids.is_empty() {
        return HttpError(Error::Invalid(tsuzuri_app::catalog_id(
            "comments-choose-one",
        )))
        .into_response();
    }
    let from = match field("from") {
        s @ ("pending" | "approved" | "spam") => s,
        _ => "pending",
    };
    let result = if field("kind") == "pings" {
        s.app.moderate_pings(&who, &slug, &ids, action).await
    } else {
        s.app.moderate_comments(&who, &slug, &ids, action).await
    };
    let kind = if field("kind") == "pings" {
        "pings"
    } else {
        "comments"
    };
    match result {
        Ok(n) => {
            Redirect::to(&format!("{back}?kind={kind}&status={from}&done={n}")).into_response()
        }
        Err(e) => HttpError(e).into_response(),
    }
}
