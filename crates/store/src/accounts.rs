//! Sessions, setup tokens, sign-in failure counters and blog membership.

use crate::sqlite_read::{Arg, sqlite_row};
use crate::{BlogRow, Store, StoreError, with_pool};
use tsuzuri_core::{CommentPolicy, PingPolicy, Role, UserId};

/// A live session with the user it belongs to.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SessionRow {
    pub user_id: i64,
    pub csrf_token: String,
    pub expires_at: i64,
    pub login: String,
    pub display_name: String,
    pub is_admin: bool,
    /// The user's chosen language (`ja`, `en`), or None to follow the browser.
    pub lang: Option<String>,
}

/// A blog a user may act on, with the user's role there.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MemberBlogRow {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub description: String,
    pub lang: String,
    pub timezone: String,
    pub owner_id: i64,
    pub created_at: i64,
    pub updated_at: i64,
    pub theme: String,
    pub templates_version: i64,
    #[sqlx(try_from = "String")]
    pub comment_policy: CommentPolicy,
    pub comments_close_days: i64,
    #[sqlx(try_from = "String")]
    pub ping_policy: PingPolicy,
    #[sqlx(try_from = "String")]
    pub role: Role,
}

impl MemberBlogRow {
    pub fn blog(&self) -> BlogRow {
        BlogRow {
            id: self.id,
            slug: self.slug.clone(),
            title: self.title.clone(),
            description: self.description.clone(),
            lang: self.lang.clone(),
            timezone: self.timezone.clone(),
            owner_id: self.owner_id,
            created_at: self.created_at,
            updated_at: self.updated_at,
            theme: self.theme.clone(),
            templates_version: self.templates_version,
            comment_policy: self.comment_policy,
            comments_close_days: self.comments_close_days,
            ping_policy: self.ping_policy,
        }
    }
}

sqlite_row! {
    SessionRow { user_id, csrf_token, expires_at, login, display_name, is_admin, lang }
    MemberBlogRow { id, slug, title, description, lang, timezone, owner_id, created_at, updated_at, theme, templates_version, comment_policy as String, comments_close_days, ping_policy as String, role as String }
}

impl Store {
    pub async fn create_session(
        &self,
        token_hash: &str,
        user: UserId,
        csrf_token: &str,
        now: i64,
        expires_at: i64,
    ) -> Result<(), StoreError> {
        with_pool!(self, write, |pool| {
            sqlx::query(
                "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at)
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(token_hash)
            .bind(user.0)
            .bind(csrf_token)
            .bind(now)
            .bind(expires_at)
            .execute(pool)
            .await?;
        });
        Ok(())
    }

    /// The unexpired session with this token hash, joined with its user.
    pub async fn find_session(
        &self,
        token_hash: &str,
        now: i64,
    ) -> Result<Option<SessionRow>, StoreError> {
        self.read_opt(
            "SELECT s.user_id, s.csrf_token, s.expires_at, u.login, u.display_name, u.is_admin,
                    u.lang
             FROM sessions s JOIN users u ON u.id = s.user_id
             WHERE s.token_hash = $1 AND s.expires_at > $2",
            &[Arg::Text(token_hash), Arg::Int(now)],
        )
        .await
    }

    /// Sets a user's language (None: follow the browser).
    pub async fn set_user_lang(&self, user: UserId, lang: Option<&str>) -> Result<(), StoreError> {
        with_pool!(self, write, |pool| {
            sqlx::query("UPDATE users SET lang = $1 WHERE id = $2")
                .bind(lang)
                .bind(user.0)
                .execute(pool)
                .await?;
        });
        Ok(())
    }

    pub async fn delete_session(&self, token_hash: &str) -> Result<(), StoreError> {
        with_pool!(self, write, |pool| {
            sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
                .bind(token_hash)
                .execute(pool)
                .await?;
        });
        Ok(())
    }

    /// Ends every session of a user (after a password change) and drops expired ones.
    pub async fn delete_sessions_of_user(&self, user: UserId, now: i64) -> Result<u64, StoreError> {
        Ok(with_pool!(self, write, |pool| {
            sqlx::query("DELETE FROM sessions WHERE user_id = $1 OR expires_at <= $2")
                .bind(user.0)
                .bind(now)
                .execute(pool)
                .await?
                .rows_affected()
        }))
    }

    pub async fn create_setup_token(
        &self,
        token_hash: &str,
        now: i64,
        expires_at: i64,
    ) -> Result<(), StoreError> {
        with_pool!(self, write, |pool| {
            sqlx::query(
                "INSERT INTO setup_tokens (token_hash, created_at, expires_at) VALUES ($1, $2, $3)",
            )
            .bind(token_hash)
            .bind(now)
            .bind(expires_at)
            .execute(pool)
            .await?;
        });
        Ok(())
    }

    /// Whether a setup token is unused and unexpired (for showing the form).
    pub async fn setup_token_is_valid(
        &self,
        token_hash: &str,
        now: i64,
    ) -> Result<bool, StoreError> {
        let row: Option<(i64,)> = self
            .read_opt(
                "SELECT expires_at FROM setup_tokens WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2",
                &[Arg::Text(token_hash), Arg::Int(now)],
            )
            .await?;
        Ok(row.is_some())
    }

    /// Marks a setup token used; true only for the one caller that used it first.
    pub async fn consume_setup_token(
        &self,
        token_hash: &str,
        now: i64,
    ) -> Result<bool, StoreError> {
        let n = with_pool!(self, write, |pool| {
            sqlx::query(
                "UPDATE setup_tokens SET used_at = $2
                 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2",
            )
            .bind(token_hash)
            .bind(now)
            .execute(pool)
            .await?
            .rows_affected()
        });
        Ok(n == 1)
    }

    /// Counts a failed sign-in under `key` in a window of `window` seconds; returns the count.
    pub async fn record_sign_in_failure(
        &self,
        key: &str,
        now: i64,
        window: i64,
    ) -> Result<i64, StoreError> {
        Ok(with_pool!(self, write, |pool| {
            sqlx::query_scalar(
                "INSERT INTO sign_in_failures (key, window_start, failures) VALUES ($1, $2, 1)
                 ON CONFLICT (key) DO UPDATE SET
                   failures = CASE WHEN sign_in_failures.window_start <= $3 THEN 1
                                   ELSE sign_in_failures.failures + 1 END,
                   window_start = CASE WHEN sign_in_failures.window_start <= $3 THEN $2
                                       ELSE sign_in_failures.window_start END
                 RETURNING failures",
            )
            .bind(key)
            .bind(now)
            // The window's cutoff is computed here: PostgreSQL cannot type `$2 - $3`.
            .bind(now - window)
            .fetch_one(pool)
            .await?
        }))
    }

    /// Failed sign-ins under `key` in the current window, with the window's start.
    pub async fn sign_in_failures(
        &self,
        key: &str,
        now: i64,
        window: i64,
    ) -> Result<(i64, i64), StoreError> {
        let row: Option<(i64, i64)> = self
            .read_opt(
                "SELECT failures, window_start FROM sign_in_failures WHERE key = $1 AND window_start > $2",
                &[Arg::Text(key), Arg::Int(now - window)],
            )
            .await?;
        Ok(row.unwrap_or((0, now)))
    }

    pub async fn clear_sign_in_failures(&self, key: &str) -> Result<(), StoreError> {
        with_pool!(self, write, |pool| {
            sqlx::query("DELETE FROM sign_in_failures WHERE key = $1")
                .bind(key)
                .execute(pool)
                .await?;
        });
        Ok(())
    }

    pub async fn set_password_hash(&self, user: UserId, hash: &str) -> Result<(), StoreError> {
        let n = with_pool!(self, write, |pool| {
            sqlx::query("UPDATE users SET password_hash = $2 WHERE id = $1")
                .bind(user.0)
                .bind(hash)
                .execute(pool)
                .await?
                .rows_affected()
        });
        if n == 0 {
            return Err(StoreError::NotFound(format!("no user with id {user}")));
        }
        Ok(())
    }

    /// The blogs a user may act on, with the role; host administrators see every blog as owner.
    pub async fn blogs_of_user(
        &self,
        user: UserId,
        is_admin: bool,
    ) -> Result<Vec<MemberBlogRow>, StoreError> {
        if is_admin {
            return self
                .read_all(
                    "SELECT b.id, b.slug, b.title, b.description, b.lang, b.timezone, b.owner_id,
                            b.created_at, b.updated_at, b.theme, b.templates_version, b.comment_policy, b.comments_close_days, b.ping_policy, COALESCE(m.role, 'owner') AS role
                     FROM blogs b LEFT JOIN blog_members m ON m.blog_id = b.id AND m.user_id = $1
                     ORDER BY b.slug",
                    &[Arg::Int(user.0)],
                )
                .await;
        }
        self.read_all(
            "SELECT b.id, b.slug, b.title, b.description, b.lang, b.timezone, b.owner_id,
                    b.created_at, b.updated_at, b.theme, b.templates_version, b.comment_policy, b.comments_close_days, b.ping_policy, m.role
             FROM blogs b JOIN blog_members m ON m.blog_id = b.id AND m.user_id = $1
             ORDER BY b.slug",
            &[Arg::Int(user.0)],
        )
        .await
    }

    /// The blog `slug` if `user` may act on it (checked in the query, not after loading).
    pub async fn find_blog_for_member(
        &self,
        slug: &str,
        user: UserId,
        is_admin: bool,
    ) -> Result<Option<MemberBlogRow>, StoreError> {
        self.read_opt(
            "SELECT b.id, b.slug, b.title, b.description, b.lang, b.timezone, b.owner_id,
                    b.created_at, b.updated_at, b.theme, b.templates_version, b.comment_policy, b.comments_close_days, b.ping_policy, COALESCE(m.role, 'owner') AS role
             FROM blogs b LEFT JOIN blog_members m ON m.blog_id = b.id AND m.user_id = $2
             WHERE b.slug = $1 AND (m.user_id IS NOT NULL OR $3 = 1)",
            &[
                Arg::Text(slug),
                Arg::Int(user.0),
                Arg::Int(i64::from(is_admin)),
            ],
        )
        .await
    }
}

/// An entry of any status, for the admin's lists.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AdminEntryRow {
    pub id: i64,
    pub title: String,
    pub status: String,
    pub path: String,
    pub authored_on: i64,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StatusCountRow {
    pub status: String,
    pub entries: i64,
}

sqlite_row! {
    AdminEntryRow { id, title, status, path, authored_on }
    StatusCountRow { status, entries }
}

impl Store {
    /// The newest entries of a blog whatever their status (the caller checked membership).
    pub async fn admin_recent_entries(
        &self,
        blog: tsuzuri_core::BlogId,
        limit: i64,
    ) -> Result<Vec<AdminEntryRow>, StoreError> {
        self.read_all(
            "SELECT id, title, status, path, authored_on FROM entries WHERE blog_id = $1
             ORDER BY authored_on DESC, id DESC LIMIT $2",
            &[Arg::Int(blog.0), Arg::Int(limit)],
        )
        .await
    }

    pub async fn entry_status_counts(
        &self,
        blog: tsuzuri_core::BlogId,
    ) -> Result<Vec<StatusCountRow>, StoreError> {
        self.read_all(
            "SELECT status, COUNT(*) AS entries FROM entries WHERE blog_id = $1 GROUP BY status ORDER BY status",
            &[Arg::Int(blog.0)],
        )
        .await
    }
}

impl Store {
    /// How many blogs a user owns.
    pub async fn count_owned_blogs(&self, user: UserId) -> Result<i64, StoreError> {
        let (n,): (i64,) = self
            .read_one(
                "SELECT COUNT(*) FROM blog_members WHERE user_id = $1 AND role = 'owner'",
                &[Arg::Int(user.0)],
            )
            .await?;
        Ok(n)
    }
}

impl Store {
    pub async fn host_setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        let row: Option<(String,)> = self
            .read_opt(
                "SELECT value FROM host_settings WHERE key = $1",
                &[Arg::Text(key)],
            )
            .await?;
        Ok(row.map(|(v,)| v))
    }

    pub async fn set_host_setting(&self, key: &str, value: &str) -> Result<(), StoreError> {
        with_pool!(self, write, |pool| {
            sqlx::query(
                "INSERT INTO host_settings (key, value) VALUES ($1, $2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            )
            .bind(key)
            .bind(value)
            .execute(pool)
            .await?;
        });
        Ok(())
    }

    pub async fn create_invite(
        &self,
        token_hash: &str,
        by: UserId,
        now: i64,
        expires_at: i64,
    ) -> Result<(), StoreError> {
        with_pool!(self, write, |pool| {
            sqlx::query("INSERT INTO invites (token_hash, created_by, created_at, expires_at) VALUES ($1, $2, $3, $4)")
                .bind(token_hash)
                .bind(by.0)
                .bind(now)
                .bind(expires_at)
                .execute(pool)
                .await?;
        });
        Ok(())
    }

    pub async fn invite_is_valid(&self, token_hash: &str, now: i64) -> Result<bool, StoreError> {
        let row: Option<(i64,)> = self
            .read_opt(
                "SELECT expires_at FROM invites WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2",
                &[Arg::Text(token_hash), Arg::Int(now)],
            )
            .await?;
        Ok(row.is_some())
    }

    /// Marks an invite used; true only for the first caller.
    pub async fn consume_invite(&self, token_hash: &str, now: i64) -> Result<bool, StoreError> {
        let n = with_pool!(self, write, |pool| {
            sqlx::query("UPDATE invites SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2")
                .bind(token_hash)
                .bind(now)
                .execute(pool)
                .await?
                .rows_affected()
        });
        Ok(n == 1)
    }
}

/// Filters of the admin's entry list.
#[derive(Debug, Clone, Default)]
pub struct AdminEntryFilter {
    /// A status (`draft`, `publish`, `trash`, …); None = everything but the trash.
    pub status: Option<String>,
    /// Text the title or body contains.
    pub text: Option<String>,
    /// Only entries of this author (authors see their own).
    pub author_id: Option<i64>,
    /// Only entries in this category (by id; its subcategories are not included).
    pub category_id: Option<i64>,
}

fn like_pattern(text: &str) -> String {
    let escaped = text
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

impl Store {
    /// One page of a blog's entries for the admin, newest first, with the total count.
    pub async fn admin_entries(
        &self,
        blog: tsuzuri_core::BlogId,
        filter: &AdminEntryFilter,
        limit: i64,
        offset: i64,
    ) -> Result<(Vec<AdminEntryRow>, i64), StoreError> {
        let mut cond = String::from("e.blog_id = $1");
        let mut args: Vec<Arg<'_>> = vec![Arg::Int(blog.0)];
        match &filter.status {
            Some(status) => {
                args.push(Arg::Text(status));
                cond.push_str(&format!(" AND e.status = ${}", args.len()));
            }
            None => cond.push_str(" AND e.status <> 'trash'"),
        }
        let pattern = filter.text.as_deref().map(like_pattern);
        if let Some(p) = &pattern {
            args.push(Arg::Text(p));
            let n = args.len();
            cond.push_str(&format!(
                " AND (e.title LIKE ${n} ESCAPE '\\' OR t.body_source LIKE ${n} ESCAPE '\\' OR t.more_source LIKE ${n} ESCAPE '\\')"
            ));
        }
        if let Some(a) = filter.author_id {
            args.push(Arg::Int(a));
            cond.push_str(&format!(" AND e.author_id = ${}", args.len()));
        }
        if let Some(c) = filter.category_id {
            args.push(Arg::Int(c));
            cond.push_str(&format!(
                " AND EXISTS (SELECT 1 FROM entry_categories ec WHERE ec.entry_id = e.id AND ec.category_id = ${})",
                args.len()
            ));
        }
        let (count,): (i64,) = self
            .read_one(&format!("SELECT COUNT(*) FROM entries e JOIN entry_texts t ON t.entry_id = e.id WHERE {cond}"), &args)
            .await?;
        let n = args.len();
        args.push(Arg::Int(limit));
        args.push(Arg::Int(offset));
        let rows = self
            .read_all(
                &format!(
                    "SELECT e.id, e.title, e.status, e.path, e.authored_on
                     FROM entries e JOIN entry_texts t ON t.entry_id = e.id WHERE {cond}
                     ORDER BY e.authored_on DESC, e.id DESC LIMIT ${} OFFSET ${}",
                    n + 1,
                    n + 2
                ),
                &args,
            )
            .await?;
        Ok((rows, count))
    }
}
