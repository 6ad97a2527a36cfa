//! Which organisations each assignment reaches.

use entities::{Role, inspection, organization};
use sea_orm::{ColumnTrait, Condition};

use crate::gate::{
    Grant, Guarded, RecordKind,
    scope::{started_unit_inspections, team_inspections},
};

impl Guarded for organization::Entity {
    type Entity = Self;
    const KIND: RecordKind = RecordKind::Organization;

    fn reach(g: &Grant, _: i32) -> Option<Condition> {
        let own = organization::Column::Id.eq(g.organization_id);
        match g.role {
            // Itself, and the units it inspects.
            Role::TeamLeader | Role::TeamMember => Some(
                Condition::any()
                    .add(own)
                    .add(organization::Column::Id.in_subquery(team_inspections(g, inspection::Column::UnitId))),
            ),
            // Itself.
            Role::Partner => Some(Condition::all().add(own)),
            // Itself, and the teams inspecting it in a round that has started.
            Role::UnitLeader => Some(
                Condition::any().add(own).add(
                    organization::Column::Id
                        .in_subquery(started_unit_inspections(g.organization_id, inspection::Column::TeamId)),
                ),
            ),
            Role::Leadership | Role::Office => None,
        }
    }
}
