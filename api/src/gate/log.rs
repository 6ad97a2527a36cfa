//! Writing the access log: every mutation, and every read of the confidential record, leaves
//! an entry (who, under which roles, what, on which record, in which request) in the same
//! transaction as the work, so that if the entry cannot be written nothing is done or returned.
//! Reading the log is the `access_log` room's.

use entities::{Role, access_log, role_assignment};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect, Set};

use super::{Access, Action, RecordKind, unscoped};
use crate::error::ServiceResult;

fn entry(
    access: &Access,
    user_id: i32,
    roles: &[Role],
    action: Action,
    kind: RecordKind,
    object_id: i32,
) -> access_log::ActiveModel {
    access_log::ActiveModel {
        at: Set(crate::clock::now()),
        user_id: Set(user_id),
        roles: Set(roles.iter().map(|r| r.name()).collect::<Vec<_>>().join(",")),
        action: Set(action),
        object_type: Set(kind),
        object_id: Set(object_id),
        correlation_id: Set(access.correlation_id().to_owned()),
        ..Default::default()
    }
}

/// Records that the caller took `action` on the object; run it in the operation's transaction.
pub async fn record(
    db: &impl ConnectionTrait,
    access: &Access,
    kind: RecordKind,
    action: Action,
    object_id: i32,
) -> ServiceResult<()> {
    record_many(db, access, kind, action, &[object_id]).await
}

/// Records the same action on several objects (a page of clues read) in one statement.
pub async fn record_many(
    db: &impl ConnectionTrait,
    access: &Access,
    kind: RecordKind,
    action: Action,
    object_ids: &[i32],
) -> ServiceResult<()> {
    if object_ids.is_empty() {
        return Ok(());
    }
    let user_id = access.principal()?.user_id;
    let roles = access.acting_roles(kind, action);
    let rows: Vec<_> = object_ids.iter().map(|id| entry(access, user_id, &roles, action, kind, *id)).collect();
    access_log::Entity::insert_many(rows).exec(db).await?;
    Ok(())
}

/// Records a successful login, under all the roles the user holds.
pub async fn record_login(db: &impl ConnectionTrait, access: &Access, user_id: i32) -> ServiceResult<()> {
    let roles: Vec<Role> = unscoped::<role_assignment::Entity>("the roles the user logged in with")
        .select_only()
        .column(role_assignment::Column::Role)
        .filter(role_assignment::Column::UserId.eq(user_id))
        .into_tuple()
        .all(db)
        .await?;
    access_log::Entity::insert(entry(access, user_id, &roles, Action::Login, RecordKind::User, user_id))
        .exec(db)
        .await?;
    Ok(())
}

/// The reads of rows `ids` of `kind`, to be written to the log when the rows are returned (see
/// [`crate::pagination::ReadLog`]): a page only counted leaves no trace of rows nobody received.
pub fn on_return(
    db: &DatabaseConnection,
    access: &Access,
    kind: RecordKind,
    ids: Vec<i32>,
) -> std::sync::Arc<crate::pagination::ReadLog> {
    let (db, access) = (db.clone(), access.clone());
    std::sync::Arc::new(crate::pagination::ReadLog::new(ids, move |ids| {
        let (db, access) = (db.clone(), access.clone());
        Box::pin(async move { record_many(&db, &access, kind, Action::Read, &ids).await })
    }))
}
