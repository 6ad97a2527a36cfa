//! Users: people and the hashes of their passwords.

use sea_orm::entity::prelude::*;

/// A user row.
#[derive(Clone, Debug, Default, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Login name, unique.
    #[sea_orm(unique)]
    pub username: String,
    /// The name shown to others.
    pub display_name: String,
    /// Argon2id PHC string.
    pub password_hash: String,
    /// A disabled user cannot log in and their tokens stop working.
    pub disabled: bool,
    /// When the row was created.
    pub created_at: DateTimeUtc,
    /// When the row last changed.
    pub updated_at: DateTimeUtc,
    /// Incremented by every change.
    pub version: i32,
    /// The session generation every token carries: a token of an earlier generation no longer
    /// works. Moved on by a password change or reset, disabling, and revoking a role or a
    /// credential.
    pub session_generation: i64,
    /// A partner system's service account (a credential), not a person.
    pub is_service: bool,
}

/// Relations of this table.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The user's role assignments.
    #[sea_orm(has_many = "super::role_assignment::Entity")]
    RoleAssignment,
}

impl Related<super::role_assignment::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::RoleAssignment.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
