//! The talent pool (人才库): experts who can be placed on inspection teams.

use sea_orm::entity::prelude::*;

/// An expert row.
#[derive(Clone, Debug, Default, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "experts")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Full name.
    pub name: String,
    /// Field of expertise.
    pub specialty: crate::Specialty,
    /// Year of birth.
    pub birth_year: i32,
    /// Years of relevant working experience.
    pub experience_years: i32,
    /// Where the expert works now.
    pub employer: String,
    /// The user account of this expert, if they log in (a team member): the recusal rules then
    /// follow the account.
    #[sea_orm(unique)]
    pub user_id: Option<i32>,
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
