//! Configuration: environment variables (and an optional `.env`-style file), validated at start.
//!
//! Nothing else reads the environment. The README has the table of variables.

use std::{net::SocketAddr, path::PathBuf, time::Duration};

/// Whether the server runs for development (GraphiQL, introspection) or production.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// GraphiQL, introspection and suggestions on; a built-in JWT secret is allowed.
    Development,
    /// All of the above off; a JWT secret of at least 32 bytes is required.
    Production,
}

/// A value that must not reach a log: it prints as `[redacted]`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// The value itself, for the one place that uses it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("[redacted]")
    }
}

impl From<&str> for Secret {
    fn from(s: &str) -> Self {
        Secret(s.to_owned())
    }
}

/// Everything the server needs to start.
#[derive(Debug, Clone)]
pub struct Config {
    /// Development or production.
    pub mode: Mode,
    /// Where to listen.
    pub bind: SocketAddr,
    /// The database; SQLite in `data/` when unset. Secret: it may carry a password.
    pub database_url: Secret,
    /// The casbin model and policy directory.
    pub policy_dir: PathBuf,
    /// Secret for signing tokens (HS256).
    pub jwt_secret: Secret,
    /// How long a token lives.
    pub token_ttl: Duration,
    /// Load the demo data into an empty database.
    pub demo_data: bool,
    /// Request limits.
    pub limits: Limits,
    /// Proxies whose `Forwarded` / `X-Forwarded-For` name the client.
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// The district's clock: its time zone (`TIME_ZONE`) and, in development only, where its
    /// instant starts (`CLOCK_START`, for trying a screen at another hour).
    pub clock: crate::clock::Clock,
    /// Origins whose pages may call the API from a browser (`CORS_ALLOWED_ORIGINS`); none by
    /// default.
    pub cors_allowed_origins: Vec<String>,
    /// The only documents the server runs, by SHA-256 (`TRUSTED_DOCUMENTS`, a JSON file); `None`
    /// runs any document (with automatic persisted queries).
    pub trusted_documents: Option<std::collections::HashMap<String, String>>,
    /// The district's periods for rectification.
    pub rectification: RectificationPeriods,
    /// Who may read `GET /metrics`: with a token, only a request bearing it; without one, anyone in
    /// development and no one in production.
    pub metrics_token: Option<Secret>,
}

/// The periods the district gives a unit after its feedback is released.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RectificationPeriods {
    /// Days to submit the rectification plan (`RECTIFICATION_PLAN_DAYS`, default 15).
    pub plan_days: u32,
    /// Months to submit the two reports (`RECTIFICATION_REPORT_MONTHS`, default 2).
    pub report_months: u32,
}

impl Default for RectificationPeriods {
    fn default() -> Self {
        RectificationPeriods { plan_days: 15, report_months: 2 }
    }
}

/// Limits applied to every request.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest request body, in bytes (413 beyond, before parsing).
    pub max_body_bytes: usize,
    /// Largest evidence file, in bytes (413 beyond).
    pub max_upload_bytes: usize,
    /// Deepest query.
    pub max_depth: usize,
    /// Costliest query.
    pub max_complexity: usize,
    /// Most aliased fields in one query, counted with fragments expanded.
    pub max_aliases: usize,
    /// Most fields in one query, counted with fragments expanded (before validation).
    pub max_fields: usize,
    /// Most directives on one field.
    pub max_directives: usize,
    /// Time allowed to send the request headers.
    pub header_read_timeout: Duration,
    /// Time allowed for a whole request.
    pub request_timeout: Duration,
    /// Requests one account may have in flight at once; more are answered `RATE_LIMITED`.
    pub max_requests_per_account: usize,
    /// Expensive requests (statistics, ledgers) one account may have in flight at once.
    pub max_expensive_per_account: usize,
    /// Time allowed to get a database connection before `SERVICE_UNAVAILABLE`.
    pub db_acquire_timeout: Duration,
    /// Time in-flight requests get to finish once the server is told to stop.
    pub shutdown_grace: Duration,
    /// GraphQL operations executing at once; more wait their turn (memory stays bounded under a
    /// burst of large answers).
    pub max_executions: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            // The longest text (a report of 50,000 characters) fits in either JSON encoding, each
            // character escaped as `\uXXXX` (6 bytes) included, so that a text too long is refused
            // by its field's rule, not by the body limit.
            max_body_bytes: 1024 * 1024,
            max_upload_bytes: 5 * 1024 * 1024,
            max_depth: 12,
            max_complexity: 20_000,
            max_aliases: 30,
            max_fields: 2_000,
            max_directives: 5,
            header_read_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            max_requests_per_account: 8,
            max_expensive_per_account: 1,
            db_acquire_timeout: Duration::from_secs(3),
            shutdown_grace: Duration::from_secs(20),
            max_executions: 4 * std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get),
        }
    }
}

/// The JWT secret used in development when none is configured. Refused in production.
pub const DEVELOPMENT_JWT_SECRET: &str = "development-only-secret-do-not-use-in-production";

/// A configuration that cannot start the server.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// A variable has a value that cannot be used.
    #[error("{name}: {message}")]
    Invalid {
        /// The variable.
        name: &'static str,
        /// Why its value is refused.
        message: String,
    },
    /// The optional configuration file could not be read.
    #[error("cannot read {0}: {1}")]
    File(String, std::io::Error),
}

impl Config {
    /// Reads the process environment, after the file named by `INSPECTION_CONFIG_FILE` (if any).
    pub fn from_env() -> Result<Config, ConfigError> {
        let mut vars: std::collections::HashMap<String, String> = std::collections::HashMap::new();
        if let Ok(path) = std::env::var("INSPECTION_CONFIG_FILE") {
            let text = std::fs::read_to_string(&path).map_err(|e| ConfigError::File(path, e))?;
            for line in text.lines().map(str::trim) {
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                if let Some((k, v)) = line.split_once('=') {
                    vars.insert(k.trim().to_owned(), v.trim().trim_matches('"').to_owned());
                }
            }
        }
        vars.extend(std::env::vars());
        Config::from_vars(|name| vars.get(name).cloned())
    }

    /// Builds and validates a configuration from a lookup of variables.
    pub fn from_vars(get: impl Fn(&str) -> Option<String>) -> Result<Config, ConfigError> {
        let mode = match get("APP_ENV").as_deref().unwrap_or("development") {
            "development" | "dev" => Mode::Development,
            "production" | "prod" => Mode::Production,
            other => {
                return Err(invalid("APP_ENV", format!("`{other}` is not development or production")));
            }
        };
        let bind = get("BIND_ADDRESS")
            .unwrap_or_else(|| "127.0.0.1:8000".into())
            .parse()
            .map_err(|e| invalid("BIND_ADDRESS", format!("not host:port ({e})")))?;
        let database_url = get("DATABASE_URL").unwrap_or_else(|| "sqlite://data/inspection.db?mode=rwc".into());
        if !(database_url.starts_with("sqlite:")
            || database_url.starts_with("postgres://")
            || database_url.starts_with("postgresql://"))
        {
            return Err(invalid("DATABASE_URL", "must start with sqlite: or postgres://".into()));
        }
        if let Some(problem) = postgres_tls_unsaid(&database_url, mode) {
            return Err(invalid("DATABASE_URL", problem.into()));
        }
        let jwt_secret = match (get("JWT_SECRET"), mode) {
            (Some(s), Mode::Production) if s == DEVELOPMENT_JWT_SECRET => {
                return Err(invalid(
                    "JWT_SECRET",
                    "is the published development secret; production needs a secret of its own".into(),
                ));
            }
            (Some(s), _) if s.len() >= 32 => s,
            (Some(_), _) => return Err(invalid("JWT_SECRET", "must be at least 32 bytes".into())),
            (None, Mode::Development) => DEVELOPMENT_JWT_SECRET.into(),
            (None, Mode::Production) => {
                return Err(invalid("JWT_SECRET", "is required in production (at least 32 bytes)".into()));
            }
        };
        let token_ttl = Duration::from_secs(number(&get, "TOKEN_TTL_SECONDS", 8 * 3600)?);
        if token_ttl.as_secs() < 60 || token_ttl.as_secs() > 7 * 24 * 3600 {
            return Err(invalid("TOKEN_TTL_SECONDS", "must be between 60 and 604800".into()));
        }
        let demo_data = match get("DEMO_DATA").as_deref() {
            None => mode == Mode::Development,
            Some("true" | "1" | "yes") => true,
            Some("false" | "0" | "no") => false,
            Some(other) => {
                return Err(invalid("DEMO_DATA", format!("`{other}` is not true or false")));
            }
        };
        if demo_data && mode == Mode::Production {
            return Err(invalid(
                "DEMO_DATA",
                "must be false in production: the demo accounts share a published password".into(),
            ));
        }
        let zone = match get("TIME_ZONE") {
            None => crate::clock::DEFAULT_ZONE,
            Some(z) => z.parse::<chrono_tz::Tz>().map_err(|_| {
                invalid("TIME_ZONE", format!("`{z}` is not an IANA time zone name (e.g. Asia/Shanghai)"))
            })?,
        };
        let shift = match (get("CLOCK_START"), mode) {
            (None, _) => chrono::TimeDelta::zero(),
            (Some(_), Mode::Production) => {
                return Err(invalid("CLOCK_START", "is for development and tests only".into()));
            }
            (Some(s), Mode::Development) => {
                let start = chrono::DateTime::parse_from_rfc3339(&s)
                    .map_err(|e| invalid("CLOCK_START", format!("not an RFC 3339 instant ({e})")))?;
                start.with_timezone(&chrono::Utc) - chrono::Utc::now()
            }
        };
        let clock = crate::clock::Clock { zone, shift };
        let mut cors_allowed_origins = Vec::new();
        for origin in
            get("CORS_ALLOWED_ORIGINS").unwrap_or_default().split(',').map(str::trim).filter(|o| !o.is_empty())
        {
            let host = origin.strip_prefix("https://").or_else(|| origin.strip_prefix("http://"));
            let well_formed = host.is_some_and(|h| !h.is_empty() && !h.contains(['/', ' ', '*']))
                && axum::http::HeaderValue::from_str(origin).is_ok();
            if !well_formed {
                return Err(invalid(
                    "CORS_ALLOWED_ORIGINS",
                    format!("`{origin}` is not an origin (scheme://host[:port], no path, no wildcard)"),
                ));
            }
            cors_allowed_origins.push(origin.to_owned());
        }
        let trusted_documents = match get("TRUSTED_DOCUMENTS") {
            None => None,
            Some(path) => {
                let text = std::fs::read_to_string(&path)
                    .map_err(|e| invalid("TRUSTED_DOCUMENTS", format!("`{path}` cannot be read ({e})")))?;
                let documents: std::collections::HashMap<String, String> =
                    serde_json::from_str(&text).map_err(|e| {
                        invalid("TRUSTED_DOCUMENTS", format!("`{path}` is not a JSON object of hash → document ({e})"))
                    })?;
                let sha256 = |d: &str| -> String {
                    use sha2::Digest;
                    sha2::Sha256::digest(d.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
                };
                if let Some((h, _)) = documents.iter().find(|(h, d)| sha256(d) != h.to_ascii_lowercase()) {
                    return Err(invalid("TRUSTED_DOCUMENTS", format!("`{h}` is not the SHA-256 of its document")));
                }
                Some(documents.into_iter().map(|(h, d)| (h.to_ascii_lowercase(), d)).collect())
            }
        };
        let policy_dir = get("POLICY_DIR").map(PathBuf::from).unwrap_or_else(default_policy_dir);
        let defaults = Limits::default();
        let limits = Limits {
            max_body_bytes: number(&get, "MAX_BODY_BYTES", defaults.max_body_bytes as u64)? as usize,
            max_upload_bytes: number(&get, "MAX_UPLOAD_BYTES", defaults.max_upload_bytes as u64)? as usize,
            max_depth: number(&get, "MAX_QUERY_DEPTH", defaults.max_depth as u64)? as usize,
            max_complexity: number(&get, "MAX_QUERY_COMPLEXITY", defaults.max_complexity as u64)? as usize,
            max_aliases: number(&get, "MAX_QUERY_ALIASES", defaults.max_aliases as u64)? as usize,
            max_fields: number(&get, "MAX_QUERY_FIELDS", defaults.max_fields as u64)? as usize,
            max_directives: defaults.max_directives,
            header_read_timeout: Duration::from_secs(number(
                &get,
                "HEADER_READ_TIMEOUT_SECONDS",
                defaults.header_read_timeout.as_secs(),
            )?),
            request_timeout: Duration::from_secs(number(
                &get,
                "REQUEST_TIMEOUT_SECONDS",
                defaults.request_timeout.as_secs(),
            )?),
            max_requests_per_account: positive(
                &get,
                "MAX_REQUESTS_PER_ACCOUNT",
                defaults.max_requests_per_account as u64,
            )? as usize,
            max_expensive_per_account: positive(
                &get,
                "MAX_EXPENSIVE_REQUESTS_PER_ACCOUNT",
                defaults.max_expensive_per_account as u64,
            )? as usize,
            db_acquire_timeout: Duration::from_millis(positive(
                &get,
                "DB_ACQUIRE_TIMEOUT_MS",
                defaults.db_acquire_timeout.as_millis() as u64,
            )?),
            shutdown_grace: Duration::from_secs(number(
                &get,
                "SHUTDOWN_GRACE_SECONDS",
                defaults.shutdown_grace.as_secs(),
            )?),
            max_executions: positive(&get, "MAX_CONCURRENT_EXECUTIONS", defaults.max_executions as u64)? as usize,
        };
        let trusted_proxies = match get("TRUSTED_PROXIES") {
            None => Vec::new(),
            Some(list) => list
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| {
                    s.parse::<ipnet::IpNet>()
                        .or_else(|_| s.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
                        .map_err(|_| invalid("TRUSTED_PROXIES", format!("`{s}` is not an address or a network")))
                })
                .collect::<Result<_, _>>()?,
        };
        let rectification = RectificationPeriods {
            plan_days: positive(&get, "RECTIFICATION_PLAN_DAYS", 15)?.min(366) as u32,
            report_months: positive(&get, "RECTIFICATION_REPORT_MONTHS", 2)?.min(24) as u32,
        };
        let metrics_token = match get("METRICS_TOKEN") {
            None => None,
            Some(t) if t.len() >= 16 => Some(Secret(t)),
            Some(_) => return Err(invalid("METRICS_TOKEN", "must be at least 16 bytes".into())),
        };
        Ok(Config {
            mode,
            bind,
            database_url: Secret(database_url),
            policy_dir,
            jwt_secret: Secret(jwt_secret),
            token_ttl,
            demo_data,
            limits,
            trusted_proxies,
            clock,
            cors_allowed_origins,
            trusted_documents,
            rectification,
            metrics_token,
        })
    }
}

/// In production a PostgreSQL URL must say how it uses TLS (`sslmode=disable`, `prefer`,
/// `require`, `verify-ca` or `verify-full`): the driver's default, `prefer`, silently pays for TLS
/// to a database on the same host and silently goes without it to a remote one.
fn postgres_tls_unsaid(url: &str, mode: Mode) -> Option<&'static str> {
    let postgres = url.starts_with("postgres://") || url.starts_with("postgresql://");
    let said = url.split_once('?').is_some_and(|(_, query)| query.split('&').any(|pair| pair.starts_with("sslmode=")));
    (postgres && !said && mode == Mode::Production).then_some(
        "must say its TLS mode in production: add ?sslmode=require (or verify-full, or disable on the same host)",
    )
}

/// `./policies` when run from the repository, else the copy beside the sources it was built from.
fn default_policy_dir() -> PathBuf {
    let here = PathBuf::from("policies");
    if here.join("policy.csv").exists() {
        here
    } else {
        PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../policies"))
    }
}

fn invalid(name: &'static str, message: String) -> ConfigError {
    ConfigError::Invalid { name, message }
}

fn positive(get: &impl Fn(&str) -> Option<String>, name: &'static str, default: u64) -> Result<u64, ConfigError> {
    match number(get, name, default)? {
        0 => Err(invalid(name, "must be at least 1".into())),
        n => Ok(n),
    }
}

fn number(get: &impl Fn(&str) -> Option<String>, name: &'static str, default: u64) -> Result<u64, ConfigError> {
    match get(name) {
        None => Ok(default),
        Some(v) => v.parse().map_err(|_| invalid(name, format!("`{v}` is not a positive whole number"))),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn config(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let vars: HashMap<String, String> = vars.iter().map(|(k, v)| ((*k).into(), (*v).into())).collect();
        Config::from_vars(|k| vars.get(k).cloned())
    }

    fn refused_variable(vars: &[(&str, &str)]) -> &'static str {
        match config(vars) {
            Err(ConfigError::Invalid { name, .. }) => name,
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn development_needs_nothing() {
        let c = config(&[]).expect("defaults");
        assert_eq!(c.mode, Mode::Development);
        assert!(c.demo_data);
        assert_eq!(c.jwt_secret.expose(), DEVELOPMENT_JWT_SECRET);
    }

    #[test]
    fn production_refuses_a_missing_short_or_published_secret_and_the_demo_data() {
        let good = "0123456789abcdef0123456789abcdef-production";
        assert_eq!(refused_variable(&[("APP_ENV", "production")]), "JWT_SECRET");
        assert_eq!(refused_variable(&[("APP_ENV", "production"), ("JWT_SECRET", "short")]), "JWT_SECRET");
        assert_eq!(
            refused_variable(&[("APP_ENV", "production"), ("JWT_SECRET", DEVELOPMENT_JWT_SECRET)]),
            "JWT_SECRET"
        );
        assert_eq!(
            refused_variable(&[("APP_ENV", "production"), ("JWT_SECRET", good), ("DEMO_DATA", "true")]),
            "DEMO_DATA"
        );
        let c = config(&[("APP_ENV", "production"), ("JWT_SECRET", good)]).expect("a production configuration");
        assert!(!c.demo_data);
    }

    #[test]
    fn secrets_never_print() {
        let c = config(&[
            ("JWT_SECRET", "a-secret-of-at-least-thirty-two-bytes!"),
            ("DATABASE_URL", "postgres://app:hunter2@db/inspection"),
        ])
        .expect("valid");
        let printed = format!("{c:?}");
        assert!(!printed.contains("thirty-two") && !printed.contains("hunter2"), "{printed}");
        assert!(printed.contains("[redacted]"));
    }

    #[test]
    fn numbers_and_names_are_checked() {
        assert_eq!(refused_variable(&[("TOKEN_TTL_SECONDS", "5")]), "TOKEN_TTL_SECONDS");
        assert_eq!(refused_variable(&[("MAX_QUERY_DEPTH", "-1")]), "MAX_QUERY_DEPTH");
        assert_eq!(refused_variable(&[("APP_ENV", "staging")]), "APP_ENV");
        assert_eq!(refused_variable(&[("DATABASE_URL", "mysql://x")]), "DATABASE_URL");
        assert_eq!(refused_variable(&[("BIND_ADDRESS", "nowhere")]), "BIND_ADDRESS");
        assert_eq!(refused_variable(&[("TRUSTED_PROXIES", "10.0.0.0/8, proxy.local")]), "TRUSTED_PROXIES");
        assert_eq!(refused_variable(&[("MAX_REQUESTS_PER_ACCOUNT", "0")]), "MAX_REQUESTS_PER_ACCOUNT");
        let c = config(&[("TRUSTED_PROXIES", "10.0.0.0/8, 127.0.0.1")]).unwrap();
        assert_eq!(c.trusted_proxies.len(), 2);
    }
}
