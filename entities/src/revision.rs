//! Revisions (修订记录): every correction and withdrawal of a record, with who, when, why and the
//! fields before and after. Append-only.

use sea_orm::entity::prelude::*;

/// A revision row.
#[derive(Clone, Debug, Default, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "revisions")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The kind of the record (its `RecordKind` name).
    pub object_kind: String,
    /// The record's id.
    pub object_id: i32,
    /// The record's version after the change.
    pub version: i32,
    /// `AMENDED` or `WITHDRAWN`.
    pub change: String,
    /// Why.
    pub reason: String,
    /// The fields changed: a JSON array of `{field, before, after}`.
    pub fields: String,
    /// Who.
    pub user_id: i32,
    /// When.
    pub created_at: DateTimeUtc,
}

/// Relations of this table.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
