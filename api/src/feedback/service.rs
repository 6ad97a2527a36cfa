//! The rules of the feedback (双反馈): both documents — to the unit's leadership team and,
//! separately, to its principal leader — drafted by the team while stationed, and released
//! together by the office once the district committee has decided (inspection → `FEEDBACK_GIVEN`).

use entities::{InspectionStatus, feedback, inspection, principal_feedback};
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
    "Writes the feedback to the unit's leadership team (the team, while stationed)."
);

save_document!(
    save_principal_feedback,
    principal_feedback,
    RecordKind::PrincipalFeedback,
    released_at,
    "Writes the feedback to the unit's principal leader (the team, while stationed)."
);

/// Releases both feedback documents to the unit: inspection `DECIDED` → `FEEDBACK_GIVEN` (the
/// office). Before the district committee's decision, `INVALID_TRANSITION` says what is missing.
/// The unit's rectification plan and its three reports are opened, due after `periods`.
pub async fn release(
    db: &DatabaseConnection,
    access: &Access,
    inspection_id: i32,
    expected_version: Option<i32>,
    periods: crate::config::RectificationPeriods,
) -> ServiceResult<(inspection::Model, feedback::Model, Option<principal_feedback::Model>)> {
    let txn = crate::store::begin(db).await?;
    let current =
        access.find_over::<feedback::Entity, inspection::Entity>(&txn, Action::Release, inspection_id).await?;
    crate::validate::version(expected_version, current.version)?;
    let missing = match current.status {
        InspectionStatus::Reported => Some(
            "the leadership group has not heard the report (recordHearing), nor has the district committee \
             decided on it (recordDecision)",
        ),
        InspectionStatus::Heard => Some("the district committee's decision is not recorded (recordDecision)"),
        _ => None,
    };
    if let Some(missing) = missing {
        return Err(ServiceError::Unmet {
            kind: "inspection",
            action: "release the feedback of",
            missing: missing.into(),
        });
    }
    let updated = move_inspection(
        &txn,
        &current,
        "release the feedback of",
        InspectionStatus::Decided,
        InspectionStatus::FeedbackGiven,
    )
    .await?;
    let now = crate::clock::now();
    let feedback = unscoped::<feedback::Entity>("the feedback of an inspection in reach")
        .filter(feedback::Column::InspectionId.eq(inspection_id))
        .one(&txn)
        .await?
        .ok_or(ServiceError::NotFound("feedback"))?;
    let version = feedback.version;
    let mut row: feedback::ActiveModel = feedback.into();
    row.released_at = Set(Some(now));
    row.version = Set(version + 1);
    let released = row.update(&txn).await?;
    log::record(&txn, access, RecordKind::Feedback, Action::Release, released.id).await?;
    // An inspection reported before the two documents were kept apart has no principal one.
    let principal = match unscoped::<principal_feedback::Entity>("the principal feedback of an inspection in reach")
        .filter(principal_feedback::Column::InspectionId.eq(inspection_id))
        .one(&txn)
        .await?
    {
        Some(p) => {
            let version = p.version;
            let mut row: principal_feedback::ActiveModel = p.into();
            row.released_at = Set(Some(now));
            row.version = Set(version + 1);
            let released = row.update(&txn).await?;
            log::record(&txn, access, RecordKind::PrincipalFeedback, Action::Release, released.id).await?;
            Some(released)
        }
        None => None,
    };
    let today = crate::clock::today();
    crate::rectification_plans::service::open(&txn, inspection_id, today, periods).await?;
    crate::rectification_reports::service::open(&txn, inspection_id, today, periods).await?;
    txn.commit().await?;
    Ok((updated, released, principal))
}
