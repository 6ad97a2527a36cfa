//! Petitions in the schema.

use async_graphql::{ComplexObject, Context, ID, InputObject, Object, SimpleObject};
use entities::{RecordKind, petition};

use super::service;
use crate::{
    error::ApiResult,
    graphql::{
        connection::{connection, page_request},
        context::request,
        enums::PetitionStatus,
        id,
        loader::{loaders, optional, required},
        offers::offered,
        scalars::{Date, DateTime, Stamps},
    },
    inspections::graphql::Inspection,
    organizations::graphql::Organization,
};

/// A petition (信访): what a member of the public reported to the team. Every one is registered,
/// whatever unit it concerns: `REGISTERED` → `ACCEPTED` by the team (within its inspection) →
/// `CLOSED`, or `REGISTERED` → `PASSED_ON` to the body responsible (转办) → `ANSWERED` →
/// `CLOSED`. The reporter's identity is confidential: only the inspection's team (until the
/// inspection closes) and the office read it; for everyone else `reporterName` and
/// `reporterContact` are null.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct Petition {
    /// Global id.
    pub id: ID,
    /// What was reported.
    pub content: String,
    /// When it was received.
    pub received_on: Date,
    /// Where it stands.
    pub status: PetitionStatus,
    /// When it was passed on (转办); null unless it was.
    pub passed_on: Option<Date>,
    /// Why the team accepted it, or what it asked of the body it passed it to.
    pub handling_note: Option<String>,
    /// The answer of the body it was passed to; null until it answers.
    pub answer: Option<String>,
    /// When that answer came.
    pub answered_on: Option<Date>,
    /// How it ended (办结情况); null until closed.
    pub outcome: Option<String>,
    /// When it was closed.
    pub closed_on: Option<Date>,
    /// When it was made and last changed, and its version.
    #[graphql(flatten)]
    pub stamps: Stamps,
    /// When it was withdrawn as registered by mistake; null while in force. A withdrawn petition
    /// has left every list and count; the office and the leadership group still read it by id.
    pub withdrawn_at: Option<DateTime>,
    /// Why it was withdrawn.
    pub withdrawal_reason: Option<String>,
    #[graphql(skip)]
    row: petition::Model,
}

impl crate::graphql::Object for Petition {
    type Guard = petition::Entity;
}

impl From<petition::Model> for Petition {
    fn from(m: petition::Model) -> Self {
        Petition {
            id: id::encode(RecordKind::Petition, m.id),
            content: m.content.clone(),
            received_on: m.received_on.into(),
            status: m.status.into(),
            passed_on: m.passed_on.map(Into::into),
            handling_note: m.handling_note.clone(),
            answer: m.answer.clone(),
            answered_on: m.answered_on.map(Into::into),
            outcome: m.outcome.clone(),
            closed_on: m.closed_on.map(Into::into),
            stamps: Stamps::new(m.created_at, m.updated_at, m.version),
            withdrawn_at: m.withdrawn_at.map(Into::into),
            withdrawal_reason: m.withdrawal_reason.clone(),
            row: m,
        }
    }
}

/// The request's loader of reporters' identities.
fn identities(
    ctx: &Context<'_>,
) -> ApiResult<std::sync::Arc<async_graphql::dataloader::DataLoader<super::loader::IdentityLoader>>> {
    Ok(loaders(ctx)?.get("", super::loader::IdentityLoader))
}

#[ComplexObject]
impl Petition {
    /// What the caller may do with the petition now, by the same policy, reach and states that
    /// decide the mutations (the team while its inspection's record is open, the office at any
    /// time; `ACCEPT` only for a petition about the unit the inspection inspects): each one listed
    /// succeeds (given valid input), each one not listed is refused.
    async fn available_transitions(&self, ctx: &Context<'_>) -> ApiResult<Vec<PetitionTransition>> {
        offered::<petition::Entity, _, _, _>(ctx, self.row.id, &self.row.status, &super::service::OFFERS).await
    }
    /// Its corrections and withdrawal, oldest first: who, when, why, and the fields before and
    /// after (never the reporter's identity).
    async fn history(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Rows wanted, 0 to 100 (default 20; 0 to count only).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last row already seen.")] after: Option<String>,
    ) -> ApiResult<crate::revisions::graphql::RevisionConnection> {
        crate::revisions::graphql::history(ctx, RecordKind::Petition, self.row.id, first, after).await
    }
    /// The inspection that received it.
    async fn inspection(&self, ctx: &Context<'_>) -> ApiResult<Inspection> {
        required(ctx, self.row.inspection_id).await
    }
    /// The unit it concerns.
    async fn unit(&self, ctx: &Context<'_>) -> ApiResult<Organization> {
        required(ctx, self.row.unit_id).await
    }
    /// The body it was passed on to: an audited unit or a partner agency; null unless passed on.
    async fn passed_to(&self, ctx: &Context<'_>) -> ApiResult<Option<Organization>> {
        optional(ctx, self.row.passed_to_id).await
    }
    /// The reporter's name (confidential: the team and the office only; every read is logged).
    /// Null when anonymous, or for any other caller.
    async fn reporter_name(&self, ctx: &Context<'_>) -> ApiResult<Option<String>> {
        Ok(identities(ctx)?.load_one(self.row.id).await?.and_then(|i| i.name))
    }
    /// How to reach the reporter (confidential, as `reporterName`).
    async fn reporter_contact(&self, ctx: &Context<'_>) -> ApiResult<Option<String>> {
        Ok(identities(ctx)?.load_one(self.row.id).await?.and_then(|i| i.contact))
    }
}

connection!(PetitionConnection, PetitionEdge, Petition, "A page of petitions (信访).");

/// Narrows the petition list.
#[derive(InputObject, Default)]
pub struct PetitionFilter {
    /// Only this inspection's.
    pub inspection_id: Option<ID>,
    /// Only petitions in this state.
    pub status: Option<PetitionStatus>,
    /// Only petitions in one of these states.
    pub statuses: Option<Vec<PetitionStatus>>,
    /// Only those whose text holds this (ASCII letters in either case, every other character as
    /// written).
    pub search: Option<String>,
}

/// Petition queries.
#[derive(Default)]
pub struct PetitionQuery;

#[Object]
impl PetitionQuery {
    /// Petitions the caller may see: all for the office and leadership; for a team, its own
    /// inspections' and those its follow-ups check, until its inspection closes; never a unit's or
    /// an agency's.
    #[graphql(complexity = "first.unwrap_or(20).clamp(1, 100) as usize * child_complexity")]
    async fn petitions(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Rows wanted, 0 to 100 (default 20; 0 to count only).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last row already seen.")] after: Option<String>,
        #[graphql(desc = "Narrows the list.")] filter: Option<PetitionFilter>,
        #[graphql(desc = "Order of the list (default CREATED_AT_ASC).", default)]
        order_by: crate::graphql::enums::CreationOrder,
    ) -> ApiResult<PetitionConnection> {
        let rc = request(ctx)?;
        let f = filter.unwrap_or_default();
        let filter = service::PetitionFilter {
            inspection_id: f
                .inspection_id
                .map(|i| id::decode_as("filter.inspectionId", &i, RecordKind::Inspection))
                .transpose()?,
            status: f.status.map(Into::into),
            statuses: f.statuses.map(|v| v.into_iter().map(Into::into).collect()),
            search: f.search,
        };
        let page =
            service::list(&rc.db, &rc.access, filter, order_by.newest_first(), &page_request(ctx, first, after)?)
                .await?;
        Ok(PetitionConnection(page.map(Petition::from)))
    }
}

/// Input of `createPetition`.
#[derive(InputObject)]
pub struct CreatePetitionInput {
    /// The inspection that received it (of the caller's team, its record open: stationed, its
    /// feedback not yet released).
    pub inspection_id: ID,
    /// The audited unit it concerns, any of the district's; by default the inspected unit. One the
    /// inspection does not inspect is registered, then passed on.
    pub unit_id: Option<ID>,
    /// What was reported (at most 5,000 characters).
    pub content: String,
    /// The reporter's name; omit for an anonymous petition.
    pub reporter_name: Option<String>,
    /// How to reach the reporter.
    pub reporter_contact: Option<String>,
    /// When it was received: not in the future, not before the round started.
    pub received_on: Date,
}

/// Result of `createPetition`.
#[derive(SimpleObject)]
pub struct CreatePetitionPayload {
    /// The new petition.
    pub petition: Petition,
}

/// Input of `acceptPetition`.
#[derive(InputObject)]
pub struct AcceptPetitionInput {
    /// The petition (`REGISTERED`, about the inspected unit).
    pub id: ID,
    /// Why, or how the team will handle it (at most 2,000 characters).
    pub note: Option<String>,
    /// The version last seen; a different current version is `CONFLICT`.
    pub version: Option<i32>,
}

/// Input of `passPetitionOn`.
#[derive(InputObject)]
pub struct PassPetitionOnInput {
    /// The petition (`REGISTERED`).
    pub id: ID,
    /// The body responsible: an audited unit or a partner agency (信访办 is one).
    pub to_id: ID,
    /// What is asked of it (at most 2,000 characters).
    pub note: String,
    /// The version last seen; a different current version is `CONFLICT`.
    pub version: Option<i32>,
}

/// Input of `recordPetitionAnswer`.
#[derive(InputObject)]
pub struct RecordPetitionAnswerInput {
    /// The petition (`PASSED_ON`).
    pub id: ID,
    /// The answer of the body it was passed to (at most 5,000 characters).
    pub answer: String,
    /// When it came: not before the petition was passed on, not in the future.
    pub answered_on: Date,
    /// The version last seen; a different current version is `CONFLICT`.
    pub version: Option<i32>,
}

/// Input of `closePetition`.
#[derive(InputObject)]
pub struct ClosePetitionInput {
    /// The petition (`ACCEPTED` or `ANSWERED`).
    pub id: ID,
    /// How it ended (at most 2,000 characters).
    pub outcome: String,
    /// The version last seen; a different current version is `CONFLICT`.
    pub version: Option<i32>,
}

/// Declares the payload of a step of a petition's handling.
macro_rules! petition_payload {
    ($name:ident, $op:literal) => {
        #[doc = concat!("Result of `", $op, "`.")]
        #[derive(SimpleObject)]
        pub struct $name {
            /// The petition as it now stands.
            pub petition: Petition,
        }

        impl From<Petition> for $name {
            fn from(petition: Petition) -> Self {
                $name { petition }
            }
        }
    };
}

petition_payload!(AcceptPetitionPayload, "acceptPetition");
petition_payload!(PassPetitionOnPayload, "passPetitionOn");
petition_payload!(RecordPetitionAnswerPayload, "recordPetitionAnswer");
petition_payload!(ClosePetitionPayload, "closePetition");

/// Input of `updatePetition`: the fields to change, the others kept.
#[derive(InputObject)]
pub struct UpdatePetitionInput {
    /// The petition.
    pub id: ID,
    /// What it says.
    pub content: Option<String>,
    /// The day it was received (not in the future, nor before its round started).
    pub received_on: Option<Date>,
    /// The audited unit it is about.
    pub unit_id: Option<ID>,
    /// Why it is corrected (required, at most 500 characters); kept in its history.
    pub reason: String,
    /// The version read; `CONFLICT` if it moved on.
    pub version: Option<i32>,
}

/// Result of `updatePetition`.
#[derive(SimpleObject)]
pub struct UpdatePetitionPayload {
    /// The petition as corrected.
    pub petition: Petition,
}

/// Input of `withdrawPetition`.
#[derive(InputObject)]
pub struct WithdrawPetitionInput {
    /// The petition.
    pub id: ID,
    /// Why it is withdrawn (required, at most 500 characters).
    pub reason: String,
    /// The version read; `CONFLICT` if it moved on.
    pub version: Option<i32>,
}

/// Result of `withdrawPetition`.
#[derive(SimpleObject)]
pub struct WithdrawPetitionPayload {
    /// The petition, withdrawn.
    pub petition: Petition,
}

/// Petition mutations.
#[derive(Default)]
pub struct PetitionMutation;

#[Object]
impl PetitionMutation {
    /// Registers a petition (the inspection's team, while its record is open): it starts
    /// `REGISTERED`.
    async fn create_petition(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: CreatePetitionInput,
    ) -> ApiResult<CreatePetitionPayload> {
        let rc = request(ctx)?;
        let new = service::NewPetition {
            inspection_id: id::decode_as("inspectionId", &input.inspection_id, RecordKind::Inspection)?,
            unit_id: input.unit_id.map(|u| id::decode_as("unitId", &u, RecordKind::Organization)).transpose()?,
            content: input.content,
            reporter_name: input.reporter_name,
            reporter_contact: input.reporter_contact,
            received_on: input.received_on.0,
        };
        Ok(CreatePetitionPayload { petition: service::create(&rc.db, &rc.access, new).await?.into() })
    }

    /// Accepts a registered petition about the inspected unit: the team handles it (受理)
    /// (the inspection's team, while its record is open).
    async fn accept_petition(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: AcceptPetitionInput,
    ) -> ApiResult<AcceptPetitionPayload> {
        let step = service::Step::Accept { note: input.note };
        Ok(Self::step(ctx, &input.id, step, input.version).await?.into())
    }

    /// Passes a registered petition on to the body responsible (转办), whose answer is then
    /// tracked (the inspection's team, while its record is open).
    async fn pass_petition_on(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: PassPetitionOnInput,
    ) -> ApiResult<PassPetitionOnPayload> {
        let to = id::decode_as("toId", &input.to_id, RecordKind::Organization)?;
        let step = service::Step::PassOn { to, note: input.note };
        Ok(Self::step(ctx, &input.id, step, input.version).await?.into())
    }

    /// Records the answer of the body a petition was passed to (the inspection's team, while its
    /// record is open; the office at any time).
    async fn record_petition_answer(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: RecordPetitionAnswerInput,
    ) -> ApiResult<RecordPetitionAnswerPayload> {
        let step = service::Step::Answer { answer: input.answer, answered_on: input.answered_on.0 };
        Ok(Self::step(ctx, &input.id, step, input.version).await?.into())
    }

    /// Closes an accepted or answered petition (办结) (the inspection's team, while its record is
    /// open; the office at any time).
    async fn close_petition(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: ClosePetitionInput,
    ) -> ApiResult<ClosePetitionPayload> {
        let step = service::Step::Close { outcome: input.outcome };
        Ok(Self::step(ctx, &input.id, step, input.version).await?.into())
    }

    /// Corrects a petition as registered (the team, while its inspection is stationed or
    /// reporting), with the reason; the earlier version stays in its `history`. The reporter's
    /// identity is not corrected here.
    async fn update_petition(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: UpdatePetitionInput,
    ) -> ApiResult<UpdatePetitionPayload> {
        let rc = request(ctx)?;
        let id = id::decode_as("id", &input.id, RecordKind::Petition)?;
        let a = service::Amendment {
            content: input.content,
            received_on: input.received_on.map(|d| d.0),
            unit_id: id::decode_opt("unitId", input.unit_id, RecordKind::Organization)?,
            reason: input.reason,
            expected_version: input.version,
        };
        Ok(UpdatePetitionPayload { petition: service::amend(&rc.db, &rc.access, id, a).await?.into() })
    }

    /// Withdraws a petition registered by mistake (the team, while its inspection is stationed or
    /// reporting): it leaves every list, count and statistic; the office and the leadership group
    /// still read it by id.
    async fn withdraw_petition(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: WithdrawPetitionInput,
    ) -> ApiResult<WithdrawPetitionPayload> {
        let rc = request(ctx)?;
        let id = id::decode_as("id", &input.id, RecordKind::Petition)?;
        let p = service::withdraw(&rc.db, &rc.access, id, &input.reason, input.version).await?;
        Ok(WithdrawPetitionPayload { petition: p.into() })
    }
}

impl PetitionMutation {
    async fn step(ctx: &Context<'_>, id: &ID, step: service::Step, version: Option<i32>) -> ApiResult<Petition> {
        let rc = request(ctx)?;
        let id = id::decode_as("id", id, RecordKind::Petition)?;
        Ok(service::handle(&rc.db, &rc.access, id, step, version).await?.into())
    }
}

/// An inspection's petitions, as the root list orders them by default (oldest first).
pub struct PetitionsOfInspection;

impl crate::graphql::nested::Nesting for PetitionsOfInspection {
    type Guard = entities::petition::Entity;
    type Object = Petition;
    fn parent() -> entities::petition::Column {
        entities::petition::Column::InspectionId
    }
    fn ordering() -> crate::pagination::Ordering<entities::petition::Entity> {
        service::ordering(false)
    }
}

/// A transition of a petition, as `availableTransitions` lists them.
#[derive(async_graphql::Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "super::service::PetitionOffer")]
pub enum PetitionTransition {
    /// `acceptPetition` (the team: a petition about the unit it inspects).
    Accept,
    /// `passPetitionOn` (the team).
    PassOn,
    /// `recordPetitionAnswer` (the team, or the office at any time).
    RecordAnswer,
    /// `closePetition` (the team, or the office at any time).
    Close,
}
