//! Descriptions of uploaded files (the bytes are in the media store, not here).

use crate::sqlite_read::{Arg, sqlite_row};
use crate::{Store, StoreError, with_pool};
use tsuzuri_core::{BlogId, UserId};

/// One uploaded file.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct MediaRow {
    pub id: i64,
    pub blog_id: i64,
    pub uploaded_by: Option<i64>,
    /// Below `/media/{blog}/`, e.g. `2026/11/photo-3fa2b1c4.jpg`.
    pub path: String,
    pub original_name: String,
    pub content_type: String,
    pub byte_size: i64,
    pub width: Option<i64>,
    pub height: Option<i64>,
    pub thumb_path: Option<String>,
    pub medium_path: Option<String>,
    pub alt_text: String,
    pub sha256: String,
    pub created_at: i64,
}

sqlite_row! {
    MediaRow { id, blog_id, uploaded_by, path, original_name, content_type, byte_size, width,
               height, thumb_path, medium_path, alt_text, sha256, created_at }
}

const MEDIA_COLUMNS: &str = "id, blog_id, uploaded_by, path, original_name, content_type, byte_size, \
     width, height, thumb_path, medium_path, alt_text, sha256, created_at";

/// A file to record, after its bytes are stored.
#[derive(Debug, Clone)]
pub struct NewMedia<'a> {
    pub blog: BlogId,
    pub uploaded_by: UserId,
    pub path: &'a str,
    pub original_name: &'a str,
    pub content_type: &'a str,
    pub byte_size: i64,
    pub width: Option<i64>,
    pub height: Option<i64>,
    pub thumb_path: Option<&'a str>,
    pub medium_path: Option<&'a str>,
    pub alt_text: &'a str,
    pub sha256: &'a str,
    pub created_at: i64,
}

impl Store {
    /// Records an upload if `uploaded_by` is a member of the blog (or `is_admin`): the check
    /// is part of the insert. None when it is not.
    pub async fn insert_media(
        &self,
        m: &NewMedia<'_>,
        is_admin: bool,
    ) -> Result<Option<MediaRow>, StoreError> {
        let sql = format!(
            "INSERT INTO media (blog_id, uploaded_by, path, original_name, content_type, byte_size,
                                width, height, thumb_path, medium_path, alt_text, sha256, created_at)
             SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13
             WHERE $14 = 1 OR EXISTS (SELECT 1 FROM blog_members WHERE blog_id = $1 AND user_id = $2)
             RETURNING {MEDIA_COLUMNS}"
        );
        Ok(with_pool!(self, write, |pool| {
            sqlx::query_as::<_, MediaRow>(sqlx::AssertSqlSafe(sql.as_str()))
                .bind(m.blog.0)
                .bind(m.uploaded_by.0)
                .bind(m.path)
                .bind(m.original_name)
                .bind(m.content_type)
                .bind(m.byte_size)
                .bind(m.width)
                .bind(m.height)
                .bind(m.thumb_path)
                .bind(m.medium_path)
                .bind(m.alt_text)
                .bind(m.sha256)
                .bind(m.created_at)
                .bind(i64::from(is_admin))
                .fetch_optional(pool)
                .await?
        }))
    }

    /// A blog's files, newest first.
    pub async fn media_of_blog(
        &self,
        blog: BlogId,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<MediaRow>, StoreError> {
        self.read_all(
            &format!(
                "SELECT {MEDIA_COLUMNS} FROM media WHERE blog_id = $1
                 ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3"
            ),
            &[Arg::Int(blog.0), Arg::Int(limit), Arg::Int(offset)],
        )
        .await
    }

    pub async fn count_media(&self, blog: BlogId) -> Result<i64, StoreError> {
        let (n,): (i64,) = self
            .read_one(
                "SELECT COUNT(*) FROM media WHERE blog_id = $1",
                &[Arg::Int(blog.0)],
            )
            .await?;
        Ok(n)
    }

    /// The blog's file with these bytes, if it was uploaded before.
    pub async fn find_media_by_hash(
        &self,
        blog: BlogId,
        sha256: &str,
    ) -> Result<Option<MediaRow>, StoreError> {
        self.read_opt(
            &format!(
                "SELECT {MEDIA_COLUMNS} FROM media WHERE blog_id = $1 AND sha256 = $2
                 ORDER BY id LIMIT 1"
            ),
            &[Arg::Int(blog.0), Arg::Text(sha256)],
        )
        .await
    }

    /// Forgets a file if `user` may delete it: its uploader, or anyone when `may_delete_any`
    /// (editors, owners, host administrators). Returns what was deleted, so its bytes can go.
    pub async fn delete_media(
        &self,
        blog: BlogId,
        id: i64,
        user: UserId,
        may_delete_any: bool,
    ) -> Result<Option<MediaRow>, StoreError> {
        let sql = format!(
            "DELETE FROM media WHERE blog_id = $1 AND id = $2 AND ($4 = 1 OR uploaded_by = $3)
             RETURNING {MEDIA_COLUMNS}"
        );
        Ok(with_pool!(self, write, |pool| {
            sqlx::query_as::<_, MediaRow>(sqlx::AssertSqlSafe(sql.as_str()))
                .bind(blog.0)
                .bind(id)
                .bind(user.0)
                .bind(i64::from(may_delete_any))
                .fetch_optional(pool)
                .await?
        }))
    }
}
