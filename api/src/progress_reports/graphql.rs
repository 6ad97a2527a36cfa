//! Progress reports in the schema.

use async_graphql::{ComplexObject, Context, ID, InputObject, Object, SimpleObject};
use entities::{RecordKind, evidence_file, progress_report};

use super::service;
use crate::{
    error::ApiResult,
    evidence_files::graphql::EvidenceFile,
    graphql::{
        Object as ApiObject,
        context::request,
        id,
        loader::{children, required},
        scalars::DateTime,
    },
    rectification_tasks::graphql::RectificationTask,
};

/// A progress report (整改进展) the unit filed on a task.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct ProgressReport {
    /// Global id.
    pub id: ID,
    /// What was done, and the evidence.
    pub content: String,
    /// When it was filed.
    pub created_at: DateTime,
    /// Its version: pass it when correcting or withdrawing it (`CONFLICT` if it moved on).
    pub version: i32,
    /// When it was withdrawn as entered by mistake; null while in force. A withdrawn one has left
    /// every list and count; the office and the leadership group still read it by id.
    pub withdrawn_at: Option<DateTime>,
    /// Why it was withdrawn.
    pub withdrawal_reason: Option<String>,
    #[graphql(skip)]
    row_id: i32,
    #[graphql(skip)]
    task_id: i32,
}

impl From<progress_report::Model> for ProgressReport {
    fn from(m: progress_report::Model) -> Self {
        ProgressReport {
            id: id::encode(RecordKind::ProgressReport, m.id),
            content: m.content,
            created_at: m.created_at.into(),
            version: m.version,
            withdrawn_at: m.withdrawn_at.map(Into::into),
            withdrawal_reason: m.withdrawal_reason,
            row_id: m.id,
            task_id: m.task_id,
        }
    }
}

impl ApiObject for ProgressReport {
    type Guard = progress_report::Entity;

    fn reads(field: &str) -> Option<&'static [progress_report::Column]> {
        use progress_report::Column as C;
        Some(match field {
            "id" | "history" | "evidence" => &[],
            "content" => &[C::Content],
            "createdAt" => &[C::CreatedAt],
            "version" => &[C::Version],
            "withdrawnAt" => &[C::WithdrawnAt],
            "withdrawalReason" => &[C::WithdrawalReason],
            "task" => &[C::TaskId],
            _ => return None,
        })
    }
}

#[ComplexObject]
impl ProgressReport {
    /// Its corrections and withdrawal, oldest first: who, when, why, and the fields before and
    /// after.
    async fn history(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Rows wanted, 0 to 100 (default 20; 0 to count only).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last row already seen.")] after: Option<String>,
    ) -> ApiResult<crate::revisions::graphql::RevisionConnection> {
        crate::revisions::graphql::history(ctx, RecordKind::ProgressReport, self.row_id, first, after).await
    }
    /// The task it reports on.
    async fn task(&self, ctx: &Context<'_>) -> ApiResult<RectificationTask> {
        required(ctx, self.task_id).await
    }
    /// The evidence files attached to it, oldest first.
    async fn evidence(&self, ctx: &Context<'_>) -> ApiResult<Vec<EvidenceFile>> {
        children(ctx, evidence_file::Column::ProgressReportId, self.row_id).await
    }
}

/// Input of `reportRectificationProgress`.
#[derive(InputObject)]
pub struct ReportRectificationProgressInput {
    /// The task (`IN_PROGRESS`).
    pub task_id: ID,
    /// What was done, and the evidence.
    pub content: String,
    /// Any string unique to this report, up to 150 characters: a retry with the same key files it
    /// once and answers the same; the same key with another report is `CONFLICT`.
    pub idempotency_key: Option<String>,
}

/// Result of `reportRectificationProgress`.
#[derive(SimpleObject)]
pub struct ReportRectificationProgressPayload {
    /// The report filed.
    pub progress_report: ProgressReport,
}

/// Input of `amendProgressReport`.
#[derive(InputObject)]
pub struct AmendProgressReportInput {
    /// The report.
    pub id: ID,
    /// What was done, and the evidence, as corrected.
    pub content: String,
    /// Why it is corrected (required, at most 500 characters); kept in its history.
    pub reason: String,
    /// The version read; `CONFLICT` if it moved on.
    pub version: Option<i32>,
}

/// Result of `amendProgressReport`.
#[derive(SimpleObject)]
pub struct AmendProgressReportPayload {
    /// The report as corrected.
    pub progress_report: ProgressReport,
}

/// Input of `withdrawProgressReport`.
#[derive(InputObject)]
pub struct WithdrawProgressReportInput {
    /// The progress report.
    pub id: ID,
    /// Why it is withdrawn (required, at most 500 characters).
    pub reason: String,
    /// The version read; `CONFLICT` if it moved on.
    pub version: Option<i32>,
}

/// Result of `withdrawProgressReport`.
#[derive(SimpleObject)]
pub struct WithdrawProgressReportPayload {
    /// The progress report, withdrawn.
    pub progress_report: ProgressReport,
}

/// Progress report mutations.
#[derive(Default)]
pub struct ProgressReportMutation;

#[Object]
impl ProgressReportMutation {
    /// Files a progress report on a task in progress (the unit).
    async fn report_rectification_progress(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: ReportRectificationProgressInput,
    ) -> ApiResult<ReportRectificationProgressPayload> {
        let rc = request(ctx)?;
        let task = id::decode_as("taskId", &input.task_id, RecordKind::RectificationTask)?;
        let r = service::report_progress(&rc.db, &rc.access, task, &input.content, input.idempotency_key.as_deref())
            .await?;
        Ok(ReportRectificationProgressPayload { progress_report: r.into() })
    }

    /// Corrects a progress report (the unit, while its task is in progress), with the reason; the
    /// earlier text stays in its `history`.
    async fn amend_progress_report(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: AmendProgressReportInput,
    ) -> ApiResult<AmendProgressReportPayload> {
        let rc = request(ctx)?;
        let id = id::decode_as("id", &input.id, RecordKind::ProgressReport)?;
        let r = service::amend(&rc.db, &rc.access, id, &input.content, &input.reason, input.version).await?;
        Ok(AmendProgressReportPayload { progress_report: r.into() })
    }

    /// Withdraws a progress report filed by mistake (the unit, while its task is in progress): it
    /// leaves the task's reports and every count; the office and the leadership group keep it.
    async fn withdraw_progress_report(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: WithdrawProgressReportInput,
    ) -> ApiResult<WithdrawProgressReportPayload> {
        let rc = request(ctx)?;
        let id = id::decode_as("id", &input.id, RecordKind::ProgressReport)?;
        let r = service::withdraw(&rc.db, &rc.access, id, &input.reason, input.version).await?;
        Ok(WithdrawProgressReportPayload { progress_report: r.into() })
    }
}
