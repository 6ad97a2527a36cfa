//! Bearer tokens: who the caller is, with their grants as the database holds them now (read on
//! every request, or kept while the database announces their changes: see
//! [`crate::identity::principals`]).
//!
//! Authentication is an extractor: a handler that takes an [`Access`] (anyone, with or without a
//! token) or a [`Caller`] (a valid token required) has been through it, `/graphql`, the evidence
//! files and the ledgers alike.

use axum::{
    extract::FromRequestParts,
    http::{HeaderMap, StatusCode, header, request::Parts},
    response::Response,
};

use super::{AppState, failure, refusal};
use crate::{error::Code, gate::Access, identity::service};

impl FromRequestParts<AppState> for Access {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        authenticate(state, &parts.headers).await
    }
}

/// A caller with a valid token: `401 UNAUTHENTICATED` otherwise, before anything else is read.
pub struct Caller(pub Access);

impl FromRequestParts<AppState> for Caller {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let access = Access::from_request_parts(parts, state).await?;
        access.principal().map_err(failure)?;
        Ok(Caller(access))
    }
}

/// The caller's access, from the `Authorization` header. No header: anonymous (only `login`
/// works). A token that is not valid now, or names a disabled or removed user: every operation
/// but `login` answers `UNAUTHENTICATED`.
///
/// A signed token's account takes one of its request slots for the request's life, before the
/// database is asked anything: an account with every slot in use is answered `RATE_LIMITED` at
/// once, before the body is read. A database failure refuses the request too.
pub async fn authenticate(state: &AppState, headers: &HeaderMap) -> Result<Access, Response> {
    let gate = state.gate.clone();
    let id = crate::correlation::current();
    let Some(value) = headers.get(header::AUTHORIZATION) else {
        return Ok(Access::anonymous(gate, id));
    };
    let user_id = value
        .to_str()
        .ok()
        .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
        .map(str::trim)
        .and_then(|token| state.tokens.verify(token));
    let Some((user_id, generation)) = user_id else {
        return Ok(Access::invalid_token(gate, id));
    };
    let Some(slot) = state.account_limits.enter(user_id) else {
        return Err(refusal(
            StatusCode::TOO_MANY_REQUESTS,
            Code::RateLimited,
            "your account has as many requests in flight as it may; retry when one has finished",
        ));
    };
    if let Some(p) = state.principals.get(user_id, generation) {
        return Ok(Access::authenticated(gate, p, id).holding(slot));
    }
    let epoch = state.principals.epoch();
    match service::principal(&state.db, user_id, generation).await {
        Ok(Some(p)) => {
            state.principals.keep(epoch, generation, &p);
            Ok(Access::authenticated(gate, p, id).holding(slot))
        }
        Ok(None) => Ok(Access::invalid_token(gate, id)),
        Err(e) => Err(failure(e)),
    }
}
