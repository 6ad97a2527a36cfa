//! Hearings (听取汇报): the leadership group hears a team's report on an inspection, or the
//! office's comprehensive report on a round, and records its opinion.

use sea_orm::entity::prelude::*;

/// A hearing row; exactly one of `inspection_id` and `round_report_id` is set.
#[derive(Clone, Debug, Default, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "hearings")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The inspection whose report was heard.
    pub inspection_id: Option<i32>,
    /// The round report heard.
    pub round_report_id: Option<i32>,
    /// The day of the hearing.
    pub heard_on: Date,
    /// The leadership group's opinion.
    pub opinion: String,
    /// The handling it proposes to the district committee.
    pub proposed_handling: String,
    /// Accepted, or returned for revision.
    pub outcome: crate::HearingOutcome,
    /// Who recorded it.
    pub recorded_by: i32,
    /// When the row was created.
    pub created_at: DateTimeUtc,
}

/// Relations of this table.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
