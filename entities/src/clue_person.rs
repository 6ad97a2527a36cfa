//! Persons named in a clue, with their rank.

use sea_orm::entity::prelude::*;

/// A named person row.
#[derive(Clone, Debug, Default, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "clue_persons")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The clue.
    pub clue_id: i32,
    /// Full name.
    pub name: String,
    /// Rank (e.g. division-level).
    pub rank: crate::PersonRank,
    /// Post held.
    pub position: String,
}

/// Relations of this table.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The clue.
    #[sea_orm(belongs_to = "super::clue::Entity", from = "Column::ClueId", to = "super::clue::Column::Id")]
    Clue,
}

impl Related<super::clue::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Clue.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
