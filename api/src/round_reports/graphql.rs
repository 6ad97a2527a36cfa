//! Round reports in the schema.

use async_graphql::{ComplexObject, Context, ID, InputObject, Object, SimpleObject};
use entities::{RecordKind, decision, hearing, round_report};

use super::service;
use crate::{
    decisions::graphql::Decision,
    error::ApiResult,
    graphql::{
        Object as ApiObject,
        connection::{connection, page_request},
        context::request,
        enums::RoundReportStatus,
        id,
        loader::{children, required},
        scalars::{DateTime, Stamps},
    },
    hearings::graphql::Hearing,
    rounds::graphql::Round,
};

/// A round's comprehensive report (综合报告) from the office to the district committee, over all
/// the round's inspections: `DRAFT` → `SUBMITTED` → `HEARD` → `DECIDED` (a hearing may return it
/// to `DRAFT`). The office and the leadership group read it.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct RoundReport {
    /// Global id.
    pub id: ID,
    /// The text.
    pub body: String,
    /// Where it stands.
    pub status: RoundReportStatus,
    /// When it was last submitted; null while a draft.
    pub submitted_at: Option<DateTime>,
    /// When it was made and last changed, and its version.
    #[graphql(flatten)]
    pub stamps: Stamps,
    #[graphql(skip)]
    row: round_report::Model,
}

impl From<round_report::Model> for RoundReport {
    fn from(m: round_report::Model) -> Self {
        RoundReport {
            id: id::encode(RecordKind::RoundReport, m.id),
            body: m.body.clone(),
            status: m.status.into(),
            submitted_at: m.submitted_at.map(Into::into),
            stamps: Stamps::new(m.created_at, m.updated_at, m.version),
            row: m,
        }
    }
}

impl ApiObject for RoundReport {
    type Guard = round_report::Entity;
}

#[ComplexObject]
impl RoundReport {
    /// What the caller may do with the report now, by the same policy, reach and states that
    /// decide the mutations, and what they require (`WRITE` while the round is in progress;
    /// `SUBMIT` once every inspection of the round has reported): each one listed succeeds (given
    /// valid input), each one not listed is refused.
    async fn available_transitions(&self, ctx: &Context<'_>) -> ApiResult<Vec<RoundReportTransition>> {
        crate::graphql::offers::offered::<round_report::Entity, _, _, _>(
            ctx,
            self.row.id,
            &self.row.status,
            &service::OFFERS,
        )
        .await
    }
    /// The round.
    async fn round(&self, ctx: &Context<'_>) -> ApiResult<Round> {
        required(ctx, self.row.round_id).await
    }
    /// The leadership group's hearings of it, oldest first.
    async fn hearings(&self, ctx: &Context<'_>) -> ApiResult<Vec<Hearing>> {
        children(ctx, hearing::Column::RoundReportId, self.row.id).await
    }
    /// The district committee's decision on it; null until recorded.
    async fn decision(&self, ctx: &Context<'_>) -> ApiResult<Option<Decision>> {
        Ok(children(ctx, decision::Column::RoundReportId, self.row.id).await?.into_iter().next())
    }
}

connection!(RoundReportConnection, RoundReportEdge, RoundReport, "A page of rounds' comprehensive reports (综合报告).");

/// Round report queries.
#[derive(Default)]
pub struct RoundReportQuery;

#[Object]
impl RoundReportQuery {
    /// Rounds' comprehensive reports, newest first (the office and the leadership group).
    #[graphql(complexity = "first.unwrap_or(20).clamp(1, 100) as usize * child_complexity")]
    async fn round_reports(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Rows wanted, 0 to 100 (default 20; 0 to count only).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last row already seen.")] after: Option<String>,
        #[graphql(desc = "Only reports in this state.")] status: Option<RoundReportStatus>,
        #[graphql(desc = "Order of the list (default CREATED_AT_DESC).", default)] order_by: RoundReportOrder,
    ) -> ApiResult<RoundReportConnection> {
        let rc = request(ctx)?;
        let page = service::list(
            &rc.db,
            &rc.access,
            status.map(Into::into),
            order_by.into(),
            &page_request(ctx, first, after)?,
        )
        .await?;
        Ok(RoundReportConnection(page.map(RoundReport::from)))
    }
}

/// Input of `saveRoundReport`.
#[derive(InputObject)]
pub struct SaveRoundReportInput {
    /// The round (in progress).
    pub round_id: ID,
    /// The text (at most 50,000 characters); replaces the draft.
    pub body: String,
}

/// Result of `saveRoundReport`.
#[derive(SimpleObject)]
pub struct SaveRoundReportPayload {
    /// The report as saved, a draft.
    pub round_report: RoundReport,
}

/// Input of `submitRoundReport`.
#[derive(InputObject)]
pub struct SubmitRoundReportInput {
    /// The round report (a draft).
    pub id: ID,
    /// The version last seen; a different current version is `CONFLICT`.
    pub version: Option<i32>,
}

/// Result of `submitRoundReport`.
#[derive(SimpleObject)]
pub struct SubmitRoundReportPayload {
    /// The report, now `SUBMITTED`.
    pub round_report: RoundReport,
}

/// Round report mutations.
#[derive(Default)]
pub struct RoundReportMutation;

#[Object]
impl RoundReportMutation {
    /// Writes a round's comprehensive report while the round is under way (office); a draft until
    /// submitted.
    async fn save_round_report(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: SaveRoundReportInput,
    ) -> ApiResult<SaveRoundReportPayload> {
        let rc = request(ctx)?;
        let round = id::decode_as("roundId", &input.round_id, RecordKind::Round)?;
        Ok(SaveRoundReportPayload { round_report: service::save(&rc.db, &rc.access, round, &input.body).await?.into() })
    }

    /// Submits a round's comprehensive report to the leadership group: `DRAFT` → `SUBMITTED`
    /// (office), once every inspection of the round has reported.
    async fn submit_round_report(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: SubmitRoundReportInput,
    ) -> ApiResult<SubmitRoundReportPayload> {
        let rc = request(ctx)?;
        let id = id::decode_as("id", &input.id, RecordKind::RoundReport)?;
        Ok(SubmitRoundReportPayload {
            round_report: service::submit(&rc.db, &rc.access, id, input.version).await?.into(),
        })
    }
}

/// A transition of a round's report, as `availableTransitions` lists them.
#[derive(async_graphql::Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "super::service::RoundReportOffer")]
pub enum RoundReportTransition {
    /// `saveRoundReport` (the office).
    Write,
    /// `submitRoundReport` (the office).
    Submit,
    /// `recordHearing` (the leadership group).
    RecordHearing,
    /// `recordDecision` (the leadership group or the office).
    RecordDecision,
}

/// Orders of the round reports list.
#[derive(async_graphql::Enum, Clone, Copy, PartialEq, Eq, Default)]
#[graphql(remote = "super::service::RoundReportOrder")]
pub enum RoundReportOrder {
    /// Newest first.
    #[default]
    CreatedAtDesc,
    /// Oldest first.
    CreatedAtAsc,
    /// Last changed first.
    UpdatedAtDesc,
}
