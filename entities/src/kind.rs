//! How the one list of record kinds (in `lib.rs`) becomes [`RecordKind`](crate::RecordKind), and
//! the actions taken on them.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};
use strum::IntoStaticStr;

/// Declares `RecordKind` from the list: each entry is a one-line doc, then either `object Kind`
/// (an object of the API, with a global id and a type named as the variant) or `part Kind of
/// Object` (a part of an object that is read or written apart, such as a petition's reporter).
macro_rules! record_kinds {
    ($( #[doc = $doc:literal] $class:ident $kind:ident $(of $owner:ident)?, )*) => {
        /// A kind of record. The policy (`policies/policy.csv`) and the access log name each by
        /// its variant in `snake_case` (`rectification_task`); the API names the kinds that are
        /// objects by the variant itself (`RectificationTask`), in their type and in their ids.
        #[derive(
            Debug,
            Clone,
            Copy,
            PartialEq,
            Eq,
            Hash,
            sea_orm::EnumIter,
            sea_orm::DeriveActiveEnum,
            strum::IntoStaticStr,
            serde::Serialize,
            serde::Deserialize,
        )]
        #[sea_orm(rs_type = "String", db_type = "String(StringLen::N(48))", rename_all = "snake_case")]
        #[strum(serialize_all = "snake_case")]
        pub enum RecordKind {
            $( #[doc = $doc] $kind, )*
        }

        impl Default for RecordKind {
            /// The first kind: a blank (see the crate's doc), not a kind a row is given.
            fn default() -> RecordKind {
                RecordKind::ALL[0]
            }
        }

        impl RecordKind {
            /// Every kind, in the order of the list.
            pub const ALL: &'static [RecordKind] = &[$(RecordKind::$kind),*];

            /// The kind as the policy and the access log name it (`rectification_task`).
            pub fn name(self) -> &'static str {
                self.into()
            }

            /// The name of the API type of an object of this kind (`RectificationTask`).
            pub fn type_name(self) -> &'static str {
                match self { $(RecordKind::$kind => stringify!($kind),)* }
            }

            /// What the kind is, in a line.
            pub fn description(self) -> &'static str {
                match self { $(RecordKind::$kind => $doc.trim(),)* }
            }

            /// Whether records of this kind are objects of the API (with a global id).
            pub fn is_object(self) -> bool {
                match self { $(RecordKind::$kind => record_kinds!(@object $class),)* }
            }

            /// The kind of object a record of this kind is, or is a part of.
            pub fn object(self) -> RecordKind {
                match self { $(RecordKind::$kind => record_kinds!(@owner $kind $($owner)?),)* }
            }

            /// The kind whose objects have this API type name.
            pub fn of_type_name(name: &str) -> Option<RecordKind> {
                RecordKind::ALL.iter().copied().find(|k| k.is_object() && k.type_name() == name)
            }
        }
    };
    (@object object) => { true };
    (@object part) => { false };
    (@owner $kind:ident) => { RecordKind::$kind };
    (@owner $kind:ident $owner:ident) => { RecordKind::$owner };
}

/// What a caller does to a record, as the policy and the access log name it (`snake_case`).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, EnumIter, DeriveActiveEnum, IntoStaticStr, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))", rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Action {
    /// Logged in (the access log only).
    #[default]
    Login,
    /// Saw rows.
    Read,
    /// Made a row.
    Create,
    /// Changed a row's fields.
    Update,
    /// Removed a row.
    Delete,
    /// Approved (rounds).
    Approve,
    /// Started (rounds).
    Start,
    /// Closed (rounds, inspections, rectification tasks).
    Close,
    /// Disabled (users).
    Disable,
    /// Enabled (users).
    Enable,
    /// Submitted (clues to the leadership group, reports, rectification tasks).
    Submit,
    /// Rejected (clues).
    Reject,
    /// Stationed a team at a unit (inspections).
    Station,
    /// Released to the unit (feedback).
    Release,
    /// Began rectification (inspections).
    Rectify,
    /// Referred (clues to an agency).
    Refer,
    /// Withdrew (referrals).
    Withdraw,
    /// Acknowledged receipt (referrals).
    Acknowledge,
    /// Reported an outcome (referrals: disposal method, case filed, dispositions).
    Report,
    /// Concluded (referrals).
    Conclude,
    /// Revoked (service credentials).
    Revoke,
    /// Returned for another round of work (rectification tasks).
    Return,
    /// Published (a team's channels for petitions).
    Publish,
    /// Accepted within the inspection (petitions).
    Accept,
    /// Passed on to the body responsible (petitions).
    PassOn,
    /// Recorded the answer of the body responsible (petitions).
    Answer,
    /// Reopened (a shelved referral; a closed rectification task, by a follow-up inspection).
    Reopen,
    /// Evaluated (a unit's rectification, 整改评估).
    Evaluate,
}

impl Action {
    /// The action as the policy and the access log name it.
    pub fn name(self) -> &'static str {
        self.into()
    }
}
