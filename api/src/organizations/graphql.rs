//! Organisations in the schema.

use async_graphql::{ComplexObject, Context, ID, InputObject, Object, SimpleObject};
use entities::{RecordKind, organization};

use super::service;
use crate::{
    error::ApiResult,
    graphql::scalars::Stamps,
    graphql::{
        Object as ApiObject,
        connection::{connection, page_request_of},
        context::request,
        enums::{AgencyCompetence, OrganizationKind, UnitCategory},
        id,
        loader::{children, optional},
    },
};

/// An organisation (组织): the leadership group, the office, an inspection team, a partner agency
/// or an audited unit (a village or community among them, under its township or street).
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct Organization {
    /// Global id.
    pub id: ID,
    /// What kind of body this is.
    pub kind: OrganizationKind,
    /// Name (unique).
    pub name: String,
    /// For audited units: their category; null for every other kind.
    pub unit_category: Option<UnitCategory>,
    /// For partner agencies: what they may decide (which referrals they receive, which outcomes
    /// they record); null for every other kind.
    pub competence: Option<AgencyCompetence>,
    /// When it was made and last changed, and its version.
    #[graphql(flatten)]
    pub stamps: Stamps,
    #[graphql(skip)]
    parent_id: Option<i32>,
    #[graphql(skip)]
    row_id: i32,
}

#[ComplexObject]
impl Organization {
    /// Its corrections, oldest first: who, when, and the fields before and after.
    async fn history(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Rows wanted, 0 to 100 (default 20; 0 to count only).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last row already seen.")] after: Option<String>,
    ) -> ApiResult<crate::revisions::graphql::RevisionConnection> {
        crate::revisions::graphql::history(ctx, RecordKind::Organization, self.row_id, first, after).await
    }
    /// For a village or community: its township or street.
    async fn parent(&self, ctx: &Context<'_>) -> ApiResult<Option<Organization>> {
        optional(ctx, self.parent_id).await
    }
    /// For a township or street: its villages and communities, oldest first.
    async fn villages(&self, ctx: &Context<'_>) -> ApiResult<Vec<Organization>> {
        children(ctx, organization::Column::ParentId, self.row_id).await
    }
    /// For an audited unit: its inspections the caller may see, newest first, with their `totalCount`: as `inspections(filter: { unitId })`; empty for any other organisation.
    #[graphql(complexity = "first.unwrap_or(20).clamp(1, 100) as usize * child_complexity")]
    async fn inspections(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "Rows wanted, 0 to 100 (default 20; 0 to count only). To read past them, pass the last cursor as `after` to the root list with this parent as its filter."
        )]
        first: Option<i32>,
    ) -> ApiResult<crate::inspections::graphql::InspectionConnection> {
        let page =
            crate::graphql::nested::page::<crate::inspections::graphql::InspectionsOfUnit>(ctx, self.row_id, first)
                .await?;
        Ok(crate::inspections::graphql::InspectionConnection(page.map(crate::inspections::graphql::Inspection::from)))
    }
}

impl From<organization::Model> for Organization {
    fn from(m: organization::Model) -> Self {
        Organization {
            id: id::encode(RecordKind::Organization, m.id),
            kind: m.kind.into(),
            name: m.name,
            unit_category: m.unit_category.map(Into::into),
            competence: m.competence.map(Into::into),
            stamps: Stamps::new(m.created_at, m.updated_at, m.version),
            parent_id: m.parent_id,
            row_id: m.id,
        }
    }
}

impl ApiObject for Organization {
    type Guard = organization::Entity;

    fn reads(field: &str) -> Option<&'static [organization::Column]> {
        use organization::Column as C;
        Some(match field {
            "id" | "history" | "villages" | "inspections" => &[],
            "kind" => &[C::Kind],
            "name" => &[C::Name],
            "unitCategory" => &[C::UnitCategory],
            "competence" => &[C::Competence],
            "createdAt" => &[C::CreatedAt],
            "updatedAt" => &[C::UpdatedAt],
            "version" => &[C::Version],
            "parent" => &[C::ParentId],
            _ => return None,
        })
    }
}

connection!(OrganizationConnection, OrganizationEdge, Organization, "A page of organisations (组织).");

/// Narrows the organisation list.
#[derive(InputObject, Default)]
pub struct OrganizationFilter {
    /// Only this kind.
    pub kind: Option<OrganizationKind>,
    /// Only audited units of this category.
    pub unit_category: Option<UnitCategory>,
    /// Only the villages and communities of this township or street.
    pub parent_id: Option<ID>,
    /// Part of the name.
    pub search: Option<String>,
    /// Only audited units not yet inspected in this round (no inspection of it that the caller
    /// may see): the units a round still could cover.
    pub not_inspected_in_round: Option<ID>,
    /// Only audited units not inspected in any round of this term (巡察全覆盖: the units the term
    /// has still to cover), by the inspections the caller may see.
    pub not_inspected_in_term: Option<ID>,
}

/// Orders of the organisation list.
#[derive(async_graphql::Enum, Clone, Copy, PartialEq, Eq, Default)]
pub enum OrganizationOrder {
    /// By name.
    #[default]
    NameAsc,
    /// Oldest first.
    CreatedAtAsc,
}

/// Organisation queries.
#[derive(Default)]
pub struct OrganizationQuery;

#[Object]
impl OrganizationQuery {
    /// Organisations the caller may see: all for the office and leadership; for a team, itself
    /// and the units it inspects; for an agency, itself; for a unit, itself and the teams
    /// inspecting it in a started round.
    #[graphql(complexity = "first.unwrap_or(20).clamp(1, 100) as usize * child_complexity")]
    async fn organizations(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Rows wanted, 0 to 100 (default 20; 0 to count only).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last row already seen.")] after: Option<String>,
        #[graphql(desc = "Narrows the list.")] filter: Option<OrganizationFilter>,
        #[graphql(desc = "Order of the list (default NAME_ASC).", default)] order_by: OrganizationOrder,
    ) -> ApiResult<OrganizationConnection> {
        let rc = request(ctx)?;
        let f = filter.unwrap_or_default();
        let filter = service::OrganizationFilter {
            kind: f.kind.map(Into::into),
            unit_category: f.unit_category.map(Into::into),
            parent_id: id::decode_opt("filter.parentId", f.parent_id, RecordKind::Organization)?,
            search: f.search,
            not_inspected_in_round: id::decode_opt(
                "filter.notInspectedInRound",
                f.not_inspected_in_round,
                RecordKind::Round,
            )?,
            not_inspected_in_term: id::decode_opt(
                "filter.notInspectedInTerm",
                f.not_inspected_in_term,
                RecordKind::Term,
            )?,
        };
        let order = match order_by {
            OrganizationOrder::NameAsc => service::OrganizationOrder::NameAsc,
            OrganizationOrder::CreatedAtAsc => service::OrganizationOrder::CreatedAtAsc,
        };
        let page =
            service::list(&rc.db, &rc.access, filter, order, &page_request_of::<Organization>(ctx, first, after)?)
                .await?;
        Ok(OrganizationConnection(page.map(Organization::from)))
    }
}

/// Input of `createOrganization`.
#[derive(InputObject)]
pub struct CreateOrganizationInput {
    /// What kind of body.
    pub kind: OrganizationKind,
    /// Name, unique.
    pub name: String,
    /// Required for audited units, refused for every other kind.
    pub unit_category: Option<UnitCategory>,
    /// For a village or community (`VILLAGE_COMMUNITY`), and required: its township or street.
    pub parent_id: Option<ID>,
    /// Required for a partner agency, refused for every other kind: what it may decide.
    pub competence: Option<AgencyCompetence>,
}

/// Result of `createOrganization`.
#[derive(SimpleObject)]
pub struct CreateOrganizationPayload {
    /// The new organisation.
    pub organization: Organization,
}

/// Input of `updateOrganization`.
#[derive(InputObject)]
pub struct UpdateOrganizationInput {
    /// The organisation.
    pub id: ID,
    /// New name.
    pub name: Option<String>,
    /// New category (audited units only; a unit does not become a village or community, nor the
    /// reverse).
    pub unit_category: Option<UnitCategory>,
    /// For a village or community: the township or street it now belongs to.
    pub parent_id: Option<ID>,
    /// For a partner agency: its competence.
    pub competence: Option<AgencyCompetence>,
    /// The version last seen; a different current version is `CONFLICT`.
    pub version: Option<i32>,
}

/// Result of `updateOrganization`.
#[derive(SimpleObject)]
pub struct UpdateOrganizationPayload {
    /// The organisation as changed.
    pub organization: Organization,
}

/// Organisation mutations.
#[derive(Default)]
pub struct OrganizationMutation;

#[Object]
impl OrganizationMutation {
    /// Creates an organisation (office).
    async fn create_organization(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: CreateOrganizationInput,
    ) -> ApiResult<CreateOrganizationPayload> {
        let rc = request(ctx)?;
        let parent = id::decode_opt("parentId", input.parent_id, RecordKind::Organization)?;
        let category = input.unit_category.map(Into::into);
        let competence = input.competence.map(Into::into);
        let org =
            service::create(&rc.db, &rc.access, input.kind.into(), &input.name, category, parent, competence).await?;
        Ok(CreateOrganizationPayload { organization: org.into() })
    }

    /// Renames an organisation or changes a unit's category (office).
    async fn update_organization(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: UpdateOrganizationInput,
    ) -> ApiResult<UpdateOrganizationPayload> {
        let rc = request(ctx)?;
        let id = id::decode_as("id", &input.id, RecordKind::Organization)?;
        let change = service::OrganizationChange {
            parent_id: id::decode_opt("parentId", input.parent_id, RecordKind::Organization)?,
            unit_category: input.unit_category.map(Into::into),
            competence: input.competence.map(Into::into),
            name: input.name,
            expected_version: input.version,
        };
        let org = service::update(&rc.db, &rc.access, id, change).await?;
        Ok(UpdateOrganizationPayload { organization: org.into() })
    }
}
