//! Hearings in the schema.

use async_graphql::{ComplexObject, Context, ID, InputObject, Object, SimpleObject};
use entities::{RecordKind, hearing};

use super::service::{self, Subject};
use crate::{
    error::ApiResult,
    graphql::{
        Object as ApiObject,
        connection::{connection, page_request},
        context::request,
        enums::HearingOutcome,
        id,
        loader::optional,
        scalars::{Date, DateTime},
    },
    inspections::graphql::Inspection,
    round_reports::graphql::RoundReport,
};

/// The leadership group's hearing of a report (听取汇报): an inspection's team report, or a round's
/// comprehensive report. Exactly one of `inspection` and `roundReport` is set (for a team, only
/// hearings of its own inspections exist).
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct Hearing {
    /// Global id.
    pub id: ID,
    /// The day of the hearing.
    pub heard_on: Date,
    /// The leadership group's opinion.
    pub opinion: String,
    /// The handling it proposes to the district committee.
    pub proposed_handling: String,
    /// Accepted, or returned for revision.
    pub outcome: HearingOutcome,
    /// When it was recorded.
    pub created_at: DateTime,
    #[graphql(skip)]
    row: hearing::Model,
}

impl From<hearing::Model> for Hearing {
    fn from(m: hearing::Model) -> Self {
        Hearing {
            id: id::encode(RecordKind::Hearing, m.id),
            heard_on: m.heard_on.into(),
            opinion: m.opinion.clone(),
            proposed_handling: m.proposed_handling.clone(),
            outcome: m.outcome.into(),
            created_at: m.created_at.into(),
            row: m,
        }
    }
}

impl ApiObject for Hearing {
    type Guard = hearing::Entity;
}

#[ComplexObject]
impl Hearing {
    /// The inspection whose report was heard.
    async fn inspection(&self, ctx: &Context<'_>) -> ApiResult<Option<Inspection>> {
        optional(ctx, self.row.inspection_id).await
    }
    /// The round report heard.
    async fn round_report(&self, ctx: &Context<'_>) -> ApiResult<Option<RoundReport>> {
        optional(ctx, self.row.round_report_id).await
    }
}

connection!(HearingConnection, HearingEdge, Hearing, "A page of hearings (听取汇报).");

/// Narrows the hearings.
#[derive(InputObject, Default)]
pub struct HearingFilter {
    /// Only this inspection's.
    pub inspection_id: Option<ID>,
    /// Only this round report's.
    pub round_report_id: Option<ID>,
}

/// Hearing queries.
#[derive(Default)]
pub struct HearingQuery;

#[Object]
impl HearingQuery {
    /// Hearings the caller may see, newest first: all for the office and leadership, those of its
    /// inspections for a team.
    #[graphql(complexity = "first.unwrap_or(20).clamp(1, 100) as usize * child_complexity")]
    async fn hearings(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Rows wanted, 0 to 100 (default 20; 0 to count only).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last row already seen.")] after: Option<String>,
        #[graphql(desc = "Narrows the list.")] filter: Option<HearingFilter>,
        #[graphql(desc = "Order of the list (default CREATED_AT_DESC).", default)] order_by: HearingOrder,
    ) -> ApiResult<HearingConnection> {
        let rc = request(ctx)?;
        let f = filter.unwrap_or_default();
        let filter = service::Filter {
            inspection_id: id::decode_opt("filter.inspectionId", f.inspection_id, RecordKind::Inspection)?,
            round_report_id: id::decode_opt("filter.roundReportId", f.round_report_id, RecordKind::RoundReport)?,
        };
        let page =
            service::list(&rc.db, &rc.access, filter, order_by.into(), &page_request(ctx, first, after)?).await?;
        Ok(HearingConnection(page.map(Hearing::from)))
    }
}

/// Input of `recordHearing`.
#[derive(InputObject)]
pub struct RecordHearingInput {
    /// What was heard: an `Inspection` whose report is `REPORTED`, or a `RoundReport` that is
    /// `SUBMITTED`.
    pub subject_id: ID,
    /// The day of the hearing: not before the report was submitted, not in the future.
    pub heard_on: Date,
    /// The leadership group's opinion (at most 10,000 characters).
    pub opinion: String,
    /// The handling it proposes to the district committee (at most 10,000 characters).
    pub proposed_handling: String,
    /// `ACCEPTED` (the subject moves to `HEARD`), or `RETURNED` for revision (an inspection back
    /// to `STATIONED`, its report a draft again; a round report back to `DRAFT`).
    pub outcome: HearingOutcome,
}

/// Result of `recordHearing`.
#[derive(SimpleObject)]
pub struct RecordHearingPayload {
    /// The hearing recorded.
    pub hearing: Hearing,
}

/// Hearing mutations.
#[derive(Default)]
pub struct HearingMutation;

#[Object]
impl HearingMutation {
    /// Records the leadership group's hearing of a report (the leadership group): accepted for
    /// the district committee, or returned for revision.
    async fn record_hearing(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: RecordHearingInput,
    ) -> ApiResult<RecordHearingPayload> {
        let rc = request(ctx)?;
        let (kind, n) = id::decode("subjectId", &input.subject_id)?;
        let new = service::NewHearing {
            subject: Subject::of("subjectId", kind, n)?,
            heard_on: input.heard_on.0,
            opinion: input.opinion,
            proposed_handling: input.proposed_handling,
            outcome: input.outcome.into(),
        };
        Ok(RecordHearingPayload { hearing: service::record(&rc.db, &rc.access, new).await?.into() })
    }
}

/// Orders of the hearings list.
#[derive(async_graphql::Enum, Clone, Copy, PartialEq, Eq, Default)]
#[graphql(remote = "super::service::HearingOrder")]
pub enum HearingOrder {
    /// Newest recorded first.
    #[default]
    CreatedAtDesc,
    /// Latest heard first.
    HeardOnDesc,
    /// Earliest heard first.
    HeardOnAsc,
}
