//! Evidence files attached to progress reports; the bytes live in `evidence_contents`, so that
//! listing files never reads them.

use sea_orm::entity::prelude::*;

/// An evidence file's description.
#[derive(Clone, Debug, Default, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "evidence_files")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The progress report it supports.
    pub progress_report_id: i32,
    /// The task of that report.
    pub task_id: i32,
    /// The name it was uploaded under.
    pub file_name: String,
    /// Its media type, from the allow-list.
    pub content_type: String,
    /// Its size in bytes.
    pub size: i64,
    /// SHA-256 of its bytes, lower-case hex.
    pub sha256: String,
    /// Who uploaded it.
    pub created_by: i32,
    /// When.
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
