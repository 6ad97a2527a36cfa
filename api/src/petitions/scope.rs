//! Which petitions, and reporters' identities, each assignment reaches: the team's own inspections' (and, but for the
//! reporters, those it follows up), until its inspection closes. The
//! identity is need-to-know: the policy gives it to the team and the office only, and every read
//! of it is logged.

use entities::{Role, petition};
use sea_orm::{ColumnTrait, Condition};

use crate::gate::{
    Grant, Guarded, RecordKind,
    scope::{of_team_open_inspections, of_team_open_record},
};

impl Guarded for petition::Entity {
    type Entity = Self;
    const KIND: RecordKind = RecordKind::Petition;

    fn live() -> Option<Condition> {
        Some(Condition::all().add(petition::Column::WithdrawnAt.is_null()))
    }

    fn reach(g: &Grant, user_id: i32) -> Option<Condition> {
        match g.role {
            Role::TeamLeader | Role::TeamMember => {
                Some(of_team_open_record(g, user_id, petition::Column::InspectionId))
            }
            _ => None,
        }
    }
}

/// The reporter's identity on a petition (its name and contact), read apart from the petition.
pub struct PetitionIdentity;

impl Guarded for PetitionIdentity {
    type Entity = petition::Entity;
    const KIND: RecordKind = RecordKind::PetitionIdentity;
    const LOG_READS: bool = true;

    fn live() -> Option<Condition> {
        petition::Entity::live()
    }

    fn reach(g: &Grant, user_id: i32) -> Option<Condition> {
        match g.role {
            // Its own inspections' only, not those it follows up; until its inspection closes.
            Role::TeamLeader | Role::TeamMember => {
                Some(of_team_open_inspections(g, user_id, petition::Column::InspectionId))
            }
            _ => None,
        }
    }
}
