//! Feedback documents for the unit (反馈意见), one per inspection; the unit sees it once released.

use sea_orm::entity::prelude::*;

/// A feedback row.
#[derive(Clone, Debug, Default, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "feedbacks")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The inspection.
    #[sea_orm(unique)]
    pub inspection_id: i32,
    /// The text.
    pub body: String,
    /// When the office released it to the unit.
    pub released_at: Option<DateTimeUtc>,
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
