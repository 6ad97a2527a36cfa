//! The rules of rectification reports: `DRAFTING` → `SUBMITTED` (the unit; the principal leader's
//! report by the principal leader only) → `ACCEPTED` (the office; the public version `PUBLISHED`)
//! or `RETURNED` with comments → `SUBMITTED` again. The two reports are due on the feedback's day
//! plus the district's months, and overdue after it until submitted.

use std::collections::HashMap;

use chrono::NaiveDate;
use entities::{
    RectificationReportKind, RectificationReportStatus, Role, inspection, organization, rectification_report,
};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect, Set,
};

use crate::{
    config::RectificationPeriods,
    error::{ServiceError, ServiceResult},
    gate::{Access, Action, RecordKind, log, unscoped},
    pagination::{self, Ordering, Page, PageRequest, SortValue},
    rectification_plans::service::of_unit_and_round,
    validate,
};

/// Whether a report is past its day and not yet submitted.
pub fn is_overdue(r: &rectification_report::Model, today: NaiveDate) -> bool {
    matches!(r.status, RectificationReportStatus::Drafting | RectificationReportStatus::Returned)
        && r.due_on.is_some_and(|d| d < today)
}

/// Opens the unit's three reports when its feedback is released on `released_on`.
pub async fn open(
    txn: &impl ConnectionTrait,
    inspection_id: i32,
    released_on: NaiveDate,
    periods: RectificationPeriods,
) -> ServiceResult<()> {
    let now = crate::clock::now();
    let due = released_on
        .checked_add_months(chrono::Months::new(periods.report_months))
        .ok_or_else(|| ServiceError::bad_input("releasedOn", "is too far ahead"))?;
    let rows =
        [RectificationReportKind::Rectification, RectificationReportKind::Principal, RectificationReportKind::Public]
            .map(|kind| rectification_report::ActiveModel {
                inspection_id: Set(inspection_id),
                kind: Set(kind),
                status: Set(RectificationReportStatus::Drafting),
                body: Set(String::new()),
                due_on: Set((kind != RectificationReportKind::Public).then_some(due)),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
                ..Default::default()
            });
    rectification_report::Entity::insert_many(rows).exec(txn).await?;
    Ok(())
}

/// Narrows the report list.
#[derive(Debug, Clone, Default)]
pub struct ReportFilter {
    /// Only this inspection's.
    pub inspection_id: Option<i32>,
    /// Only this unit's.
    pub unit_id: Option<i32>,
    /// Only this round's.
    pub round_id: Option<i32>,
    /// Only these kinds.
    pub kinds: Option<Vec<RectificationReportKind>>,
    /// Only these states.
    pub statuses: Option<Vec<RectificationReportStatus>>,
    /// Only overdue (true) or only not overdue (false) reports.
    pub overdue: Option<bool>,
}

/// The orders of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportOrder {
    /// In the order they were opened (each inspection's three together).
    CreatedAtAsc,
    /// Newest first.
    CreatedAtDesc,
    /// Last changed first.
    UpdatedAtDesc,
}

/// How the list is sorted in `order` (ties broken by the id, so the cursor is stable).
pub fn ordering(order: ReportOrder) -> Ordering<rectification_report::Entity> {
    match order {
        ReportOrder::CreatedAtAsc => crate::ordered_by!(rectification_report, "created_at", CreatedAt, created_at, Asc),
        ReportOrder::CreatedAtDesc => {
            crate::ordered_by!(rectification_report, "created_at_desc", CreatedAt, created_at, Desc)
        }
        ReportOrder::UpdatedAtDesc => {
            crate::ordered_by!(rectification_report, "updated_desc", UpdatedAt, updated_at, Desc)
        }
    }
}

/// A page of the reports the caller may see, in the order they were opened.
pub async fn list(
    db: &DatabaseConnection,
    access: &Access,
    filter: ReportFilter,
    order: ReportOrder,
    page: &PageRequest,
) -> ServiceResult<Page<rectification_report::Model>> {
    let mut q = access.select::<rectification_report::Entity>(Action::Read)?;
    if let Some(i) = filter.inspection_id {
        q = q.filter(rectification_report::Column::InspectionId.eq(i));
    }
    if let Some(c) = of_unit_and_round(rectification_report::Column::InspectionId, filter.unit_id, filter.round_id) {
        q = q.filter(c);
    }
    if let Some(v) = filter.kinds {
        if v.is_empty() {
            return Err(ServiceError::bad_input("filter.kinds", "name at least one kind, or leave it out"));
        }
        q = q.filter(rectification_report::Column::Kind.is_in(v));
    }
    if let Some(v) = filter.statuses {
        if v.is_empty() {
            return Err(ServiceError::bad_input("filter.statuses", "name at least one state, or leave it out"));
        }
        q = q.filter(rectification_report::Column::Status.is_in(v));
    }
    let overdue = overdue_condition();
    match filter.overdue {
        Some(true) => q = q.filter(overdue),
        Some(false) => q = q.filter(overdue.not()),
        None => {}
    }
    pagination::fetch(db, q, &ordering(order), page).await
}

/// The reports past their day and not yet submitted, as a condition.
pub fn overdue_condition() -> Condition {
    Condition::all()
        .add(
            rectification_report::Column::Status
                .is_in([RectificationReportStatus::Drafting, RectificationReportStatus::Returned]),
        )
        .add(rectification_report::Column::DueOn.is_not_null())
        .add(rectification_report::Column::DueOn.lt(crate::clock::today()))
}

/// Whether one of `grants` is the principal leader of `unit` (who alone submits its principal
/// leader's report).
fn principal_of(grants: &[&crate::gate::Grant], unit: Option<i32>) -> bool {
    grants.iter().any(|g| g.role == Role::UnitLeader && g.principal && Some(g.organization_id) == unit)
}

/// `FORBIDDEN` unless the caller is the unit's principal leader, for its principal leader's report
/// (which only they write and submit).
async fn check_principal(
    txn: &impl ConnectionTrait,
    grants: &[&crate::gate::Grant],
    r: &rectification_report::Model,
) -> ServiceResult<()> {
    if r.kind != RectificationReportKind::Principal {
        return Ok(());
    }
    let unit = unscoped::<inspection::Entity>("the unit of a report in reach")
        .select_only()
        .column(inspection::Column::UnitId)
        .filter(inspection::Column::Id.eq(r.inspection_id))
        .into_tuple::<i32>()
        .one(txn)
        .await?;
    if principal_of(grants, unit) { Ok(()) } else { Err(ServiceError::Forbidden) }
}

/// What may be done next with a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportTransition {
    /// Write its text (`updateRectificationReport`).
    Write,
    /// Submit it (`submitRectificationReport`).
    Submit,
    /// Accept (or publish) it (`acceptRectificationReport`).
    Accept,
    /// Return it (`returnRectificationReport`).
    Return,
}

/// The transitions the caller may take on report `r` of unit `unit` now, by the rules the
/// mutations apply: the policy, the state (and the inspection's: `closed` ends the unit's writing),
/// the principal leader for the principal leader's report (to write it and to submit it), and a
/// text to submit.
pub fn available(
    access: &Access,
    r: &rectification_report::Model,
    unit: Option<i32>,
    closed: bool,
) -> Vec<ReportTransition> {
    let may = |action: Action| access.grants(RecordKind::RectificationReport, action).ok();
    let writable = check_writable(r, "write").is_ok() && !closed;
    let submitted = r.status == RectificationReportStatus::Submitted;
    let mut next = Vec::new();
    if let Some(grants) = may(Action::Update)
        && writable
        && (r.kind != RectificationReportKind::Principal || principal_of(&grants, unit))
    {
        next.push(ReportTransition::Write);
    }
    if let Some(grants) = may(Action::Submit)
        && writable
        && !r.body.trim().is_empty()
        && (r.kind != RectificationReportKind::Principal || principal_of(&grants, unit))
    {
        next.push(ReportTransition::Submit);
    }
    if submitted && may(Action::Accept).is_some() {
        next.push(ReportTransition::Accept);
    }
    if submitted && may(Action::Return).is_some() {
        next.push(ReportTransition::Return);
    }
    next
}

fn check_writable(r: &rectification_report::Model, verb: &'static str) -> ServiceResult<()> {
    match r.status {
        RectificationReportStatus::Drafting | RectificationReportStatus::Returned => Ok(()),
        other => {
            Err(ServiceError::InvalidTransition { kind: "rectification report", action: verb, from: other.name() })
        }
    }
}

async fn touch(
    txn: &impl ConnectionTrait,
    r: &rectification_report::Model,
    change: impl FnOnce(&mut rectification_report::ActiveModel),
) -> ServiceResult<rectification_report::Model> {
    let mut row: rectification_report::ActiveModel = r.clone().into();
    change(&mut row);
    row.updated_at = Set(crate::clock::now());
    row.version = Set(r.version + 1);
    rectification_report::Entity::update_many()
        .set(row)
        .filter(rectification_report::Column::Id.eq(r.id))
        .filter(rectification_report::Column::Version.eq(r.version))
        .exec_with_returning(txn)
        .await?
        .pop()
        .ok_or_else(|| ServiceError::conflict("the report changed under you; reload and try again"))
}

/// Writes a report's text (the unit, while `DRAFTING` or `RETURNED`).
pub async fn update(
    db: &DatabaseConnection,
    access: &Access,
    id: i32,
    body: &str,
    expected_version: Option<i32>,
) -> ServiceResult<rectification_report::Model> {
    let grants = access.grants(RecordKind::RectificationReport, Action::Update)?;
    let body = validate::prose("body", body, 50_000)?;
    let txn = crate::store::begin(db).await?;
    let current = access.find_locked::<rectification_report::Entity>(&txn, Action::Update, id).await?;
    validate::version(expected_version, current.version)?;
    check_writable(&current, "write")?;
    crate::rectification_plans::service::check_open(&txn, current.inspection_id, "write a rectification report of")
        .await?;
    check_principal(&txn, &grants, &current).await?;
    let updated = touch(&txn, &current, |row| row.body = Set(body)).await?;
    log::record(&txn, access, RecordKind::RectificationReport, Action::Update, id).await?;
    txn.commit().await?;
    Ok(updated)
}

/// Submits a report (the unit): its principal leader's report only by the principal leader.
pub async fn submit(
    db: &DatabaseConnection,
    access: &Access,
    id: i32,
    expected_version: Option<i32>,
) -> ServiceResult<rectification_report::Model> {
    let grants = access.grants(RecordKind::RectificationReport, Action::Submit)?;
    let txn = crate::store::begin(db).await?;
    let current = access.find_locked::<rectification_report::Entity>(&txn, Action::Submit, id).await?;
    validate::version(expected_version, current.version)?;
    check_writable(&current, "submit")?;
    crate::rectification_plans::service::check_open(&txn, current.inspection_id, "submit a rectification report of")
        .await?;
    check_principal(&txn, &grants, &current).await?;
    if current.body.trim().is_empty() {
        return Err(ServiceError::Unmet {
            kind: "rectification report",
            action: "submit",
            missing: "the report has no text (updateRectificationReport)".into(),
        });
    }
    let now = crate::clock::now();
    let updated = touch(&txn, &current, |row| {
        row.status = Set(RectificationReportStatus::Submitted);
        row.submitted_at = Set(Some(now));
    })
    .await?;
    log::record(&txn, access, RecordKind::RectificationReport, Action::Submit, id).await?;
    txn.commit().await?;
    Ok(updated)
}

/// The office's answer to a submitted report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// Accepted; the public version is published.
    Accept,
    /// Returned with comments.
    Return,
}

/// Accepts a submitted report (the public version: publishes it) or returns it with comments (the
/// office).
pub async fn answer(
    db: &DatabaseConnection,
    access: &Access,
    id: i32,
    answer: Answer,
    comment: Option<String>,
    expected_version: Option<i32>,
) -> ServiceResult<rectification_report::Model> {
    let (action, verb) = match answer {
        Answer::Accept => (Action::Accept, "accept"),
        Answer::Return => (Action::Return, "return"),
    };
    access.permit::<rectification_report::Entity>(action)?;
    let comment = match (answer, comment.as_deref().map(str::trim).filter(|c| !c.is_empty())) {
        (Answer::Return, None) => return Err(ServiceError::bad_input("comment", "say what the unit must revise")),
        (_, Some(c)) => Some(validate::prose("comment", c, 5_000)?),
        (_, None) => None,
    };
    let txn = crate::store::begin(db).await?;
    let current = access.find_locked::<rectification_report::Entity>(&txn, action, id).await?;
    validate::version(expected_version, current.version)?;
    if current.status != RectificationReportStatus::Submitted {
        return Err(ServiceError::InvalidTransition {
            kind: "rectification report",
            action: verb,
            from: current.status.name(),
        });
    }
    let now = crate::clock::now();
    let to = match (answer, current.kind) {
        (Answer::Return, _) => RectificationReportStatus::Returned,
        (Answer::Accept, RectificationReportKind::Public) => RectificationReportStatus::Published,
        (Answer::Accept, _) => RectificationReportStatus::Accepted,
    };
    let updated = touch(&txn, &current, |row| {
        row.status = Set(to);
        row.decided_at = Set(Some(now));
        row.office_comment = Set(comment);
        if to == RectificationReportStatus::Published {
            row.published_at = Set(Some(now));
        }
    })
    .await?;
    log::record(&txn, access, RecordKind::RectificationReport, action, id).await?;
    txn.commit().await?;
    Ok(updated)
}

/// A published rectification, as anyone reads it.
#[derive(Debug, Clone)]
pub struct Published {
    /// The day it was published, in the district.
    pub published_on: NaiveDate,
    /// The unit's name.
    pub unit_name: String,
    /// The public text.
    pub body: String,
}

/// A page of the published public versions, newest first: readable without a token, so it reads
/// only the published rows and gives out only their day, their unit's name and their text.
pub async fn published(db: &DatabaseConnection, page: &PageRequest) -> ServiceResult<Page<Published>> {
    let q = unscoped::<rectification_report::Entity>("the published public versions are public")
        .filter(rectification_report::Column::Kind.eq(RectificationReportKind::Public))
        .filter(rectification_report::Column::Status.eq(RectificationReportStatus::Published));
    let ordering = Ordering::<rectification_report::Entity> {
        name: "published",
        column: rectification_report::Column::Id,
        order: sea_orm::Order::Desc,
        value: |m| SortValue::Int(m.id.into()),
        id_column: rectification_report::Column::Id,
        id: |m| m.id,
    };
    let page = pagination::fetch(db, q, &ordering, page).await?;
    let inspections: Vec<i32> = page.rows.iter().map(|(_, r)| r.inspection_id).collect();
    let units: HashMap<i32, i32> = unscoped::<inspection::Entity>("the units of published rectifications")
        .select_only()
        .column(inspection::Column::Id)
        .column(inspection::Column::UnitId)
        .filter(inspection::Column::Id.is_in(inspections))
        .into_tuple::<(i32, i32)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let names: HashMap<i32, String> = unscoped::<organization::Entity>("the names of units are public")
        .select_only()
        .column(organization::Column::Id)
        .column(organization::Column::Name)
        .filter(organization::Column::Id.is_in(units.values().copied()))
        .into_tuple::<(i32, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    Ok(page.map(|r| Published {
        published_on: r.published_at.map(crate::clock::day_of).unwrap_or_default(),
        unit_name: units.get(&r.inspection_id).and_then(|u| names.get(u)).cloned().unwrap_or_default(),
        body: r.body,
    }))
}
