//! Which accountability records each assignment reaches: the team's own inspections'; the unit,
//! those about itself and its people once the inspection's feedback is released to it.

use entities::{Role, accountability_record};
use sea_orm::{ColumnTrait, Condition};

use crate::gate::{
    Grant, Guarded, RecordKind,
    scope::{of_released_unit_inspections, of_team_record},
};

impl Guarded for accountability_record::Entity {
    type Entity = Self;
    const KIND: RecordKind = RecordKind::AccountabilityRecord;

    fn reach(g: &Grant, user_id: i32) -> Option<Condition> {
        match g.role {
            Role::TeamLeader | Role::TeamMember => {
                Some(of_team_record(g, user_id, accountability_record::Column::InspectionId))
            }
            Role::UnitLeader => Some(
                of_released_unit_inspections(g.organization_id, accountability_record::Column::InspectionId)
                    .add(accountability_record::Column::UnitId.eq(g.organization_id)),
            ),
            _ => None,
        }
    }

    fn live() -> Option<Condition> {
        Some(Condition::all().add(accountability_record::Column::WithdrawnAt.is_null()))
    }
}
