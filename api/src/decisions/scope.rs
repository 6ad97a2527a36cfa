//! Which decisions each assignment reaches: a team, those on the inspections whose record it
//! reads; never a round's, an agency's or a unit's.

use entities::{Role, decision};
use sea_orm::Condition;

use crate::gate::{Grant, Guarded, RecordKind, scope::of_team_record};

impl Guarded for decision::Entity {
    type Entity = Self;
    const KIND: RecordKind = RecordKind::Decision;

    fn reach(g: &Grant, user_id: i32) -> Option<Condition> {
        match g.role {
            Role::TeamLeader | Role::TeamMember => Some(of_team_record(g, user_id, decision::Column::InspectionId)),
            _ => None,
        }
    }
}
