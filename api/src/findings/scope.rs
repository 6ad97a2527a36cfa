//! Which findings each assignment reaches.

use entities::{Role, finding};
use sea_orm::{ColumnTrait, Condition};

use crate::gate::{
    Grant, Guarded, RecordKind,
    scope::{of_released_unit_inspections, of_team_record},
};

impl Guarded for finding::Entity {
    type Entity = Self;
    const KIND: RecordKind = RecordKind::Finding;

    fn reach(g: &Grant, user_id: i32) -> Option<Condition> {
        match g.role {
            Role::TeamLeader | Role::TeamMember => Some(of_team_record(g, user_id, finding::Column::InspectionId)),
            // The unit's own, once its feedback is released, and only those the feedback carries.
            Role::UnitLeader => Some(
                of_released_unit_inspections(g.organization_id, finding::Column::InspectionId)
                    .add(finding::Column::IncludeInFeedback.eq(true)),
            ),
            _ => None,
        }
    }
}
