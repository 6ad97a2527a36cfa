//! The GraphQL server of the district inspection system (巡察监督).
//!
//! A library with a thin binary: [`http::app`] builds the router from an [`http::AppState`],
//! [`graphql::build_schema`] the schema from its dependencies; `main.rs` only reads the
//! configuration, connects, migrates and serves. Each domain area (`identity`, `organizations`,
//! `talent`, `rounds`, `findings`, `clues`, `petitions`, `recommendations`, `reports`, `audit`, `referrals`,
//! `rectification`, `evidence`, `regulations`, `interviews`, `accountability`, `statistics`,
//! `ledgers`) keeps its GraphQL types beside its service; every service call goes
//! through the [`gate`].

pub mod accountability;
pub mod audit;
pub mod clock;
pub mod clues;
pub mod config;
pub mod demo;
pub mod error;
pub mod evidence;
pub mod findings;
pub mod gate;
pub mod graphql;
pub mod http;
pub mod idempotency;
pub mod identity;
pub mod interviews;
pub mod ledgers;
pub mod organizations;
pub mod pagination;
pub mod petitions;
pub mod recommendations;
pub mod rectification;
pub mod referrals;
pub mod regulations;
pub mod reports;
pub mod rounds;
pub mod statistics;
pub mod store;
pub mod talent;
pub mod validate;

use std::{sync::Arc, time::Duration};

use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbErr};

/// Opens the database (SQLite file or PostgreSQL) with a modest pool.
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .max_connections(if url.starts_with("sqlite:") { 4 } else { 10 })
        .connect_timeout(Duration::from_secs(10))
        .sqlx_logging(false);
    let db = Database::connect(options).await?;
    if url.starts_with("sqlite:") {
        use sea_orm::ConnectionTrait;
        db.execute_unprepared("PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000;")
            .await?;
    }
    Ok(db)
}

/// Everything the server needs, assembled from its parts.
pub fn state(config: &config::Config, db: DatabaseConnection, gate: gate::Gate) -> http::AppState {
    let tokens = Arc::new(identity::token::Tokens::new(config.jwt_secret.expose(), config.token_ttl));
    let schema = graphql::build_schema(graphql::SchemaDeps {
        tokens: tokens.clone(),
        throttle: identity::throttle::Throttle::default(),
        mode: config.mode,
        limits: config.limits,
    });
    http::AppState { db, gate: Arc::new(gate), schema, tokens, mode: config.mode, limits: config.limits }
}
