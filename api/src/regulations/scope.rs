//! Which regulations each assignment reaches: the team's own inspections'; the unit's own, once
//! its feedback is released.

use entities::{Role, regulation};
use sea_orm::{ColumnTrait, Condition};

use crate::gate::{
    Grant, Guarded, RecordKind,
    scope::{of_released_unit_inspections, of_team_record},
};

impl Guarded for regulation::Entity {
    type Entity = Self;
    const KIND: RecordKind = RecordKind::Regulation;

    fn reach(g: &Grant, user_id: i32) -> Option<Condition> {
        match g.role {
            Role::TeamLeader | Role::TeamMember => Some(of_team_record(g, user_id, regulation::Column::InspectionId)),
            Role::UnitLeader => Some(of_released_unit_inspections(g.organization_id, regulation::Column::InspectionId)),
            _ => None,
        }
    }

    fn live() -> Option<Condition> {
        Some(Condition::all().add(regulation::Column::WithdrawnAt.is_null()))
    }
}
