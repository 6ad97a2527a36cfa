//! Roster entries in the schema.

use async_graphql::{ComplexObject, Context, ID, InputObject, Object, SimpleObject};
use entities::{RecordKind, roster_entry};

use super::service;
use crate::{
    error::ApiResult,
    experts::graphql::Expert,
    graphql::{
        Object as ApiObject,
        connection::{connection, page_request},
        context::request,
        enums::RosterPosition,
        id,
        loader::required,
        scalars::DateTime,
    },
    organizations::graphql::Organization,
    rounds::graphql::Round,
};

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

impl ApiObject for RosterEntry {
    type Guard = roster_entry::Entity;
}

#[ComplexObject]
impl RosterEntry {
    /// The round.
    async fn round(&self, ctx: &Context<'_>) -> ApiResult<Round> {
        required(ctx, self.row.round_id).await
    }
    /// The team.
    async fn team(&self, ctx: &Context<'_>) -> ApiResult<Organization> {
        required(ctx, self.row.team_id).await
    }
    /// The expert.
    async fn expert(&self, ctx: &Context<'_>) -> ApiResult<Expert> {
        required(ctx, self.row.expert_id).await
    }
}

connection!(RosterEntryConnection, RosterEntryEdge, RosterEntry, "A page of team roster entries (巡察组成员).");

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

/// Roster queries.
#[derive(Default)]
pub struct RosterEntryQuery;

#[Object]
impl RosterEntryQuery {
    /// Team rosters the caller may see (office and leadership all; a team its own).
    #[graphql(complexity = "first.unwrap_or(20).clamp(1, 100) as usize * child_complexity")]
    async fn roster_entries(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Rows wanted, 0 to 100 (default 20; 0 to count only).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last row already seen.")] after: Option<String>,
        #[graphql(desc = "Narrows the list.")] filter: Option<RosterFilter>,
        #[graphql(desc = "Order of the list (default CREATED_AT_ASC).", default)] order_by: RosterEntryOrder,
    ) -> ApiResult<RosterEntryConnection> {
        let rc = request(ctx)?;
        let f = filter.unwrap_or_default();
        let filter = service::RosterFilter {
            round_id: id::decode_opt("filter.roundId", f.round_id, RecordKind::Round)?,
            team_id: id::decode_opt("filter.teamId", f.team_id, RecordKind::Organization)?,
            expert_id: id::decode_opt("filter.expertId", f.expert_id, RecordKind::Expert)?,
        };
        let page = service::list_roster(&rc.db, &rc.access, filter, order_by.into(), &page_request(ctx, first, after)?)
            .await?;
        Ok(RosterEntryConnection(page.map(RosterEntry::from)))
    }
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
    pub deleted_id: ID,
}

/// Roster mutations.
#[derive(Default)]
pub struct RosterEntryMutation;

#[Object]
impl RosterEntryMutation {
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
        Ok(RemoveRosterEntryPayload { deleted_id: id::encode(RecordKind::RosterEntry, e.id) })
    }
}

/// Orders of the roster entries list.
#[derive(async_graphql::Enum, Clone, Copy, PartialEq, Eq, Default)]
#[graphql(remote = "super::service::RosterOrder")]
pub enum RosterEntryOrder {
    /// In the order the entries were made.
    #[default]
    CreatedAtAsc,
    /// Newest first.
    CreatedAtDesc,
}
