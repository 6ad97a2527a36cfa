//! Which terms each assignment reaches: every term, for every role that reads rounds (a term is
//! its name and dates); an agency none.

use entities::{Role, term};
use sea_orm::Condition;

use crate::gate::{Grant, Guarded, RecordKind};

impl Guarded for term::Entity {
    type Entity = Self;
    const KIND: RecordKind = RecordKind::Term;

    fn reach(g: &Grant, _: i32) -> Option<Condition> {
        match g.role {
            Role::TeamLeader | Role::TeamMember | Role::UnitLeader => Some(Condition::all()),
            _ => None,
        }
    }
}
