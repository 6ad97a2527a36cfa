//! Decisions in the schema.

use async_graphql::{ComplexObject, Context, ID, InputObject, Object, SimpleObject};
use entities::{RecordKind, decision};

use super::service;
use crate::{
    error::ApiResult,
    graphql::{
        Object as ApiObject,
        connection::{connection, page_request},
        context::request,
        id,
        loader::optional,
        scalars::{Date, DateTime},
    },
    hearings::service::Subject,
    inspections::graphql::Inspection,
    round_reports::graphql::RoundReport,
};

/// The district committee's decision on a heard report (书记专题会决定): on an inspection, after
/// which the office releases its feedback; or on a round's comprehensive report, after which the
/// round may close.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct Decision {
    /// Global id.
    pub id: ID,
    /// The day of the meeting.
    pub decided_on: Date,
    /// What was decided.
    pub text: String,
    /// When it was recorded.
    pub created_at: DateTime,
    #[graphql(skip)]
    row: decision::Model,
}

impl From<decision::Model> for Decision {
    fn from(m: decision::Model) -> Self {
        Decision {
            id: id::encode(RecordKind::Decision, m.id),
            decided_on: m.decided_on.into(),
            text: m.text.clone(),
            created_at: m.created_at.into(),
            row: m,
        }
    }
}

impl ApiObject for Decision {
    type Guard = decision::Entity;
}

#[ComplexObject]
impl Decision {
    /// The inspection decided on.
    async fn inspection(&self, ctx: &Context<'_>) -> ApiResult<Option<Inspection>> {
        optional(ctx, self.row.inspection_id).await
    }
    /// The round report decided on.
    async fn round_report(&self, ctx: &Context<'_>) -> ApiResult<Option<RoundReport>> {
        optional(ctx, self.row.round_report_id).await
    }
}

connection!(
    DecisionConnection,
    DecisionEdge,
    Decision,
    "A page of the district committee's decisions (书记专题会决定)."
);

/// Decision queries.
#[derive(Default)]
pub struct DecisionQuery;

#[Object]
impl DecisionQuery {
    /// Decisions the caller may see, newest first: all for the office and leadership, those on its
    /// inspections for a team.
    #[graphql(complexity = "first.unwrap_or(20).clamp(1, 100) as usize * child_complexity")]
    async fn decisions(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Rows wanted, 0 to 100 (default 20; 0 to count only).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last row already seen.")] after: Option<String>,
        #[graphql(desc = "Order of the list (default CREATED_AT_DESC).", default)] order_by: DecisionOrder,
    ) -> ApiResult<DecisionConnection> {
        let rc = request(ctx)?;
        let page = service::list(&rc.db, &rc.access, order_by.into(), &page_request(ctx, first, after)?).await?;
        Ok(DecisionConnection(page.map(Decision::from)))
    }
}

/// Input of `recordDecision`.
#[derive(InputObject)]
pub struct RecordDecisionInput {
    /// What was decided on: an `Inspection` or a `RoundReport`, heard and accepted (`HEARD`).
    pub subject_id: ID,
    /// The day of the secretary meeting: not before the hearing, not in the future.
    pub decided_on: Date,
    /// What was decided (at most 10,000 characters).
    pub text: String,
}

/// Result of `recordDecision`.
#[derive(SimpleObject)]
pub struct RecordDecisionPayload {
    /// The decision recorded; its subject is now `DECIDED`.
    pub decision: Decision,
}

/// Decision mutations.
#[derive(Default)]
pub struct DecisionMutation;

#[Object]
impl DecisionMutation {
    /// Records the district committee's decision on a heard report (the leadership group or the
    /// office).
    async fn record_decision(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: RecordDecisionInput,
    ) -> ApiResult<RecordDecisionPayload> {
        let rc = request(ctx)?;
        let (kind, n) = id::decode("subjectId", &input.subject_id)?;
        let subject = Subject::of("subjectId", kind, n)?;
        let d = service::record(&rc.db, &rc.access, subject, input.decided_on.0, &input.text).await?;
        Ok(RecordDecisionPayload { decision: d.into() })
    }
}

/// Orders of the decisions list.
#[derive(async_graphql::Enum, Clone, Copy, PartialEq, Eq, Default)]
#[graphql(remote = "super::service::DecisionOrder")]
pub enum DecisionOrder {
    /// Newest recorded first.
    #[default]
    CreatedAtDesc,
    /// Latest decided first.
    DecidedOnDesc,
    /// Earliest decided first.
    DecidedOnAsc,
}
