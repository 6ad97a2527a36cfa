//! Referrals (移交): an approved clue sent to one partner agency, and what the agency reports back.

use sea_orm::entity::prelude::*;

/// A referral row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "referrals")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The clue referred.
    pub clue_id: i32,
    /// The partner agency.
    pub agency_id: i32,
    /// Where the referral stands.
    pub status: crate::ReferralStatus,
    /// The reply deadline.
    pub deadline: Date,
    /// What the referral carries of the clue: the alleged violation, as sent.
    pub alleged_violation: String,
    /// What the referral carries of the clue: the evidence, as sent.
    pub evidence: String,
    /// What the referral carries of the clue: the persons named, as sent (JSON list).
    pub persons: String,
    /// The agency's disposal method, once chosen.
    pub disposal_method: Option<crate::DisposalMethod>,
    /// When the agency reported a case filed (立案), if it did.
    pub case_filed_on: Option<Date>,
    /// The agency's conclusion, once concluded.
    pub conclusion: Option<String>,
    /// When the agency acknowledged it.
    pub acknowledged_at: Option<DateTimeUtc>,
    /// When the agency concluded it.
    pub concluded_at: Option<DateTimeUtc>,
    /// Position in the stream of changes that partner systems pull; bumped by every change.
    pub change_seq: i64,
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
