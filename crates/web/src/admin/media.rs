//! Admin pages of uploaded files: the media library, uploads (from the library's form or
//! the editor's panel, which asks for JSON) and deletion.

use super::session::{Posted, RequestOrigins, Session};
use super::views::{BlogView, Frame, errors_by_field};
use super::*;
use axum::extract::Multipart;
use serde::Serialize;
use std::collections::BTreeMap;
use tsuzuri_app::media::{MediaRow, Upload, insert_snippets};
use tsuzuri_core::origins::Origins;
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
#[derive(Serialize)]
pub(super) struct MediaView<'a> {
    id: i64,
    name: &'a str,
    alt: &'a str,
    url: String,
    preview_url: Option<String>,
    /// What the editor inserts, in Markdown and in HTML.
    markdown: String,
    html: String,
    content_type: &'a str,
    size: String,
    dimensions: Option<String>,
    /// Whether the signed-in user may delete it (set on the library page only).
    #[serde(skip_serializing_if = "Option::is_none")]
    may_delete: Option<bool>,
}

impl<'a> MediaView<'a> {
    pub(super) fn of(blog_slug: &str, m: &'a MediaRow) -> Self {
        let s = insert_snippets(blog_slug, m);
        MediaView {
            id: m.id,
            name: &m.original_name,
            alt: &m.alt_text,
            url: s.url,
            preview_url: s.preview_url,
            markdown: s.markdown,
            html: s.html,
            content_type: &m.content_type,
            size: human_size(m.byte_size),
            dimensions: m.width.zip(m.height).map(|(w, h)| format!("{w}×{h}")),
            may_delete: None,
        }
    }
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

/// The editor's panel's answer to an upload, as JSON.
#[derive(Serialize)]
struct Uploaded<'a> {
    files: Vec<MediaView<'a>>,
}

#[derive(Serialize)]
struct UploadRefused {
    error: String,
}

#[derive(Serialize)]
struct LibraryView<'a> {
    blog: BlogView<'a>,
    items: Vec<MediaView<'a>>,
    total: i64,
    page: i64,
    pages: i64,
    errors: BTreeMap<&'a str, String>,
    max_mb: usize,
}

async fn library_page(
    s: &AppState,
    (status, who, origins): (StatusCode, &SignedIn, &Origins),
    slug: &str,
    page_no: i64,
    errors: &[(String, String)],
    notice: Option<String>,
) -> Result<Response, HttpError> {
    let lib = s.app.media_library(who, slug, page_no).await?;
    let items = lib
        .items
        .iter()
        .map(|m| MediaView {
            may_delete: Some(lib.may_delete(who, m)),
            ..MediaView::of(&lib.blog.slug, m)
        })
        .collect();
    let view = LibraryView {
        blog: BlogView::of(&lib.blog, origins),
        items,
        total: lib.total,
        page: lib.page,
        pages: lib.pages,
        errors: errors_by_field(errors),
        max_mb: s.config.max_upload_bytes / (1024 * 1024),
    };
    Ok(page(
        s,
        status,
        "admin/media.html",
        Frame::new(who, view).with_notice(notice),
    ))
}

pub(super) async fn library(
    State(s): State<AppState>,
    Session(who): Session,
    RequestOrigins(origins): RequestOrigins,
    Path(slug): Path<String>,
    Query(q): Query<PageQuery>,
) -> Result<Response, HttpError> {
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
    let page_no = q.page.unwrap_or(1);
    library_page(
        &s,
        (StatusCode::OK, &who, &origins),
        &slug,
        page_no,
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

/// One part of a multipart body (its field name, file name and bytes), or why the body
/// cannot be read.
async fn next_part(
    multipart: &mut Multipart,
    too_large: impl Fn() -> (StatusCode, String),
) -> Result<Option<(String, Option<String>, axum::body::Bytes)>, (StatusCode, String)> {
    let refused = |e: axum::extract::multipart::MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            too_large()
        } else {
            (StatusCode::BAD_REQUEST, malformed(&e))
        }
    };
    let Some(field) = multipart.next_field().await.map_err(refused)? else {
        return Ok(None);
    };
    let name = field.name().unwrap_or("").to_owned();
    let file_name = field.file_name().map(str::to_owned);
    let data = field.bytes().await.map_err(refused)?;
    Ok(Some((name, file_name, data)))
}

async fn read_upload(
    mut multipart: Multipart,
    max_bytes: usize,
) -> Result<UploadForm, (StatusCode, String)> {
    let too_large = || {
        let mb = Arg::from(max_bytes / (1024 * 1024));
        let message = crate::ui::tr_with("media-too-large", &[("mb", mb)]);
        (StatusCode::PAYLOAD_TOO_LARGE, message)
    };
    let mut form = UploadForm {
        csrf: String::new(),
        alt: String::new(),
        files: Vec::new(),
    };
    while let Some((name, file_name, data)) = next_part(&mut multipart, too_large).await? {
        match name.as_str() {
            "csrf" => form.csrf = String::from_utf8_lossy(&data).into_owned(),
            "alt" => form.alt = String::from_utf8_lossy(&data).into_owned(),
            // A file input left empty still sends a part with no name and no bytes.
            "file" if data.is_empty() && file_name.as_deref().unwrap_or("").is_empty() => {}
            "file" if data.len() > max_bytes => return Err(too_large()),
            "file" => form
                .files
                .push((file_name.unwrap_or_default(), data.to_vec())),
            _ => {}
        }
    }
    Ok(form)
}

/// How an upload answers: JSON for the editor's panel, the library page for its form.
struct UploadAnswer<'a> {
    s: &'a AppState,
    who: &'a SignedIn,
    origins: &'a Origins,
    slug: &'a str,
    json: bool,
}

impl UploadAnswer<'_> {
    async fn refused(
        &self,
        status: StatusCode,
        message: String,
        notice: Option<String>,
    ) -> Result<Response, HttpError> {
        if self.json {
            return Ok((status, axum::Json(UploadRefused { error: message })).into_response());
        }
        let errors = [("file".to_owned(), message)];
        let frame = (status, self.who, self.origins);
        library_page(self.s, frame, self.slug, 1, &errors, notice).await
    }

    /// One file of several could not be taken: why, and how many before it were.
    async fn file_refused(
        &self,
        file_name: &str,
        errors: &[(String, String)],
        stored_before: usize,
    ) -> Result<Response, HttpError> {
        let why: Vec<String> = errors.iter().map(|(_, m)| crate::ui::say(m)).collect();
        let message = format!("{file_name}: {}", why.join(" "));
        let notice = (stored_before > 0).then(|| {
            let count = Arg::from(stored_before);
            crate::ui::tr_with("media-uploaded-before", &[("count", count)])
        });
        self.refused(StatusCode::UNSUPPORTED_MEDIA_TYPE, message, notice)
            .await
    }

    fn stored(&self, uploaded: &[MediaRow], known: usize) -> Response {
        if self.json {
            let files = uploaded
                .iter()
                .map(|m| MediaView::of(self.slug, m))
                .collect();
            return (StatusCode::CREATED, axum::Json(Uploaded { files })).into_response();
        }
        let to = format!(
            "/admin/{}/media?uploaded={}&known={known}",
            self.slug,
            uploaded.len()
        );
        Redirect::to(&to).into_response()
    }
}

pub(super) async fn upload(
    State(s): State<AppState>,
    // Who is asking is known from the headers alone: nobody's bytes are read before that.
    Session(who): Session,
    RequestOrigins(origins): RequestOrigins,
    headers: HeaderMap,
    Path(slug): Path<String>,
    multipart: Multipart,
) -> Result<Response, HttpError> {
    let answer = UploadAnswer {
        s: &s,
        who: &who,
        origins: &origins,
        slug: &slug,
        json: wants_json(&headers),
    };
    let form = match read_upload(multipart, s.config.max_upload_bytes).await {
        Ok(f) => f,
        Err((status, message)) => return answer.refused(status, message, None).await,
    };
    if !same_origin(&headers) || !secrets_match(&form.csrf, &who.csrf_token) {
        return Ok(forbidden("error-form-token"));
    }
    if form.files.is_empty() {
        let message = crate::ui::tr("media-choose-file");
        return answer.refused(StatusCode::BAD_REQUEST, message, None).await;
    }
    let (mut uploaded, mut known) = (Vec::new(), 0);
    for (file_name, bytes) in form.files {
        let upload = Upload {
            file_name: file_name.clone(),
            bytes,
            alt_text: form.alt.clone(),
        };
        match s.app.upload_media(&who, &slug, upload).await {
            Ok(u) => {
                known += usize::from(u.already_there);
                uploaded.push(u.media);
            }
            Err(Error::InvalidForm(errors)) => {
                return answer
                    .file_refused(&file_name, &errors, uploaded.len())
                    .await;
            }
            Err(e) => return Err(e.into()),
        }
    }
    Ok(answer.stored(&uploaded, known))
}

pub(super) async fn delete(
    State(s): State<AppState>,
    Path((slug, id)): Path<(String, i64)>,
    Posted(who, _): Posted<CsrfForm>,
) -> Result<Response, HttpError> {
    s.app.delete_media(&who, &slug, id).await?;
    Ok(Redirect::to(&format!("/admin/{slug}/media?deleted=1")).into_response())
}
