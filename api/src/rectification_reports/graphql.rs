//! Rectification reports in the schema, and the public query of the published ones.

use async_graphql::{ComplexObject, Context, ID, InputObject, Object, SimpleObject};
use entities::{RecordKind, rectification_report};

use super::service::{self, Answer};
use crate::{
    error::ApiResult,
    graphql::{
        connection::{connection, page_request},
        context::request,
        enums::{RectificationReportKind, RectificationReportStatus},
        id,
        loader::required,
        scalars::{Date, DateTime, Stamps},
        transition_io,
    },
    inspections::graphql::Inspection,
};

/// A unit's rectification report: its report on the rectification (整改情况报告), its principal
/// leader's report on organising it (主要负责人组织落实情况报告), or the public version (整改情况公开).
/// All three are opened, empty, when the feedback is released.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct RectificationReport {
    /// Global id.
    pub id: ID,
    /// Which report it is.
    pub kind: RectificationReportKind,
    /// Where it stands.
    pub status: RectificationReportStatus,
    /// The text (empty until the unit writes it). Long-term tasks still open are reported on here.
    pub body: String,
    /// The last day to submit it (the feedback's day plus two months unless configured
    /// otherwise); null for the public version.
    pub due_on: Option<Date>,
    /// Past its day and not yet submitted.
    pub overdue: bool,
    /// When the unit last submitted it.
    pub submitted_at: Option<DateTime>,
    /// When the office last accepted, published or returned it.
    pub decided_at: Option<DateTime>,
    /// The office's comments.
    pub office_comment: Option<String>,
    /// When the public version was published.
    pub published_at: Option<DateTime>,
    /// When it was made and last changed, and its version.
    #[graphql(flatten)]
    pub stamps: Stamps,
    #[graphql(skip)]
    row: rectification_report::Model,
}

impl crate::graphql::Object for RectificationReport {
    type Guard = rectification_report::Entity;
}

impl From<rectification_report::Model> for RectificationReport {
    fn from(m: rectification_report::Model) -> Self {
        RectificationReport {
            id: id::encode(RecordKind::RectificationReport, m.id),
            kind: m.kind.into(),
            status: m.status.into(),
            body: m.body.clone(),
            due_on: m.due_on.map(Into::into),
            overdue: service::is_overdue(&m, crate::clock::today()),
            submitted_at: m.submitted_at.map(Into::into),
            decided_at: m.decided_at.map(Into::into),
            office_comment: m.office_comment.clone(),
            published_at: m.published_at.map(Into::into),
            stamps: Stamps::new(m.created_at, m.updated_at, m.version),
            row: m,
        }
    }
}

#[ComplexObject]
impl RectificationReport {
    /// The inspection whose feedback it answers.
    async fn inspection(&self, ctx: &Context<'_>) -> ApiResult<Inspection> {
        required(ctx, self.row.inspection_id).await
    }
    /// What the caller may do with the report now, by the same rules that decide the mutations:
    /// each one listed succeeds, each one not listed is refused.
    async fn available_transitions(&self, ctx: &Context<'_>) -> ApiResult<Vec<RectificationReportTransition>> {
        let rc = request(ctx)?;
        let inspection = crate::graphql::loader::loaders(ctx)?
            .by_id::<entities::inspection::Entity>()
            .load_one(self.row.inspection_id)
            .await?;
        let unit = inspection.as_ref().map(|i| i.unit_id);
        let closed = inspection.is_some_and(|i| i.status == entities::InspectionStatus::Closed);
        Ok(service::available(&rc.access, &self.row, unit, closed).into_iter().map(Into::into).collect())
    }
}

/// A transition of a rectification report, as `availableTransitions` lists them.
#[derive(async_graphql::Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "super::service::ReportTransition")]
pub enum RectificationReportTransition {
    /// `updateRectificationReport` (the unit).
    Write,
    /// `submitRectificationReport` (the unit; its principal leader's report, its principal leader).
    Submit,
    /// `acceptRectificationReport` (the office; publishes the public version).
    Accept,
    /// `returnRectificationReport` (the office).
    Return,
}

connection!(
    RectificationReportConnection,
    RectificationReportEdge,
    RectificationReport,
    "A page of rectification reports."
);

/// A published rectification (整改情况公开), as anyone reads it: its day, its unit and its text,
/// nothing else.
#[derive(SimpleObject, Clone)]
pub struct PublishedRectification {
    /// The day it was published.
    pub published_on: Date,
    /// The unit's name.
    pub unit_name: String,
    /// The public text.
    pub body: String,
}

impl From<service::Published> for PublishedRectification {
    fn from(p: service::Published) -> Self {
        PublishedRectification { published_on: p.published_on.into(), unit_name: p.unit_name, body: p.body }
    }
}

connection!(
    PublishedRectificationConnection,
    PublishedRectificationEdge,
    PublishedRectification,
    "A page of published rectifications (整改情况公开)."
);

/// Narrows the report list.
#[derive(InputObject, Default)]
pub struct RectificationReportFilter {
    /// Only this inspection's.
    pub inspection_id: Option<ID>,
    /// Only this unit's.
    pub unit_id: Option<ID>,
    /// Only this round's.
    pub round_id: Option<ID>,
    /// Only these kinds.
    pub kinds: Option<Vec<RectificationReportKind>>,
    /// Only these states.
    pub statuses: Option<Vec<RectificationReportStatus>>,
    /// Only overdue (true) or only not overdue (false) reports.
    pub overdue: Option<bool>,
}

/// Rectification report queries.
#[derive(Default)]
pub struct RectificationReportQuery;

#[Object]
impl RectificationReportQuery {
    /// The rectification reports the caller may see, in the order they were opened: the office and
    /// the leadership group all, a team its own inspections', a unit its own, an agency that
    /// supervises rectification every unit's.
    #[graphql(complexity = "first.unwrap_or(20).clamp(1, 100) as usize * child_complexity")]
    async fn rectification_reports(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Rows wanted, 0 to 100 (default 20; 0 to count only).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last row already seen.")] after: Option<String>,
        #[graphql(desc = "Narrows the list.")] filter: Option<RectificationReportFilter>,
        #[graphql(desc = "Order of the list (default CREATED_AT_ASC).", default)] order_by: RectificationReportOrder,
    ) -> ApiResult<RectificationReportConnection> {
        let rc = request(ctx)?;
        let f = filter.unwrap_or_default();
        let filter = service::ReportFilter {
            inspection_id: f
                .inspection_id
                .map(|i| id::decode_as("filter.inspectionId", &i, RecordKind::Inspection))
                .transpose()?,
            unit_id: f.unit_id.map(|u| id::decode_as("filter.unitId", &u, RecordKind::Organization)).transpose()?,
            round_id: f.round_id.map(|r| id::decode_as("filter.roundId", &r, RecordKind::Round)).transpose()?,
            kinds: f.kinds.map(|v| v.into_iter().map(Into::into).collect()),
            statuses: f.statuses.map(|v| v.into_iter().map(Into::into).collect()),
            overdue: f.overdue,
        };
        let page =
            service::list(&rc.db, &rc.access, filter, order_by.into(), &page_request(ctx, first, after)?).await?;
        Ok(RectificationReportConnection(page.map(RectificationReport::from)))
    }

    /// The published rectifications (整改情况公开), newest first: readable by anyone, without a
    /// token. Each gives its day, its unit's name and its text, and nothing else.
    #[graphql(complexity = "first.unwrap_or(20).clamp(1, 100) as usize * child_complexity")]
    async fn published_rectifications(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Rows wanted, 0 to 100 (default 20; 0 to count only).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last row already seen.")] after: Option<String>,
    ) -> ApiResult<PublishedRectificationConnection> {
        let rc = request(ctx)?;
        let page = service::published(&rc.db, &page_request(ctx, first, after)?).await?;
        Ok(PublishedRectificationConnection(page.map(PublishedRectification::from)))
    }
}

/// Input of `updateRectificationReport`.
#[derive(InputObject)]
pub struct UpdateRectificationReportInput {
    /// The report (`DRAFTING` or `RETURNED`).
    pub id: ID,
    /// Its text (at most 50,000 characters).
    pub body: String,
    /// The version last seen; a different current version is `CONFLICT`.
    pub version: Option<i32>,
}

/// Result of `updateRectificationReport`.
#[derive(SimpleObject)]
pub struct UpdateRectificationReportPayload {
    /// The report as it now is.
    pub rectification_report: RectificationReport,
}

transition_io!(SubmitRectificationReportInput, SubmitRectificationReportPayload, "submitRectificationReport", "report", rectification_report: RectificationReport);

/// Declares the input and payload of the office's answer to a submitted report.
macro_rules! answer_io {
    ($input:ident, $payload:ident, $name:literal, $comment:literal) => {
        #[doc = concat!("Input of `", $name, "`.")]
        #[derive(InputObject)]
        pub struct $input {
            /// The report (`SUBMITTED`).
            pub id: ID,
            #[doc = $comment]
            pub comment: Option<String>,
            /// The version last seen; a different current version is `CONFLICT`.
            pub version: Option<i32>,
        }

        #[doc = concat!("Result of `", $name, "`.")]
        #[derive(SimpleObject)]
        pub struct $payload {
            /// The report as it now is.
            pub rectification_report: RectificationReport,
        }
    };
}

answer_io!(
    AcceptRectificationReportInput,
    AcceptRectificationReportPayload,
    "acceptRectificationReport",
    "The office's comments, if any (at most 5,000 characters)."
);
answer_io!(
    ReturnRectificationReportInput,
    ReturnRectificationReportPayload,
    "returnRectificationReport",
    "What the unit must revise (required, at most 5,000 characters)."
);

/// Rectification report mutations.
#[derive(Default)]
pub struct RectificationReportMutation;

#[Object]
impl RectificationReportMutation {
    /// Writes a report's text (the unit, while `DRAFTING` or `RETURNED`).
    async fn update_rectification_report(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: UpdateRectificationReportInput,
    ) -> ApiResult<UpdateRectificationReportPayload> {
        let rc = request(ctx)?;
        let id = id::decode_as("id", &input.id, RecordKind::RectificationReport)?;
        let report = service::update(&rc.db, &rc.access, id, &input.body, input.version).await?;
        Ok(UpdateRectificationReportPayload { rectification_report: report.into() })
    }

    /// Submits a report (the unit): `DRAFTING` or `RETURNED` → `SUBMITTED`. The principal leader's
    /// report is submitted by the principal leader only (`FORBIDDEN` for another leader).
    async fn submit_rectification_report(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: SubmitRectificationReportInput,
    ) -> ApiResult<SubmitRectificationReportPayload> {
        let rc = request(ctx)?;
        let id = id::decode_as("id", &input.id, RecordKind::RectificationReport)?;
        let report = service::submit(&rc.db, &rc.access, id, input.version).await?;
        Ok(SubmitRectificationReportPayload { rectification_report: report.into() })
    }

    /// Accepts a submitted report (the office): `SUBMITTED` → `ACCEPTED`; the public version
    /// becomes `PUBLISHED`, readable by anyone through `publishedRectifications`.
    async fn accept_rectification_report(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: AcceptRectificationReportInput,
    ) -> ApiResult<AcceptRectificationReportPayload> {
        let report = answer_report(ctx, &input.id, input.comment, input.version, Answer::Accept).await?;
        Ok(AcceptRectificationReportPayload { rectification_report: report })
    }

    /// Returns a submitted report with comments (the office): `SUBMITTED` → `RETURNED`.
    async fn return_rectification_report(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: ReturnRectificationReportInput,
    ) -> ApiResult<ReturnRectificationReportPayload> {
        let report = answer_report(ctx, &input.id, input.comment, input.version, Answer::Return).await?;
        Ok(ReturnRectificationReportPayload { rectification_report: report })
    }
}

async fn answer_report(
    ctx: &Context<'_>,
    id: &ID,
    comment: Option<String>,
    version: Option<i32>,
    answer: Answer,
) -> ApiResult<RectificationReport> {
    let rc = request(ctx)?;
    let id = id::decode_as("id", id, RecordKind::RectificationReport)?;
    Ok(service::answer(&rc.db, &rc.access, id, answer, comment, version).await?.into())
}

/// Orders of the reports list.
#[derive(async_graphql::Enum, Clone, Copy, PartialEq, Eq, Default)]
#[graphql(remote = "super::service::ReportOrder")]
pub enum RectificationReportOrder {
    /// In the order they were opened (each inspection's three together).
    #[default]
    CreatedAtAsc,
    /// Newest first.
    CreatedAtDesc,
    /// Last changed first.
    UpdatedAtDesc,
}
