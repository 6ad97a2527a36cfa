//! The talent pool in the schema.

use async_graphql::{ComplexObject, Context, ID, InputObject, Object, SimpleObject};
use entities::{RecordKind, expert, expert_conflict};

use super::service;
use crate::{
    error::ApiResult,
    gate::Action,
    graphql::scalars::{DateTime, Stamps},
    graphql::{
        connection::{connection, page_request},
        context::request,
        enums::{ConflictKind, Specialty},
        id,
        loader::{children, required},
    },
    organizations::graphql::Organization,
};

/// An expert of the talent pool (人才库专家), who can be staffed on an inspection team.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct Expert {
    /// Global id.
    pub id: ID,
    /// Full name.
    pub name: String,
    /// Field of expertise.
    pub specialty: Specialty,
    /// Year of birth.
    pub birth_year: i32,
    /// Years of relevant experience.
    pub experience_years: i32,
    /// Where the expert works now.
    pub employer: String,
    /// When it was made and last changed, and its version.
    #[graphql(flatten)]
    pub stamps: Stamps,
    #[graphql(skip)]
    row_id: i32,
    #[graphql(skip)]
    user_id: Option<i32>,
}

impl crate::graphql::Object for Expert {
    type Guard = expert::Entity;
}

impl From<expert::Model> for Expert {
    fn from(m: expert::Model) -> Self {
        Expert {
            id: id::encode(RecordKind::Expert, m.id),
            name: m.name,
            specialty: m.specialty.into(),
            birth_year: m.birth_year,
            experience_years: m.experience_years,
            employer: m.employer,
            stamps: Stamps::new(m.created_at, m.updated_at, m.version),
            row_id: m.id,
            user_id: m.user_id,
        }
    }
}

#[ComplexObject]
impl Expert {
    /// Its corrections, oldest first: who, when, and the fields before and after.
    async fn history(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Rows wanted, 0 to 100 (default 20; 0 to count only).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last row already seen.")] after: Option<String>,
    ) -> ApiResult<crate::revisions::graphql::RevisionConnection> {
        crate::revisions::graphql::history(ctx, RecordKind::Expert, self.row_id, first, after).await
    }
    /// The user account the expert logs in with, if linked (`linkExpertAccount`): the recusal
    /// rules follow that account. Null too for callers who may not read the account.
    async fn account(&self, ctx: &Context<'_>) -> ApiResult<Option<crate::users::graphql::User>> {
        crate::graphql::loader::optional(ctx, self.user_id).await
    }
    /// Units the expert has worked in or declared a conflict with, and so must recuse from.
    /// Null for callers who may not see conflicts (everyone but the office and leadership).
    async fn conflicts(&self, ctx: &Context<'_>) -> ApiResult<Option<Vec<ExpertConflict>>> {
        if request(ctx)?.access.permit::<expert_conflict::Entity>(Action::Read).is_err() {
            return Ok(None);
        }
        Ok(Some(children(ctx, expert_conflict::Column::ExpertId, self.row_id).await?))
    }
}

/// A unit an expert must recuse from (回避): they have worked there or declared a conflict.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct ExpertConflict {
    /// Global id.
    pub id: ID,
    /// Why.
    pub kind: ConflictKind,
    /// When it was recorded.
    pub created_at: DateTime,
    #[graphql(skip)]
    row: expert_conflict::Model,
}

impl crate::graphql::Object for ExpertConflict {
    type Guard = expert_conflict::Entity;
}

impl From<expert_conflict::Model> for ExpertConflict {
    fn from(m: expert_conflict::Model) -> Self {
        ExpertConflict {
            id: id::encode(RecordKind::ExpertConflict, m.id),
            kind: m.kind.into(),
            created_at: m.created_at.into(),
            row: m,
        }
    }
}

#[ComplexObject]
impl ExpertConflict {
    /// The expert.
    async fn expert(&self, ctx: &Context<'_>) -> ApiResult<Expert> {
        required(ctx, self.row.expert_id).await
    }
    /// The audited unit.
    async fn unit(&self, ctx: &Context<'_>) -> ApiResult<Organization> {
        required(ctx, self.row.unit_id).await
    }
}

connection!(ExpertConnection, ExpertEdge, Expert, "A page of experts of the talent pool (人才库).");

/// Narrows the expert list.
#[derive(InputObject, Default)]
pub struct ExpertFilter {
    /// Only this specialty.
    pub specialty: Option<Specialty>,
    /// Part of the name or employer.
    pub search: Option<String>,
    /// Only experts free to inspect this unit (no recorded conflict with it).
    pub free_for_unit_id: Option<ID>,
}

/// Orders of the expert list.
#[derive(async_graphql::Enum, Clone, Copy, PartialEq, Eq, Default)]
pub enum ExpertOrder {
    /// By name.
    #[default]
    NameAsc,
    /// Youngest first.
    BirthYearDesc,
    /// Most experienced first.
    ExperienceDesc,
}

/// Talent pool queries.
#[derive(Default)]
pub struct ExpertQuery;

#[Object]
impl ExpertQuery {
    /// The talent pool (office and leadership); a team sees the experts on its own roster.
    #[graphql(complexity = "first.unwrap_or(20).clamp(1, 100) as usize * child_complexity")]
    async fn experts(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Rows wanted, 0 to 100 (default 20; 0 to count only).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last row already seen.")] after: Option<String>,
        #[graphql(desc = "Narrows the list.")] filter: Option<ExpertFilter>,
        #[graphql(desc = "Order of the list (default NAME_ASC).", default)] order_by: ExpertOrder,
    ) -> ApiResult<ExpertConnection> {
        let rc = request(ctx)?;
        let f = filter.unwrap_or_default();
        let filter = service::ExpertFilter {
            specialty: f.specialty.map(Into::into),
            search: f.search,
            free_for_unit_id: f
                .free_for_unit_id
                .map(|i| id::decode_as("filter.freeForUnitId", &i, RecordKind::Organization))
                .transpose()?,
        };
        let order = match order_by {
            ExpertOrder::NameAsc => service::ExpertOrder::NameAsc,
            ExpertOrder::BirthYearDesc => service::ExpertOrder::BirthYearDesc,
            ExpertOrder::ExperienceDesc => service::ExpertOrder::ExperienceDesc,
        };
        let page = service::list(&rc.db, &rc.access, filter, order, &page_request(ctx, first, after)?).await?;
        Ok(ExpertConnection(page.map(Expert::from)))
    }
}

/// Input of `createExpert`.
#[derive(InputObject)]
pub struct CreateExpertInput {
    /// Full name.
    pub name: String,
    /// Field of expertise.
    pub specialty: Specialty,
    /// Year of birth.
    pub birth_year: i32,
    /// Years of relevant experience.
    pub experience_years: i32,
    /// Where the expert works now.
    pub employer: String,
}

/// Result of `createExpert`.
#[derive(SimpleObject)]
pub struct CreateExpertPayload {
    /// The new expert.
    pub expert: Expert,
}

/// Input of `updateExpert`.
#[derive(InputObject)]
pub struct UpdateExpertInput {
    /// The expert.
    pub id: ID,
    /// New name.
    pub name: Option<String>,
    /// New specialty.
    pub specialty: Option<Specialty>,
    /// New year of birth.
    pub birth_year: Option<i32>,
    /// New years of experience.
    pub experience_years: Option<i32>,
    /// New employer.
    pub employer: Option<String>,
    /// The version last seen; a different current version is `CONFLICT`.
    pub version: Option<i32>,
}

/// Result of `updateExpert`.
#[derive(SimpleObject)]
pub struct UpdateExpertPayload {
    /// The expert as changed.
    pub expert: Expert,
}

/// Input of `addExpertConflict`.
#[derive(InputObject)]
pub struct AddExpertConflictInput {
    /// The expert.
    pub expert_id: ID,
    /// The audited unit.
    pub unit_id: ID,
    /// Why the expert must recuse.
    pub kind: ConflictKind,
}

/// Result of `addExpertConflict`.
#[derive(SimpleObject)]
pub struct AddExpertConflictPayload {
    /// The recorded conflict.
    pub expert_conflict: ExpertConflict,
}

/// Input of `removeExpertConflict`.
#[derive(InputObject)]
pub struct RemoveExpertConflictInput {
    /// The conflict.
    pub id: ID,
}

/// Result of `removeExpertConflict`.
#[derive(SimpleObject)]
pub struct RemoveExpertConflictPayload {
    /// The id of the removed conflict.
    pub deleted_id: ID,
}

/// Input of `linkExpertAccount`.
#[derive(InputObject)]
pub struct LinkExpertAccountInput {
    /// The expert.
    pub expert_id: ID,
    /// The user account they log in with (not linked to another expert, not a service
    /// credential); null unlinks.
    pub user_id: Option<ID>,
}

/// Result of `linkExpertAccount`.
#[derive(SimpleObject)]
pub struct LinkExpertAccountPayload {
    /// The expert, linked or unlinked.
    pub expert: Expert,
}

/// Talent pool mutations.
#[derive(Default)]
pub struct ExpertMutation;

#[Object]
impl ExpertMutation {
    /// Adds an expert to the talent pool (office).
    async fn create_expert(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: CreateExpertInput,
    ) -> ApiResult<CreateExpertPayload> {
        let rc = request(ctx)?;
        let fields = service::ExpertFields {
            name: Some(input.name),
            specialty: Some(input.specialty.into()),
            birth_year: Some(input.birth_year),
            experience_years: Some(input.experience_years),
            employer: Some(input.employer),
        };
        Ok(CreateExpertPayload { expert: Expert::from(service::create(&rc.db, &rc.access, fields).await?) })
    }

    /// Changes an expert's record (office).
    async fn update_expert(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: UpdateExpertInput,
    ) -> ApiResult<UpdateExpertPayload> {
        let rc = request(ctx)?;
        let id = id::decode_as("id", &input.id, RecordKind::Expert)?;
        let fields = service::ExpertFields {
            name: input.name,
            specialty: input.specialty.map(Into::into),
            birth_year: input.birth_year,
            experience_years: input.experience_years,
            employer: input.employer,
        };
        Ok(UpdateExpertPayload {
            expert: Expert::from(service::update(&rc.db, &rc.access, id, fields, input.version).await?),
        })
    }

    /// Links an expert to the user account they log in with, or unlinks it (office). A linked
    /// account reaches no inspection of a unit the expert must recuse from, at once.
    async fn link_expert_account(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: LinkExpertAccountInput,
    ) -> ApiResult<LinkExpertAccountPayload> {
        let rc = request(ctx)?;
        let expert_id = id::decode_as("expertId", &input.expert_id, RecordKind::Expert)?;
        let user_id = id::decode_opt("userId", input.user_id, RecordKind::User)?;
        let e = service::link_account(&rc.db, &rc.access, expert_id, user_id).await?;
        Ok(LinkExpertAccountPayload { expert: e.into() })
    }

    /// Records a unit an expert must recuse from (office). Refused while the expert is on the
    /// roster of a team inspecting the unit; a linked account holding a team role without a roster
    /// place loses the inspections of that unit at once (see `Inspection.recusedAccounts`).
    async fn add_expert_conflict(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: AddExpertConflictInput,
    ) -> ApiResult<AddExpertConflictPayload> {
        let rc = request(ctx)?;
        let expert_id = id::decode_as("expertId", &input.expert_id, RecordKind::Expert)?;
        let unit_id = id::decode_as("unitId", &input.unit_id, RecordKind::Organization)?;
        let c = service::add_conflict(&rc.db, &rc.access, expert_id, unit_id, input.kind.into()).await?;
        Ok(AddExpertConflictPayload { expert_conflict: c.into() })
    }

    /// Removes a recorded conflict (office).
    async fn remove_expert_conflict(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: RemoveExpertConflictInput,
    ) -> ApiResult<RemoveExpertConflictPayload> {
        let rc = request(ctx)?;
        let id = id::decode_as("id", &input.id, RecordKind::ExpertConflict)?;
        let c = service::remove_conflict(&rc.db, &rc.access, id).await?;
        Ok(RemoveExpertConflictPayload { deleted_id: id::encode(RecordKind::ExpertConflict, c.id) })
    }
}
