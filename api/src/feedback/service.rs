//! The rules of the feedback: drafted by the team while stationed, released to the unit by the
//! office (inspection → `FEEDBACK_GIVEN`).

use entities::{InspectionStatus, feedback, inspection};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, QueryFilter};

use crate::{
    error::{ServiceError, ServiceResult},
    gate::{Access, Action, RecordKind, log, unscoped},
    inspections::{documents::save_document, service::move_inspection},
};

save_document!(
    save_feedback,
    feedback,
    RecordKind::Feedback,
    released_at,
    "Writes the feedback document for the unit (the team, while stationed)."
);

/// Releases the feedback to the unit: inspection `REPORTED` → `FEEDBACK_GIVEN` (the office).
pub async fn release(
    db: &DatabaseConnection,
    access: &Access,
    inspection_id: i32,
) -> ServiceResult<(inspection::Model, feedback::Model)> {
    let txn = crate::store::begin(db).await?;
    let current =
        access.find_over::<feedback::Entity, inspection::Entity>(&txn, Action::Release, inspection_id).await?;
    let updated = move_inspection(
        &txn,
        &current,
        "release the feedback of",
        InspectionStatus::Reported,
        InspectionStatus::FeedbackGiven,
    )
    .await?;
    let feedback = unscoped::<feedback::Entity>("the feedback of an inspection in reach")
        .filter(feedback::Column::InspectionId.eq(inspection_id))
        .one(&txn)
        .await?
        .ok_or(ServiceError::NotFound("feedback"))?;
    let version = feedback.version;
    let mut row: feedback::ActiveModel = feedback.into();
    row.released_at = Set(Some(crate::clock::now()));
    row.version = Set(version + 1);
    let released = row.update(&txn).await?;
    log::record(&txn, access, RecordKind::Feedback, Action::Release, released.id).await?;
    txn.commit().await?;
    Ok((updated, released))
}
