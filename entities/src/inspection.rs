//! Inspections: one team inspects one unit in one round.

use sea_orm::entity::prelude::*;

/// An inspection row.
#[derive(Clone, Debug, Default, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "inspections")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The round.
    pub round_id: i32,
    /// The inspection team.
    pub team_id: i32,
    /// The audited unit.
    pub unit_id: i32,
    /// Where the inspection stands.
    pub status: crate::InspectionStatus,
    /// What kind of inspection it is.
    pub kind: crate::InspectionKind,
    /// The theme of a special inspection (专项巡察); may describe any other kind.
    pub theme: Option<String>,
    /// A follow-up (回头看): the earlier inspection of the same unit it checks.
    pub follows_inspection_id: Option<i32>,
    /// An extended inspection (延伸巡察): the township's inspection it extends from.
    pub parent_inspection_id: Option<i32>,
    /// A joint inspection (联动巡察): the municipal inspection it is joined with.
    pub joint_with: Option<String>,
    /// The channels the team published on stationing: first day of the notice period.
    pub notice_from: Option<Date>,
    /// Last day of the notice period.
    pub notice_until: Option<Date>,
    /// The team's telephone for petitions.
    pub channel_telephone: Option<String>,
    /// The team's mailbox (postal or e-mail) for petitions.
    pub channel_mailbox: Option<String>,
    /// Where petitioners may come in person.
    pub channel_address: Option<String>,
    /// When the channels were published; null while unpublished.
    pub channels_published_at: Option<DateTimeUtc>,
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
