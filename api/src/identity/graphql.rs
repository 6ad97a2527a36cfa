//! Identity in the schema: `login`, `me`, users and role assignments.

use async_graphql::{ComplexObject, Context, ID, InputObject, Object, SimpleObject};
use entities::{RecordKind, role_assignment, user};

use super::{service, throttle::Throttle, token::Tokens};
use crate::{
    error::ApiResult,
    graphql::scalars::{DateTime, Stamps},
    graphql::{
        connection::{connection, page_request},
        context::{data, request},
        enums::Role,
        id,
        loader::{loaders, required},
    },
    organizations::graphql::Organization,
    rounds::graphql::Round,
};

/// A person who uses the system (用户). Passwords are never readable.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct User {
    /// Global id.
    pub id: ID,
    /// Login name.
    pub username: String,
    /// The name shown to others.
    pub display_name: String,
    /// `ACTIVE`, or `DISABLED`: a disabled user cannot log in, and tokens they hold stop working.
    pub status: UserStatus,
    /// When it was made and last changed, and its version (also bumped by role changes).
    #[graphql(flatten)]
    pub stamps: Stamps,
    #[graphql(skip)]
    row_id: i32,
}

impl From<user::Model> for User {
    fn from(m: user::Model) -> Self {
        User {
            id: id::encode(RecordKind::User, m.id),
            username: m.username,
            display_name: m.display_name,
            status: if m.disabled { UserStatus::Disabled } else { UserStatus::Active },
            stamps: Stamps::new(m.created_at, m.updated_at, m.version),
            row_id: m.id,
        }
    }
}

#[ComplexObject]
impl User {
    /// The user's role assignments that the caller may see.
    async fn assignments(&self, ctx: &Context<'_>) -> ApiResult<Vec<RoleAssignment>> {
        let rows = loaders(ctx)?.assignments_by_user.load_one(self.row_id).await?.unwrap_or_default();
        Ok(rows.into_iter().map(RoleAssignment::from).collect())
    }
}

/// Whether a user may work in the system.
#[derive(async_graphql::Enum, Clone, Copy, PartialEq, Eq, Debug)]
pub enum UserStatus {
    /// Can log in and work.
    Active,
    /// Cannot log in; tokens they hold stop working (`disableUser`, `enableUser`).
    Disabled,
}

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
            created_at: m.created_at.into(),
            row: m,
        }
    }
}

#[ComplexObject]
impl RoleAssignment {
    /// The organisation the role is held in.
    async fn organization(&self, ctx: &Context<'_>) -> ApiResult<Organization> {
        Ok(required(&loaders(ctx)?.organizations, self.row.organization_id, "organization").await?.into())
    }
    /// For a team role bounded to one round: that round (null when unbounded or not visible).
    async fn round(&self, ctx: &Context<'_>) -> ApiResult<Option<Round>> {
        match self.row.round_id {
            Some(r) => Ok(loaders(ctx)?.rounds.load_one(r).await?.map(Round::from)),
            None => Ok(None),
        }
    }
    /// The user who holds the role.
    async fn user(&self, ctx: &Context<'_>) -> ApiResult<User> {
        Ok(required(&loaders(ctx)?.users, self.row.user_id, "user").await?.into())
    }
}

connection!(UserConnection, UserEdge, User, "A page of users (用户).");

/// Narrows the user list.
#[derive(InputObject, Default)]
pub struct UserFilter {
    /// Part of the user name or display name.
    pub search: Option<String>,
    /// Only users in this state.
    pub status: Option<UserStatus>,
    /// Only holders of this role.
    pub role: Option<Role>,
    /// Only users with a role in this organisation.
    pub organization_id: Option<ID>,
}

/// Orders of the user list.
#[derive(async_graphql::Enum, Clone, Copy, PartialEq, Eq, Default)]
pub enum UserOrder {
    /// By user name, A to Z.
    #[default]
    UsernameAsc,
    /// Newest first.
    CreatedAtDesc,
}

/// Identity queries.
#[derive(Default)]
pub struct IdentityQuery;

#[Object]
impl IdentityQuery {
    /// The caller, with their role assignments and organisations.
    async fn me(&self, ctx: &Context<'_>) -> ApiResult<User> {
        let rc = request(ctx)?;
        Ok(User::from(service::me(&rc.db, &rc.access).await?))
    }

    /// Users (office and leadership see all; everyone else only themselves).
    #[graphql(complexity = "first.unwrap_or(20).clamp(1, 100) as usize * child_complexity")]
    async fn users(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Rows wanted, 1 to 100 (default 20).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last row already seen.")] after: Option<String>,
        #[graphql(desc = "Narrows the list.")] filter: Option<UserFilter>,
        #[graphql(desc = "Order of the list (default USERNAME_ASC).", default)] order_by: UserOrder,
    ) -> ApiResult<UserConnection> {
        let rc = request(ctx)?;
        let f = filter.unwrap_or_default();
        let filter = service::UserFilter {
            search: f.search,
            disabled: f.status.map(|s| s == UserStatus::Disabled),
            role: f.role.map(Into::into),
            organization_id: f
                .organization_id
                .map(|i| id::decode_as("filter.organizationId", &i, RecordKind::Organization))
                .transpose()?,
        };
        let order = match order_by {
            UserOrder::UsernameAsc => service::UserOrder::UsernameAsc,
            UserOrder::CreatedAtDesc => service::UserOrder::CreatedAtDesc,
        };
        let page = service::list_users(&rc.db, &rc.access, filter, order, &page_request(first, after)).await?;
        Ok(UserConnection(page.map(User::from)))
    }
}

/// Result of `login`.
#[derive(SimpleObject)]
pub struct LoginPayload {
    /// Send as `Authorization: Bearer <token>`.
    pub token: String,
    /// When the token stops working.
    pub expires_at: DateTime,
    /// Who logged in.
    pub user: User,
}

/// Input of `changePassword`.
#[derive(InputObject)]
pub struct ChangePasswordInput {
    /// The password now.
    pub current_password: String,
    /// The password wanted: 10 to 128 characters, not the current one.
    pub new_password: String,
}

/// Result of `changePassword`.
#[derive(SimpleObject)]
pub struct ChangePasswordPayload {
    /// A fresh token for this session; every earlier token has stopped working.
    pub token: String,
    /// When the token stops working.
    pub expires_at: DateTime,
    /// The caller.
    pub user: User,
}

/// Input of `createUser`.
#[derive(InputObject)]
pub struct CreateUserInput {
    /// Login name: letters, digits, '.', '_' and '-', at most 64.
    pub username: String,
    /// The name shown to others.
    pub display_name: String,
    /// Initial password, 10 to 128 characters.
    pub password: String,
}

/// Result of `createUser`.
#[derive(SimpleObject)]
pub struct CreateUserPayload {
    /// The new user.
    pub user: User,
}

/// Input of `updateUser`.
#[derive(InputObject)]
pub struct UpdateUserInput {
    /// The user.
    pub id: ID,
    /// New display name.
    pub display_name: Option<String>,
    /// New password (a reset by the office).
    pub password: Option<String>,
    /// The version last seen; a different current version is `CONFLICT`.
    pub version: Option<i32>,
}

/// Result of `updateUser`.
#[derive(SimpleObject)]
pub struct UpdateUserPayload {
    /// The user as changed.
    pub user: User,
}

/// Input of `disableUser`.
#[derive(InputObject)]
pub struct DisableUserInput {
    /// The user to disable.
    pub id: ID,
    /// The version last seen; a different current version is `CONFLICT`.
    pub version: Option<i32>,
}

/// Result of `disableUser`.
#[derive(SimpleObject)]
pub struct DisableUserPayload {
    /// The user, now disabled.
    pub user: User,
}

/// Input of `enableUser`.
#[derive(InputObject)]
pub struct EnableUserInput {
    /// The user to enable.
    pub id: ID,
    /// The version last seen; a different current version is `CONFLICT`.
    pub version: Option<i32>,
}

/// Result of `enableUser`.
#[derive(SimpleObject)]
pub struct EnableUserPayload {
    /// The user, now enabled.
    pub user: User,
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
}

/// Result of `assignRole`.
#[derive(SimpleObject)]
pub struct AssignRolePayload {
    /// The new assignment.
    pub assignment: RoleAssignment,
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
    pub revoked_id: ID,
}

/// Identity mutations.
#[derive(Default)]
pub struct IdentityMutation;

#[Object]
impl IdentityMutation {
    /// Exchanges a user name and password for a token. Repeated failures are slowed down.
    async fn login(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The user name.")] username: String,
        #[graphql(desc = "The password.")] password: String,
    ) -> ApiResult<LoginPayload> {
        let rc = request(ctx)?;
        let login = service::login(
            &rc.db,
            &rc.access,
            data::<std::sync::Arc<Tokens>>(ctx)?,
            data::<Throttle>(ctx)?,
            &username,
            &password,
            rc.client_address.as_deref(),
        )
        .await?;
        Ok(LoginPayload { token: login.token, expires_at: login.expires_at.into(), user: login.user.into() })
    }

    /// Changes the caller's own password (anyone signed in, but service credentials). Every other
    /// session ends at once; the answer holds a fresh token for this one.
    async fn change_password(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The current and the new password.")] input: ChangePasswordInput,
    ) -> ApiResult<ChangePasswordPayload> {
        let rc = request(ctx)?;
        let change = service::PasswordChange {
            current: &input.current_password,
            new: &input.new_password,
            address: rc.client_address.as_deref(),
        };
        let login = service::change_password(
            &rc.db,
            &rc.access,
            data::<std::sync::Arc<Tokens>>(ctx)?,
            data::<Throttle>(ctx)?,
            change,
        )
        .await?;
        Ok(ChangePasswordPayload { token: login.token, expires_at: login.expires_at.into(), user: login.user.into() })
    }

    /// Creates a user (office).
    async fn create_user(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: CreateUserInput,
    ) -> ApiResult<CreateUserPayload> {
        let rc = request(ctx)?;
        let new =
            service::NewUser { username: input.username, display_name: input.display_name, password: input.password };
        Ok(CreateUserPayload { user: User::from(service::create_user(&rc.db, &rc.access, new).await?) })
    }

    /// Changes a user's display name or resets their password (office).
    async fn update_user(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: UpdateUserInput,
    ) -> ApiResult<UpdateUserPayload> {
        let rc = request(ctx)?;
        let id = id::decode_as("id", &input.id, RecordKind::User)?;
        let changes = service::UserChanges {
            display_name: input.display_name,
            password: input.password,
            expected_version: input.version,
        };
        Ok(UpdateUserPayload { user: User::from(service::update_user(&rc.db, &rc.access, id, changes).await?) })
    }

    /// Disables a user: they cannot log in, and their tokens stop working at once (office).
    async fn disable_user(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: DisableUserInput,
    ) -> ApiResult<DisableUserPayload> {
        let rc = request(ctx)?;
        let id = id::decode_as("id", &input.id, RecordKind::User)?;
        Ok(DisableUserPayload {
            user: User::from(service::set_disabled(&rc.db, &rc.access, id, true, input.version).await?),
        })
    }

    /// Enables a disabled user again (office).
    async fn enable_user(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: EnableUserInput,
    ) -> ApiResult<EnableUserPayload> {
        let rc = request(ctx)?;
        let id = id::decode_as("id", &input.id, RecordKind::User)?;
        Ok(EnableUserPayload {
            user: User::from(service::set_disabled(&rc.db, &rc.access, id, false, input.version).await?),
        })
    }

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
        };
        Ok(AssignRolePayload { assignment: RoleAssignment::from(service::assign_role(&rc.db, &rc.access, new).await?) })
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
        Ok(RevokeRolePayload { revoked_id: id::encode(RecordKind::RoleAssignment, removed.id) })
    }
}

/// Credentials of a partner agency's system (服务凭证): a service account acting with the
/// `PARTNER` role of that agency only. It logs in with `login(username: clientId, password:
/// clientSecret)` and gets a token that lives 15 minutes.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct ServiceCredential {
    /// Global id (the service account's user id).
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
}

impl From<user::Model> for ServiceCredential {
    fn from(m: user::Model) -> Self {
        ServiceCredential {
            id: id::encode(RecordKind::User, m.id),
            client_id: m.username,
            label: m.display_name,
            status: if m.disabled { UserStatus::Disabled } else { UserStatus::Active },
            created_at: m.created_at.into(),
            row_id: m.id,
        }
    }
}

#[ComplexObject]
impl ServiceCredential {
    /// The agency whose `PARTNER` role it acts with.
    async fn agency(&self, ctx: &Context<'_>) -> ApiResult<Option<Organization>> {
        let assignments = loaders(ctx)?.assignments_by_user.load_one(self.row_id).await?.unwrap_or_default();
        match assignments.first() {
            Some(a) => Ok(loaders(ctx)?.organizations.load_one(a.organization_id).await?.map(Organization::from)),
            None => Ok(None),
        }
    }
}

connection!(ServiceCredentialConnection, ServiceCredentialEdge, ServiceCredential, "A page of service credentials.");

/// Service credential queries.
#[derive(Default)]
pub struct CredentialQuery;

#[Object]
impl CredentialQuery {
    /// Partner systems' service credentials, newest first (office).
    #[graphql(complexity = "first.unwrap_or(20).clamp(1, 100) as usize * child_complexity")]
    async fn service_credentials(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Rows wanted, 1 to 100 (default 20).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last row already seen.")] after: Option<String>,
        #[graphql(desc = "Only this agency's.")] agency_id: Option<ID>,
    ) -> ApiResult<ServiceCredentialConnection> {
        let rc = request(ctx)?;
        let agency = agency_id.map(|a| id::decode_as("agencyId", &a, RecordKind::Organization)).transpose()?;
        let page = service::list_credentials(&rc.db, &rc.access, agency, &page_request(first, after)).await?;
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
    pub credential: ServiceCredential,
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
}

/// Result of `revokeServiceCredential`.
#[derive(SimpleObject)]
pub struct RevokeServiceCredentialPayload {
    /// The credential, now revoked.
    pub credential: ServiceCredential,
}

/// Service credential mutations.
#[derive(Default)]
pub struct CredentialMutation;

#[Object]
impl CredentialMutation {
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
            credential: new.account.into(),
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
        let id = id::decode_as("id", &input.id, RecordKind::User)?;
        Ok(RevokeServiceCredentialPayload {
            credential: service::revoke_credential(&rc.db, &rc.access, id).await?.into(),
        })
    }
}
