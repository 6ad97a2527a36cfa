//! Identity in the schema: `login`, `me` and `changePassword`.

use async_graphql::{Context, InputObject, Object, SimpleObject};

use super::{service, token::Tokens};
use crate::{
    error::ApiResult,
    graphql::{
        context::{data, request},
        scalars::DateTime,
    },
    users::graphql::User,
};

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

/// Input of `login`.
#[derive(InputObject)]
pub struct LoginInput {
    /// The user name (a partner system's: its `clientId`).
    pub username: String,
    /// The password (a partner system's: its `clientSecret`).
    pub password: String,
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

/// Identity mutations.
#[derive(Default)]
pub struct IdentityMutation;

#[Object]
impl IdentityMutation {
    /// Exchanges a user name and password for a token. Repeated failures are slowed down.
    async fn login(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The user name and the password.")] input: LoginInput,
    ) -> ApiResult<LoginPayload> {
        let LoginInput { username, password } = input;
        let rc = request(ctx)?;
        let login = service::login(
            &rc.db,
            &rc.access,
            data::<std::sync::Arc<Tokens>>(ctx)?,
            &username,
            &password,
            rc.client_address.as_deref(),
        )
        .await?;
        Ok(LoginPayload {
            token: login.token,
            expires_at: login.expires_at.into(),
            user: User::with_own_assignments(login.user, login.assignments),
        })
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
        let login = service::change_password(&rc.db, &rc.access, data::<std::sync::Arc<Tokens>>(ctx)?, change).await?;
        Ok(ChangePasswordPayload {
            token: login.token,
            expires_at: login.expires_at.into(),
            user: User::with_own_assignments(login.user, login.assignments),
        })
    }
}
