//! The rules of progress reports: the unit files them on a task it is working on.

use entities::{TaskStatus, progress_report, rectification_task};
use sea_orm::{ActiveModelTrait, DatabaseConnection, Set};

use crate::{
    error::{ServiceError, ServiceResult},
    gate::{Access, Action, RecordKind, log},
    idempotency, validate,
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
