//! Accountability records (问责): what was decided about a person or a unit on an inspection's
//! results.

use sea_orm::entity::prelude::*;

/// An accountability record row.
#[derive(Clone, Debug, Default, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "accountability_records")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The inspection whose results led to it.
    pub inspection_id: i32,
    /// The unit concerned (the inspection's unit).
    pub unit_id: i32,
    /// A person or the unit.
    pub target: crate::AccountabilityTarget,
    /// The person's name, when a person is held to account.
    pub person_name: Option<String>,
    /// The person's rank, when a person is held to account.
    pub person_rank: Option<crate::PersonRank>,
    /// What was decided.
    pub decision: String,
    /// The day it was decided.
    pub decided_on: Date,
    /// Entered into the person's file (记入个人档案).
    pub in_personal_file: bool,
    /// Counted in the unit's annual assessment (纳入年度考核).
    pub in_annual_assessment: bool,
    /// The annual assessment is vetoed (一票否决).
    pub assessment_veto: bool,
    /// Who recorded it.
    pub created_by: i32,
    /// When the row was created.
    pub created_at: DateTimeUtc,
    /// Its version, for concurrent corrections.
    pub version: i32,
    /// When it was withdrawn (entered by mistake); withdrawn rows leave every list and count.
    pub withdrawn_at: Option<DateTimeUtc>,
    /// Who withdrew it.
    pub withdrawn_by: Option<i32>,
    /// Why.
    pub withdrawal_reason: Option<String>,
}

/// Relations of this table.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
