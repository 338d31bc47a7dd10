//! Domain types and rules of tsuzuri: ids, slugs, permalinks, statuses, text formats,
//! languages and the blog clock. No I/O, no HTTP, no SQL, no async runtime: every function
//! here takes values and returns values, which is what makes the rules easy to test.

pub mod blog;
pub mod diff;
pub mod entry;
pub mod error;
pub mod ids;
pub mod message;
pub mod origins;
pub mod permalink;
pub mod slug;
pub mod spamfilter;
pub mod status;
pub mod time;

pub use blog::{BlogSettings, Lang};
pub use entry::{EntryStatus, TextFormat};
pub use error::ValidationError;
pub use ids::{BlogId, CategoryId, CommentId, EntryId, PingId, UserId};
pub use status::{CommentPolicy, PingPolicy, ResponseStatus, Role, SendStatus, SignUpPolicy};
