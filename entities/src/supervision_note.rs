//! Supervision notes (督办): what a supervising agency writes on a unit's rectification or on one
//! of its tasks, for the unit and the office to read.

use sea_orm::entity::prelude::*;

/// A note row.
#[derive(Clone, Debug, Default, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "supervision_notes")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The inspection whose rectification it is on.
    pub inspection_id: i32,
    /// The task it is on, if on one.
    pub task_id: Option<i32>,
    /// The agency that wrote it.
    pub agency_id: i32,
    /// The agency's name as it signed the note.
    pub signed_by: String,
    /// The text.
    pub body: String,
    /// The account that wrote it.
    pub created_by: i32,
    /// When it was written.
    pub created_at: DateTimeUtc,
}

/// Relations of this table.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
