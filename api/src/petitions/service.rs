//! The rules of petitions.

use chrono::{Datelike, NaiveDate};
use entities::{OrganizationKind, organization, petition};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, QueryFilter, Set};

use crate::{
    error::{ServiceError, ServiceResult},
    gate::{Access, Action, RecordKind, log},
    inspections::service::writable_inspection,
    pagination::{self, Ordering, Page, PageRequest, SortValue},
    validate,
};

/// Narrows the petition list.
#[derive(Debug, Clone, Default)]
pub struct PetitionFilter {
    /// Only this inspection's.
    pub inspection_id: Option<i32>,
}

/// A page of the petitions the caller may see, oldest first.
pub async fn list(
    db: &DatabaseConnection,
    access: &Access,
    filter: PetitionFilter,
    page: &PageRequest,
) -> ServiceResult<Page<petition::Model>> {
    let mut q = access.select::<petition::Entity>(Action::Read)?;
    if let Some(v) = filter.inspection_id {
        q = q.filter(petition::Column::InspectionId.eq(v));
    }
    let ordering = Ordering::<petition::Entity> {
        name: "created",
        column: petition::Column::Id,
        order: sea_orm::Order::Asc,
        value: |m| SortValue::Int(m.id.into()),
        id_column: petition::Column::Id,
        id: |m| m.id,
    };
    pagination::fetch(db, q, &ordering, page).await
}

/// A petition as the team records it.
#[derive(Debug, Clone)]
pub struct NewPetition {
    /// The inspection that received it.
    pub inspection_id: i32,
    /// The unit it concerns (default: the inspected unit).
    pub unit_id: Option<i32>,
    /// What was reported.
    pub content: String,
    /// The reporter's name; none for an anonymous petition.
    pub reporter_name: Option<String>,
    /// How to reach the reporter.
    pub reporter_contact: Option<String>,
    /// When it was received.
    pub received_on: NaiveDate,
}

/// Records a petition (the inspection's team, while it is stationed or reporting).
pub async fn create(db: &DatabaseConnection, access: &Access, new: NewPetition) -> ServiceResult<petition::Model> {
    access.permit::<petition::Entity>(Action::Create)?;
    let content = validate::prose("content", &new.content, 5_000)?;
    // An empty name or contact is an anonymous petition.
    let given = |v: &Option<String>| v.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned);
    let reporter_name = given(&new.reporter_name).map(|n| validate::text("reporterName", &n, 100)).transpose()?;
    let reporter_contact =
        given(&new.reporter_contact).map(|c| validate::text("reporterContact", &c, 200)).transpose()?;
    if new.received_on > crate::clock::now().date_naive() || new.received_on.year() < 2000 {
        return Err(ServiceError::bad_input("receivedOn", "must be a day since 2000, not in the future"));
    }
    let txn = crate::store::begin(db).await?;
    let inspection = writable_inspection::<petition::Entity>(&txn, access, Action::Create, new.inspection_id).await?;
    let unit_id = new.unit_id.unwrap_or(inspection.unit_id);
    // The unit concerned is one the team inspects: it may not probe or name others.
    let unit = access
        .select_over::<petition::Entity, organization::Entity>(Action::Create)?
        .filter(organization::Column::Id.eq(unit_id))
        .one(&txn)
        .await?;
    if unit.is_none_or(|u| u.kind != OrganizationKind::AuditedUnit) {
        return Err(ServiceError::bad_input("unitId", "is not a unit your team inspects"));
    }
    let now = crate::clock::now();
    let created = petition::ActiveModel {
        inspection_id: Set(new.inspection_id),
        unit_id: Set(unit_id),
        content: Set(content),
        reporter_name: Set(reporter_name),
        reporter_contact: Set(reporter_contact),
        received_on: Set(new.received_on),
        created_by: Set(access.principal()?.user_id),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    log::record(&txn, access, RecordKind::Petition, Action::Create, created.id).await?;
    txn.commit().await?;
    Ok(created)
}
