//! The rules of circulations: the office circulates a round's summary once the round has started;
//! it is kept as circulated.

use entities::{circulation, round};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, QueryFilter, Set};

use crate::{
    error::{ServiceError, ServiceResult},
    gate::{Access, Action, RecordKind, log, scope::STARTED},
    pagination::{self, Ordering, Page, PageRequest},
    validate,
};

/// The orders of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CirculationOrder {
    /// Newest first.
    CreatedAtDesc,
    /// Oldest first.
    CreatedAtAsc,
}

/// How the list is sorted in `order` (ties broken by the id, so the cursor is stable).
pub fn ordering(order: CirculationOrder) -> Ordering<circulation::Entity> {
    match order {
        CirculationOrder::CreatedAtDesc => {
            crate::ordered_by!(circulation, "created_at_desc", CreatedAt, created_at, Desc)
        }
        CirculationOrder::CreatedAtAsc => crate::ordered_by!(circulation, "created_at", CreatedAt, created_at, Asc),
    }
}

/// A page of the circulations the caller may see, newest first, of one round if `round_id` says.
pub async fn list(
    db: &DatabaseConnection,
    access: &Access,
    round_id: Option<i32>,
    order: CirculationOrder,
    page: &PageRequest,
) -> ServiceResult<Page<circulation::Model>> {
    let mut q = access.select::<circulation::Entity>(Action::Read)?;
    if let Some(r) = round_id {
        q = q.filter(circulation::Column::RoundId.eq(r));
    }
    pagination::fetch(db, q, &ordering(order), page).await
}

/// Circulates a round's rectification summary to the leaders of its units (the office).
pub async fn circulate(
    db: &DatabaseConnection,
    access: &Access,
    round_id: i32,
    body: &str,
) -> ServiceResult<circulation::Model> {
    access.permit::<circulation::Entity>(Action::Create)?;
    let body = validate::prose("body", body, 50_000)?;
    let txn = crate::store::begin(db).await?;
    let r = access.find_over::<circulation::Entity, round::Entity>(&txn, Action::Create, round_id).await?;
    if !STARTED.contains(&r.status) {
        return Err(ServiceError::InvalidTransition {
            kind: "round",
            action: "circulate the rectification summary of",
            from: r.status.name(),
        });
    }
    let created = circulation::ActiveModel {
        round_id: Set(r.id),
        body: Set(body),
        circulated_by: Set(access.principal()?.user_id),
        created_at: Set(crate::clock::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    log::record(&txn, access, RecordKind::Circulation, Action::Create, created.id).await?;
    txn.commit().await?;
    Ok(created)
}
