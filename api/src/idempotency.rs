//! Idempotency keys: a mutation a machine client may retry takes an optional key, does its work
//! once, and answers a retry with the first answer. The same key with another request is
//! `CONFLICT`. A partner agency's keys belong to the agency, not to one of its systems, so a
//! second instance or a rotated credential finds the first answer too; everyone else's belong to
//! the caller. A replay answers only what the caller may still see.
//!
//! In a service: [`key`] names the key; [`begin`] either finds the first answer or opens the
//! work's transaction with the key taken (a concurrent twin then waits, and replays); [`answer`]
//! stores the result in that transaction.

use entities::{Role, idempotency_key};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbErr, EntityTrait,
    PrimaryKeyTrait, QueryFilter, Set, sea_query::Expr,
};
use serde::{Serialize, de::DeserializeOwned};

use crate::{
    error::{ServiceError, ServiceResult},
    gate::{Access, Action, Guarded, unscoped},
    validate,
};

/// A key, named within the caller's organisation, with the request it stands for.
#[derive(Debug, Clone)]
pub struct Key {
    name: String,
    request: String,
}

/// The caller's key for `request`, if they sent one (at most 150 characters).
pub fn key(access: &Access, sent: Option<&str>, request: &impl Serialize) -> ServiceResult<Option<Key>> {
    let Some(sent) = sent else { return Ok(None) };
    let sent = validate::text("idempotencyKey", sent, 150)?;
    let principal = access.principal()?;
    // The agency's, when the caller acts for one agency alone; otherwise the caller's own.
    let agency = principal.grants.first().filter(|g| g.role == Role::Partner).map(|g| g.organization_id);
    let one_agency =
        agency.filter(|a| principal.grants.iter().all(|g| g.role == Role::Partner && g.organization_id == *a));
    let namespace = match one_agency {
        Some(a) => format!("agency:{a}"),
        None => format!("user:{}", principal.user_id),
    };
    let request =
        serde_json::to_string(request).map_err(|e| ServiceError::internal(e, "reading an idempotent request"))?;
    Ok(Some(Key { name: format!("{namespace}:{sent}"), request }))
}

/// What [`begin`] found: the first answer to replay, or the work to do in a transaction that
/// holds the key.
pub enum Begun<T> {
    /// The key was used before with this request: its answer.
    Replay(T),
    /// A fresh request: do the work in this transaction, then [`answer`] and commit.
    Work(DatabaseTransaction),
}

/// Opens the work's transaction, holding `key` if there is one; or the first answer to it.
pub async fn begin<T: DeserializeOwned>(
    db: &DatabaseConnection,
    user_id: i32,
    key: Option<&Key>,
) -> ServiceResult<Begun<T>> {
    if let Some(k) = key
        && let Some(first) = replay(db, k).await?
    {
        return Ok(Begun::Replay(first));
    }
    let txn = crate::store::begin(db).await?;
    if let Some(k) = key
        && let Err(e) = claim(&txn, user_id, k).await
    {
        drop(txn);
        // A twin took the key first: once it commits, its answer is ours.
        if matches!(e.sql_err(), Some(sea_orm::SqlErr::UniqueConstraintViolation(_)))
            && let Some(first) = replay(db, k).await?
        {
            return Ok(Begun::Replay(first));
        }
        return Err(e.into());
    }
    Ok(Begun::Work(txn))
}

/// `Ok` if the caller may still see the object a replay answers with; `NOT_FOUND` otherwise, as
/// for an object that does not exist.
pub async fn still_visible<G: Guarded>(db: &DatabaseConnection, access: &Access, id: i32) -> ServiceResult<()>
where
    <<G::Entity as EntityTrait>::PrimaryKey as PrimaryKeyTrait>::ValueType: From<i32>,
{
    match access.find::<G>(db, Action::Read, id).await {
        Ok(_) => Ok(()),
        Err(ServiceError::Forbidden) => Err(ServiceError::NotFound(G::KIND.name())),
        Err(e) => Err(e),
    }
}

/// The answer first given to this key, if it was used before with the same request.
async fn replay<T: DeserializeOwned>(db: &impl ConnectionTrait, key: &Key) -> ServiceResult<Option<T>> {
    let Some(used) = unscoped::<idempotency_key::Entity>("the caller's own key: its name is made from the caller")
        .filter(idempotency_key::Column::Key.eq(key.name.as_str()))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    if used.request != key.request {
        return Err(ServiceError::conflict_on("idempotencyKey", "was already used with a different request"));
    }
    serde_json::from_str(&used.response)
        .map(Some)
        .map_err(|_| ServiceError::conflict_on("idempotencyKey", "the first request with this key is still running"))
}

/// Takes the key in the work's transaction.
async fn claim(txn: &DatabaseTransaction, user_id: i32, key: &Key) -> Result<(), DbErr> {
    idempotency_key::ActiveModel {
        user_id: Set(user_id),
        key: Set(key.name.clone()),
        request: Set(key.request.clone()),
        response: Set(String::new()),
        created_at: Set(crate::clock::now()),
        ..Default::default()
    }
    .insert(txn)
    .await
    .map(|_| ())
}

/// Stores the answer under the key, in the work's transaction.
pub async fn answer(txn: &DatabaseTransaction, key: &Key, answer: &impl Serialize) -> ServiceResult<()> {
    let answer =
        serde_json::to_string(answer).map_err(|e| ServiceError::internal(e, "keeping an idempotent answer"))?;
    idempotency_key::Entity::update_many()
        .col_expr(idempotency_key::Column::Response, Expr::value(answer))
        .filter(idempotency_key::Column::Key.eq(key.name.as_str()))
        .exec(txn)
        .await?;
    Ok(())
}
