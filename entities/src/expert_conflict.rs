//! Conflicts of interest: units an expert has worked in or declared a conflict with (回避).

use sea_orm::entity::prelude::*;

/// A conflict row.
#[derive(Clone, Debug, Default, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "expert_conflicts")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The expert.
    pub expert_id: i32,
    /// The audited unit.
    pub unit_id: i32,
    /// Why.
    pub kind: crate::ConflictKind,
    /// When it was recorded.
    pub created_at: DateTimeUtc,
}

/// Relations of this table.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
