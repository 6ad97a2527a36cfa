//! What a resolver finds in its context: the request's database handle and access.

use async_graphql::Context;
use sea_orm::DatabaseConnection;

use crate::{
    error::{ApiResult, ServiceError},
    gate::Access,
};

/// Per-request data every resolver may use.
pub struct RequestContext {
    /// The database.
    pub db: DatabaseConnection,
    /// The caller's access: the gate.
    pub access: Access,
    /// The client's address, for login throttling.
    pub client_address: Option<String>,
}

/// The request context.
pub fn request<'a>(ctx: &Context<'a>) -> ApiResult<&'a RequestContext> {
    data(ctx)
}

/// A piece of schema or request data.
pub fn data<'a, T: Send + Sync + 'static>(ctx: &Context<'a>) -> ApiResult<&'a T> {
    ctx.data::<T>()
        .map_err(|_| ServiceError::Internal(anyhow::anyhow!("missing context {}", std::any::type_name::<T>())).into())
}
