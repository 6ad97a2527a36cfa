//! The rules of regulations: recorded by the unit, on its own inspection once the feedback is
//! out, answering a task or a finding of that inspection.

use chrono::NaiveDate;
use entities::{RegulationCategory, feedback, finding, rectification_task, regulation};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, QueryFilter, Set};

use crate::{
    error::{ServiceError, ServiceResult},
    gate::{Access, Action, RecordKind, log},
    idempotency,
    pagination::{self, Ordering, Page, PageRequest},
    revisions::service as revisions,
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

/// The orders of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegulationOrder {
    /// Newest recorded first.
    CreatedAtDesc,
    /// Oldest recorded first.
    CreatedAtAsc,
    /// Latest in force first.
    EffectiveOnDesc,
    /// Earliest in force first.
    EffectiveOnAsc,
}

/// How the list is sorted in `order` (ties broken by the id, so the cursor is stable).
pub fn ordering(order: RegulationOrder) -> Ordering<regulation::Entity> {
    match order {
        RegulationOrder::CreatedAtDesc => {
            crate::ordered_by!(regulation, "created_at_desc", CreatedAt, created_at, Desc)
        }
        RegulationOrder::CreatedAtAsc => crate::ordered_by!(regulation, "created_at", CreatedAt, created_at, Asc),
        RegulationOrder::EffectiveOnDesc => {
            crate::ordered_by!(regulation, "effective_desc", EffectiveOn, effective_on, Desc)
        }
        RegulationOrder::EffectiveOnAsc => crate::ordered_by!(regulation, "effective", EffectiveOn, effective_on, Asc),
    }
}

/// A page of the regulations the caller may see, newest first.
pub async fn list(
    db: &DatabaseConnection,
    access: &Access,
    filter: Filter,
    order: RegulationOrder,
    page: &PageRequest,
) -> ServiceResult<Page<regulation::Model>> {
    let mut q = access.select::<regulation::Entity>(Action::Read)?;
    if let Some(v) = filter.inspection_id {
        q = q.filter(regulation::Column::InspectionId.eq(v));
    }
    if let Some(v) = filter.category {
        q = q.filter(regulation::Column::Category.eq(v));
    }
    pagination::fetch(db, q, &ordering(order), page).await
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
    let (title, _) =
        validate::all((validate::text("title", &new.title, 200), validate::past_day("effectiveOn", new.effective_on)))?;
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

/// A correction of a regulation: the fields to change (`None` keeps one), why, and the version the
/// caller read.
#[derive(Debug, Clone, Default)]
pub struct Amendment {
    /// Its title.
    pub title: Option<String>,
    /// Its field.
    pub category: Option<RegulationCategory>,
    /// Newly built (true) or revised (false).
    pub is_new: Option<bool>,
    /// When it took effect.
    pub effective_on: Option<NaiveDate>,
    /// Why it is corrected.
    pub reason: String,
    /// The version the caller read (`CONFLICT` if it moved on).
    pub expected_version: Option<i32>,
}

/// `INVALID_TRANSITION` once the regulation's inspection is closed: the unit corrects and
/// withdraws its regulations while its inspection is open.
async fn check_open(txn: &sea_orm::DatabaseTransaction, action: Action, r: &regulation::Model) -> ServiceResult<()> {
    let inspection = crate::gate::unscoped::<entities::inspection::Entity>("the window of a regulation in reach")
        .filter(entities::inspection::Column::Id.eq(r.inspection_id))
        .one(txn)
        .await?
        .ok_or(ServiceError::NotFound("regulation"))?;
    if inspection.status == entities::InspectionStatus::Closed {
        return Err(ServiceError::InvalidTransition { kind: "regulation", action: action.name(), from: "CLOSED" });
    }
    Ok(())
}

/// Corrects a regulation (the unit, while its inspection is open); the earlier version stays in
/// its history. A correction that changes nothing changes nothing.
pub async fn amend(
    db: &DatabaseConnection,
    access: &Access,
    id: i32,
    a: Amendment,
) -> ServiceResult<regulation::Model> {
    access.permit::<regulation::Entity>(Action::Update)?;
    let (reason, title, _) = validate::all((
        revisions::reason(&a.reason),
        a.title.map(|t| validate::text("title", &t, 200)).transpose(),
        a.effective_on.map(|d| validate::past_day("effectiveOn", d)).transpose(),
    ))?;
    let txn = crate::store::begin(db).await?;
    let current = access.find_locked::<regulation::Entity>(&txn, Action::Update, id).await?;
    check_open(&txn, Action::Update, &current).await?;
    validate::version(a.expected_version, current.version)?;
    let mut after = current.clone();
    after.title = title.unwrap_or(after.title);
    after.category = a.category.unwrap_or(after.category);
    after.is_new = a.is_new.unwrap_or(after.is_new);
    after.effective_on = a.effective_on.unwrap_or(after.effective_on);
    let fields = revisions::changed_fields(&current, &after);
    if fields.is_empty() {
        return Ok(current);
    }
    let mut row: regulation::ActiveModel = current.clone().into();
    row.title = Set(after.title);
    row.category = Set(after.category);
    row.is_new = Set(after.is_new);
    row.effective_on = Set(after.effective_on);
    row.version = Set(current.version + 1);
    let updated = row.update(&txn).await?;
    revisions::record(
        &txn,
        access,
        (RecordKind::Regulation, id, updated.version),
        revisions::Change::Amended,
        &reason,
        fields,
    )
    .await?;
    log::record(&txn, access, RecordKind::Regulation, Action::Update, id).await?;
    txn.commit().await?;
    Ok(updated)
}

/// Withdraws a regulation recorded by mistake (the unit, while its inspection is open).
pub async fn withdraw(
    db: &DatabaseConnection,
    access: &Access,
    id: i32,
    reason: &str,
    expected_version: Option<i32>,
) -> ServiceResult<regulation::Model> {
    revisions::withdraw::<regulation::Entity>(db, access, id, (reason, expected_version), async |txn, r| {
        check_open(txn, Action::Withdraw, r).await
    })
    .await
}
