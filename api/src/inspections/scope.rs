//! Which inspections each assignment reaches.

use entities::{Role, inspection};
use sea_orm::{ColumnTrait, Condition};

use crate::gate::{
    Grant, Guarded, RecordKind,
    scope::{released_inspections, started_rounds, supervises, team_record},
};

impl Guarded for inspection::Entity {
    type Entity = Self;
    const KIND: RecordKind = RecordKind::Inspection;

    fn reach(g: &Grant, user_id: i32) -> Option<Condition> {
        match g.role {
            // Its own (in its one round, for an assignment bounded to one; none of a unit the user
            // must recuse from), and those its follow-ups check.
            Role::TeamLeader | Role::TeamMember => {
                Some(Condition::all().add(inspection::Column::Id.in_subquery(team_record(
                    g,
                    user_id,
                    inspection::Column::Id,
                ))))
            }
            // The unit's own, once the round has started.
            Role::UnitLeader => Some(
                Condition::all()
                    .add(inspection::Column::UnitId.eq(g.organization_id))
                    .add(inspection::Column::RoundId.in_subquery(started_rounds())),
            ),
            // An agency that supervises rectification: the inspections whose feedback is released,
            // the frame of the rectification it reads (their record stays out of its reach).
            Role::Partner => Some(supervises(g).add(inspection::Column::Id.in_subquery(released_inspections()))),
            _ => None,
        }
    }
}
