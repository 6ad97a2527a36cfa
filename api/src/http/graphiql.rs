//! GraphiQL for the development server, served from the binary: the page at `GET /graphql` and
//! every file it loads at `/graphiql/{file}`, so it works on an intranet with no internet. The
//! files are in `api/assets/graphiql/` (its `update` script re-downloads the pinned versions);
//! nothing of it is served in production.

use axum::{
    extract::{Path, State},
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};

use super::{AppState, refusal};
use crate::{config::Mode, error::Code};

/// The page: it loads nothing but the files below, and runs no inline script.
const PAGE: &str = include_str!("../../assets/graphiql/index.html");

/// The files the page loads: name, media type, contents.
const ASSETS: [(&str, &str, &[u8]); 5] = [
    ("graphiql.min.css", "text/css; charset=utf-8", include_bytes!("../../assets/graphiql/graphiql.min.css")),
    ("graphiql.min.js", JS, include_bytes!("../../assets/graphiql/graphiql.min.js")),
    ("react.production.min.js", JS, include_bytes!("../../assets/graphiql/react.production.min.js")),
    ("react-dom.production.min.js", JS, include_bytes!("../../assets/graphiql/react-dom.production.min.js")),
    ("page.js", JS, include_bytes!("../../assets/graphiql/page.js")),
];

const JS: &str = "text/javascript; charset=utf-8";

/// What the page may load and where it may connect: this server only. (GraphiQL sets styles
/// inline; its fonts are `data:` URLs.)
const POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; font-src data:; \
                      img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; \
                      frame-ancestors 'none'";

/// `GET /graphql`: the page, in development.
pub async fn page(State(state): State<AppState>) -> Response {
    if state.mode == Mode::Production {
        return refusal(StatusCode::NOT_FOUND, Code::NotFound, "GraphiQL is off in production");
    }
    let mut response =
        ([(header::CONTENT_TYPE, "text/html; charset=utf-8"), (header::CACHE_CONTROL, "no-cache")], PAGE)
            .into_response();
    response.headers_mut().insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(POLICY));
    response
}

/// `GET /graphiql/{file}`: one of the page's files, in development.
pub async fn asset(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    let found = ASSETS.iter().find(|(name, _, _)| *name == file);
    match (state.mode, found) {
        (Mode::Development, Some((_, media_type, body))) => {
            ([(header::CONTENT_TYPE, *media_type), (header::CACHE_CONTROL, "public, max-age=3600")], *body)
                .into_response()
        }
        _ => refusal(StatusCode::NOT_FOUND, Code::NotFound, "no such page"),
    }
}
