//! Which experts and conflicts each assignment reaches: a team sees the experts on its own
//! roster; conflicts of interest are the office's and the leadership group's alone.

use entities::{Role, expert, expert_conflict, roster_entry};
use sea_orm::{ColumnTrait, Condition};

use crate::gate::{Grant, Guarded, RecordKind, scope::team_roster};

impl Guarded for expert::Entity {
    type Entity = Self;
    const KIND: RecordKind = RecordKind::Expert;

    fn reach(g: &Grant, _: i32) -> Option<Condition> {
        match g.role {
            Role::TeamLeader | Role::TeamMember => Some(
                Condition::all().add(expert::Column::Id.in_subquery(team_roster(g, roster_entry::Column::ExpertId))),
            ),
            _ => None,
        }
    }
}

impl Guarded for expert_conflict::Entity {
    type Entity = Self;
    const KIND: RecordKind = RecordKind::ExpertConflict;

    fn reach(_: &Grant, _: i32) -> Option<Condition> {
        None
    }
}
