//! Petitions in the schema.

use async_graphql::{ComplexObject, Context, ID, InputObject, Object, SimpleObject};
use entities::{RecordKind, petition};

use super::service;
use crate::{
    error::ApiResult,
    graphql::{
        connection::{connection, page_request},
        context::request,
        id,
        loader::{loaders, required},
        scalars::{Date, Stamps},
    },
    inspections::graphql::Inspection,
    organizations::graphql::Organization,
};

/// A petition (信访): what a member of the public reported to the team. The reporter's identity
/// is confidential: only the inspection's team and the office read it; for everyone else the
/// `reporterName` and `reporterContact` fields are null.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct Petition {
    /// Global id.
    pub id: ID,
    /// What was reported.
    pub content: String,
    /// When it was received.
    pub received_on: Date,
    /// When it was made and last changed, and its version.
    #[graphql(flatten)]
    pub stamps: Stamps,
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
            stamps: Stamps::new(m.created_at, m.updated_at, m.version),
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
    /// The inspection that received it.
    async fn inspection(&self, ctx: &Context<'_>) -> ApiResult<Inspection> {
        required(ctx, self.row.inspection_id).await
    }
    /// The unit it concerns.
    async fn unit(&self, ctx: &Context<'_>) -> ApiResult<Organization> {
        required(ctx, self.row.unit_id).await
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
}

/// Petition queries.
#[derive(Default)]
pub struct PetitionQuery;

#[Object]
impl PetitionQuery {
    /// Petitions the caller may see: all for the office and leadership, a team's own; never a
    /// unit's or an agency's.
    #[graphql(complexity = "first.unwrap_or(20).clamp(1, 100) as usize * child_complexity")]
    async fn petitions(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Rows wanted, 1 to 100 (default 20).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last row already seen.")] after: Option<String>,
        #[graphql(desc = "Narrows the list.")] filter: Option<PetitionFilter>,
    ) -> ApiResult<PetitionConnection> {
        let rc = request(ctx)?;
        let f = filter.unwrap_or_default();
        let filter = service::PetitionFilter {
            inspection_id: f
                .inspection_id
                .map(|i| id::decode_as("filter.inspectionId", &i, RecordKind::Inspection))
                .transpose()?,
        };
        let page = service::list(&rc.db, &rc.access, filter, &page_request(ctx, first, after)?).await?;
        Ok(PetitionConnection(page.map(Petition::from)))
    }
}

/// Input of `createPetition`.
#[derive(InputObject)]
pub struct CreatePetitionInput {
    /// The inspection that received it (stationed or reporting, of the caller's team).
    pub inspection_id: ID,
    /// The unit it concerns; by default the inspected unit.
    pub unit_id: Option<ID>,
    /// What was reported (at most 5,000 characters).
    pub content: String,
    /// The reporter's name; omit for an anonymous petition.
    pub reporter_name: Option<String>,
    /// How to reach the reporter.
    pub reporter_contact: Option<String>,
    /// When it was received (not in the future).
    pub received_on: Date,
}

/// Result of `createPetition`.
#[derive(SimpleObject)]
pub struct CreatePetitionPayload {
    /// The new petition.
    pub petition: Petition,
}

/// Petition mutations.
#[derive(Default)]
pub struct PetitionMutation;

#[Object]
impl PetitionMutation {
    /// Records a petition (the inspection's team, while it is stationed or reporting).
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
}
