//! Users: the people who own and write blogs.

use crate::sqlite_read::Arg;
use crate::{NewUser, Store, StoreError, UserRow, with_pool};
use tsuzuri_core::UserId;

const USER_COLUMNS: &str =
    "id, login, email, display_name, password_hash, is_admin, created_at, lang";

impl Store {
    pub async fn create_user(&self, new: &NewUser) -> Result<UserId, StoreError> {
        let id: i64 = with_pool!(self, write, |pool| {
            sqlx::query_scalar(
                "INSERT INTO users (login, email, display_name, password_hash, is_admin, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
            )
            .bind(&new.login)
            .bind(&new.email)
            .bind(&new.display_name)
            .bind(&new.password_hash)
            .bind(new.is_admin)
            .bind(new.now)
            .fetch_one(pool)
            .await
            .map_err(|e| StoreError::conflict_or(e, || format!("the login {:?} is already taken", new.login)))?
        });
        Ok(UserId(id))
    }

    pub async fn find_user_by_login(&self, login: &str) -> Result<Option<UserRow>, StoreError> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE login = $1");
        self.read_opt(&sql, &[Arg::Text(login)]).await
    }

    pub async fn count_users(&self) -> Result<i64, StoreError> {
        let (n,): (i64,) = self.read_one("SELECT COUNT(*) FROM users", &[]).await?;
        Ok(n)
    }

    pub async fn find_user(&self, id: UserId) -> Result<Option<UserRow>, StoreError> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1");
        self.read_opt(&sql, &[Arg::Int(id.0)]).await
    }
}
