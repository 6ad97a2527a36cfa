//! Errors of the service layer, and the single door through which they reach a client.
//!
//! Services return [`ServiceError`]. Resolvers return [`ApiError`], which deliberately does not
//! implement `Display`: async-graphql's blanket `From<T: Display>` would otherwise let `?` send a
//! database message (with its SQL) to the client. The only way into a GraphQL error is
//! `From<ApiError>`, which maps each variant to its stable [`Code`] and logs internal causes with
//! their whole chain, under the request's correlation id.

use async_graphql::ErrorExtensions;
use axum::http::StatusCode;

/// What went wrong in a service; each variant's doc says what the client receives.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// `UNAUTHENTICATED`: no valid token, or bad credentials.
    #[error("{0}")]
    Unauthenticated(String),
    /// `FORBIDDEN`: the caller's roles may not do this at all.
    #[error("this operation is not allowed for your roles")]
    Forbidden,
    /// `FORBIDDEN`: the caller's role may take this action, but not on this matter: it lies
    /// outside its agency's competence (the message says whose it is).
    #[error("{0}")]
    OutsideCompetence(String),
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
    /// `BAD_USER_INPUT` about several fields at once (see `validate::all`): each field and the
    /// rule it breaks.
    #[error("{}", .0.iter().map(|(f, m)| format!("{f}: {m}")).collect::<Vec<_>>().join("; "))]
    BadInputs(Vec<(String, String)>),
    /// `INVALID_TRANSITION`: the object is not in a state this transition starts from.
    #[error("cannot {action} {} {kind} that is {from}", if kind.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" })]
    InvalidTransition {
        /// The kind of object.
        kind: &'static str,
        /// The transition attempted.
        action: &'static str,
        /// The state it was in.
        from: &'static str,
    },
    /// `INVALID_TRANSITION`: the object is in a state the transition starts from, but what the
    /// transition needs first is missing; the message says what.
    #[error("cannot {action} this {kind}: {missing}")]
    Unmet {
        /// The kind of object.
        kind: &'static str,
        /// The transition attempted.
        action: &'static str,
        /// What must happen first.
        missing: String,
    },
    /// `CONFLICT`: a unique value is taken, or the object changed under the caller.
    #[error("{}", match field { Some(f) => format!("{f}: {message}"), None => message.clone() })]
    Conflict {
        /// The input field whose value is taken, if one is.
        field: Option<&'static str>,
        /// What is in the way.
        message: String,
    },
    /// `SERVICE_UNAVAILABLE`: no database connection could be had in time (HTTP 503 with
    /// `Retry-After`); the cause is logged.
    #[error("the service is unavailable for a moment; retry shortly")]
    Unavailable(#[source] sea_orm::DbErr),
    /// `INTERNAL`: the cause is logged with its whole chain; the actual message is not returned to
    /// the client, who sees a generic one with the correlation id.
    #[error("an internal error occurred")]
    Internal(#[source] anyhow::Error),
}

impl From<sea_orm::DbErr> for ServiceError {
    fn from(e: sea_orm::DbErr) -> Self {
        match e {
            // No connection within the acquire timeout: the database is down or overloaded.
            sea_orm::DbErr::ConnectionAcquire(_) => ServiceError::Unavailable(e),
            e => ServiceError::Internal(anyhow::Error::new(e).context("the database failed")),
        }
    }
}

impl From<anyhow::Error> for ServiceError {
    fn from(e: anyhow::Error) -> Self {
        ServiceError::Internal(e)
    }
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

    /// An `INTERNAL` error with a cause of any kind and what was being done.
    pub fn internal(cause: impl std::error::Error + Send + Sync + 'static, doing: &'static str) -> Self {
        Self::Internal(anyhow::Error::new(cause).context(doing))
    }

    /// The stable code the client receives.
    pub fn code(&self) -> Code {
        match self {
            ServiceError::Unauthenticated(_) => Code::Unauthenticated,
            ServiceError::Forbidden | ServiceError::OutsideCompetence(_) => Code::Forbidden,
            ServiceError::NotFound(_) => Code::NotFound,
            ServiceError::BadInput { .. } | ServiceError::BadInputs(_) => Code::BadUserInput,
            ServiceError::InvalidTransition { .. } | ServiceError::Unmet { .. } => Code::InvalidTransition,
            ServiceError::Conflict { .. } => Code::Conflict,
            ServiceError::Unavailable(_) => Code::ServiceUnavailable,
            ServiceError::Internal(_) => Code::Internal,
        }
    }
}

/// Result of a service call.
pub type ServiceResult<T> = Result<T, ServiceError>;

/// The stable codes of `extensions.code` (see ../shared/API.md), spelled as the client sees them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::EnumIter)]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum Code {
    /// No valid token.
    Unauthenticated,
    /// The role may not do this operation at all.
    Forbidden,
    /// No such object in the caller's view.
    NotFound,
    /// Malformed input or a broken rule.
    BadUserInput,
    /// Not in a state the transition starts from.
    InvalidTransition,
    /// A unique value is taken, or the object changed.
    Conflict,
    /// The caller's account has as many requests in flight as it may; retry shortly.
    RateLimited,
    /// No database connection could be had in time; retry shortly.
    ServiceUnavailable,
    /// The document is not GraphQL (a syntax error).
    GraphqlParseFailed,
    /// The document does not fit the schema (an unknown field, a missing argument).
    GraphqlValidationFailed,
    /// A persisted query's hash names no document the server holds (send the document with it),
    /// or, under trusted documents, no registered one.
    PersistedQueryNotFound,
    /// Anything else.
    Internal,
}

impl Code {
    /// The code as `extensions.code` spells it.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// The HTTP status of a refusal with this code, where HTTP carries it (files, ledgers, the
    /// refusals made before the schema runs).
    pub fn http_status(self) -> StatusCode {
        match self {
            Code::Unauthenticated => StatusCode::UNAUTHORIZED,
            Code::Forbidden => StatusCode::FORBIDDEN,
            Code::NotFound => StatusCode::NOT_FOUND,
            Code::BadUserInput
            | Code::GraphqlParseFailed
            | Code::GraphqlValidationFailed
            | Code::PersistedQueryNotFound => StatusCode::BAD_REQUEST,
            Code::InvalidTransition | Code::Conflict => StatusCode::CONFLICT,
            Code::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            Code::ServiceUnavailable => StatusCode::SERVICE_UNAVAILABLE,
            Code::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
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
    pub code: Code,
    /// The message (generic, with a correlation id, for internal errors).
    pub message: String,
    /// The input field at fault, if one is (the first, when several are).
    pub field: Option<String>,
    /// Every input field at fault, with what is wrong with it, in the caller's language.
    pub fields: Vec<(String, String)>,
}

/// Describes an error for a client, logging the whole cause chain of an internal one.
pub fn describe(e: ServiceError) -> Described {
    use crate::language::{Language, current, describe_in_chinese};
    let code = e.code();
    let chinese = current() == Language::Chinese;
    let message = match &e {
        ServiceError::Internal(cause) => {
            let id = crate::correlation::current();
            tracing::error!(correlation_id = %id, error = %format_args!("{cause:#}"), "request failed");
            if chinese {
                format!("内部错误；关联编号 {id}")
            } else {
                format!("internal error; correlation id {id}")
            }
        }
        ServiceError::Unavailable(cause) => {
            let id = crate::correlation::current();
            tracing::warn!(correlation_id = %id, error = %cause, "no database connection");
            if chinese {
                format!("{}；关联编号 {id}", describe_in_chinese(&e))
            } else {
                format!("{e}; correlation id {id}")
            }
        }
        _ if chinese => describe_in_chinese(&e),
        _ => e.to_string(),
    };
    let fields: Vec<(String, String)> = match &e {
        ServiceError::BadInput { field, message } => vec![(field.clone(), message.clone())],
        ServiceError::BadInputs(all) => all.clone(),
        _ => Vec::new(),
    };
    let fields = fields.into_iter().map(|(f, m)| (f, crate::language::message(&m))).collect::<Vec<_>>();
    let field = match e {
        ServiceError::BadInput { field, .. } => Some(field),
        ServiceError::BadInputs(all) => all.into_iter().next().map(|(f, _)| f),
        ServiceError::Conflict { field: Some(field), .. } => Some(field.to_owned()),
        _ => None,
    };
    Described { code, message, field, fields }
}

fn to_graphql(e: ServiceError) -> async_graphql::Error {
    let Described { code, message, field, fields } = describe(e);
    async_graphql::Error::new(message).extend_with(|_, ext| {
        ext.set("code", code.as_str());
        if let Some(field) = field {
            ext.set("field", field);
        }
        if !fields.is_empty() {
            let all: Vec<async_graphql::Value> = fields
                .into_iter()
                .map(|(field, message)| {
                    let mut entry = async_graphql::indexmap::IndexMap::new();
                    entry.insert(async_graphql::Name::new("field"), async_graphql::Value::from(field));
                    entry.insert(async_graphql::Name::new("message"), async_graphql::Value::from(message));
                    async_graphql::Value::Object(entry)
                })
                .collect();
            ext.set("errors", async_graphql::Value::List(all));
        }
    })
}

/// Maps a unique-constraint violation to `CONFLICT` on `field` with the given message; other
/// database errors stay internal.
pub fn conflict_on_unique(e: sea_orm::DbErr, field: &'static str, message: impl Into<String>) -> ServiceError {
    match e.sql_err() {
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => ServiceError::conflict_on(field, message),
        _ => e.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_spelled_as_clients_know_them() {
        let spelled: Vec<&str> = <Code as strum::IntoEnumIterator>::iter().map(Code::as_str).collect();
        assert_eq!(
            spelled,
            [
                "UNAUTHENTICATED",
                "FORBIDDEN",
                "NOT_FOUND",
                "BAD_USER_INPUT",
                "INVALID_TRANSITION",
                "CONFLICT",
                "RATE_LIMITED",
                "SERVICE_UNAVAILABLE",
                "GRAPHQL_PARSE_FAILED",
                "GRAPHQL_VALIDATION_FAILED",
                "PERSISTED_QUERY_NOT_FOUND",
                "INTERNAL"
            ]
        );
    }

    #[test]
    fn an_internal_error_keeps_its_chain_and_tells_the_client_nothing() {
        let cause = std::io::Error::other("disk on fire");
        let e = ServiceError::internal(cause, "reading the evidence");
        let ServiceError::Internal(inner) = &e else { panic!("not internal") };
        assert_eq!(format!("{inner:#}"), "reading the evidence: disk on fire");
        let described = describe(e);
        assert_eq!(described.code, Code::Internal);
        assert!(!described.message.contains("disk"), "{}", described.message);
    }

    #[test]
    fn a_database_error_is_internal() {
        let e: ServiceError = sea_orm::DbErr::Custom("SELECT secret FROM users".into()).into();
        assert_eq!(e.code(), Code::Internal);
        assert!(!e.to_string().contains("SELECT"));
    }
}
