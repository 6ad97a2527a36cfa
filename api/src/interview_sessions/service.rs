//! The rules of interview sessions: recorded by the office with the units interviewed; seen by
//! the office and the leadership group, by a team for the units it inspected, by a unit for the
//! sessions it sat in.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use entities::{OrganizationKind, inspection, interview_session, interviewee, organization, round};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect, Set};

use crate::{
    error::{ServiceError, ServiceResult},
    gate::{Access, Action, RecordKind, log, narrowing, scope},
    pagination::{self, Ordering, Page, PageRequest},
    revisions::service as revisions,
    validate,
};

/// Most units one session may name.
pub const MAX_UNITS: usize = 200;

/// What the session list may be narrowed to.
#[derive(Debug, Clone, Copy, Default)]
pub struct Filter {
    /// Only sessions on this round's results.
    pub round_id: Option<i32>,
    /// Only sessions in which this unit was interviewed.
    pub unit_id: Option<i32>,
}

/// A unit's id as the client spelled it, for messages.
fn unit_id(u: i32) -> String {
    crate::graphql::id::encode(entities::RecordKind::Organization, u).to_string()
}

/// The orders of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionOrder {
    /// Latest held first.
    HeldOnDesc,
    /// Earliest held first.
    HeldOnAsc,
    /// Newest recorded first.
    CreatedAtDesc,
}

/// How the list is sorted in `order` (ties broken by the id, so the cursor is stable).
pub fn ordering(order: SessionOrder) -> Ordering<interview_session::Entity> {
    match order {
        SessionOrder::HeldOnDesc => crate::ordered_by!(interview_session, "latest", HeldOn, held_on, Desc),
        SessionOrder::HeldOnAsc => crate::ordered_by!(interview_session, "held", HeldOn, held_on, Asc),
        SessionOrder::CreatedAtDesc => {
            crate::ordered_by!(interview_session, "created_at_desc", CreatedAt, created_at, Desc)
        }
    }
}

/// A page of the sessions the caller may see, latest first.
pub async fn list(
    db: &DatabaseConnection,
    access: &Access,
    filter: Filter,
    order: SessionOrder,
    page: &PageRequest,
) -> ServiceResult<Page<interview_session::Model>> {
    let mut q = access.select::<interview_session::Entity>(Action::Read)?;
    if let Some(r) = filter.round_id {
        // Only a round the caller may see: a unit must not learn of a plan not yet shown to it.
        let rounds = access.visible_reach::<round::Entity>()?.unwrap_or_else(scope::nothing);
        q = q.filter(interview_session::Column::RoundId.eq(r)).filter(
            interview_session::Column::RoundId.in_subquery(narrowing::<round::Entity>(round::Column::Id, rounds)),
        );
    }
    if let Some(u) = filter.unit_id {
        // Only through the seats the caller may see: a unit must not learn who else sat in.
        let seats = access.visible_reach::<interviewee::Entity>()?.unwrap_or_else(scope::nothing);
        q = q.filter(interview_session::Column::Id.in_subquery(narrowing::<interviewee::Entity>(
            interviewee::Column::SessionId,
            seats.add(interviewee::Column::UnitId.eq(u)),
        )));
    }
    pagination::fetch(db, q, &ordering(order), page).await
}

/// A session as the office records it.
#[derive(Debug, Clone)]
pub struct NewSession {
    /// The round whose results it used, if any.
    pub round_id: Option<i32>,
    /// The day it was held.
    pub held_on: NaiveDate,
    /// What it was about.
    pub subject: String,
    /// The audited units whose heads were interviewed.
    pub unit_ids: Vec<i32>,
}

/// Records a session and the units interviewed in it (the office).
pub async fn create(
    db: &DatabaseConnection,
    access: &Access,
    new: NewSession,
) -> ServiceResult<interview_session::Model> {
    access.permit::<interview_session::Entity>(Action::Create)?;
    let units: BTreeSet<i32> = new.unit_ids.iter().copied().collect();
    let unit_ids = if units.is_empty() || units.len() > MAX_UNITS {
        Err(ServiceError::bad_input("unitIds", format!("name 1 to {MAX_UNITS} units")))
    } else if units.len() != new.unit_ids.len() {
        Err(ServiceError::bad_input("unitIds", "names a unit twice"))
    } else {
        Ok(())
    };
    let (subject, _, ()) = validate::all((
        validate::text("subject", &new.subject, 200),
        validate::past_day("heldOn", new.held_on),
        unit_ids,
    ))?;
    let txn = crate::store::begin(db).await?;
    // On a round's results: a round under way or done, held after it began, with units it inspected.
    if let Some(r) = new.round_id {
        let round = access.find::<round::Entity>(&txn, Action::Read, r).await?;
        if !crate::gate::scope::STARTED.contains(&round.status) {
            return Err(ServiceError::bad_input("roundId", "the round has not started"));
        }
        if new.held_on < crate::rounds::service::first_day(&round) {
            return Err(ServiceError::bad_input("heldOn", "is before the round began"));
        }
        let inspected: BTreeSet<i32> = access
            .select::<inspection::Entity>(Action::Read)?
            .select_only()
            .column(inspection::Column::UnitId)
            .filter(inspection::Column::RoundId.eq(r))
            .filter(inspection::Column::UnitId.is_in(units.iter().copied()))
            .into_tuple::<i32>()
            .all(&txn)
            .await?
            .into_iter()
            .collect();
        if let Some(u) = units.difference(&inspected).next() {
            return Err(ServiceError::bad_input("unitIds", format!("{} was not inspected in that round", unit_id(*u))));
        }
    }
    let found: BTreeSet<i32> = access
        .select::<organization::Entity>(Action::Read)?
        .select_only()
        .column(organization::Column::Id)
        .filter(organization::Column::Id.is_in(units.iter().copied()))
        .filter(organization::Column::Kind.eq(OrganizationKind::AuditedUnit))
        .into_tuple::<i32>()
        .all(&txn)
        .await?
        .into_iter()
        .collect();
    if let Some(u) = units.difference(&found).next() {
        return Err(ServiceError::bad_input("unitIds", format!("{} is not an audited unit", unit_id(*u))));
    }
    let session = interview_session::ActiveModel {
        round_id: Set(new.round_id),
        held_on: Set(new.held_on),
        subject: Set(subject),
        created_by: Set(access.principal()?.user_id),
        created_at: Set(crate::clock::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    interviewee::Entity::insert_many(units.iter().map(|&unit_id| interviewee::ActiveModel {
        session_id: Set(session.id),
        unit_id: Set(unit_id),
        ..Default::default()
    }))
    .exec(&txn)
    .await?;
    log::record(&txn, access, RecordKind::InterviewSession, Action::Create, session.id).await?;
    txn.commit().await?;
    Ok(session)
}

/// Corrects an interview session's day or subject (the office, its own record); the earlier
/// version stays in its history. The units that sat in it are not changed here.
pub async fn amend(
    db: &DatabaseConnection,
    access: &Access,
    id: i32,
    (held_on, subject): (Option<NaiveDate>, Option<String>),
    reason: &str,
    expected_version: Option<i32>,
) -> ServiceResult<interview_session::Model> {
    access.permit::<interview_session::Entity>(Action::Update)?;
    let (reason, subject, _) = validate::all((
        revisions::reason(reason),
        subject.map(|s| validate::text("subject", &s, 200)).transpose(),
        held_on.map(|d| validate::past_day("heldOn", d)).transpose(),
    ))?;
    let txn = crate::store::begin(db).await?;
    let current = access.find_locked::<interview_session::Entity>(&txn, Action::Update, id).await?;
    validate::version(expected_version, current.version)?;
    if let (Some(d), Some(r)) = (held_on, current.round_id) {
        let round = access.find::<round::Entity>(&txn, Action::Read, r).await?;
        if round.started_on.is_some_and(|s| d < s) {
            return Err(ServiceError::bad_input("heldOn", "is before the round it was held on began"));
        }
    }
    let after = interview_session::Model {
        held_on: held_on.unwrap_or(current.held_on),
        subject: subject.unwrap_or_else(|| current.subject.clone()),
        ..current.clone()
    };
    let fields = revisions::changed_fields(&current, &after);
    if fields.is_empty() {
        return Ok(current);
    }
    let mut row: interview_session::ActiveModel = current.clone().into();
    row.held_on = Set(after.held_on);
    row.subject = Set(after.subject);
    row.version = Set(current.version + 1);
    let updated = row.update(&txn).await?;
    let revision = (RecordKind::InterviewSession, id, updated.version);
    revisions::record(&txn, access, revision, revisions::Change::Amended, &reason, fields).await?;
    log::record(&txn, access, RecordKind::InterviewSession, Action::Update, id).await?;
    txn.commit().await?;
    Ok(updated)
}

/// Withdraws an interview session recorded by mistake (the office): it and its seats leave every
/// list and count.
pub async fn withdraw(
    db: &DatabaseConnection,
    access: &Access,
    id: i32,
    reason: &str,
    expected_version: Option<i32>,
) -> ServiceResult<interview_session::Model> {
    revisions::withdraw::<interview_session::Entity>(db, access, id, (reason, expected_version), async |_, _| Ok(()))
        .await
}
