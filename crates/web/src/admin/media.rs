//! Admin pages of uploaded files: the media library, uploads (from the library's form or
//! the editor's panel, which asks for JSON) and deletion.

use super::*;
use axum::extract::Multipart;
use tsuzuri_app::media::{MediaRow, Upload, insert_snippets};
use tsuzuri_render::i18n::Arg;

#[derive(Deserialize, Default)]
pub(super) struct PageQuery {
    #[serde(default)]
    page: Option<i64>,
    /// Set by the redirect after an upload: how many files, how many were there already.
    #[serde(default)]
    uploaded: Option<usize>,
    #[serde(default)]
    known: Option<usize>,
    #[serde(default)]
    deleted: Option<String>,
}

/// A file as the library page and the editor show it.
pub(super) fn media_json(blog_slug: &str, m: &MediaRow) -> serde_json::Value {
    let s = insert_snippets(blog_slug, m);
    json!({
        "id": m.id,
        "name": m.original_name,
        "alt": m.alt_text,
        "url": s.url,
        "preview_url": s.preview_url,
        "markdown": s.markdown,
        "html": s.html,
        "content_type": m.content_type,
        "size": human_size(m.byte_size),
        "dimensions": m.width.zip(m.height).map(|(w, h)| format!("{w}×{h}")),
    })
}

fn human_size(bytes: i64) -> String {
    const KB: f64 = 1024.0;
    let b = bytes as f64;
    if b < KB {
        crate::ui::tr_with("media-size-bytes", &[("count", Arg::from(bytes))])
    } else if b < KB * KB {
        format!("{:.0} KB", b / KB)
    } else {
        format!("{:.1} MB", b / KB / KB)
    }
}

async fn library_page(
    s: &AppState,
    status: StatusCode,
    who: &SignedIn,
    slug: &str,
    page_no: i64,
    errors: &[(String, String)],
    notice: Option<String>,
) -> Response {
    let errors: serde_json::Map<String, serde_json::Value> = errors
        .iter()
        .map(|(f, m)| (f.clone(), json!(crate::ui::say(m))))
        .collect();
    let lib = match s.app.media_library(who, slug, page_no).await {
        Ok(l) => l,
        Err(e) => return HttpError(e).into_response(),
    };
    let items: Vec<_> = lib
        .items
        .iter()
        .map(|m| {
            let mut j = media_json(&lib.blog.slug, m);
            j["may_delete"] = json!(lib.may_delete(who, m));
            j
        })
        .collect();
    page(
        s,
        status,
        "admin/media.html",
        json!({
            "user": user_json(who), "csrf": who.csrf_token, "notice": notice,
            "blog": { "slug": lib.blog.slug, "title": lib.blog.title },
            "items": items, "total": lib.total, "page": lib.page, "pages": lib.pages,
            "errors": errors, "max_mb": s.config.max_upload_bytes / (1024 * 1024),
        }),
    )
}

pub(super) async fn library(
    State(s): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
    Query(q): Query<PageQuery>,
) -> Response {
    let who = match signed_in(&s, &headers, &format!("/admin/{slug}/media")).await {
        Ok(w) => w,
        Err(r) => return r,
    };
    let mut notice = q
        .uploaded
        .map(|n| crate::ui::tr_with("media-uploaded", &[("count", Arg::from(n))]));
    if let (Some(n), Some(k)) = (notice.as_mut(), q.known.filter(|k| *k > 0)) {
        n.push(' ');
        n.push_str(&crate::ui::tr_with(
            "media-uploaded-known",
            &[("count", Arg::from(k))],
        ));
    }
    if q.deleted.is_some() {
        notice = Some(crate::ui::tr("media-deleted"));
    }
    library_page(
        &s,
        StatusCode::OK,
        &who,
        &slug,
        q.page.unwrap_or(1),
        &[],
        notice,
    )
    .await
}

fn wants_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json"))
}

/// The fields of an upload form, read to the end (the form token comes with them).
struct UploadForm {
    csrf: String,
    alt: String,
    files: Vec<(String, Vec<u8>)>,
}

/// The message for an upload the connection cut short or the browser sent wrong.
fn malformed(e: &axum::extract::multipart::MultipartError) -> String {
    crate::ui::tr_with("media-malformed", &[("detail", Arg::from(e.to_string()))])
}

async fn read_upload(
    mut multipart: Multipart,
    max_bytes: usize,
) -> Result<UploadForm, (StatusCode, String)> {
    let too_large = || {
        (
            StatusCode::PAYLOAD_TOO_LARGE,
            crate::ui::tr_with(
                "media-too-large",
                &[("mb", Arg::from(max_bytes / (1024 * 1024)))],
            ),
        )
    };
    let mut form = UploadForm {
        csrf: String::new(),
        alt: String::new(),
        files: Vec::new(),
    };
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => return Err(too_large()),
            Err(e) => {
                return Err((StatusCode::BAD_REQUEST, malformed(&e)));
            }
        };
        let name = field.name().unwrap_or("").to_owned();
        let file_name = field.file_name().map(str::to_owned);
        let data = match field.bytes().await {
            Ok(d) => d,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => return Err(too_large()),
            Err(e) => {
                return Err((StatusCode::BAD_REQUEST, malformed(&e)));
            }
        };
        match name.as_str() {
            "csrf" => form.csrf = String::from_utf8_lossy(&data).into_owned(),
            "alt" => form.alt = String::from_utf8_lossy(&data).into_owned(),
            "file" => {
                // A file input left empty still sends a part with no name and no bytes.
                if data.is_empty() && file_name.as_deref().unwrap_or("").is_empty() {
                    continue;
                }
                if data.len() > max_bytes {
                    return Err(too_large());
                }
                form.files
                    .push((file_name.unwrap_or_default(), data.to_vec()));
            }
            _ => {}
        }
    }
    Ok(form)
}

pub(super) async fn upload(
    State(s): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
    multipart: Multipart,
) -> Response {
    let back = format!("/admin/{slug}/media");
    // Who is asking is known from the headers alone: nobody's bytes are read before that.
    let who = match signed_in(&s, &headers, &back).await {
        Ok(w) => w,
        Err(r) => return r,
    };
    let json = wants_json(&headers);
    let refuse = |status: StatusCode, message: String| -> Response {
        (status, axum::Json(json!({ "error": message }))).into_response()
    };
    let form = match read_upload(multipart, s.config.max_upload_bytes).await {
        Ok(f) => f,
        Err((status, message)) if json => return refuse(status, message),
        Err((status, message)) => {
            return library_page(
                &s,
                status,
                &who,
                &slug,
                1,
                &[("file".into(), message)],
                None,
            )
            .await;
        }
    };
    if let Err(r) = signed_in_for_post(&s, &headers, &back, &form.csrf).await {
        return r;
    }
    if form.files.is_empty() {
        let message = crate::ui::tr("media-choose-file");
        if json {
            return refuse(StatusCode::BAD_REQUEST, message);
        }
        return library_page(
            &s,
            StatusCode::BAD_REQUEST,
            &who,
            &slug,
            1,
            &[("file".into(), message)],
            None,
        )
        .await;
    }
    let mut uploaded = Vec::new();
    let mut known = 0;
    for (file_name, bytes) in form.files {
        let name_for_errors = file_name.clone();
        match s
            .app
            .upload_media(
                &who,
                &slug,
                Upload {
                    file_name,
                    bytes,
                    alt_text: form.alt.clone(),
                },
            )
            .await
        {
            Ok(u) => {
                known += usize::from(u.already_there);
                uploaded.push(u.media);
            }
            Err(Error::InvalidForm(errors)) => {
                let message = errors
                    .into_iter()
                    .map(|(_, m)| crate::ui::say(&m))
                    .collect::<Vec<_>>()
                    .join(" ");
                let message = format!("{name_for_errors}: {message}");
                if json {
                    return refuse(StatusCode::UNSUPPORTED_MEDIA_TYPE, message);
                }
                return library_page(
                    &s,
                    StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    &who,
                    &slug,
                    1,
                    &[("file".into(), message)],
                    (!uploaded.is_empty()).then(|| {
                        crate::ui::tr_with(
                            "media-uploaded-before",
                            &[("count", Arg::from(uploaded.len()))],
                        )
                    }),
                )
                .await;
            }
            Err(e) => return HttpError(e).into_response(),
        }
    }
    if json {
        let files: Vec<_> = uploaded.iter().map(|m| media_json(&slug, m)).collect();
        return (StatusCode::CREATED, axum::Json(json!({ "files": files }))).into_response();
    }
    Redirect::to(&format!(
        "/admin/{slug}/media?uploaded={}&known={known}",
        uploaded.len()
    ))
    .into_response()
}

pub(super) async fn delete(
    State(s): State<AppState>,
    headers: HeaderMap,
    Path((slug, id)): Path<(String, i64)>,
    Form(f): Form<CsrfForm>,
) -> Response {
    let back = format!("/admin/{slug}/media");
    let who = match signed_in_for_post(&s, &headers, &back, &f.csrf).await {
        Ok(w) => w,
        Err(r) => return r,
    };
    match s.app.delete_media(&who, &slug, id).await {
        Ok(_) => Redirect::to(&format!("/admin/{slug}/media?deleted=1")).into_response(),
        Err(e) => HttpError(e).into_response(),
    }
}
