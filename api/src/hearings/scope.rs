//! Which hearings each assignment reaches: a team, those of the inspections whose record it reads
//! (it revises a returned report by them); never a round's, an agency's or a unit's.

use entities::{Role, hearing};
use sea_orm::Condition;

use crate::gate::{Grant, Guarded, RecordKind, scope::of_team_record};

impl Guarded for hearing::Entity {
    type Entity = Self;
    const KIND: RecordKind = RecordKind::Hearing;

    fn reach(g: &Grant, user_id: i32) -> Option<Condition> {
        match g.role {
            Role::TeamLeader | Role::TeamMember => Some(of_team_record(g, user_id, hearing::Column::InspectionId)),
            _ => None,
        }
    }
}
