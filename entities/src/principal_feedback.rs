//! The feedback given separately to the unit's principal leader (向主要负责人单独反馈), one per
//! inspection; of the unit, only its principal leader reads it once released.

use sea_orm::entity::prelude::*;

/// A principal-leader feedback row.
#[derive(Clone, Debug, Default, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "principal_feedbacks")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The inspection.
    #[sea_orm(unique)]
    pub inspection_id: i32,
    /// The text.
    pub body: String,
    /// When the office released it.
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
