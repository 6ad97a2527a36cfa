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
            row_id: m.id,
            task_id: m.task_id,
        }
    }
}

impl ApiObject for ProgressReport {
    type Guard = progress_report::Entity;
}

#[ComplexObject]
impl ProgressReport {
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
}
