//! The rules of hearings: the leadership group hears a submitted report — an inspection's
//! (`REPORTED`) or a round's (`SUBMITTED`) — no earlier than it was submitted and not in the
//! future; accepting it moves it to `HEARD`, returning it sends it back to its authors.

use chrono::NaiveDate;
use entities::{
    HearingOutcome, InspectionStatus, RecordKind, RoundReportStatus, hearing, inspection, report, round_report,
};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, QueryFilter, Set};

use crate::{
    error::{ServiceError, ServiceResult},
    gate::{Access, Action, log, unscoped},
    inspections::service::move_inspection,
    pagination::{self, Ordering, Page, PageRequest},
    reports::service::return_for_revision,
    round_reports::service::move_report,
    validate,
};

/// What a hearing or a decision is about: an inspection's report or a round's comprehensive one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    /// An inspection (its team's report).
    Inspection(i32),
    /// A round's comprehensive report.
    RoundReport(i32),
}

impl Subject {
    /// The subject an id names (`field` for the error): an `Inspection` or a `RoundReport`.
    pub fn of(field: &str, kind: RecordKind, id: i32) -> ServiceResult<Subject> {
        match kind {
            RecordKind::Inspection => Ok(Subject::Inspection(id)),
            RecordKind::RoundReport => Ok(Subject::RoundReport(id)),
            _ => Err(ServiceError::bad_input(field, "is not the id of an Inspection or a RoundReport")),
        }
    }
}

/// Narrows the hearings.
#[derive(Debug, Clone, Copy, Default)]
pub struct Filter {
    /// Only this inspection's.
    pub inspection_id: Option<i32>,
    /// Only this round report's.
    pub round_report_id: Option<i32>,
}

/// The orders of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HearingOrder {
    /// Newest recorded first.
    CreatedAtDesc,
    /// Latest heard first.
    HeardOnDesc,
    /// Earliest heard first.
    HeardOnAsc,
}

/// How the list is sorted in `order` (ties broken by the id, so the cursor is stable).
pub fn ordering(order: HearingOrder) -> Ordering<hearing::Entity> {
    match order {
        HearingOrder::CreatedAtDesc => crate::ordered_by!(hearing, "created_at_desc", CreatedAt, created_at, Desc),
        HearingOrder::HeardOnDesc => crate::ordered_by!(hearing, "heard_desc", HeardOn, heard_on, Desc),
        HearingOrder::HeardOnAsc => crate::ordered_by!(hearing, "heard", HeardOn, heard_on, Asc),
    }
}

/// A page of the hearings the caller may see, newest first.
pub async fn list(
    db: &DatabaseConnection,
    access: &Access,
    filter: Filter,
    order: HearingOrder,
    page: &PageRequest,
) -> ServiceResult<Page<hearing::Model>> {
    let mut q = access.select::<hearing::Entity>(Action::Read)?;
    if let Some(v) = filter.inspection_id {
        q = q.filter(hearing::Column::InspectionId.eq(v));
    }
    if let Some(v) = filter.round_report_id {
        q = q.filter(hearing::Column::RoundReportId.eq(v));
    }
    pagination::fetch(db, q, &ordering(order), page).await
}

/// A hearing as the leadership group records it.
#[derive(Debug, Clone)]
pub struct NewHearing {
    /// What was heard.
    pub subject: Subject,
    /// The day.
    pub heard_on: NaiveDate,
    /// The opinion.
    pub opinion: String,
    /// The proposed handling.
    pub proposed_handling: String,
    /// Accepted or returned.
    pub outcome: HearingOutcome,
}

/// Refuses a hearing dated in the future, or before the report was submitted.
fn check_day(heard_on: NaiveDate, submitted: Option<chrono::DateTime<chrono::Utc>>) -> ServiceResult<()> {
    validate::past_day("heardOn", heard_on)?;
    if submitted.is_some_and(|s| heard_on < crate::clock::day_of(s)) {
        return Err(ServiceError::bad_input("heardOn", "must not be before the report was submitted"));
    }
    Ok(())
}

/// Records the leadership group's hearing of a report (the leadership group).
pub async fn record(db: &DatabaseConnection, access: &Access, new: NewHearing) -> ServiceResult<hearing::Model> {
    access.permit::<hearing::Entity>(Action::Create)?;
    let (opinion, proposed_handling) = validate::all((
        validate::prose("opinion", &new.opinion, 10_000),
        validate::prose("proposedHandling", &new.proposed_handling, 10_000),
    ))?;
    let txn = crate::store::begin(db).await?;
    let (inspection_id, round_report_id) = match new.subject {
        Subject::Inspection(id) => {
            let current = access.find_over::<hearing::Entity, inspection::Entity>(&txn, Action::Create, id).await?;
            if current.status != InspectionStatus::Reported {
                return Err(ServiceError::InvalidTransition {
                    kind: "inspection",
                    action: "hear the report of",
                    from: current.status.name(),
                });
            }
            let report = unscoped::<report::Entity>("the report of an inspection in reach")
                .filter(report::Column::InspectionId.eq(id))
                .one(&txn)
                .await?;
            check_day(new.heard_on, report.and_then(|r| r.submitted_at))?;
            match new.outcome {
                HearingOutcome::Accepted => {
                    move_inspection(&txn, &current, "hear", InspectionStatus::Reported, InspectionStatus::Heard)
                        .await?;
                }
                HearingOutcome::Returned => {
                    return_for_revision(&txn, &current).await?;
                }
            }
            (Some(id), None)
        }
        Subject::RoundReport(id) => {
            let current = access.find_over::<hearing::Entity, round_report::Entity>(&txn, Action::Create, id).await?;
            if current.status != RoundReportStatus::Submitted {
                return Err(ServiceError::InvalidTransition {
                    kind: "round report",
                    action: "hear",
                    from: current.status.name(),
                });
            }
            check_day(new.heard_on, current.submitted_at)?;
            let to = match new.outcome {
                HearingOutcome::Accepted => RoundReportStatus::Heard,
                HearingOutcome::Returned => RoundReportStatus::Draft,
            };
            move_report(&txn, &current, "hear", RoundReportStatus::Submitted, to).await?;
            (None, Some(id))
        }
    };
    let created = hearing::ActiveModel {
        inspection_id: Set(inspection_id),
        round_report_id: Set(round_report_id),
        heard_on: Set(new.heard_on),
        opinion: Set(opinion),
        proposed_handling: Set(proposed_handling),
        outcome: Set(new.outcome),
        recorded_by: Set(access.principal()?.user_id),
        created_at: Set(crate::clock::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    log::record(&txn, access, RecordKind::Hearing, Action::Create, created.id).await?;
    txn.commit().await?;
    Ok(created)
}
