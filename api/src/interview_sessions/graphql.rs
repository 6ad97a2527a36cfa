//! Interview sessions in the schema.

use async_graphql::{ComplexObject, Context, ID, InputObject, Object, SimpleObject};
use entities::{RecordKind, interview_session, interviewee, organization};

use super::service;
use crate::{
    error::ApiResult,
    graphql::{
        connection::{connection, page_request},
        context::request,
        id,
        loader::{loaders, optional},
        scalars::{Date, DateTime},
    },
    organizations::graphql::Organization,
    rounds::graphql::Round,
};

/// A collective interview session (集体约谈): the heads of several units interviewed together.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct InterviewSession {
    /// Global id.
    pub id: ID,
    /// The day it was held.
    pub held_on: Date,
    /// What it was about.
    pub subject: String,
    /// When it was recorded.
    pub created_at: DateTime,
    /// Its version: pass it when correcting or withdrawing it (`CONFLICT` if it moved on).
    pub version: i32,
    /// When it was withdrawn as recorded by mistake; null while in force. A withdrawn session has
    /// left every list and count; the office and the leadership group still read it by id.
    pub withdrawn_at: Option<DateTime>,
    /// Why it was withdrawn.
    pub withdrawal_reason: Option<String>,
    #[graphql(skip)]
    row: interview_session::Model,
}

impl crate::graphql::Object for InterviewSession {
    type Guard = interview_session::Entity;
}

impl From<interview_session::Model> for InterviewSession {
    fn from(m: interview_session::Model) -> Self {
        InterviewSession {
            id: id::encode(RecordKind::InterviewSession, m.id),
            held_on: m.held_on.into(),
            subject: m.subject.clone(),
            created_at: m.created_at.into(),
            version: m.version,
            withdrawn_at: m.withdrawn_at.map(Into::into),
            withdrawal_reason: m.withdrawal_reason.clone(),
            row: m,
        }
    }
}

#[ComplexObject]
impl InterviewSession {
    /// Its corrections and withdrawal, oldest first: who, when, why, and the fields before and
    /// after.
    async fn history(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Rows wanted, 0 to 100 (default 20; 0 to count only).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last row already seen.")] after: Option<String>,
    ) -> ApiResult<crate::revisions::graphql::RevisionConnection> {
        crate::revisions::graphql::history(ctx, RecordKind::InterviewSession, self.row.id, first, after).await
    }
    /// The round whose results it used (null if none, or if the caller may not see it).
    async fn round(&self, ctx: &Context<'_>) -> ApiResult<Option<Round>> {
        optional(ctx, self.row.round_id).await
    }
    /// The units interviewed that the caller may see: all for the office and the leadership
    /// group, the units it inspected for a team, only itself for a unit.
    async fn units(&self, ctx: &Context<'_>) -> ApiResult<Vec<Organization>> {
        let l = loaders(ctx)?;
        let mut ids: Vec<i32> = l
            .by_parent::<interviewee::Entity>(interviewee::Column::SessionId)
            .load_one(self.row.id)
            .await?
            .unwrap_or_default()
            .iter()
            .map(|i| i.unit_id)
            .collect();
        ids.sort_unstable();
        let units = l.by_id::<organization::Entity>().load_many(ids.iter().copied()).await?;
        Ok(ids.iter().filter_map(|i| units.get(i).cloned().map(Organization::from)).collect())
    }
}

connection!(InterviewSessionConnection, InterviewSessionEdge, InterviewSession, "A page of interview sessions.");

/// Narrows the interview sessions.
#[derive(InputObject, Default)]
pub struct InterviewSessionFilter {
    /// Only sessions on this round's results.
    pub round_id: Option<ID>,
    /// Only sessions in which this unit was interviewed (as far as the caller may see who sat in).
    pub unit_id: Option<ID>,
}

/// Interview queries.
#[derive(Default)]
pub struct InterviewSessionQuery;

#[Object]
impl InterviewSessionQuery {
    /// Collective interview sessions the caller may see, latest first: the office and the
    /// leadership group all, a team those of the units it inspected, a unit those it sat in.
    #[graphql(complexity = "first.unwrap_or(20).clamp(1, 100) as usize * child_complexity")]
    async fn interview_sessions(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Rows wanted, 0 to 100 (default 20; 0 to count only).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last row already seen.")] after: Option<String>,
        #[graphql(desc = "Narrows the list.")] filter: Option<InterviewSessionFilter>,
        #[graphql(desc = "Order of the list (default HELD_ON_DESC).", default)] order_by: InterviewSessionOrder,
    ) -> ApiResult<InterviewSessionConnection> {
        let rc = request(ctx)?;
        let f = filter.unwrap_or_default();
        let filter = service::Filter {
            round_id: f.round_id.map(|r| id::decode_as("filter.roundId", &r, RecordKind::Round)).transpose()?,
            unit_id: f.unit_id.map(|u| id::decode_as("filter.unitId", &u, RecordKind::Organization)).transpose()?,
        };
        let page =
            service::list(&rc.db, &rc.access, filter, order_by.into(), &page_request(ctx, first, after)?).await?;
        Ok(InterviewSessionConnection(page.map(InterviewSession::from)))
    }
}

/// Input of `recordInterviewSession`.
#[derive(InputObject)]
pub struct RecordInterviewSessionInput {
    /// The round whose results it used, if any.
    pub round_id: Option<ID>,
    /// The day it was held (not in the future).
    pub held_on: Date,
    /// What it was about.
    pub subject: String,
    /// The audited units whose heads were interviewed, 1 to 200, each once.
    pub unit_ids: Vec<ID>,
}

/// Result of `recordInterviewSession`.
#[derive(SimpleObject)]
pub struct RecordInterviewSessionPayload {
    /// The session recorded.
    pub interview_session: InterviewSession,
}

/// Input of `amendInterviewSession`: the fields to change, the others kept.
#[derive(InputObject)]
pub struct AmendInterviewSessionInput {
    /// The session.
    pub id: ID,
    /// The day it was held (not in the future, nor before its round began).
    pub held_on: Option<Date>,
    /// What it was about.
    pub subject: Option<String>,
    /// Why it is corrected (required, at most 500 characters); kept in its history.
    pub reason: String,
    /// The version read; `CONFLICT` if it moved on.
    pub version: Option<i32>,
}

/// Result of `amendInterviewSession`.
#[derive(SimpleObject)]
pub struct AmendInterviewSessionPayload {
    /// The session as corrected.
    pub interview_session: InterviewSession,
}

/// Input of `withdrawInterviewSession`.
#[derive(InputObject)]
pub struct WithdrawInterviewSessionInput {
    /// The session.
    pub id: ID,
    /// Why it is withdrawn (required, at most 500 characters).
    pub reason: String,
    /// The version read; `CONFLICT` if it moved on.
    pub version: Option<i32>,
}

/// Result of `withdrawInterviewSession`.
#[derive(SimpleObject)]
pub struct WithdrawInterviewSessionPayload {
    /// The session, withdrawn.
    pub interview_session: InterviewSession,
}

/// Interview mutations.
#[derive(Default)]
pub struct InterviewSessionMutation;

#[Object]
impl InterviewSessionMutation {
    /// Records a collective interview session and the units interviewed in it (the office).
    async fn record_interview_session(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The session; see the input type.")] input: RecordInterviewSessionInput,
    ) -> ApiResult<RecordInterviewSessionPayload> {
        let rc = request(ctx)?;
        let unit_ids = input
            .unit_ids
            .iter()
            .map(|u| id::decode_as("unitIds", u, RecordKind::Organization))
            .collect::<Result<Vec<_>, _>>()?;
        let new = service::NewSession {
            round_id: input.round_id.map(|r| id::decode_as("roundId", &r, RecordKind::Round)).transpose()?,
            held_on: input.held_on.0,
            subject: input.subject,
            unit_ids,
        };
        Ok(RecordInterviewSessionPayload { interview_session: service::create(&rc.db, &rc.access, new).await?.into() })
    }

    /// Corrects an interview session's day or subject (the office), with the reason; the earlier
    /// version stays in its `history`.
    async fn amend_interview_session(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: AmendInterviewSessionInput,
    ) -> ApiResult<AmendInterviewSessionPayload> {
        let rc = request(ctx)?;
        let id = id::decode_as("id", &input.id, RecordKind::InterviewSession)?;
        let change = (input.held_on.map(|d| d.0), input.subject);
        let s = service::amend(&rc.db, &rc.access, id, change, &input.reason, input.version).await?;
        Ok(AmendInterviewSessionPayload { interview_session: s.into() })
    }

    /// Withdraws an interview session recorded by mistake (the office): it and its seats leave
    /// every list, count and statistic; the office and the leadership group still read it by id.
    async fn withdraw_interview_session(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: WithdrawInterviewSessionInput,
    ) -> ApiResult<WithdrawInterviewSessionPayload> {
        let rc = request(ctx)?;
        let id = id::decode_as("id", &input.id, RecordKind::InterviewSession)?;
        let s = service::withdraw(&rc.db, &rc.access, id, &input.reason, input.version).await?;
        Ok(WithdrawInterviewSessionPayload { interview_session: s.into() })
    }
}

/// Orders of the interview sessions list.
#[derive(async_graphql::Enum, Clone, Copy, PartialEq, Eq, Default)]
#[graphql(remote = "super::service::SessionOrder")]
pub enum InterviewSessionOrder {
    /// Latest held first.
    #[default]
    HeldOnDesc,
    /// Earliest held first.
    HeldOnAsc,
    /// Newest recorded first.
    CreatedAtDesc,
}
