//! The conditions the kinds' reaches are built from: the inspections a team works on, the units'
//! released record, the rounds that have started. Each kind's own rule is beside the kind, in its
//! area's `scope.rs`; the table in `policies/README.md` is those rules in words.

use entities::{
    AgencyCompetence, InspectionStatus, Role, RoundStatus, expert, expert_conflict, feedback, inspection, organization,
    roster_entry, round,
};
use sea_orm::{
    ColumnTrait, Condition,
    sea_query::{Expr, ExprTrait, SelectStatement},
};

use super::{Grant, narrowing};

/// Rounds whose plan is shown to the units they inspect: the teams are stationed or done.
pub const STARTED: [RoundStatus; 2] = [RoundStatus::InProgress, RoundStatus::Closed];

/// A condition no row meets.
pub fn nothing() -> Condition {
    Condition::all().add(Expr::cust("1 = 0"))
}

/// Narrows a team grant bounded to one round to that round.
pub fn bounded(c: Condition, g: &Grant, round_column: impl ColumnTrait) -> Condition {
    match g.round_id {
        Some(r) => c.add(round_column.eq(r)),
        None => c,
    }
}

/// The units the user must recuse from (回避), as the expert their account is: none for an
/// account linked to no expert. `SELECT unit_id FROM expert_conflicts WHERE expert_id IN (SELECT
/// id FROM experts WHERE user_id = <user>)`.
pub fn recused_units(user_id: i32) -> SelectStatement {
    narrowing::<expert_conflict::Entity>(
        expert_conflict::Column::UnitId,
        expert_conflict::Column::ExpertId
            .in_subquery(narrowing::<expert::Entity>(expert::Column::Id, expert::Column::UserId.eq(user_id))),
    )
}

/// The team's own inspections, as a condition on `inspections`: its team (in its one round, for a
/// bounded assignment), less those of a unit the user must recuse from — authority given for one
/// inspection to the people who may hold it (一次一授权).
fn own(g: &Grant, user_id: i32) -> Condition {
    bounded(
        Condition::all()
            .add(inspection::Column::TeamId.eq(g.organization_id))
            .add(inspection::Column::UnitId.not_in_subquery(recused_units(user_id))),
        g,
        inspection::Column::RoundId,
    )
}

/// `cond`, or an inspection that one of the inspections `cond` selects follows up (回头看): what a
/// follow-up team reads of the earlier inspection to check its rectification.
fn with_followed(cond: Condition) -> Condition {
    let followed = narrowing::<inspection::Entity>(
        inspection::Column::FollowsInspectionId,
        cond.clone().add(inspection::Column::FollowsInspectionId.is_not_null()),
    );
    Condition::any().add(cond).add(inspection::Column::Id.in_subquery(followed))
}

/// `SELECT <column> FROM inspections` of the team's own inspections (see [`own`]).
pub fn team_inspections(g: &Grant, user_id: i32, column: inspection::Column) -> SelectStatement {
    narrowing::<inspection::Entity>(column, own(g, user_id))
}

/// `SELECT <column> FROM inspections` of the team's own inspections and those they follow up: the
/// inspections whose record the team reads.
pub fn team_record(g: &Grant, user_id: i32, column: inspection::Column) -> SelectStatement {
    narrowing::<inspection::Entity>(column, with_followed(own(g, user_id)))
}

/// Rows whose `inspection` column names an inspection whose record the team reads.
pub fn of_team_record(g: &Grant, user_id: i32, inspection: impl ColumnTrait) -> Condition {
    Condition::all().add(inspection.in_subquery(team_record(g, user_id, inspection::Column::Id)))
}

/// `SELECT <column> FROM inspections` of the team's own inspections not yet closed, and those
/// they follow up: the inspections whose confidential record (clues, petitions, referrals) the
/// team reads. Its authority over them ends when its inspection closes.
pub fn team_open_record(g: &Grant, user_id: i32, column: inspection::Column) -> SelectStatement {
    let open = own(g, user_id).add(inspection::Column::Status.ne(InspectionStatus::Closed));
    narrowing::<inspection::Entity>(column, with_followed(open))
}

/// Rows whose `inspection` column names an inspection whose confidential record the team reads.
pub fn of_team_open_record(g: &Grant, user_id: i32, inspection: impl ColumnTrait) -> Condition {
    Condition::all().add(inspection.in_subquery(team_open_record(g, user_id, inspection::Column::Id)))
}

/// Rows whose `inspection` column names one of the team's own inspections not yet closed (not
/// the ones it follows up): the reporters' identities.
pub fn of_team_open_inspections(g: &Grant, user_id: i32, inspection: impl ColumnTrait) -> Condition {
    let open = own(g, user_id).add(inspection::Column::Status.ne(InspectionStatus::Closed));
    Condition::all().add(inspection.in_subquery(narrowing::<inspection::Entity>(inspection::Column::Id, open)))
}

/// `SELECT <column> FROM roster_entries WHERE team_id = <team> [AND round_id = <round>]`.
pub fn team_roster(g: &Grant, column: roster_entry::Column) -> SelectStatement {
    let mut c = Condition::all().add(roster_entry::Column::TeamId.eq(g.organization_id));
    if let Some(r) = g.round_id {
        c = c.add(roster_entry::Column::RoundId.eq(r));
    }
    narrowing::<roster_entry::Entity>(column, c)
}

/// `SELECT id FROM rounds WHERE status IN (started)`.
pub fn started_rounds() -> SelectStatement {
    narrowing::<round::Entity>(round::Column::Id, round::Column::Status.is_in(STARTED))
}

/// `SELECT <column> FROM inspections WHERE unit_id = <unit> AND round_id IN (started rounds)`.
pub fn started_unit_inspections(unit: i32, column: inspection::Column) -> SelectStatement {
    narrowing::<inspection::Entity>(
        column,
        Condition::all()
            .add(inspection::Column::UnitId.eq(unit))
            .add(inspection::Column::RoundId.in_subquery(started_rounds())),
    )
}

/// `SELECT id FROM inspections WHERE unit_id = <unit>`: every inspection of the unit.
pub fn unit_inspections(unit: i32) -> SelectStatement {
    narrowing::<inspection::Entity>(inspection::Column::Id, inspection::Column::UnitId.eq(unit))
}

/// `SELECT inspection_id FROM feedbacks WHERE released_at IS NOT NULL AND inspection_id IN
/// (the unit's inspections)`: what the unit may see of its record, once released.
pub fn released_unit_inspections(unit: i32) -> SelectStatement {
    narrowing::<feedback::Entity>(
        feedback::Column::InspectionId,
        Condition::all()
            .add(feedback::Column::ReleasedAt.is_not_null())
            .add(feedback::Column::InspectionId.in_subquery(unit_inspections(unit))),
    )
}

/// Rows whose `inspection` column names one of the unit's inspections whose feedback is released.
pub fn of_released_unit_inspections(unit: i32, inspection: impl ColumnTrait) -> Condition {
    Condition::all().add(inspection.in_subquery(released_unit_inspections(unit)))
}

/// `SELECT inspection_id FROM feedbacks WHERE released_at IS NOT NULL`: the inspections whose
/// rectification has begun.
pub fn released_inspections() -> SelectStatement {
    narrowing::<feedback::Entity>(feedback::Column::InspectionId, feedback::Column::ReleasedAt.is_not_null())
}

/// Whether the grant's agency supervises rectification (日常监督), decided by its competence in SQL:
/// `<agency> IN (SELECT id FROM organizations WHERE competence IN (the supervising ones))`.
pub fn supervises(g: &Grant) -> Condition {
    Condition::all().add(Expr::val(g.organization_id).in_subquery(narrowing::<organization::Entity>(
        organization::Column::Id,
        organization::Column::Competence.is_in(AgencyCompetence::SUPERVISING),
    )))
}

/// Rows whose `inspection` column names an inspection whose rectification the grant reads: a
/// team's own record (and what it follows up); the unit's own, once released; for an agency
/// that supervises rectification, every unit's once released. `None` for the other agencies.
pub fn of_rectification(g: &Grant, user_id: i32, inspection: impl ColumnTrait) -> Option<Condition> {
    match g.role {
        Role::TeamLeader | Role::TeamMember => Some(of_team_record(g, user_id, inspection)),
        Role::UnitLeader => Some(of_released_unit_inspections(g.organization_id, inspection)),
        Role::Partner => Some(supervises(g).add(inspection.in_subquery(released_inspections()))),
        Role::Leadership | Role::Office => None,
    }
}
