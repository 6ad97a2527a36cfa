//! Petitions (信访): what the public reports to a team; the reporter's identity is confidential.

use sea_orm::entity::prelude::*;

/// A petition row.
#[derive(Clone, Debug, Default, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "petitions")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The inspection that received it.
    pub inspection_id: i32,
    /// The unit it concerns.
    pub unit_id: i32,
    /// What was reported.
    pub content: String,
    /// The reporter's name (confidential).
    pub reporter_name: Option<String>,
    /// How to reach the reporter (confidential).
    pub reporter_contact: Option<String>,
    /// When it was received.
    pub received_on: Date,
    /// Where it stands.
    pub status: crate::PetitionStatus,
    /// The body it was passed on to (转办): a unit or a partner agency.
    pub passed_to_id: Option<i32>,
    /// When it was passed on.
    pub passed_on: Option<Date>,
    /// What the team asked of the body it was passed to, or why it accepted it.
    pub handling_note: Option<String>,
    /// The answer of the body it was passed to.
    pub answer: Option<String>,
    /// When that answer came.
    pub answered_on: Option<Date>,
    /// How it ended (办结情况).
    pub outcome: Option<String>,
    /// When it was closed.
    pub closed_on: Option<Date>,
    /// Who recorded it.
    pub created_by: i32,
    /// When the row was created.
    pub created_at: DateTimeUtc,
    /// When the row last changed.
    pub updated_at: DateTimeUtc,
    /// Incremented by every change.
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
