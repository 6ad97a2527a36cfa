//! Rectification plans (整改方案): the unit's own plan for its rectification, one per inspection,
//! opened when the feedback is released, drafted by the unit and approved by the office; it
//! carries the office's evaluation (整改评估) once the rectification is done.

use sea_orm::entity::prelude::*;

/// A plan row.
#[derive(Clone, Debug, Default, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "rectification_plans")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The inspection whose feedback it answers.
    #[sea_orm(unique)]
    pub inspection_id: i32,
    /// Where it stands.
    pub status: crate::PlanStatus,
    /// The plan's preamble: aims, organisation, timetable.
    pub summary: String,
    /// The last day to submit it (the feedback's day plus the configured period).
    pub due_on: Date,
    /// When the unit last submitted it.
    pub submitted_at: Option<DateTimeUtc>,
    /// When the office approved it.
    pub approved_at: Option<DateTimeUtc>,
    /// The office's comments when it last returned or approved it.
    pub office_comment: Option<String>,
    /// How many times the unit submitted it.
    pub submission_count: i32,
    /// The office's grade of the rectification, once evaluated.
    pub grade: Option<crate::RectificationGrade>,
    /// The reasons for the grade.
    pub evaluation_reasons: Option<String>,
    /// When the office evaluated it.
    pub evaluated_at: Option<DateTimeUtc>,
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
