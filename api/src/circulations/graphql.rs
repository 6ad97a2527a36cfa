//! Circulations in the schema.

use async_graphql::{ComplexObject, Context, ID, InputObject, Object, SimpleObject};
use entities::{RecordKind, circulation};

use super::service;
use crate::{
    error::ApiResult,
    graphql::{
        connection::{connection, page_request},
        context::request,
        id,
        loader::required,
        scalars::DateTime,
    },
    rounds::graphql::Round,
};

/// A round's rectification summary, circulated within the party to the leaders of the units
/// inspected in it (党内通报).
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct Circulation {
    /// Global id.
    pub id: ID,
    /// The text.
    pub body: String,
    /// When it was circulated.
    pub created_at: DateTime,
    #[graphql(skip)]
    round_id: i32,
}

impl crate::graphql::Object for Circulation {
    type Guard = circulation::Entity;
}

impl From<circulation::Model> for Circulation {
    fn from(m: circulation::Model) -> Self {
        Circulation {
            id: id::encode(RecordKind::Circulation, m.id),
            body: m.body,
            created_at: m.created_at.into(),
            round_id: m.round_id,
        }
    }
}

#[ComplexObject]
impl Circulation {
    /// The round.
    async fn round(&self, ctx: &Context<'_>) -> ApiResult<Round> {
        required(ctx, self.round_id).await
    }
}

connection!(CirculationConnection, CirculationEdge, Circulation, "A page of circulations (党内通报).");

/// Circulation queries.
#[derive(Default)]
pub struct CirculationQuery;

#[Object]
impl CirculationQuery {
    /// The circulations the caller may see, newest first: the office and the leadership group all,
    /// a unit's leaders those of the rounds in which their unit's feedback was released.
    #[graphql(complexity = "first.unwrap_or(20).clamp(1, 100) as usize * child_complexity")]
    async fn circulations(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Rows wanted, 0 to 100 (default 20; 0 to count only).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last row already seen.")] after: Option<String>,
        #[graphql(desc = "Only this round's.")] round_id: Option<ID>,
        #[graphql(desc = "Order of the list (default CREATED_AT_DESC).", default)] order_by: CirculationOrder,
    ) -> ApiResult<CirculationConnection> {
        let rc = request(ctx)?;
        let round = round_id.map(|r| id::decode_as("roundId", &r, RecordKind::Round)).transpose()?;
        let page = service::list(&rc.db, &rc.access, round, order_by.into(), &page_request(ctx, first, after)?).await?;
        Ok(CirculationConnection(page.map(Circulation::from)))
    }
}

/// Input of `circulateRectificationSummary`.
#[derive(InputObject)]
pub struct CirculateRectificationSummaryInput {
    /// The round (started).
    pub round_id: ID,
    /// The summary (at most 50,000 characters).
    pub body: String,
}

/// Result of `circulateRectificationSummary`.
#[derive(SimpleObject)]
pub struct CirculateRectificationSummaryPayload {
    /// The circulation.
    pub circulation: Circulation,
}

/// Circulation mutations.
#[derive(Default)]
pub struct CirculationMutation;

#[Object]
impl CirculationMutation {
    /// Circulates a round's rectification summary within the party (党内通报, the office): the
    /// leaders of every unit whose feedback in that round is released read it.
    async fn circulate_rectification_summary(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: CirculateRectificationSummaryInput,
    ) -> ApiResult<CirculateRectificationSummaryPayload> {
        let rc = request(ctx)?;
        let round = id::decode_as("roundId", &input.round_id, RecordKind::Round)?;
        let c = service::circulate(&rc.db, &rc.access, round, &input.body).await?;
        Ok(CirculateRectificationSummaryPayload { circulation: c.into() })
    }
}

/// Orders of the circulations list.
#[derive(async_graphql::Enum, Clone, Copy, PartialEq, Eq, Default)]
#[graphql(remote = "super::service::CirculationOrder")]
pub enum CirculationOrder {
    /// Newest first.
    #[default]
    CreatedAtDesc,
    /// Oldest first.
    CreatedAtAsc,
}
