//! The plan in the schema.

use async_graphql::{ComplexObject, Context, ID, InputObject, Object, SimpleObject};
use entities::{RecordKind, plan_entry};

use super::service;
use crate::{
    error::ApiResult,
    graphql::{
        Object as ApiObject,
        connection::{connection, page_request},
        context::request,
        id,
        loader::required,
        scalars::DateTime,
    },
    organizations::graphql::Organization,
    terms::graphql::Term,
};

/// A unit planned for a year of a committee term (巡察工作规划).
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct PlanEntry {
    /// Global id.
    pub id: ID,
    /// The year it is planned for.
    pub year: i32,
    /// When it was planned.
    pub created_at: DateTime,
    #[graphql(skip)]
    row: plan_entry::Model,
}

impl From<plan_entry::Model> for PlanEntry {
    fn from(m: plan_entry::Model) -> Self {
        PlanEntry { id: id::encode(RecordKind::PlanEntry, m.id), year: m.year, created_at: m.created_at.into(), row: m }
    }
}

impl ApiObject for PlanEntry {
    type Guard = plan_entry::Entity;
}

#[ComplexObject]
impl PlanEntry {
    /// The term.
    async fn term(&self, ctx: &Context<'_>) -> ApiResult<Term> {
        required(ctx, self.row.term_id).await
    }
    /// The unit planned.
    async fn unit(&self, ctx: &Context<'_>) -> ApiResult<Organization> {
        required(ctx, self.row.unit_id).await
    }
}

connection!(PlanEntryConnection, PlanEntryEdge, PlanEntry, "A page of a term's plan (巡察工作规划).");

/// Narrows the plan.
#[derive(InputObject, Default)]
pub struct PlanEntryFilter {
    /// Only this term's.
    pub term_id: Option<ID>,
    /// Only this year's.
    pub year: Option<i32>,
    /// Only this unit's.
    pub unit_id: Option<ID>,
}

/// Plan queries.
#[derive(Default)]
pub struct PlanEntryQuery;

#[Object]
impl PlanEntryQuery {
    /// The terms' plans, by year (the office and the leadership group).
    #[graphql(complexity = "first.unwrap_or(20).clamp(1, 100) as usize * child_complexity")]
    async fn plan_entries(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Rows wanted, 0 to 100 (default 20; 0 to count only).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last row already seen.")] after: Option<String>,
        #[graphql(desc = "Narrows the list.")] filter: Option<PlanEntryFilter>,
        #[graphql(desc = "Order of the list (default YEAR_ASC).", default)] order_by: PlanEntryOrder,
    ) -> ApiResult<PlanEntryConnection> {
        let rc = request(ctx)?;
        let f = filter.unwrap_or_default();
        let filter = service::Filter {
            term_id: id::decode_opt("filter.termId", f.term_id, RecordKind::Term)?,
            year: f.year,
            unit_id: id::decode_opt("filter.unitId", f.unit_id, RecordKind::Organization)?,
        };
        let page =
            service::list(&rc.db, &rc.access, filter, order_by.into(), &page_request(ctx, first, after)?).await?;
        Ok(PlanEntryConnection(page.map(PlanEntry::from)))
    }
}

/// Input of `planUnit`.
#[derive(InputObject)]
pub struct PlanUnitInput {
    /// The term.
    pub term_id: ID,
    /// An audited unit not yet in the term's plan.
    pub unit_id: ID,
    /// A year of the term.
    pub year: i32,
}

/// Result of `planUnit`.
#[derive(SimpleObject)]
pub struct PlanUnitPayload {
    /// The new plan entry.
    pub plan_entry: PlanEntry,
}

/// Input of `removePlanEntry`.
#[derive(InputObject)]
pub struct RemovePlanEntryInput {
    /// The plan entry.
    pub id: ID,
}

/// Result of `removePlanEntry`.
#[derive(SimpleObject)]
pub struct RemovePlanEntryPayload {
    /// The id of the removed entry.
    pub deleted_id: ID,
}

/// Plan mutations.
#[derive(Default)]
pub struct PlanEntryMutation;

#[Object]
impl PlanEntryMutation {
    /// Plans a unit for a year of a term (office).
    async fn plan_unit(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: PlanUnitInput,
    ) -> ApiResult<PlanUnitPayload> {
        let rc = request(ctx)?;
        let e = service::plan(
            &rc.db,
            &rc.access,
            id::decode_as("termId", &input.term_id, RecordKind::Term)?,
            id::decode_as("unitId", &input.unit_id, RecordKind::Organization)?,
            input.year,
        )
        .await?;
        Ok(PlanUnitPayload { plan_entry: e.into() })
    }

    /// Takes a unit out of its term's plan (office).
    async fn remove_plan_entry(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: RemovePlanEntryInput,
    ) -> ApiResult<RemovePlanEntryPayload> {
        let rc = request(ctx)?;
        let id = id::decode_as("id", &input.id, RecordKind::PlanEntry)?;
        let e = service::unplan(&rc.db, &rc.access, id).await?;
        Ok(RemovePlanEntryPayload { deleted_id: id::encode(RecordKind::PlanEntry, e.id) })
    }
}

/// Orders of the plan entries list.
#[derive(async_graphql::Enum, Clone, Copy, PartialEq, Eq, Default)]
#[graphql(remote = "super::service::EntryOrder")]
pub enum PlanEntryOrder {
    /// Earliest year first.
    #[default]
    YearAsc,
    /// Latest year first.
    YearDesc,
    /// Newest planned first.
    CreatedAtDesc,
}
