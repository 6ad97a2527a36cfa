//! Service credentials in the schema.

use async_graphql::{ComplexObject, Context, ID, InputObject, Object, SimpleObject};
use entities::{RecordKind, role_assignment, user};

use super::service;
use crate::{
    error::ApiResult,
    graphql::{
        connection::{connection, page_request},
        context::request,
        id,
        loader::{children, optional},
        scalars::DateTime,
    },
    organizations::graphql::Organization,
    role_assignments::graphql::RoleAssignment,
    users::graphql::UserStatus,
};

/// Credentials of a partner agency's system (服务凭证): a service account acting with the
/// `PARTNER` role of that agency only. It logs in with `login(input: { username: clientId,
/// password: clientSecret })` and gets a token that lives 15 minutes.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct ServiceCredential {
    /// Global id.
    pub id: ID,
    /// The client id: the `username` to log in with.
    pub client_id: String,
    /// What the credential is for.
    pub label: String,
    /// `ACTIVE`, or `DISABLED` once revoked.
    pub status: UserStatus,
    /// When it was created.
    pub created_at: DateTime,
    #[graphql(skip)]
    row_id: i32,
    #[graphql(skip)]
    disabled: bool,
}

impl crate::graphql::Object for ServiceCredential {
    type Guard = super::scope::ServiceCredentials;
}

impl From<user::Model> for ServiceCredential {
    fn from(m: user::Model) -> Self {
        ServiceCredential {
            id: id::encode(RecordKind::ServiceCredential, m.id),
            client_id: m.username,
            label: m.display_name,
            status: if m.disabled { UserStatus::Disabled } else { UserStatus::Active },
            created_at: m.created_at.into(),
            row_id: m.id,
            disabled: m.disabled,
        }
    }
}

#[ComplexObject]
impl ServiceCredential {
    /// What the caller may do with the credential now, by the same policy and state that decide
    /// `revokeServiceCredential`: listed, it succeeds; not listed, it is refused.
    async fn available_transitions(&self, ctx: &Context<'_>) -> ApiResult<Vec<ServiceCredentialTransition>> {
        crate::graphql::offers::offered::<super::scope::ServiceCredentials, _, _, _>(
            ctx,
            self.row_id,
            &self.disabled,
            &super::service::OFFERS,
        )
        .await
    }
    /// The agency whose `PARTNER` role it acts with.
    async fn agency(&self, ctx: &Context<'_>) -> ApiResult<Option<Organization>> {
        let assignments: Vec<RoleAssignment> = children(ctx, role_assignment::Column::UserId, self.row_id).await?;
        optional(ctx, assignments.first().map(|a| a.organization_id())).await
    }
}

connection!(ServiceCredentialConnection, ServiceCredentialEdge, ServiceCredential, "A page of service credentials.");

/// Service credential queries.
#[derive(Default)]
pub struct ServiceCredentialQuery;

#[Object]
impl ServiceCredentialQuery {
    /// Partner systems' service credentials, newest first (office).
    #[graphql(complexity = "first.unwrap_or(20).clamp(1, 100) as usize * child_complexity")]
    async fn service_credentials(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Rows wanted, 0 to 100 (default 20; 0 to count only).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last row already seen.")] after: Option<String>,
        #[graphql(desc = "Only this agency's.")] agency_id: Option<ID>,
        #[graphql(desc = "Order of the list (default CREATED_AT_DESC).", default)] order_by: ServiceCredentialOrder,
    ) -> ApiResult<ServiceCredentialConnection> {
        let rc = request(ctx)?;
        let agency = agency_id.map(|a| id::decode_as("agencyId", &a, RecordKind::Organization)).transpose()?;
        let page =
            service::list_credentials(&rc.db, &rc.access, agency, order_by.into(), &page_request(ctx, first, after)?)
                .await?;
        Ok(ServiceCredentialConnection(page.map(ServiceCredential::from)))
    }
}

/// Input of `createServiceCredential`.
#[derive(InputObject)]
pub struct CreateServiceCredentialInput {
    /// The partner agency whose system it is for.
    pub agency_id: ID,
    /// What it is for (e.g. "纪委监察局案件管理系统").
    pub label: String,
}

/// Result of `createServiceCredential`. The secret is shown here once and never again.
#[derive(SimpleObject)]
pub struct CreateServiceCredentialPayload {
    /// The credential.
    pub service_credential: ServiceCredential,
    /// The client id: log in with it as `username`.
    pub client_id: String,
    /// The secret: log in with it as `password`. Store it now; it is not shown again.
    pub client_secret: String,
}

/// Input of `revokeServiceCredential`.
#[derive(InputObject)]
pub struct RevokeServiceCredentialInput {
    /// The credential.
    pub id: ID,
    /// The version last seen; a different current version is `CONFLICT`.
    pub version: Option<i32>,
}

/// Result of `revokeServiceCredential`.
#[derive(SimpleObject)]
pub struct RevokeServiceCredentialPayload {
    /// The credential, now revoked.
    pub service_credential: ServiceCredential,
}

/// Service credential mutations.
#[derive(Default)]
pub struct ServiceCredentialMutation;

#[Object]
impl ServiceCredentialMutation {
    /// Creates credentials for a partner agency's system (office). The secret is in the answer,
    /// once.
    async fn create_service_credential(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: CreateServiceCredentialInput,
    ) -> ApiResult<CreateServiceCredentialPayload> {
        let rc = request(ctx)?;
        let agency = id::decode_as("agencyId", &input.agency_id, RecordKind::Organization)?;
        let new = service::create_credential(&rc.db, &rc.access, agency, &input.label).await?;
        Ok(CreateServiceCredentialPayload {
            service_credential: new.account.into(),
            client_id: new.client_id,
            client_secret: new.client_secret,
        })
    }

    /// Revokes a partner system's credentials: its next request is refused (office).
    async fn revoke_service_credential(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: RevokeServiceCredentialInput,
    ) -> ApiResult<RevokeServiceCredentialPayload> {
        let rc = request(ctx)?;
        let id = id::decode_as("id", &input.id, RecordKind::ServiceCredential)?;
        Ok(RevokeServiceCredentialPayload {
            service_credential: service::revoke_credential(&rc.db, &rc.access, id, input.version).await?.into(),
        })
    }
}

/// Orders of the credentials list.
#[derive(async_graphql::Enum, Clone, Copy, PartialEq, Eq, Default)]
#[graphql(remote = "super::service::CredentialOrder")]
pub enum ServiceCredentialOrder {
    /// Newest first.
    #[default]
    CreatedAtDesc,
    /// Oldest first.
    CreatedAtAsc,
    /// By user name.
    UsernameAsc,
}

/// A transition of a service credential, as `availableTransitions` lists them.
#[derive(async_graphql::Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "super::service::CredentialOffer")]
pub enum ServiceCredentialTransition {
    /// `revokeServiceCredential` (the office).
    Revoke,
}
