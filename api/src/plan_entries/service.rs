//! The rules of the plan: each audited unit at most once a term, in a year of the term.

use chrono::Datelike;
use entities::{OrganizationKind, plan_entry, term};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};

use crate::{
    error::{ServiceError, ServiceResult, conflict_on_unique},
    gate::{Access, Action, RecordKind, log},
    inspections::service::organization_of_kind,
    pagination::{self, Ordering, Page, PageRequest},
};

/// Narrows the plan.
#[derive(Debug, Clone, Copy, Default)]
pub struct Filter {
    /// Only this term's.
    pub term_id: Option<i32>,
    /// Only this year's.
    pub year: Option<i32>,
    /// Only this unit's.
    pub unit_id: Option<i32>,
}

/// The orders of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryOrder {
    /// Earliest year first.
    YearAsc,
    /// Latest year first.
    YearDesc,
    /// Newest planned first.
    CreatedAtDesc,
}

/// How the list is sorted in `order` (ties broken by the id, so the cursor is stable).
pub fn ordering(order: EntryOrder) -> Ordering<plan_entry::Entity> {
    match order {
        EntryOrder::YearAsc => crate::ordered_by!(plan_entry, "year", Year, year, Asc),
        EntryOrder::YearDesc => crate::ordered_by!(plan_entry, "year_desc", Year, year, Desc),
        EntryOrder::CreatedAtDesc => crate::ordered_by!(plan_entry, "created_at_desc", CreatedAt, created_at, Desc),
    }
}

/// A page of the plan, by year, then as entered.
pub async fn list(
    db: &DatabaseConnection,
    access: &Access,
    filter: Filter,
    order: EntryOrder,
    page: &PageRequest,
) -> ServiceResult<Page<plan_entry::Model>> {
    let mut q = access.select::<plan_entry::Entity>(Action::Read)?;
    if let Some(v) = filter.term_id {
        q = q.filter(plan_entry::Column::TermId.eq(v));
    }
    if let Some(v) = filter.year {
        q = q.filter(plan_entry::Column::Year.eq(v));
    }
    if let Some(v) = filter.unit_id {
        q = q.filter(plan_entry::Column::UnitId.eq(v));
    }
    pagination::fetch(db, q, &ordering(order), page).await
}

/// Plans a unit for a year of a term (office).
pub async fn plan(
    db: &DatabaseConnection,
    access: &Access,
    term_id: i32,
    unit_id: i32,
    year: i32,
) -> ServiceResult<plan_entry::Model> {
    access.permit::<plan_entry::Entity>(Action::Create)?;
    let txn = crate::store::begin(db).await?;
    let term = access.find::<term::Entity>(&txn, Action::Read, term_id).await?;
    if !(term.starts_on.year()..=term.ends_on.year()).contains(&year) {
        return Err(ServiceError::bad_input(
            "year",
            format!("must be a year of the term, {} to {}", term.starts_on.year(), term.ends_on.year()),
        ));
    }
    organization_of_kind(&txn, access, unit_id, OrganizationKind::AuditedUnit, "unitId").await?;
    let created = plan_entry::ActiveModel {
        term_id: Set(term_id),
        unit_id: Set(unit_id),
        year: Set(year),
        created_at: Set(crate::clock::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|e| conflict_on_unique(e, "unitId", "the unit is already in this term's plan"))?;
    log::record(&txn, access, RecordKind::PlanEntry, Action::Create, created.id).await?;
    txn.commit().await?;
    Ok(created)
}

/// Takes a unit out of a term's plan (office).
pub async fn unplan(db: &DatabaseConnection, access: &Access, id: i32) -> ServiceResult<plan_entry::Model> {
    access.permit::<plan_entry::Entity>(Action::Delete)?;
    let txn = crate::store::begin(db).await?;
    let found = access.find::<plan_entry::Entity>(&txn, Action::Delete, id).await?;
    plan_entry::Entity::delete_by_id(id).exec(&txn).await?;
    log::record(&txn, access, RecordKind::PlanEntry, Action::Delete, id).await?;
    txn.commit().await?;
    Ok(found)
}
