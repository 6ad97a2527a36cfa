//! The versions of a rectification plan: each submission as the unit made it, and the office's
//! answer to it.

use sea_orm::entity::prelude::*;

/// A submitted version.
#[derive(Clone, Debug, Default, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "rectification_plan_versions")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The plan.
    pub plan_id: i32,
    /// The plan's inspection (the scope's column).
    pub inspection_id: i32,
    /// 1 for the first submission, and so on.
    pub number: i32,
    /// The summary as submitted.
    pub summary: String,
    /// The lines as submitted: a JSON array of plan lines.
    pub items: String,
    /// When it was submitted.
    pub submitted_at: DateTimeUtc,
    /// Who submitted it.
    pub submitted_by: i32,
    /// The office's answer: `APPROVED` or `RETURNED`; null while pending.
    pub outcome: Option<crate::PlanStatus>,
    /// The office's comments.
    pub comment: Option<String>,
    /// When the office answered.
    pub decided_at: Option<DateTimeUtc>,
}

/// Relations of this table.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
