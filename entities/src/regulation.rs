//! Regulations (制度) a unit builds or revises to close a loophole found by an inspection.

use sea_orm::entity::prelude::*;

/// A regulation row.
#[derive(Clone, Debug, Default, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "regulations")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The inspection whose findings it answers.
    pub inspection_id: i32,
    /// The rectification task it answers, if any.
    pub task_id: Option<i32>,
    /// The finding it answers, if any.
    pub finding_id: Option<i32>,
    /// Its title.
    pub title: String,
    /// Its field.
    pub category: crate::RegulationCategory,
    /// Newly built (true) or revised (false).
    pub is_new: bool,
    /// When it took effect.
    pub effective_on: Date,
    /// Who recorded it.
    pub created_by: i32,
    /// When the row was created.
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
