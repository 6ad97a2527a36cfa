//! Team rosters: experts from the talent pool staffed on a team for one round.

use sea_orm::entity::prelude::*;

/// A roster entry row.
#[derive(Clone, Debug, Default, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "roster_entries")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The round.
    pub round_id: i32,
    /// The team.
    pub team_id: i32,
    /// The expert.
    pub expert_id: i32,
    /// Place on the team.
    pub position: crate::RosterPosition,
    /// When the expert was placed.
    pub created_at: DateTimeUtc,
}

/// Relations of this table.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
