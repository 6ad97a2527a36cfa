//! Organisations: the leadership group, the office, teams, partner agencies, audited units.

use sea_orm::entity::prelude::*;

/// An organisation row.
#[derive(Clone, Debug, Default, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "organizations")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// What kind of body this is.
    pub kind: crate::OrganizationKind,
    /// Its name, unique across organisations.
    #[sea_orm(unique)]
    pub name: String,
    /// Set for audited units only.
    pub unit_category: Option<crate::UnitCategory>,
    /// For a village or community (村、社区): the township or street it belongs to.
    pub parent_id: Option<i32>,
    /// For a partner agency: what it may decide.
    pub competence: Option<crate::AgencyCompetence>,
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
