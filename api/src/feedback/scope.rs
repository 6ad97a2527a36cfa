//! Which feedback each assignment reaches: the team's own; the unit's own, once released.

use entities::{Role, feedback};
use sea_orm::Condition;

use crate::gate::{
    Grant, Guarded, RecordKind,
    scope::{of_released_unit_inspections, of_team_inspections},
};

impl Guarded for feedback::Entity {
    type Entity = Self;
    const KIND: RecordKind = RecordKind::Feedback;

    fn reach(g: &Grant, _: i32) -> Option<Condition> {
        match g.role {
            Role::TeamLeader | Role::TeamMember => Some(of_team_inspections(g, feedback::Column::InspectionId)),
            Role::UnitLeader => Some(of_released_unit_inspections(g.organization_id, feedback::Column::InspectionId)),
            _ => None,
        }
    }
}
