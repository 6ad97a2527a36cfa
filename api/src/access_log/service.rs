//! Reading the access log (the gate writes it: `gate::log`).

use entities::access_log;
use sea_orm::{ColumnTrait, DatabaseConnection, QueryFilter};

use crate::{
    error::ServiceResult,
    gate::{Access, Action, RecordKind},
    pagination::{self, Ordering, Page, PageRequest},
};

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

/// The orders of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogOrder {
    /// Newest first.
    AtDesc,
    /// Oldest first.
    AtAsc,
}

/// How the list is sorted in `order` (ties broken by the id, so the cursor is stable).
pub fn ordering(order: LogOrder) -> Ordering<access_log::Entity> {
    match order {
        LogOrder::AtDesc => crate::ordered_by!(access_log, "at_desc", At, at, Desc),
        LogOrder::AtAsc => crate::ordered_by!(access_log, "at", At, at, Asc),
    }
}

/// A page of the access log, newest first (office and leadership).
pub async fn list(
    db: &DatabaseConnection,
    access: &Access,
    filter: AccessLogFilter,
    order: LogOrder,
    page: &PageRequest,
) -> ServiceResult<Page<access_log::Model>> {
    let mut q = access.select::<access_log::Entity>(Action::Read)?;
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
    pagination::fetch(db, q, &ordering(order), page).await
}
