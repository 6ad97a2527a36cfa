//! Rounds, inspections and rosters in the schema.

use async_graphql::{ComplexObject, Context, ID, InputObject, Object, SimpleObject};
use entities::{RecordKind, inspection, roster_entry, round};

use super::service::{self, InspectionTransition, RoundTransition};
use crate::{
    error::ApiResult,
    graphql::scalars::{Date, DateTime, Stamps},
    graphql::{
        connection::{connection, page_request},
        context::request,
        enums::{InspectionStatus, RosterPosition, RoundStatus},
        id,
        loader::{loaders, required},
        transition_io,
    },
    organizations::graphql::Organization,
    reports::graphql::{Feedback, Report},
    talent::graphql::Expert,
};

/// An inspection round (巡察轮次): `PLANNED` → `APPROVED` → `IN_PROGRESS` → `CLOSED`.
#[derive(SimpleObject, Clone)]
pub struct Round {
    /// Global id.
    pub id: ID,
    /// Name (unique), e.g. 2015年第一轮巡察.
    pub name: String,
    /// First day.
    pub starts_on: Date,
    /// Last day.
    pub ends_on: Date,
    /// Where the round stands.
    pub status: RoundStatus,
    /// When it was made and last changed, and its version.
    #[graphql(flatten)]
    pub stamps: Stamps,
}

impl From<round::Model> for Round {
    fn from(m: round::Model) -> Self {
        Round {
            id: id::encode(RecordKind::Round, m.id),
            name: m.name,
            starts_on: m.starts_on.into(),
            ends_on: m.ends_on.into(),
            status: m.status.into(),
            stamps: Stamps::new(m.created_at, m.updated_at, m.version),
        }
    }
}

/// An inspection (巡察): one team inspects one unit in one round.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct Inspection {
    /// Global id.
    pub id: ID,
    /// Where the inspection stands.
    pub status: InspectionStatus,
    /// When it was made and last changed, and its version.
    #[graphql(flatten)]
    pub stamps: Stamps,
    #[graphql(skip)]
    row: inspection::Model,
}

impl From<inspection::Model> for Inspection {
    fn from(m: inspection::Model) -> Self {
        Inspection {
            id: id::encode(RecordKind::Inspection, m.id),
            status: m.status.into(),
            stamps: Stamps::new(m.created_at, m.updated_at, m.version),
            row: m,
        }
    }
}

#[ComplexObject]
impl Inspection {
    /// The round.
    async fn round(&self, ctx: &Context<'_>) -> ApiResult<Round> {
        Ok(required(&loaders(ctx)?.rounds, self.row.round_id, "round").await?.into())
    }
    /// The inspection team.
    async fn team(&self, ctx: &Context<'_>) -> ApiResult<Organization> {
        Ok(required(&loaders(ctx)?.organizations, self.row.team_id, "team").await?.into())
    }
    /// The audited unit.
    async fn unit(&self, ctx: &Context<'_>) -> ApiResult<Organization> {
        Ok(required(&loaders(ctx)?.organizations, self.row.unit_id, "unit").await?.into())
    }
    /// The team's report to the leadership group; null while there is none, and always for the
    /// unit.
    async fn report(&self, ctx: &Context<'_>) -> ApiResult<Option<Report>> {
        let rows = loaders(ctx)?.report_by_inspection.load_one(self.row.id).await?.unwrap_or_default();
        Ok(rows.into_iter().next().map(Report::from))
    }
    /// The feedback document for the unit; null while there is none, and for the unit until the
    /// office releases it.
    async fn feedback(&self, ctx: &Context<'_>) -> ApiResult<Option<Feedback>> {
        let rows = loaders(ctx)?.feedback_by_inspection.load_one(self.row.id).await?.unwrap_or_default();
        Ok(rows.into_iter().next().map(Feedback::from))
    }
}

/// An expert placed on a team for one round (巡察组成员).
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct RosterEntry {
    /// Global id.
    pub id: ID,
    /// The expert's place on the team.
    pub position: RosterPosition,
    /// When the expert was placed.
    pub created_at: DateTime,
    #[graphql(skip)]
    row: roster_entry::Model,
}

impl From<roster_entry::Model> for RosterEntry {
    fn from(m: roster_entry::Model) -> Self {
        RosterEntry {
            id: id::encode(RecordKind::RosterEntry, m.id),
            position: m.position.into(),
            created_at: m.created_at.into(),
            row: m,
        }
    }
}

#[ComplexObject]
impl RosterEntry {
    /// The round.
    async fn round(&self, ctx: &Context<'_>) -> ApiResult<Round> {
        Ok(required(&loaders(ctx)?.rounds, self.row.round_id, "round").await?.into())
    }
    /// The team.
    async fn team(&self, ctx: &Context<'_>) -> ApiResult<Organization> {
        Ok(required(&loaders(ctx)?.organizations, self.row.team_id, "team").await?.into())
    }
    /// The expert.
    async fn expert(&self, ctx: &Context<'_>) -> ApiResult<Expert> {
        Ok(required(&loaders(ctx)?.experts, self.row.expert_id, "expert").await?.into())
    }
}

connection!(RoundConnection, RoundEdge, Round, "A page of rounds (巡察轮次).");
connection!(InspectionConnection, InspectionEdge, Inspection, "A page of inspections (巡察).");
connection!(RosterEntryConnection, RosterEntryEdge, RosterEntry, "A page of team roster entries (巡察组成员).");

/// Narrows the round list.
#[derive(InputObject, Default)]
pub struct RoundFilter {
    /// Only rounds in this state.
    pub status: Option<RoundStatus>,
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

/// Narrows the inspection list.
#[derive(InputObject, Default)]
pub struct InspectionFilter {
    /// Only this round.
    pub round_id: Option<ID>,
    /// Only this team.
    pub team_id: Option<ID>,
    /// Only this unit.
    pub unit_id: Option<ID>,
    /// Only this state.
    pub status: Option<InspectionStatus>,
}

/// Orders of the inspection list.
#[derive(async_graphql::Enum, Clone, Copy, PartialEq, Eq, Default)]
pub enum InspectionOrder {
    /// Newest planned first.
    #[default]
    CreatedAtDesc,
    /// Oldest planned first.
    CreatedAtAsc,
}

/// Narrows the roster list.
#[derive(InputObject, Default)]
pub struct RosterFilter {
    /// Only this round.
    pub round_id: Option<ID>,
    /// Only this team.
    pub team_id: Option<ID>,
    /// Only this expert.
    pub expert_id: Option<ID>,
}

fn opt_id(field: &str, v: Option<ID>, t: RecordKind) -> ApiResult<Option<i32>> {
    Ok(v.map(|i| id::decode_as(field, &i, t)).transpose()?)
}

/// Round, inspection and roster queries.
#[derive(Default)]
pub struct RoundQuery;

#[Object]
impl RoundQuery {
    /// Rounds the caller may see.
    #[graphql(complexity = "first.unwrap_or(20).clamp(1, 100) as usize * child_complexity")]
    async fn rounds(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Rows wanted, 1 to 100 (default 20).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last row already seen.")] after: Option<String>,
        #[graphql(desc = "Narrows the list.")] filter: Option<RoundFilter>,
        #[graphql(desc = "Order of the list (default STARTS_ON_DESC).", default)] order_by: RoundOrder,
    ) -> ApiResult<RoundConnection> {
        let rc = request(ctx)?;
        let filter = service::RoundFilter { status: filter.and_then(|f| f.status).map(Into::into) };
        let order = match order_by {
            RoundOrder::StartsOnAsc => service::RoundOrder::StartsOnAsc,
            RoundOrder::StartsOnDesc => service::RoundOrder::StartsOnDesc,
        };
        let page = service::list_rounds(&rc.db, &rc.access, filter, order, &page_request(first, after)).await?;
        Ok(RoundConnection(page.map(Round::from)))
    }

    /// Inspections the caller may see: all for the office and leadership, a team's own, a unit's
    /// own once the round has started.
    #[graphql(complexity = "first.unwrap_or(20).clamp(1, 100) as usize * child_complexity")]
    async fn inspections(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Rows wanted, 1 to 100 (default 20).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last row already seen.")] after: Option<String>,
        #[graphql(desc = "Narrows the list.")] filter: Option<InspectionFilter>,
        #[graphql(desc = "Order of the list (default CREATED_AT_DESC).", default)] order_by: InspectionOrder,
    ) -> ApiResult<InspectionConnection> {
        let rc = request(ctx)?;
        let f = filter.unwrap_or_default();
        let filter = service::InspectionFilter {
            round_id: opt_id("filter.roundId", f.round_id, RecordKind::Round)?,
            team_id: opt_id("filter.teamId", f.team_id, RecordKind::Organization)?,
            unit_id: opt_id("filter.unitId", f.unit_id, RecordKind::Organization)?,
            status: f.status.map(Into::into),
        };
        let order = match order_by {
            InspectionOrder::CreatedAtAsc => service::InspectionOrder::CreatedAtAsc,
            InspectionOrder::CreatedAtDesc => service::InspectionOrder::CreatedAtDesc,
        };
        let page = service::list_inspections(&rc.db, &rc.access, filter, order, &page_request(first, after)).await?;
        Ok(InspectionConnection(page.map(Inspection::from)))
    }

    /// Team rosters the caller may see (office and leadership all; a team its own).
    #[graphql(complexity = "first.unwrap_or(20).clamp(1, 100) as usize * child_complexity")]
    async fn roster_entries(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Rows wanted, 1 to 100 (default 20).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last row already seen.")] after: Option<String>,
        #[graphql(desc = "Narrows the list.")] filter: Option<RosterFilter>,
    ) -> ApiResult<RosterEntryConnection> {
        let rc = request(ctx)?;
        let f = filter.unwrap_or_default();
        let filter = service::RosterFilter {
            round_id: opt_id("filter.roundId", f.round_id, RecordKind::Round)?,
            team_id: opt_id("filter.teamId", f.team_id, RecordKind::Organization)?,
            expert_id: opt_id("filter.expertId", f.expert_id, RecordKind::Expert)?,
        };
        let page = service::list_roster(&rc.db, &rc.access, filter, &page_request(first, after)).await?;
        Ok(RosterEntryConnection(page.map(RosterEntry::from)))
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

transition_io!(ApproveRoundInput, ApproveRoundPayload, "approveRound", "round", round: Round);
transition_io!(StartRoundInput, StartRoundPayload, "startRound", "round", round: Round);
transition_io!(CloseRoundInput, CloseRoundPayload, "closeRound", "round", round: Round);

transition_io!(StationInspectionInput, StationInspectionPayload, "stationInspection", "inspection", inspection: Inspection);
transition_io!(BeginRectificationInput, BeginRectificationPayload, "beginRectification", "inspection", inspection: Inspection);
transition_io!(CloseInspectionInput, CloseInspectionPayload, "closeInspection", "inspection", inspection: Inspection);

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

/// Input of `createInspection`.
#[derive(InputObject)]
pub struct CreateInspectionInput {
    /// A `PLANNED` round.
    pub round_id: ID,
    /// An inspection team.
    pub team_id: ID,
    /// An audited unit not yet inspected in the round.
    pub unit_id: ID,
}

/// Result of `createInspection`.
#[derive(SimpleObject)]
pub struct CreateInspectionPayload {
    /// The new inspection.
    pub inspection: Inspection,
}

/// Input of `removeInspection`.
#[derive(InputObject)]
pub struct RemoveInspectionInput {
    /// An inspection of a `PLANNED` round.
    pub id: ID,
}

/// Result of `removeInspection`.
#[derive(SimpleObject)]
pub struct RemoveInspectionPayload {
    /// The id of the removed inspection.
    pub removed_id: ID,
}

/// Input of `addRosterEntry`.
#[derive(InputObject)]
pub struct AddRosterEntryInput {
    /// A round that is not closed.
    pub round_id: ID,
    /// The inspection team.
    pub team_id: ID,
    /// The expert, who must have no conflict with the units the team inspects in the round.
    pub expert_id: ID,
    /// The expert's place on the team.
    pub position: RosterPosition,
}

/// Result of `addRosterEntry`.
#[derive(SimpleObject)]
pub struct AddRosterEntryPayload {
    /// The new roster entry.
    pub roster_entry: RosterEntry,
}

/// Input of `removeRosterEntry`.
#[derive(InputObject)]
pub struct RemoveRosterEntryInput {
    /// The roster entry.
    pub id: ID,
}

/// Result of `removeRosterEntry`.
#[derive(SimpleObject)]
pub struct RemoveRosterEntryPayload {
    /// The id of the removed entry.
    pub removed_id: ID,
}

/// Round, inspection and roster mutations.
#[derive(Default)]
pub struct RoundMutation;

impl RoundMutation {
    async fn inspection_transition(
        ctx: &Context<'_>,
        id: &ID,
        version: Option<i32>,
        t: InspectionTransition,
    ) -> ApiResult<Inspection> {
        let rc = request(ctx)?;
        let id = id::decode_as("id", id, RecordKind::Inspection)?;
        Ok(service::transition_inspection(&rc.db, &rc.access, id, t, version).await?.into())
    }

    async fn transition(ctx: &Context<'_>, id: &ID, version: Option<i32>, t: RoundTransition) -> ApiResult<Round> {
        let rc = request(ctx)?;
        let id = id::decode_as("id", id, RecordKind::Round)?;
        Ok(Round::from(service::transition_round(&rc.db, &rc.access, id, t, version).await?))
    }
}

#[Object]
impl RoundMutation {
    /// Stations the team at the unit: `PLANNED` → `STATIONED` (进驻), in a round in progress
    /// (office). From now until the report, the team writes the inspection's record.
    async fn station_inspection(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: StationInspectionInput,
    ) -> ApiResult<StationInspectionPayload> {
        Ok(StationInspectionPayload {
            inspection: Self::inspection_transition(ctx, &input.id, input.version, InspectionTransition::Station)
                .await?,
        })
    }

    /// Begins the unit's rectification: `FEEDBACK_GIVEN` → `RECTIFYING` (整改) (office).
    async fn begin_rectification(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: BeginRectificationInput,
    ) -> ApiResult<BeginRectificationPayload> {
        Ok(BeginRectificationPayload {
            inspection: Self::inspection_transition(
                ctx,
                &input.id,
                input.version,
                InspectionTransition::BeginRectification,
            )
            .await?,
        })
    }

    /// Closes the inspection: `RECTIFYING` → `CLOSED` (office).
    async fn close_inspection(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: CloseInspectionInput,
    ) -> ApiResult<CloseInspectionPayload> {
        Ok(CloseInspectionPayload {
            inspection: Self::inspection_transition(ctx, &input.id, input.version, InspectionTransition::Close).await?,
        })
    }

    /// Plans a round (office). It starts `PLANNED`.
    async fn create_round(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: CreateRoundInput,
    ) -> ApiResult<CreateRoundPayload> {
        let rc = request(ctx)?;
        let r = service::create_round(&rc.db, &rc.access, &input.name, input.starts_on.0, input.ends_on.0).await?;
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
        Ok(ApproveRoundPayload {
            round: Self::transition(ctx, &input.id, input.version, RoundTransition::Approve).await?,
        })
    }

    /// Stations the teams: `APPROVED` → `IN_PROGRESS` (office).
    async fn start_round(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: StartRoundInput,
    ) -> ApiResult<StartRoundPayload> {
        Ok(StartRoundPayload { round: Self::transition(ctx, &input.id, input.version, RoundTransition::Start).await? })
    }

    /// Closes a round: `IN_PROGRESS` → `CLOSED` (office).
    async fn close_round(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: CloseRoundInput,
    ) -> ApiResult<CloseRoundPayload> {
        Ok(CloseRoundPayload { round: Self::transition(ctx, &input.id, input.version, RoundTransition::Close).await? })
    }

    /// Plans an inspection of a unit by a team in a `PLANNED` round (office). Refused when an
    /// expert on the team's roster must recuse from the unit.
    async fn create_inspection(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: CreateInspectionInput,
    ) -> ApiResult<CreateInspectionPayload> {
        let rc = request(ctx)?;
        let i = service::create_inspection(
            &rc.db,
            &rc.access,
            id::decode_as("roundId", &input.round_id, RecordKind::Round)?,
            id::decode_as("teamId", &input.team_id, RecordKind::Organization)?,
            id::decode_as("unitId", &input.unit_id, RecordKind::Organization)?,
        )
        .await?;
        Ok(CreateInspectionPayload { inspection: i.into() })
    }

    /// Removes an inspection from a `PLANNED` round (office).
    async fn remove_inspection(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: RemoveInspectionInput,
    ) -> ApiResult<RemoveInspectionPayload> {
        let rc = request(ctx)?;
        let id = id::decode_as("id", &input.id, RecordKind::Inspection)?;
        let i = service::remove_inspection(&rc.db, &rc.access, id).await?;
        Ok(RemoveInspectionPayload { removed_id: id::encode(RecordKind::Inspection, i.id) })
    }

    /// Places an expert on a team for a round (office). Refused with `BAD_USER_INPUT` when the
    /// expert must recuse (回避) from a unit the team inspects in that round.
    async fn add_roster_entry(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: AddRosterEntryInput,
    ) -> ApiResult<AddRosterEntryPayload> {
        let rc = request(ctx)?;
        let e = service::add_roster_entry(
            &rc.db,
            &rc.access,
            id::decode_as("roundId", &input.round_id, RecordKind::Round)?,
            id::decode_as("teamId", &input.team_id, RecordKind::Organization)?,
            id::decode_as("expertId", &input.expert_id, RecordKind::Expert)?,
            input.position.into(),
        )
        .await?;
        Ok(AddRosterEntryPayload { roster_entry: e.into() })
    }

    /// Takes an expert off a team's roster while the round is not closed (office).
    async fn remove_roster_entry(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: RemoveRosterEntryInput,
    ) -> ApiResult<RemoveRosterEntryPayload> {
        let rc = request(ctx)?;
        let id = id::decode_as("id", &input.id, RecordKind::RosterEntry)?;
        let e = service::remove_roster_entry(&rc.db, &rc.access, id).await?;
        Ok(RemoveRosterEntryPayload { removed_id: id::encode(RecordKind::RosterEntry, e.id) })
    }
}
