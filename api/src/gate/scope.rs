//! The conditions the kinds' reaches are built from: the inspections a team works on, the units'
//! released record, the rounds that have started. Each kind's own rule is beside the kind, in its
//! area's `scope.rs`; the table in `policies/README.md` is those rules in words.

use entities::{RoundStatus, feedback, inspection, roster_entry, round};
use sea_orm::{ColumnTrait, Condition, sea_query::Expr, sea_query::SelectStatement};

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

/// `SELECT <column> FROM inspections WHERE team_id = <team> [AND round_id = <round>]`.
pub fn team_inspections(g: &Grant, column: inspection::Column) -> SelectStatement {
    let mut c = Condition::all().add(inspection::Column::TeamId.eq(g.organization_id));
    if let Some(r) = g.round_id {
        c = c.add(inspection::Column::RoundId.eq(r));
    }
    narrowing::<inspection::Entity>(column, c)
}

/// Rows whose `inspection` column names one of the team's inspections.
pub fn of_team_inspections(g: &Grant, inspection: impl ColumnTrait) -> Condition {
    Condition::all().add(inspection.in_subquery(team_inspections(g, inspection::Column::Id)))
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

/// `SELECT inspection_id FROM feedbacks WHERE released_at IS NOT NULL AND inspection_id IN
/// (the unit's inspections)`: what the unit may see of its record, once released.
pub fn released_unit_inspections(unit: i32) -> SelectStatement {
    narrowing::<feedback::Entity>(
        feedback::Column::InspectionId,
        Condition::all().add(feedback::Column::ReleasedAt.is_not_null()).add(
            feedback::Column::InspectionId.in_subquery(narrowing::<inspection::Entity>(
                inspection::Column::Id,
                inspection::Column::UnitId.eq(unit),
            )),
        ),
    )
}

/// Rows whose `inspection` column names one of the unit's inspections whose feedback is released.
pub fn of_released_unit_inspections(unit: i32, inspection: impl ColumnTrait) -> Condition {
    Condition::all().add(inspection.in_subquery(released_unit_inspections(unit)))
}
