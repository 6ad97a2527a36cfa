//! HTTP: the router, its limits, and the one GraphQL endpoint.
//!
//! A request travels: limits and correlation id → bearer token → the caller's grants from the
//! database → the schema. Only `POST /graphql` with a JSON body executes anything.

pub mod auth;
pub mod client;
pub mod files;
pub mod graphiql;
pub mod limiter;
pub mod parsed;
pub mod persisted;
pub mod serve;

use std::sync::Arc;

use axum::{
    Router,
    body::Bytes,
    extract::{DefaultBodyLimit, State},
    http::{HeaderMap, StatusCode, header},
    response::{IntoResponse, Response},
    routing::{get, post},
};
use sea_orm::DatabaseConnection;
use serde_json::json;
use tower_http::{limit::RequestBodyLimitLayer, timeout::TimeoutLayer};

use crate::{
    config::{Limits, Mode},
    error::{Code, Described, ServiceError, describe},
    gate::Access,
    gate::Gate,
    graphql::{
        context::RequestContext,
        loader::{Loaders, PollGate},
    },
    identity::token::Tokens,
    metrics::Outcome,
    schema::ApiSchema,
};

/// What the HTTP layer needs, shared by all requests: one pointer, so that each handler and
/// middleware that takes it costs one reference count, not one per part.
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

impl AppState {
    /// The state of a server made of `parts`.
    pub fn new(parts: Shared) -> AppState {
        AppState(Arc::new(parts))
    }
}

impl std::ops::Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

/// The parts of [`AppState`].
pub struct Shared {
    /// The database.
    pub db: DatabaseConnection,
    /// The access policy.
    pub gate: Arc<Gate>,
    /// The GraphQL schema.
    pub schema: ApiSchema,
    /// Token checking.
    pub tokens: Arc<Tokens>,
    /// Development or production.
    pub mode: Mode,
    /// Request limits.
    pub limits: Limits,
    /// Proxies whose headers name the client.
    pub trusted_proxies: Arc<Vec<ipnet::IpNet>>,
    /// Requests in flight per account.
    pub account_limits: Arc<limiter::AccountLimits>,
    /// Requests in flight, all accounts together.
    pub in_flight: Arc<InFlight>,
    /// The district's clock every request runs under.
    pub clock: crate::clock::Clock,
    /// Origins whose pages may call the API from a browser.
    pub cors_allowed_origins: Arc<Vec<String>>,
    /// Persisted queries, and trusted documents if configured.
    pub persisted: Arc<persisted::Persisted>,
    /// Documents kept parsed, by their text.
    pub parsed: parsed::Parsed,
    /// What `GET /metrics` tells.
    pub metrics: Arc<crate::metrics::Metrics>,
    /// The bearer token `GET /metrics` asks for, if any.
    pub metrics_token: Option<crate::config::Secret>,
    /// The most connections of the database pool.
    pub pool_size: u32,
    /// Turns to execute a GraphQL operation (`MAX_CONCURRENT_EXECUTIONS`).
    pub executions: Arc<tokio::sync::Semaphore>,
    /// The callers' grants kept between requests, where the database announces their changes.
    pub principals: Arc<crate::identity::principals::Principals>,
}

/// How many requests are being served right now (a gauge for the operator).
#[derive(Debug, Default)]
pub struct InFlight(std::sync::atomic::AtomicUsize);

impl InFlight {
    /// Requests being served now.
    pub fn get(&self) -> usize {
        self.0.load(std::sync::atomic::Ordering::SeqCst)
    }
}

/// Counts a request from when it is received until its answer is made, even if it is cut.
struct Counted(Arc<InFlight>);

impl Counted {
    fn new(gauge: Arc<InFlight>) -> Counted {
        gauge.0.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        Counted(gauge)
    }
}

impl Drop for Counted {
    fn drop(&mut self) {
        self.0.0.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
    }
}

/// The router of the whole server.
pub fn app(state: AppState) -> Router {
    let limits = state.limits;
    // Evidence uploads may be larger than a GraphQL request; the handler says by how much.
    let uploads = Router::new()
        .route("/evidence", post(files::upload))
        .layer(RequestBodyLimitLayer::new(limits.max_upload_bytes))
        .layer(axum::middleware::map_response(move |r: Response| async move {
            if r.status() == StatusCode::PAYLOAD_TOO_LARGE { files::too_large(limits.max_upload_bytes) } else { r }
        }));
    let rest = Router::new()
        .route(
            "/graphql",
            get(graphiql::page)
                .merge(post(graphql).layer(axum::middleware::from_fn_with_state(state.clone(), observe))),
        )
        .route("/graphiql/{file}", get(graphiql::asset))
        .route("/metrics", get(metrics))
        .route("/evidence/{id}", get(files::download))
        .route("/ledgers/rectification.xlsx", get(files::rectification_ledger))
        .route("/ledgers/statistics.xlsx", get(files::statistics_ledger))
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(readyz))
        .layer(RequestBodyLimitLayer::new(limits.max_body_bytes));
    let in_flight = state.in_flight.clone();
    let cors = cors(&state.cors_allowed_origins);
    let router = with_layers(Router::new().merge(uploads).merge(rest).with_state(state), limits, in_flight);
    match cors {
        Some(layer) => router.layer(layer),
        None => router,
    }
}

/// Cross-origin requests from the allowed origins only (a frontend served from another origin):
/// none when the list is empty, as by default.
fn cors(origins: &[String]) -> Option<tower_http::cors::CorsLayer> {
    if origins.is_empty() {
        return None;
    }
    let allowed: Vec<axum::http::HeaderValue> =
        origins.iter().filter_map(|o| axum::http::HeaderValue::from_str(o).ok()).collect();
    Some(
        tower_http::cors::CorsLayer::new()
            .allow_origin(tower_http::cors::AllowOrigin::list(allowed))
            .allow_methods([axum::http::Method::GET, axum::http::Method::POST])
            .allow_headers([header::AUTHORIZATION, header::CONTENT_TYPE, header::ACCEPT])
            .expose_headers([header::RETRY_AFTER, axum::http::HeaderName::from_static("x-request-id")])
            .max_age(std::time::Duration::from_secs(600)),
    )
}

/// The layers every route is served through, outermost last: the in-flight gauge, the correlation
/// id, JSON refusals, a panic answered as `INTERNAL` (never a dropped connection), the request
/// timeout.
pub fn with_layers(router: Router, limits: Limits, in_flight: Arc<InFlight>) -> Router {
    router
        .layer(DefaultBodyLimit::disable())
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, limits.request_timeout))
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(panicked))
        .layer(axum::middleware::map_response(json_refusals))
        .layer(axum::middleware::from_fn(crate::language::middleware))
        .layer(axum::middleware::from_fn(crate::correlation::middleware))
        .layer(axum::middleware::from_fn(move |request: axum::extract::Request, next: axum::middleware::Next| {
            let counted = Counted::new(in_flight.clone());
            async move {
                let response = next.run(request).await;
                drop(counted);
                response
            }
        }))
}

/// A handler panicked: it is logged under the request id, and the client gets `INTERNAL` with
/// that id, as for any internal error.
fn panicked(cause: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let what = cause
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| cause.downcast_ref::<&str>().copied())
        .unwrap_or("a panic without a message");
    let id = crate::correlation::current();
    tracing::error!(correlation_id = %id, panic = %what, "request failed: a handler panicked");
    refusal(StatusCode::INTERNAL_SERVER_ERROR, Code::Internal, &format!("internal error; correlation id {id}"))
}

/// Refusals made by the limit layers, in the same JSON shape as every other error.
async fn json_refusals(response: Response) -> Response {
    let is_json =
        response.headers().get(header::CONTENT_TYPE).is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if is_json {
        return response;
    }
    match response.status() {
        StatusCode::PAYLOAD_TOO_LARGE => {
            refusal(StatusCode::PAYLOAD_TOO_LARGE, Code::BadUserInput, "the request body is too large")
        }
        StatusCode::REQUEST_TIMEOUT => refusal(
            StatusCode::REQUEST_TIMEOUT,
            Code::Internal,
            &format!("the request took too long; correlation id {}", crate::correlation::current()),
        ),
        _ => response,
    }
}

/// A service error as an HTTP response in the GraphQL error shape (files, ledgers, refusals before
/// the schema runs), with the status its code has over HTTP.
pub fn failure(e: ServiceError) -> Response {
    let Described { code, message, field, fields } = describe(e);
    let status = match code {
        Code::BadUserInput if field.as_deref() == Some("contentType") => StatusCode::UNSUPPORTED_MEDIA_TYPE,
        c => c.http_status(),
    };
    let mut extensions = json!({ "code": code.as_str() });
    if let Some(f) = field {
        extensions["field"] = json!(f);
    }
    if !fields.is_empty() {
        extensions["errors"] =
            fields.into_iter().map(|(field, message)| json!({ "field": field, "message": message })).collect();
    }
    let mut response =
        (status, axum::Json(json!({ "errors": [{ "message": message, "extensions": extensions }] }))).into_response();
    retry_after(&mut response, code);
    response
}

/// `Retry-After` on the answers that ask the client to come back: a rate limit lasts as long as
/// the requests before it, an outage a few seconds.
fn retry_after(response: &mut Response, code: Code) {
    let seconds = match code {
        Code::RateLimited => "1",
        Code::ServiceUnavailable => "5",
        _ => return,
    };
    response.headers_mut().insert(header::RETRY_AFTER, header::HeaderValue::from_static(seconds));
}

/// A JSON body in the GraphQL error shape, for refusals before the schema runs.
pub fn refusal(status: StatusCode, code: Code, message: &str) -> Response {
    let message = crate::language::message(message);
    let mut response =
        (status, axum::Json(json!({ "errors": [{ "message": message, "extensions": { "code": code.as_str() } }] })))
            .into_response();
    retry_after(&mut response, code);
    response.extensions_mut().insert(Outcome {
        operation: None,
        code: code.as_str().to_owned(),
        login_failed: false,
        login_throttled: false,
    });
    response
}

/// Measures a GraphQL request for the metrics: its time, its statements (the token's check and
/// the loaders' batches included) and how it ended.
async fn observe(
    State(state): State<AppState>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let started = std::time::Instant::now();
    let tally = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let response = crate::metrics::tallied(tally.clone(), next.run(request)).await;
    let outcome = response.extensions().get::<Outcome>().cloned().unwrap_or_else(|| Outcome {
        operation: None,
        code: if response.status().is_success() { "OK" } else { Code::BadUserInput.as_str() }.to_owned(),
        login_failed: false,
        login_throttled: false,
    });
    state.metrics.request(&outcome, started.elapsed(), tally.load(std::sync::atomic::Ordering::Relaxed));
    response
}

/// Whether two secrets are equal, compared through their digests so that the time taken tells
/// nothing of how much of a guess was right.
fn same_secret(given: &str, expected: &str) -> bool {
    use sha2::Digest;
    sha2::Sha256::digest(given.as_bytes()) == sha2::Sha256::digest(expected.as_bytes())
}

/// `GET /metrics`: in development to anyone unless a `METRICS_TOKEN` is set; in production only
/// with that token, and not at all without one.
async fn metrics(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let allowed = match (&state.metrics_token, state.mode) {
        (Some(token), _) => headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .is_some_and(|given| same_secret(given, token.expose())),
        (None, Mode::Development) => true,
        (None, Mode::Production) => false,
    };
    if !allowed {
        return refusal(StatusCode::NOT_FOUND, Code::NotFound, "no such page");
    }
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")],
        state.metrics.render(&state.db, state.pool_size),
    )
        .into_response()
}

/// Ready when the database answers within a second and the policies are loaded.
async fn readyz(State(state): State<AppState>) -> Response {
    let db_ok = matches!(tokio::time::timeout(std::time::Duration::from_secs(1), state.db.ping()).await, Ok(Ok(())));
    let policy_ok = state.gate.policy_lines() > 0;
    let status = if db_ok && policy_ok { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
    (status, axum::Json(json!({ "database": db_ok, "policies": policy_ok }))).into_response()
}

fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/json"))
}

async fn graphql(
    State(state): State<AppState>,
    access: Access,
    client: client::ClientAddress,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if !is_json(&headers) {
        return refusal(StatusCode::UNSUPPORTED_MEDIA_TYPE, Code::BadUserInput, "the body must be application/json");
    }
    let value: serde_json::Value = match serde_json::from_slice(&body) {
        Ok(v) => v,
        Err(_) => {
            return refusal(StatusCode::BAD_REQUEST, Code::BadUserInput, "the body is not valid JSON");
        }
    };
    if value.is_array() {
        return refusal(
            StatusCode::BAD_REQUEST,
            Code::BadUserInput,
            "batched requests are not accepted; send one operation",
        );
    }
    let mut value = value;
    if value.is_object()
        && let Err(refused) = state.persisted.resolve(&mut value)
    {
        // Apollo's clients read the code from a 200 answer and send the document again.
        let (code, message) = refused.described();
        return refusal(StatusCode::OK, code, message);
    }
    let mut request: async_graphql::Request = match serde_json::from_value(value) {
        Ok(r) => r,
        Err(_) => {
            return refusal(StatusCode::BAD_REQUEST, Code::BadUserInput, "the body is not a GraphQL request");
        }
    };
    // The document is parsed and measured here, once, before the schema or anything else walks
    // it; the schema runs the very document that was measured.
    let limits = crate::graphql::limits::DocumentLimits {
        max_fields: state.limits.max_fields,
        max_aliases: state.limits.max_aliases,
        max_depth: state.limits.max_depth,
    };
    let checked = crate::graphql::limits::check_text(&request.query)
        .and_then(|()| state.parsed.parse(&request.query))
        .and_then(|doc| crate::graphql::limits::check(&doc, &request.variables, limits).map(|c| (c, doc)));
    let graphql_response = wants_graphql_response(&headers);
    let (checked, doc) = match checked {
        Ok(c) => c,
        Err(mut e) => {
            // What is refused here without a code of ours is the parser's: not GraphQL at all.
            if e.extensions.as_ref().is_none_or(|x| x.get("code").is_none()) {
                e.extensions.get_or_insert_with(Default::default).set("code", Code::GraphqlParseFailed.as_str());
                if crate::language::current() == crate::language::Language::Chinese {
                    e.message = format!("GraphQL 文档无法解析：{}", e.message);
                }
            }
            return as_asked(graphql_errors(vec![e]), graphql_response, true);
        }
    };
    // An expensive operation takes one of the account's few slots for such, for its whole run.
    let _expensive_slot = match access.principal() {
        Ok(p) if checked.expensive => match state.account_limits.enter_expensive(p.user_id) {
            Some(slot) => Some(slot),
            None => {
                return refusal(
                    StatusCode::TOO_MANY_REQUESTS,
                    Code::RateLimited,
                    "your account is already running as many expensive requests as it may; retry when one has finished",
                );
            }
        },
        _ => None,
    };
    // A turn to execute: under a burst, answers are built a few at a time, so memory stays
    // bounded and the cores are not shared among more requests than they can serve.
    let Ok(_turn) = state.executions.acquire().await else {
        return refusal(StatusCode::SERVICE_UNAVAILABLE, Code::ServiceUnavailable, "the server is stopping");
    };
    let gate = PollGate::of_request();
    let loaders = Loaders::new(&gate, &state.db, &access);
    let context = RequestContext { db: state.db.clone(), access, client_address: client.0.map(|ip| ip.to_string()) };
    let operation_name = request.operation_name.clone();
    // A mutation may change who may do what (a role revoked, a user disabled): once it has run,
    // the next request reads the grants afresh, whatever the database's announcement has reached.
    let forget = may_change_grants(&doc, operation_name.as_deref())
        .then(|| crate::identity::principals::ForgetWhenDone(state.principals.clone()));
    request.set_parsed_query(async_graphql::parser::types::ExecutableDocument::clone(&doc));
    let mut response = state.clock.run(gate.request(state.schema.execute(request.data(context).data(loaders)))).await;
    drop(forget);
    with_codes(&mut response.errors);
    static TYPES: std::sync::OnceLock<crate::graphql::nulls::Types> = std::sync::OnceLock::new();
    let types = TYPES.get_or_init(|| crate::graphql::nulls::Types::of_sdl(&state.schema.sdl()));
    crate::graphql::nulls::propagate(&mut response.data, &response.errors, &doc, operation_name.as_deref(), types);
    crate::graphql::order::reorder(&mut response.data, &doc, operation_name.as_deref());
    let outcome = outcome_of(&doc, operation_name, &response.errors);
    // An answer that asks the client to come back says so in HTTP too.
    let come_back = response.errors.iter().find_map(|e| {
        let code = e.extensions.as_ref().and_then(|x| x.get("code"))?;
        [Code::RateLimited, Code::ServiceUnavailable]
            .into_iter()
            .find(|c| matches!(code, async_graphql::Value::String(s) if s == c.as_str()))
    });
    let request_error = response.data == async_graphql::Value::Null
        && !response.errors.is_empty()
        && response.errors.iter().all(|e| e.path.is_empty());
    let mut http = as_asked(axum::Json(response).into_response(), graphql_response, request_error);
    if let Some(code) = come_back {
        *http.status_mut() = code.http_status();
        retry_after(&mut http, code);
    }
    http.extensions_mut().insert(outcome);
    http
}

/// Whether the operation run is a mutation that may have changed anyone's grants: any mutation
/// but one that only logs in (which reads them, and writes only the access log and throttling).
fn may_change_grants(doc: &async_graphql::parser::types::ExecutableDocument, operation_name: Option<&str>) -> bool {
    use async_graphql::parser::types::{OperationType, Selection};
    let Some((_, op)) = crate::graphql::operation(doc, operation_name) else {
        return false;
    };
    op.node.ty == OperationType::Mutation
        && !op.node.selection_set.node.items.iter().all(|item| match &item.node {
            Selection::Field(f) => f.node.name.node == "login",
            _ => false,
        })
}

/// How an executed request ended, for the metrics: its operation's name, its first error's code,
/// and whether a `login` in it was refused or throttled.
fn outcome_of(
    doc: &async_graphql::parser::types::ExecutableDocument,
    operation_name: Option<String>,
    errors: &[async_graphql::ServerError],
) -> Outcome {
    use async_graphql::parser::types::Selection;
    let chosen = crate::graphql::operation(doc, operation_name.as_deref());
    let operation = operation_name.or_else(|| chosen.and_then(|(n, _)| n.map(|n| n.to_string())));
    let op = chosen.map(|(_, op)| op);
    let code_of = |e: &async_graphql::ServerError| match e.extensions.as_ref().and_then(|x| x.get("code")) {
        Some(async_graphql::Value::String(s)) => s.clone(),
        _ => Code::Internal.as_str().to_owned(),
    };
    let logins: Vec<&str> = op
        .map(|op| {
            op.node
                .selection_set
                .node
                .items
                .iter()
                .filter_map(|item| match &item.node {
                    Selection::Field(f) if f.node.name.node == "login" => Some(f.node.response_key().node.as_str()),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default();
    let login_error = |code: Code| {
        errors.iter().any(|e| {
            matches!(e.path.first(), Some(async_graphql::PathSegment::Field(k)) if logins.contains(&k.as_str()))
                && code_of(e) == code.as_str()
        })
    };
    Outcome {
        operation,
        code: errors.first().map_or_else(|| "OK".to_owned(), code_of),
        login_failed: login_error(Code::Unauthenticated),
        login_throttled: login_error(Code::RateLimited),
    }
}

/// A GraphQL response holding only errors (the document was refused before it ran).
fn graphql_errors(mut errors: Vec<async_graphql::ServerError>) -> Response {
    with_codes(&mut errors);
    axum::Json(async_graphql::Response::from_errors(errors)).into_response()
}

/// Errors raised by the engine carry no code of ours. A bad argument or variable value is the
/// client's input (`BAD_USER_INPUT`, with the `field` it names where the engine says which), as is
/// a query over the complexity limit; anything else the validation refused (an unknown field, a
/// missing argument) is `GRAPHQL_VALIDATION_FAILED`.
fn with_codes(errors: &mut [async_graphql::ServerError]) {
    for e in errors {
        let has_code = e.extensions.as_ref().is_some_and(|x| x.get("code").is_some());
        if has_code {
            continue;
        }
        let field = input_field(&e.message);
        // A value that does not parse where a resolver reads its arguments (a bad `Date`), and the
        // engine's own limits (too complex), are the client's input like the rest.
        let input = field.is_some() || !e.path.is_empty() || e.message.starts_with("Query is too complex");
        let ext = e.extensions.get_or_insert_with(Default::default);
        if let Some(field) = field {
            ext.set("field", field);
        }
        let code = if input { Code::BadUserInput } else { Code::GraphqlValidationFailed };
        ext.set("code", code.as_str());
        if crate::language::current() == crate::language::Language::Chinese {
            // The engine's own words say exactly what is wrong; a Chinese frame says what it is.
            let frame = match code {
                Code::BadUserInput => "输入有误",
                _ => "GraphQL 文档与接口定义不符",
            };
            e.message = format!("{frame}：{}", e.message);
        }
    }
}

/// The input field a value error of the engine names: `Invalid value for argument "input.method",
/// …` names `method`; `None` for other errors.
fn input_field(message: &str) -> Option<String> {
    let rest = message.strip_prefix("Invalid value for argument \"")?;
    let path = &rest[..rest.find('"')?];
    Some(path.rsplit('.').next().unwrap_or(path).to_owned())
}

/// Whether the client asked for `application/graphql-response+json` (GraphQL over HTTP), under
/// which a request refused before it ran is answered with HTTP 400.
fn wants_graphql_response(headers: &HeaderMap) -> bool {
    headers
        .get_all(axum::http::header::ACCEPT)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|v| v.split(',').any(|t| t.trim().starts_with("application/graphql-response+json")))
}

/// The response in the media type asked for: under `application/graphql-response+json`, a request
/// error (no data, every error before execution) is HTTP 400.
fn as_asked(mut http: Response, graphql_response: bool, request_error: bool) -> Response {
    if graphql_response {
        http.headers_mut().insert(
            axum::http::header::CONTENT_TYPE,
            axum::http::HeaderValue::from_static("application/graphql-response+json; charset=utf-8"),
        );
        if request_error && http.status() == StatusCode::OK {
            *http.status_mut() = StatusCode::BAD_REQUEST;
        }
    }
    http
}
