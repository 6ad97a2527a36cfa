//! A unit's rectification reports: its report on the rectification (整改情况报告) and its principal
//! leader's (主要负责人组织落实情况报告), both due two months after the feedback; and the public
//! version (整改情况公开). All three are opened when the feedback is released.

use sea_orm::entity::prelude::*;

/// A report row.
#[derive(Clone, Debug, Default, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "rectification_reports")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The inspection whose feedback it answers.
    pub inspection_id: i32,
    /// Which report it is.
    pub kind: crate::RectificationReportKind,
    /// Where it stands.
    pub status: crate::RectificationReportStatus,
    /// The text (empty until the unit writes it).
    pub body: String,
    /// The last day to submit it; none for the public version.
    pub due_on: Option<Date>,
    /// When the unit last submitted it.
    pub submitted_at: Option<DateTimeUtc>,
    /// When the office last accepted, published or returned it.
    pub decided_at: Option<DateTimeUtc>,
    /// The office's comments.
    pub office_comment: Option<String>,
    /// When the public version was published.
    pub published_at: Option<DateTimeUtc>,
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
