//! The blob store behind every uploaded file: one type over a local directory, S3-compatible
//! object storage or memory (tests), chosen by a URL at start-up.

use bytes::Bytes;
use object_store::aws::{AmazonS3Builder, AmazonS3ConfigKey};
use object_store::local::LocalFileSystem;
use object_store::memory::InMemory;
use object_store::path::Path as ObjectPath;
use object_store::prefix::PrefixStore;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload};
use std::path::Path;
use std::sync::Arc;

#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    /// The `--media-store` URL cannot be used; the message says why.
    #[error("media store: {0}")]
    Config(String),
    /// The storage failed (disk full, bucket unreachable, …).
    #[error("media store: {0}")]
    Backend(#[from] object_store::Error),
}

/// Where uploaded files are kept. Cheap to clone; keys are `/`-separated paths.
#[derive(Clone)]
pub struct MediaStore {
    inner: Arc<dyn ObjectStore>,
    description: String,
}

impl std::fmt::Debug for MediaStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.description)
    }
}

impl MediaStore {
    /// Files under a directory, the default (`DATA/media`). The directory is created with
    /// the first upload, so commands that never store a file leave no trace.
    pub fn local(dir: &Path) -> Result<MediaStore, StorageError> {
        let abs = if dir.is_absolute() {
            dir.to_path_buf()
        } else {
            std::env::current_dir()
                .map_err(|e| StorageError::Config(format!("no working directory: {e}")))?
                .join(dir)
        };
        let prefix = ObjectPath::from_absolute_path(&abs)
            .map_err(|e| StorageError::Config(format!("{}: {e}", abs.display())))?;
        Ok(MediaStore {
            inner: Arc::new(PrefixStore::new(LocalFileSystem::new(), prefix)),
            description: format!("directory {}", abs.display()),
        })
    }

    /// Files in memory, gone when the process ends (tests).
    pub fn memory() -> MediaStore {
        MediaStore {
            inner: Arc::new(InMemory::new()),
            description: "memory".into(),
        }
    }

    /// From a URL: `s3://BUCKET[/PREFIX]` (credentials, region and endpoint from the usual
    /// `AWS_*` variables: `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_REGION`,
    /// `AWS_ENDPOINT` for MinIO and other S3-compatible stores, `AWS_ALLOW_HTTP=true` for a
    /// plain-HTTP endpoint), `file:///PATH` or a plain directory path, or `memory:`.
    pub fn from_url(url: &str) -> Result<MediaStore, StorageError> {
        MediaStore::from_url_with(url, std::env::vars())
    }

    /// [`MediaStore::from_url`] with the `AWS_*` settings given rather than read from the
    /// environment (tests, and callers that keep settings elsewhere).
    pub fn from_url_with(
        url: &str,
        vars: impl IntoIterator<Item = (String, String)>,
    ) -> Result<MediaStore, StorageError> {
        if let Some(rest) = url.strip_prefix("s3://") {
            let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
            if bucket.is_empty() {
                return Err(StorageError::Config(format!(
                    "{url:?} names no bucket (use s3://BUCKET or s3://BUCKET/PREFIX)"
                )));
            }
            let mut builder = AmazonS3Builder::new();
            for (key, value) in vars {
                if let Some(Ok(key)) = key
                    .starts_with("AWS_")
                    .then(|| key.to_ascii_lowercase().parse::<AmazonS3ConfigKey>())
                {
                    builder = builder.with_config(key, value);
                }
            }
            let s3 = builder
                .with_bucket_name(bucket)
                .build()
                .map_err(|e| StorageError::Config(format!("{url}: {e}")))?;
            let prefix = prefix.trim_matches('/');
            let inner: Arc<dyn ObjectStore> = if prefix.is_empty() {
                Arc::new(s3)
            } else {
                Arc::new(PrefixStore::new(s3, prefix))
            };
            return Ok(MediaStore {
                inner,
                description: format!(
                    "S3 bucket {bucket}{}",
                    if prefix.is_empty() {
                        String::new()
                    } else {
                        format!(" under {prefix}/")
                    }
                ),
            });
        }
        if url == "memory:" {
            return Ok(MediaStore::memory());
        }
        if let Some(path) = url.strip_prefix("file://") {
            return MediaStore::local(Path::new(path));
        }
        if url.contains("://") {
            return Err(StorageError::Config(format!(
                "{url:?}: use s3://BUCKET[/PREFIX], file:///PATH or a directory path"
            )));
        }
        MediaStore::local(Path::new(url))
    }

    /// Stores `bytes` under `key`, replacing what was there.
    pub async fn put(&self, key: &str, bytes: Vec<u8>) -> Result<(), StorageError> {
        self.inner
            .put(&object_path(key)?, PutPayload::from(bytes))
            .await?;
        Ok(())
    }

    /// The bytes under `key`, or None when there is nothing there.
    pub async fn get(&self, key: &str) -> Result<Option<Bytes>, StorageError> {
        match self.inner.get(&object_path(key)?).await {
            Ok(r) => Ok(Some(r.bytes().await?)),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// Removes `key`; removing what is not there is not an error.
    pub async fn delete(&self, key: &str) -> Result<(), StorageError> {
        match self.inner.delete(&object_path(key)?).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(e.into()),
        }
    }
}

/// Keys are made by tsuzuri, but a key with an empty, `.` or `..` segment is refused here
/// too, so nothing can ever reach outside the store's root.
fn object_path(key: &str) -> Result<ObjectPath, StorageError> {
    if key
        .split('/')
        .any(|s| s.is_empty() || s == "." || s == "..")
    {
        return Err(StorageError::Config(format!("unsafe key {key:?}")));
    }
    ObjectPath::parse(key).map_err(|e| StorageError::Config(format!("key {key:?}: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn round_trip(store: &MediaStore) {
        assert_eq!(store.get("1/2026/11/a.jpg").await.expect("get"), None);
        store
            .put("1/2026/11/a.jpg", b"bytes".to_vec())
            .await
            .expect("put");
        assert_eq!(
            store.get("1/2026/11/a.jpg").await.expect("get").as_deref(),
            Some(&b"bytes"[..])
        );
        store.delete("1/2026/11/a.jpg").await.expect("delete");
        store.delete("1/2026/11/a.jpg").await.expect("delete twice");
        assert_eq!(store.get("1/2026/11/a.jpg").await.expect("get"), None);
        assert!(store.put("../escape", vec![]).await.is_err());
        assert!(store.get("1//a").await.is_err());
    }

    #[tokio::test]
    async fn a_local_directory_and_memory_behave_alike() {
        let dir = tempfile::tempdir().expect("tempdir");
        let local =
            MediaStore::from_url(&dir.path().join("media").display().to_string()).expect("local");
        round_trip(&local).await;
        local.put("7/x.png", b"png".to_vec()).await.expect("put");
        assert!(dir.path().join("media/7/x.png").is_file());
        round_trip(&MediaStore::from_url("memory:").expect("memory")).await;
    }

    #[test]
    fn bad_urls_say_what_to_use() {
        let e = MediaStore::from_url("ftp://x").expect_err("refused");
        assert!(e.to_string().contains("s3://BUCKET"), "{e}");
        assert!(MediaStore::from_url("s3://").is_err());
    }
}
