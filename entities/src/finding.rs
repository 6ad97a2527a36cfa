//! Findings (发现问题): what a team found at the unit it inspects.

use sea_orm::entity::prelude::*;

/// A finding row.
#[derive(Clone, Debug, Default, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "findings")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The inspection.
    pub inspection_id: i32,
    /// Category.
    pub category: crate::FindingCategory,
    /// What was found.
    pub description: String,
    /// What it rests on.
    pub evidence: String,
    /// Whether the unit's feedback carries it.
    pub include_in_feedback: bool,
    /// The petition it came from, if any.
    pub petition_id: Option<i32>,
    /// Who recorded it.
    pub created_by: i32,
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
