//! Which clues, and persons named in them, each assignment reaches: the team's own inspections' and those it follows up, until its inspection closes; no unit and
//! no agency ever reads a clue (an agency reads what a referral carries). Every read is logged.

use entities::{Role, clue, clue_person, inspection};
use sea_orm::{ColumnTrait, Condition};

use crate::gate::{
    Grant, Guarded, RecordKind, narrowing,
    scope::{of_team_open_record, team_open_record},
};

impl Guarded for clue::Entity {
    type Entity = Self;
    const KIND: RecordKind = RecordKind::Clue;
    const LOG_READS: bool = true;

    fn reach(g: &Grant, user_id: i32) -> Option<Condition> {
        match g.role {
            Role::TeamLeader | Role::TeamMember => Some(of_team_open_record(g, user_id, clue::Column::InspectionId)),
            _ => None,
        }
    }
}

impl Guarded for clue_person::Entity {
    type Entity = Self;
    const KIND: RecordKind = RecordKind::CluePerson;
    const LOG_READS: bool = true;

    fn reach(g: &Grant, user_id: i32) -> Option<Condition> {
        match g.role {
            Role::TeamLeader | Role::TeamMember => {
                Some(Condition::all().add(clue_person::Column::ClueId.in_subquery(narrowing::<clue::Entity>(
                    clue::Column::Id,
                    clue::Column::InspectionId.in_subquery(team_open_record(g, user_id, inspection::Column::Id)),
                ))))
            }
            _ => None,
        }
    }
}
