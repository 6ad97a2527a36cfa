//! Rounds in the schema.

use async_graphql::{ComplexObject, Context, ID, InputObject, Object, SimpleObject};
use entities::{RecordKind, round};

use super::service::{self, RoundTransition as Move};
use crate::{
    error::ApiResult,
    graphql::{
        Object as ApiObject,
        connection::{connection, page_request_of},
        context::request,
        enums::RoundStatus,
        id,
        loader::optional,
        offers::offered,
        scalars::{Date, Stamps},
        transition_io,
    },
    terms::graphql::Term,
};

/// An inspection round (巡察轮次): `PLANNED` → `APPROVED` → `IN_PROGRESS` → `CLOSED`.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct Round {
    /// Global id.
    pub id: ID,
    /// Name (unique), e.g. 2015年第一轮巡察.
    pub name: String,
    /// First day.
    pub starts_on: Date,
    /// Last day.
    pub ends_on: Date,
    /// The day it actually started (`startRound`); null before. Records of the round may be
    /// dated from this day or the planned first day, whichever is earlier.
    pub started_on: Option<Date>,
    /// Where the round stands.
    pub status: RoundStatus,
    /// When it was made and last changed, and its version.
    #[graphql(flatten)]
    pub stamps: Stamps,
    #[graphql(skip)]
    term_id: Option<i32>,
    #[graphql(skip)]
    row_id: i32,
    #[graphql(skip)]
    row_status: entities::RoundStatus,
}

#[ComplexObject]
impl Round {
    /// Its corrections and returns to planning, oldest first: who, when, why (for a return to
    /// planning) and the fields before and after.
    async fn history(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Rows wanted, 0 to 100 (default 20; 0 to count only).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last row already seen.")] after: Option<String>,
    ) -> ApiResult<crate::revisions::graphql::RevisionConnection> {
        crate::revisions::graphql::history(ctx, RecordKind::Round, self.row_id, first, after).await
    }
    /// Its inspections the caller may see, newest first, with their `totalCount`: as `inspections(filter: { roundId })`.
    #[graphql(complexity = "first.unwrap_or(20).clamp(1, 100) as usize * child_complexity")]
    async fn inspections(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "Rows wanted, 0 to 100 (default 20; 0 to count only). To read past them, pass the last cursor as `after` to the root list with this parent as its filter."
        )]
        first: Option<i32>,
    ) -> ApiResult<crate::inspections::graphql::InspectionConnection> {
        let page =
            crate::graphql::nested::page::<crate::inspections::graphql::InspectionsOfRound>(ctx, self.row_id, first)
                .await?;
        Ok(crate::inspections::graphql::InspectionConnection(page.map(crate::inspections::graphql::Inspection::from)))
    }
    /// The committee term (届) whose plan it carries out; null only for a round made before terms
    /// were recorded and not yet placed in one.
    async fn term(&self, ctx: &Context<'_>) -> ApiResult<Option<Term>> {
        optional(ctx, self.term_id).await
    }
    /// What the caller may do with the round now, by the same policy, reach and states that decide
    /// the mutations, and what they require (`APPROVE` once an inspection is planned; `CLOSE` once
    /// every inspection's feedback is released, the round's report decided on and no clue
    /// pending): each one listed succeeds, each one not listed is refused.
    async fn available_transitions(&self, ctx: &Context<'_>) -> ApiResult<Vec<RoundTransition>> {
        offered::<round::Entity, _, _, _>(ctx, self.row_id, &self.row_status, &service::OFFERS).await
    }
}

/// A transition of a round, as `availableTransitions` lists them.
#[derive(async_graphql::Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "super::service::RoundOffer")]
pub enum RoundTransition {
    /// `approveRound` (the leadership group).
    Approve,
    /// `returnRoundToPlanning` (the leadership group).
    ReturnToPlanning,
    /// `startRound` (the office).
    Start,
    /// `closeRound` (the office).
    Close,
}

impl From<round::Model> for Round {
    fn from(m: round::Model) -> Self {
        Round {
            id: id::encode(RecordKind::Round, m.id),
            name: m.name,
            starts_on: m.starts_on.into(),
            ends_on: m.ends_on.into(),
            started_on: m.started_on.map(Into::into),
            status: m.status.into(),
            stamps: Stamps::new(m.created_at, m.updated_at, m.version),
            term_id: m.term_id,
            row_id: m.id,
            row_status: m.status,
        }
    }
}

impl ApiObject for Round {
    type Guard = round::Entity;

    fn reads(field: &str) -> Option<&'static [round::Column]> {
        use round::Column as C;
        Some(match field {
            "id" | "history" | "inspections" => &[],
            "name" => &[C::Name],
            "startsOn" => &[C::StartsOn],
            "endsOn" => &[C::EndsOn],
            "startedOn" => &[C::StartedOn],
            "status" | "availableTransitions" => &[C::Status],
            "createdAt" => &[C::CreatedAt],
            "updatedAt" => &[C::UpdatedAt],
            "version" => &[C::Version],
            "term" => &[C::TermId],
            _ => return None,
        })
    }
}

connection!(RoundConnection, RoundEdge, Round, "A page of rounds (巡察轮次).");

/// Narrows the round list.
#[derive(InputObject, Default)]
pub struct RoundFilter {
    /// Only rounds in this state.
    pub status: Option<RoundStatus>,
    /// Only this term's rounds.
    pub term_id: Option<ID>,
}

/// Orders of the round list.
#[derive(async_graphql::Enum, Clone, Copy, PartialEq, Eq, Default)]
pub enum RoundOrder {
    /// Latest first.
    #[default]
    StartsOnDesc,
    /// Earliest first.
    StartsOnAsc,
}

/// Round queries.
#[derive(Default)]
pub struct RoundQuery;

#[Object]
impl RoundQuery {
    /// Rounds the caller may see.
    #[graphql(complexity = "first.unwrap_or(20).clamp(1, 100) as usize * child_complexity")]
    async fn rounds(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Rows wanted, 0 to 100 (default 20; 0 to count only).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last row already seen.")] after: Option<String>,
        #[graphql(desc = "Narrows the list.")] filter: Option<RoundFilter>,
        #[graphql(desc = "Order of the list (default STARTS_ON_DESC).", default)] order_by: RoundOrder,
    ) -> ApiResult<RoundConnection> {
        let rc = request(ctx)?;
        let f = filter.unwrap_or_default();
        let filter = service::RoundFilter {
            status: f.status.map(Into::into),
            term_id: id::decode_opt("filter.termId", f.term_id, RecordKind::Term)?,
        };
        let order = match order_by {
            RoundOrder::StartsOnAsc => service::RoundOrder::StartsOnAsc,
            RoundOrder::StartsOnDesc => service::RoundOrder::StartsOnDesc,
        };
        let page =
            service::list_rounds(&rc.db, &rc.access, filter, order, &page_request_of::<Round>(ctx, first, after)?)
                .await?;
        Ok(RoundConnection(page.map(Round::from)))
    }
}

/// Input of `createRound`.
#[derive(InputObject)]
pub struct CreateRoundInput {
    /// Name, unique.
    pub name: String,
    /// First day.
    pub starts_on: Date,
    /// Last day, not before the first.
    pub ends_on: Date,
    /// The committee term whose plan it carries out; by default the term holding `startsOn`. The
    /// round must fall within it.
    pub term_id: Option<ID>,
}

/// Input of `updateRound`.
#[derive(InputObject)]
pub struct UpdateRoundInput {
    /// The round (must be `PLANNED`).
    pub id: ID,
    /// New name.
    pub name: Option<String>,
    /// New first day.
    pub starts_on: Option<Date>,
    /// New last day.
    pub ends_on: Option<Date>,
    /// The version last seen; a different current version is `CONFLICT`.
    pub version: Option<i32>,
}

/// Result of `createRound`.
#[derive(SimpleObject)]
pub struct CreateRoundPayload {
    /// The new round, `PLANNED`.
    pub round: Round,
}

/// Result of `updateRound`.
#[derive(SimpleObject)]
pub struct UpdateRoundPayload {
    /// The round as changed.
    pub round: Round,
}

transition_io!(ApproveRoundInput, ApproveRoundPayload, "approveRound", "round", round: Round);

/// Input of `returnRoundToPlanning`.
#[derive(InputObject)]
pub struct ReturnRoundToPlanningInput {
    /// An `APPROVED` round.
    pub id: ID,
    /// Why its plan is reopened (required, at most 500 characters); kept in its history.
    pub reason: String,
    /// The version read; `CONFLICT` if it moved on.
    pub version: Option<i32>,
}

/// Result of `returnRoundToPlanning`.
#[derive(SimpleObject)]
pub struct ReturnRoundToPlanningPayload {
    /// The round, `PLANNED` again.
    pub round: Round,
}
transition_io!(StartRoundInput, StartRoundPayload, "startRound", "round", round: Round);
transition_io!(CloseRoundInput, CloseRoundPayload, "closeRound", "round", round: Round);

/// Round mutations.
#[derive(Default)]
pub struct RoundMutation;

impl RoundMutation {
    async fn transition(ctx: &Context<'_>, id: &ID, version: Option<i32>, t: Move) -> ApiResult<Round> {
        let rc = request(ctx)?;
        let id = id::decode_as("id", id, RecordKind::Round)?;
        Ok(Round::from(service::transition_round(&rc.db, &rc.access, id, t, version).await?))
    }
}

#[Object]
impl RoundMutation {
    /// Plans a round (office). It starts `PLANNED`.
    async fn create_round(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: CreateRoundInput,
    ) -> ApiResult<CreateRoundPayload> {
        let rc = request(ctx)?;
        let term = id::decode_opt("termId", input.term_id, RecordKind::Term)?;
        let r =
            service::create_round(&rc.db, &rc.access, &input.name, input.starts_on.0, input.ends_on.0, term).await?;
        Ok(CreateRoundPayload { round: r.into() })
    }

    /// Changes a `PLANNED` round's name or dates (office).
    async fn update_round(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: UpdateRoundInput,
    ) -> ApiResult<UpdateRoundPayload> {
        let rc = request(ctx)?;
        let id = id::decode_as("id", &input.id, RecordKind::Round)?;
        let r = service::update_round(
            &rc.db,
            &rc.access,
            id,
            input.name,
            input.starts_on.map(|d| d.0),
            input.ends_on.map(|d| d.0),
            input.version,
        )
        .await?;
        Ok(UpdateRoundPayload { round: r.into() })
    }

    /// Approves a planned round: `PLANNED` → `APPROVED` (leadership group).
    async fn approve_round(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: ApproveRoundInput,
    ) -> ApiResult<ApproveRoundPayload> {
        Ok(ApproveRoundPayload { round: Self::transition(ctx, &input.id, input.version, Move::Approve).await? })
    }

    /// Returns an approved round to planning: `APPROVED` → `PLANNED` (leadership group), with the
    /// reason, kept in its `history`. After approval the plan (rosters, inspections) changes only
    /// by the leadership group, or this way.
    async fn return_round_to_planning(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: ReturnRoundToPlanningInput,
    ) -> ApiResult<ReturnRoundToPlanningPayload> {
        let rc = request(ctx)?;
        let id = id::decode_as("id", &input.id, RecordKind::Round)?;
        let round = service::return_to_planning(&rc.db, &rc.access, id, &input.reason, input.version).await?;
        Ok(ReturnRoundToPlanningPayload { round: round.into() })
    }

    /// Stations the teams: `APPROVED` → `IN_PROGRESS` (office); the round's `startedOn` is today.
    async fn start_round(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: StartRoundInput,
    ) -> ApiResult<StartRoundPayload> {
        Ok(StartRoundPayload { round: Self::transition(ctx, &input.id, input.version, Move::Start).await? })
    }

    /// Closes a round: `IN_PROGRESS` → `CLOSED` (office), once every inspection's feedback is
    /// released, the district committee has decided on the round's comprehensive report, and no
    /// clue of the round awaits the leadership group's decision or its referral.
    async fn close_round(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: CloseRoundInput,
    ) -> ApiResult<CloseRoundPayload> {
        Ok(CloseRoundPayload { round: Self::transition(ctx, &input.id, input.version, Move::Close).await? })
    }
}
