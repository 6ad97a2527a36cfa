//! Evidence files in the schema: their descriptions; the bytes go over `GET /evidence/{id}`.

use async_graphql::{ComplexObject, Context, ID, SimpleObject};
use entities::{RecordKind, evidence_file};

use crate::{
    error::ApiResult,
    graphql::{id, loader::required, scalars::DateTime},
    progress_reports::graphql::ProgressReport,
};

/// A file of evidence (佐证材料) attached to a progress report. Upload with
/// `POST /evidence?progressReportId=…&fileName=…` (the body is the file, `Content-Type` its type);
/// download from `downloadPath` with the same bearer token.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct EvidenceFile {
    /// Global id.
    pub id: ID,
    /// The name it was uploaded under.
    pub file_name: String,
    /// Its media type.
    pub content_type: String,
    /// Its size in bytes.
    pub size: i64,
    /// SHA-256 of its bytes, lower-case hex.
    pub sha256: String,
    /// Where to download it: `GET` this path with the bearer token.
    pub download_path: String,
    /// When it was uploaded.
    pub created_at: DateTime,
    #[graphql(skip)]
    progress_report_id: i32,
}

impl crate::graphql::Object for EvidenceFile {
    type Guard = evidence_file::Entity;
}

impl From<evidence_file::Model> for EvidenceFile {
    fn from(m: evidence_file::Model) -> Self {
        let id = id::encode(RecordKind::EvidenceFile, m.id);
        EvidenceFile {
            download_path: format!("/evidence/{}", id.as_str()),
            id,
            file_name: m.file_name,
            content_type: m.content_type,
            size: m.size,
            sha256: m.sha256,
            created_at: m.created_at.into(),
            progress_report_id: m.progress_report_id,
        }
    }
}

#[ComplexObject]
impl EvidenceFile {
    /// The progress report it supports.
    async fn progress_report(&self, ctx: &Context<'_>) -> ApiResult<ProgressReport> {
        required(ctx, self.progress_report_id).await
    }
}
