//! Rectification plans in the schema.

use async_graphql::{ComplexObject, Context, ID, InputObject, Object, SimpleObject};
use entities::{RecordKind, rectification_plan, rectification_plan_item, rectification_plan_version};

use super::service::{self, Answer};
use crate::{
    error::ApiResult,
    findings::graphql::Finding,
    graphql::{
        connection::{connection, page_request},
        context::request,
        enums::{RectificationGrade, RectificationPlanStatus},
        id,
        loader::{children, optional, required},
        scalars::{Date, DateTime, Stamps},
        transition_io,
    },
    inspections::graphql::Inspection,
    recommendations::graphql::Recommendation,
    rectification_tasks::graphql::RectificationTask,
};

/// A unit's rectification plan (整改方案): opened when its feedback is released, drafted by the
/// unit, approved or returned by the office. Its lines are the three lists: the problems, the
/// tasks with their measures, and who answers for each by when.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct RectificationPlan {
    /// Global id.
    pub id: ID,
    /// Where it stands.
    pub status: RectificationPlanStatus,
    /// The plan's preamble: aims, organisation, timetable (empty until the unit writes it).
    pub summary: String,
    /// The last day to submit it: the feedback's day plus the district's period (15 days unless
    /// configured otherwise).
    pub due_on: Date,
    /// Past its day and not yet submitted (`DRAFTING` or `RETURNED`).
    pub overdue: bool,
    /// When the unit last submitted it.
    pub submitted_at: Option<DateTime>,
    /// When the office approved it.
    pub approved_at: Option<DateTime>,
    /// The office's comments when it last returned or approved it.
    pub office_comment: Option<String>,
    /// How many times the unit submitted it.
    pub submission_count: i32,
    /// The office's grade of the rectification (整改评估), once evaluated.
    pub grade: Option<RectificationGrade>,
    /// The reasons for the grade.
    pub evaluation_reasons: Option<String>,
    /// When the office evaluated the rectification.
    pub evaluated_at: Option<DateTime>,
    /// When it was made and last changed, and its version.
    #[graphql(flatten)]
    pub stamps: Stamps,
    #[graphql(skip)]
    row: rectification_plan::Model,
}

impl crate::graphql::Object for RectificationPlan {
    type Guard = rectification_plan::Entity;
}

impl From<rectification_plan::Model> for RectificationPlan {
    fn from(m: rectification_plan::Model) -> Self {
        RectificationPlan {
            id: id::encode(RecordKind::RectificationPlan, m.id),
            status: m.status.into(),
            summary: m.summary.clone(),
            due_on: m.due_on.into(),
            overdue: service::is_overdue(&m, crate::clock::today()),
            submitted_at: m.submitted_at.map(Into::into),
            approved_at: m.approved_at.map(Into::into),
            office_comment: m.office_comment.clone(),
            submission_count: m.submission_count,
            grade: m.grade.map(Into::into),
            evaluation_reasons: m.evaluation_reasons.clone(),
            evaluated_at: m.evaluated_at.map(Into::into),
            stamps: Stamps::new(m.created_at, m.updated_at, m.version),
            row: m,
        }
    }
}

#[ComplexObject]
impl RectificationPlan {
    /// The inspection whose feedback it answers.
    async fn inspection(&self, ctx: &Context<'_>) -> ApiResult<Inspection> {
        required(ctx, self.row.inspection_id).await
    }
    /// Its lines, in the order written.
    async fn items(&self, ctx: &Context<'_>) -> ApiResult<Vec<RectificationPlanItem>> {
        children(ctx, rectification_plan_item::Column::PlanId, self.row.id).await
    }
    /// What the caller may do with the plan now, by the same rules that decide the mutations: each
    /// one listed succeeds, each one not listed is refused (`SUBMIT` only once every carried
    /// recommendation and finding has a line). Evaluating is the office's once the rectification
    /// is done; see `evaluateRectification`.
    async fn available_transitions(&self, ctx: &Context<'_>) -> ApiResult<Vec<RectificationPlanTransition>> {
        let rc = request(ctx)?;
        Ok(service::available(&rc.db, &rc.access, &self.row).await?.into_iter().map(Into::into).collect())
    }
    /// Each submission as the unit made it, with the office's answer, oldest first.
    async fn versions(&self, ctx: &Context<'_>) -> ApiResult<Vec<RectificationPlanVersion>> {
        children(ctx, rectification_plan_version::Column::PlanId, self.row.id).await
    }
}

/// A transition of a plan, as `availableTransitions` lists them.
#[derive(async_graphql::Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "super::service::PlanTransition")]
pub enum RectificationPlanTransition {
    /// `updateRectificationPlan` and the plan's lines (the unit).
    Write,
    /// `submitRectificationPlan` (the unit).
    Submit,
    /// `approveRectificationPlan` (the office).
    Approve,
    /// `returnRectificationPlan` (the office).
    Return,
}

/// A line of a rectification plan: one problem (问题清单), the task and its measures (任务清单),
/// and who answers for it by when (责任清单).
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct RectificationPlanItem {
    /// Global id.
    pub id: ID,
    /// The problem, as the unit states it.
    pub problem: String,
    /// The task: what the unit will do.
    pub content: String,
    /// The measures.
    pub measures: String,
    /// The leader who answers for it (责任领导).
    pub responsible_leader: String,
    /// The person who carries it out (责任人).
    pub responsible_person: String,
    /// Its deadline.
    pub deadline: Date,
    /// A long-term task (长期整改): open beyond the two-month reports, reported on in them.
    pub long_term: bool,
    /// When it was made and last changed, and its version.
    #[graphql(flatten)]
    pub stamps: Stamps,
    #[graphql(skip)]
    row: rectification_plan_item::Model,
}

impl crate::graphql::Object for RectificationPlanItem {
    type Guard = rectification_plan_item::Entity;
}

impl From<rectification_plan_item::Model> for RectificationPlanItem {
    fn from(m: rectification_plan_item::Model) -> Self {
        RectificationPlanItem {
            id: id::encode(RecordKind::RectificationPlanItem, m.id),
            problem: m.problem.clone(),
            content: m.content.clone(),
            measures: m.measures.clone(),
            responsible_leader: m.responsible_leader.clone(),
            responsible_person: m.responsible_person.clone(),
            deadline: m.deadline.into(),
            long_term: m.long_term,
            stamps: Stamps::new(m.created_at, m.updated_at, m.version),
            row: m,
        }
    }
}

#[ComplexObject]
impl RectificationPlanItem {
    /// The plan.
    async fn plan(&self, ctx: &Context<'_>) -> ApiResult<RectificationPlan> {
        required(ctx, self.row.plan_id).await
    }
    /// The recommendation it answers (null if the caller may not see it: a supervising agency).
    async fn recommendation(&self, ctx: &Context<'_>) -> ApiResult<Option<Recommendation>> {
        optional(ctx, Some(self.row.recommendation_id)).await
    }
    /// The finding it answers, if any (null also if the caller may not see it).
    async fn finding(&self, ctx: &Context<'_>) -> ApiResult<Option<Finding>> {
        optional(ctx, self.row.finding_id).await
    }
    /// The task it became when the plan was approved.
    async fn task(&self, ctx: &Context<'_>) -> ApiResult<Option<RectificationTask>> {
        optional(ctx, self.row.task_id).await
    }
}

/// A line of a plan as it was submitted.
#[derive(SimpleObject, Clone)]
pub struct RectificationPlanVersionItem {
    /// The problem.
    pub problem: String,
    /// The task.
    pub content: String,
    /// The measures.
    pub measures: String,
    /// The responsible leader.
    pub responsible_leader: String,
    /// The responsible person.
    pub responsible_person: String,
    /// The deadline.
    pub deadline: Date,
    /// A long-term task.
    pub long_term: bool,
    /// The id of the recommendation it answered; null for a caller who may not read
    /// recommendations (a supervising agency).
    pub recommendation_id: Option<ID>,
    /// The id of the finding it answered, if any; null also for a caller who may not read findings.
    pub finding_id: Option<ID>,
}

/// A plan as the unit submitted it, and the office's answer (方案版本).
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct RectificationPlanVersion {
    /// 1 for the first submission, and so on.
    pub number: i32,
    /// The summary as submitted.
    pub summary: String,
    #[graphql(skip)]
    lines: Vec<rectification_plan_item::Model>,
    /// When it was submitted.
    pub submitted_at: DateTime,
    /// The office's answer: `APPROVED` or `RETURNED`; null while it waits.
    pub outcome: Option<RectificationPlanStatus>,
    /// The office's comments on it.
    pub comment: Option<String>,
    /// When the office answered.
    pub decided_at: Option<DateTime>,
}

impl crate::graphql::Object for RectificationPlanVersion {
    type Guard = rectification_plan_version::Entity;
}

impl From<rectification_plan_version::Model> for RectificationPlanVersion {
    fn from(m: rectification_plan_version::Model) -> Self {
        // Written by `submit` from the plan's own lines; a row that does not parse shows none.
        let lines: Vec<rectification_plan_item::Model> = serde_json::from_str(&m.items).unwrap_or_default();
        RectificationPlanVersion {
            number: m.number,
            summary: m.summary,
            lines,
            submitted_at: m.submitted_at.into(),
            outcome: m.outcome.map(Into::into),
            comment: m.comment,
            decided_at: m.decided_at.map(Into::into),
        }
    }
}

#[ComplexObject]
impl RectificationPlanVersion {
    /// The lines as submitted.
    async fn items(&self, ctx: &Context<'_>) -> ApiResult<Vec<RectificationPlanVersionItem>> {
        let access = &request(ctx)?.access;
        let recommendations = access.permit::<entities::recommendation::Entity>(crate::gate::Action::Read).is_ok();
        let findings = access.permit::<entities::finding::Entity>(crate::gate::Action::Read).is_ok();
        Ok(self
            .lines
            .iter()
            .map(|l| RectificationPlanVersionItem {
                problem: l.problem.clone(),
                content: l.content.clone(),
                measures: l.measures.clone(),
                responsible_leader: l.responsible_leader.clone(),
                responsible_person: l.responsible_person.clone(),
                deadline: l.deadline.into(),
                long_term: l.long_term,
                recommendation_id: recommendations.then(|| id::encode(RecordKind::Recommendation, l.recommendation_id)),
                finding_id: l.finding_id.filter(|_| findings).map(|f| id::encode(RecordKind::Finding, f)),
            })
            .collect())
    }
}

connection!(
    RectificationPlanConnection,
    RectificationPlanEdge,
    RectificationPlan,
    "A page of rectification plans (整改方案)."
);

/// Narrows the plan list.
#[derive(InputObject, Default)]
pub struct RectificationPlanFilter {
    /// Only this inspection's.
    pub inspection_id: Option<ID>,
    /// Only this unit's.
    pub unit_id: Option<ID>,
    /// Only this round's.
    pub round_id: Option<ID>,
    /// Only plans in one of these states.
    pub statuses: Option<Vec<RectificationPlanStatus>>,
    /// Only overdue (true) or only not overdue (false) plans.
    pub overdue: Option<bool>,
}

/// Rectification plan queries.
#[derive(Default)]
pub struct RectificationPlanQuery;

#[Object]
impl RectificationPlanQuery {
    /// The rectification plans the caller may see, soonest due first: the office and the
    /// leadership group all, a team its own inspections' (and those it follows up), a unit its
    /// own, an agency that supervises rectification every unit's.
    #[graphql(complexity = "first.unwrap_or(20).clamp(1, 100) as usize * child_complexity")]
    async fn rectification_plans(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Rows wanted, 0 to 100 (default 20; 0 to count only).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last row already seen.")] after: Option<String>,
        #[graphql(desc = "Narrows the list.")] filter: Option<RectificationPlanFilter>,
        #[graphql(desc = "Order of the list (default DUE_ON_ASC).", default)] order_by: RectificationPlanOrder,
    ) -> ApiResult<RectificationPlanConnection> {
        let rc = request(ctx)?;
        let f = filter.unwrap_or_default();
        let filter = service::PlanFilter {
            inspection_id: f
                .inspection_id
                .map(|i| id::decode_as("filter.inspectionId", &i, RecordKind::Inspection))
                .transpose()?,
            unit_id: f.unit_id.map(|u| id::decode_as("filter.unitId", &u, RecordKind::Organization)).transpose()?,
            round_id: f.round_id.map(|r| id::decode_as("filter.roundId", &r, RecordKind::Round)).transpose()?,
            statuses: f.statuses.map(|v| v.into_iter().map(Into::into).collect()),
            overdue: f.overdue,
        };
        let page =
            service::list(&rc.db, &rc.access, filter, order_by.into(), &page_request(ctx, first, after)?).await?;
        Ok(RectificationPlanConnection(page.map(RectificationPlan::from)))
    }
}

/// Input of `updateRectificationPlan`.
#[derive(InputObject)]
pub struct UpdateRectificationPlanInput {
    /// The plan (`DRAFTING` or `RETURNED`).
    pub id: ID,
    /// The plan's preamble (at most 20,000 characters).
    pub summary: String,
    /// The version last seen; a different current version is `CONFLICT`.
    pub version: Option<i32>,
}

/// Result of `updateRectificationPlan`.
#[derive(SimpleObject)]
pub struct UpdateRectificationPlanPayload {
    /// The plan as it now is.
    pub rectification_plan: RectificationPlan,
}

/// A line of a plan, as the unit writes it.
#[derive(InputObject)]
pub struct RectificationPlanLineInput {
    /// The recommendation it answers: one the plan's feedback carries.
    pub recommendation_id: ID,
    /// The finding it answers, if any: one the plan's feedback carries.
    pub finding_id: Option<ID>,
    /// The problem (at most 5,000 characters).
    pub problem: String,
    /// The task: what the unit will do (at most 5,000 characters).
    pub content: String,
    /// The measures (at most 10,000 characters).
    pub measures: String,
    /// The leader who answers for it (at most 100 characters).
    pub responsible_leader: String,
    /// The person who carries it out (at most 100 characters).
    pub responsible_person: String,
    /// Its deadline (today to three years ahead).
    pub deadline: Date,
    /// A long-term task, open beyond the two-month reports (default false).
    pub long_term: Option<bool>,
}

impl RectificationPlanLineInput {
    fn into_line(self) -> crate::error::ServiceResult<service::Line> {
        Ok(service::Line {
            recommendation_id: id::decode_as("recommendationId", &self.recommendation_id, RecordKind::Recommendation)?,
            finding_id: self.finding_id.map(|f| id::decode_as("findingId", &f, RecordKind::Finding)).transpose()?,
            problem: self.problem,
            content: self.content,
            measures: self.measures,
            responsible_leader: self.responsible_leader,
            responsible_person: self.responsible_person,
            deadline: self.deadline.0,
            long_term: self.long_term.unwrap_or(false),
        })
    }
}

/// Input of `addRectificationPlanItem`.
#[derive(InputObject)]
pub struct AddRectificationPlanItemInput {
    /// The plan (`DRAFTING` or `RETURNED`).
    pub plan_id: ID,
    /// The line.
    pub line: RectificationPlanLineInput,
}

/// Result of `addRectificationPlanItem`.
#[derive(SimpleObject)]
pub struct AddRectificationPlanItemPayload {
    /// The new line.
    pub rectification_plan_item: RectificationPlanItem,
}

/// Input of `updateRectificationPlanItem`.
#[derive(InputObject)]
pub struct UpdateRectificationPlanItemInput {
    /// The line (of a plan `DRAFTING` or `RETURNED`).
    pub id: ID,
    /// The line as it is to read.
    pub line: RectificationPlanLineInput,
    /// The version last seen; a different current version is `CONFLICT`.
    pub version: Option<i32>,
}

/// Result of `updateRectificationPlanItem`.
#[derive(SimpleObject)]
pub struct UpdateRectificationPlanItemPayload {
    /// The line as it now is.
    pub rectification_plan_item: RectificationPlanItem,
}

/// Input of `deleteRectificationPlanItem`.
#[derive(InputObject)]
pub struct DeleteRectificationPlanItemInput {
    /// The line (of a plan `DRAFTING` or `RETURNED`).
    pub id: ID,
}

/// Result of `deleteRectificationPlanItem`.
#[derive(SimpleObject)]
pub struct DeleteRectificationPlanItemPayload {
    /// The id of the line removed.
    pub deleted_id: ID,
}

transition_io!(SubmitRectificationPlanInput, SubmitRectificationPlanPayload, "submitRectificationPlan", "plan", rectification_plan: RectificationPlan);

/// Declares the input and payload of the office's answer to a submitted plan.
macro_rules! answer_io {
    ($input:ident, $payload:ident, $name:literal, $comment:literal) => {
        #[doc = concat!("Input of `", $name, "`.")]
        #[derive(InputObject)]
        pub struct $input {
            /// The plan (`SUBMITTED`).
            pub id: ID,
            #[doc = $comment]
            pub comment: Option<String>,
            /// The version last seen; a different current version is `CONFLICT`.
            pub version: Option<i32>,
        }

        #[doc = concat!("Result of `", $name, "`.")]
        #[derive(SimpleObject)]
        pub struct $payload {
            /// The plan as it now is.
            pub rectification_plan: RectificationPlan,
        }
    };
}

answer_io!(
    ApproveRectificationPlanInput,
    ApproveRectificationPlanPayload,
    "approveRectificationPlan",
    "The office's comments, if any (at most 5,000 characters)."
);
answer_io!(
    ReturnRectificationPlanInput,
    ReturnRectificationPlanPayload,
    "returnRectificationPlan",
    "What the unit must revise (required, at most 5,000 characters)."
);

/// Input of `evaluateRectification`.
#[derive(InputObject)]
pub struct EvaluateRectificationInput {
    /// The plan of the rectification evaluated.
    pub id: ID,
    /// The grade.
    pub grade: RectificationGrade,
    /// The reasons (at most 5,000 characters).
    pub reasons: String,
    /// The version last seen; a different current version is `CONFLICT`.
    pub version: Option<i32>,
}

/// Result of `evaluateRectification`.
#[derive(SimpleObject)]
pub struct EvaluateRectificationPayload {
    /// The plan, with its grade.
    pub rectification_plan: RectificationPlan,
}

/// Rectification plan mutations.
#[derive(Default)]
pub struct RectificationPlanMutation;

#[Object]
impl RectificationPlanMutation {
    /// Writes the plan's summary (the unit, while `DRAFTING` or `RETURNED`).
    async fn update_rectification_plan(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: UpdateRectificationPlanInput,
    ) -> ApiResult<UpdateRectificationPlanPayload> {
        let rc = request(ctx)?;
        let id = id::decode_as("id", &input.id, RecordKind::RectificationPlan)?;
        let plan = service::update(&rc.db, &rc.access, id, &input.summary, input.version).await?;
        Ok(UpdateRectificationPlanPayload { rectification_plan: plan.into() })
    }

    /// Adds a line to the plan (the unit, while `DRAFTING` or `RETURNED`).
    async fn add_rectification_plan_item(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: AddRectificationPlanItemInput,
    ) -> ApiResult<AddRectificationPlanItemPayload> {
        let rc = request(ctx)?;
        let plan = id::decode_as("planId", &input.plan_id, RecordKind::RectificationPlan)?;
        let item = service::add_item(&rc.db, &rc.access, plan, input.line.into_line()?).await?;
        Ok(AddRectificationPlanItemPayload { rectification_plan_item: item.into() })
    }

    /// Rewrites a line of the plan (the unit, while `DRAFTING` or `RETURNED`).
    async fn update_rectification_plan_item(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: UpdateRectificationPlanItemInput,
    ) -> ApiResult<UpdateRectificationPlanItemPayload> {
        let rc = request(ctx)?;
        let id = id::decode_as("id", &input.id, RecordKind::RectificationPlanItem)?;
        let item = service::update_item(&rc.db, &rc.access, id, input.line.into_line()?, input.version).await?;
        Ok(UpdateRectificationPlanItemPayload { rectification_plan_item: item.into() })
    }

    /// Removes a line from the plan (the unit, while `DRAFTING` or `RETURNED`); the versions
    /// already submitted keep it.
    async fn delete_rectification_plan_item(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: DeleteRectificationPlanItemInput,
    ) -> ApiResult<DeleteRectificationPlanItemPayload> {
        let rc = request(ctx)?;
        let id = id::decode_as("id", &input.id, RecordKind::RectificationPlanItem)?;
        let removed = service::remove_item(&rc.db, &rc.access, id).await?;
        Ok(DeleteRectificationPlanItemPayload { deleted_id: id::encode(RecordKind::RectificationPlanItem, removed) })
    }

    /// Submits the plan to the office (the unit): `DRAFTING` or `RETURNED` → `SUBMITTED`, kept as
    /// a version. Refused with `INVALID_TRANSITION`, naming the ids left uncovered, unless the
    /// plan has a summary and every recommendation and finding the feedback carries has a line.
    async fn submit_rectification_plan(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: SubmitRectificationPlanInput,
    ) -> ApiResult<SubmitRectificationPlanPayload> {
        let rc = request(ctx)?;
        let id = id::decode_as("id", &input.id, RecordKind::RectificationPlan)?;
        Ok(SubmitRectificationPlanPayload {
            rectification_plan: service::submit(&rc.db, &rc.access, id, input.version).await?.into(),
        })
    }

    /// Approves a submitted plan (the office): `SUBMITTED` → `APPROVED`; each line becomes a task on
    /// the unit's rectification list (`ASSIGNED`).
    async fn approve_rectification_plan(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: ApproveRectificationPlanInput,
    ) -> ApiResult<ApproveRectificationPlanPayload> {
        let plan = answer_plan(ctx, &input.id, input.comment, input.version, Answer::Approve).await?;
        Ok(ApproveRectificationPlanPayload { rectification_plan: plan })
    }

    /// Returns a submitted plan with comments (the office): `SUBMITTED` → `RETURNED`.
    async fn return_rectification_plan(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: ReturnRectificationPlanInput,
    ) -> ApiResult<ReturnRectificationPlanPayload> {
        let plan = answer_plan(ctx, &input.id, input.comment, input.version, Answer::Return).await?;
        Ok(ReturnRectificationPlanPayload { rectification_plan: plan })
    }

    /// Evaluates a unit's rectification (整改评估, the office), once: the plan approved, both
    /// two-month reports accepted, every task but the long-term ones closed.
    async fn evaluate_rectification(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: EvaluateRectificationInput,
    ) -> ApiResult<EvaluateRectificationPayload> {
        let rc = request(ctx)?;
        let id = id::decode_as("id", &input.id, RecordKind::RectificationPlan)?;
        let plan = service::evaluate(&rc.db, &rc.access, id, input.grade.into(), &input.reasons, input.version).await?;
        Ok(EvaluateRectificationPayload { rectification_plan: plan.into() })
    }
}

async fn answer_plan(
    ctx: &Context<'_>,
    id: &ID,
    comment: Option<String>,
    version: Option<i32>,
    answer: Answer,
) -> ApiResult<RectificationPlan> {
    let rc = request(ctx)?;
    let id = id::decode_as("id", id, RecordKind::RectificationPlan)?;
    Ok(service::answer(&rc.db, &rc.access, id, answer, comment, version).await?.into())
}

/// The plan of an inspection, if the caller may see it (for `Inspection.rectificationPlan`).
pub async fn of_inspection(ctx: &Context<'_>, inspection_id: i32) -> ApiResult<Option<RectificationPlan>> {
    Ok(children::<RectificationPlan>(ctx, rectification_plan::Column::InspectionId, inspection_id).await?.pop())
}

/// Orders of the plans list.
#[derive(async_graphql::Enum, Clone, Copy, PartialEq, Eq, Default)]
#[graphql(remote = "super::service::PlanOrder")]
pub enum RectificationPlanOrder {
    /// Due soonest first.
    #[default]
    DueOnAsc,
    /// Due latest first.
    DueOnDesc,
    /// Last changed first.
    UpdatedAtDesc,
}
