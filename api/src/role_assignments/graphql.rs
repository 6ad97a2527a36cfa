//! Role assignments in the schema.

use async_graphql::{ComplexObject, Context, ID, InputObject, Object, SimpleObject};
use entities::{RecordKind, role_assignment};

use super::service;
use crate::{
    error::ApiResult,
    graphql::{
        Object as ApiObject,
        context::request,
        enums::Role,
        id,
        loader::{optional, required},
        scalars::DateTime,
    },
    organizations::graphql::Organization,
    rounds::graphql::Round,
    users::graphql::User,
};

/// A role held by a user in one organisation (角色分配); a team role may be bounded to one round.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct RoleAssignment {
    /// Global id.
    pub id: ID,
    /// The role.
    pub role: Role,
    /// Whether the assignment is bounded to one round.
    pub bounded_to_round: bool,
    /// For a unit leader: whether they are the unit's principal leader (主要负责人), who alone of
    /// the unit reads the feedback given to the principal leader.
    pub principal: bool,
    /// When the role was assigned.
    pub created_at: DateTime,
    #[graphql(skip)]
    row: role_assignment::Model,
}

impl From<role_assignment::Model> for RoleAssignment {
    fn from(m: role_assignment::Model) -> Self {
        RoleAssignment {
            id: id::encode(RecordKind::RoleAssignment, m.id),
            role: m.role.into(),
            bounded_to_round: m.round_id.is_some(),
            principal: m.is_principal,
            created_at: m.created_at.into(),
            row: m,
        }
    }
}

impl ApiObject for RoleAssignment {
    type Guard = role_assignment::Entity;
}

impl RoleAssignment {
    /// The organisation the role is held in (its row id).
    pub fn organization_id(&self) -> i32 {
        self.row.organization_id
    }
}

#[ComplexObject]
impl RoleAssignment {
    /// The organisation the role is held in.
    async fn organization(&self, ctx: &Context<'_>) -> ApiResult<Organization> {
        required(ctx, self.row.organization_id).await
    }
    /// For a team role bounded to one round: that round (null when unbounded or not visible).
    async fn round(&self, ctx: &Context<'_>) -> ApiResult<Option<Round>> {
        optional(ctx, self.row.round_id).await
    }
    /// The user who holds the role.
    async fn user(&self, ctx: &Context<'_>) -> ApiResult<User> {
        required(ctx, self.row.user_id).await
    }
}

/// Input of `assignRole`.
#[derive(InputObject)]
pub struct AssignRoleInput {
    /// Who receives the role.
    pub user_id: ID,
    /// Which role.
    pub role: Role,
    /// The organisation, of the kind the role is held in (a team for team roles, ...).
    pub organization_id: ID,
    /// For team roles, optionally: the one round the assignment is bounded to.
    pub round_id: Option<ID>,
    /// For a unit leader: whether they are the unit's principal leader (default false; a unit has
    /// one).
    pub principal: Option<bool>,
}

/// Result of `assignRole`.
#[derive(SimpleObject)]
pub struct AssignRolePayload {
    /// The new assignment.
    pub role_assignment: RoleAssignment,
}

/// Input of `revokeRole`.
#[derive(InputObject)]
pub struct RevokeRoleInput {
    /// The assignment to remove.
    pub id: ID,
}

/// Result of `revokeRole`.
#[derive(SimpleObject)]
pub struct RevokeRolePayload {
    /// The id of the removed assignment.
    pub deleted_id: ID,
}

/// Role assignment mutations.
#[derive(Default)]
pub struct RoleAssignmentMutation;

#[Object]
impl RoleAssignmentMutation {
    /// Gives a user a role in an organisation (office).
    async fn assign_role(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: AssignRoleInput,
    ) -> ApiResult<AssignRolePayload> {
        let rc = request(ctx)?;
        let new = service::NewAssignment {
            user_id: id::decode_as("userId", &input.user_id, RecordKind::User)?,
            role: input.role.into(),
            organization_id: id::decode_as("organizationId", &input.organization_id, RecordKind::Organization)?,
            round_id: input.round_id.map(|r| id::decode_as("roundId", &r, RecordKind::Round)).transpose()?,
            principal: input.principal.unwrap_or(false),
        };
        Ok(AssignRolePayload {
            role_assignment: RoleAssignment::from(service::assign_role(&rc.db, &rc.access, new).await?),
        })
    }

    /// Removes a role assignment; effective on the holder's next request (office).
    async fn revoke_role(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: RevokeRoleInput,
    ) -> ApiResult<RevokeRolePayload> {
        let rc = request(ctx)?;
        let id = id::decode_as("id", &input.id, RecordKind::RoleAssignment)?;
        let removed = service::revoke_role(&rc.db, &rc.access, id).await?;
        Ok(RevokeRolePayload { deleted_id: id::encode(RecordKind::RoleAssignment, removed.id) })
    }
}
