//! The rules of clues: drafted by the team, submitted by its leader, approved or rejected by the
//! leadership group (referral to an agency comes later, from the office).

use entities::{ClueSource, ClueStatus, PersonRank, clue, clue_person, inspection, referral};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
    sea_query::{Expr, ExprTrait},
};

use crate::{
    error::{ServiceError, ServiceResult},
    findings::service::check_petition,
    gate::{Access, Action, RecordKind, log, unscoped},
    graphql::offers::{Offer, always},
    inspections::service::{check_writable, writable_inspection, writable_inspections},
    pagination::{self, Ordering, Page, PageRequest, SortValue},
    validate,
};

/// Most persons one clue may name.
pub const MAX_PERSONS: usize = 20;

/// Narrows the clue list.
#[derive(Debug, Clone, Default)]
pub struct ClueFilter {
    /// Only this inspection's.
    pub inspection_id: Option<i32>,
    /// Only clues in this state.
    pub status: Option<ClueStatus>,
    /// Only those whose text holds this (ASCII letters in either case).
    pub search: Option<String>,
    /// Only clues in one of these states.
    pub statuses: Option<Vec<ClueStatus>>,
    /// Only those of inspections of this unit.
    pub unit_id: Option<i32>,
    /// Only those of this round's inspections.
    pub round_id: Option<i32>,
}

/// A page of the clues the caller may see, oldest first. Each clue read is logged.
pub async fn list(
    db: &DatabaseConnection,
    access: &Access,
    filter: ClueFilter,
    newest_first: bool,
    page: &PageRequest,
) -> ServiceResult<Page<clue::Model>> {
    let mut q = access.select::<clue::Entity>(Action::Read)?;
    if let Some(v) = filter.inspection_id {
        q = q.filter(clue::Column::InspectionId.eq(v));
    }
    if let Some(v) = filter.status {
        q = q.filter(clue::Column::Status.eq(v));
    }
    if filter.unit_id.is_some() || filter.round_id.is_some() {
        let mut of = sea_orm::Condition::all();
        if let Some(u) = filter.unit_id {
            of = of.add(entities::inspection::Column::UnitId.eq(u));
        }
        if let Some(r) = filter.round_id {
            of = of.add(entities::inspection::Column::RoundId.eq(r));
        }
        q =
            q.filter(clue::Column::InspectionId.in_subquery(crate::gate::narrowing::<entities::inspection::Entity>(
                entities::inspection::Column::Id,
                of,
            )));
    }
    if let Some(s) = filter.search.filter(|s| !s.is_empty()) {
        q = q.filter(validate::contains(db.get_database_backend(), clue::Column::AllegedViolation, &s));
    }
    if let Some(v) = filter.statuses {
        if v.is_empty() {
            return Err(ServiceError::bad_input("statuses", "name at least one state, or leave it out"));
        }
        q = q.filter(clue::Column::Status.is_in(v));
    }
    let ordering = ordering(newest_first);
    let mut page = pagination::fetch(db, q, &ordering, page).await?;
    // Logged when the rows are returned, not when the list is only counted.
    let ids: Vec<i32> = page.rows.iter().map(|(_, m)| m.id).collect();
    page.read_log = Some(log::on_return(db, access, RecordKind::Clue, ids));
    Ok(page)
}

/// A person named in a clue.
#[derive(Debug, Clone)]
pub struct Person {
    /// Full name.
    pub name: String,
    /// Rank.
    pub rank: PersonRank,
    /// Post held.
    pub position: String,
}

/// A clue's fields, as the team enters them.
#[derive(Debug, Clone, Default)]
pub struct ClueFields {
    /// The persons named (1 to 20); replaces the list on update.
    pub persons: Option<Vec<Person>>,
    /// The alleged violation.
    pub alleged_violation: Option<String>,
    /// The evidence.
    pub evidence: Option<String>,
    /// How it came to the team.
    pub source: Option<ClueSource>,
    /// Why it is changed, if the team says (kept in its history).
    pub reason: Option<String>,
}

fn check_persons(persons: &[Person]) -> ServiceResult<Vec<Person>> {
    if persons.is_empty() || persons.len() > MAX_PERSONS {
        return Err(ServiceError::bad_input("persons", format!("must name 1 to {MAX_PERSONS} persons")));
    }
    persons
        .iter()
        .enumerate()
        .map(|(i, p)| {
            Ok(Person {
                name: validate::text(&format!("persons[{i}].name"), &p.name, 100)?,
                rank: p.rank,
                position: validate::text(&format!("persons[{i}].position"), &p.position, 200)?,
            })
        })
        .collect()
}

async fn write_persons(db: &impl ConnectionTrait, clue_id: i32, persons: Vec<Person>) -> ServiceResult<()> {
    clue_person::Entity::delete_many().filter(clue_person::Column::ClueId.eq(clue_id)).exec(db).await?;
    let rows: Vec<clue_person::ActiveModel> = persons
        .into_iter()
        .map(|p| clue_person::ActiveModel {
            clue_id: Set(clue_id),
            name: Set(p.name),
            rank: Set(p.rank),
            position: Set(p.position),
            ..Default::default()
        })
        .collect();
    clue_person::Entity::insert_many(rows).exec(db).await?;
    Ok(())
}

/// Drafts a clue (the inspection's team, while it is stationed or reporting).
pub async fn create(
    db: &DatabaseConnection,
    access: &Access,
    inspection_id: i32,
    petition_id: Option<i32>,
    fields: ClueFields,
) -> ServiceResult<clue::Model> {
    access.permit::<clue::Entity>(Action::Create)?;
    let missing = |f: &str| ServiceError::bad_input(f, "is required");
    let (persons, alleged, evidence, source) = validate::all((
        check_persons(fields.persons.as_deref().unwrap_or_default()),
        validate::prose("allegedViolation", fields.alleged_violation.as_deref().unwrap_or(""), 5_000),
        validate::prose("evidence", fields.evidence.as_deref().unwrap_or(""), 5_000),
        fields.source.ok_or_else(|| missing("source")),
    ))?;
    let txn = crate::store::begin(db).await?;
    writable_inspection::<clue::Entity>(&txn, access, Action::Create, inspection_id).await?;
    if let Some(p) = petition_id {
        check_petition(&txn, access, p, inspection_id).await?;
    }
    let now = crate::clock::now();
    let created = clue::ActiveModel {
        inspection_id: Set(inspection_id),
        status: Set(ClueStatus::Draft),
        alleged_violation: Set(alleged),
        evidence: Set(evidence),
        source: Set(source),
        petition_id: Set(petition_id),
        rejection_reason: Set(None),
        created_by: Set(access.principal()?.user_id),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    write_persons(&txn, created.id, persons).await?;
    log::record(&txn, access, RecordKind::Clue, Action::Create, created.id).await?;
    txn.commit().await?;
    Ok(created)
}

/// The clue, in the caller's scope for `action`, with its inspection.
async fn find(
    db: &impl ConnectionTrait,
    access: &Access,
    action: Action,
    id: i32,
) -> ServiceResult<(clue::Model, inspection::Model)> {
    let found = access.find::<clue::Entity>(db, action, id).await?;
    let i = unscoped::<inspection::Entity>("the inspection of a clue read in reach")
        .filter(inspection::Column::Id.eq(found.inspection_id))
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound("inspection"))?;
    Ok((found, i))
}

/// Changes a draft clue (the inspection's team, in its time window).
pub async fn update(
    db: &DatabaseConnection,
    access: &Access,
    id: i32,
    fields: ClueFields,
    expected_version: Option<i32>,
) -> ServiceResult<clue::Model> {
    access.permit::<clue::Entity>(Action::Update)?;
    let (persons, alleged, evidence, reason) = validate::all((
        fields.persons.as_deref().map(check_persons).transpose(),
        fields.alleged_violation.as_deref().map(|t| validate::prose("allegedViolation", t, 5_000)).transpose(),
        fields.evidence.as_deref().map(|t| validate::prose("evidence", t, 5_000)).transpose(),
        fields.reason.as_deref().map(crate::revisions::service::reason).transpose(),
    ))?;
    let txn = crate::store::begin(db).await?;
    let (current, inspection) = find(&txn, access, Action::Update, id).await?;
    check_writable(&inspection)?;
    validate::version(expected_version, current.version)?;
    if current.status != ClueStatus::Draft {
        return Err(ServiceError::InvalidTransition { kind: "clue", action: "update", from: current.status.name() });
    }
    // What the history shows: the clue's text, source and persons, before and after.
    let named = |persons: Vec<(String, PersonRank, String)>| {
        persons.into_iter().map(|(n, r, p)| serde_json::json!([n, r, p])).collect::<Vec<_>>()
    };
    let before_persons: Vec<(String, PersonRank, String)> =
        crate::gate::unscoped::<clue_person::Entity>("the persons of the clue in reach, for its history")
            .filter(clue_person::Column::ClueId.eq(id))
            .order_by_asc(clue_person::Column::Id)
            .all(&txn)
            .await?
            .into_iter()
            .map(|p| (p.name, p.rank, p.position))
            .collect();
    let after_persons = match &persons {
        Some(p) => p.iter().map(|p| (p.name.clone(), p.rank, p.position.clone())).collect(),
        None => before_persons.clone(),
    };
    let before = serde_json::json!({
        "alleged_violation": current.alleged_violation, "evidence": current.evidence,
        "source": current.source, "persons": named(before_persons),
    });
    let after = serde_json::json!({
        "alleged_violation": alleged.as_deref().unwrap_or(&current.alleged_violation),
        "evidence": evidence.as_deref().unwrap_or(&current.evidence),
        "source": fields.source.unwrap_or(current.source), "persons": named(after_persons),
    });
    let changed = crate::revisions::service::changed_fields(&before, &after);
    let mut row: clue::ActiveModel = current.clone().into();
    if let Some(v) = alleged {
        row.alleged_violation = Set(v);
    }
    if let Some(v) = evidence {
        row.evidence = Set(v);
    }
    if let Some(v) = fields.source {
        row.source = Set(v);
    }
    row.updated_at = Set(crate::clock::now());
    row.version = Set(current.version + 1);
    let updated = row.update(&txn).await?;
    if let Some(p) = persons {
        write_persons(&txn, id, p).await?;
    }
    if !changed.is_empty() {
        let revision = (RecordKind::Clue, id, updated.version);
        let why = reason.unwrap_or_default();
        crate::revisions::service::record(
            &txn,
            access,
            revision,
            crate::revisions::service::Change::Amended,
            &why,
            changed,
        )
        .await?;
    }
    log::record(&txn, access, RecordKind::Clue, Action::Update, id).await?;
    txn.commit().await?;
    Ok(updated)
}

/// A transition of a clue's lifecycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClueTransition {
    /// DRAFT → SUBMITTED, by the team leader, in the team's time window.
    Submit,
    /// SUBMITTED → APPROVED, by the leadership group.
    Approve,
    /// SUBMITTED → REJECTED with a reason, by the leadership group.
    Reject,
}

/// What `availableTransitions` offers on a clue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClueOffer {
    /// `submitClue`.
    Submit,
    /// `approveClue`.
    Approve,
    /// `rejectClue`.
    Reject,
    /// `deleteClue`.
    Delete,
    /// `referClue`.
    Refer,
}

/// The clue transitions, as `availableTransitions` weighs them, by the rules of `transition`,
/// `discard` and `referrals::refer`.
pub static OFFERS: [Offer<clue::Entity, ClueOffer, ClueStatus>; 5] = [
    Offer {
        transition: ClueOffer::Submit,
        from: &[ClueStatus::Draft],
        reach: |a| a.select::<clue::Entity>(Action::Submit),
        holds: |_| of_writable_inspection(),
    },
    Offer {
        transition: ClueOffer::Approve,
        from: &[ClueStatus::Submitted],
        reach: |a| a.select::<clue::Entity>(Action::Approve),
        holds: always,
    },
    Offer {
        transition: ClueOffer::Reject,
        from: &[ClueStatus::Submitted],
        reach: |a| a.select::<clue::Entity>(Action::Reject),
        holds: always,
    },
    Offer {
        transition: ClueOffer::Delete,
        from: &[ClueStatus::Draft],
        reach: |a| a.select::<clue::Entity>(Action::Delete),
        holds: |_| of_writable_inspection(),
    },
    Offer {
        transition: ClueOffer::Refer,
        from: &[ClueStatus::Approved, ClueStatus::Referred],
        reach: |a| a.select_over::<referral::Entity, clue::Entity>(Action::Refer),
        holds: always,
    },
];

fn of_writable_inspection() -> Condition {
    Condition::all().add(clue::Column::InspectionId.in_subquery(writable_inspections()))
}

/// Moves a clue along its lifecycle; from any other state, `INVALID_TRANSITION`.
pub async fn transition(
    db: &DatabaseConnection,
    access: &Access,
    id: i32,
    transition: ClueTransition,
    reason: Option<String>,
    expected_version: Option<i32>,
) -> ServiceResult<clue::Model> {
    let (action, verb, from, to) = match transition {
        ClueTransition::Submit => (Action::Submit, "submit", ClueStatus::Draft, ClueStatus::Submitted),
        ClueTransition::Approve => (Action::Approve, "approve", ClueStatus::Submitted, ClueStatus::Approved),
        ClueTransition::Reject => (Action::Reject, "reject", ClueStatus::Submitted, ClueStatus::Rejected),
    };
    access.permit::<clue::Entity>(action)?;
    let reason = match transition {
        ClueTransition::Reject => Some(validate::prose("reason", reason.as_deref().unwrap_or(""), 2_000)?),
        _ => None,
    };
    let txn = crate::store::begin(db).await?;
    let (current, inspection) = find(&txn, access, action, id).await?;
    if transition == ClueTransition::Submit {
        check_writable(&inspection)?;
    }
    validate::version(expected_version, current.version)?;
    if current.status != from {
        return Err(ServiceError::InvalidTransition { kind: "clue", action: verb, from: current.status.name() });
    }
    let mut update = clue::Entity::update_many()
        .col_expr(clue::Column::Status, Expr::value(to))
        .col_expr(clue::Column::Version, Expr::col(clue::Column::Version).add(1))
        .col_expr(clue::Column::UpdatedAt, Expr::value(crate::clock::now()));
    if let Some(r) = reason {
        update = update.col_expr(clue::Column::RejectionReason, Expr::value(r));
    }
    let updated = update
        .filter(clue::Column::Id.eq(id))
        .filter(clue::Column::Status.eq(from))
        .exec_with_returning(&txn)
        .await?
        .pop()
        .ok_or_else(|| ServiceError::conflict("the clue changed under you; reload and try again"))?;
    log::record(&txn, access, RecordKind::Clue, action, id).await?;
    txn.commit().await?;
    Ok(updated)
}

/// The inspections with a clue that holds a close: awaiting the leadership group's decision or,
/// approved, its referral (as [`refuse_pending`] finds them).
pub fn pending_clue_inspections() -> sea_orm::sea_query::SelectStatement {
    crate::gate::narrowing::<clue::Entity>(
        clue::Column::InspectionId,
        clue::Column::Status.is_in([ClueStatus::Submitted, ClueStatus::Approved]),
    )
}

/// Refuses to `action` the `kind` (an inspection, a round) while one of its clues (those `within`
/// selects) awaits the leadership group's decision or, approved, its referral: the message names
/// them, by their ids.
pub async fn refuse_pending(
    db: &impl ConnectionTrait,
    action: &'static str,
    kind: &'static str,
    within: sea_orm::sea_query::SimpleExpr,
) -> ServiceResult<()> {
    let pending: Vec<(i32, ClueStatus)> =
        unscoped::<clue::Entity>("the clues that hold a close, whoever may read them")
            .select_only()
            .columns([clue::Column::Id, clue::Column::Status])
            .filter(within)
            .filter(clue::Column::Status.is_in([ClueStatus::Submitted, ClueStatus::Approved]))
            .order_by_asc(clue::Column::Id)
            .into_tuple()
            .all(db)
            .await?;
    if pending.is_empty() {
        return Ok(());
    }
    let named = |status: ClueStatus| {
        pending
            .iter()
            .filter(|p| p.1 == status)
            .map(|p| crate::graphql::id::encode(RecordKind::Clue, p.0).to_string())
            .collect::<Vec<_>>()
    };
    let mut missing = Vec::new();
    let (submitted, approved) = (named(ClueStatus::Submitted), named(ClueStatus::Approved));
    if !submitted.is_empty() {
        missing.push(format!("clues awaiting the leadership group's decision: {}", submitted.join(", ")));
    }
    if !approved.is_empty() {
        missing.push(format!("approved clues not yet referred: {}", approved.join(", ")));
    }
    Err(ServiceError::Unmet { kind, action, missing: missing.join("; ") })
}

/// Discards a draft clue (the inspection's team, while it may write): a draft never left its
/// team, so it is deleted, with its persons; the access log keeps the trace. A clue submitted is
/// on the record and is never discarded.
pub async fn discard(
    db: &DatabaseConnection,
    access: &Access,
    id: i32,
    expected_version: Option<i32>,
) -> ServiceResult<clue::Model> {
    access.permit::<clue::Entity>(Action::Delete)?;
    let txn = crate::store::begin(db).await?;
    let (current, inspection) = find(&txn, access, Action::Delete, id).await?;
    check_writable(&inspection)?;
    validate::version(expected_version, current.version)?;
    if current.status != ClueStatus::Draft {
        return Err(ServiceError::InvalidTransition { kind: "clue", action: "discard", from: current.status.name() });
    }
    clue_person::Entity::delete_many().filter(clue_person::Column::ClueId.eq(id)).exec(&txn).await?;
    clue::Entity::delete_by_id(id).exec(&txn).await?;
    log::record(&txn, access, RecordKind::Clue, Action::Delete, id).await?;
    txn.commit().await?;
    Ok(current)
}

/// The orders of the list: by creation, oldest first or newest first.
pub fn ordering(newest_first: bool) -> Ordering<clue::Entity> {
    Ordering::<clue::Entity> {
        name: if newest_first { "created_desc" } else { "created" },
        column: clue::Column::Id,
        order: if newest_first { sea_orm::Order::Desc } else { sea_orm::Order::Asc },
        value: |m| SortValue::Int(m.id.into()),
        id_column: clue::Column::Id,
        id: |m| m.id,
    }
}
