//! A round's comprehensive report (综合报告) from the office to the district committee.

use sea_orm::entity::prelude::*;

/// A round report row: one per round.
#[derive(Clone, Debug, Default, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "round_reports")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The round.
    #[sea_orm(unique)]
    pub round_id: i32,
    /// The text.
    pub body: String,
    /// Where it stands.
    pub status: crate::RoundReportStatus,
    /// When it was last submitted.
    pub submitted_at: Option<DateTimeUtc>,
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
