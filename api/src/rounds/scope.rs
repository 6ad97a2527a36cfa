//! Which rounds each assignment reaches.

use entities::{Role, inspection, roster_entry, round};
use sea_orm::{ColumnTrait, Condition};

use crate::gate::{
    Grant, Guarded, RecordKind, narrowing,
    scope::{STARTED, released_inspections, started_unit_inspections, supervises, team_record, team_roster},
};

impl Guarded for round::Entity {
    type Entity = Self;
    const KIND: RecordKind = RecordKind::Round;

    fn reach(g: &Grant, user_id: i32) -> Option<Condition> {
        match g.role {
            // The rounds of the inspections whose record it reads, or of its roster (each in its
            // one round, for a bounded assignment, but for the inspections it follows up).
            Role::TeamLeader | Role::TeamMember => Some(
                Condition::any()
                    .add(round::Column::Id.in_subquery(team_record(g, user_id, inspection::Column::RoundId)))
                    .add(round::Column::Id.in_subquery(team_roster(g, roster_entry::Column::RoundId))),
            ),
            // The started rounds in which it is inspected.
            Role::Partner => Some(supervises(g).add(round::Column::Id.in_subquery(narrowing::<inspection::Entity>(
                inspection::Column::RoundId,
                inspection::Column::Id.in_subquery(released_inspections()),
            )))),
            Role::UnitLeader => Some(Condition::all().add(round::Column::Status.is_in(STARTED)).add(
                round::Column::Id.in_subquery(started_unit_inspections(g.organization_id, inspection::Column::RoundId)),
            )),
            _ => None,
        }
    }
}
