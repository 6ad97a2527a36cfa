//! The rules of decisions: on a report heard and accepted (`HEARD`), once, dated no earlier than
//! the hearing and not in the future; the subject moves to `DECIDED`.

use chrono::NaiveDate;
use entities::{
    HearingOutcome, InspectionStatus, RecordKind, RoundReportStatus, decision, hearing, inspection, round_report,
};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, QueryFilter, QueryOrder, Set};

use crate::{
    error::{ServiceError, ServiceResult, conflict_on_unique},
    gate::{Access, Action, log, unscoped},
    hearings::service::Subject,
    inspections::service::move_inspection,
    pagination::{self, Ordering, Page, PageRequest},
    round_reports::service::move_report,
    validate,
};

/// The orders of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecisionOrder {
    /// Newest recorded first.
    CreatedAtDesc,
    /// Latest decided first.
    DecidedOnDesc,
    /// Earliest decided first.
    DecidedOnAsc,
}

/// How the list is sorted in `order` (ties broken by the id, so the cursor is stable).
pub fn ordering(order: DecisionOrder) -> Ordering<decision::Entity> {
    match order {
        DecisionOrder::CreatedAtDesc => crate::ordered_by!(decision, "created_at_desc", CreatedAt, created_at, Desc),
        DecisionOrder::DecidedOnDesc => crate::ordered_by!(decision, "decided_desc", DecidedOn, decided_on, Desc),
        DecisionOrder::DecidedOnAsc => crate::ordered_by!(decision, "decided", DecidedOn, decided_on, Asc),
    }
}

/// A page of the decisions the caller may see, newest first.
pub async fn list(
    db: &DatabaseConnection,
    access: &Access,
    order: DecisionOrder,
    page: &PageRequest,
) -> ServiceResult<Page<decision::Model>> {
    let q = access.select::<decision::Entity>(Action::Read)?;
    pagination::fetch(db, q, &ordering(order), page).await
}

/// The day of the last hearing that accepted the subject (`column` names it).
async fn accepted_on(db: &impl ConnectionTrait, column: hearing::Column, id: i32) -> ServiceResult<Option<NaiveDate>> {
    Ok(unscoped::<hearing::Entity>("the hearing of a subject already read in reach")
        .filter(column.eq(id))
        .filter(hearing::Column::Outcome.eq(HearingOutcome::Accepted))
        .order_by_desc(hearing::Column::Id)
        .one(db)
        .await?
        .map(|h| h.heard_on))
}

/// Records the district committee's decision on a heard report (the leadership group, the office).
pub async fn record(
    db: &DatabaseConnection,
    access: &Access,
    subject: Subject,
    decided_on: NaiveDate,
    text: &str,
) -> ServiceResult<decision::Model> {
    access.permit::<decision::Entity>(Action::Create)?;
    let (text, _) =
        validate::all((validate::prose("text", text, 10_000), validate::past_day("decidedOn", decided_on)))?;
    let txn = crate::store::begin(db).await?;
    let (inspection_id, round_report_id, heard_on) = match subject {
        Subject::Inspection(id) => {
            let current = access.find_over::<decision::Entity, inspection::Entity>(&txn, Action::Create, id).await?;
            if current.status == InspectionStatus::Reported {
                return Err(ServiceError::Unmet {
                    kind: "inspection",
                    action: "decide on",
                    missing: "the leadership group has not heard and accepted the report (recordHearing)".into(),
                });
            }
            let heard_on = accepted_on(&txn, hearing::Column::InspectionId, id).await?;
            move_inspection(&txn, &current, "decide on", InspectionStatus::Heard, InspectionStatus::Decided).await?;
            (Some(id), None, heard_on)
        }
        Subject::RoundReport(id) => {
            let current = access.find_over::<decision::Entity, round_report::Entity>(&txn, Action::Create, id).await?;
            let heard_on = accepted_on(&txn, hearing::Column::RoundReportId, id).await?;
            move_report(&txn, &current, "decide on", RoundReportStatus::Heard, RoundReportStatus::Decided).await?;
            (None, Some(id), heard_on)
        }
    };
    if heard_on.is_some_and(|h| decided_on < h) {
        return Err(ServiceError::bad_input("decidedOn", "must not be before the hearing"));
    }
    let created = decision::ActiveModel {
        inspection_id: Set(inspection_id),
        round_report_id: Set(round_report_id),
        decided_on: Set(decided_on),
        text: Set(text),
        recorded_by: Set(access.principal()?.user_id),
        created_at: Set(crate::clock::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|e| conflict_on_unique(e, "subjectId", "is already decided on"))?;
    log::record(&txn, access, RecordKind::Decision, Action::Create, created.id).await?;
    txn.commit().await?;
    Ok(created)
}
