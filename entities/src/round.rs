//! Inspection rounds (巡察轮次).

use sea_orm::entity::prelude::*;

/// A round row.
#[derive(Clone, Debug, Default, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "rounds")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Name, unique (e.g. 2015年第一轮巡察).
    #[sea_orm(unique)]
    pub name: String,
    /// First day.
    pub starts_on: Date,
    /// Last day.
    pub ends_on: Date,
    /// Where the round stands.
    pub status: crate::RoundStatus,
    /// The committee term (届) whose plan it carries out; null only for rounds made before terms
    /// were recorded.
    pub term_id: Option<i32>,
    /// The day it actually started (set when started); records of the round may be dated from it.
    pub started_on: Option<Date>,
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
