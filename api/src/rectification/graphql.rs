//! Rectification tasks in the schema.

use async_graphql::{ComplexObject, Context, ID, InputObject, Object, SimpleObject};
use entities::{RecordKind, progress_report, rectification_task};

use super::service::{self, TaskTransition};
use crate::{
    error::ApiResult,
    evidence::graphql::EvidenceFile,
    graphql::{
        connection::{connection, page_request},
        context::request,
        enums::TaskStatus,
        id,
        loader::{loaders, required},
        scalars::{Date, DateTime, Stamps},
        transition_io,
    },
    recommendations::graphql::Recommendation,
    rounds::graphql::Inspection,
};

/// A rectification task (整改任务) on the unit's list, answering a released recommendation.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct RectificationTask {
    /// Global id.
    pub id: ID,
    /// What the unit must do.
    pub content: String,
    /// Who at the unit answers for it.
    pub responsible_person: String,
    /// The deadline.
    pub deadline: Date,
    /// To be fixed at once (立行立改).
    pub fix_at_once: bool,
    /// Where the task stands.
    pub status: TaskStatus,
    /// Past its deadline and not closed.
    pub overdue: bool,
    /// How many times the office returned it (二次整改).
    pub return_count: i32,
    /// Why the office last returned it.
    pub return_reason: Option<String>,
    /// When the office struck it off (销号).
    pub closed_at: Option<DateTime>,
    /// When it was made and last changed, and its version.
    #[graphql(flatten)]
    pub stamps: Stamps,
    #[graphql(skip)]
    row: rectification_task::Model,
}

impl From<rectification_task::Model> for RectificationTask {
    fn from(m: rectification_task::Model) -> Self {
        RectificationTask {
            id: id::encode(RecordKind::RectificationTask, m.id),
            content: m.content.clone(),
            responsible_person: m.responsible_person.clone(),
            deadline: m.deadline.into(),
            fix_at_once: m.fix_at_once,
            status: m.status.into(),
            overdue: service::is_overdue(&m, crate::clock::now().date_naive()),
            return_count: m.return_count,
            return_reason: m.return_reason.clone(),
            closed_at: m.closed_at.map(Into::into),
            stamps: Stamps::new(m.created_at, m.updated_at, m.version),
            row: m,
        }
    }
}

#[ComplexObject]
impl RectificationTask {
    /// The inspection.
    async fn inspection(&self, ctx: &Context<'_>) -> ApiResult<Inspection> {
        Ok(required(&loaders(ctx)?.inspections, self.row.inspection_id, "inspection").await?.into())
    }
    /// The recommendation it answers (null if the caller may not see it).
    async fn recommendation(&self, ctx: &Context<'_>) -> ApiResult<Option<Recommendation>> {
        Ok(loaders(ctx)?.recommendations.load_one(self.row.recommendation_id).await?.map(Recommendation::from))
    }
    /// The unit's progress reports, oldest first.
    async fn progress_reports(&self, ctx: &Context<'_>) -> ApiResult<Vec<ProgressReport>> {
        let mut rows = loaders(ctx)?.progress_by_task.load_one(self.row.id).await?.unwrap_or_default();
        rows.sort_by_key(|r| r.id);
        Ok(rows.into_iter().map(ProgressReport::from).collect())
    }
    /// How many evidence files the unit attached to the task's progress reports.
    async fn evidence_count(&self, ctx: &Context<'_>) -> ApiResult<i32> {
        Ok(loaders(ctx)?.evidence_by_task.load_one(self.row.id).await?.map_or(0, |f| f.len() as i32))
    }
}

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

#[ComplexObject]
impl ProgressReport {
    /// The task it reports on.
    async fn task(&self, ctx: &Context<'_>) -> ApiResult<RectificationTask> {
        Ok(required(&loaders(ctx)?.rectification_tasks, self.task_id, "rectification task").await?.into())
    }
    /// The evidence files attached to it, oldest first.
    async fn evidence(&self, ctx: &Context<'_>) -> ApiResult<Vec<EvidenceFile>> {
        let mut rows = loaders(ctx)?.evidence_by_report.load_one(self.row_id).await?.unwrap_or_default();
        rows.sort_by_key(|f| f.id);
        Ok(rows.into_iter().map(EvidenceFile::from).collect())
    }
}

connection!(
    RectificationTaskConnection,
    RectificationTaskEdge,
    RectificationTask,
    "A page of rectification tasks (整改任务)."
);

/// Narrows the task list.
#[derive(InputObject, Default)]
pub struct RectificationTaskFilter {
    /// Only this inspection's.
    pub inspection_id: Option<ID>,
    /// Only this unit's (its list, 整改清单).
    pub unit_id: Option<ID>,
    /// Only this round's.
    pub round_id: Option<ID>,
    /// Only tasks in this state.
    pub status: Option<TaskStatus>,
    /// Only overdue (true) or only not overdue (false) tasks.
    pub overdue: Option<bool>,
}

/// Rectification queries.
#[derive(Default)]
pub struct RectificationQuery;

#[Object]
impl RectificationQuery {
    /// Rectification tasks the caller may see, soonest deadline first: the office and leadership
    /// all, a team its own units', a unit its own.
    #[graphql(complexity = "first.unwrap_or(20).clamp(1, 100) as usize * child_complexity")]
    async fn rectification_tasks(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Rows wanted, 1 to 100 (default 20).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last row already seen.")] after: Option<String>,
        #[graphql(desc = "Narrows the list.")] filter: Option<RectificationTaskFilter>,
    ) -> ApiResult<RectificationTaskConnection> {
        let rc = request(ctx)?;
        let f = filter.unwrap_or_default();
        let filter = service::TaskFilter {
            inspection_id: f
                .inspection_id
                .map(|i| id::decode_as("filter.inspectionId", &i, RecordKind::Inspection))
                .transpose()?,
            unit_id: f.unit_id.map(|u| id::decode_as("filter.unitId", &u, RecordKind::Organization)).transpose()?,
            round_id: f.round_id.map(|r| id::decode_as("filter.roundId", &r, RecordKind::Round)).transpose()?,
            status: f.status.map(Into::into),
            overdue: f.overdue,
        };
        let page = service::list(&rc.db, &rc.access, filter, &page_request(first, after)).await?;
        Ok(RectificationTaskConnection(page.map(RectificationTask::from)))
    }
}

/// Input of `createRectificationTask`.
#[derive(InputObject)]
pub struct CreateRectificationTaskInput {
    /// A recommendation whose feedback is released.
    pub recommendation_id: ID,
    /// What the unit must do.
    pub content: String,
    /// Who at the unit answers for it.
    pub responsible_person: String,
    /// The deadline (today to three years ahead).
    pub deadline: Date,
    /// To be fixed at once (立行立改); default false.
    pub fix_at_once: Option<bool>,
}

/// Result of `createRectificationTask`.
#[derive(SimpleObject)]
pub struct CreateRectificationTaskPayload {
    /// The new task, `ASSIGNED`.
    pub task: RectificationTask,
}

transition_io!(StartRectificationTaskInput, StartRectificationTaskPayload, "startRectificationTask", "task", task: RectificationTask);
transition_io!(SubmitRectificationTaskInput, SubmitRectificationTaskPayload, "submitRectificationTask", "task", task: RectificationTask);
transition_io!(CloseRectificationTaskInput, CloseRectificationTaskPayload, "closeRectificationTask", "task", task: RectificationTask);

/// Input of `returnRectificationTask`.
#[derive(InputObject)]
pub struct ReturnRectificationTaskInput {
    /// The task (`SUBMITTED`).
    pub id: ID,
    /// Why it is returned (required).
    pub reason: String,
    /// The version last seen; a different current version is `CONFLICT`.
    pub version: Option<i32>,
}

/// Result of `returnRectificationTask`.
#[derive(SimpleObject)]
pub struct ReturnRectificationTaskPayload {
    /// The task, now `RETURNED`.
    pub task: RectificationTask,
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

/// Rectification mutations.
#[derive(Default)]
pub struct RectificationMutation;

async fn move_task(
    ctx: &Context<'_>,
    id: &ID,
    t: TaskTransition,
    reason: Option<String>,
    version: Option<i32>,
) -> ApiResult<RectificationTask> {
    let rc = request(ctx)?;
    let id = id::decode_as("id", id, RecordKind::RectificationTask)?;
    Ok(service::transition(&rc.db, &rc.access, id, t, reason, version).await?.into())
}

#[Object]
impl RectificationMutation {
    /// Puts a task on the unit's list, from a released recommendation (office).
    async fn create_rectification_task(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: CreateRectificationTaskInput,
    ) -> ApiResult<CreateRectificationTaskPayload> {
        let rc = request(ctx)?;
        let new = service::NewTask {
            recommendation_id: id::decode_as("recommendationId", &input.recommendation_id, RecordKind::Recommendation)?,
            content: input.content,
            responsible_person: input.responsible_person,
            deadline: input.deadline.0,
            fix_at_once: input.fix_at_once.unwrap_or(false),
        };
        Ok(CreateRectificationTaskPayload { task: service::create(&rc.db, &rc.access, new).await?.into() })
    }

    /// Starts work on a task: `ASSIGNED` or `RETURNED` → `IN_PROGRESS` (the unit).
    async fn start_rectification_task(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: StartRectificationTaskInput,
    ) -> ApiResult<StartRectificationTaskPayload> {
        Ok(StartRectificationTaskPayload {
            task: move_task(ctx, &input.id, TaskTransition::Start, None, input.version).await?,
        })
    }

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

    /// Asks for verification: `IN_PROGRESS` → `SUBMITTED` (the unit).
    async fn submit_rectification_task(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: SubmitRectificationTaskInput,
    ) -> ApiResult<SubmitRectificationTaskPayload> {
        Ok(SubmitRectificationTaskPayload {
            task: move_task(ctx, &input.id, TaskTransition::Submit, None, input.version).await?,
        })
    }

    /// Strikes a verified task off (销号): `SUBMITTED` → `CLOSED` (office).
    async fn close_rectification_task(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: CloseRectificationTaskInput,
    ) -> ApiResult<CloseRectificationTaskPayload> {
        Ok(CloseRectificationTaskPayload {
            task: move_task(ctx, &input.id, TaskTransition::Close, None, input.version).await?,
        })
    }

    /// Returns a submitted task with a reason, for a second round: `SUBMITTED` → `RETURNED` (office).
    async fn return_rectification_task(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: ReturnRectificationTaskInput,
    ) -> ApiResult<ReturnRectificationTaskPayload> {
        let task = move_task(ctx, &input.id, TaskTransition::Return, Some(input.reason), input.version).await?;
        Ok(ReturnRectificationTaskPayload { task })
    }
}
