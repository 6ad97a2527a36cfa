//! Rectification tasks (整改任务): the unit's list, drawn from released recommendations.

use sea_orm::entity::prelude::*;

/// A task row.
#[derive(Clone, Debug, Default, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "rectification_tasks")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The inspection.
    pub inspection_id: i32,
    /// The recommendation it answers.
    pub recommendation_id: i32,
    /// What the unit must do.
    pub content: String,
    /// Who at the unit answers for it.
    pub responsible_person: String,
    /// The deadline.
    pub deadline: Date,
    /// To be fixed at once (立行立改).
    pub fix_at_once: bool,
    /// Where the task stands.
    pub status: crate::TaskStatus,
    /// How many times the office returned it.
    pub return_count: i32,
    /// Why the office last returned it.
    pub return_reason: Option<String>,
    /// When the office struck it off.
    pub closed_at: Option<DateTimeUtc>,
    /// The measures (from the unit's plan).
    pub measures: Option<String>,
    /// The leader who answers for it (from the unit's plan).
    pub responsible_leader: Option<String>,
    /// A long-term task (长期整改), open beyond the two-month report.
    pub long_term: bool,
    /// How many times a follow-up inspection reopened it.
    pub reopen_count: i32,
    /// Why it was last reopened.
    pub reopen_reason: Option<String>,
    /// When it was last reopened.
    pub reopened_at: Option<DateTimeUtc>,
    /// The follow-up inspection (回头看) that last reopened it.
    pub reopened_by_inspection_id: Option<i32>,
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
