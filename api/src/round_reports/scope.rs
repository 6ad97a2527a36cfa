//! Which round reports each assignment reaches: none but the office's and the leadership group's.

use entities::round_report;
use sea_orm::Condition;

use crate::gate::{Grant, Guarded, RecordKind};

impl Guarded for round_report::Entity {
    type Entity = Self;
    const KIND: RecordKind = RecordKind::RoundReport;

    fn reach(_: &Grant, _: i32) -> Option<Condition> {
        None
    }
}
