//! The test harness: each test spawns the real server on its own database, on a free port, and
//! talks to it over HTTP with real tokens.
//!
//! SQLite by default (a fresh file per test); PostgreSQL when `TEST_DATABASE_URL` is set (a fresh
//! database per test). Each test's database is copied from a template made once per run. The same
//! tests run on both.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::{collections::HashMap, net::SocketAddr, sync::Arc, time::Duration};

use api::{config::Config, demo, gate::Gate};
use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, Statement};
use serde_json::{Value, json};
use tokio::sync::OnceCell;

/// The repository's policy directory.
pub const POLICY_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../policies");

/// The demo account that holds each role.
pub const ROLE_ACCOUNTS: [(&str, &str); 6] = [
    ("LEADERSHIP", "leader"),
    ("OFFICE", "office"),
    ("TEAM_LEADER", "team1"),
    ("TEAM_MEMBER", "team1.member"),
    ("PARTNER", "agency1"),
    ("UNIT_LEADER", "unit1"),
];

/// A running server on its own database.
pub struct TestApp {
    /// Where it listens.
    pub addr: SocketAddr,
    /// The database, for set-up and for checking what changed.
    pub db: DatabaseConnection,
    client: reqwest::Client,
    metrics: Arc<api::metrics::Metrics>,
    tokens: tokio::sync::Mutex<HashMap<String, String>>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    served: Option<tokio::task::JoinHandle<std::io::Result<api::http::serve::Stopped>>>,
    in_flight: Arc<api::http::InFlight>,
    sqlite_file: Option<std::path::PathBuf>,
    principals: Arc<api::identity::principals::Principals>,
}

/// The login document every test logs in with (a trusted document where only those run).
pub const LOGIN: &str = "mutation($u: String!, $p: String!) { login(input: { username: $u, password: $p }) { token expiresAt user { username } } }";

/// Settings a test may change.
#[derive(Default, Clone)]
pub struct Options {
    /// Extra configuration variables.
    pub vars: Vec<(&'static str, String)>,
    /// Skip the demo data.
    pub empty: bool,
}

/// The databases a test starts from, made once per run: migrated, and migrated with the demo
/// data. Each test gets a copy (PostgreSQL: `CREATE DATABASE … TEMPLATE`; SQLite: a copy of the
/// file), instead of running every migration and loading the demo for each test.
static TEMPLATES: OnceCell<Templates> = OnceCell::const_new();

struct Templates {
    /// PostgreSQL: database names; SQLite: file paths.
    empty: String,
    demo: String,
}

/// Prefix of every database (PostgreSQL) or file (SQLite) the tests make.
const PREFIX: &str = "itest_";

/// `url` with its database name replaced.
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = url.split_once('?').map_or((url, None), |(b, q)| (b, Some(q)));
    let (server, _) = base.rsplit_once('/').expect("TEST_DATABASE_URL names a database");
    // The server refuses, in production, a URL that leaves its TLS mode unsaid; the test database
    // is this machine's, reached without TLS unless the URL says otherwise.
    match query {
        Some(q) if q.contains("sslmode=") => format!("{server}/{name}?{q}"),
        Some(q) => format!("{server}/{name}?{q}&sslmode=disable"),
        None => format!("{server}/{name}?sslmode=disable"),
    }
}

/// Migrates `db` and, unless `empty`, loads the demo data into it.
async fn fill(db: &DatabaseConnection, empty: bool) {
    Migrator::up(db, None).await.expect("migrate");
    if !empty {
        demo::load(db).await.expect("load the demo data");
    }
}

async fn templates() -> &'static Templates {
    TEMPLATES
        .get_or_init(|| async {
            match std::env::var("TEST_DATABASE_URL") {
                Ok(url) if !url.is_empty() => {
                    let admin = Database::connect(url.as_str()).await.expect("connect to TEST_DATABASE_URL");
                    // What earlier runs left: their databases, and the schemas of the older harness.
                    let backend = admin.get_database_backend();
                    let sql = format!("SELECT datname FROM pg_database WHERE datname LIKE '{PREFIX}%'");
                    for row in admin.query_all_raw(Statement::from_string(backend, sql)).await.expect("list") {
                        let name: String = row.try_get("", "datname").expect("name");
                        let _ =
                            admin.execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)")).await;
                    }
                    let sql = format!("SELECT nspname FROM pg_namespace WHERE nspname LIKE '{PREFIX}%'");
                    for row in admin.query_all_raw(Statement::from_string(backend, sql)).await.expect("list") {
                        let name: String = row.try_get("", "nspname").expect("name");
                        let _ = admin.execute_unprepared(&format!("DROP SCHEMA IF EXISTS \"{name}\" CASCADE")).await;
                    }
                    let mut names = Vec::new();
                    for (kind, empty) in [("empty", true), ("demo", false)] {
                        let name = format!("{PREFIX}template_{kind}");
                        admin.execute_unprepared(&format!("CREATE DATABASE \"{name}\"")).await.expect("create");
                        let db = Database::connect(with_database(&url, &name)).await.expect("connect to the template");
                        fill(&db, empty).await;
                        db.close().await.expect("close the template");
                        names.push(name);
                    }
                    admin.close().await.ok();
                    Templates { demo: names.pop().expect("demo"), empty: names.pop().expect("empty") }
                }
                _ => {
                    let dir = std::env::temp_dir();
                    let mut paths = Vec::new();
                    for (kind, empty) in [("empty", true), ("demo", false)] {
                        let file = dir.join(format!("{PREFIX}{}_{kind}.db", uuid::Uuid::new_v4().simple()));
                        let url = format!("sqlite://{}?mode=rwc", file.display());
                        let db =
                            api::connect(&url, Duration::from_secs(30), Duration::from_secs(60)).await.expect("open");
                        fill(&db, empty).await;
                        // Everything into the main file, so that a copy of it is the whole database.
                        db.execute_unprepared("PRAGMA wal_checkpoint(TRUNCATE);").await.expect("checkpoint");
                        db.close().await.expect("close the template");
                        paths.push(file.display().to_string());
                    }
                    Templates { demo: paths.pop().expect("demo"), empty: paths.pop().expect("empty") }
                }
            }
        })
        .await
}

/// A database of its own for one test, copied from a template: `(connection, url, file to remove)`.
async fn database(empty: bool, acquire_timeout: Duration) -> (DatabaseConnection, String, Option<std::path::PathBuf>) {
    let templates = templates().await;
    let template = if empty { &templates.empty } else { &templates.demo };
    let name = format!("{PREFIX}{}", uuid::Uuid::new_v4().simple());
    match std::env::var("TEST_DATABASE_URL") {
        Ok(url) if !url.is_empty() => {
            let admin = Database::connect(url.as_str()).await.expect("connect to TEST_DATABASE_URL");
            admin
                .execute_unprepared(&format!("CREATE DATABASE \"{name}\" TEMPLATE \"{template}\""))
                .await
                .expect("copy the template");
            admin.close().await.ok();
            let url = with_database(&url, &name);
            let mut options = ConnectOptions::new(url.clone());
            options.max_connections(10).acquire_timeout(acquire_timeout).sqlx_logging(false);
            let db = Database::connect(options).await.expect("connect to the test database");
            (db, url, None)
        }
        _ => {
            let file = std::env::temp_dir().join(format!("{name}.db"));
            std::fs::copy(template, &file).expect("copy the template");
            let url = format!("sqlite://{}?mode=rwc", file.display());
            let db = api::connect(&url, acquire_timeout, Duration::from_secs(30))
                .await
                .expect("open the SQLite test database");
            (db, url, Some(file))
        }
    }
}

impl TestApp {
    /// A server with the demo data.
    pub async fn spawn() -> TestApp {
        TestApp::spawn_with(Options::default()).await
    }

    /// A server with the given options.
    pub async fn spawn_with(options: Options) -> TestApp {
        server_log();
        // The pool is the server's: it waits for a connection as long as the server is told to.
        let acquire_timeout = options
            .vars
            .iter()
            .find(|(k, _)| *k == "DB_ACQUIRE_TIMEOUT_MS")
            .and_then(|(_, v)| v.parse().ok())
            .map_or(api::config::Limits::default().db_acquire_timeout, Duration::from_millis);
        let (db, url, sqlite_file) = database(options.empty, acquire_timeout).await;
        let mut vars: HashMap<String, String> = HashMap::from([
            ("DATABASE_URL".into(), url),
            ("POLICY_DIR".into(), POLICY_DIR.into()),
            ("DEMO_DATA".into(), "false".into()),
        ]);
        for (k, v) in options.vars {
            vars.insert(k.into(), v);
        }
        let config = Config::from_vars(|k| vars.get(k).cloned()).expect("valid test configuration");
        let gate = Gate::load(&config.policy_dir).await.expect("load the policies");
        let state = api::state(&config, db.clone(), gate);
        let metrics = state.metrics.clone();
        let principals = state.principals.clone();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("address");
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let in_flight = state.in_flight.clone();
        let app = api::http::app(state);
        let served = tokio::spawn(api::http::serve::serve(
            listener,
            app,
            config.limits.header_read_timeout,
            config.limits.shutdown_grace,
            async {
                let _ = rx.await;
            },
        ));
        let app = TestApp {
            addr,
            db,
            client: reqwest::Client::new(),
            metrics,
            tokens: Default::default(),
            shutdown: Some(tx),
            served: Some(served),
            in_flight,
            sqlite_file,
            principals,
        };
        // A test starts once the server keeps grants, so what it counts does not depend on when.
        app.hearing_the_database().await;
        app
    }

    /// On PostgreSQL, waits until the server keeps callers' grants (it has heard the database
    /// announce their changes; see `api::identity::principals`). Nothing to wait for on SQLite.
    pub async fn hearing_the_database(&self) {
        if self.db.get_database_backend() != sea_orm::DatabaseBackend::Postgres {
            return;
        }
        let started = std::time::Instant::now();
        while !self.principals.is_live() {
            assert!(started.elapsed() < Duration::from_secs(30), "the server never heard the database");
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }

    /// Whether the server keeps callers' grants between requests now.
    pub fn keeps_grants(&self) -> bool {
        self.principals.is_live()
    }

    /// How many requests the server is serving right now.
    pub fn in_flight(&self) -> usize {
        self.in_flight.get()
    }

    /// Tells the server to stop, as SIGTERM does: it accepts no new connection and lets the
    /// requests in flight finish.
    pub fn stop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }

    /// Waits until the server has stopped, and says how.
    pub async fn stopped(&mut self) -> api::http::serve::Stopped {
        self.served.take().expect("the server was started").await.expect("the server task").expect("serving")
    }

    /// Holds the write lock on `table` (SQLite: on the whole database) in a transaction of the
    /// test's own, so that the server's writes to it wait until [`Blocker::release`].
    pub async fn hold_writes(&self, table: &str) -> Blocker {
        use sea_orm::TransactionTrait;
        let txn = match self.db.get_database_backend() {
            sea_orm::DatabaseBackend::Postgres => {
                let txn = self.db.begin().await.expect("begin");
                txn.execute_unprepared(&format!("LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE")).await.expect("lock");
                txn
            }
            _ => api::store::begin(&self.db).await.expect("begin immediate"),
        };
        Blocker(txn)
    }

    /// Takes every connection of the server's pool (which the tests share) until dropped.
    pub async fn hold_every_connection(&self) -> Vec<sea_orm::DatabaseTransaction> {
        use sea_orm::TransactionTrait;
        let size = match self.db.get_database_backend() {
            sea_orm::DatabaseBackend::Postgres => {
                self.db.get_postgres_connection_pool().options().get_max_connections()
            }
            _ => self.db.get_sqlite_connection_pool().options().get_max_connections(),
        };
        let mut held = Vec::new();
        for _ in 0..size {
            held.push(self.db.begin().await.expect("a connection of the pool"));
        }
        held
    }

    /// `http://addr` + path.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// The HTTP client.
    pub fn client(&self) -> &reqwest::Client {
        &self.client
    }

    /// Logs in as a demo account (cached per test).
    pub async fn token(&self, username: &str) -> String {
        if let Some(t) = self.tokens.lock().await.get(username) {
            return t.clone();
        }
        let body = self.login(username, demo::DEMO_PASSWORD).await;
        let token =
            body["data"]["login"]["token"].as_str().unwrap_or_else(|| panic!("login {username}: {body}")).to_owned();
        // A token's first request reads the caller's grants, which PostgreSQL then keeps between
        // requests: made here, so that the statements a test counts are alike from its first. (Its
        // answer does not matter: a server that runs only trusted documents refuses it, after the
        // grants were read.)
        self.gql(Some(&token), "{ me { id } }", json!({})).await;
        self.tokens.lock().await.insert(username.into(), token.clone());
        token
    }

    /// The raw answer to a login (with [`LOGIN`]).
    pub async fn login(&self, username: &str, password: &str) -> Value {
        self.gql(None, LOGIN, json!({ "u": username, "p": password })).await
    }

    /// Runs a GraphQL operation with an optional token; returns the whole response body.
    pub async fn gql(&self, token: Option<&str>, query: &str, variables: Value) -> Value {
        let mut request =
            self.client.post(self.url("/graphql")).json(&json!({ "query": query, "variables": variables }));
        if let Some(t) = token {
            request = request.bearer_auth(t);
        }
        let response = request.send().await.expect("request");
        response.json().await.expect("a JSON body")
    }

    /// Runs a GraphQL operation as a demo account.
    pub async fn as_user(&self, username: &str, query: &str, variables: Value) -> Value {
        let token = self.token(username).await;
        self.gql(Some(&token), query, variables).await
    }

    /// Runs an operation as a demo account and returns `data`, failing the test on any error.
    pub async fn data(&self, username: &str, query: &str, variables: Value) -> Value {
        let body = self.as_user(username, query, variables).await;
        assert!(body.get("errors").is_none(), "{username}: unexpected errors: {body}");
        body["data"].clone()
    }

    /// Counts the SQL statements the closure's requests run.
    pub async fn count_statements<F: std::future::Future<Output = T>, T>(&self, f: F) -> (T, usize) {
        self.hearing_the_database().await;
        let before = self.metrics.statements();
        let out = f.await;
        (out, (self.metrics.statements() - before) as usize)
    }

    /// The tables of the database, from its catalogue.
    pub async fn tables(&self) -> Vec<String> {
        let backend = self.db.get_database_backend();
        let sql = match backend {
            sea_orm::DatabaseBackend::Postgres => {
                "SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1"
            }
            _ => "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY 1",
        };
        let rows = self.db.query_all_raw(Statement::from_string(backend, sql.to_owned())).await.expect("catalogue");
        rows.iter().map(|r| r.try_get::<String>("", "name").expect("name")).collect()
    }

    /// A fingerprint of every table's content, row by row and value by value, to prove a refused
    /// request changed nothing. Every table the catalogue lists is in it, but the migrations' own
    /// bookkeeping, the access log and the login attempts, which the logins of a test write to
    /// (whether refusals write to them is checked apart).
    pub async fn digest(&self) -> Digest {
        let backend = self.db.get_database_backend();
        let tables = self.tables().await;
        assert!(tables.len() > 20, "the catalogue lists only {tables:?}");
        let mut out = Vec::new();
        for table in
            tables.into_iter().filter(|t| !["seaql_migrations", "access_log", "login_attempts"].contains(&t.as_str()))
        {
            let sql = match backend {
                sea_orm::DatabaseBackend::Postgres => {
                    format!("SELECT CAST(t AS text) AS row FROM {table} t ORDER BY 1")
                }
                _ => {
                    let columns = self
                        .db
                        .query_all_raw(Statement::from_string(
                            backend,
                            format!("SELECT name FROM pragma_table_info('{table}')"),
                        ))
                        .await
                        .expect("columns");
                    let values: Vec<String> = columns
                        .iter()
                        .map(|c| format!("quote(\"{}\")", c.try_get::<String>("", "name").expect("name")))
                        .collect();
                    format!("SELECT {} AS row FROM {table} ORDER BY 1", values.join(" || ',' || "))
                }
            };
            let rows = self.db.query_all_raw(Statement::from_string(backend, sql)).await.expect("read table");
            let rows: Vec<String> = rows.iter().map(|r| r.try_get::<String>("", "row").expect("row")).collect();
            out.push((table, rows));
        }
        Digest(out)
    }

    /// A row id of `table` by one text column's value.
    pub async fn row_id(&self, table: &str, column: &str, value: &str) -> i32 {
        let backend = self.db.get_database_backend();
        let sql = match backend {
            sea_orm::DatabaseBackend::Postgres => format!("SELECT id FROM {table} WHERE {column} = $1"),
            _ => format!("SELECT id FROM {table} WHERE {column} = ?"),
        };
        let row = self
            .db
            .query_one_raw(Statement::from_sql_and_values(backend, sql, [value.into()]))
            .await
            .expect("query")
            .unwrap_or_else(|| panic!("no {table} row with {column} = {value}"));
        row.try_get("", "id").expect("id")
    }

    /// The organisation a demo account holds its role in.
    pub async fn org_of(&self, username: &str) -> i32 {
        let user = self.row_id("users", "username", username).await;
        let backend = self.db.get_database_backend();
        let sql = match backend {
            sea_orm::DatabaseBackend::Postgres => "SELECT organization_id FROM role_assignments WHERE user_id = $1",
            _ => "SELECT organization_id FROM role_assignments WHERE user_id = ?",
        };
        let row = self
            .db
            .query_one_raw(Statement::from_sql_and_values(backend, sql, [user.into()]))
            .await
            .expect("query")
            .expect("an assignment");
        row.try_get("", "organization_id").expect("organization id")
    }

    /// The `id` of the first row a query returns (set-up and checks).
    pub async fn first_id(&self, sql: &str) -> i32 {
        let backend = self.db.get_database_backend();
        let row = self
            .db
            .query_one_raw(Statement::from_string(backend, sql.to_owned()))
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"))
            .unwrap_or_else(|| panic!("no row: {sql}"));
        row.try_get("", "id").expect("id")
    }

    /// How many rows a table has.
    pub async fn count(&self, table: &str) -> i64 {
        let backend = self.db.get_database_backend();
        let row = self
            .db
            .query_one_raw(Statement::from_string(backend, format!("SELECT COUNT(*) AS n FROM {table}")))
            .await
            .expect("count")
            .expect("a row");
        row.try_get("", "n").expect("n")
    }

    /// How many rows of a table match a condition.
    pub async fn count_where(&self, table: &str, condition: &str) -> i64 {
        let backend = self.db.get_database_backend();
        let sql = format!("SELECT COUNT(*) AS n FROM {table} WHERE {condition}");
        let row = self.db.query_one_raw(Statement::from_string(backend, sql)).await.expect("count").expect("a row");
        row.try_get("", "n").expect("n")
    }

    /// The committee term the tests' own rounds fall in (2026 to 2030: the demo's term is 2014 to
    /// 2018), recorded through the API as the office on first use; its global id.
    pub async fn test_term(&self) -> String {
        const NAME: &str = "测试届（2026—2030年）";
        let body = self
            .as_user(
                "office",
                "mutation($i: CreateTermInput!) { createTerm(input: $i) { term { id } } }",
                json!({ "i": { "name": NAME, "startsOn": "2026-01-01", "endsOn": "2030-12-31" } }),
            )
            .await;
        match body["data"]["createTerm"]["term"]["id"].as_str() {
            Some(id) => id.to_owned(),
            // Made before (and perhaps renamed since).
            None => gid("Term", self.first_id("SELECT id FROM terms WHERE starts_on = '2026-01-01'").await),
        }
    }

    /// Runs raw SQL on the test database (set-up only).
    pub async fn sql(&self, sql: &str) {
        self.db.execute_unprepared(sql).await.unwrap_or_else(|e| panic!("{sql}: {e}"));
    }

    /// Runs `op(input: $i)` as `account`, failing the test on any error; its payload.
    pub async fn run(&self, account: &str, op: &str, input: Value, selection: &str) -> Value {
        let input_type = op[..1].to_uppercase() + &op[1..] + "Input";
        let doc = format!("mutation($i: {input_type}!) {{ {op}(input: $i) {selection} }}");
        self.data(account, &doc, json!({ "i": input })).await[op].clone()
    }

    /// A new inspection of `unit_account`'s unit by team 1, stationed, in a round of its own in
    /// progress (from ten days ago to thirty days ahead); its global id.
    pub async fn stationed_at(&self, unit_account: &str) -> String {
        let term = self.test_term().await;
        let name = format!("测试轮次 {}", uuid::Uuid::new_v4().simple());
        let round = self
            .run(
                "office",
                "createRound",
                json!({ "name": name, "startsOn": local_day(-10), "endsOn": local_day(30), "termId": term }),
                "{ round { id } }",
            )
            .await["round"]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let round = row_of(&round);
        self.sql(&format!("UPDATE rounds SET status = 'IN_PROGRESS' WHERE id = {round}")).await;
        let (team, unit) = (self.org_of("team1").await, self.org_of(unit_account).await);
        self.sql(&format!(
            "INSERT INTO inspections (round_id, team_id, unit_id, status, created_at, updated_at, version) \
             VALUES ({round}, {team}, {unit}, 'STATIONED', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 1)"
        ))
        .await;
        gid(
            "Inspection",
            self.first_id(&format!("SELECT id FROM inspections WHERE round_id = {round} AND unit_id = {unit}")).await,
        )
    }

    /// An inspection of `unit_account`'s unit by team 1, stationed (see [`TestApp::stationed_at`]),
    /// with one finding the feedback will carry and one recommendation answering it:
    /// `(inspection, finding, recommendation)`, global ids.
    pub async fn recommended_at(&self, unit_account: &str) -> (String, String, String) {
        let inspection = self.stationed_at(unit_account).await;
        let finding = self
            .run(
                "team1",
                "createFinding",
                json!({ "inspectionId": inspection, "category": "WORK_STYLE", "description": "超标准接待", "evidence": "接待清单" }),
                "{ finding { id } }",
            )
            .await["finding"]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let recommendation = self
            .run(
                "team1",
                "createRecommendation",
                json!({ "inspectionId": inspection, "content": "严格执行接待标准", "findingIds": [finding] }),
                "{ recommendation { id } }",
            )
            .await["recommendation"]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        (inspection, finding, recommendation)
    }

    /// An inspection of `unit_account`'s unit by team 1 (see [`TestApp::stationed_at`]) with one
    /// finding the feedback carries and one recommendation answering it, taken through its report,
    /// the hearing and the decision to its released feedback, which opened the unit's plan and
    /// reports.
    pub async fn released_at(&self, unit_account: &str) -> Released {
        let (inspection, finding, recommendation) = self.recommended_at(unit_account).await;
        for op in ["saveReport", "saveFeedback", "savePrincipalFeedback"] {
            self.run("team1", op, json!({ "inspectionId": inspection, "body": "正文" }), "{ __typename }").await;
        }
        self.run("team1", "submitInspectionReport", json!({ "id": inspection }), "{ __typename }").await;
        let hearing = json!({ "subjectId": inspection, "heardOn": today(), "opinion": "同意", "proposedHandling": "按程序反馈", "outcome": "ACCEPTED" });
        self.run("leader", "recordHearing", hearing, "{ __typename }").await;
        let decision = json!({ "subjectId": inspection, "decidedOn": today(), "text": "同意反馈" });
        self.run("office", "recordDecision", decision, "{ __typename }").await;
        self.run("office", "releaseFeedback", json!({ "id": inspection }), "{ __typename }").await;
        let opened = self
            .data(
                "office",
                "query($i: ID!) { node(id: $i) { ... on Inspection { rectificationPlan { id } rectificationReports { id kind } } } }",
                json!({ "i": inspection }),
            )
            .await;
        let report = |kind: &str| {
            opened["node"]["rectificationReports"]
                .as_array()
                .unwrap()
                .iter()
                .find(|r| r["kind"] == kind)
                .map(|r| r["id"].as_str().unwrap().to_owned())
                .unwrap()
        };
        Released {
            plan: opened["node"]["rectificationPlan"]["id"].as_str().unwrap().to_owned(),
            report: report("RECTIFICATION"),
            principal_report: report("PRINCIPAL"),
            public_report: report("PUBLIC"),
            inspection,
            finding,
            recommendation,
        }
    }

    /// [`TestApp::released_at`], its plan written by the unit (a summary and one line answering the
    /// finding and the recommendation, due in sixty days) and, if `submitted`, submitted.
    pub async fn planned_at(&self, unit_account: &str, submitted: bool) -> Released {
        let r = self.released_at(unit_account).await;
        self.run(
            unit_account,
            "updateRectificationPlan",
            json!({ "id": r.plan, "summary": "整改方案" }),
            "{ __typename }",
        )
        .await;
        self.run(
            unit_account,
            "addRectificationPlanItem",
            json!({ "planId": r.plan, "line": r.line() }),
            "{ __typename }",
        )
        .await;
        if submitted {
            self.run(unit_account, "submitRectificationPlan", json!({ "id": r.plan }), "{ __typename }").await;
        }
        r
    }
}

/// An inspection whose feedback is released (see [`TestApp::released_at`]): global ids.
#[derive(Debug, Clone)]
pub struct Released {
    /// The inspection.
    pub inspection: String,
    /// Its one finding, carried by the feedback.
    pub finding: String,
    /// Its one recommendation, answering the finding.
    pub recommendation: String,
    /// The unit's plan, opened by the release.
    pub plan: String,
    /// The unit's rectification report.
    pub report: String,
    /// Its principal leader's report.
    pub principal_report: String,
    /// The public version.
    pub public_report: String,
}

impl Released {
    /// A plan line answering the finding and the recommendation, due in sixty days.
    pub fn line(&self) -> Value {
        json!({
            "recommendationId": self.recommendation, "findingId": self.finding,
            "problem": "超标准接待", "content": "清退超标准接待费用", "measures": "修订接待管理办法",
            "responsibleLeader": "周书记", "responsiblePerson": "办公室主任", "deadline": local_day(60)
        })
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(f) = &self.sqlite_file {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", f.display()));
            }
        }
    }
}

/// Everything the servers of this test run have logged, for tests that check what an operator
/// would read. Installed once per run as the global subscriber.
pub fn server_log() -> &'static std::sync::Mutex<Vec<u8>> {
    static LOG: std::sync::OnceLock<&'static std::sync::Mutex<Vec<u8>>> = std::sync::OnceLock::new();
    LOG.get_or_init(|| {
        let log: &'static std::sync::Mutex<Vec<u8>> = Box::leak(Box::new(std::sync::Mutex::new(Vec::new())));
        let _ = tracing_subscriber::fmt()
            .with_env_filter("info,sqlx=warn,sea_orm=warn")
            .with_ansi(false)
            .with_writer(move || LogWriter(log))
            .try_init();
        log
    })
}

struct LogWriter(&'static std::sync::Mutex<Vec<u8>>);

impl std::io::Write for LogWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The lines of the server log that mention `needle`.
pub fn log_lines_with(needle: &str) -> Vec<String> {
    let log = server_log().lock().unwrap_or_else(|p| p.into_inner());
    String::from_utf8_lossy(&log).lines().filter(|l| l.contains(needle)).map(str::to_owned).collect()
}

/// A transaction of the test's own that holds a write lock (see [`TestApp::hold_writes`]).
pub struct Blocker(sea_orm::DatabaseTransaction);

impl Blocker {
    /// Lets the waiting writers go on.
    pub async fn release(self) {
        self.0.commit().await.expect("release the lock");
    }
}

/// Every table's rows, as text (see [`TestApp::digest`]). Two digests that differ print the
/// tables that differ and their first differing row, not the whole database.
#[derive(PartialEq, Eq)]
pub struct Digest(Vec<(String, Vec<String>)>);

impl std::fmt::Debug for Digest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let tables: Vec<String> = self.0.iter().map(|(t, rows)| format!("{t}: {} rows", rows.len())).collect();
        write!(f, "{}", tables.join(", "))
    }
}

impl Digest {
    /// What differs between two digests, table by table.
    pub fn changes_from(&self, before: &Digest) -> Vec<String> {
        let mut out = Vec::new();
        for ((table, now), (_, then)) in self.0.iter().zip(&before.0) {
            if now != then {
                let added = now.iter().find(|r| !then.contains(r));
                let gone = then.iter().find(|r| !now.contains(r));
                out.push(format!("{table}: {} → {} rows; new {added:?}; gone {gone:?}", then.len(), now.len()));
            }
        }
        out
    }
}

/// Asserts that nothing in the database changed since `before`, naming what did.
#[track_caller]
pub fn assert_unchanged(now: &Digest, before: &Digest) {
    let changes = now.changes_from(before);
    assert!(changes.is_empty(), "the database changed:\n{}", changes.join("\n"));
}

/// The global id the API gives a row (the same encoding the server uses).
pub fn gid(type_name: &str, id: i32) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("{type_name}:{id}"))
}

/// Today (UTC) as `YYYY-MM-DD`.
pub fn today() -> String {
    local_day(0)
}

/// The district's day `n` days from today (before it, for a negative `n`), in the server's
/// default time zone, Asia/Shanghai (UTC+8 all year).
pub fn local_day(n: i64) -> String {
    (chrono::Utc::now() + chrono::Duration::hours(8) + chrono::Duration::days(n)).date_naive().to_string()
}

/// The row id inside a global id.
pub fn row_of(global_id: &str) -> i32 {
    use base64::Engine;
    let text = String::from_utf8(base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(global_id).expect("base64"))
        .expect("utf-8");
    text.split_once(':').and_then(|(_, n)| n.parse().ok()).expect("Type:number")
}

/// The `extensions.code` of the first error, if any.
pub fn code(body: &Value) -> Option<&str> {
    body["errors"][0]["extensions"]["code"].as_str()
}

/// Asserts the body failed with `expected` as its first error code.
#[track_caller]
pub fn assert_code(body: &Value, expected: &str) {
    assert_eq!(code(body), Some(expected), "expected {expected}, got {body}");
}
