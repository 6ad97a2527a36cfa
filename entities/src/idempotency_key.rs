//! Idempotency keys: a repeated push does its work once and answers the same.

use sea_orm::entity::prelude::*;

/// An idempotency key row.
#[derive(Clone, Debug, Default, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "idempotency_keys")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Who sent it.
    pub user_id: i32,
    /// The client's key.
    pub key: String,
    /// The operation and its input, as first sent.
    pub request: String,
    /// The answer given, as JSON.
    pub response: String,
    /// When it was first sent.
    pub created_at: DateTimeUtc,
}

/// Relations of this table.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
