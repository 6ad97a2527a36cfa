//! Inspections: one team inspects one unit in one round.

use sea_orm::entity::prelude::*;

/// An inspection row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "inspections")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The round.
    pub round_id: i32,
    /// The inspection team.
    pub team_id: i32,
    /// The audited unit.
    pub unit_id: i32,
    /// Where the inspection stands.
    pub status: crate::InspectionStatus,
    /// When the row was created.
    pub created_at: DateTimeUtc,
    /// When the row last changed.
    pub updated_at: DateTimeUtc,
    /// Incremented by every change.
    pub version: i32,
}

/// Relations of this table.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
