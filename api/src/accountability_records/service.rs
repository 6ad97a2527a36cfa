//! The rules of accountability records: recorded by the office on an inspection that has been
//! reported; seen by the office and the leadership group, by the team on its own inspections,
//! and by the unit about itself.

use chrono::NaiveDate;
use entities::{AccountabilityTarget, InspectionStatus, PersonRank, accountability_record, inspection, round};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, QueryFilter, Set};

use crate::{
    error::{ServiceError, ServiceResult},
    gate::{Access, Action, RecordKind, log},
    pagination::{self, Ordering, Page, PageRequest},
    revisions::service as revisions,
    validate,
};

/// What the list may be narrowed to.
#[derive(Debug, Clone, Copy, Default)]
pub struct Filter {
    /// Only this inspection's.
    pub inspection_id: Option<i32>,
    /// Only records about this unit or its people.
    pub unit_id: Option<i32>,
    /// Only records about persons, or only about units.
    pub target: Option<AccountabilityTarget>,
}

/// The orders of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordOrder {
    /// Latest decided first.
    DecidedOnDesc,
    /// Earliest decided first.
    DecidedOnAsc,
    /// Newest recorded first.
    CreatedAtDesc,
}

/// How the list is sorted in `order` (ties broken by the id, so the cursor is stable).
pub fn ordering(order: RecordOrder) -> Ordering<accountability_record::Entity> {
    match order {
        RecordOrder::DecidedOnDesc => crate::ordered_by!(accountability_record, "latest", DecidedOn, decided_on, Desc),
        RecordOrder::DecidedOnAsc => crate::ordered_by!(accountability_record, "decided", DecidedOn, decided_on, Asc),
        RecordOrder::CreatedAtDesc => {
            crate::ordered_by!(accountability_record, "created_at_desc", CreatedAt, created_at, Desc)
        }
    }
}

/// A page of the records the caller may see, latest decision first.
pub async fn list(
    db: &DatabaseConnection,
    access: &Access,
    filter: Filter,
    order: RecordOrder,
    page: &PageRequest,
) -> ServiceResult<Page<accountability_record::Model>> {
    use accountability_record::Column as C;
    let mut q = access.select::<accountability_record::Entity>(Action::Read)?;
    if let Some(v) = filter.inspection_id {
        q = q.filter(C::InspectionId.eq(v));
    }
    if let Some(v) = filter.unit_id {
        q = q.filter(C::UnitId.eq(v));
    }
    if let Some(v) = filter.target {
        q = q.filter(C::Target.eq(v));
    }
    pagination::fetch(db, q, &ordering(order), page).await
}

/// A record as the office enters it.
#[derive(Debug, Clone)]
pub struct NewRecord {
    /// The inspection whose results led to it.
    pub inspection_id: i32,
    /// A person or the unit.
    pub target: AccountabilityTarget,
    /// The person's name (persons only).
    pub person_name: Option<String>,
    /// The person's rank (persons only).
    pub person_rank: Option<PersonRank>,
    /// What was decided.
    pub decision: String,
    /// When.
    pub decided_on: NaiveDate,
    /// Entered into the person's file (persons only).
    pub in_personal_file: bool,
    /// Counted in the unit's annual assessment.
    pub in_annual_assessment: bool,
    /// The annual assessment is vetoed (counts in it, necessarily).
    pub assessment_veto: bool,
}

/// Records an accountability decision (the office).
pub async fn create(
    db: &DatabaseConnection,
    access: &Access,
    new: NewRecord,
) -> ServiceResult<accountability_record::Model> {
    access.permit::<accountability_record::Entity>(Action::Create)?;
    fn refused<T>(field: &str, message: &str) -> ServiceResult<T> {
        Err(ServiceError::bad_input(field, message))
    }
    let (name, rank, personal_file) = match new.target {
        AccountabilityTarget::Person => (
            match new.person_name.as_deref() {
                Some(name) => validate::text("personName", name, 100).map(Some),
                None => refused("personName", "a person needs a name"),
            },
            new.person_rank.map(Some).ok_or(ServiceError::bad_input("personRank", "a person needs a rank")),
            Ok(()),
        ),
        AccountabilityTarget::Unit => (
            if new.person_name.is_some() || new.person_rank.is_some() {
                refused("personName", "a record about a unit names no person")
            } else {
                Ok(None)
            },
            Ok(None),
            if new.in_personal_file { refused("inPersonalFile", "only a person has a personal file") } else { Ok(()) },
        ),
    };
    let veto = if new.assessment_veto && !new.in_annual_assessment {
        refused("assessmentVeto", "a veto is part of the annual assessment")
    } else {
        Ok(())
    };
    let (decision, _, person_name, person_rank, (), ()) = validate::all((
        validate::prose("decision", &new.decision, 2000),
        validate::past_day("decidedOn", new.decided_on),
        name,
        rank,
        personal_file,
        veto,
    ))?;
    let txn = crate::store::begin(db).await?;
    let found = access
        .find_over::<accountability_record::Entity, inspection::Entity>(&txn, Action::Create, new.inspection_id)
        .await?;
    if matches!(found.status, InspectionStatus::Planned | InspectionStatus::Stationed) {
        return Err(ServiceError::InvalidTransition {
            kind: "inspection",
            action: "hold anyone to account on",
            from: found.status.name(),
        });
    }
    let began = access
        .select::<round::Entity>(Action::Read)?
        .filter(round::Column::Id.eq(found.round_id))
        .one(&txn)
        .await?
        .map(|r| crate::rounds::service::first_day(&r));
    if began.is_some_and(|b| new.decided_on < b) {
        return Err(ServiceError::bad_input("decidedOn", "is before the inspection's round began"));
    }
    let created = accountability_record::ActiveModel {
        inspection_id: Set(found.id),
        unit_id: Set(found.unit_id),
        target: Set(new.target),
        person_name: Set(person_name),
        person_rank: Set(person_rank),
        decision: Set(decision),
        decided_on: Set(new.decided_on),
        in_personal_file: Set(new.in_personal_file),
        in_annual_assessment: Set(new.in_annual_assessment),
        assessment_veto: Set(new.assessment_veto),
        created_by: Set(access.principal()?.user_id),
        created_at: Set(crate::clock::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    log::record(&txn, access, RecordKind::AccountabilityRecord, Action::Create, created.id).await?;
    txn.commit().await?;
    Ok(created)
}

/// A correction of an accountability record: the fields to change (`None` keeps one), why, and
/// the version the caller read.
#[derive(Debug, Clone, Default)]
pub struct Amendment {
    /// The person's name (a record about a person).
    pub person_name: Option<String>,
    /// The person's rank.
    pub person_rank: Option<PersonRank>,
    /// What was decided.
    pub decision: Option<String>,
    /// The day it was decided.
    pub decided_on: Option<NaiveDate>,
    /// Entered into the person's file.
    pub in_personal_file: Option<bool>,
    /// Counted in the unit's annual assessment.
    pub in_annual_assessment: Option<bool>,
    /// The annual assessment vetoed.
    pub assessment_veto: Option<bool>,
    /// Why it is corrected.
    pub reason: String,
    /// The version the caller read (`CONFLICT` if it moved on).
    pub expected_version: Option<i32>,
}

/// Corrects an accountability record (the office, its own record, at any time); the earlier
/// version stays in its history.
pub async fn amend(
    db: &DatabaseConnection,
    access: &Access,
    id: i32,
    a: Amendment,
) -> ServiceResult<accountability_record::Model> {
    access.permit::<accountability_record::Entity>(Action::Update)?;
    let (reason, decision, person_name, _) = validate::all((
        revisions::reason(&a.reason),
        a.decision.map(|d| validate::prose("decision", &d, 2_000)).transpose(),
        a.person_name.map(|n| validate::text("personName", &n, 100)).transpose(),
        a.decided_on.map(|d| validate::past_day("decidedOn", d)).transpose(),
    ))?;
    let txn = crate::store::begin(db).await?;
    let current = access.find_locked::<accountability_record::Entity>(&txn, Action::Update, id).await?;
    validate::version(a.expected_version, current.version)?;
    if current.target != AccountabilityTarget::Person && (person_name.is_some() || a.person_rank.is_some()) {
        return Err(ServiceError::bad_input("personName", "a record about the unit names no person"));
    }
    let mut after = current.clone();
    after.person_name = person_name.or(after.person_name);
    after.person_rank = a.person_rank.or(after.person_rank);
    after.decision = decision.unwrap_or(after.decision);
    after.decided_on = a.decided_on.unwrap_or(after.decided_on);
    after.in_personal_file = a.in_personal_file.unwrap_or(after.in_personal_file);
    after.in_annual_assessment = a.in_annual_assessment.unwrap_or(after.in_annual_assessment);
    after.assessment_veto = a.assessment_veto.unwrap_or(after.assessment_veto);
    let fields = revisions::changed_fields(&current, &after);
    if fields.is_empty() {
        return Ok(current);
    }
    let mut row: accountability_record::ActiveModel = current.clone().into();
    row.person_name = Set(after.person_name);
    row.person_rank = Set(after.person_rank);
    row.decision = Set(after.decision);
    row.decided_on = Set(after.decided_on);
    row.in_personal_file = Set(after.in_personal_file);
    row.in_annual_assessment = Set(after.in_annual_assessment);
    row.assessment_veto = Set(after.assessment_veto);
    row.version = Set(current.version + 1);
    let updated = row.update(&txn).await?;
    let revision = (RecordKind::AccountabilityRecord, id, updated.version);
    revisions::record(&txn, access, revision, revisions::Change::Amended, &reason, fields).await?;
    log::record(&txn, access, RecordKind::AccountabilityRecord, Action::Update, id).await?;
    txn.commit().await?;
    Ok(updated)
}

/// Withdraws an accountability record entered by mistake (the office).
pub async fn withdraw(
    db: &DatabaseConnection,
    access: &Access,
    id: i32,
    reason: &str,
    expected_version: Option<i32>,
) -> ServiceResult<accountability_record::Model> {
    revisions::withdraw::<accountability_record::Entity>(
        db,
        access,
        id,
        (reason, expected_version),
        async |_, _| Ok(()),
    )
    .await
}
