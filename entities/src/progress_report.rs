//! Progress reports (整改进展) the unit files on a task, with their evidence.

use sea_orm::entity::prelude::*;

/// A progress report row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
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
}

/// Relations of this table.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
