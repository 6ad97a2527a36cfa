//! Which rounds each assignment reaches.

use entities::{Role, inspection, roster_entry, round};
use sea_orm::{ColumnTrait, Condition};

use crate::gate::{
    Grant, Guarded, RecordKind,
    scope::{STARTED, bounded, started_unit_inspections, team_inspections, team_roster},
};

impl Guarded for round::Entity {
    type Entity = Self;
    const KIND: RecordKind = RecordKind::Round;

    fn reach(g: &Grant, _: i32) -> Option<Condition> {
        match g.role {
            // The rounds of its inspections or of its roster.
            Role::TeamLeader | Role::TeamMember => {
                let rounds = Condition::any()
                    .add(round::Column::Id.in_subquery(team_inspections(g, inspection::Column::RoundId)))
                    .add(round::Column::Id.in_subquery(team_roster(g, roster_entry::Column::RoundId)));
                Some(bounded(rounds, g, round::Column::Id))
            }
            // The started rounds in which it is inspected.
            Role::UnitLeader => Some(Condition::all().add(round::Column::Status.is_in(STARTED)).add(
                round::Column::Id.in_subquery(started_unit_inspections(g.organization_id, inspection::Column::RoundId)),
            )),
            _ => None,
        }
    }
}
