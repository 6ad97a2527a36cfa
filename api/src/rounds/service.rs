//! The rules of rounds, inspections and rosters: the round's lifecycle, the plan that is fixed
//! once approved, and recusal (回避): no expert inspects a unit they have a conflict with.

use chrono::{Datelike, NaiveDate};
use entities::{
    InspectionStatus, OrganizationKind, RosterPosition, RoundStatus, expert, expert_conflict, inspection, organization,
    roster_entry, round,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect, Set,
    sea_query::{Expr, ExprTrait},
};

use crate::{
    error::{ServiceError, ServiceResult, conflict_on_unique},
    gate::{Access, Action, RecordKind},
    pagination::{self, Ordering, Page, PageRequest, SortValue},
    validate,
};

// ---------------------------------------------------------------------------------------------
// Rounds

/// Narrows the round list.
#[derive(Debug, Clone, Default)]
pub struct RoundFilter {
    /// Only rounds in this state.
    pub status: Option<RoundStatus>,
}

/// How the round list can be ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoundOrder {
    /// Earliest first.
    StartsOnAsc,
    /// Latest first.
    StartsOnDesc,
}

/// A page of the rounds the caller may see.
pub async fn list_rounds(
    db: &DatabaseConnection,
    access: &Access,
    filter: RoundFilter,
    order: RoundOrder,
    page: &PageRequest,
) -> ServiceResult<Page<round::Model>> {
    let mut q = round::Entity::find().filter(access.authorize(RecordKind::Round, Action::Read)?);
    if let Some(s) = filter.status {
        q = q.filter(round::Column::Status.eq(s));
    }
    let (name, order) = match order {
        RoundOrder::StartsOnAsc => ("starts_asc", sea_orm::Order::Asc),
        RoundOrder::StartsOnDesc => ("starts_desc", sea_orm::Order::Desc),
    };
    let ordering = Ordering::<round::Entity> {
        name,
        column: round::Column::StartsOn,
        order,
        value: |m| SortValue::Date(m.starts_on),
        id_column: round::Column::Id,
        id: |m| m.id,
    };
    pagination::fetch(db, q, &ordering, page).await
}

fn check_dates(starts_on: NaiveDate, ends_on: NaiveDate) -> ServiceResult<()> {
    let plausible = |d: NaiveDate| (2000..=2100).contains(&d.year());
    if !plausible(starts_on) {
        return Err(ServiceError::bad_input("startsOn", "must be a day between 2000 and 2100"));
    }
    if !plausible(ends_on) {
        return Err(ServiceError::bad_input("endsOn", "must be a day between 2000 and 2100"));
    }
    if ends_on < starts_on {
        return Err(ServiceError::bad_input("endsOn", "must not be before startsOn"));
    }
    if (ends_on - starts_on).num_days() > 366 {
        return Err(ServiceError::bad_input("endsOn", "a round lasts at most a year"));
    }
    Ok(())
}

/// Plans a round (office).
pub async fn create_round(
    db: &DatabaseConnection,
    access: &Access,
    name: &str,
    starts_on: NaiveDate,
    ends_on: NaiveDate,
) -> ServiceResult<round::Model> {
    access.authorize(RecordKind::Round, Action::Create)?;
    let name = validate::text("name", name, 200)?;
    check_dates(starts_on, ends_on)?;
    let now = crate::clock::now();
    let txn = crate::store::begin(db).await?;
    let created = round::ActiveModel {
        name: Set(name),
        starts_on: Set(starts_on),
        ends_on: Set(ends_on),
        status: Set(RoundStatus::Planned),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|e| conflict_on_unique(e, "name", "is taken"))?;
    crate::audit::service::record(&txn, access, RecordKind::Round, Action::Create, created.id).await?;
    txn.commit().await?;
    Ok(created)
}

/// Changes a planned round's name or dates (office). Once approved, the plan is fixed.
pub async fn update_round(
    db: &DatabaseConnection,
    access: &Access,
    id: i32,
    name: Option<String>,
    starts_on: Option<NaiveDate>,
    ends_on: Option<NaiveDate>,
    expected_version: Option<i32>,
) -> ServiceResult<round::Model> {
    let scope = access.authorize(RecordKind::Round, Action::Update)?;
    let name = name.map(|n| validate::text("name", &n, 200)).transpose()?;
    let txn = crate::store::begin(db).await?;
    let current =
        round::Entity::find_by_id(id).filter(scope).one(&txn).await?.ok_or(ServiceError::NotFound("round"))?;
    validate::version(expected_version, current.version)?;
    if current.status != RoundStatus::Planned {
        return Err(ServiceError::InvalidTransition { kind: "round", action: "update", from: current.status.name() });
    }
    check_dates(starts_on.unwrap_or(current.starts_on), ends_on.unwrap_or(current.ends_on))?;
    let mut row: round::ActiveModel = current.clone().into();
    if let Some(n) = name {
        row.name = Set(n);
    }
    if let Some(d) = starts_on {
        row.starts_on = Set(d);
    }
    if let Some(d) = ends_on {
        row.ends_on = Set(d);
    }
    row.updated_at = Set(crate::clock::now());
    row.version = Set(current.version + 1);
    let updated = row.update(&txn).await.map_err(|e| conflict_on_unique(e, "name", "is taken"))?;
    crate::audit::service::record(&txn, access, RecordKind::Round, Action::Update, id).await?;
    txn.commit().await?;
    Ok(updated)
}

/// A transition of a round's lifecycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoundTransition {
    /// PLANNED → APPROVED, by the leadership group.
    Approve,
    /// APPROVED → IN_PROGRESS, by the office: the teams are stationed.
    Start,
    /// IN_PROGRESS → CLOSED, by the office.
    Close,
}

impl RoundTransition {
    fn action(self) -> (Action, &'static str, RoundStatus, RoundStatus) {
        match self {
            RoundTransition::Approve => (Action::Approve, "approve", RoundStatus::Planned, RoundStatus::Approved),
            RoundTransition::Start => (Action::Start, "start", RoundStatus::Approved, RoundStatus::InProgress),
            RoundTransition::Close => (Action::Close, "close", RoundStatus::InProgress, RoundStatus::Closed),
        }
    }
}

/// Moves a round along its lifecycle; from any other state, `INVALID_TRANSITION`.
pub async fn transition_round(
    db: &DatabaseConnection,
    access: &Access,
    id: i32,
    transition: RoundTransition,
    expected_version: Option<i32>,
) -> ServiceResult<round::Model> {
    let (action, verb, from, to) = transition.action();
    let scope = access.authorize(RecordKind::Round, action)?;
    let txn = crate::store::begin(db).await?;
    let current =
        round::Entity::find_by_id(id).filter(scope).one(&txn).await?.ok_or(ServiceError::NotFound("round"))?;
    validate::version(expected_version, current.version)?;
    if current.status != from {
        return Err(ServiceError::InvalidTransition { kind: "round", action: verb, from: current.status.name() });
    }
    if transition == RoundTransition::Close
        && inspection::Entity::find()
            .filter(inspection::Column::RoundId.eq(id))
            .filter(inspection::Column::Status.is_in([
                InspectionStatus::Planned,
                InspectionStatus::Stationed,
                InspectionStatus::Reported,
            ]))
            .one(&txn)
            .await?
            .is_some()
    {
        return Err(ServiceError::bad_input(
            "id",
            "the round still has inspections planned, stationed or reporting; their feedback must be released first",
        ));
    }
    if transition == RoundTransition::Approve
        && inspection::Entity::find().filter(inspection::Column::RoundId.eq(id)).one(&txn).await?.is_none()
    {
        return Err(ServiceError::bad_input("id", "a round with no inspections planned cannot be approved"));
    }
    // The state is re-checked by the UPDATE itself, so two concurrent transitions cannot both win.
    let done = round::Entity::update_many()
        .col_expr(round::Column::Status, Expr::value(to))
        .col_expr(round::Column::Version, Expr::col(round::Column::Version).add(1))
        .col_expr(round::Column::UpdatedAt, Expr::value(crate::clock::now()))
        .filter(round::Column::Id.eq(id))
        .filter(round::Column::Status.eq(from))
        .exec(&txn)
        .await?;
    if done.rows_affected != 1 {
        return Err(ServiceError::conflict("the round changed under you; reload and try again"));
    }
    let updated = round::Entity::find_by_id(id).one(&txn).await?.ok_or(ServiceError::NotFound("round"))?;
    crate::audit::service::record(&txn, access, RecordKind::Round, action, id).await?;
    txn.commit().await?;
    Ok(updated)
}

// ---------------------------------------------------------------------------------------------
// Inspections

/// Narrows the inspection list.
#[derive(Debug, Clone, Default)]
pub struct InspectionFilter {
    /// Only this round.
    pub round_id: Option<i32>,
    /// Only this team.
    pub team_id: Option<i32>,
    /// Only this unit.
    pub unit_id: Option<i32>,
    /// Only this state.
    pub status: Option<InspectionStatus>,
}

/// How the inspection list can be ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InspectionOrder {
    /// Oldest planned first.
    CreatedAtAsc,
    /// Newest planned first.
    CreatedAtDesc,
}

/// A page of the inspections the caller may see.
pub async fn list_inspections(
    db: &DatabaseConnection,
    access: &Access,
    filter: InspectionFilter,
    order: InspectionOrder,
    page: &PageRequest,
) -> ServiceResult<Page<inspection::Model>> {
    let mut q = inspection::Entity::find().filter(access.authorize(RecordKind::Inspection, Action::Read)?);
    if let Some(v) = filter.round_id {
        q = q.filter(inspection::Column::RoundId.eq(v));
    }
    if let Some(v) = filter.team_id {
        q = q.filter(inspection::Column::TeamId.eq(v));
    }
    if let Some(v) = filter.unit_id {
        q = q.filter(inspection::Column::UnitId.eq(v));
    }
    if let Some(v) = filter.status {
        q = q.filter(inspection::Column::Status.eq(v));
    }
    let (name, order) = match order {
        InspectionOrder::CreatedAtAsc => ("created_asc", sea_orm::Order::Asc),
        InspectionOrder::CreatedAtDesc => ("created_desc", sea_orm::Order::Desc),
    };
    let ordering = Ordering::<inspection::Entity> {
        name,
        column: inspection::Column::Id,
        order,
        value: |m| SortValue::Int(m.id.into()),
        id_column: inspection::Column::Id,
        id: |m| m.id,
    };
    pagination::fetch(db, q, &ordering, page).await
}

async fn organization_of_kind(
    db: &impl ConnectionTrait,
    id: i32,
    kind: OrganizationKind,
    field: &str,
) -> ServiceResult<organization::Model> {
    let org = organization::Entity::find_by_id(id).one(db).await?.ok_or(ServiceError::NotFound("organization"))?;
    if org.kind != kind {
        return Err(ServiceError::bad_input(field, format!("is not an organization of kind {}", kind.name())));
    }
    Ok(org)
}

async fn round_in(
    db: &impl ConnectionTrait,
    id: i32,
    allowed: &[RoundStatus],
    verb: &'static str,
) -> ServiceResult<round::Model> {
    let r = round::Entity::find_by_id(id).one(db).await?.ok_or(ServiceError::NotFound("round"))?;
    if !allowed.contains(&r.status) {
        return Err(ServiceError::InvalidTransition { kind: "round", action: verb, from: r.status.name() });
    }
    Ok(r)
}

/// The first conflict between the experts and the units, as a `BAD_USER_INPUT` naming both.
async fn refuse_conflicts(
    db: &impl ConnectionTrait,
    field: &str,
    expert_ids: Vec<i32>,
    unit_ids: Vec<i32>,
) -> ServiceResult<()> {
    if expert_ids.is_empty() || unit_ids.is_empty() {
        return Ok(());
    }
    let Some(conflict) = expert_conflict::Entity::find()
        .filter(expert_conflict::Column::ExpertId.is_in(expert_ids))
        .filter(expert_conflict::Column::UnitId.is_in(unit_ids))
        .one(db)
        .await?
    else {
        return Ok(());
    };
    let expert = expert::Entity::find_by_id(conflict.expert_id).one(db).await?;
    let unit = organization::Entity::find_by_id(conflict.unit_id).one(db).await?;
    Err(ServiceError::bad_input(
        field,
        format!(
            "recusal (回避): expert {} has a conflict with unit {} and cannot inspect it",
            expert.map(|e| e.name).unwrap_or_default(),
            unit.map(|u| u.name).unwrap_or_default()
        ),
    ))
}

/// Plans an inspection: a team inspects a unit in a planned round (office).
pub async fn create_inspection(
    db: &DatabaseConnection,
    access: &Access,
    round_id: i32,
    team_id: i32,
    unit_id: i32,
) -> ServiceResult<inspection::Model> {
    access.authorize(RecordKind::Inspection, Action::Create)?;
    let txn = crate::store::begin(db).await?;
    round_in(&txn, round_id, &[RoundStatus::Planned], "add an inspection to").await?;
    organization_of_kind(&txn, team_id, OrganizationKind::InspectionTeam, "teamId").await?;
    organization_of_kind(&txn, unit_id, OrganizationKind::AuditedUnit, "unitId").await?;
    let roster: Vec<i32> = roster_entry::Entity::find()
        .select_only()
        .column(roster_entry::Column::ExpertId)
        .filter(roster_entry::Column::RoundId.eq(round_id))
        .filter(roster_entry::Column::TeamId.eq(team_id))
        .into_tuple()
        .all(&txn)
        .await?;
    refuse_conflicts(&txn, "unitId", roster, vec![unit_id]).await?;
    let now = crate::clock::now();
    let created = inspection::ActiveModel {
        round_id: Set(round_id),
        team_id: Set(team_id),
        unit_id: Set(unit_id),
        status: Set(InspectionStatus::Planned),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|e| conflict_on_unique(e, "unitId", "the unit is already inspected in this round"))?;
    crate::audit::service::record(&txn, access, RecordKind::Inspection, Action::Create, created.id).await?;
    txn.commit().await?;
    Ok(created)
}

/// Removes an inspection from a planned round (office).
pub async fn remove_inspection(db: &DatabaseConnection, access: &Access, id: i32) -> ServiceResult<inspection::Model> {
    let scope = access.authorize(RecordKind::Inspection, Action::Delete)?;
    let txn = crate::store::begin(db).await?;
    let found = inspection::Entity::find_by_id(id)
        .filter(scope)
        .one(&txn)
        .await?
        .ok_or(ServiceError::NotFound("inspection"))?;
    round_in(&txn, found.round_id, &[RoundStatus::Planned], "remove an inspection from").await?;
    inspection::Entity::delete_by_id(id).exec(&txn).await?;
    crate::audit::service::record(&txn, access, RecordKind::Inspection, Action::Delete, id).await?;
    txn.commit().await?;
    Ok(found)
}

/// The inspection a team may write its record on (findings, clues, petitions, recommendations,
/// report, feedback): in the caller's scope for `kind` and `action`, and `STATIONED` or `REPORTED`
/// — authority bounded in time (一次一授权). Out of scope: `NOT_FOUND`; out of time: `INVALID_TRANSITION`.
pub async fn writable_inspection(
    db: &impl ConnectionTrait,
    access: &Access,
    kind: RecordKind,
    action: Action,
    inspection_id: i32,
) -> ServiceResult<inspection::Model> {
    let scope = access.authorize_over(kind, action, RecordKind::Inspection)?;
    let found = inspection::Entity::find_by_id(inspection_id)
        .filter(scope)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound("inspection"))?;
    check_writable(&found)?;
    Ok(found)
}

/// Refuses a write to the record of inspection `id` unless it is `STATIONED` or `REPORTED`.
pub async fn check_writable_by_id(db: &impl ConnectionTrait, id: i32) -> ServiceResult<()> {
    let found = inspection::Entity::find_by_id(id).one(db).await?.ok_or(ServiceError::NotFound("inspection"))?;
    check_writable(&found)
}

/// Refuses a write to the record of an inspection that is not `STATIONED` or `REPORTED`.
pub fn check_writable(i: &inspection::Model) -> ServiceResult<()> {
    match i.status {
        InspectionStatus::Stationed | InspectionStatus::Reported => Ok(()),
        other => Err(ServiceError::InvalidTransition {
            kind: "inspection",
            action: "write the record of",
            from: other.name(),
        }),
    }
}

/// A transition of an inspection's lifecycle that the office owns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InspectionTransition {
    /// PLANNED → STATIONED (进驻), once the round is in progress.
    Station,
    /// FEEDBACK_GIVEN → RECTIFYING (整改).
    BeginRectification,
    /// RECTIFYING → CLOSED.
    Close,
}

/// Moves an inspection along its lifecycle (office); from any other state, `INVALID_TRANSITION`.
/// Submitting the report and releasing the feedback are in `reports`.
pub async fn transition_inspection(
    db: &DatabaseConnection,
    access: &Access,
    id: i32,
    transition: InspectionTransition,
    expected_version: Option<i32>,
) -> ServiceResult<inspection::Model> {
    let (action, verb, from, to) = match transition {
        InspectionTransition::Station => {
            (Action::Station, "station", InspectionStatus::Planned, InspectionStatus::Stationed)
        }
        InspectionTransition::BeginRectification => {
            (Action::Rectify, "begin rectification of", InspectionStatus::FeedbackGiven, InspectionStatus::Rectifying)
        }
        InspectionTransition::Close => (Action::Close, "close", InspectionStatus::Rectifying, InspectionStatus::Closed),
    };
    let scope = access.authorize(RecordKind::Inspection, action)?;
    let txn = crate::store::begin(db).await?;
    let current = inspection::Entity::find_by_id(id)
        .filter(scope)
        .one(&txn)
        .await?
        .ok_or(ServiceError::NotFound("inspection"))?;
    validate::version(expected_version, current.version)?;
    if transition == InspectionTransition::Station {
        round_in(&txn, current.round_id, &[RoundStatus::InProgress], "station a team in").await?;
    }
    let updated = move_inspection(&txn, &current, verb, from, to).await?;
    crate::audit::service::record(&txn, access, RecordKind::Inspection, action, id).await?;
    txn.commit().await?;
    Ok(updated)
}

/// Moves an inspection from `from` to `to`, re-checking the state in the UPDATE itself.
pub async fn move_inspection(
    db: &impl ConnectionTrait,
    current: &inspection::Model,
    verb: &'static str,
    from: InspectionStatus,
    to: InspectionStatus,
) -> ServiceResult<inspection::Model> {
    if current.status != from {
        return Err(ServiceError::InvalidTransition { kind: "inspection", action: verb, from: current.status.name() });
    }
    let done = inspection::Entity::update_many()
        .col_expr(inspection::Column::Status, Expr::value(to))
        .col_expr(inspection::Column::Version, Expr::col(inspection::Column::Version).add(1))
        .col_expr(inspection::Column::UpdatedAt, Expr::value(crate::clock::now()))
        .filter(inspection::Column::Id.eq(current.id))
        .filter(inspection::Column::Status.eq(from))
        .exec(db)
        .await?;
    if done.rows_affected != 1 {
        return Err(ServiceError::conflict("the inspection changed under you; reload and try again"));
    }
    inspection::Entity::find_by_id(current.id).one(db).await?.ok_or(ServiceError::NotFound("inspection"))
}

// ---------------------------------------------------------------------------------------------
// Rosters

/// Narrows the roster list.
#[derive(Debug, Clone, Default)]
pub struct RosterFilter {
    /// Only this round.
    pub round_id: Option<i32>,
    /// Only this team.
    pub team_id: Option<i32>,
    /// Only this expert.
    pub expert_id: Option<i32>,
}

/// A page of the roster entries the caller may see, in the order they were made.
pub async fn list_roster(
    db: &DatabaseConnection,
    access: &Access,
    filter: RosterFilter,
    page: &PageRequest,
) -> ServiceResult<Page<roster_entry::Model>> {
    let mut q = roster_entry::Entity::find().filter(access.authorize(RecordKind::RosterEntry, Action::Read)?);
    if let Some(v) = filter.round_id {
        q = q.filter(roster_entry::Column::RoundId.eq(v));
    }
    if let Some(v) = filter.team_id {
        q = q.filter(roster_entry::Column::TeamId.eq(v));
    }
    if let Some(v) = filter.expert_id {
        q = q.filter(roster_entry::Column::ExpertId.eq(v));
    }
    let ordering = Ordering::<roster_entry::Entity> {
        name: "created",
        column: roster_entry::Column::Id,
        order: sea_orm::Order::Asc,
        value: |m| SortValue::Int(m.id.into()),
        id_column: roster_entry::Column::Id,
        id: |m| m.id,
    };
    pagination::fetch(db, q, &ordering, page).await
}

/// Places an expert on a team for a round (office), unless they must recuse from a unit the
/// team inspects in that round.
pub async fn add_roster_entry(
    db: &DatabaseConnection,
    access: &Access,
    round_id: i32,
    team_id: i32,
    expert_id: i32,
    position: RosterPosition,
) -> ServiceResult<roster_entry::Model> {
    access.authorize(RecordKind::RosterEntry, Action::Create)?;
    let txn = crate::store::begin(db).await?;
    round_in(
        &txn,
        round_id,
        &[RoundStatus::Planned, RoundStatus::Approved, RoundStatus::InProgress],
        "staff a team in",
    )
    .await?;
    organization_of_kind(&txn, team_id, OrganizationKind::InspectionTeam, "teamId").await?;
    expert::Entity::find_by_id(expert_id).one(&txn).await?.ok_or(ServiceError::NotFound("expert"))?;
    let units: Vec<i32> = inspection::Entity::find()
        .select_only()
        .column(inspection::Column::UnitId)
        .filter(inspection::Column::RoundId.eq(round_id))
        .filter(inspection::Column::TeamId.eq(team_id))
        .into_tuple()
        .all(&txn)
        .await?;
    refuse_conflicts(&txn, "expertId", vec![expert_id], units).await?;
    if position == RosterPosition::Leader
        && roster_entry::Entity::find()
            .filter(roster_entry::Column::RoundId.eq(round_id))
            .filter(roster_entry::Column::TeamId.eq(team_id))
            .filter(roster_entry::Column::Position.eq(RosterPosition::Leader))
            .one(&txn)
            .await?
            .is_some()
    {
        return Err(ServiceError::conflict_on("position", "the team already has a leader in this round"));
    }
    let created = roster_entry::ActiveModel {
        round_id: Set(round_id),
        team_id: Set(team_id),
        expert_id: Set(expert_id),
        position: Set(position),
        created_at: Set(crate::clock::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|e| conflict_on_unique(e, "expertId", "the expert is already on a team in this round"))?;
    crate::audit::service::record(&txn, access, RecordKind::RosterEntry, Action::Create, created.id).await?;
    txn.commit().await?;
    Ok(created)
}

/// Takes an expert off a team's roster (office), while the round is not closed.
pub async fn remove_roster_entry(
    db: &DatabaseConnection,
    access: &Access,
    id: i32,
) -> ServiceResult<roster_entry::Model> {
    let scope = access.authorize(RecordKind::RosterEntry, Action::Delete)?;
    let txn = crate::store::begin(db).await?;
    let found = roster_entry::Entity::find_by_id(id)
        .filter(scope)
        .one(&txn)
        .await?
        .ok_or(ServiceError::NotFound("roster entry"))?;
    round_in(
        &txn,
        found.round_id,
        &[RoundStatus::Planned, RoundStatus::Approved, RoundStatus::InProgress],
        "change the roster of",
    )
    .await?;
    roster_entry::Entity::delete_by_id(id).exec(&txn).await?;
    crate::audit::service::record(&txn, access, RecordKind::RosterEntry, Action::Delete, id).await?;
    txn.commit().await?;
    Ok(found)
}
