//! Which roster entries each assignment reaches: a team sees its own roster.

use entities::{Role, roster_entry};
use sea_orm::{ColumnTrait, Condition};

use crate::gate::{Grant, Guarded, RecordKind, scope::bounded};

impl Guarded for roster_entry::Entity {
    type Entity = Self;
    const KIND: RecordKind = RecordKind::RosterEntry;

    fn reach(g: &Grant, _: i32) -> Option<Condition> {
        match g.role {
            Role::TeamLeader | Role::TeamMember => Some(bounded(
                Condition::all().add(roster_entry::Column::TeamId.eq(g.organization_id)),
                g,
                roster_entry::Column::RoundId,
            )),
            _ => None,
        }
    }
}
