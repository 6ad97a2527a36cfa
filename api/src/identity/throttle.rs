//! Slows down password guessing, with its counters in the database (so that the limits hold
//! across server processes) and each attempt counted before the password is checked (so that
//! concurrent guesses cannot slip past a limit).
//!
//! - An account from one address (`pair`): after [`PER_PAIR`] attempts in a window, further
//!   attempts are refused unchecked until the window ends. A right password from another address
//!   still works: guessing from one place cannot lock a user out everywhere.
//! - An account from anywhere (`account`): past [`PER_ACCOUNT`] attempts in a window each attempt
//!   waits [`SLOWDOWN`] before it is checked, which makes guessing from many places slow without
//!   refusing the user's right password.
//! - User names that do not exist, from one address (`address`): past [`PER_ADDRESS`] in a window,
//!   each waits [`SLOWDOWN`] too. Known accounts behind the same address (a proxy) are not slowed
//!   by this.
//!
//! A key is the user name as the lookup reads it (trimmed, lower-case), so `"team3 "` and
//! `"TEAM3"` count as `team3`. A success clears its account's counters.

use std::time::Duration;

use chrono::{DateTime, Utc};
use entities::login_attempt;
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Statement};

use crate::error::{ServiceError, ServiceResult};

/// Attempts for one account from one address, per window, before further ones are refused.
pub const PER_PAIR: i32 = 5;
/// Attempts for one account from anywhere, per window, before each is slowed down.
pub const PER_ACCOUNT: i32 = 20;
/// Attempts with unknown names from one address, per window, before each is slowed down.
pub const PER_ADDRESS: i32 = 20;
/// How long a counting window lasts.
pub const WINDOW: Duration = Duration::from_secs(15 * 60);
/// The wait before a slowed-down attempt is checked.
pub const SLOWDOWN: Duration = Duration::from_secs(1);

/// The user name as the lookup reads it.
pub fn normalize(username: &str) -> String {
    username.trim().to_lowercase()
}

fn pair_key(username: &str, address: Option<&str>) -> String {
    format!("pair:{username}|{}", address.unwrap_or("-"))
}

fn account_key(username: &str) -> String {
    format!("account:{username}")
}

fn address_key(address: Option<&str>) -> String {
    format!("address:{}", address.unwrap_or("-"))
}

/// Counts one attempt under `key` and answers how many the window now holds, in one statement
/// (so that concurrent attempts each get their own number) and when the window ends.
async fn count(db: &impl ConnectionTrait, key: &str) -> ServiceResult<(i32, DateTime<Utc>)> {
    let now = crate::clock::now();
    let window = chrono::Duration::from_std(WINDOW).unwrap_or(chrono::Duration::minutes(15));
    let stale = now - window;
    let backend = db.get_database_backend();
    let (p1, p2, p3) = match backend {
        sea_orm::DatabaseBackend::Postgres => ("$1", "$2", "$3"),
        _ => ("?1", "?2", "?3"),
    };
    let sql = format!(
        "INSERT INTO login_attempts (key, attempts, window_started_at) VALUES ({p1}, 1, {p2}) \
         ON CONFLICT (key) DO UPDATE SET \
         attempts = CASE WHEN login_attempts.window_started_at < {p3} THEN 1 ELSE login_attempts.attempts + 1 END, \
         window_started_at = CASE WHEN login_attempts.window_started_at < {p3} THEN {p2} \
         ELSE login_attempts.window_started_at END \
         RETURNING attempts, window_started_at"
    );
    let row = db
        .query_one_raw(Statement::from_sql_and_values(backend, sql, [key.into(), now.into(), stale.into()]))
        .await?
        .ok_or_else(|| ServiceError::Internal(anyhow::anyhow!("counting a login attempt returned nothing")))?;
    let attempts: i32 = row.try_get("", "attempts")?;
    let started: DateTime<Utc> = row.try_get("", "window_started_at")?;
    Ok((attempts, started + window))
}

/// Counts an attempt for `username` (normalised) from `address`, before its password is checked:
/// `Err` (`UNAUTHENTICATED`, saying when to try again) once the pair's attempts are spent; a wait
/// first when the account is being guessed from many places.
pub async fn attempt(db: &DatabaseConnection, username: &str, address: Option<&str>) -> ServiceResult<()> {
    let (pair, window_ends) = count(db, &pair_key(username, address)).await?;
    if pair > PER_PAIR {
        let wait = (window_ends - crate::clock::now()).num_seconds().max(1);
        return Err(ServiceError::Unauthenticated(format!("too many failed attempts; try again in {wait} s")));
    }
    let (account, _) = count(db, &account_key(username)).await?;
    if account > PER_ACCOUNT {
        tokio::time::sleep(SLOWDOWN).await;
    }
    Ok(())
}

/// Counts an attempt with a user name that does not exist, from `address`; slows the address
/// down past its limit.
pub async fn unknown_name(db: &DatabaseConnection, address: Option<&str>) -> ServiceResult<()> {
    let (n, _) = count(db, &address_key(address)).await?;
    if n > PER_ADDRESS {
        tokio::time::sleep(SLOWDOWN).await;
    }
    Ok(())
}

/// Clears the account's counters after a right password, and forgets windows long over.
pub async fn succeeded(db: &DatabaseConnection, username: &str, address: Option<&str>) -> ServiceResult<()> {
    login_attempt::Entity::delete_many()
        .filter(login_attempt::Column::Key.is_in([pair_key(username, address), account_key(username)]))
        .exec(db)
        .await?;
    let window = chrono::Duration::from_std(WINDOW).unwrap_or(chrono::Duration::minutes(15));
    login_attempt::Entity::delete_many()
        .filter(login_attempt::Column::WindowStartedAt.lt(crate::clock::now() - window))
        .exec(db)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_counts_as_the_lookup_reads_it() {
        assert_eq!(normalize("  Team3 "), "team3");
        assert_eq!(pair_key(&normalize("TEAM3 "), Some("10.0.0.1")), pair_key("team3", Some("10.0.0.1")));
    }
}
