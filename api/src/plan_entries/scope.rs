//! Which plan entries each assignment reaches: none but the office's and the leadership group's.

use entities::plan_entry;
use sea_orm::Condition;

use crate::gate::{Grant, Guarded, RecordKind};

impl Guarded for plan_entry::Entity {
    type Entity = Self;
    const KIND: RecordKind = RecordKind::PlanEntry;

    fn reach(_: &Grant, _: i32) -> Option<Condition> {
        None
    }
}
