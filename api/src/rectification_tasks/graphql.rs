//! Rectification tasks in the schema.

use async_graphql::{ComplexObject, Context, ID, InputObject, Object, SimpleObject};
use entities::{RecordKind, evidence_file, progress_report, rectification_task, supervision_note};

use super::service::{self, TaskTransition};
use crate::{
    error::ApiResult,
    graphql::{
        connection::{connection, page_request_of},
        context::request,
        enums::TaskStatus,
        id,
        loader::{children, loaders, optional, required},
        scalars::{Date, DateTime, Stamps},
        transition_io,
    },
    inspections::graphql::Inspection,
    progress_reports::graphql::ProgressReport,
    recommendations::graphql::Recommendation,
    supervision_notes::graphql::SupervisionNote,
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
    /// The measures, from the unit's approved plan (null for a task the office or a team added).
    pub measures: Option<String>,
    /// The leader who answers for it (责任领导), from the unit's approved plan.
    pub responsible_leader: Option<String>,
    /// A long-term task (长期整改): open beyond the two-month reports, reported on in them.
    pub long_term: bool,
    /// How many times a follow-up inspection (回头看) reopened it.
    pub reopen_count: i32,
    /// Why it was last reopened: its rectification was found false or incomplete.
    pub reopen_reason: Option<String>,
    /// When it was last reopened.
    pub reopened_at: Option<DateTime>,
    /// When it was made and last changed, and its version.
    #[graphql(flatten)]
    pub stamps: Stamps,
    #[graphql(skip)]
    row: rectification_task::Model,
}

impl crate::graphql::Object for RectificationTask {
    type Guard = rectification_task::Entity;

    fn reads(field: &str) -> Option<&'static [rectification_task::Column]> {
        use rectification_task::Column as C;
        Some(match field {
            "id" | "progressReports" | "supervisionNotes" | "evidenceCount" => &[],
            "content" => &[C::Content],
            "responsiblePerson" => &[C::ResponsiblePerson],
            "deadline" => &[C::Deadline],
            "fixAtOnce" => &[C::FixAtOnce],
            "status" | "availableTransitions" => &[C::Status],
            "overdue" => &[C::Status, C::Deadline],
            "returnCount" => &[C::ReturnCount],
            "returnReason" => &[C::ReturnReason],
            "closedAt" => &[C::ClosedAt],
            "measures" => &[C::Measures],
            "responsibleLeader" => &[C::ResponsibleLeader],
            "longTerm" => &[C::LongTerm],
            "reopenCount" => &[C::ReopenCount],
            "reopenReason" => &[C::ReopenReason],
            "reopenedAt" => &[C::ReopenedAt],
            "createdAt" => &[C::CreatedAt],
            "updatedAt" => &[C::UpdatedAt],
            "version" => &[C::Version],
            "inspection" => &[C::InspectionId],
            "recommendation" => &[C::RecommendationId],
            "reopenedBy" => &[C::ReopenedByInspectionId],
            _ => return None,
        })
    }
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
            overdue: service::is_overdue(&m, crate::clock::today()),
            return_count: m.return_count,
            return_reason: m.return_reason.clone(),
            closed_at: m.closed_at.map(Into::into),
            measures: m.measures.clone(),
            responsible_leader: m.responsible_leader.clone(),
            long_term: m.long_term,
            reopen_count: m.reopen_count,
            reopen_reason: m.reopen_reason.clone(),
            reopened_at: m.reopened_at.map(Into::into),
            stamps: Stamps::new(m.created_at, m.updated_at, m.version),
            row: m,
        }
    }
}

#[ComplexObject]
impl RectificationTask {
    /// The inspection.
    async fn inspection(&self, ctx: &Context<'_>) -> ApiResult<Inspection> {
        required(ctx, self.row.inspection_id).await
    }
    /// The recommendation it answers (null if the caller may not see it).
    async fn recommendation(&self, ctx: &Context<'_>) -> ApiResult<Option<Recommendation>> {
        optional(ctx, Some(self.row.recommendation_id)).await
    }
    /// The unit's progress reports, oldest first.
    async fn progress_reports(&self, ctx: &Context<'_>) -> ApiResult<Vec<ProgressReport>> {
        children(ctx, progress_report::Column::TaskId, self.row.id).await
    }
    /// The follow-up inspection (回头看) that last reopened it (null if none, or if the caller may
    /// not see it).
    async fn reopened_by(&self, ctx: &Context<'_>) -> ApiResult<Option<Inspection>> {
        optional(ctx, self.row.reopened_by_inspection_id).await
    }
    /// The supervising agencies' notes on it (督办), oldest first.
    async fn supervision_notes(&self, ctx: &Context<'_>) -> ApiResult<Vec<SupervisionNote>> {
        children(ctx, supervision_note::Column::TaskId, self.row.id).await
    }
    /// What the caller may do with the task now, by the same policy and states that decide the
    /// mutations (`startRectificationTask`, …): each one listed succeeds, each one not listed is
    /// refused. Reopening is offered on the follow-up inspection, not here.
    async fn available_transitions(&self, ctx: &Context<'_>) -> ApiResult<Vec<RectificationTaskTransition>> {
        let rc = request(ctx)?;
        Ok(service::available(&rc.access, &self.row).into_iter().map(Into::into).collect())
    }
    /// How many evidence files the unit attached to the task's progress reports.
    async fn evidence_count(&self, ctx: &Context<'_>) -> ApiResult<i32> {
        let files = loaders(ctx)?.count::<evidence_file::Entity>(evidence_file::Column::TaskId, self.row.id).await?;
        Ok(i32::try_from(files).unwrap_or(i32::MAX))
    }
}

connection!(
    RectificationTaskConnection,
    RectificationTaskEdge,
    RectificationTask,
    "A page of rectification tasks (整改任务)."
);

/// A transition of a task, as `availableTransitions` lists them.
#[derive(async_graphql::Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "super::service::TaskTransition")]
pub enum RectificationTaskTransition {
    /// `startRectificationTask` (the unit).
    Start,
    /// `submitRectificationTask` (the unit).
    Submit,
    /// `closeRectificationTask` (the office).
    Close,
    /// `returnRectificationTask` (the office).
    Return,
}

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
    /// Only tasks in one of these states (`[ASSIGNED, RETURNED]`: what the unit must act on).
    pub statuses: Option<Vec<TaskStatus>>,
    /// Only overdue (true) or only not overdue (false) tasks.
    pub overdue: Option<bool>,
    /// Only tasks due on or before this day.
    pub deadline_before: Option<Date>,
    /// Only tasks due on or after this day.
    pub deadline_after: Option<Date>,
    /// Only tasks whose text holds this (ASCII letters in either case, every other character as
    /// written).
    pub search: Option<String>,
    /// Only long-term tasks (true) or only the others (false).
    pub long_term: Option<bool>,
}

/// Orders of the task list.
#[derive(async_graphql::Enum, Clone, Copy, PartialEq, Eq, Default)]
pub enum RectificationTaskOrder {
    /// Soonest deadline first.
    #[default]
    DeadlineAsc,
    /// Latest deadline first.
    DeadlineDesc,
    /// Newest first.
    CreatedAtDesc,
}

/// Rectification queries.
#[derive(Default)]
pub struct RectificationTaskQuery;

#[Object]
impl RectificationTaskQuery {
    /// Rectification tasks the caller may see (soonest deadline first unless `orderBy` says
    /// otherwise): the office and leadership all, a team its own units', a unit its own.
    #[graphql(complexity = "first.unwrap_or(20).clamp(1, 100) as usize * child_complexity")]
    async fn rectification_tasks(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Rows wanted, 0 to 100 (default 20; 0 to count only).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last row already seen.")] after: Option<String>,
        #[graphql(desc = "Narrows the list.")] filter: Option<RectificationTaskFilter>,
        #[graphql(desc = "Order of the list (default DEADLINE_ASC).", default)] order_by: RectificationTaskOrder,
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
            statuses: f.statuses.map(|v| v.into_iter().map(Into::into).collect()),
            overdue: f.overdue,
            deadline_before: f.deadline_before.map(|d| d.0),
            deadline_after: f.deadline_after.map(|d| d.0),
            search: f.search,
            long_term: f.long_term,
        };
        let order = match order_by {
            RectificationTaskOrder::DeadlineAsc => service::TaskOrder::DeadlineAsc,
            RectificationTaskOrder::DeadlineDesc => service::TaskOrder::DeadlineDesc,
            RectificationTaskOrder::CreatedAtDesc => service::TaskOrder::CreatedAtDesc,
        };
        // The recommendation each task answers, how much evidence it has and its progress reports,
        // when asked for, come in the page's statement.
        let loaders = loaders(ctx)?;
        let recommendation = loaders.to_one::<Recommendation, rectification_task::Entity>(
            ctx,
            "recommendation",
            rectification_task::Column::RecommendationId,
        )?;
        let evidence =
            loaders.count_within::<evidence_file::Entity, rectification_task::Entity>(ctx, "evidenceCount")?;
        let reports = loaders.children_within::<ProgressReport, rectification_task::Entity>(ctx, "progressReports")?;
        let page = page_request_of::<RectificationTask>(ctx, first, after)?;
        let page =
            service::list(&rc.db, &rc.access, filter, order, &page, &[&recommendation, &evidence, &reports]).await?;
        Ok(RectificationTaskConnection(page.map(RectificationTask::from)))
    }
}

/// Input of `createRectificationTask`.
#[derive(InputObject)]
pub struct CreateRectificationTaskInput {
    /// A recommendation whose feedback is released (the office), or of a stationed inspection (a
    /// fix-at-once notice: the office's, or its team leader's).
    pub recommendation_id: ID,
    /// What the unit must do.
    pub content: String,
    /// Who at the unit answers for it.
    pub responsible_person: String,
    /// The deadline (today to three years ahead).
    pub deadline: Date,
    /// To be fixed at once (立行立改); default false; required true while the team is stationed.
    pub fix_at_once: Option<bool>,
}

/// Input of `reopenRectificationTask`.
#[derive(InputObject)]
pub struct ReopenRectificationTaskInput {
    /// The task (`CLOSED`), of the inspection the follow-up follows.
    pub id: ID,
    /// The caller's team's follow-up inspection (回头看, `STATIONED`) of the same unit.
    pub follow_up_inspection_id: ID,
    /// Why: what in its rectification was false or incomplete (required, at most 2,000 characters).
    pub reason: String,
    /// The new deadline (today to three years ahead).
    pub deadline: Date,
    /// The version last seen; a different current version is `CONFLICT`.
    pub version: Option<i32>,
}

/// Result of `reopenRectificationTask`.
#[derive(SimpleObject)]
pub struct ReopenRectificationTaskPayload {
    /// The task, now `REOPENED`.
    pub rectification_task: RectificationTask,
}

/// Result of `createRectificationTask`.
#[derive(SimpleObject)]
pub struct CreateRectificationTaskPayload {
    /// The new task, `ASSIGNED`.
    pub rectification_task: RectificationTask,
}

transition_io!(StartRectificationTaskInput, StartRectificationTaskPayload, "startRectificationTask", "task", rectification_task: RectificationTask);
transition_io!(SubmitRectificationTaskInput, SubmitRectificationTaskPayload, "submitRectificationTask", "task", rectification_task: RectificationTask);
transition_io!(CloseRectificationTaskInput, CloseRectificationTaskPayload, "closeRectificationTask", "task", rectification_task: RectificationTask);

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
    pub rectification_task: RectificationTask,
}

/// Rectification mutations.
#[derive(Default)]
pub struct RectificationTaskMutation;

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
impl RectificationTaskMutation {
    /// Puts a task on the unit's list: the office, from a released recommendation (beside the
    /// tasks of the unit's approved plan); the office or the team's leader, a fix-at-once notice
    /// (立行立改) while the team is stationed, due by the round's end, which the unit sees at once.
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
        Ok(CreateRectificationTaskPayload {
            rectification_task: service::create(&rc.db, &rc.access, new).await?.into(),
        })
    }

    /// Starts work on a task: `ASSIGNED`, `RETURNED` or `REOPENED` → `IN_PROGRESS` (the unit).
    async fn start_rectification_task(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: StartRectificationTaskInput,
    ) -> ApiResult<StartRectificationTaskPayload> {
        Ok(StartRectificationTaskPayload {
            rectification_task: move_task(ctx, &input.id, TaskTransition::Start, None, input.version).await?,
        })
    }

    /// Asks for verification: `IN_PROGRESS` → `SUBMITTED` (the unit).
    async fn submit_rectification_task(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: SubmitRectificationTaskInput,
    ) -> ApiResult<SubmitRectificationTaskPayload> {
        Ok(SubmitRectificationTaskPayload {
            rectification_task: move_task(ctx, &input.id, TaskTransition::Submit, None, input.version).await?,
        })
    }

    /// Strikes a verified task off (销号): `SUBMITTED` → `CLOSED` (office).
    async fn close_rectification_task(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: CloseRectificationTaskInput,
    ) -> ApiResult<CloseRectificationTaskPayload> {
        Ok(CloseRectificationTaskPayload {
            rectification_task: move_task(ctx, &input.id, TaskTransition::Close, None, input.version).await?,
        })
    }

    /// Reopens a closed task (the leader of a follow-up inspection, 回头看, of its unit, while
    /// stationed): its rectification was false or incomplete. `CLOSED` → `REOPENED`, with the
    /// reason, a new deadline and the follow-up that reopened it; the unit starts it again.
    async fn reopen_rectification_task(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: ReopenRectificationTaskInput,
    ) -> ApiResult<ReopenRectificationTaskPayload> {
        let rc = request(ctx)?;
        let id = id::decode_as("id", &input.id, RecordKind::RectificationTask)?;
        let follow_up = id::decode_as("followUpInspectionId", &input.follow_up_inspection_id, RecordKind::Inspection)?;
        let task =
            service::reopen(&rc.db, &rc.access, id, follow_up, &input.reason, input.deadline.0, input.version).await?;
        Ok(ReopenRectificationTaskPayload { rectification_task: task.into() })
    }

    /// Returns a submitted task with a reason, for a second round: `SUBMITTED` → `RETURNED` (office).
    async fn return_rectification_task(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: ReturnRectificationTaskInput,
    ) -> ApiResult<ReturnRectificationTaskPayload> {
        let task = move_task(ctx, &input.id, TaskTransition::Return, Some(input.reason), input.version).await?;
        Ok(ReturnRectificationTaskPayload { rectification_task: task })
    }
}

/// An inspection's rectification tasks, as the root list orders them by default (soonest deadline first).
pub struct TasksOfInspection;

impl crate::graphql::nested::Nesting for TasksOfInspection {
    type Guard = entities::rectification_task::Entity;
    type Object = RectificationTask;
    fn parent() -> entities::rectification_task::Column {
        entities::rectification_task::Column::InspectionId
    }
    fn ordering() -> crate::pagination::Ordering<entities::rectification_task::Entity> {
        service::ordering(service::TaskOrder::DeadlineAsc)
    }
}
