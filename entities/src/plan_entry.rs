//! The term's plan (巡察工作规划): which unit is to be inspected in which year of the term.

use sea_orm::entity::prelude::*;

/// A plan entry row: one unit, once per term.
#[derive(Clone, Debug, Default, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "plan_entries")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The term.
    pub term_id: i32,
    /// The unit planned.
    pub unit_id: i32,
    /// The year it is planned for, within the term.
    pub year: i32,
    /// When the row was created.
    pub created_at: DateTimeUtc,
}

/// Relations of this table.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
