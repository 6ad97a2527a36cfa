//! Bearer tokens: who the caller is, with their grants read from the database on every request.

use axum::{
    http::{HeaderMap, StatusCode, header},
    response::Response,
};

use super::{AppState, refusal};
use crate::{error::code, gate::Principal, identity::service};

/// The caller named by the `Authorization` header: `Ok(None)` when there is none (only `login`
/// and introspection work then); a refusal when a token is present but not valid now, or names a
/// disabled or removed user.
pub async fn authenticate(state: &AppState, headers: &HeaderMap) -> Result<Option<Principal>, Response> {
    let Some(value) = headers.get(header::AUTHORIZATION) else {
        return Ok(None);
    };
    let unauthenticated = || refusal(StatusCode::UNAUTHORIZED, code::UNAUTHENTICATED, "the token is not valid");
    let token = value
        .to_str()
        .ok()
        .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
        .map(str::trim)
        .ok_or_else(unauthenticated)?;
    let user_id = state.tokens.verify(token).ok_or_else(unauthenticated)?;
    match service::principal(&state.db, user_id).await {
        Ok(Some(p)) => Ok(Some(p)),
        Ok(None) => Err(unauthenticated()),
        Err(e) => {
            let id = super::correlation::current();
            tracing::error!(correlation_id = %id, error = ?e, "authentication failed");
            Err(refusal(
                StatusCode::INTERNAL_SERVER_ERROR,
                code::INTERNAL,
                &format!("internal error; correlation id {id}"),
            ))
        }
    }
}
