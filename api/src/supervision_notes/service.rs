//! The rules of supervision notes: an agency that supervises rectification writes them on a
//! released inspection's rectification, or on one of its tasks; they are kept as written.

use entities::{Role, inspection, organization, rectification_task, supervision_note};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, QueryFilter, QueryOrder, QuerySelect, Set};

use crate::{
    error::{ServiceError, ServiceResult},
    gate::{Access, Action, RecordKind, log, unscoped},
    pagination::{self, Ordering, Page, PageRequest},
    rectification_plans::service::of_unit_and_round,
    validate,
};

/// Narrows the note list.
#[derive(Debug, Clone, Default)]
pub struct NoteFilter {
    /// Only this inspection's.
    pub inspection_id: Option<i32>,
    /// Only this task's.
    pub task_id: Option<i32>,
    /// Only this unit's.
    pub unit_id: Option<i32>,
    /// Only this round's.
    pub round_id: Option<i32>,
}

/// The orders of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteOrder {
    /// Newest first.
    CreatedAtDesc,
    /// Oldest first.
    CreatedAtAsc,
}

/// How the list is sorted in `order` (ties broken by the id, so the cursor is stable).
pub fn ordering(order: NoteOrder) -> Ordering<supervision_note::Entity> {
    match order {
        NoteOrder::CreatedAtDesc => {
            crate::ordered_by!(supervision_note, "created_at_desc", CreatedAt, created_at, Desc)
        }
        NoteOrder::CreatedAtAsc => crate::ordered_by!(supervision_note, "created_at", CreatedAt, created_at, Asc),
    }
}

/// A page of the notes the caller may see, newest first.
pub async fn list(
    db: &DatabaseConnection,
    access: &Access,
    filter: NoteFilter,
    order: NoteOrder,
    page: &PageRequest,
) -> ServiceResult<Page<supervision_note::Model>> {
    let mut q = access.select::<supervision_note::Entity>(Action::Read)?;
    if let Some(i) = filter.inspection_id {
        q = q.filter(supervision_note::Column::InspectionId.eq(i));
    }
    if let Some(t) = filter.task_id {
        q = q.filter(supervision_note::Column::TaskId.eq(t));
    }
    if let Some(c) = of_unit_and_round(supervision_note::Column::InspectionId, filter.unit_id, filter.round_id) {
        q = q.filter(c);
    }
    pagination::fetch(db, q, &ordering(order), page).await
}

/// Writes a note on the rectification of inspection `inspection_id`, or on its task `task_id` (an
/// agency that supervises rectification; `NOT_FOUND` for a rectification it does not supervise).
pub async fn write(
    db: &DatabaseConnection,
    access: &Access,
    inspection_id: i32,
    task_id: Option<i32>,
    body: &str,
) -> ServiceResult<supervision_note::Model> {
    let grants = access.grants(RecordKind::SupervisionNote, Action::Create)?;
    let body = validate::prose("body", body, 5_000)?;
    let agencies: Vec<i32> = grants.iter().filter(|g| g.role == Role::Partner).map(|g| g.organization_id).collect();
    let txn = crate::store::begin(db).await?;
    // Signed by the caller's agency that supervises rectification (an account may hold roles in
    // several agencies); if none supervises, nothing is in its reach.
    let (agency, signed_by): (i32, String) =
        unscoped::<organization::Entity>("the caller's own agencies sign its note")
            .select_only()
            .column(organization::Column::Id)
            .column(organization::Column::Name)
            .filter(organization::Column::Id.is_in(agencies))
            .filter(organization::Column::Competence.is_in(entities::AgencyCompetence::SUPERVISING))
            .order_by_asc(organization::Column::Id)
            .into_tuple()
            .one(&txn)
            .await?
            .ok_or(ServiceError::NotFound("inspection"))?;
    let i =
        access.find_over::<supervision_note::Entity, inspection::Entity>(&txn, Action::Create, inspection_id).await?;
    if i.status == entities::InspectionStatus::Closed {
        return Err(ServiceError::InvalidTransition {
            kind: "inspection",
            action: "write a supervision note on",
            from: i.status.name(),
        });
    }
    if let Some(t) = task_id {
        let task =
            access.find_over::<supervision_note::Entity, rectification_task::Entity>(&txn, Action::Create, t).await?;
        if task.inspection_id != i.id {
            return Err(ServiceError::bad_input("taskId", "is not a task of this inspection"));
        }
    }
    let created = supervision_note::ActiveModel {
        inspection_id: Set(i.id),
        task_id: Set(task_id),
        agency_id: Set(agency),
        signed_by: Set(signed_by),
        body: Set(body),
        created_by: Set(access.principal()?.user_id),
        created_at: Set(crate::clock::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    log::record(&txn, access, RecordKind::SupervisionNote, Action::Create, created.id).await?;
    txn.commit().await?;
    Ok(created)
}
