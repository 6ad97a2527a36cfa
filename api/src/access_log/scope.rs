//! Who reaches the access log: the office and the leadership group (by the policy); no other
//! role reaches an entry.

use entities::access_log;
use sea_orm::Condition;

use crate::gate::{Grant, Guarded, RecordKind};

impl Guarded for access_log::Entity {
    type Entity = Self;
    const KIND: RecordKind = RecordKind::AccessLogEntry;

    fn reach(_: &Grant, _: i32) -> Option<Condition> {
        None
    }
}
