//! Inspections in the schema.

use async_graphql::{ComplexObject, Context, ID, InputObject, Object, SimpleObject};
use entities::{RecordKind, feedback, inspection, report};

use super::service::{self, InspectionTransition};
use crate::{
    error::ApiResult,
    feedback::graphql::Feedback,
    graphql::{
        Object as ApiObject,
        connection::{connection, page_request},
        context::request,
        enums::InspectionStatus,
        id,
        loader::{children, required},
        scalars::Stamps,
        transition_io,
    },
    organizations::graphql::Organization,
    reports::graphql::Report,
    rounds::graphql::Round,
};

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

impl ApiObject for Inspection {
    type Guard = inspection::Entity;
}

#[ComplexObject]
impl Inspection {
    /// The round.
    async fn round(&self, ctx: &Context<'_>) -> ApiResult<Round> {
        required(ctx, self.row.round_id).await
    }
    /// The inspection team.
    async fn team(&self, ctx: &Context<'_>) -> ApiResult<Organization> {
        required(ctx, self.row.team_id).await
    }
    /// The audited unit.
    async fn unit(&self, ctx: &Context<'_>) -> ApiResult<Organization> {
        required(ctx, self.row.unit_id).await
    }
    /// The team's report to the leadership group; null while there is none, and always for the
    /// unit.
    async fn report(&self, ctx: &Context<'_>) -> ApiResult<Option<Report>> {
        Ok(children(ctx, report::Column::InspectionId, self.row.id).await?.into_iter().next())
    }
    /// The feedback document for the unit; null while there is none, and for the unit until the
    /// office releases it.
    async fn feedback(&self, ctx: &Context<'_>) -> ApiResult<Option<Feedback>> {
        Ok(children(ctx, feedback::Column::InspectionId, self.row.id).await?.into_iter().next())
    }
}

connection!(InspectionConnection, InspectionEdge, Inspection, "A page of inspections (巡察).");

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

/// Inspection queries.
#[derive(Default)]
pub struct InspectionQuery;

#[Object]
impl InspectionQuery {
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
            round_id: id::decode_opt("filter.roundId", f.round_id, RecordKind::Round)?,
            team_id: id::decode_opt("filter.teamId", f.team_id, RecordKind::Organization)?,
            unit_id: id::decode_opt("filter.unitId", f.unit_id, RecordKind::Organization)?,
            status: f.status.map(Into::into),
        };
        let order = match order_by {
            InspectionOrder::CreatedAtAsc => service::InspectionOrder::CreatedAtAsc,
            InspectionOrder::CreatedAtDesc => service::InspectionOrder::CreatedAtDesc,
        };
        let page =
            service::list_inspections(&rc.db, &rc.access, filter, order, &page_request(ctx, first, after)?).await?;
        Ok(InspectionConnection(page.map(Inspection::from)))
    }
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

transition_io!(StationInspectionInput, StationInspectionPayload, "stationInspection", "inspection", inspection: Inspection);
transition_io!(BeginRectificationInput, BeginRectificationPayload, "beginRectification", "inspection", inspection: Inspection);
transition_io!(CloseInspectionInput, CloseInspectionPayload, "closeInspection", "inspection", inspection: Inspection);

/// Inspection mutations.
#[derive(Default)]
pub struct InspectionMutation;

impl InspectionMutation {
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
}

#[Object]
impl InspectionMutation {
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
}
