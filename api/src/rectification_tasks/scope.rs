//! Which rectification tasks each assignment reaches: the team's own inspections'; the unit's own,
//! once its feedback is released.

use entities::{Role, rectification_task};
use sea_orm::Condition;

use crate::gate::{
    Grant, Guarded, RecordKind,
    scope::{of_released_unit_inspections, of_team_record},
};

impl Guarded for rectification_task::Entity {
    type Entity = Self;
    const KIND: RecordKind = RecordKind::RectificationTask;

    fn reach(g: &Grant, user_id: i32) -> Option<Condition> {
        match g.role {
            Role::TeamLeader | Role::TeamMember => {
                Some(of_team_record(g, user_id, rectification_task::Column::InspectionId))
            }
            Role::UnitLeader => {
                Some(of_released_unit_inspections(g.organization_id, rectification_task::Column::InspectionId))
            }
            _ => None,
        }
    }
}
