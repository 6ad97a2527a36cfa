//! Evidence files in the schema: their descriptions; the bytes go over `GET /evidence/{id}`.

use async_graphql::{ComplexObject, Context, ID, InputObject, Object, SimpleObject};
use entities::{RecordKind, evidence_file};

use super::service;
use crate::{
    error::ApiResult,
    graphql::{context::request, id, loader::required, scalars::DateTime},
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
    /// Its version: pass it when correcting or withdrawing it (`CONFLICT` if it moved on).
    pub version: i32,
    /// When it was withdrawn as entered by mistake; null while in force. A withdrawn one has left
    /// every list and count; the office and the leadership group still read it by id.
    pub withdrawn_at: Option<DateTime>,
    /// Why it was withdrawn.
    pub withdrawal_reason: Option<String>,
    #[graphql(skip)]
    progress_report_id: i32,
    #[graphql(skip)]
    row_id: i32,
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
            version: m.version,
            withdrawn_at: m.withdrawn_at.map(Into::into),
            withdrawal_reason: m.withdrawal_reason,
            progress_report_id: m.progress_report_id,
            row_id: m.id,
        }
    }
}

#[ComplexObject]
impl EvidenceFile {
    /// The progress report it supports.
    async fn progress_report(&self, ctx: &Context<'_>) -> ApiResult<ProgressReport> {
        required(ctx, self.progress_report_id).await
    }
    /// Its withdrawal, if any: who, when and why.
    async fn history(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Rows wanted, 0 to 100 (default 20; 0 to count only).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last row already seen.")] after: Option<String>,
    ) -> ApiResult<crate::revisions::graphql::RevisionConnection> {
        crate::revisions::graphql::history(ctx, RecordKind::EvidenceFile, self.row_id, first, after).await
    }
}

/// Input of `withdrawEvidenceFile`.
#[derive(InputObject)]
pub struct WithdrawEvidenceFileInput {
    /// The file.
    pub id: ID,
    /// Why it is withdrawn (required, at most 500 characters).
    pub reason: String,
    /// The version read; `CONFLICT` if it moved on.
    pub version: Option<i32>,
}

/// Result of `withdrawEvidenceFile`.
#[derive(SimpleObject)]
pub struct WithdrawEvidenceFilePayload {
    /// The file, withdrawn.
    pub evidence_file: EvidenceFile,
}

/// Evidence file mutations (uploads go over `POST /evidence`).
#[derive(Default)]
pub struct EvidenceFileMutation;

#[Object]
impl EvidenceFileMutation {
    /// Withdraws an evidence file uploaded by mistake (the unit, while its task is in progress):
    /// the unit no longer lists or downloads it; the office and the leadership group still can.
    async fn withdraw_evidence_file(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: WithdrawEvidenceFileInput,
    ) -> ApiResult<WithdrawEvidenceFilePayload> {
        let rc = request(ctx)?;
        let id = id::decode_as("id", &input.id, RecordKind::EvidenceFile)?;
        let f = service::withdraw(&rc.db, &rc.access, id, &input.reason, input.version).await?;
        Ok(WithdrawEvidenceFilePayload { evidence_file: f.into() })
    }
}
