//! The rules of petitions (信访): every petition is registered, whatever unit it concerns; the
//! team accepts those within its inspection (受理), passes the others on to the body responsible
//! (转办) and tracks its answer, and closes each (办结). The team acts while its inspection's
//! record is open; the office may record an answer and close a petition at any time.

use chrono::NaiveDate;
use entities::{OrganizationKind, PetitionStatus, inspection, organization, petition, round};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, QueryFilter, Set,
    sea_query::{Expr, ExprTrait, Query},
};

use crate::{
    error::{ServiceError, ServiceResult},
    gate::{Access, Action, RecordKind, log},
    graphql::offers::Offer,
    inspections::service::{check_writable_by_id, writable_inspection, writable_inspections},
    pagination::{self, Ordering, Page, PageRequest, SortValue},
    revisions::service as revisions,
    rounds::service::first_day,
    validate,
};

/// Narrows the petition list.
#[derive(Debug, Clone, Default)]
pub struct PetitionFilter {
    /// Only this inspection's.
    pub inspection_id: Option<i32>,
    /// Only petitions in this state.
    pub status: Option<PetitionStatus>,
    /// Only petitions in one of these states.
    pub statuses: Option<Vec<PetitionStatus>>,
    /// Only those whose text holds this (ASCII letters in either case).
    pub search: Option<String>,
}

/// A page of the petitions the caller may see, oldest (or newest) first.
pub async fn list(
    db: &DatabaseConnection,
    access: &Access,
    filter: PetitionFilter,
    newest_first: bool,
    page: &PageRequest,
) -> ServiceResult<Page<petition::Model>> {
    let mut q = access.select::<petition::Entity>(Action::Read)?;
    if let Some(v) = filter.inspection_id {
        q = q.filter(petition::Column::InspectionId.eq(v));
    }
    if let Some(v) = filter.status {
        q = q.filter(petition::Column::Status.eq(v));
    }
    if let Some(v) = filter.statuses {
        if v.is_empty() {
            return Err(ServiceError::bad_input("statuses", "name at least one state, or leave it out"));
        }
        q = q.filter(petition::Column::Status.is_in(v));
    }
    if let Some(s) = filter.search.filter(|s| !s.is_empty()) {
        q = q.filter(validate::contains(db.get_database_backend(), petition::Column::Content, &s));
    }
    let ordering = ordering(newest_first);
    pagination::fetch(db, q, &ordering, page).await
}

/// A petition as the team registers it.
#[derive(Debug, Clone)]
pub struct NewPetition {
    /// The inspection that received it.
    pub inspection_id: i32,
    /// The unit it concerns (default: the inspected unit).
    pub unit_id: Option<i32>,
    /// What was reported.
    pub content: String,
    /// The reporter's name; none for an anonymous petition.
    pub reporter_name: Option<String>,
    /// How to reach the reporter.
    pub reporter_contact: Option<String>,
    /// When it was received.
    pub received_on: NaiveDate,
}

/// The audited unit or partner agency `id`, as the caller reads it (`field` for the error).
async fn body_of_kind(
    db: &impl ConnectionTrait,
    access: &Access,
    id: i32,
    kinds: &[OrganizationKind],
    field: &str,
    what: &str,
) -> ServiceResult<organization::Model> {
    let found =
        access.select::<organization::Entity>(Action::Read)?.filter(organization::Column::Id.eq(id)).one(db).await?;
    match found {
        Some(o) if kinds.contains(&o.kind) => Ok(o),
        _ => Err(ServiceError::bad_input(field, format!("is not {what}"))),
    }
}

/// Registers a petition (the inspection's team, while its record is open). It may concern any
/// audited unit of the district: one the team does not inspect is registered, then passed on.
pub async fn create(db: &DatabaseConnection, access: &Access, new: NewPetition) -> ServiceResult<petition::Model> {
    access.permit::<petition::Entity>(Action::Create)?;
    // An empty name or contact is an anonymous petition.
    let given = |v: &Option<String>| v.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned);
    let (content, reporter_name, reporter_contact, _) = validate::all((
        validate::prose("content", &new.content, 5_000),
        given(&new.reporter_name).map(|n| validate::text("reporterName", &n, 100)).transpose(),
        given(&new.reporter_contact).map(|c| validate::text("reporterContact", &c, 200)).transpose(),
        validate::past_day("receivedOn", new.received_on),
    ))?;
    let txn = crate::store::begin(db).await?;
    let inspection = writable_inspection::<petition::Entity>(&txn, access, Action::Create, new.inspection_id).await?;
    let round = access.find::<round::Entity>(&txn, Action::Read, inspection.round_id).await?;
    if new.received_on < first_day(&round) {
        return Err(ServiceError::bad_input("receivedOn", "must not be before the round started"));
    }
    let unit_id = match new.unit_id {
        Some(u) => {
            body_of_kind(&txn, access, u, &[OrganizationKind::AuditedUnit], "unitId", "an audited unit").await?.id
        }
        None => inspection.unit_id,
    };
    let now = crate::clock::now();
    let created = petition::ActiveModel {
        inspection_id: Set(new.inspection_id),
        unit_id: Set(unit_id),
        content: Set(content),
        reporter_name: Set(reporter_name),
        reporter_contact: Set(reporter_contact),
        received_on: Set(new.received_on),
        status: Set(PetitionStatus::Registered),
        passed_to_id: Set(None),
        passed_on: Set(None),
        handling_note: Set(None),
        answer: Set(None),
        answered_on: Set(None),
        outcome: Set(None),
        closed_on: Set(None),
        created_by: Set(access.principal()?.user_id),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    log::record(&txn, access, RecordKind::Petition, Action::Create, created.id).await?;
    txn.commit().await?;
    Ok(created)
}

/// A step of a petition's handling.
#[derive(Debug, Clone)]
pub enum Step {
    /// REGISTERED → ACCEPTED: within the inspection, the team handles it.
    Accept {
        /// Why, or how it will be handled.
        note: Option<String>,
    },
    /// REGISTERED → PASSED_ON to the body responsible.
    PassOn {
        /// An audited unit or a partner agency.
        to: i32,
        /// What is asked of it.
        note: String,
    },
    /// PASSED_ON → ANSWERED: the body's answer.
    Answer {
        /// The answer.
        answer: String,
        /// When it came.
        answered_on: NaiveDate,
    },
    /// ACCEPTED or ANSWERED → CLOSED.
    Close {
        /// How it ended.
        outcome: String,
    },
}

impl Step {
    fn action(&self) -> (Action, &'static str, &'static [PetitionStatus], PetitionStatus) {
        match self {
            Step::Accept { .. } => (Action::Accept, "accept", &[PetitionStatus::Registered], PetitionStatus::Accepted),
            Step::PassOn { .. } => (Action::PassOn, "pass on", &[PetitionStatus::Registered], PetitionStatus::PassedOn),
            Step::Answer { .. } => {
                (Action::Answer, "record the answer to", &[PetitionStatus::PassedOn], PetitionStatus::Answered)
            }
            Step::Close { .. } => {
                (Action::Close, "close", &[PetitionStatus::Accepted, PetitionStatus::Answered], PetitionStatus::Closed)
            }
        }
    }
}

/// What `availableTransitions` offers on a petition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PetitionOffer {
    /// `acceptPetition`.
    Accept,
    /// `passPetitionOn`.
    PassOn,
    /// `recordPetitionAnswer`.
    RecordAnswer,
    /// `closePetition`.
    Close,
}

/// The petition steps, as `availableTransitions` weighs them, by the rules of `handle`.
pub static OFFERS: [Offer<petition::Entity, PetitionOffer, PetitionStatus>; 4] = [
    Offer {
        transition: PetitionOffer::Accept,
        from: &[PetitionStatus::Registered],
        reach: |a| a.select::<petition::Entity>(Action::Accept),
        holds: |a| in_time(a, Action::Accept).add(concerns_inspected_unit()),
    },
    Offer {
        transition: PetitionOffer::PassOn,
        from: &[PetitionStatus::Registered],
        reach: |a| a.select::<petition::Entity>(Action::PassOn),
        holds: |a| in_time(a, Action::PassOn),
    },
    Offer {
        transition: PetitionOffer::RecordAnswer,
        from: &[PetitionStatus::PassedOn],
        reach: |a| a.select::<petition::Entity>(Action::Answer),
        holds: |a| in_time(a, Action::Answer),
    },
    Offer {
        transition: PetitionOffer::Close,
        from: &[PetitionStatus::Accepted, PetitionStatus::Answered],
        reach: |a| a.select::<petition::Entity>(Action::Close),
        holds: |a| in_time(a, Action::Close),
    },
];

/// The team takes a step while its inspection's record is open; the office at any time.
fn in_time(access: &Access, action: Action) -> Condition {
    if access.acts_district_wide(RecordKind::Petition, action) {
        Condition::all()
    } else {
        Condition::all().add(petition::Column::InspectionId.in_subquery(writable_inspections()))
    }
}

/// The petition concerns the unit its inspection inspects (else it is passed on, not accepted).
fn concerns_inspected_unit() -> Condition {
    let same = Query::select()
        .expr(Expr::val(1))
        .from(inspection::Entity)
        .and_where(
            Expr::col((inspection::Entity, inspection::Column::Id))
                .equals((petition::Entity, petition::Column::InspectionId)),
        )
        .and_where(
            Expr::col((inspection::Entity, inspection::Column::UnitId))
                .equals((petition::Entity, petition::Column::UnitId)),
        )
        .to_owned();
    Condition::all().add(Expr::exists(same))
}

/// Takes a step of a petition's handling; from any other state, `INVALID_TRANSITION`.
pub async fn handle(
    db: &DatabaseConnection,
    access: &Access,
    id: i32,
    step: Step,
    expected_version: Option<i32>,
) -> ServiceResult<petition::Model> {
    let (action, verb, from, to) = step.action();
    access.permit::<petition::Entity>(action)?;
    let step = match step {
        Step::Accept { note } => Step::Accept {
            note: note
                .as_deref()
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(|n| validate::prose("note", n, 2_000))
                .transpose()?,
        },
        Step::PassOn { to, note } => Step::PassOn { to, note: validate::prose("note", &note, 2_000)? },
        Step::Answer { answer, answered_on } => {
            validate::past_day("answeredOn", answered_on)?;
            Step::Answer { answer: validate::prose("answer", &answer, 5_000)?, answered_on }
        }
        Step::Close { outcome } => Step::Close { outcome: validate::prose("outcome", &outcome, 2_000)? },
    };
    let txn = crate::store::begin(db).await?;
    let current = access.find_locked::<petition::Entity>(&txn, action, id).await?;
    validate::version(expected_version, current.version)?;
    // The team acts while its inspection's record is open; the office at any time.
    if !access.acts_district_wide(RecordKind::Petition, action) {
        check_writable_by_id(&txn, current.inspection_id).await?;
    }
    if !from.contains(&current.status) {
        return Err(ServiceError::InvalidTransition { kind: "petition", action: verb, from: current.status.name() });
    }
    let today = crate::clock::today();
    let version = current.version;
    let (inspection_id, unit_id, passed_on) = (current.inspection_id, current.unit_id, current.passed_on);
    let mut row: petition::ActiveModel = current.into();
    match step {
        Step::Accept { note } => {
            let inspected = access
                .select::<inspection::Entity>(Action::Read)?
                .filter(inspection::Column::Id.eq(inspection_id))
                .one(&txn)
                .await?
                .map(|i| i.unit_id);
            if inspected != Some(unit_id) {
                return Err(ServiceError::bad_input(
                    "id",
                    "the petition concerns a unit this inspection does not inspect: pass it on (passPetitionOn)",
                ));
            }
            row.handling_note = Set(note);
        }
        Step::PassOn { to, note } => {
            let kinds = [OrganizationKind::AuditedUnit, OrganizationKind::PartnerAgency];
            body_of_kind(&txn, access, to, &kinds, "toId", "an audited unit or a partner agency").await?;
            row.passed_to_id = Set(Some(to));
            row.passed_on = Set(Some(today));
            row.handling_note = Set(Some(note));
        }
        Step::Answer { answer, answered_on } => {
            if passed_on.is_some_and(|p| answered_on < p) {
                return Err(ServiceError::bad_input("answeredOn", "must not be before the petition was passed on"));
            }
            row.answer = Set(Some(answer));
            row.answered_on = Set(Some(answered_on));
        }
        Step::Close { outcome } => {
            row.outcome = Set(Some(outcome));
            row.closed_on = Set(Some(today));
        }
    }
    row.status = Set(to);
    row.updated_at = Set(crate::clock::now());
    row.version = Set(version + 1);
    let updated = row.update(&txn).await?;
    log::record(&txn, access, RecordKind::Petition, action, id).await?;
    txn.commit().await?;
    Ok(updated)
}

/// A correction of a petition as registered: the fields to change (`None` keeps one).
#[derive(Debug, Clone, Default)]
pub struct Amendment {
    /// What it says.
    pub content: Option<String>,
    /// The day it was received.
    pub received_on: Option<NaiveDate>,
    /// The audited unit it is about.
    pub unit_id: Option<i32>,
    /// Why it is corrected.
    pub reason: String,
    /// The version the caller read (`CONFLICT` if it moved on).
    pub expected_version: Option<i32>,
}

/// The petition `id`, locked, in the team's writing window (its inspection stationed or
/// reporting), for `action`.
async fn in_window(
    txn: &sea_orm::DatabaseTransaction,
    access: &Access,
    action: Action,
    id: i32,
) -> ServiceResult<petition::Model> {
    let current = access.find_locked::<petition::Entity>(txn, action, id).await?;
    writable_inspection::<petition::Entity>(txn, access, action, current.inspection_id).await?;
    Ok(current)
}

/// Corrects a petition as registered (the team, while its inspection is stationed or reporting);
/// the earlier version stays in its history. The reporter's identity is not corrected here, and
/// never appears in the history, which the petition's readers read.
pub async fn amend(db: &DatabaseConnection, access: &Access, id: i32, a: Amendment) -> ServiceResult<petition::Model> {
    access.permit::<petition::Entity>(Action::Update)?;
    let (reason, content, _) = validate::all((
        revisions::reason(&a.reason),
        a.content.map(|c| validate::prose("content", &c, 5_000)).transpose(),
        a.received_on.map(|d| validate::past_day("receivedOn", d)).transpose(),
    ))?;
    let txn = crate::store::begin(db).await?;
    let current = in_window(&txn, access, Action::Update, id).await?;
    validate::version(a.expected_version, current.version)?;
    if let Some(d) = a.received_on {
        let inspection = access.find::<inspection::Entity>(&txn, Action::Read, current.inspection_id).await?;
        let round = access.find::<round::Entity>(&txn, Action::Read, inspection.round_id).await?;
        if d < first_day(&round) {
            return Err(ServiceError::bad_input("receivedOn", "must not be before the round started"));
        }
    }
    if let Some(u) = a.unit_id {
        body_of_kind(&txn, access, u, &[OrganizationKind::AuditedUnit], "unitId", "an audited unit").await?;
    }
    let after = petition::Model {
        content: content.unwrap_or_else(|| current.content.clone()),
        received_on: a.received_on.unwrap_or(current.received_on),
        unit_id: a.unit_id.unwrap_or(current.unit_id),
        ..current.clone()
    };
    // What the history shows: the petition's own fields, never the reporter's.
    let shown = |p: &petition::Model| serde_json::json!({ "content": p.content, "received_on": p.received_on, "unit_id": p.unit_id });
    let fields = revisions::changed_fields(&shown(&current), &shown(&after));
    if fields.is_empty() {
        return Ok(current);
    }
    let mut row: petition::ActiveModel = current.clone().into();
    row.content = Set(after.content);
    row.received_on = Set(after.received_on);
    row.unit_id = Set(after.unit_id);
    row.version = Set(current.version + 1);
    row.updated_at = Set(crate::clock::now());
    let updated = row.update(&txn).await?;
    let revision = (RecordKind::Petition, id, updated.version);
    revisions::record(&txn, access, revision, revisions::Change::Amended, &reason, fields).await?;
    log::record(&txn, access, RecordKind::Petition, Action::Update, id).await?;
    txn.commit().await?;
    Ok(updated)
}

/// Withdraws a petition registered by mistake (the team, while its inspection is stationed or
/// reporting): it leaves every list and count; the office and the leadership group keep it.
pub async fn withdraw(
    db: &DatabaseConnection,
    access: &Access,
    id: i32,
    reason: &str,
    expected_version: Option<i32>,
) -> ServiceResult<petition::Model> {
    revisions::withdraw::<petition::Entity>(db, access, id, (reason, expected_version), async |txn, p| {
        writable_inspection::<petition::Entity>(txn, access, Action::Withdraw, p.inspection_id).await.map(|_| ())
    })
    .await
}

/// The orders of the list: by creation, oldest first or newest first.
pub fn ordering(newest_first: bool) -> Ordering<petition::Entity> {
    Ordering::<petition::Entity> {
        name: if newest_first { "created_desc" } else { "created" },
        column: petition::Column::Id,
        order: if newest_first { sea_orm::Order::Desc } else { sea_orm::Order::Asc },
        value: |m| SortValue::Int(m.id.into()),
        id_column: petition::Column::Id,
        id: |m| m.id,
    }
}
