//! Which findings a recommendation answers.

use sea_orm::entity::prelude::*;

/// A link row.
#[derive(Clone, Debug, Default, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "recommendation_findings")]
pub struct Model {
    /// The recommendation.
    #[sea_orm(primary_key, auto_increment = false)]
    pub recommendation_id: i32,
    /// The finding.
    #[sea_orm(primary_key, auto_increment = false)]
    pub finding_id: i32,
}

/// Relations of this table.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
