//! The access log: every mutation and every read of confidential data. Append-only.

use sea_orm::entity::prelude::*;

/// An access log entry.
#[derive(Clone, Debug, Default, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "access_log")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// When.
    pub at: DateTimeUtc,
    /// Who.
    pub user_id: i32,
    /// The roles under which they acted, comma-separated.
    pub roles: String,
    /// What they did.
    pub action: crate::Action,
    /// The kind of record.
    pub object_type: crate::RecordKind,
    /// The object's row id.
    pub object_id: i32,
    /// The request's correlation id.
    pub correlation_id: String,
}

/// Relations of this table.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
