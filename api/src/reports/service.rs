//! The rules of the report: drafted by the team while stationed, submitted by the team leader
//! (inspection → `REPORTED`).

use entities::{InspectionStatus, feedback, inspection, principal_feedback, report};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, QueryFilter};

use crate::{
    error::{ServiceError, ServiceResult},
    gate::{Access, Action, RecordKind, log, unscoped},
    inspections::{documents::save_document, service::move_inspection},
};

save_document!(
    save_report,
    report,
    RecordKind::Report,
    submitted_at,
    "Writes the report to the leadership group (the team, while stationed)."
);

/// Submits the report and both feedback documents: inspection `STATIONED` → `REPORTED` (the team
/// leader). All three must have been written.
pub async fn submit(
    db: &DatabaseConnection,
    access: &Access,
    inspection_id: i32,
    expected_version: Option<i32>,
) -> ServiceResult<inspection::Model> {
    let txn = crate::store::begin(db).await?;
    let current = access.find_over::<report::Entity, inspection::Entity>(&txn, Action::Submit, inspection_id).await?;
    crate::validate::version(expected_version, current.version)?;
    let mut report_id = None;
    if current.status == InspectionStatus::Stationed {
        let report = unscoped::<report::Entity>("the report of an inspection in reach")
            .filter(report::Column::InspectionId.eq(inspection_id))
            .one(&txn)
            .await?;
        let feedback = unscoped::<feedback::Entity>("the feedback of an inspection in reach")
            .filter(feedback::Column::InspectionId.eq(inspection_id))
            .one(&txn)
            .await?;
        let principal = unscoped::<principal_feedback::Entity>("the principal feedback of an inspection in reach")
            .filter(principal_feedback::Column::InspectionId.eq(inspection_id))
            .one(&txn)
            .await?;
        let (Some(report), Some(_), Some(_)) = (report, feedback, principal) else {
            return Err(ServiceError::bad_input(
                "inspectionId",
                "write the report, the feedback to the leadership team and the feedback to the principal leader \
                 before submitting",
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
    log::record(&txn, access, RecordKind::Report, Action::Submit, report_id).await?;
    txn.commit().await?;
    Ok(updated)
}

/// Sends a heard report back to its team for revision: the report is a draft again (its
/// submission cleared), and the inspection `STATIONED`, so that the team amends the report and the
/// feedback and submits again. Part of the hearing's transaction (see `hearings`).
pub async fn return_for_revision(
    db: &impl sea_orm::ConnectionTrait,
    current: &inspection::Model,
) -> ServiceResult<inspection::Model> {
    let report = unscoped::<report::Entity>("the report of an inspection in reach")
        .filter(report::Column::InspectionId.eq(current.id))
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound("report"))?;
    let version = report.version;
    let mut row: report::ActiveModel = report.into();
    row.submitted_at = Set(None);
    row.updated_at = Set(crate::clock::now());
    row.version = Set(version + 1);
    row.update(db).await?;
    move_inspection(db, current, "return the report of", InspectionStatus::Reported, InspectionStatus::Stationed).await
}
