//! Decisions of the district committee's secretary meeting (书记专题会) on a heard report.

use sea_orm::entity::prelude::*;

/// A decision row; exactly one of `inspection_id` and `round_report_id` is set, and each subject
/// has at most one decision.
#[derive(Clone, Debug, Default, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "decisions")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The inspection decided on.
    #[sea_orm(unique)]
    pub inspection_id: Option<i32>,
    /// The round report decided on.
    #[sea_orm(unique)]
    pub round_report_id: Option<i32>,
    /// The day of the meeting.
    pub decided_on: Date,
    /// What was decided.
    pub text: String,
    /// Who recorded it.
    pub recorded_by: i32,
    /// When the row was created.
    pub created_at: DateTimeUtc,
}

/// Relations of this table.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
