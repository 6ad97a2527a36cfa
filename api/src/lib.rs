//! The GraphQL server of the district inspection system (巡察监督).
//!
//! A library with a thin binary: [`http::app`] builds the router from an [`http::AppState`],
//! [`schema::build_schema`] the schema from its dependencies; `main.rs` only reads the
//! configuration, connects, migrates and serves.
//!
//! The house, in one sentence: each kind of record has a room of its own (`findings/`,
//! `rectification_tasks/`, ...: its reach in `scope.rs`, its rules in `service.rs`, its objects
//! and operations in `graphql.rs`), built with the kit (`gate`, `graphql`, `pagination`,
//! `validate`, `error`, ...), which knows no room; `schema` assembles the rooms and `http` serves
//! the schema. Arrows point one way: `http` → `schema` → rooms → kit → `entities`.

// The merged query and mutation roots nest deeper than the default limit allows.
#![recursion_limit = "256"]

// The kit and the way in.
pub mod clock;
pub mod config;
pub mod correlation;
pub mod error;
pub mod gate;
pub mod graphql;
pub mod http;
pub mod idempotency;
pub mod language;
pub mod metrics;
pub mod pagination;
pub mod schema;
pub mod store;
pub mod validate;

// One room per kind of record.
pub mod access_log;
pub mod accountability_records;
pub mod circulations;
pub mod clues;
pub mod decisions;
pub mod evidence_files;
pub mod experts;
pub mod feedback;
pub mod findings;
pub mod hearings;
pub mod identity;
pub mod inspections;
pub mod interview_sessions;
pub mod organizations;
pub mod petitions;
pub mod plan_entries;
pub mod progress_reports;
pub mod recommendations;
pub mod rectification_plans;
pub mod rectification_reports;
pub mod rectification_tasks;
pub mod referrals;
pub mod regulations;
pub mod reports;
pub mod revisions;
pub mod role_assignments;
pub mod roster_entries;
pub mod round_reports;
pub mod rounds;
pub mod service_credentials;
pub mod supervision_notes;
pub mod terms;
pub mod users;

// What is counted and printed from them, and the demo.
pub mod demo;
pub mod ledgers;
pub mod statistics;

use std::{sync::Arc, time::Duration};

use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbErr};

/// Opens the database (SQLite file or PostgreSQL) with a modest pool, in which a request waits at
/// most `acquire_timeout` for a connection (then `SERVICE_UNAVAILABLE`), and no statement runs
/// longer than `statement_timeout` (a request cut by its timeout leaves no work behind in the
/// database). Every connection of the pool is set up alike.
pub async fn connect(
    url: &str,
    acquire_timeout: Duration,
    statement_timeout: Duration,
) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .max_connections(pool_size(url))
        .connect_timeout(acquire_timeout)
        .acquire_timeout(acquire_timeout)
        // A connection in steady use is not pinged before every statement (a round trip each,
        // doubling the database's work for a small request); one idle long enough to have been
        // dropped by the server or a firewall still is.
        .test_before_acquire_if_idle_for(Duration::from_secs(10))
        .sqlx_logging(false)
        .map_sqlx_sqlite_opts(|o| {
            o.foreign_keys(true).pragma("journal_mode", "WAL").busy_timeout(Duration::from_secs(5))
        })
        .map_sqlx_postgres_opts(move |o| {
            o.options([("statement_timeout", format!("{}ms", statement_timeout.as_millis()))])
        });
    Database::connect(options).await
}

/// The most connections the pool opens to the database at `url`.
pub fn pool_size(url: &str) -> u32 {
    if url.starts_with("sqlite:") { 8 } else { 10 }
}

/// Everything the server needs, assembled from its parts. Every statement run on `db` from here on
/// is counted in the server's metrics.
pub fn state(config: &config::Config, mut db: DatabaseConnection, gate: gate::Gate) -> http::AppState {
    let metrics = Arc::new(metrics::Metrics::new());
    metrics.watch(&mut db);
    let tokens = Arc::new(identity::token::Tokens::new(config.jwt_secret.expose(), config.token_ttl));
    let cursor_key = Arc::new(pagination::CursorKey::from_secret(config.jwt_secret.expose()));
    let principals = identity::principals::Principals::new();
    identity::principals::listen(&db, principals.clone());
    let schema = schema::build_schema(schema::SchemaDeps {
        tokens: tokens.clone(),
        cursor_key,
        mode: config.mode,
        limits: config.limits,
        rectification: config.rectification,
    });
    http::AppState::new(http::Shared {
        db,
        gate: Arc::new(gate),
        schema,
        tokens,
        mode: config.mode,
        limits: config.limits,
        trusted_proxies: Arc::new(config.trusted_proxies.clone()),
        in_flight: Arc::default(),
        clock: config.clock,
        cors_allowed_origins: Arc::new(config.cors_allowed_origins.clone()),
        persisted: Arc::new(http::persisted::Persisted::new(config.trusted_documents.clone())),
        parsed: http::parsed::Parsed::default(),
        metrics,
        metrics_token: config.metrics_token.clone(),
        pool_size: pool_size(config.database_url.expose()),
        executions: Arc::new(tokio::sync::Semaphore::new(config.limits.max_executions)),
        principals,
        account_limits: Arc::new(http::limiter::AccountLimits::new(
            config.limits.max_requests_per_account,
            config.limits.max_expensive_per_account,
        )),
    })
}
