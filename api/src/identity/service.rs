//! The rules of identity: logging in, who a token names, and changing one's own password.

use chrono::{DateTime, Utc};
use entities::{role_assignment, user};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    sea_query::{Expr, ExprTrait},
};

use super::{password, throttle, token::Tokens};
use crate::{
    error::{ServiceError, ServiceResult},
    gate::{Access, Action, Grant, Principal, RecordKind, unscoped},
};

/// The caller a token names, with their grants read now; `None` if the user is gone or disabled,
/// or the token is of an earlier session generation (a password change or reset, disabling, a
/// role or a credential revoked since).
pub async fn principal(db: &DatabaseConnection, user_id: i32, generation: i64) -> ServiceResult<Option<Principal>> {
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
    if found.session_generation != generation {
        return Ok(None);
    }
    let grants = assignments
        .into_iter()
        .map(|a| Grant {
            role: a.role,
            organization_id: a.organization_id,
            round_id: a.round_id,
            principal: a.is_principal,
        })
        .collect();
    Ok(Some(Principal { user_id, grants }))
}

/// Ends every session of `user_id` at once: the user's session generation moves on, so every
/// token of the earlier one stops working on its next request. Run it in the change's transaction.
pub async fn end_sessions(db: &impl ConnectionTrait, user_id: i32) -> ServiceResult<()> {
    user::Entity::update_many()
        .col_expr(user::Column::SessionGeneration, Expr::col(user::Column::SessionGeneration).add(1))
        .filter(user::Column::Id.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
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
    /// Their role assignments: what they may read of themselves, answered with the token (the
    /// request that logs in carries no token, so the gate would not know them yet).
    pub assignments: Vec<role_assignment::Model>,
}

/// The role assignments of the user who has just proved who they are.
async fn own_assignments(db: &DatabaseConnection, user_id: i32) -> ServiceResult<Vec<role_assignment::Model>> {
    Ok(unscoped::<role_assignment::Entity>("the user who has just logged in reads their own assignments")
        .filter(role_assignment::Column::UserId.eq(user_id))
        .order_by_asc(role_assignment::Column::Id)
        .all(db)
        .await?)
}

/// Checks a user name and password. Each attempt is counted before the password is checked (see
/// [`throttle`]); the user's hash and session generation are read together, so a token issued on a
/// password that has just changed is of the earlier generation and never works.
pub async fn login(
    db: &DatabaseConnection,
    access: &Access,
    tokens: &Tokens,
    username: &str,
    password_text: &str,
    address: Option<&str>,
) -> ServiceResult<Login> {
    let refused = || ServiceError::Unauthenticated("wrong user name or password".into());
    let username = throttle::normalize(username);
    let found = unscoped::<user::Entity>("logging in: the caller is known only once the password matches")
        .filter(user::Column::Username.eq(username.as_str()))
        .one(db)
        .await?;
    let Some(user) = found else {
        throttle::unknown_name(db, address).await?;
        password::verify_nothing(password_text);
        return Err(refused());
    };
    throttle::attempt(db, &username, address).await?;
    if user.disabled || !password::verify(password_text, &user.password_hash) {
        return Err(refused());
    }
    throttle::succeeded(db, &username, address).await?;
    crate::gate::log::record_login(db, access, user.id).await?;
    let (token, expires_at) = tokens
        .issue(user.id, user.is_service, user.session_generation)
        .map_err(|e| ServiceError::internal(e, "signing a token"))?;
    let assignments = own_assignments(db, user.id).await?;
    Ok(Login { token, expires_at, user, assignments })
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
    change: PasswordChange<'_>,
) -> ServiceResult<Login> {
    let user_id = access.principal()?.user_id;
    let current = unscoped::<user::Entity>("the caller's own row")
        .filter(user::Column::Id.eq(user_id))
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound("user"))?;
    if current.is_service {
        return Err(ServiceError::Forbidden);
    }
    match throttle::attempt(db, &current.username, change.address).await {
        Err(ServiceError::Unauthenticated(wait)) => return Err(ServiceError::bad_input("currentPassword", wait)),
        other => other?,
    }
    if !password::verify(change.current, &current.password_hash) {
        return Err(ServiceError::bad_input("currentPassword", "is not your current password"));
    }
    password::check_strength(change.new).map_err(|_| {
        ServiceError::bad_input("newPassword", "must be between 10 and 128 characters, not counting spaces at the ends")
    })?;
    if change.new == change.current {
        return Err(ServiceError::bad_input("newPassword", "must differ from the current password"));
    }
    let hash = password::hash(change.new)?;
    let txn = crate::store::begin(db).await?;
    // Only the row whose password was just checked: a change in between is a conflict. Every
    // other session ends; this one goes on with a token of the next generation.
    let updated = user::Entity::update_many()
        .col_expr(user::Column::PasswordHash, Expr::value(hash))
        .col_expr(user::Column::SessionGeneration, Expr::col(user::Column::SessionGeneration).add(1))
        .col_expr(user::Column::Version, Expr::col(user::Column::Version).add(1))
        .col_expr(user::Column::UpdatedAt, Expr::value(crate::clock::now()))
        .filter(user::Column::Id.eq(user_id))
        .filter(user::Column::Version.eq(current.version))
        .exec_with_returning(&txn)
        .await?
        .pop()
        .ok_or_else(|| ServiceError::conflict("your account changed meanwhile; try again"))?;
    crate::gate::log::record(&txn, access, RecordKind::User, Action::Update, user_id).await?;
    txn.commit().await?;
    throttle::succeeded(db, &updated.username, change.address).await?;
    let (token, expires_at) = tokens
        .issue(updated.id, false, updated.session_generation)
        .map_err(|e| ServiceError::internal(e, "signing a token"))?;
    let assignments = own_assignments(db, updated.id).await?;
    Ok(Login { token, expires_at, user: updated, assignments })
}
