//! The rules of identity: logging in, who a token names, and changing one's own password.

use chrono::{DateTime, Utc};
use entities::{role_assignment, user};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, QueryFilter, Set};

use super::{password, throttle::Throttle, token::Tokens};
use crate::{
    error::{ServiceError, ServiceResult},
    gate::{Access, Action, Grant, Principal, RecordKind, unscoped},
};

/// The caller a token names, with their grants read now; `None` if the user is gone or disabled,
/// or the token was issued (at `issued_at`, seconds) before their password was reset.
pub async fn principal(db: &DatabaseConnection, user_id: i32, issued_at: i64) -> ServiceResult<Option<Principal>> {
    let Some((found, assignments)) = unscoped::<user::Entity>("authentication: the caller is who the token names")
        .filter(user::Column::Id.eq(user_id))
        .filter(user::Column::Disabled.eq(false))
        .find_with_related(role_assignment::Entity)
        .all(db)
        .await?
        .into_iter()
        .next()
    else {
        return Ok(None);
    };
    // Issued in the second of the revocation or before: see `Tokens::issue`.
    if found.tokens_valid_after.is_some_and(|t| issued_at <= t.timestamp()) {
        return Ok(None);
    }
    let grants = assignments
        .into_iter()
        .map(|a| Grant { role: a.role, organization_id: a.organization_id, round_id: a.round_id })
        .collect();
    Ok(Some(Principal { user_id, grants }))
}

/// The instant of a revocation now (a password change or reset, a credential revoked). Tokens
/// carry whole seconds, and those issued after the previous revocation are stamped from the second
/// after it (see `Tokens::issue`): so a second revocation within that second is moved to the next
/// one, and ends them too.
pub fn revoked_now(previous: Option<DateTime<Utc>>) -> DateTime<Utc> {
    let now = crate::clock::now();
    match previous.and_then(|p| DateTime::from_timestamp(p.timestamp() + 1, 0)) {
        Some(after_previous) => now.max(after_previous),
        None => now,
    }
}

/// The caller's own user row: everyone may read themselves, whatever their roles.
pub async fn me(db: &DatabaseConnection, access: &Access) -> ServiceResult<user::Model> {
    let id = access.principal()?.user_id;
    unscoped::<user::Entity>("everyone reads themselves, whatever their roles")
        .filter(user::Column::Id.eq(id))
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::Unauthenticated("the bearer token is not valid; log in again".into()))
}

/// A successful login.
pub struct Login {
    /// The bearer token.
    pub token: String,
    /// When it expires.
    pub expires_at: DateTime<Utc>,
    /// Who logged in.
    pub user: user::Model,
}

/// Checks a user name and password; slowed down per account and per address.
pub async fn login(
    db: &DatabaseConnection,
    access: &Access,
    tokens: &Tokens,
    throttle: &Throttle,
    username: &str,
    password_text: &str,
    address: Option<&str>,
) -> ServiceResult<Login> {
    let refused = || ServiceError::Unauthenticated("wrong user name or password".into());
    if let Err(wait) = throttle.check(username, address) {
        return Err(ServiceError::Unauthenticated(format!(
            "too many failed attempts; try again in {} s",
            wait.as_secs().max(1)
        )));
    }
    let username = username.trim().to_lowercase();
    let username = username.as_str();
    let found = unscoped::<user::Entity>("logging in: the caller is known only once the password matches")
        .filter(user::Column::Username.eq(username))
        .one(db)
        .await?;
    let ok = match &found {
        Some(u) => password::verify(password_text, &u.password_hash) && !u.disabled,
        None => {
            password::verify_nothing(password_text);
            false
        }
    };
    match found {
        Some(user) if ok => {
            throttle.succeed(username);
            crate::gate::log::record_login(db, access, user.id).await?;
            let (token, expires_at) = tokens
                .issue(user.id, user.is_service, user.tokens_valid_after)
                .map_err(|e| ServiceError::internal(e, "signing a token"))?;
            Ok(Login { token, expires_at, user })
        }
        _ => {
            throttle.fail(username, address);
            Err(refused())
        }
    }
}

/// A password change by its owner.
pub struct PasswordChange<'a> {
    /// The password now.
    pub current: &'a str,
    /// The password wanted.
    pub new: &'a str,
    /// The caller's address, for throttling guesses of the current password.
    pub address: Option<&'a str>,
}

/// Changes the caller's own password, given the current one. Every other session ends; the
/// answer carries a fresh token. Wrong guesses are throttled like failed logins; a service
/// credential's secret is not a password (the office rotates credentials).
pub async fn change_password(
    db: &DatabaseConnection,
    access: &Access,
    tokens: &Tokens,
    throttle: &Throttle,
    change: PasswordChange<'_>,
) -> ServiceResult<Login> {
    let user_id = access.principal()?.user_id;
    let txn = crate::store::begin(db).await?;
    let current = unscoped::<user::Entity>("the caller's own row")
        .filter(user::Column::Id.eq(user_id))
        .one(&txn)
        .await?
        .ok_or(ServiceError::NotFound("user"))?;
    if current.is_service {
        return Err(ServiceError::Forbidden);
    }
    if let Err(wait) = throttle.check(&current.username, change.address) {
        return Err(ServiceError::bad_input(
            "currentPassword",
            format!("too many wrong attempts; try again in {} s", wait.as_secs().max(1)),
        ));
    }
    if !password::verify(change.current, &current.password_hash) {
        throttle.fail(&current.username, change.address);
        return Err(ServiceError::bad_input("currentPassword", "is not your current password"));
    }
    password::check_strength(change.new).map_err(|_| {
        ServiceError::bad_input("newPassword", "must be between 10 and 128 characters, not counting spaces at the ends")
    })?;
    if change.new == change.current {
        return Err(ServiceError::bad_input("newPassword", "must differ from the current password"));
    }
    let now = crate::clock::now();
    let mut row: user::ActiveModel = current.clone().into();
    row.password_hash = Set(password::hash(change.new)?);
    row.tokens_valid_after = Set(Some(revoked_now(current.tokens_valid_after)));
    row.updated_at = Set(now);
    row.version = Set(current.version + 1);
    let updated = row.update(&txn).await?;
    crate::gate::log::record(&txn, access, RecordKind::User, Action::Update, user_id).await?;
    txn.commit().await?;
    throttle.succeed(&updated.username);
    let (token, expires_at) = tokens
        .issue(updated.id, false, updated.tokens_valid_after)
        .map_err(|e| ServiceError::internal(e, "signing a token"))?;
    Ok(Login { token, expires_at, user: updated })
}
