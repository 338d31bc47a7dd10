//! Use cases of uploaded files: upload (sniffed, pictures get smaller copies), the media
//! library, deletion, and reading a file back for readers.

use crate::accounts::SignedIn;
use crate::{App, Error, now};
use sha2::{Digest, Sha256};
use tsuzuri_core::blog::parse_timezone;
use tsuzuri_core::time::local_year_month;
use tsuzuri_core::{BlogId, UserId};
use tsuzuri_media::picture::{self, Derived};
pub use tsuzuri_media::sniff::Kind as FileKind;
use tsuzuri_media::sniff::{self, Kind};
pub use tsuzuri_media::{MediaStore, StorageError};
pub use tsuzuri_store::MediaRow;
use tsuzuri_store::NewMedia;

/// Files per page of the media library.
pub const MEDIA_PAGE_SIZE: i64 = 48;

/// An uploaded file as it arrived.
pub struct Upload {
    /// The name on the uploader's computer (kept for display, never trusted for the type).
    pub file_name: String,
    pub bytes: Vec<u8>,
    /// Text for readers who cannot see the picture.
    pub alt_text: String,
}

/// The result of an upload: the file, and whether it was already in the library.
pub struct Uploaded {
    pub media: MediaRow,
    pub already_there: bool,
}

/// One page of a blog's media library.
pub struct MediaLibrary {
    pub blog: tsuzuri_store::MemberBlogRow,
    pub items: Vec<MediaRow>,
    pub total: i64,
    pub page: i64,
    pub pages: i64,
}

impl MediaLibrary {
    /// Whether `who` may delete `m`: authors only what they uploaded, as `delete_media` checks.
    pub fn may_delete(&self, who: &SignedIn, m: &MediaRow) -> bool {
        may_delete_any(who, &self.blog) || m.uploaded_by == Some(who.user_id.0)
    }
}

fn may_delete_any(who: &SignedIn, blog: &tsuzuri_store::MemberBlogRow) -> bool {
    who.is_admin || blog.role.edits_others()
}

/// A file to send to a reader.
pub struct MediaFile {
    pub bytes: bytes::Bytes,
    pub kind: Kind,
}

impl App {
    /// Stores an upload for a blog `who` is a member of. The type is sniffed from the bytes;
    /// pictures get a thumbnail and, when wide, a medium copy. Uploading the same bytes
    /// twice gives back the first upload.
    pub async fn upload_media(
        &self,
        who: &SignedIn,
        slug: &str,
        upload: Upload,
    ) -> Result<Uploaded, Error> {
        let blog = self.managed_blog(who, slug).await?;
        let blog_id = BlogId(blog.id);
        let file_error = |m: String| Error::InvalidForm(vec![("file".into(), m)]);
        let kind = sniff::sniff(&upload.bytes).map_err(|e| {
            file_error(tsuzuri_core::message::message(
                "media-refused",
                &[("kind", &e.kind)],
            ))
        })?;
        let alt_text: String = upload.alt_text.trim().chars().take(500).collect();
        let sha256 = hex(&Sha256::digest(&upload.bytes));
        if let Some(media) = self.store.find_media_by_hash(blog_id, &sha256).await? {
            return Ok(Uploaded {
                media,
                already_there: true,
            });
        }
        let bytes = upload.bytes;
        let (bytes, derived) = if kind.raster {
            // Decoding a large photograph takes a while and much memory: off the async
            // workers, and only a few at once.
            let (bytes, derived) = crate::cpu::off_the_async_workers(move || {
                let d = picture::derive(&bytes, kind);
                (bytes, d)
            })
            .await?;
            (bytes, Some(derived.map_err(|e| file_error(e.to_string()))?))
        } else {
            (bytes, None)
        };

        let tz = parse_timezone(&blog.timezone)?;
        let created_at = now();
        let (year, month) = local_year_month(created_at, &tz);
        let original_name = display_name(&upload.file_name);
        let stem = format!(
            "{year:04}/{month:02}/{}-{}",
            file_stem(&original_name),
            &sha256[..8]
        );
        let path = format!("{stem}.{}", kind.ext);
        let mut stored = vec![path.clone()];
        let byte_size = i64::try_from(bytes.len()).unwrap_or(i64::MAX);
        let result = async {
            let (mut width, mut height, mut thumb_path, mut medium_path) = (None, None, None, None);
            if let Some(Derived {
                width: w,
                height: h,
                thumb,
                medium,
            }) = derived
            {
                width = Some(i64::from(w));
                height = Some(i64::from(h));
                if let Some((data, k)) = thumb {
                    let p = format!("{stem}-thumb.{}", k.ext);
                    self.media.put(&blob_key(blog_id, &p), data).await?;
                    stored.push(p.clone());
                    thumb_path = Some(p);
                }
                if let Some((data, k)) = medium {
                    let p = format!("{stem}-medium.{}", k.ext);
                    self.media.put(&blob_key(blog_id, &p), data).await?;
                    stored.push(p.clone());
                    medium_path = Some(p);
                }
            }
            self.media.put(&blob_key(blog_id, &path), bytes).await?;
            let row = self
                .store
                .insert_media(
                    &NewMedia {
                        blog: blog_id,
                        uploaded_by: UserId(who.user_id.0),
                        path: &path,
                        original_name: &original_name,
                        content_type: kind.mime,
                        byte_size,
                        width,
                        height,
                        thumb_path: thumb_path.as_deref(),
                        medium_path: medium_path.as_deref(),
                        alt_text: &alt_text,
                        sha256: &sha256,
                        created_at,
                    },
                    who.is_admin,
                )
                .await?;
            row.ok_or_else(|| Error::NotFound(crate::catalog_id("media-no-blog")))
        }
        .await;
        match result {
            Ok(media) => Ok(Uploaded {
                media,
                already_there: false,
            }),
            Err(e) => {
                // Nothing half-stored stays behind.
                for p in &stored {
                    if let Err(e) = self.media.delete(&blob_key(blog_id, p)).await {
                        tracing::warn!(error = %e, path = %p, "could not remove a failed upload");
                    }
                }
                Err(e)
            }
        }
    }

    /// A page of a blog's files, newest first.
    pub async fn media_library(
        &self,
        who: &SignedIn,
        slug: &str,
        page: i64,
    ) -> Result<MediaLibrary, Error> {
        let blog = self.managed_blog(who, slug).await?;
        let id = BlogId(blog.id);
        let total = self.store.count_media(id).await?;
        let pages = ((total + MEDIA_PAGE_SIZE - 1) / MEDIA_PAGE_SIZE).max(1);
        let page = page.clamp(1, pages);
        let items = self
            .store
            .media_of_blog(id, MEDIA_PAGE_SIZE, (page - 1) * MEDIA_PAGE_SIZE)
            .await?;
        Ok(MediaLibrary {
            blog,
            items,
            total,
            page,
            pages,
        })
    }

    /// The newest files of a blog, for the editor's media panel.
    pub async fn recent_media(
        &self,
        blog: &tsuzuri_store::MemberBlogRow,
        limit: i64,
    ) -> Result<Vec<MediaRow>, Error> {
        Ok(self.store.media_of_blog(BlogId(blog.id), limit, 0).await?)
    }

    /// Deletes a file and its copies. Authors may delete only what they uploaded.
    pub async fn delete_media(
        &self,
        who: &SignedIn,
        slug: &str,
        id: i64,
    ) -> Result<MediaRow, Error> {
        let blog = self.managed_blog(who, slug).await?;
        let blog_id = BlogId(blog.id);
        let may_delete_any = may_delete_any(who, &blog);
        let row = self
            .store
            .delete_media(blog_id, id, UserId(who.user_id.0), may_delete_any)
            .await?
            .ok_or_else(|| {
                Error::NotFound(if may_delete_any {
                    crate::catalog_id("media-no-such-file")
                } else {
                    crate::catalog_id("media-no-such-file-of-yours")
                })
            })?;
        for p in std::iter::once(&row.path)
            .chain(row.thumb_path.iter())
            .chain(row.medium_path.iter())
        {
            // The row is gone, so the file is unreachable either way; a leftover is only space.
            if let Err(e) = self.media.delete(&blob_key(blog_id, p)).await {
                tracing::warn!(error = %e, path = %p, "could not remove a deleted file's bytes");
            }
        }
        Ok(row)
    }

    /// A file for readers: `/media/{blog}/{path}`. None when there is no such file.
    pub async fn media_file(
        &self,
        blog_slug: &str,
        path: &str,
    ) -> Result<Option<MediaFile>, Error> {
        let Some(kind) = sniff::kind_of_stored_name(path) else {
            return Ok(None);
        };
        if path.split('/').any(|s| s.is_empty() || s.starts_with('.')) {
            return Ok(None);
        }
        let Some(blog) = self.store.find_blog_by_slug(blog_slug).await? else {
            return Ok(None);
        };
        let bytes = self
            .media
            .get(&blob_key(BlogId(blog.id), path))
            .await
            .map_err(|e| Error::Internal(e.to_string()))?;
        Ok(bytes.map(|bytes| MediaFile { bytes, kind }))
    }
}

impl From<tsuzuri_media::StorageError> for Error {
    fn from(e: tsuzuri_media::StorageError) -> Self {
        Error::Internal(e.to_string())
    }
}

fn blob_key(blog: BlogId, path: &str) -> String {
    format!("{}/{path}", blog.0)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The uploaded name without any folder part, trimmed to a sane length.
fn display_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("").trim();
    let base: String = base.chars().filter(|c| !c.is_control()).take(200).collect();
    if base.is_empty() { "file".into() } else { base }
}

/// An ASCII stem for the stored name (`写真 2.JPG` → `file`, `My Photo.jpg` → `my-photo`).
fn file_stem(name: &str) -> String {
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    let ascii: String = stem
        .chars()
        .map(|c| if c.is_ascii() { c } else { ' ' })
        .collect();
    let slug = tsuzuri_core::slug::slugify(&ascii, '-', 40);
    let slug = slug.trim_matches('-');
    if slug.is_empty() {
        "file".into()
    } else {
        slug.to_owned()
    }
}

/// How an uploaded file appears in an entry, in Markdown and in HTML: a picture (its
/// medium copy when there is one, linked to the original), or a link for other files.
pub struct InsertSnippets {
    pub url: String,
    /// The library thumbnail (the original for small pictures); None for other files.
    pub preview_url: Option<String>,
    pub markdown: String,
    pub html: String,
}

pub fn insert_snippets(blog_slug: &str, m: &MediaRow) -> InsertSnippets {
    let url_of = |p: &str| format!("/media/{blog_slug}/{p}");
    let url = url_of(&m.path);
    let is_picture = m.content_type.starts_with("image/");
    let preview_url = is_picture.then(|| url_of(m.thumb_path.as_deref().unwrap_or(&m.path)));
    let (markdown, html) = if is_picture {
        let shown = url_of(m.medium_path.as_deref().unwrap_or(&m.path));
        let md_alt: String = m
            .alt_text
            .chars()
            .flat_map(|c| match c {
                '[' | ']' | '\\' => vec!['\\', c],
                '\n' | '\r' => vec![' '],
                c => vec![c],
            })
            .collect();
        let img_html = format!(
            "<img src=\"{}\" alt=\"{}\">",
            html_attr(&shown),
            html_attr(&m.alt_text)
        );
        if m.medium_path.is_some() {
            (
                format!("[![{md_alt}]({shown})]({url})"),
                format!("<a href=\"{}\">{img_html}</a>", html_attr(&url)),
            )
        } else {
            (format!("![{md_alt}]({url})"), img_html)
        }
    } else {
        let name: String = m
            .original_name
            .chars()
            .flat_map(|c| match c {
                '[' | ']' | '\\' => vec!['\\', c],
                c => vec![c],
            })
            .collect();
        (
            format!("[{name}]({url})"),
            format!(
                "<a href=\"{}\">{}</a>",
                html_attr(&url),
                html_attr(&m.original_name)
            ),
        )
    };
    InsertSnippets {
        url,
        preview_url,
        markdown,
        html,
    }
}

fn html_attr(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_names_are_ascii_and_never_carry_a_folder() {
        assert_eq!(file_stem("My Photo.JPG"), "my-photo");
        assert_eq!(file_stem("写真 2.jpg"), "2");
        assert_eq!(file_stem("写真.jpg"), "file");
        assert_eq!(display_name("C:\\Users\\me\\旅行.png"), "旅行.png");
        assert_eq!(display_name("../../etc/passwd"), "passwd");
        assert_eq!(display_name(""), "file");
    }
}
