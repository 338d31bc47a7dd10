//! Uploaded files: what they are ([`sniff`]), the smaller copies of pictures ([`picture`]),
//! and where their bytes live ([`MediaStore`]: the data directory by default, S3-compatible
//! object storage when several nodes must see the same files). The database keeps only
//! their descriptions; this crate knows nothing of blogs or users.

pub mod picture;
pub mod sniff;
mod storage;

pub use storage::{MediaStore, StorageError};
