//! Which inspections each assignment reaches.

use entities::{Role, inspection};
use sea_orm::{ColumnTrait, Condition};

use crate::gate::{
    Grant, Guarded, RecordKind,
    scope::{bounded, started_rounds},
};

impl Guarded for inspection::Entity {
    type Entity = Self;
    const KIND: RecordKind = RecordKind::Inspection;

    fn reach(g: &Grant, _: i32) -> Option<Condition> {
        match g.role {
            // Its own (in its one round, for an assignment bounded to one).
            Role::TeamLeader | Role::TeamMember => Some(bounded(
                Condition::all().add(inspection::Column::TeamId.eq(g.organization_id)),
                g,
                inspection::Column::RoundId,
            )),
            // The unit's own, once the round has started.
            Role::UnitLeader => Some(
                Condition::all()
                    .add(inspection::Column::UnitId.eq(g.organization_id))
                    .add(inspection::Column::RoundId.in_subquery(started_rounds())),
            ),
            _ => None,
        }
    }
}
