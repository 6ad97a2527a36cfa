//! The rules of the report and the feedback: drafted by the team while stationed, submitted by
//! the team leader (inspection → `REPORTED`), the feedback released by the office (inspection →
//! `FEEDBACK_GIVEN`).

use entities::{InspectionStatus, feedback, inspection, report};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};

use crate::{
    audit,
    error::{ServiceError, ServiceResult},
    gate::{Access, Action, RecordKind},
    rounds::service::{move_inspection, writable_inspection},
    validate,
};

/// Longest report or feedback, in characters.
pub const MAX_BODY: usize = 50_000;

/// The inspection whose report or feedback the team may still change: stationed, not yet reported.
async fn draftable(
    db: &impl ConnectionTrait,
    access: &Access,
    kind: RecordKind,
    inspection_id: i32,
) -> ServiceResult<inspection::Model> {
    let i = writable_inspection(db, access, kind, Action::Update, inspection_id).await?;
    if i.status != InspectionStatus::Stationed {
        return Err(ServiceError::InvalidTransition {
            kind: "inspection",
            action: "change the report or feedback of",
            from: i.status.name(),
        });
    }
    Ok(i)
}

/// Declares the save function of a draft document of an inspection (the report, the feedback):
/// the team writes it while stationed, creating it or replacing its body; the state field it is
/// born with (`submitted_at`, `released_at`) is set by the transitions, never here.
macro_rules! save_document {
    ($name:ident, $entity:ident, $kind:expr, $unset:ident, $doc:literal) => {
        #[doc = $doc]
        pub async fn $name(
            db: &DatabaseConnection,
            access: &Access,
            inspection_id: i32,
            body: &str,
        ) -> ServiceResult<$entity::Model> {
            let body = validate::prose("body", body, MAX_BODY)?;
            let txn = crate::store::begin(db).await?;
            draftable(&txn, access, $kind, inspection_id).await?;
            let now = crate::clock::now();
            let existing =
                $entity::Entity::find().filter($entity::Column::InspectionId.eq(inspection_id)).one(&txn).await?;
            let saved = match existing {
                Some(d) => {
                    let version = d.version;
                    let mut row: $entity::ActiveModel = d.into();
                    row.body = Set(body);
                    row.updated_at = Set(now);
                    row.version = Set(version + 1);
                    row.update(&txn).await?
                }
                None => {
                    $entity::ActiveModel {
                        inspection_id: Set(inspection_id),
                        body: Set(body),
                        $unset: Set(None),
                        created_at: Set(now),
                        updated_at: Set(now),
                        version: Set(1),
                        ..Default::default()
                    }
                    .insert(&txn)
                    .await?
                }
            };
            audit::service::record(&txn, access, $kind, Action::Update, saved.id).await?;
            txn.commit().await?;
            Ok(saved)
        }
    };
}

save_document!(
    save_report,
    report,
    RecordKind::Report,
    submitted_at,
    "Writes the report to the leadership group (the team, while stationed)."
);
save_document!(
    save_feedback,
    feedback,
    RecordKind::Feedback,
    released_at,
    "Writes the feedback document for the unit (the team, while stationed)."
);

/// Submits the report and the feedback: inspection `STATIONED` → `REPORTED` (the team leader).
/// Both must have been written.
pub async fn submit(db: &DatabaseConnection, access: &Access, inspection_id: i32) -> ServiceResult<inspection::Model> {
    let scope = access.authorize_over(RecordKind::Report, Action::Submit, RecordKind::Inspection)?;
    let txn = crate::store::begin(db).await?;
    let current = inspection::Entity::find_by_id(inspection_id)
        .filter(scope)
        .one(&txn)
        .await?
        .ok_or(ServiceError::NotFound("inspection"))?;
    let mut report_id = None;
    if current.status == InspectionStatus::Stationed {
        let report = report::Entity::find().filter(report::Column::InspectionId.eq(inspection_id)).one(&txn).await?;
        let feedback =
            feedback::Entity::find().filter(feedback::Column::InspectionId.eq(inspection_id)).one(&txn).await?;
        let (Some(report), Some(_)) = (report, feedback) else {
            return Err(ServiceError::bad_input(
                "inspectionId",
                "write both the report and the feedback before submitting",
            ));
        };
        let now = crate::clock::now();
        report_id = Some(report.id);
        let version = report.version;
        let mut row: report::ActiveModel = report.into();
        row.submitted_at = Set(Some(now));
        row.updated_at = Set(now);
        row.version = Set(version + 1);
        row.update(&txn).await?;
    }
    let updated = move_inspection(
        &txn,
        &current,
        "submit the report of",
        InspectionStatus::Stationed,
        InspectionStatus::Reported,
    )
    .await?;
    let report_id = report_id.ok_or(ServiceError::NotFound("report"))?;
    audit::service::record(&txn, access, RecordKind::Report, Action::Submit, report_id).await?;
    txn.commit().await?;
    Ok(updated)
}

/// Releases the feedback to the unit: inspection `REPORTED` → `FEEDBACK_GIVEN` (the office).
pub async fn release(
    db: &DatabaseConnection,
    access: &Access,
    inspection_id: i32,
) -> ServiceResult<(inspection::Model, feedback::Model)> {
    let scope = access.authorize_over(RecordKind::Feedback, Action::Release, RecordKind::Inspection)?;
    let txn = crate::store::begin(db).await?;
    let current = inspection::Entity::find_by_id(inspection_id)
        .filter(scope)
        .one(&txn)
        .await?
        .ok_or(ServiceError::NotFound("inspection"))?;
    let updated = move_inspection(
        &txn,
        &current,
        "release the feedback of",
        InspectionStatus::Reported,
        InspectionStatus::FeedbackGiven,
    )
    .await?;
    let feedback = feedback::Entity::find()
        .filter(feedback::Column::InspectionId.eq(inspection_id))
        .one(&txn)
        .await?
        .ok_or(ServiceError::NotFound("feedback"))?;
    let version = feedback.version;
    let mut row: feedback::ActiveModel = feedback.into();
    row.released_at = Set(Some(crate::clock::now()));
    row.version = Set(version + 1);
    let released = row.update(&txn).await?;
    audit::service::record(&txn, access, RecordKind::Feedback, Action::Release, released.id).await?;
    txn.commit().await?;
    Ok((updated, released))
}
