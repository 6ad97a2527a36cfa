//! What an operator scrapes: `GET /metrics` in the Prometheus text format.
//!
//! - `inspection_graphql_requests_total{operation,code}`: GraphQL requests by operation name and
//!   result code (`OK`, or the first error's code);
//! - `inspection_graphql_request_duration_seconds{operation}`: how long each took, received to
//!   answered;
//! - `inspection_graphql_request_statements`: SQL statements per request, authentication and the
//!   loaders' batches included;
//! - `inspection_sql_statements_total`: every statement the server ran;
//! - `inspection_db_pool_connections{state}`: the pool's connections `in_use` and `idle`, and its
//!   `max`; `inspection_db_pool_timeouts_total`: requests that waited for a connection longer
//!   than `DB_ACQUIRE_TIMEOUT_MS` (the pool does not say how many are waiting right now);
//! - `inspection_logins_failed_total` and `inspection_logins_throttled_total`.
//!
//! Operation names come from clients: only well-formed names are kept, and only the first
//! [`MAX_OPERATIONS`] distinct ones; the rest count as `other`. Each server has its own registry
//! (the tests run many servers in one process). Statements are attributed to a request through a
//! task-local tally that the request's loader batches carry with them ([`tallied`]).

use std::{
    collections::HashSet,
    future::Future,
    sync::{
        Arc, Mutex,
        atomic::{AtomicUsize, Ordering},
    },
    time::Duration,
};

use prometheus::{
    Histogram, HistogramOpts, HistogramVec, IntCounter, IntCounterVec, IntGaugeVec, Opts, Registry, TextEncoder,
};
use sea_orm::{DatabaseBackend, DatabaseConnection};

/// Most distinct operation names kept as labels.
pub const MAX_OPERATIONS: usize = 200;

tokio::task_local! {
    /// The statements of the request being served.
    static TALLY: Arc<AtomicUsize>;
}

/// Runs `future` with its SQL statements counted on `tally`.
pub fn tallied<F: Future>(tally: Arc<AtomicUsize>, future: F) -> impl Future<Output = F::Output> {
    TALLY.scope(tally, future)
}

/// The tally of the request being served here, if any.
pub fn current_tally() -> Option<Arc<AtomicUsize>> {
    TALLY.try_with(Arc::clone).ok()
}

/// Polls `poll` with its statements counted on `tally` (for a task spawned on a request's behalf).
pub fn with_tally<T>(tally: Option<&Arc<AtomicUsize>>, poll: impl FnOnce() -> T) -> T {
    match tally {
        Some(t) => TALLY.sync_scope(t.clone(), poll),
        None => poll(),
    }
}

/// How one GraphQL request ended, as the handler tells the metrics.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The operation's name, as the client gave it.
    pub operation: Option<String>,
    /// `OK`, or the first error's code.
    pub code: String,
    /// A login was refused for a wrong name or password.
    pub login_failed: bool,
    /// A login was refused because of too many failures.
    pub login_throttled: bool,
}

/// A metric made from constant options, which cannot be refused.
fn constant<T>(e: prometheus::Error) -> T {
    unreachable!("constant metric options: {e}")
}

/// The server's metrics.
pub struct Metrics {
    registry: Registry,
    requests: IntCounterVec,
    durations: HistogramVec,
    request_statements: Histogram,
    statements: IntCounter,
    pool: IntGaugeVec,
    pool_timeouts: IntCounter,
    logins_failed: IntCounter,
    logins_throttled: IntCounter,
    operations: Mutex<HashSet<String>>,
}

impl std::fmt::Debug for Metrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Metrics").field("statements", &self.statements.get()).finish_non_exhaustive()
    }
}

impl Metrics {
    /// A fresh registry with every metric at zero.
    pub fn new() -> Metrics {
        let registry = Registry::new();
        let requests = IntCounterVec::new(
            Opts::new("inspection_graphql_requests_total", "GraphQL requests by operation name and result code."),
            &["operation", "code"],
        )
        .unwrap_or_else(constant);
        let durations = HistogramVec::new(
            HistogramOpts::new(
                "inspection_graphql_request_duration_seconds",
                "Time from receiving a GraphQL request to answering it.",
            )
            .buckets(vec![0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0]),
            &["operation"],
        )
        .unwrap_or_else(constant);
        let request_statements = Histogram::with_opts(
            HistogramOpts::new("inspection_graphql_request_statements", "SQL statements run for one GraphQL request.")
                .buckets(vec![0.0, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0]),
        )
        .unwrap_or_else(constant);
        let statements = IntCounter::new("inspection_sql_statements_total", "SQL statements the server ran.")
            .unwrap_or_else(constant);
        let pool = IntGaugeVec::new(
            Opts::new("inspection_db_pool_connections", "The database pool's connections: in_use, idle and max."),
            &["state"],
        )
        .unwrap_or_else(constant);
        let pool_timeouts = IntCounter::new(
            "inspection_db_pool_timeouts_total",
            "Requests refused because no database connection came free in time.",
        )
        .unwrap_or_else(constant);
        let logins_failed =
            IntCounter::new("inspection_logins_failed_total", "Logins refused for a wrong user name or password.")
                .unwrap_or_else(constant);
        let logins_throttled = IntCounter::new(
            "inspection_logins_throttled_total",
            "Logins refused because too many failed from the same name or address.",
        )
        .unwrap_or_else(constant);
        for collector in [
            Box::new(requests.clone()) as Box<dyn prometheus::core::Collector>,
            Box::new(durations.clone()),
            Box::new(request_statements.clone()),
            Box::new(statements.clone()),
            Box::new(pool.clone()),
            Box::new(pool_timeouts.clone()),
            Box::new(logins_failed.clone()),
            Box::new(logins_throttled.clone()),
        ] {
            registry.register(collector).unwrap_or_else(|e| unreachable!("each metric is registered once: {e}"));
        }
        Metrics {
            registry,
            requests,
            durations,
            request_statements,
            statements,
            pool,
            pool_timeouts,
            logins_failed,
            logins_throttled,
            operations: Mutex::default(),
        }
    }

    /// Counts every statement `db` runs, on the server's total and on the request it serves.
    pub fn watch(self: &Arc<Self>, db: &mut DatabaseConnection) {
        let metrics = self.clone();
        db.set_metric_callback(move |info| {
            metrics.statements.inc();
            let _ = TALLY.try_with(|t| t.fetch_add(1, Ordering::Relaxed));
            tracing::trace!(target: "sql", elapsed = ?info.elapsed, failed = info.failed, "{}", info.statement);
        });
    }

    /// Every statement run so far.
    pub fn statements(&self) -> u64 {
        self.statements.get()
    }

    /// Records a GraphQL request that took `elapsed` and ran `statements` statements.
    pub fn request(&self, outcome: &Outcome, elapsed: Duration, statements: usize) {
        let operation = self.operation_label(outcome.operation.as_deref());
        self.requests.with_label_values(&[operation.as_str(), outcome.code.as_str()]).inc();
        self.durations.with_label_values(&[operation.as_str()]).observe(elapsed.as_secs_f64());
        self.request_statements.observe(statements as f64);
        if outcome.code == crate::error::Code::ServiceUnavailable.as_str() {
            self.pool_timeouts.inc();
        }
        if outcome.login_failed {
            self.logins_failed.inc();
        }
        if outcome.login_throttled {
            self.logins_throttled.inc();
        }
    }

    /// The label of an operation name: the name if well formed and among the first kept.
    fn operation_label(&self, name: Option<&str>) -> String {
        let Some(name) = name else {
            return "anonymous".into();
        };
        let well_formed = !name.is_empty()
            && name.len() <= 64
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && !name.starts_with(|c: char| c.is_ascii_digit());
        if !well_formed {
            return "other".into();
        }
        let mut kept = self.operations.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if kept.contains(name) || (kept.len() < MAX_OPERATIONS && kept.insert(name.to_owned())) {
            name.to_owned()
        } else {
            "other".into()
        }
    }

    /// The metrics in the Prometheus text format, with the pool read now.
    pub fn render(&self, db: &DatabaseConnection, max_connections: u32) -> String {
        let (size, idle) = match db.get_database_backend() {
            DatabaseBackend::Postgres => {
                let pool = db.get_postgres_connection_pool();
                (pool.size(), pool.num_idle())
            }
            DatabaseBackend::Sqlite => {
                let pool = db.get_sqlite_connection_pool();
                (pool.size(), pool.num_idle())
            }
            _ => (0, 0),
        };
        let idle = i64::try_from(idle).unwrap_or(i64::MAX);
        self.pool.with_label_values(&["in_use"]).set(i64::from(size) - idle);
        self.pool.with_label_values(&["idle"]).set(idle);
        self.pool.with_label_values(&["max"]).set(i64::from(max_connections));
        TextEncoder::new().encode_to_string(&self.registry.gather()).unwrap_or_else(|e| {
            tracing::error!(error = %e, "rendering the metrics");
            String::new()
        })
    }
}

impl Default for Metrics {
    fn default() -> Metrics {
        Metrics::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operation_names_are_kept_only_when_well_formed_and_few() {
        let m = Metrics::new();
        assert_eq!(m.operation_label(None), "anonymous");
        assert_eq!(m.operation_label(Some("District")), "District");
        assert_eq!(m.operation_label(Some("a b")), "other");
        assert_eq!(m.operation_label(Some("1st")), "other");
        assert_eq!(m.operation_label(Some(&"x".repeat(65))), "other");
        for i in 0..MAX_OPERATIONS {
            m.operation_label(Some(&format!("Op{i}")));
        }
        assert_eq!(m.operation_label(Some("District")), "District", "a kept name stays");
        assert_eq!(m.operation_label(Some("OneTooMany")), "other");
    }

    #[tokio::test]
    async fn statements_count_on_the_request_whose_task_runs_them() {
        let tally = Arc::new(AtomicUsize::new(0));
        tallied(tally.clone(), async {
            assert!(current_tally().is_some());
            TALLY.with(|t| t.fetch_add(2, Ordering::Relaxed));
        })
        .await;
        with_tally(Some(&tally), || TALLY.with(|t| t.fetch_add(1, Ordering::Relaxed)));
        assert_eq!(tally.load(Ordering::Relaxed), 3);
        assert!(current_tally().is_none());
    }
}
