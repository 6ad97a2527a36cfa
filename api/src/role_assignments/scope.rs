//! Which role assignments each assignment reaches: everyone sees their own.

use entities::role_assignment;
use sea_orm::{ColumnTrait, Condition};

use crate::gate::{Grant, Guarded, RecordKind};

impl Guarded for role_assignment::Entity {
    type Entity = Self;
    const KIND: RecordKind = RecordKind::RoleAssignment;

    fn reach(_: &Grant, user_id: i32) -> Option<Condition> {
        Some(Condition::all().add(role_assignment::Column::UserId.eq(user_id)))
    }
}
