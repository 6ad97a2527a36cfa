//! Counters of change streams: each change takes the next number, in commit order.

use sea_orm::entity::prelude::*;

/// A counter row.
#[derive(Clone, Debug, Default, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "change_counters")]
pub struct Model {
    /// The stream's name.
    #[sea_orm(primary_key, auto_increment = false)]
    pub name: String,
    /// The last number taken.
    pub value: i64,
}

/// Relations of this table.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
