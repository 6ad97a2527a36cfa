//! The rules of rosters: an expert is on one team a round, a team has one leader, and no expert
//! inspects a unit they have a conflict with (回避).

use entities::{
    OrganizationKind, RosterPosition, RoundStatus, expert, expert_conflict, inspection, organization, roster_entry,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect, Set,
};

use crate::{
    error::{ServiceError, ServiceResult, conflict_on_unique},
    gate::{Access, Action, RecordKind, unscoped},
    inspections::service::organization_of_kind,
    pagination::{self, Ordering, Page, PageRequest},
    rounds::service::{check_plan_change, round_in},
};

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

/// The orders of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RosterOrder {
    /// In the order the entries were made.
    CreatedAtAsc,
    /// Newest first.
    CreatedAtDesc,
}

/// How the list is sorted in `order` (ties broken by the id, so the cursor is stable).
pub fn ordering(order: RosterOrder) -> Ordering<roster_entry::Entity> {
    match order {
        RosterOrder::CreatedAtAsc => crate::ordered_by!(roster_entry, "created_at", CreatedAt, created_at, Asc),
        RosterOrder::CreatedAtDesc => crate::ordered_by!(roster_entry, "created_at_desc", CreatedAt, created_at, Desc),
    }
}

/// A page of the roster entries the caller may see, in the order they were made.
pub async fn list_roster(
    db: &DatabaseConnection,
    access: &Access,
    filter: RosterFilter,
    order: RosterOrder,
    page: &PageRequest,
) -> ServiceResult<Page<roster_entry::Model>> {
    let mut q = access.select::<roster_entry::Entity>(Action::Read)?;
    if let Some(v) = filter.round_id {
        q = q.filter(roster_entry::Column::RoundId.eq(v));
    }
    if let Some(v) = filter.team_id {
        q = q.filter(roster_entry::Column::TeamId.eq(v));
    }
    if let Some(v) = filter.expert_id {
        q = q.filter(roster_entry::Column::ExpertId.eq(v));
    }
    pagination::fetch(db, q, &ordering(order), page).await
}

/// The first conflict between the experts and the units, as a `BAD_USER_INPUT` naming both.
pub async fn refuse_conflicts(
    db: &impl ConnectionTrait,
    field: &str,
    expert_ids: Vec<i32>,
    unit_ids: Vec<i32>,
) -> ServiceResult<()> {
    if expert_ids.is_empty() || unit_ids.is_empty() {
        return Ok(());
    }
    let Some(conflict) = unscoped::<expert_conflict::Entity>("recusal is checked against every conflict")
        .filter(expert_conflict::Column::ExpertId.is_in(expert_ids))
        .filter(expert_conflict::Column::UnitId.is_in(unit_ids))
        .one(db)
        .await?
    else {
        return Ok(());
    };
    let expert = unscoped::<expert::Entity>("the names in a recusal refusal")
        .filter(expert::Column::Id.eq(conflict.expert_id))
        .one(db)
        .await?;
    let unit = unscoped::<organization::Entity>("the names in a recusal refusal")
        .filter(organization::Column::Id.eq(conflict.unit_id))
        .one(db)
        .await?;
    Err(ServiceError::bad_input(
        field,
        format!(
            "recusal (回避): expert {} has a conflict with unit {} and cannot inspect it",
            expert.map(|e| e.name).unwrap_or_default(),
            unit.map(|u| u.name).unwrap_or_default()
        ),
    ))
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
    access.permit::<roster_entry::Entity>(Action::Create)?;
    let txn = crate::store::begin(db).await?;
    let round = round_in(
        &txn,
        access,
        round_id,
        &[RoundStatus::Planned, RoundStatus::Approved, RoundStatus::InProgress],
        "staff a team in",
    )
    .await?;
    check_plan_change(access, RecordKind::RosterEntry, Action::Create, &round)?;
    organization_of_kind(&txn, access, team_id, OrganizationKind::InspectionTeam, "teamId").await?;
    // Locked, as recording a conflict locks it: recusal is checked against every conflict.
    access.find_locked::<expert::Entity>(&txn, Action::Read, expert_id).await?;
    let units: Vec<i32> = unscoped::<inspection::Entity>("recusal is checked against every unit the team inspects")
        .select_only()
        .column(inspection::Column::UnitId)
        .filter(inspection::Column::RoundId.eq(round_id))
        .filter(inspection::Column::TeamId.eq(team_id))
        .into_tuple()
        .all(&txn)
        .await?;
    refuse_conflicts(&txn, "expertId", vec![expert_id], units).await?;
    if position == RosterPosition::Leader
        && unscoped::<roster_entry::Entity>("a team has one leader a round")
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
    crate::gate::log::record(&txn, access, RecordKind::RosterEntry, Action::Create, created.id).await?;
    txn.commit().await?;
    Ok(created)
}

/// Takes an expert off a team's roster (office), while the round is not closed.
pub async fn remove_roster_entry(
    db: &DatabaseConnection,
    access: &Access,
    id: i32,
) -> ServiceResult<roster_entry::Model> {
    access.permit::<roster_entry::Entity>(Action::Delete)?;
    let txn = crate::store::begin(db).await?;
    let found = access.find::<roster_entry::Entity>(&txn, Action::Delete, id).await?;
    let round = round_in(
        &txn,
        access,
        found.round_id,
        &[RoundStatus::Planned, RoundStatus::Approved, RoundStatus::InProgress],
        "change the roster of",
    )
    .await?;
    check_plan_change(access, RecordKind::RosterEntry, Action::Delete, &round)?;
    roster_entry::Entity::delete_by_id(id).exec(&txn).await?;
    crate::gate::log::record(&txn, access, RecordKind::RosterEntry, Action::Delete, id).await?;
    txn.commit().await?;
    Ok(found)
}
