//! The rules of regulations: recorded by the unit, on its own inspection once the feedback is
//! out, answering a task or a finding of that inspection.

use chrono::NaiveDate;
use entities::{RegulationCategory, feedback, finding, rectification_task, regulation};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, QueryFilter, Set};

use crate::{
    error::{ServiceError, ServiceResult},
    gate::{Access, Action, RecordKind, log},
    idempotency,
    pagination::{self, Ordering, Page, PageRequest, SortValue},
    validate,
};

/// What the list may be narrowed to.
#[derive(Debug, Clone, Copy, Default)]
pub struct Filter {
    /// Only this inspection's.
    pub inspection_id: Option<i32>,
    /// Only this field.
    pub category: Option<RegulationCategory>,
}

/// A page of the regulations the caller may see, newest first.
pub async fn list(
    db: &DatabaseConnection,
    access: &Access,
    filter: Filter,
    page: &PageRequest,
) -> ServiceResult<Page<regulation::Model>> {
    let mut q = access.select::<regulation::Entity>(Action::Read)?;
    if let Some(v) = filter.inspection_id {
        q = q.filter(regulation::Column::InspectionId.eq(v));
    }
    if let Some(v) = filter.category {
        q = q.filter(regulation::Column::Category.eq(v));
    }
    let ordering = Ordering::<regulation::Entity> {
        name: "newest",
        column: regulation::Column::Id,
        order: sea_orm::Order::Desc,
        value: |m| SortValue::Int(m.id.into()),
        id_column: regulation::Column::Id,
        id: |m| m.id,
    };
    pagination::fetch(db, q, &ordering, page).await
}

/// A regulation as the unit records it.
#[derive(Debug, Clone)]
pub struct NewRegulation {
    /// The inspection (its feedback released).
    pub inspection_id: i32,
    /// The task it answers, if any.
    pub task_id: Option<i32>,
    /// The finding it answers, if any.
    pub finding_id: Option<i32>,
    /// Its title.
    pub title: String,
    /// Its field.
    pub category: RegulationCategory,
    /// Newly built (true) or revised (false).
    pub is_new: bool,
    /// When it took effect.
    pub effective_on: NaiveDate,
    /// The client's idempotency key, if any.
    pub idempotency_key: Option<String>,
}

/// Records a regulation the unit built or revised (the unit).
pub async fn create(db: &DatabaseConnection, access: &Access, new: NewRegulation) -> ServiceResult<regulation::Model> {
    access.permit::<regulation::Entity>(Action::Create)?;
    let title = validate::text("title", &new.title, 200)?;
    validate::past_day("effectiveOn", new.effective_on)?;
    let request = (
        "recordRegulation",
        new.inspection_id,
        new.task_id,
        new.finding_id,
        &title,
        new.category,
        new.is_new,
        new.effective_on,
    );
    let key = idempotency::key(access, new.idempotency_key.as_deref(), &request)?;
    let txn = match idempotency::begin::<regulation::Model>(db, access.principal()?.user_id, key.as_ref()).await? {
        idempotency::Begun::Replay(first) => {
            let id = first.id;
            idempotency::still_visible::<regulation::Entity>(db, access, id).await?;
            return Ok(first);
        }
        idempotency::Begun::Work(txn) => txn,
    };
    // The unit's own inspection, once its feedback is out: the same rows as its tasks.
    access
        .select_over::<regulation::Entity, feedback::Entity>(Action::Create)?
        .filter(feedback::Column::InspectionId.eq(new.inspection_id))
        .one(&txn)
        .await?
        .ok_or(ServiceError::NotFound("inspection"))?;
    if let Some(t) = new.task_id {
        let task = access
            .select::<rectification_task::Entity>(Action::Read)?
            .filter(rectification_task::Column::Id.eq(t))
            .one(&txn)
            .await?;
        if task.is_none_or(|t| t.inspection_id != new.inspection_id) {
            return Err(ServiceError::bad_input("taskId", "is not a task of this inspection"));
        }
    }
    if let Some(f) = new.finding_id {
        let found = access.select::<finding::Entity>(Action::Read)?.filter(finding::Column::Id.eq(f)).one(&txn).await?;
        if found.is_none_or(|f| f.inspection_id != new.inspection_id || !f.include_in_feedback) {
            return Err(ServiceError::bad_input("findingId", "is not a finding of this inspection's feedback"));
        }
    }
    let created = regulation::ActiveModel {
        inspection_id: Set(new.inspection_id),
        task_id: Set(new.task_id),
        finding_id: Set(new.finding_id),
        title: Set(title),
        category: Set(new.category),
        is_new: Set(new.is_new),
        effective_on: Set(new.effective_on),
        created_by: Set(access.principal()?.user_id),
        created_at: Set(crate::clock::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    if let Some(k) = &key {
        idempotency::answer(&txn, k, &created).await?;
    }
    log::record(&txn, access, RecordKind::Regulation, Action::Create, created.id).await?;
    txn.commit().await?;
    Ok(created)
}
