//! Recommendations in the schema.

use async_graphql::{ComplexObject, Context, ID, InputObject, Object, SimpleObject};
use entities::{RecordKind, recommendation, rectification_task};

use super::service;
use crate::{
    error::ApiResult,
    findings::graphql::Finding,
    graphql::{
        connection::{connection, page_request_of},
        context::request,
        id,
        loader::{loaders, required},
        scalars::Stamps,
    },
    inspections::graphql::Inspection,
    rectification_tasks::graphql::RectificationTask,
};

/// A recommendation (整改意见建议) for the unit, answering one or more findings.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct Recommendation {
    /// Global id.
    pub id: ID,
    /// What the unit should do.
    pub content: String,
    /// When it was made and last changed, and its version.
    #[graphql(flatten)]
    pub stamps: Stamps,
    #[graphql(skip)]
    row: recommendation::Model,
}

impl crate::graphql::Object for Recommendation {
    type Guard = recommendation::Entity;

    fn reads(field: &str) -> Option<&'static [recommendation::Column]> {
        use recommendation::Column as C;
        Some(match field {
            "id" | "history" | "findings" | "rectificationTasks" => &[],
            "content" => &[C::Content],
            "createdAt" => &[C::CreatedAt],
            "updatedAt" => &[C::UpdatedAt],
            "version" => &[C::Version],
            "inspection" => &[C::InspectionId],
            _ => return None,
        })
    }
}

impl From<recommendation::Model> for Recommendation {
    fn from(m: recommendation::Model) -> Self {
        Recommendation {
            id: id::encode(RecordKind::Recommendation, m.id),
            content: m.content.clone(),
            stamps: Stamps::new(m.created_at, m.updated_at, m.version),
            row: m,
        }
    }
}

#[ComplexObject]
impl Recommendation {
    /// Its edits, oldest first: who, when, why (if given), and the fields before and after.
    async fn history(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Rows wanted, 0 to 100 (default 20; 0 to count only).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last row already seen.")] after: Option<String>,
    ) -> ApiResult<crate::revisions::graphql::RevisionConnection> {
        crate::revisions::graphql::history(ctx, RecordKind::Recommendation, self.row.id, first, after).await
    }
    /// The inspection.
    async fn inspection(&self, ctx: &Context<'_>) -> ApiResult<Inspection> {
        required(ctx, self.row.inspection_id).await
    }
    /// The findings it answers that the caller may see.
    async fn findings(&self, ctx: &Context<'_>) -> ApiResult<Vec<Finding>> {
        let loader = loaders(ctx)?.get("", super::loader::FindingsOfRecommendation);
        let rows = loader.load_one(self.row.id).await?.unwrap_or_default();
        Ok(rows.into_iter().map(Finding::from).collect())
    }
    /// The rectification tasks that answer it, that the caller may see, oldest first: empty while
    /// the office has drawn none up.
    async fn rectification_tasks(&self, ctx: &Context<'_>) -> ApiResult<Vec<RectificationTask>> {
        let mut rows = loaders(ctx)?
            .by_parent::<rectification_task::Entity>(rectification_task::Column::RecommendationId)
            .load_one(self.row.id)
            .await?
            .unwrap_or_default();
        rows.sort_by_key(|t| t.id);
        Ok(rows.into_iter().map(Into::into).collect())
    }
}

connection!(RecommendationConnection, RecommendationEdge, Recommendation, "A page of recommendations (整改意见建议).");

/// Narrows the recommendation list.
#[derive(InputObject, Default)]
pub struct RecommendationFilter {
    /// Only this inspection's.
    pub inspection_id: Option<ID>,
    /// Only those whose text holds this (ASCII letters in either case, every other character as
    /// written).
    pub search: Option<String>,
    /// Only those of inspections of this unit.
    pub unit_id: Option<ID>,
    /// Only those of this round's inspections.
    pub round_id: Option<ID>,
}

/// Recommendation queries.
#[derive(Default)]
pub struct RecommendationQuery;

#[Object]
impl RecommendationQuery {
    /// Recommendations the caller may see: all for the office and leadership; a team's own; a
    /// unit's own once its feedback is released.
    #[graphql(complexity = "first.unwrap_or(20).clamp(1, 100) as usize * child_complexity")]
    async fn recommendations(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Rows wanted, 0 to 100 (default 20; 0 to count only).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last row already seen.")] after: Option<String>,
        #[graphql(desc = "Narrows the list.")] filter: Option<RecommendationFilter>,
        #[graphql(desc = "Order of the list (default CREATED_AT_ASC).", default)]
        order_by: crate::graphql::enums::CreationOrder,
    ) -> ApiResult<RecommendationConnection> {
        let rc = request(ctx)?;
        let f = filter.unwrap_or_default();
        let filter = service::RecommendationFilter {
            inspection_id: f
                .inspection_id
                .map(|i| id::decode_as("filter.inspectionId", &i, RecordKind::Inspection))
                .transpose()?,
            search: f.search,
            unit_id: id::decode_opt("filter.unitId", f.unit_id, RecordKind::Organization)?,
            round_id: id::decode_opt("filter.roundId", f.round_id, RecordKind::Round)?,
        };
        let page = service::list(
            &rc.db,
            &rc.access,
            filter,
            order_by.newest_first(),
            &page_request_of::<Recommendation>(ctx, first, after)?,
        )
        .await?;
        Ok(RecommendationConnection(page.map(Recommendation::from)))
    }
}

fn finding_ids(ids: &[ID]) -> ApiResult<Vec<i32>> {
    Ok(ids.iter().map(|i| id::decode_as("findingIds", i, RecordKind::Finding)).collect::<Result<_, _>>()?)
}

/// Input of `createRecommendation`.
#[derive(InputObject)]
pub struct CreateRecommendationInput {
    /// The inspection (stationed or reporting, of the caller's team).
    pub inspection_id: ID,
    /// What the unit should do (at most 5,000 characters).
    pub content: String,
    /// The findings of the same inspection it answers (at least one).
    pub finding_ids: Vec<ID>,
}

/// Result of `createRecommendation`.
#[derive(SimpleObject)]
pub struct CreateRecommendationPayload {
    /// The new recommendation.
    pub recommendation: Recommendation,
}

/// Input of `updateRecommendation`.
#[derive(InputObject)]
pub struct UpdateRecommendationInput {
    /// The recommendation.
    pub id: ID,
    /// New text.
    pub content: Option<String>,
    /// The findings it answers; replaces the list.
    pub finding_ids: Option<Vec<ID>>,
    /// Why it is corrected (optional while the team drafts; at most 500 characters); kept with
    /// the earlier version in its `history`.
    pub reason: Option<String>,
    /// The version last seen; a different current version is `CONFLICT`.
    pub version: Option<i32>,
}

/// Result of `updateRecommendation`.
#[derive(SimpleObject)]
pub struct UpdateRecommendationPayload {
    /// The recommendation as changed.
    pub recommendation: Recommendation,
}

/// Input of `deleteRecommendation`.
#[derive(InputObject)]
pub struct DeleteRecommendationInput {
    /// The recommendation.
    pub id: ID,
}

/// Result of `deleteRecommendation`.
#[derive(SimpleObject)]
pub struct DeleteRecommendationPayload {
    /// The id of the deleted recommendation.
    pub deleted_id: ID,
}

/// Recommendation mutations.
#[derive(Default)]
pub struct RecommendationMutation;

#[Object]
impl RecommendationMutation {
    /// Records a recommendation (the inspection's team, while it is stationed or reporting).
    async fn create_recommendation(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: CreateRecommendationInput,
    ) -> ApiResult<CreateRecommendationPayload> {
        let rc = request(ctx)?;
        let inspection_id = id::decode_as("inspectionId", &input.inspection_id, RecordKind::Inspection)?;
        let r = service::create(&rc.db, &rc.access, inspection_id, &input.content, &finding_ids(&input.finding_ids)?)
            .await?;
        Ok(CreateRecommendationPayload { recommendation: r.into() })
    }

    /// Changes a recommendation (the inspection's team, while it is stationed or reporting).
    async fn update_recommendation(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: UpdateRecommendationInput,
    ) -> ApiResult<UpdateRecommendationPayload> {
        let rc = request(ctx)?;
        let id = id::decode_as("id", &input.id, RecordKind::Recommendation)?;
        let findings = input.finding_ids.as_deref().map(finding_ids).transpose()?;
        let r = service::update(&rc.db, &rc.access, id, (input.content, findings, input.reason), input.version).await?;
        Ok(UpdateRecommendationPayload { recommendation: r.into() })
    }

    /// Deletes a recommendation (the inspection's team, while it is stationed or reporting).
    async fn delete_recommendation(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: DeleteRecommendationInput,
    ) -> ApiResult<DeleteRecommendationPayload> {
        let rc = request(ctx)?;
        let id = id::decode_as("id", &input.id, RecordKind::Recommendation)?;
        let r = service::delete(&rc.db, &rc.access, id).await?;
        Ok(DeleteRecommendationPayload { deleted_id: id::encode(RecordKind::Recommendation, r.id) })
    }
}

/// An inspection's recommendations, as the root list orders them by default (oldest first).
pub struct RecommendationsOfInspection;

impl crate::graphql::nested::Nesting for RecommendationsOfInspection {
    type Guard = entities::recommendation::Entity;
    type Object = Recommendation;
    fn parent() -> entities::recommendation::Column {
        entities::recommendation::Column::InspectionId
    }
    fn ordering() -> crate::pagination::Ordering<entities::recommendation::Entity> {
        service::ordering(false)
    }
}
