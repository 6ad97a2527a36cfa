//! Clues (问题线索): confidential leads about named persons.

use sea_orm::entity::prelude::*;

/// A clue row.
#[derive(Clone, Debug, Default, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "clues")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The inspection.
    pub inspection_id: i32,
    /// Where the clue stands.
    pub status: crate::ClueStatus,
    /// The alleged violation.
    pub alleged_violation: String,
    /// The evidence.
    pub evidence: String,
    /// How it came to the team.
    pub source: crate::ClueSource,
    /// The petition it came from, if any.
    pub petition_id: Option<i32>,
    /// Why the leadership group rejected it.
    pub rejection_reason: Option<String>,
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
pub enum Relation {
    /// The persons named.
    #[sea_orm(has_many = "super::clue_person::Entity")]
    Persons,
}

impl Related<super::clue_person::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Persons.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
