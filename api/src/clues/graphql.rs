//! Clues in the schema.

use async_graphql::{ComplexObject, Context, ID, InputObject, Object, SimpleObject};
use entities::{RecordKind, clue, clue_person};

use super::service::{self, ClueTransition as Move};
use crate::{
    error::ApiResult,
    graphql::{
        connection::{connection, page_request},
        context::request,
        enums::{ClueSource, ClueStatus, PersonRank},
        id,
        loader::{children, optional, required},
        offers::offered,
        scalars::Stamps,
        transition_io,
    },
    inspections::graphql::Inspection,
    petitions::graphql::Petition,
};

/// A clue (问题线索): a confidential lead about named persons. Only the team that wrote it, the
/// office and the leadership group ever see it; every read is logged.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct Clue {
    /// Global id.
    pub id: ID,
    /// Where the clue stands.
    pub status: ClueStatus,
    /// The alleged violation (违纪违规问题).
    pub alleged_violation: String,
    /// The evidence.
    pub evidence: String,
    /// How it came to the team.
    pub source: ClueSource,
    /// Why the leadership group rejected it, when it did.
    pub rejection_reason: Option<String>,
    /// When it was made and last changed, and its version.
    #[graphql(flatten)]
    pub stamps: Stamps,
    #[graphql(skip)]
    row: clue::Model,
}

impl crate::graphql::Object for Clue {
    type Guard = clue::Entity;
}

impl From<clue::Model> for Clue {
    fn from(m: clue::Model) -> Self {
        Clue {
            id: id::encode(RecordKind::Clue, m.id),
            status: m.status.into(),
            alleged_violation: m.alleged_violation.clone(),
            evidence: m.evidence.clone(),
            source: m.source.into(),
            rejection_reason: m.rejection_reason.clone(),
            stamps: Stamps::new(m.created_at, m.updated_at, m.version),
            row: m,
        }
    }
}

#[ComplexObject]
impl Clue {
    /// What the caller may do with the clue now, by the same policy, reach and states that decide
    /// the mutations (`SUBMIT` and `DELETE` while the inspection's record is open; `REFER` needs a
    /// competent agency not yet referred to): each one listed succeeds (given valid input), each
    /// one not listed is refused.
    async fn available_transitions(&self, ctx: &Context<'_>) -> ApiResult<Vec<ClueTransition>> {
        offered::<clue::Entity, _, _, _>(ctx, self.row.id, &self.row.status, &super::service::OFFERS).await
    }
    /// Its edits, oldest first: who, when, why (if given), and the fields before and after.
    async fn history(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Rows wanted, 0 to 100 (default 20; 0 to count only).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last row already seen.")] after: Option<String>,
    ) -> ApiResult<crate::revisions::graphql::RevisionConnection> {
        crate::revisions::graphql::history(ctx, RecordKind::Clue, self.row.id, first, after).await
    }
    /// The inspection.
    async fn inspection(&self, ctx: &Context<'_>) -> ApiResult<Inspection> {
        required(ctx, self.row.inspection_id).await
    }
    /// The persons the clue names, with their rank.
    async fn persons(&self, ctx: &Context<'_>) -> ApiResult<Vec<CluePerson>> {
        children(ctx, clue_person::Column::ClueId, self.row.id).await
    }
    /// The petition it came from, if any.
    async fn petition(&self, ctx: &Context<'_>) -> ApiResult<Option<Petition>> {
        optional(ctx, self.row.petition_id).await
    }
    /// Its referrals the caller may see (one per agency it went to), newest first, with their `totalCount`: as `referrals(filter: { clueId })`; those returned are logged as read.
    #[graphql(complexity = "first.unwrap_or(20).clamp(1, 100) as usize * child_complexity")]
    async fn referrals(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "Rows wanted, 0 to 100 (default 20; 0 to count only). To read past them, pass the last cursor as `after` to the root list with this parent as its filter."
        )]
        first: Option<i32>,
    ) -> ApiResult<crate::referrals::graphql::ReferralConnection> {
        let page =
            crate::graphql::nested::page::<crate::referrals::graphql::ReferralsOfClue>(ctx, self.row.id, first).await?;
        Ok(crate::referrals::graphql::ReferralConnection(page.map(crate::referrals::graphql::Referral::from)))
    }
}

/// A person named in a clue (涉及人员).
#[derive(SimpleObject, Clone)]
pub struct CluePerson {
    /// Global id.
    pub id: ID,
    /// Full name.
    pub name: String,
    /// Rank (e.g. division-level, 处级).
    pub rank: PersonRank,
    /// Post held.
    pub position: String,
}

impl crate::graphql::Object for CluePerson {
    type Guard = clue_person::Entity;
}

impl From<clue_person::Model> for CluePerson {
    fn from(m: clue_person::Model) -> Self {
        CluePerson {
            id: id::encode(RecordKind::CluePerson, m.id),
            name: m.name,
            rank: m.rank.into(),
            position: m.position,
        }
    }
}

connection!(ClueConnection, ClueEdge, Clue, "A page of clues (问题线索).");

/// Narrows the clue list.
#[derive(InputObject, Default)]
pub struct ClueFilter {
    /// Only this inspection's.
    pub inspection_id: Option<ID>,
    /// Only clues in this state.
    pub status: Option<ClueStatus>,
    /// Only those whose text holds this (ASCII letters in either case, every other character as
    /// written).
    pub search: Option<String>,
    /// Only clues in one of these states.
    pub statuses: Option<Vec<ClueStatus>>,
    /// Only those of inspections of this unit.
    pub unit_id: Option<ID>,
    /// Only those of this round's inspections.
    pub round_id: Option<ID>,
}

/// Clue queries.
#[derive(Default)]
pub struct ClueQuery;

#[Object]
impl ClueQuery {
    /// Clues the caller may see: the office and leadership all, a team its own; nobody else.
    /// Every clue returned is written to the access log.
    #[graphql(complexity = "first.unwrap_or(20).clamp(1, 100) as usize * child_complexity")]
    async fn clues(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Rows wanted, 0 to 100 (default 20; 0 to count only).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last row already seen.")] after: Option<String>,
        #[graphql(desc = "Narrows the list.")] filter: Option<ClueFilter>,
        #[graphql(desc = "Order of the list (default CREATED_AT_ASC).", default)]
        order_by: crate::graphql::enums::CreationOrder,
    ) -> ApiResult<ClueConnection> {
        let rc = request(ctx)?;
        let f = filter.unwrap_or_default();
        let filter = service::ClueFilter {
            inspection_id: f
                .inspection_id
                .map(|i| id::decode_as("filter.inspectionId", &i, RecordKind::Inspection))
                .transpose()?,
            status: f.status.map(Into::into),
            search: f.search,
            statuses: f.statuses.map(|v| v.into_iter().map(Into::into).collect()),
            unit_id: id::decode_opt("filter.unitId", f.unit_id, RecordKind::Organization)?,
            round_id: id::decode_opt("filter.roundId", f.round_id, RecordKind::Round)?,
        };
        let page =
            service::list(&rc.db, &rc.access, filter, order_by.newest_first(), &page_request(ctx, first, after)?)
                .await?;
        Ok(ClueConnection(page.map(Clue::from)))
    }
}

/// A person named in a clue, as entered.
#[derive(InputObject, Clone)]
pub struct CluePersonInput {
    /// Full name.
    pub name: String,
    /// Rank.
    pub rank: PersonRank,
    /// Post held.
    pub position: String,
}

impl From<CluePersonInput> for service::Person {
    fn from(p: CluePersonInput) -> Self {
        service::Person { name: p.name, rank: p.rank.into(), position: p.position }
    }
}

/// Input of `createClue`.
#[derive(InputObject)]
pub struct CreateClueInput {
    /// The inspection (stationed or reporting, of the caller's team).
    pub inspection_id: ID,
    /// The persons named (1 to 20).
    pub persons: Vec<CluePersonInput>,
    /// The alleged violation (at most 5,000 characters).
    pub alleged_violation: String,
    /// The evidence (at most 5,000 characters).
    pub evidence: String,
    /// How it came to the team.
    pub source: ClueSource,
    /// The petition of the same inspection it came from, if any.
    pub petition_id: Option<ID>,
}

/// Result of `createClue`.
#[derive(SimpleObject)]
pub struct CreateCluePayload {
    /// The new clue, a `DRAFT`.
    pub clue: Clue,
}

/// Input of `updateClue`.
#[derive(InputObject)]
pub struct UpdateClueInput {
    /// The clue (a `DRAFT`).
    pub id: ID,
    /// The persons named; replaces the list.
    pub persons: Option<Vec<CluePersonInput>>,
    /// New alleged violation.
    pub alleged_violation: Option<String>,
    /// New evidence.
    pub evidence: Option<String>,
    /// New source.
    pub source: Option<ClueSource>,
    /// Why it is changed (optional while the team drafts; at most 500 characters); kept with the
    /// earlier version in its `history`.
    pub reason: Option<String>,
    /// The version last seen; a different current version is `CONFLICT`.
    pub version: Option<i32>,
}

/// Result of `updateClue`.
#[derive(SimpleObject)]
pub struct UpdateCluePayload {
    /// The clue as changed.
    pub clue: Clue,
}

transition_io!(SubmitClueInput, SubmitCluePayload, "submitClue", "clue", clue: Clue);
transition_io!(ApproveClueInput, ApproveCluePayload, "approveClue", "clue", clue: Clue);

/// Input of `rejectClue`.
#[derive(InputObject)]
pub struct RejectClueInput {
    /// The clue.
    pub id: ID,
    /// Why it is rejected (required).
    pub reason: String,
    /// The version last seen; a different current version is `CONFLICT`.
    pub version: Option<i32>,
}

/// Result of `rejectClue`.
#[derive(SimpleObject)]
pub struct RejectCluePayload {
    /// The clue as it now is.
    pub clue: Clue,
}

/// Input of `deleteClue`.
#[derive(InputObject)]
pub struct DeleteClueInput {
    /// A `DRAFT` clue.
    pub id: ID,
    /// The version read; `CONFLICT` if it moved on.
    pub version: Option<i32>,
}

/// Result of `deleteClue`.
#[derive(SimpleObject)]
pub struct DeleteCluePayload {
    /// The id of the draft discarded.
    pub deleted_id: ID,
}

/// Clue mutations.
#[derive(Default)]
pub struct ClueMutation;

impl ClueMutation {
    async fn transition(
        ctx: &Context<'_>,
        id: &ID,
        t: Move,
        reason: Option<String>,
        version: Option<i32>,
    ) -> ApiResult<Clue> {
        let rc = request(ctx)?;
        let id = id::decode_as("id", id, RecordKind::Clue)?;
        Ok(service::transition(&rc.db, &rc.access, id, t, reason, version).await?.into())
    }
}

#[Object]
impl ClueMutation {
    /// Drafts a clue (the inspection's team, while it is stationed or reporting).
    async fn create_clue(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: CreateClueInput,
    ) -> ApiResult<CreateCluePayload> {
        let rc = request(ctx)?;
        let inspection_id = id::decode_as("inspectionId", &input.inspection_id, RecordKind::Inspection)?;
        let petition_id =
            input.petition_id.map(|p| id::decode_as("petitionId", &p, RecordKind::Petition)).transpose()?;
        let fields = service::ClueFields {
            persons: Some(input.persons.into_iter().map(Into::into).collect()),
            alleged_violation: Some(input.alleged_violation),
            evidence: Some(input.evidence),
            source: Some(input.source.into()),
            reason: None,
        };
        let c = service::create(&rc.db, &rc.access, inspection_id, petition_id, fields).await?;
        Ok(CreateCluePayload { clue: c.into() })
    }

    /// Changes a draft clue (the inspection's team, while it is stationed or reporting).
    async fn update_clue(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: UpdateClueInput,
    ) -> ApiResult<UpdateCluePayload> {
        let rc = request(ctx)?;
        let id = id::decode_as("id", &input.id, RecordKind::Clue)?;
        let fields = service::ClueFields {
            persons: input.persons.map(|ps| ps.into_iter().map(Into::into).collect()),
            alleged_violation: input.alleged_violation,
            evidence: input.evidence,
            source: input.source.map(Into::into),
            reason: input.reason,
        };
        let c = service::update(&rc.db, &rc.access, id, fields, input.version).await?;
        Ok(UpdateCluePayload { clue: c.into() })
    }

    /// Submits a draft clue to the leadership group: `DRAFT` → `SUBMITTED` (the team leader).
    async fn submit_clue(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: SubmitClueInput,
    ) -> ApiResult<SubmitCluePayload> {
        Ok(SubmitCluePayload { clue: Self::transition(ctx, &input.id, Move::Submit, None, input.version).await? })
    }

    /// Approves a submitted clue for referral: `SUBMITTED` → `APPROVED` (the leadership group).
    async fn approve_clue(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: ApproveClueInput,
    ) -> ApiResult<ApproveCluePayload> {
        Ok(ApproveCluePayload { clue: Self::transition(ctx, &input.id, Move::Approve, None, input.version).await? })
    }

    /// Rejects a submitted clue with a reason: `SUBMITTED` → `REJECTED` (the leadership group).
    async fn reject_clue(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: RejectClueInput,
    ) -> ApiResult<RejectCluePayload> {
        Ok(RejectCluePayload {
            clue: Self::transition(ctx, &input.id, Move::Reject, Some(input.reason), input.version).await?,
        })
    }

    /// Deletes a draft clue that never left its team (the team, while it may write): deleted, with
    /// its persons; the access log keeps the trace. A submitted clue is never deleted
    /// (`INVALID_TRANSITION`).
    async fn delete_clue(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: DeleteClueInput,
    ) -> ApiResult<DeleteCluePayload> {
        let rc = request(ctx)?;
        let id = id::decode_as("id", &input.id, RecordKind::Clue)?;
        service::discard(&rc.db, &rc.access, id, input.version).await?;
        Ok(DeleteCluePayload { deleted_id: input.id })
    }
}

/// An inspection's clues, as the root list orders them by default (oldest first).
pub struct CluesOfInspection;

impl crate::graphql::nested::Nesting for CluesOfInspection {
    type Guard = entities::clue::Entity;
    type Object = Clue;
    fn parent() -> entities::clue::Column {
        entities::clue::Column::InspectionId
    }
    fn ordering() -> crate::pagination::Ordering<entities::clue::Entity> {
        service::ordering(false)
    }
}

/// A transition of a clue, as `availableTransitions` lists them.
#[derive(async_graphql::Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "super::service::ClueOffer")]
pub enum ClueTransition {
    /// `submitClue` (the team leader, while the record is open).
    Submit,
    /// `approveClue` (the leadership group).
    Approve,
    /// `rejectClue` (the leadership group).
    Reject,
    /// `deleteClue` (the team, a draft, while the record is open).
    Delete,
    /// `referClue` (the office; again to another agency once referred).
    Refer,
}
