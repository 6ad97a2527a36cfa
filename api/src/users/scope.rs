//! Which users each assignment reaches: everyone sees themselves.

use entities::user;
use sea_orm::{ColumnTrait, Condition};

use crate::gate::{Grant, Guarded, RecordKind};

impl Guarded for user::Entity {
    type Entity = Self;
    const KIND: RecordKind = RecordKind::User;

    fn reach(_: &Grant, user_id: i32) -> Option<Condition> {
        Some(Condition::all().add(user::Column::Id.eq(user_id)))
    }
}
