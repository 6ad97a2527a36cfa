//! Referrals (移交): an approved clue, or part of one, sent to the partner agency competent for it,
//! or a finding passed to the department responsible; and what the agency reports back.

use sea_orm::entity::prelude::*;

/// A referral row.
#[derive(Clone, Debug, Default, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "referrals")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The clue referred; null for a finding's referral.
    pub clue_id: Option<i32>,
    /// The finding passed on (a problem that is not a clue); null for a clue's referral.
    pub finding_id: Option<i32>,
    /// What kind of matter it is, which decides who may receive it.
    pub matter: crate::ReferralMatter,
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
