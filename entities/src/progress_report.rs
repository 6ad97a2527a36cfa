//! Progress reports (整改进展) the unit files on a task, with their evidence.

use sea_orm::entity::prelude::*;

/// A progress report row.
#[derive(Clone, Debug, Default, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "progress_reports")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The task.
    pub task_id: i32,
    /// What was done, and the evidence.
    pub content: String,
    /// Who filed it.
    pub created_by: i32,
    /// When.
    pub created_at: DateTimeUtc,
    /// Its version, for concurrent corrections.
    pub version: i32,
    /// When it was withdrawn (entered by mistake); withdrawn rows leave every list and count.
    pub withdrawn_at: Option<DateTimeUtc>,
    /// Who withdrew it.
    pub withdrawn_by: Option<i32>,
    /// Why.
    pub withdrawal_reason: Option<String>,
}

/// Relations of this table.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
