//! The server binary: read the configuration, connect, migrate, (load the demo data), serve.
//!
//! `inspection migrate` runs the migrations and exits.

use std::process::ExitCode;

use api::{config::Config, demo, gate::Gate, http::serve::serve};
use migration::{Migrator, MigratorTrait};

/// A request builds and drops many small values (rows, their strings, the response tree) on both
/// cores at once; mimalloc's per-thread heaps serve that without the contention of the system
/// allocator's arenas (about a third of the server's time under load, in the benchmark).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn,sea_orm=warn".into()),
        )
        .init();
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> anyhow::Result<()> {
    let migrate_only = match std::env::args().nth(1).as_deref() {
        None => false,
        Some("migrate") => true,
        Some(other) => anyhow::bail!("unknown command `{other}`; the only command is `migrate`"),
    };
    let config = Config::from_env()?;
    if config.database_url.expose().starts_with("sqlite://data/") {
        std::fs::create_dir_all("data")?;
    }
    let db =
        api::connect(config.database_url.expose(), config.limits.db_acquire_timeout, config.limits.request_timeout)
            .await?;
    let pool = db.clone();
    Migrator::up(&db, None).await?;
    if migrate_only {
        eprintln!("migrations applied");
        return Ok(());
    }
    if config.demo_data && demo::is_empty(&db).await? {
        demo::load(&db).await?;
        eprintln!("demo data loaded");
    }
    let gate = Gate::load(&config.policy_dir).await?;
    let state = api::state(&config, db, gate);
    let listener = tokio::net::TcpListener::bind(config.bind).await?;
    let addr = listener.local_addr()?;
    eprintln!("serving on http://{addr}/graphql ({:?} mode)", config.mode);
    if config.demo_data {
        eprintln!("demo accounts (password `{}`):", demo::DEMO_PASSWORD);
        for (name, what) in demo::DEMO_ACCOUNTS {
            eprintln!("  {name:<14} {what}");
        }
    }
    let app = api::http::app(state);
    let limits = config.limits;
    let stopped =
        serve(listener, app, limits.header_read_timeout, limits.shutdown_grace, api::http::serve::stop_signal())
            .await?;
    // Every request that will be answered has been: the pool can close.
    pool.close().await?;
    eprintln!("stopped ({stopped:?})");
    Ok(())
}
