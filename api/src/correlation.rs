//! Correlation ids: every request gets one, in the `x-request-id` response header, the logs and
//! any `INTERNAL` error message, so a user's report can be matched to the server log.

use axum::{extract::Request, http::HeaderValue, middleware::Next, response::Response};

tokio::task_local! {
    static CORRELATION_ID: String;
}

/// The current request's correlation id (`-` outside a request).
pub fn current() -> String {
    CORRELATION_ID.try_with(Clone::clone).unwrap_or_else(|_| "-".into())
}

/// Assigns the id, runs the request inside it, and returns it as `x-request-id`.
pub async fn middleware(request: Request, next: Next) -> Response {
    let id = uuid::Uuid::new_v4().to_string();
    let span =
        tracing::info_span!("request", correlation_id = %id, method = %request.method(), path = %request.uri().path());
    let mut response = CORRELATION_ID.scope(id.clone(), tracing::Instrument::instrument(next.run(request), span)).await;
    if let Ok(v) = HeaderValue::from_str(&id) {
        response.headers_mut().insert("x-request-id", v);
    }
    response
}
