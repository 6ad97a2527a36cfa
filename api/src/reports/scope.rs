//! Which reports each assignment reaches: the team's own; never the unit's.

use entities::{Role, report};
use sea_orm::Condition;

use crate::gate::{Grant, Guarded, RecordKind, scope::of_team_record};

impl Guarded for report::Entity {
    type Entity = Self;
    const KIND: RecordKind = RecordKind::Report;

    fn reach(g: &Grant, user_id: i32) -> Option<Condition> {
        match g.role {
            Role::TeamLeader | Role::TeamMember => Some(of_team_record(g, user_id, report::Column::InspectionId)),
            _ => None,
        }
    }
}
