//! Which feedback each assignment reaches. To the leadership team: the team's own inspections'
//! (and those it follows up); the unit's own, once released. To the principal leader: the same,
//! but of the unit only its principal leader (主要负责人) reads it.

use entities::{Role, feedback, principal_feedback};
use sea_orm::Condition;

use crate::gate::{
    Grant, Guarded, RecordKind,
    scope::{of_released_unit_inspections, of_team_record},
};

impl Guarded for feedback::Entity {
    type Entity = Self;
    const KIND: RecordKind = RecordKind::Feedback;

    fn reach(g: &Grant, user_id: i32) -> Option<Condition> {
        match g.role {
            Role::TeamLeader | Role::TeamMember => Some(of_team_record(g, user_id, feedback::Column::InspectionId)),
            Role::UnitLeader => Some(of_released_unit_inspections(g.organization_id, feedback::Column::InspectionId)),
            _ => None,
        }
    }
}

impl Guarded for principal_feedback::Entity {
    type Entity = Self;
    const KIND: RecordKind = RecordKind::PrincipalFeedback;

    fn reach(g: &Grant, user_id: i32) -> Option<Condition> {
        match g.role {
            Role::TeamLeader | Role::TeamMember => {
                Some(of_team_record(g, user_id, principal_feedback::Column::InspectionId))
            }
            Role::UnitLeader if g.principal => {
                Some(of_released_unit_inspections(g.organization_id, principal_feedback::Column::InspectionId))
            }
            _ => None,
        }
    }
}
