//! Findings in the schema.

use async_graphql::{ComplexObject, Context, ID, InputObject, Object, SimpleObject};
use entities::{RecordKind, finding};

use super::service;
use crate::{
    error::ApiResult,
    graphql::{
        connection::{connection, page_request_of},
        context::request,
        enums::FindingCategory,
        id,
        loader::{optional, required},
        scalars::Stamps,
    },
    inspections::graphql::Inspection,
    petitions::graphql::Petition,
};

/// A finding (发现问题): something the team found at the unit, in a category.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct Finding {
    /// Global id.
    pub id: ID,
    /// Category.
    pub category: FindingCategory,
    /// Whether the category is one of the three political ones.
    pub political: bool,
    /// What was found.
    pub description: String,
    /// What it rests on.
    pub evidence: String,
    /// Whether the unit's feedback carries this finding once released.
    pub include_in_feedback: bool,
    /// When it was made and last changed, and its version.
    #[graphql(flatten)]
    pub stamps: Stamps,
    #[graphql(skip)]
    row: finding::Model,
}

impl crate::graphql::Object for Finding {
    type Guard = finding::Entity;

    fn reads(field: &str) -> Option<&'static [finding::Column]> {
        use finding::Column as C;
        Some(match field {
            "id" | "history" => &[],
            "category" | "political" => &[C::Category],
            "description" => &[C::Description],
            "evidence" => &[C::Evidence],
            "includeInFeedback" => &[C::IncludeInFeedback],
            "createdAt" => &[C::CreatedAt],
            "updatedAt" => &[C::UpdatedAt],
            "version" => &[C::Version],
            "inspection" => &[C::InspectionId],
            "petition" => &[C::PetitionId],
            _ => return None,
        })
    }
}

impl From<finding::Model> for Finding {
    fn from(m: finding::Model) -> Self {
        Finding {
            id: id::encode(RecordKind::Finding, m.id),
            category: m.category.into(),
            political: m.category.is_political(),
            description: m.description.clone(),
            evidence: m.evidence.clone(),
            include_in_feedback: m.include_in_feedback,
            stamps: Stamps::new(m.created_at, m.updated_at, m.version),
            row: m,
        }
    }
}

#[ComplexObject]
impl Finding {
    /// Its corrections, oldest first: who, when, why (if given), and the fields before and after.
    async fn history(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Rows wanted, 0 to 100 (default 20; 0 to count only).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last row already seen.")] after: Option<String>,
    ) -> ApiResult<crate::revisions::graphql::RevisionConnection> {
        crate::revisions::graphql::history(ctx, RecordKind::Finding, self.row.id, first, after).await
    }
    /// The inspection.
    async fn inspection(&self, ctx: &Context<'_>) -> ApiResult<Inspection> {
        required(ctx, self.row.inspection_id).await
    }
    /// The petition it came from; null when none, or when the caller may not see petitions.
    async fn petition(&self, ctx: &Context<'_>) -> ApiResult<Option<Petition>> {
        optional(ctx, self.row.petition_id).await
    }
}

connection!(FindingConnection, FindingEdge, Finding, "A page of findings (发现问题).");

/// Narrows the finding list.
#[derive(InputObject, Default)]
pub struct FindingFilter {
    /// Only this inspection's.
    pub inspection_id: Option<ID>,
    /// Only this category.
    pub category: Option<FindingCategory>,
    /// Only the three political categories (true), or only the others (false).
    pub political: Option<bool>,
    /// Only those whose text holds this (ASCII letters in either case, every other character as
    /// written).
    pub search: Option<String>,
    /// Only those of inspections of this unit.
    pub unit_id: Option<ID>,
    /// Only those of this round's inspections.
    pub round_id: Option<ID>,
}

/// Finding queries.
#[derive(Default)]
pub struct FindingQuery;

#[Object]
impl FindingQuery {
    /// Findings the caller may see: all for the office and leadership; a team's own; a unit's own
    /// once its feedback is released, and only those the feedback carries.
    #[graphql(complexity = "first.unwrap_or(20).clamp(1, 100) as usize * child_complexity")]
    async fn findings(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Rows wanted, 0 to 100 (default 20; 0 to count only).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last row already seen.")] after: Option<String>,
        #[graphql(desc = "Narrows the list.")] filter: Option<FindingFilter>,
        #[graphql(desc = "Order of the list (default CREATED_AT_ASC).", default)]
        order_by: crate::graphql::enums::CreationOrder,
    ) -> ApiResult<FindingConnection> {
        let rc = request(ctx)?;
        let f = filter.unwrap_or_default();
        let filter = service::FindingFilter {
            inspection_id: f
                .inspection_id
                .map(|i| id::decode_as("filter.inspectionId", &i, RecordKind::Inspection))
                .transpose()?,
            category: f.category.map(Into::into),
            political: f.political,
            search: f.search,
            unit_id: id::decode_opt("filter.unitId", f.unit_id, RecordKind::Organization)?,
            round_id: id::decode_opt("filter.roundId", f.round_id, RecordKind::Round)?,
        };
        let page = service::list(
            &rc.db,
            &rc.access,
            filter,
            order_by.newest_first(),
            &page_request_of::<Finding>(ctx, first, after)?,
        )
        .await?;
        Ok(FindingConnection(page.map(Finding::from)))
    }
}

/// Input of `createFinding`.
#[derive(InputObject)]
pub struct CreateFindingInput {
    /// The inspection (stationed or reporting, of the caller's team).
    pub inspection_id: ID,
    /// Category.
    pub category: FindingCategory,
    /// What was found (at most 5,000 characters).
    pub description: String,
    /// What it rests on (at most 5,000 characters).
    pub evidence: String,
    /// Whether the unit's feedback carries it (default true).
    pub include_in_feedback: Option<bool>,
    /// The petition of the same inspection it came from, if any.
    pub petition_id: Option<ID>,
}

/// Result of `createFinding`.
#[derive(SimpleObject)]
pub struct CreateFindingPayload {
    /// The new finding.
    pub finding: Finding,
}

/// Input of `updateFinding`.
#[derive(InputObject)]
pub struct UpdateFindingInput {
    /// The finding.
    pub id: ID,
    /// New category.
    pub category: Option<FindingCategory>,
    /// New description.
    pub description: Option<String>,
    /// New evidence.
    pub evidence: Option<String>,
    /// Whether the unit's feedback carries it.
    pub include_in_feedback: Option<bool>,
    /// Why it is corrected (optional while the team drafts; at most 500 characters); kept with
    /// the earlier version in its `history`.
    pub reason: Option<String>,
    /// The version last seen; a different current version is `CONFLICT`.
    pub version: Option<i32>,
}

/// Result of `updateFinding`.
#[derive(SimpleObject)]
pub struct UpdateFindingPayload {
    /// The finding as changed.
    pub finding: Finding,
}

/// Input of `deleteFinding`.
#[derive(InputObject)]
pub struct DeleteFindingInput {
    /// The finding.
    pub id: ID,
}

/// Result of `deleteFinding`.
#[derive(SimpleObject)]
pub struct DeleteFindingPayload {
    /// The id of the deleted finding.
    pub deleted_id: ID,
}

/// Finding mutations.
#[derive(Default)]
pub struct FindingMutation;

#[Object]
impl FindingMutation {
    /// Records a finding (the inspection's team, while it is stationed or reporting).
    async fn create_finding(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: CreateFindingInput,
    ) -> ApiResult<CreateFindingPayload> {
        let rc = request(ctx)?;
        let inspection_id = id::decode_as("inspectionId", &input.inspection_id, RecordKind::Inspection)?;
        let petition_id =
            input.petition_id.map(|p| id::decode_as("petitionId", &p, RecordKind::Petition)).transpose()?;
        let fields = service::FindingFields {
            category: Some(input.category.into()),
            description: Some(input.description),
            evidence: Some(input.evidence),
            include_in_feedback: input.include_in_feedback,
            reason: None,
        };
        let f = service::create(&rc.db, &rc.access, inspection_id, petition_id, fields).await?;
        Ok(CreateFindingPayload { finding: f.into() })
    }

    /// Changes a finding (the inspection's team, while it is stationed or reporting).
    async fn update_finding(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: UpdateFindingInput,
    ) -> ApiResult<UpdateFindingPayload> {
        let rc = request(ctx)?;
        let id = id::decode_as("id", &input.id, RecordKind::Finding)?;
        let fields = service::FindingFields {
            category: input.category.map(Into::into),
            description: input.description,
            evidence: input.evidence,
            include_in_feedback: input.include_in_feedback,
            reason: input.reason,
        };
        let f = service::update(&rc.db, &rc.access, id, fields, input.version).await?;
        Ok(UpdateFindingPayload { finding: f.into() })
    }

    /// Deletes a finding (the inspection's team, while it is stationed or reporting).
    async fn delete_finding(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: DeleteFindingInput,
    ) -> ApiResult<DeleteFindingPayload> {
        let rc = request(ctx)?;
        let id = id::decode_as("id", &input.id, RecordKind::Finding)?;
        let f = service::delete(&rc.db, &rc.access, id).await?;
        Ok(DeleteFindingPayload { deleted_id: id::encode(RecordKind::Finding, f.id) })
    }
}

/// An inspection's findings, as the root list orders them by default (oldest first).
pub struct FindingsOfInspection;

impl crate::graphql::nested::Nesting for FindingsOfInspection {
    type Guard = entities::finding::Entity;
    type Object = Finding;
    fn parent() -> entities::finding::Column {
        entities::finding::Column::InspectionId
    }
    fn ordering() -> crate::pagination::Ordering<entities::finding::Entity> {
        service::ordering(false)
    }
}
