//! Errors of the service layer, and the single door through which they reach a client.
//!
//! Services return [`ServiceError`]. Resolvers return [`ApiError`], which deliberately does not
//! implement `Display`: async-graphql's blanket `From<T: Display>` would otherwise let `?` send a
//! database message (with its SQL) to the client. The only way into a GraphQL error is
//! `From<ApiError>`, which maps each variant to its stable code and logs internal causes.

use async_graphql::ErrorExtensions;

/// What went wrong in a service; each variant's doc says what the client receives.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// `UNAUTHENTICATED`: no valid token, or bad credentials.
    #[error("{0}")]
    Unauthenticated(String),
    /// `FORBIDDEN`: the caller's roles may not do this at all.
    #[error("this operation is not allowed for your roles")]
    Forbidden,
    /// `NOT_FOUND`: no such object in the caller's view (missing and out-of-scope look alike).
    #[error("{0} not found")]
    NotFound(&'static str),
    /// `BAD_USER_INPUT`: names the field and the rule it breaks.
    #[error("{field}: {message}")]
    BadInput {
        /// The input field, as the client spelled it.
        field: String,
        /// What is wrong with it.
        message: String,
    },
    /// `INVALID_TRANSITION`: the object is not in a state this transition starts from.
    #[error("cannot {action} {} {kind} that is {from}", if kind.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" })]
    InvalidTransition {
        /// The kind of object.
        kind: &'static str,
        /// The transition attempted.
        action: &'static str,
        /// The state it was in.
        from: String,
    },
    /// `CONFLICT`: a unique value is taken, or the object changed under the caller.
    #[error("{}", match field { Some(f) => format!("{f}: {message}"), None => message.clone() })]
    Conflict {
        /// The input field whose value is taken, if one is.
        field: Option<&'static str>,
        /// What is in the way.
        message: String,
    },
    /// `INTERNAL`: logged with its cause; the client sees a generic message.
    #[error("database error")]
    Database(#[from] sea_orm::DbErr),
    /// `INTERNAL`: anything else unexpected.
    #[error("internal error: {0}")]
    Internal(String),
}

impl ServiceError {
    /// A `BAD_USER_INPUT` error about one field.
    pub fn bad_input(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::BadInput { field: field.into(), message: message.into() }
    }

    /// A `CONFLICT` about the object as a whole (it changed, or its state is taken).
    pub fn conflict(message: impl Into<String>) -> Self {
        Self::Conflict { field: None, message: message.into() }
    }

    /// A `CONFLICT` about one input field's value.
    pub fn conflict_on(field: &'static str, message: impl Into<String>) -> Self {
        Self::Conflict { field: Some(field), message: message.into() }
    }
}

/// Result of a service call.
pub type ServiceResult<T> = Result<T, ServiceError>;

/// The stable codes of `extensions.code` (see ../shared/API.md).
pub mod code {
    /// No valid token.
    pub const UNAUTHENTICATED: &str = "UNAUTHENTICATED";
    /// The role may not do this operation at all.
    pub const FORBIDDEN: &str = "FORBIDDEN";
    /// No such object in the caller's view.
    pub const NOT_FOUND: &str = "NOT_FOUND";
    /// Malformed input or a broken rule.
    pub const BAD_USER_INPUT: &str = "BAD_USER_INPUT";
    /// Not in a state the transition starts from.
    pub const INVALID_TRANSITION: &str = "INVALID_TRANSITION";
    /// A unique value is taken, or the object changed.
    pub const CONFLICT: &str = "CONFLICT";
    /// Anything else.
    pub const INTERNAL: &str = "INTERNAL";
}

/// The error a resolver returns: already a GraphQL error with its stable code. Not `Display`, on
/// purpose (see the module doc); the only way in is from a [`ServiceError`].
#[derive(Debug, Clone)]
pub struct ApiError(async_graphql::Error);

impl<E: Into<ServiceError>> From<E> for ApiError {
    fn from(e: E) -> Self {
        ApiError(to_graphql(e.into()))
    }
}

/// Result of a resolver.
pub type ApiResult<T> = Result<T, ApiError>;

impl From<ApiError> for async_graphql::Error {
    fn from(e: ApiError) -> Self {
        e.0
    }
}

/// What a client is told of an error: its stable code, its message, and the input field at fault.
pub struct Described {
    /// The stable code.
    pub code: &'static str,
    /// The message (generic, with a correlation id, for internal errors).
    pub message: String,
    /// The input field at fault, if one is.
    pub field: Option<String>,
}

/// Describes an error for a client, logging the cause of an internal one.
pub fn describe(e: ServiceError) -> Described {
    let (code, message) = match &e {
        ServiceError::Unauthenticated(_) => (code::UNAUTHENTICATED, e.to_string()),
        ServiceError::Forbidden => (code::FORBIDDEN, e.to_string()),
        ServiceError::NotFound(_) => (code::NOT_FOUND, e.to_string()),
        ServiceError::BadInput { .. } => (code::BAD_USER_INPUT, e.to_string()),
        ServiceError::InvalidTransition { .. } => (code::INVALID_TRANSITION, e.to_string()),
        ServiceError::Conflict { .. } => (code::CONFLICT, e.to_string()),
        ServiceError::Database(_) | ServiceError::Internal(_) => {
            let id = crate::http::correlation::current();
            tracing::error!(correlation_id = %id, error = ?e, "request failed");
            (code::INTERNAL, format!("internal error; correlation id {id}"))
        }
    };
    let field = match &e {
        ServiceError::BadInput { field, .. } => Some(field.clone()),
        ServiceError::Conflict { field: Some(field), .. } => Some((*field).to_owned()),
        _ => None,
    };
    Described { code, message, field }
}

fn to_graphql(e: ServiceError) -> async_graphql::Error {
    let Described { code, message, field } = describe(e);
    async_graphql::Error::new(message).extend_with(|_, ext| {
        ext.set("code", code);
        if let Some(field) = field {
            ext.set("field", field);
        }
    })
}

/// Maps a unique-constraint violation to `CONFLICT` on `field` with the given message; other
/// database errors stay internal.
pub fn conflict_on_unique(e: sea_orm::DbErr, field: &'static str, message: impl Into<String>) -> ServiceError {
    match e.sql_err() {
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => ServiceError::conflict_on(field, message),
        _ => ServiceError::Database(e),
    }
}
