//! Who reaches service credentials: the office alone (by the policy); no other role reaches one.

use entities::user;
use sea_orm::{ColumnTrait, Condition};

use crate::gate::{Grant, Guarded, RecordKind};

/// Service credentials: the service accounts among the users.
pub struct ServiceCredentials;

impl Guarded for ServiceCredentials {
    type Entity = user::Entity;
    const KIND: RecordKind = RecordKind::ServiceCredential;

    fn reach(_: &Grant, _: i32) -> Option<Condition> {
        None
    }

    fn rows() -> Option<Condition> {
        Some(Condition::all().add(user::Column::IsService.eq(true)))
    }
}
