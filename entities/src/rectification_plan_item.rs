//! The lines of a rectification plan: each a problem (问题清单), the task and its measures
//! (任务清单), and who answers for it by when (责任清单).

use sea_orm::entity::prelude::*;

/// A plan line.
#[derive(Clone, Debug, Default, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "rectification_plan_items")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The plan.
    pub plan_id: i32,
    /// The plan's inspection (the scope's column).
    pub inspection_id: i32,
    /// The finding of the feedback it answers, if any.
    pub finding_id: Option<i32>,
    /// The recommendation of the feedback it answers.
    pub recommendation_id: i32,
    /// The problem, as the unit states it.
    pub problem: String,
    /// The task: what the unit will do.
    pub content: String,
    /// The measures.
    pub measures: String,
    /// The leader who answers for it (责任领导).
    pub responsible_leader: String,
    /// The person who carries it out (责任人).
    pub responsible_person: String,
    /// Its deadline.
    pub deadline: Date,
    /// A long-term task (长期整改), open beyond the two-month report.
    pub long_term: bool,
    /// The task it became when the plan was approved.
    pub task_id: Option<i32>,
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
