//! Circulations (党内通报): a round's rectification summary, circulated by the office to the
//! leaders of the units inspected in that round.

use sea_orm::entity::prelude::*;

/// A circulation row.
#[derive(Clone, Debug, Default, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "circulations")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The round.
    pub round_id: i32,
    /// The text.
    pub body: String,
    /// The account that circulated it.
    pub circulated_by: i32,
    /// When it was circulated.
    pub created_at: DateTimeUtc,
}

/// Relations of this table.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
