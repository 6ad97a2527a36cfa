//! Dispositions (处理): the measure an agency decided for a person named in a referral.

use sea_orm::entity::prelude::*;

/// A disposition row.
#[derive(Clone, Debug, Default, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "dispositions")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The referral.
    pub referral_id: i32,
    /// The person.
    pub person_name: String,
    /// Their rank.
    pub rank: crate::PersonRank,
    /// The measure.
    pub measure: crate::Measure,
    /// What it says, in words (a court's judgment, the terms of a measure).
    pub note: Option<String>,
    /// When it was decided.
    pub decided_on: Date,
    /// When it was recorded.
    pub created_at: DateTimeUtc,
}

/// Relations of this table.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
