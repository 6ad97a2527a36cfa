//! Regulations in the schema.

use async_graphql::{ComplexObject, Context, ID, InputObject, Object, SimpleObject};
use entities::{RecordKind, regulation};

use super::service;
use crate::{
    error::ApiResult,
    graphql::{
        connection::{connection, page_request},
        context::request,
        enums::RegulationCategory,
        id,
        loader::{optional, required},
        scalars::{Date, DateTime},
    },
    inspections::graphql::Inspection,
    revisions::graphql::{RevisionConnection, history},
};

/// A regulation (制度) a unit built or revised to close a loophole an inspection found.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct Regulation {
    /// Global id.
    pub id: ID,
    /// Its title.
    pub title: String,
    /// Its field.
    pub category: RegulationCategory,
    /// Newly built (true) or revised (false).
    pub is_new: bool,
    /// When it took effect.
    pub effective_on: Date,
    /// When it was recorded.
    pub created_at: DateTime,
    /// Its version: pass it when correcting it (`CONFLICT` if it moved on).
    pub version: i32,
    /// When it was withdrawn as recorded by mistake; null while in force. A withdrawn regulation
    /// has left every list and count; the office and the leadership group still read it by id.
    pub withdrawn_at: Option<DateTime>,
    /// Why it was withdrawn.
    pub withdrawal_reason: Option<String>,
    #[graphql(skip)]
    inspection_id: i32,
    #[graphql(skip)]
    task_id: Option<i32>,
    #[graphql(skip)]
    finding_id: Option<i32>,
}

impl crate::graphql::Object for Regulation {
    type Guard = regulation::Entity;
}

impl From<regulation::Model> for Regulation {
    fn from(m: regulation::Model) -> Self {
        Regulation {
            id: id::encode(RecordKind::Regulation, m.id),
            title: m.title,
            category: m.category.into(),
            is_new: m.is_new,
            effective_on: m.effective_on.into(),
            created_at: m.created_at.into(),
            version: m.version,
            withdrawn_at: m.withdrawn_at.map(Into::into),
            withdrawal_reason: m.withdrawal_reason,
            inspection_id: m.inspection_id,
            task_id: m.task_id,
            finding_id: m.finding_id,
        }
    }
}

#[ComplexObject]
impl Regulation {
    /// The inspection whose findings it answers.
    async fn inspection(&self, ctx: &Context<'_>) -> ApiResult<Inspection> {
        required(ctx, self.inspection_id).await
    }
    /// The rectification task it answers, if any (null too if the caller may not see it).
    async fn task(
        &self,
        ctx: &Context<'_>,
    ) -> ApiResult<Option<crate::rectification_tasks::graphql::RectificationTask>> {
        optional(ctx, self.task_id).await
    }
    /// The finding it answers, if any (null too if the caller may not see it).
    async fn finding(&self, ctx: &Context<'_>) -> ApiResult<Option<crate::findings::graphql::Finding>> {
        optional(ctx, self.finding_id).await
    }
    /// Its corrections and withdrawal, oldest first: who, when, why, and the fields before and
    /// after.
    async fn history(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Rows wanted, 0 to 100 (default 20; 0 to count only).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last row already seen.")] after: Option<String>,
    ) -> ApiResult<RevisionConnection> {
        history(ctx, RecordKind::Regulation, id::decode_as("id", &self.id, RecordKind::Regulation)?, first, after).await
    }
}

connection!(RegulationConnection, RegulationEdge, Regulation, "A page of regulations (制度).");

/// Narrows the regulations.
#[derive(InputObject, Default)]
pub struct RegulationFilter {
    /// Only this inspection's.
    pub inspection_id: Option<ID>,
    /// Only this field.
    pub category: Option<RegulationCategory>,
}

/// Regulation queries.
#[derive(Default)]
pub struct RegulationQuery;

#[Object]
impl RegulationQuery {
    /// Regulations the caller may see, newest first: the office and leadership all, a team its own
    /// units', a unit its own.
    #[graphql(complexity = "first.unwrap_or(20).clamp(1, 100) as usize * child_complexity")]
    async fn regulations(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Rows wanted, 0 to 100 (default 20; 0 to count only).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last row already seen.")] after: Option<String>,
        #[graphql(desc = "Narrows the list.")] filter: Option<RegulationFilter>,
        #[graphql(desc = "Order of the list (default CREATED_AT_DESC).", default)] order_by: RegulationOrder,
    ) -> ApiResult<RegulationConnection> {
        let rc = request(ctx)?;
        let f = filter.unwrap_or_default();
        let filter = service::Filter {
            inspection_id: f
                .inspection_id
                .map(|i| id::decode_as("filter.inspectionId", &i, RecordKind::Inspection))
                .transpose()?,
            category: f.category.map(Into::into),
        };
        let page =
            service::list(&rc.db, &rc.access, filter, order_by.into(), &page_request(ctx, first, after)?).await?;
        Ok(RegulationConnection(page.map(Regulation::from)))
    }
}

/// Input of `recordRegulation`.
#[derive(InputObject)]
pub struct RecordRegulationInput {
    /// The unit's inspection, its feedback released.
    pub inspection_id: ID,
    /// The rectification task of that inspection it answers, if any.
    pub task_id: Option<ID>,
    /// The finding of that inspection's feedback it answers, if any.
    pub finding_id: Option<ID>,
    /// Its title.
    pub title: String,
    /// Its field.
    pub category: RegulationCategory,
    /// Newly built (true, the default) or revised (false).
    pub is_new: Option<bool>,
    /// When it took effect (not in the future).
    pub effective_on: Date,
    /// Any string unique to this record, up to 150 characters: a retry with the same key records it
    /// once and answers the same; the same key with another record is `CONFLICT`.
    pub idempotency_key: Option<String>,
}

/// Result of `recordRegulation`.
#[derive(SimpleObject)]
pub struct RecordRegulationPayload {
    /// The regulation recorded.
    pub regulation: Regulation,
}

/// Input of `amendRegulation`.
#[derive(InputObject)]
pub struct AmendRegulationInput {
    /// The regulation.
    pub id: ID,
    /// Its title.
    pub title: Option<String>,
    /// Its field.
    pub category: Option<RegulationCategory>,
    /// Newly built (true) or revised (false).
    pub is_new: Option<bool>,
    /// When it took effect (not in the future).
    pub effective_on: Option<Date>,
    /// Why it is corrected (required, at most 500 characters); kept in its history.
    pub reason: String,
    /// The version read; `CONFLICT` if it moved on.
    pub version: Option<i32>,
}

/// Result of `amendRegulation`.
#[derive(SimpleObject)]
pub struct AmendRegulationPayload {
    /// The regulation as corrected.
    pub regulation: Regulation,
}

/// Input of `withdrawRegulation`.
#[derive(InputObject)]
pub struct WithdrawRegulationInput {
    /// The regulation.
    pub id: ID,
    /// Why it is withdrawn (required, at most 500 characters).
    pub reason: String,
    /// The version read; `CONFLICT` if it moved on.
    pub version: Option<i32>,
}

/// Result of `withdrawRegulation`.
#[derive(SimpleObject)]
pub struct WithdrawRegulationPayload {
    /// The regulation, withdrawn.
    pub regulation: Regulation,
}

/// Regulation mutations.
#[derive(Default)]
pub struct RegulationMutation;

#[Object]
impl RegulationMutation {
    /// Records a regulation the unit built or revised (the unit).
    async fn record_regulation(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: RecordRegulationInput,
    ) -> ApiResult<RecordRegulationPayload> {
        let rc = request(ctx)?;
        let new = service::NewRegulation {
            inspection_id: id::decode_as("inspectionId", &input.inspection_id, RecordKind::Inspection)?,
            task_id: input.task_id.map(|t| id::decode_as("taskId", &t, RecordKind::RectificationTask)).transpose()?,
            finding_id: input.finding_id.map(|f| id::decode_as("findingId", &f, RecordKind::Finding)).transpose()?,
            title: input.title,
            category: input.category.into(),
            is_new: input.is_new.unwrap_or(true),
            effective_on: input.effective_on.0,
            idempotency_key: input.idempotency_key,
        };
        Ok(RecordRegulationPayload { regulation: service::create(&rc.db, &rc.access, new).await?.into() })
    }

    /// Corrects a regulation (the unit, while its inspection is open), with the reason; the
    /// earlier version stays in its `history`.
    async fn amend_regulation(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: AmendRegulationInput,
    ) -> ApiResult<AmendRegulationPayload> {
        let rc = request(ctx)?;
        let id = id::decode_as("id", &input.id, RecordKind::Regulation)?;
        let a = service::Amendment {
            title: input.title,
            category: input.category.map(Into::into),
            is_new: input.is_new,
            effective_on: input.effective_on.map(|d| d.0),
            reason: input.reason,
            expected_version: input.version,
        };
        Ok(AmendRegulationPayload { regulation: service::amend(&rc.db, &rc.access, id, a).await?.into() })
    }

    /// Withdraws a regulation recorded by mistake (the unit, while its inspection is open): it
    /// leaves every list, count and statistic, and stays readable by id to the office and the
    /// leadership group, with its history.
    async fn withdraw_regulation(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: WithdrawRegulationInput,
    ) -> ApiResult<WithdrawRegulationPayload> {
        let rc = request(ctx)?;
        let id = id::decode_as("id", &input.id, RecordKind::Regulation)?;
        let withdrawn = service::withdraw(&rc.db, &rc.access, id, &input.reason, input.version).await?;
        Ok(WithdrawRegulationPayload { regulation: withdrawn.into() })
    }
}

/// Orders of the regulations list.
#[derive(async_graphql::Enum, Clone, Copy, PartialEq, Eq, Default)]
#[graphql(remote = "super::service::RegulationOrder")]
pub enum RegulationOrder {
    /// Newest recorded first.
    #[default]
    CreatedAtDesc,
    /// Oldest recorded first.
    CreatedAtAsc,
    /// Latest in force first.
    EffectiveOnDesc,
    /// Earliest in force first.
    EffectiveOnAsc,
}
