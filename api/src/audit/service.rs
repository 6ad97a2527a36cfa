//! Writing and reading the access log.

use entities::{Role, access_log, role_assignment};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect, Set};

use crate::{
    error::ServiceResult,
    gate::{Access, Action, RecordKind},
    pagination::{self, Ordering, Page, PageRequest, SortValue},
};

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
    let roles: Vec<Role> = role_assignment::Entity::find()
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

/// Narrows the access log.
#[derive(Debug, Clone, Default)]
pub struct AccessLogFilter {
    /// Only this person's entries.
    pub user_id: Option<i32>,
    /// Only entries about these kinds of record.
    pub object_types: Option<Vec<RecordKind>>,
    /// Only entries about this object (with `object_type`).
    pub object_id: Option<i32>,
    /// Only these actions.
    pub actions: Option<Vec<Action>>,
    /// From this instant (inclusive).
    pub from: Option<chrono::DateTime<chrono::Utc>>,
    /// Until this instant (exclusive).
    pub until: Option<chrono::DateTime<chrono::Utc>>,
}

/// A page of the access log, newest first (office and leadership).
pub async fn list(
    db: &DatabaseConnection,
    access: &Access,
    filter: AccessLogFilter,
    page: &PageRequest,
) -> ServiceResult<Page<access_log::Model>> {
    let mut q = access_log::Entity::find().filter(access.authorize(RecordKind::AccessLogEntry, Action::Read)?);
    if let Some(v) = filter.user_id {
        q = q.filter(access_log::Column::UserId.eq(v));
    }
    if let Some(v) = filter.object_types {
        q = q.filter(access_log::Column::ObjectType.is_in(v));
    }
    if let Some(v) = filter.object_id {
        q = q.filter(access_log::Column::ObjectId.eq(v));
    }
    if let Some(v) = filter.actions {
        q = q.filter(access_log::Column::Action.is_in(v));
    }
    if let Some(v) = filter.from {
        q = q.filter(access_log::Column::At.gte(v));
    }
    if let Some(v) = filter.until {
        q = q.filter(access_log::Column::At.lt(v));
    }
    let ordering = Ordering::<access_log::Entity> {
        name: "newest",
        column: access_log::Column::Id,
        order: sea_orm::Order::Desc,
        value: |m| SortValue::Int(m.id.into()),
        id_column: access_log::Column::Id,
        id: |m| m.id,
    };
    pagination::fetch(db, q, &ordering, page).await
}
