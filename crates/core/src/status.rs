//! Roles, policies and statuses as types. The database keeps each as a word (`author`,
//! `moderated`, `spam`); here each word has one spelling, and a comparison with a misspelt
//! one cannot compile. Serialised as the same words, so templates and JSON see them as stored.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use thiserror::Error;

/// A stored word that names none of a type's values (a row written by a newer release, or
/// by hand).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{word:?} is not a known {kind}")]
pub struct UnknownWord {
    pub kind: &'static str,
    pub word: String,
}

macro_rules! stored_words {
    ($(#[$meta:meta])* $name:ident ($kind:literal) {
        $($(#[$vmeta:meta])* $variant:ident = $word:literal),+ $(,)?
    }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            pub const ALL: &[$name] = &[$($name::$variant),+];

            /// The word the database keeps.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $word),+
                }
            }

            pub fn parse(word: &str) -> Result<Self, UnknownWord> {
                match word {
                    $($word => Ok($name::$variant),)+
                    other => Err(UnknownWord { kind: $kind, word: other.to_owned() }),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl TryFrom<String> for $name {
            type Error = UnknownWord;
            fn try_from(word: String) -> Result<Self, UnknownWord> {
                $name::parse(&word)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let word = String::deserialize(d)?;
                $name::parse(&word).map_err(serde::de::Error::custom)
            }
        }
    };
}

stored_words! {
    /// What a member may do on a blog. Host administrators may do everything on every blog
    /// whatever their role.
    Role ("role") {
        /// Settings, members, templates, and everything an editor may.
        Owner = "owner",
        /// Every entry, comment and ping of the blog.
        Editor = "editor",
        /// Their own entries and media.
        Author = "author",
    }
}

impl Role {
    /// True when this member may touch entries written by others.
    pub fn edits_others(self) -> bool {
        self != Role::Author
    }
}

stored_words! {
    /// Who may comment on a blog's entries, and whether comments wait for approval.
    CommentPolicy ("comment policy") {
        /// Shown at once; suspicious ones are held.
        Open = "open",
        /// Every comment waits for approval.
        Moderated = "moderated",
        /// Only signed-in users may comment.
        SignedIn = "signed_in",
        /// No new comments.
        Closed = "closed",
    }
}

stored_words! {
    /// How a blog takes TrackBacks, Pingbacks and Webmentions.
    PingPolicy ("ping policy") {
        /// Shown when the sending page links to the entry.
        Verify = "verify",
        /// Every ping waits for approval.
        Moderated = "moderated",
        /// Shown at once, without checking the link.
        Open = "open",
        /// None taken.
        Closed = "closed",
    }
}

stored_words! {
    /// Where a received comment or ping is: shown, waiting for a moderator, or spam.
    ResponseStatus ("response status") {
        Approved = "approved",
        Pending = "pending",
        Spam = "spam",
    }
}

stored_words! {
    /// Where one outbound ping (to one linked page or listed TrackBack URL) is.
    SendStatus ("send status") {
        /// Due to be sent by a job.
        Queued = "queued",
        /// Listed by the author; sent when the entry is public.
        Waiting = "waiting",
        /// The other side took it.
        Sent = "sent",
        /// Refused, or given up after the retries.
        Failed = "failed",
        /// Could not be reached or was busy; tried again later.
        Retrying = "retrying",
        /// The page offers no way to be pinged.
        None = "none",
    }
}

stored_words! {
    /// Who may open an account on the host.
    SignUpPolicy ("sign-up policy") {
        /// Only the host administrator adds users (the default).
        Closed = "closed",
        /// Anyone with a single-use invite link.
        Invite = "invite",
        /// Anyone.
        Open = "open",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_round_trips_and_unknown_words_are_errors() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Ok(*r));
        }
        for p in CommentPolicy::ALL {
            assert_eq!(CommentPolicy::try_from(p.to_string()), Ok(*p));
        }
        for s in SendStatus::ALL {
            assert_eq!(SendStatus::parse(s.as_str()), Ok(*s));
        }
        let e = Role::parse("admin").expect_err("unknown");
        assert_eq!(e.to_string(), "\"admin\" is not a known role");
        assert_eq!(
            serde_json::to_string(&PingPolicy::Verify).ok().as_deref(),
            Some("\"verify\"")
        );
    }

    #[test]
    fn only_authors_are_kept_to_their_own_entries() {
        assert!(Role::Owner.edits_others() && Role::Editor.edits_others());
        assert!(!Role::Author.edits_others());
    }
}
