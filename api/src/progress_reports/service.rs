//! The rules of progress reports: the unit files them on a task it is working on.

use entities::{TaskStatus, progress_report, rectification_task};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, QueryFilter, Set};

use crate::{
    error::{ServiceError, ServiceResult},
    gate::{Access, Action, RecordKind, log},
    idempotency,
    revisions::service as revisions,
    validate,
};

/// Files a progress report on a task in progress (the unit).
pub async fn report_progress(
    db: &DatabaseConnection,
    access: &Access,
    task_id: i32,
    content: &str,
    idempotency_key: Option<&str>,
) -> ServiceResult<progress_report::Model> {
    access.permit::<progress_report::Entity>(Action::Create)?;
    let content = validate::prose("content", content, 5_000)?;
    let key = idempotency::key(access, idempotency_key, &("reportRectificationProgress", task_id, &content))?;
    let txn = match idempotency::begin::<progress_report::Model>(db, access.principal()?.user_id, key.as_ref()).await? {
        idempotency::Begun::Replay(first) => {
            let id = first.id;
            idempotency::still_visible::<progress_report::Entity>(db, access, id).await?;
            return Ok(first);
        }
        idempotency::Begun::Work(txn) => txn,
    };
    let task =
        access.find_over::<progress_report::Entity, rectification_task::Entity>(&txn, Action::Create, task_id).await?;
    if task.status != TaskStatus::InProgress {
        return Err(ServiceError::InvalidTransition {
            kind: "rectification task",
            action: "report progress on",
            from: task.status.name(),
        });
    }
    let created = progress_report::ActiveModel {
        task_id: Set(task_id),
        content: Set(content),
        created_by: Set(access.principal()?.user_id),
        created_at: Set(crate::clock::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    if let Some(k) = &key {
        idempotency::answer(&txn, k, &created).await?;
    }
    log::record(&txn, access, RecordKind::ProgressReport, Action::Create, created.id).await?;
    txn.commit().await?;
    Ok(created)
}

/// `INVALID_TRANSITION` unless task `task_id` is in progress: the window in which the unit writes,
/// corrects and withdraws its reports and evidence.
pub async fn check_task_in_progress(
    txn: &sea_orm::DatabaseTransaction,
    task_id: i32,
    what: &'static str,
) -> ServiceResult<()> {
    let task = crate::gate::unscoped::<rectification_task::Entity>("the window of a record in reach")
        .filter(rectification_task::Column::Id.eq(task_id))
        .one(txn)
        .await?
        .ok_or(ServiceError::NotFound("rectification task"))?;
    if task.status != TaskStatus::InProgress {
        return Err(ServiceError::InvalidTransition {
            kind: "rectification task",
            action: what,
            from: task.status.name(),
        });
    }
    Ok(())
}

/// Corrects a progress report (the unit, while its task is in progress); the earlier text stays in
/// its history.
pub async fn amend(
    db: &DatabaseConnection,
    access: &Access,
    id: i32,
    content: &str,
    reason: &str,
    expected_version: Option<i32>,
) -> ServiceResult<progress_report::Model> {
    access.permit::<progress_report::Entity>(Action::Update)?;
    let reason = revisions::reason(reason)?;
    let content = validate::prose("content", content, 5_000)?;
    let txn = crate::store::begin(db).await?;
    let current = access.find_locked::<progress_report::Entity>(&txn, Action::Update, id).await?;
    validate::version(expected_version, current.version)?;
    check_task_in_progress(&txn, current.task_id, "correct a progress report of").await?;
    let after = progress_report::Model { content: content.clone(), ..current.clone() };
    let fields = revisions::changed_fields(&current, &after);
    if fields.is_empty() {
        return Ok(current);
    }
    let mut row: progress_report::ActiveModel = current.clone().into();
    row.content = Set(content);
    row.version = Set(current.version + 1);
    let updated = row.update(&txn).await?;
    let revision = (RecordKind::ProgressReport, id, updated.version);
    revisions::record(&txn, access, revision, revisions::Change::Amended, &reason, fields).await?;
    log::record(&txn, access, RecordKind::ProgressReport, Action::Update, id).await?;
    txn.commit().await?;
    Ok(updated)
}

/// Withdraws a progress report filed by mistake (the unit, while its task is in progress).
pub async fn withdraw(
    db: &DatabaseConnection,
    access: &Access,
    id: i32,
    reason: &str,
    expected_version: Option<i32>,
) -> ServiceResult<progress_report::Model> {
    revisions::withdraw::<progress_report::Entity>(db, access, id, (reason, expected_version), async |txn, r| {
        check_task_in_progress(txn, r.task_id, "withdraw a progress report of").await
    })
    .await
}
