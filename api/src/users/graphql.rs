//! Users in the schema.

use async_graphql::{ComplexObject, Context, ID, InputObject, Object, SimpleObject};
use entities::{RecordKind, role_assignment, user};

use super::service;
use crate::{
    error::ApiResult,
    graphql::{
        Object as ApiObject,
        connection::{connection, page_request},
        context::request,
        enums::Role,
        id,
        loader::children,
        scalars::Stamps,
    },
    role_assignments::graphql::RoleAssignment,
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
    #[graphql(skip)]
    disabled: bool,
    /// The user's own assignments, answered with a token (`login`, `changePassword`), when the
    /// request's caller is not known yet.
    #[graphql(skip)]
    own_assignments: Option<Vec<role_assignment::Model>>,
}

impl User {
    /// The user who has just logged in, with their own assignments.
    pub fn with_own_assignments(user: user::Model, assignments: Vec<role_assignment::Model>) -> User {
        User { own_assignments: Some(assignments), ..User::from(user) }
    }
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
            disabled: m.disabled,
            own_assignments: None,
        }
    }
}

impl ApiObject for User {
    type Guard = user::Entity;
}

#[ComplexObject]
impl User {
    /// What the caller may do with the account now (`DISABLE` never on oneself), by the same
    /// policy, reach and states that decide the mutations: each one listed succeeds, each one not
    /// listed is refused.
    async fn available_transitions(&self, ctx: &Context<'_>) -> ApiResult<Vec<UserTransition>> {
        crate::graphql::offers::offered::<entities::user::Entity, _, _, _>(
            ctx,
            self.row_id,
            &self.disabled,
            &super::service::OFFERS,
        )
        .await
    }
    /// The user's role assignments that the caller may see.
    async fn assignments(&self, ctx: &Context<'_>) -> ApiResult<Vec<RoleAssignment>> {
        if let Some(own) = &self.own_assignments {
            return Ok(own.iter().cloned().map(RoleAssignment::from).collect());
        }
        children(ctx, role_assignment::Column::UserId, self.row_id).await
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

/// User queries.
#[derive(Default)]
pub struct UserQuery;

#[Object]
impl UserQuery {
    /// Users (office and leadership see all; everyone else only themselves).
    #[graphql(complexity = "first.unwrap_or(20).clamp(1, 100) as usize * child_complexity")]
    async fn users(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Rows wanted, 0 to 100 (default 20; 0 to count only).")] first: Option<i32>,
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
        let page = service::list_users(&rc.db, &rc.access, filter, order, &page_request(ctx, first, after)?).await?;
        Ok(UserConnection(page.map(User::from)))
    }
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

/// User mutations.
#[derive(Default)]
pub struct UserMutation;

#[Object]
impl UserMutation {
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
}

/// A transition of a user account, as `availableTransitions` lists them.
#[derive(async_graphql::Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "super::service::UserOffer")]
pub enum UserTransition {
    /// `disableUser` (the office).
    Disable,
    /// `enableUser` (the office).
    Enable,
}
