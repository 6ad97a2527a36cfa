//! HTTP: health, readiness, content types, batches, body size, GET, correlation ids.

use serde_json::{Value, json};
use tests::TestApp;

#[tokio::test]
async fn health_and_readiness() {
    let app = TestApp::spawn().await;
    let r = app.client().get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let r = app.client().get(app.url("/readyz")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body, json!({ "database": true, "policies": true }));
}

/// Plans a round, its input written into the document.
const CREATE_ROUND_INLINE: &str = r#"mutation {
  createRound(input: { name: "不该存在", startsOn: "2027-01-01", endsOn: "2027-02-01" }) {
    round { id }
  }
}"#;

#[tokio::test]
async fn only_json_posts_execute_and_the_server_keeps_serving() {
    let app = TestApp::spawn().await;
    let token = app.token("office").await;
    let before = app.digest().await;
    let body = json!({ "query": CREATE_ROUND_INLINE }).to_string();

    // text/plain, form bodies and no content type.
    for ct in
        [Some("text/plain"), Some("application/x-www-form-urlencoded"), Some("multipart/form-data; boundary=x"), None]
    {
        let mut r = app.client().post(app.url("/graphql")).bearer_auth(&token).body(body.clone());
        if let Some(ct) = ct {
            r = r.header("content-type", ct);
        }
        let r = r.send().await.unwrap();
        assert_eq!(r.status(), 415, "{ct:?}");
        let v: Value = r.json().await.unwrap();
        assert_eq!(v["errors"][0]["extensions"]["code"], "BAD_USER_INPUT");
    }
    // A mutation by GET is never run.
    let r = app
        .client()
        .get(app.url("/graphql"))
        .query(&[("query", CREATE_ROUND_INLINE)])
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert!(r.headers()["content-type"].to_str().unwrap().starts_with("text/html"));
    // A batch, invalid JSON, and a JSON value that is not a request.
    for raw in [format!("[{body}, {body}]"), "{not json".to_owned(), "\"a string\"".to_owned()] {
        let r = app
            .client()
            .post(app.url("/graphql"))
            .bearer_auth(&token)
            .header("content-type", "application/json")
            .body(raw)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 400);
        let v: Value = r.json().await.unwrap();
        assert_eq!(v["errors"][0]["extensions"]["code"], "BAD_USER_INPUT");
    }
    // A body over the limit is refused before it is read whole.
    let big = json!({ "query": format!("{{ me {{ id }} }} # {}", "x".repeat(2_000_000)) }).to_string();
    let r = app
        .client()
        .post(app.url("/graphql"))
        .bearer_auth(&token)
        .header("content-type", "application/json")
        .body(big)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 413);
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["errors"][0]["extensions"]["code"], "BAD_USER_INPUT");
    tests::assert_unchanged(&app.digest().await, &before);
    assert_eq!(app.data("office", "{ me { username } }", json!({})).await["me"]["username"], "office");
}

#[tokio::test]
async fn every_response_carries_a_correlation_id() {
    let app = TestApp::spawn().await;
    let r = app
        .client()
        .post(app.url("/graphql"))
        .header("content-type", "application/json")
        .body(json!({ "query": "{ me { id } }" }).to_string())
        .send()
        .await
        .unwrap();
    assert!(!r.headers()["x-request-id"].to_str().unwrap().is_empty());
}

/// Every `src="…"` and `href="…"` of an HTML page, and every `url(…)` and `@import` of a style sheet.
fn references(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for marker in ["src=\"", "href=\"", "url(", "@import "] {
        for (at, _) in text.match_indices(marker) {
            let rest = text[at + marker.len()..].trim_start_matches(['"', '\'']);
            let end = rest.find(['"', '\'', ')', ' ', ';']).unwrap_or(rest.len());
            found.push(rest[..end].to_owned());
        }
    }
    found
}

#[tokio::test]
async fn graphiql_loads_everything_from_this_server() {
    let app = TestApp::spawn().await;
    let r = app.client().get(app.url("/graphql")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    // The page may load from this server only, whatever a file of it asks.
    let policy = r.headers()["content-security-policy"].to_str().unwrap().to_owned();
    assert!(policy.contains("default-src 'none'") && policy.contains("script-src 'self'"), "{policy}");
    assert!(policy.contains("connect-src 'self'"), "{policy}");
    let page = r.text().await.unwrap();
    let refs = references(&page);
    assert!(refs.len() >= 5, "{refs:?}");
    for reference in refs {
        if reference.starts_with("data:") {
            continue;
        }
        assert!(reference.starts_with("/graphiql/"), "the page loads {reference} from elsewhere");
        let asset = app.client().get(app.url(&reference)).send().await.unwrap();
        assert_eq!(asset.status(), 200, "{reference}");
        let media_type = asset.headers()["content-type"].to_str().unwrap().to_owned();
        let body = asset.text().await.unwrap();
        assert!(body.len() > 1_000, "{reference} is empty");
        if reference.ends_with(".css") {
            assert!(media_type.starts_with("text/css"), "{reference}: {media_type}");
            // A style sheet loads its fonts and images inline, nothing from another host.
            for inner in references(&body) {
                assert!(inner.starts_with("data:") || inner.starts_with('#'), "{reference} loads {inner}");
            }
        } else {
            assert!(media_type.starts_with("text/javascript"), "{reference}: {media_type}");
        }
    }
    assert_eq!(app.client().get(app.url("/graphiql/../Cargo.toml")).send().await.unwrap().status(), 404);
    assert_eq!(app.client().get(app.url("/graphiql/nothing.js")).send().await.unwrap().status(), 404);
}

#[tokio::test]
async fn graphiql_is_served_in_development_only() {
    let app = TestApp::spawn().await;
    let r = app.client().get(app.url("/graphql")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.text().await.unwrap().to_lowercase().contains("graphiql"));

    let prod = TestApp::spawn_with(tests::Options {
        vars: vec![
            ("APP_ENV", "production".into()),
            ("JWT_SECRET", "a-production-secret-of-at-least-32-bytes!".into()),
        ],
        empty: false,
    })
    .await;
    assert_eq!(prod.client().get(prod.url("/graphql")).send().await.unwrap().status(), 404);
    assert_eq!(prod.client().get(prod.url("/graphiql/graphiql.min.js")).send().await.unwrap().status(), 404);
    // Introspection and suggestions are off.
    let body = prod.gql(None, "{ __schema { types { name } } }", json!({})).await;
    assert!(body["data"]["__schema"].is_null(), "{body}");
    let token = prod.token("office").await;
    let body = prod.gql(Some(&token), "{ organisations { totalCount } }", json!({})).await;
    let message = body["errors"][0]["message"].as_str().unwrap();
    assert!(!message.contains("Did you mean"), "{message}");
}

#[test]
fn production_refuses_to_start_without_a_real_secret() {
    use api::config::Config;
    let vars = |pairs: Vec<(&'static str, &'static str)>| {
        move |k: &str| pairs.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string())
    };
    let err = Config::from_vars(vars(vec![("APP_ENV", "production")])).unwrap_err().to_string();
    assert!(err.contains("JWT_SECRET"), "{err}");
    let err =
        Config::from_vars(vars(vec![("APP_ENV", "production"), ("JWT_SECRET", "short")])).unwrap_err().to_string();
    assert!(err.contains("at least 32"), "{err}");
    assert!(
        Config::from_vars(vars(vec![("APP_ENV", "production"), ("JWT_SECRET", "0123456789abcdef0123456789abcdef")]))
            .is_ok()
    );
    assert!(Config::from_vars(vars(vec![("APP_ENV", "staging")])).is_err());
    assert!(Config::from_vars(vars(vec![("DATABASE_URL", "mysql://x")])).is_err());
}

#[tokio::test]
async fn a_client_that_never_finishes_its_headers_is_cut_off() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let app =
        TestApp::spawn_with(tests::Options { vars: vec![("HEADER_READ_TIMEOUT_SECONDS", "1".into())], empty: true })
            .await;
    let mut stream = tokio::net::TcpStream::connect(app.addr).await.unwrap();
    stream.write_all(b"POST /graphql HTTP/1.1\r\nHost: x\r\n").await.unwrap();
    let mut buf = Vec::new();
    let read = tokio::time::timeout(std::time::Duration::from_secs(10), stream.read_to_end(&mut buf)).await;
    assert!(read.is_ok(), "the server kept a half-sent request open");
    // Others are still served.
    assert_eq!(app.client().get(app.url("/healthz")).send().await.unwrap().status(), 200);
}

/// Logs in as the office, the credentials written into the document.
const LOGIN_AS_OFFICE: &str = r#"mutation {
  login(input: { username: "office", password: "inspect-demo-2026" }) { token }
}"#;

#[tokio::test]
async fn a_bad_token_does_not_stand_in_the_way_of_logging_in_again() {
    let app = TestApp::spawn().await;
    let body = app.gql(Some("expired.or.garbage"), LOGIN_AS_OFFICE, json!({})).await;
    assert!(body["data"]["login"]["token"].is_string(), "{body}");
}

#[tokio::test]
async fn costly_queries_are_refused_before_they_run() {
    let app = TestApp::spawn().await;
    let page = "inspections(first: 100) { nodes { id status unit { id name kind unitCategory } team { id name } round { id name status } findings(first: 50) { nodes { id description } } } }";
    let q = format!("{{ a: {page} b: {page} c: {page} d: {page} }}");
    let token = app.token("office").await;
    let (body, statements) = app.count_statements(app.gql(Some(&token), &q, json!({}))).await;
    assert!(body["data"].is_null(), "a costly query ran");
    assert_eq!(tests::code(&body), Some("BAD_USER_INPUT"));
    assert!(body["errors"][0]["message"].as_str().unwrap().to_lowercase().contains("complex"), "{}", body["errors"]);
    // Only the caller's identity was read.
    assert!(statements <= 1, "{statements}");
    // The same page once is fine.
    app.data("office", &format!("{{ {page} }}"), json!({})).await;
}

/// Fields, aliases and a fragment, asked for in an order that is not alphabetical.
const FIELDS_IN_ORDER: &str = r#"query Q {
  zz: me { username }
  inspections(first: 5) { nodes { unit { name } team { name } ...R id } }
  aa: me { displayName }
}
fragment R on Inspection {
  round { name }
  status
}"#;

#[tokio::test]
async fn fields_come_back_in_the_order_the_query_asked_for_them() {
    let app = TestApp::spawn().await;
    let token = app.token("office").await;
    for _ in 0..5 {
        let text = app
            .client()
            .post(app.url("/graphql"))
            .bearer_auth(&token)
            .json(&json!({ "query": FIELDS_IN_ORDER, "operationName": "Q" }))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let at = |key: &str| text.find(&format!("\"{key}\"")).unwrap_or_else(|| panic!("{key} missing: {text}"));
        assert!(at("zz") < at("inspections") && at("inspections") < at("aa"), "{text}");
        assert!(at("unit") < at("team") && at("team") < at("round") && at("round") < at("status"), "{text}");
        let node = &text[at("nodes")..];
        let status = node.find("\"status\"").unwrap();
        let id = node.find("\"id\"").unwrap();
        assert!(status < id, "{text}");
    }
}

#[tokio::test]
async fn an_internal_error_is_logged_with_its_whole_cause_under_the_request_id_and_the_client_sees_only_the_id() {
    let app = TestApp::spawn().await;
    let token = app.token("office").await;
    // The database fails under the request: the table it reads is gone.
    app.sql("ALTER TABLE findings RENAME TO findings_gone").await;
    let response = app
        .client()
        .post(app.url("/graphql"))
        .bearer_auth(&token)
        .json(&json!({ "query": "{ findings { totalCount } }" }))
        .send()
        .await
        .unwrap();
    let request_id = response.headers()["x-request-id"].to_str().unwrap().to_owned();
    let body: Value = response.json().await.unwrap();
    tests::assert_code(&body, "INTERNAL");
    let message = body["errors"][0]["message"].as_str().unwrap();
    assert_eq!(message, format!("internal error; correlation id {request_id}"));
    assert!(!body.to_string().to_lowercase().contains("findings_gone"), "{body}");
    assert!(!body.to_string().to_lowercase().contains("select"), "{body}");
    // The operator's log has the whole chain under the same id: what failed, and why.
    let lines = tests::log_lines_with(&request_id);
    let failure = lines.iter().find(|l| l.contains("request failed")).unwrap_or_else(|| panic!("{lines:#?}"));
    assert!(failure.contains("the database failed"), "{failure}");
    assert!(failure.contains("findings"), "the cause is lost: {failure}");
}

#[tokio::test]
async fn the_standard_introspection_queries_answer_at_the_default_limits_and_deep_data_is_still_refused() {
    let app = TestApp::spawn().await;
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/operations/introspection");
    let sdl = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../api/schema.graphql")).unwrap();
    for file in ["default.graphql", "full.graphql", "bare.graphql"] {
        let query = std::fs::read_to_string(format!("{dir}/{file}")).unwrap();
        for token in [None, Some(app.token("unit1").await)] {
            let body = app.gql(token.as_deref(), &query, json!({})).await;
            assert!(body.get("errors").is_none(), "{file}: {body}");
            let types = body["data"]["__schema"]["types"].as_array().unwrap();
            // Every type the checked-in schema declares is in the answer.
            for t in types.iter().map(|t| t["name"].as_str().unwrap()).filter(|n| !n.starts_with("__")) {
                let declared = ["type", "input", "enum", "interface", "scalar", "union"]
                    .iter()
                    .any(|k| sdl.contains(&format!("{k} {t} ")) || sdl.contains(&format!("{k} {t}\n")));
                assert!(
                    declared || ["String", "Int", "Float", "Boolean", "ID"].contains(&t),
                    "{file}: {t} not in api/schema.graphql"
                );
            }
            assert!(types.len() > 100, "{file}: {} types", types.len());
        }
    }
    // The depth limit still stops a deep query on the data, with or without introspection beside it.
    let deep = format!(
        "{{ __schema {{ queryType {{ name }} }} me {}{{ id }}{} }}",
        "{ assignments { user ".repeat(7),
        " } }".repeat(7)
    );
    let body = app.as_user("office", &deep, json!({})).await;
    assert_eq!(body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT", "{body}");
    assert!(body["errors"][0]["message"].as_str().unwrap().contains("nested"), "{body}");
}

#[tokio::test]
async fn errors_null_what_the_spec_says_and_no_non_null_key_goes_missing() {
    let app = TestApp::spawn().await;
    // A refused non-null root field nulls the whole data (the unit reads no clue).
    let body = app.as_user("unit1", "{ me { id } clues { totalCount } }", json!({})).await;
    assert!(body["data"].is_null(), "{body}");
    assert_eq!(body["errors"][0]["path"], json!(["clues"]));
    // A failing nullable field is null, present beside the rest.
    let body = app.as_user("unit1", r#"{ me { id } node(id: "not-an-id") { id } }"#, json!({})).await;
    assert!(body["data"]["me"]["id"].is_string(), "{body}");
    assert!(body["data"].as_object().unwrap().contains_key("node"), "{body}");
    assert!(body["data"]["node"].is_null());
    // Logging in answers the user's own assignments with the token.
    let body = app
        .gql(None, r#"mutation { login(input: { username: "unit1", password: "inspect-demo-2026" }) { token user { username assignments { role } } } }"#, json!({}))
        .await;
    assert!(body.get("errors").is_none(), "{body}");
    assert!(body["data"]["login"]["token"].is_string());
    assert_eq!(body["data"]["login"]["user"]["assignments"], json!([{ "role": "UNIT_LEADER" }]));
}

#[tokio::test]
async fn counting_the_confidential_record_logs_no_read_and_returning_it_logs_each_row() {
    let app = TestApp::spawn().await;
    app.data("office", "{ me { id } }", json!({})).await; // the login is logged, once
    for list in ["clues", "referrals"] {
        let logged = app.count("access_log").await;
        let d = app.data("office", &format!("{{ {list}(first: 100) {{ totalCount }} }}"), json!({})).await;
        assert!(d[list]["totalCount"].as_i64().unwrap() > 3);
        let d = app
            .data(
                "office",
                &format!("{{ {list}(first: 0) {{ totalCount pageInfo {{ hasNextPage }} nodes {{ id }} }} }}"),
                json!({}),
            )
            .await;
        assert_eq!(d[list]["nodes"], json!([]), "a badge asks for none");
        assert_eq!(d[list]["pageInfo"]["hasNextPage"], true);
        assert_eq!(app.count("access_log").await, logged, "{list}: counting is not reading");
        app.data("office", &format!("{{ {list}(first: 3) {{ nodes {{ id }} edges {{ cursor }} }} }}"), json!({})).await;
        assert_eq!(app.count("access_log").await, logged + 3, "{list}: each row returned is logged once");
    }
}

#[tokio::test]
async fn a_service_credential_has_ids_of_its_own_type_and_is_a_node() {
    let app = TestApp::spawn().await;
    let agency = tests::gid("Organization", app.org_of("agency1").await);
    let create = "mutation($i: CreateServiceCredentialInput!) { createServiceCredential(input: $i) { clientId serviceCredential { id clientId } } }";
    let d = app.data("office", create, json!({ "i": { "agencyId": agency, "label": "案件系统" } })).await;
    let credential = d["createServiceCredential"]["serviceCredential"]["id"].as_str().unwrap().to_owned();
    let client = d["createServiceCredential"]["clientId"].as_str().unwrap();
    let user = tests::gid("User", app.row_id("users", "username", client).await);
    assert_ne!(credential, user, "one record, two types, two ids: a Relay store keeps them apart");
    let q = r#"query($a: ID!, $b: ID!) { a: node(id: $a) { __typename id } b: node(id: $b) { __typename id } }"#;
    let seen = app.data("office", q, json!({ "a": credential, "b": user })).await;
    assert_eq!(seen["a"], json!({ "__typename": "ServiceCredential", "id": credential }));
    assert_eq!(seen["b"], json!({ "__typename": "User", "id": user }));
    // A person's user id read as a credential is nothing.
    let person = tests::gid("ServiceCredential", app.row_id("users", "username", "team1").await);
    assert!(
        app.data("office", "query($a: ID!) { node(id: $a) { id } }", json!({ "a": person })).await["node"].is_null()
    );
}

#[tokio::test]
async fn the_day_is_the_districts_at_half_past_eleven_and_half_past_midnight() {
    // The district's tomorrow, D: at 23:30 on D−1 it has not come; at 00:30 on D it has, though the
    // UTC day is still D−1 (16:30 UTC).
    let d = chrono::NaiveDate::parse_from_str(&tests::local_day(1), "%Y-%m-%d").unwrap();
    let before = format!("{}T23:30:00+08:00", d.pred_opt().unwrap());
    let after = format!("{d}T00:30:00+08:00");
    for (start, accepted) in [(before, false), (after, true)] {
        let app =
            TestApp::spawn_with(tests::Options { vars: vec![("CLOCK_START", start.clone())], ..Default::default() })
                .await;
        let unit = app.org_of("unit1").await;
        let inspection = app
            .first_id(&format!(
                "SELECT inspection_id AS id FROM feedbacks WHERE released_at IS NOT NULL AND inspection_id IN \
                 (SELECT id FROM inspections WHERE unit_id = {unit} AND status <> 'CLOSED') ORDER BY inspection_id"
            ))
            .await;
        let record =
            "mutation($i: RecordRegulationInput!) { recordRegulation(input: $i) { regulation { effectiveOn } } }";
        let input = json!({ "i": { "inspectionId": tests::gid("Inspection", inspection), "title": "值班制度", "category": "FINANCE", "effectiveOn": d.to_string() } });
        let body = app.as_user("unit1", record, input).await;
        if accepted {
            assert!(body.get("errors").is_none(), "{start}: {body}");
        } else {
            assert_eq!(body["errors"][0]["extensions"]["field"], "effectiveOn", "{start}: {body}");
        }
    }
    // A zone that is not one is refused at start.
    assert!(api::config::Config::from_vars(|k| (k == "TIME_ZONE").then(|| "Mars/Olympus".to_owned())).is_err());
}

/// A JSON string literal of `text` with every non-ASCII character escaped as `\uXXXX`, as some
/// clients send it.
fn escaped(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            for unit in c.encode_utf16(&mut [0; 2]) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        }
    }
    out.push('"');
    out
}

#[tokio::test]
async fn the_longest_text_is_reachable_in_either_encoding_and_one_more_character_is_refused_by_its_field() {
    let app = TestApp::spawn().await;
    let team = app.org_of("team1").await;
    let inspection = tests::gid(
        "Inspection",
        app.first_id(&format!(
            "SELECT id FROM inspections WHERE team_id = {team} AND status = 'STATIONED' AND unit_id NOT IN \
             (SELECT c.unit_id FROM expert_conflicts c JOIN experts e ON e.id = c.expert_id JOIN users u ON u.id = e.user_id \
             WHERE u.username IN ('team1', 'team1.member')) ORDER BY id"
        ))
        .await,
    );
    let token = app.token("team1").await;
    let query = "mutation($i: SaveReportInput!) { saveReport(input: $i) { __typename } }";
    for (chars, ok) in [(50_000, true), (50_001, false)] {
        let text = "巡".repeat(chars);
        for raw in [false, true] {
            let body = if raw {
                json!({ "query": query, "variables": { "i": { "inspectionId": inspection, "body": text } } })
                    .to_string()
            } else {
                format!(
                    r#"{{"query":{},"variables":{{"i":{{"inspectionId":"{inspection}","body":{}}}}}}}"#,
                    json!(query),
                    escaped(&text)
                )
            };
            let r = app
                .client()
                .post(app.url("/graphql"))
                .bearer_auth(&token)
                .header("content-type", "application/json")
                .body(body)
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 200, "{chars} characters, raw UTF-8 {raw}");
            let v: Value = r.json().await.unwrap();
            if ok {
                assert!(v.get("errors").is_none(), "{chars}: {v}");
            } else {
                assert_eq!(v["errors"][0]["extensions"]["code"], "BAD_USER_INPUT", "{v}");
                assert_eq!(v["errors"][0]["extensions"]["field"], "body", "{v}");
            }
        }
    }
}

#[tokio::test]
async fn graphql_over_http_codes_and_media_type_are_the_ones_clients_know() {
    let app = TestApp::spawn().await;
    let token = app.token("office").await;
    let post = |body: Value, accept: Option<&'static str>| {
        let app = &app;
        let token = token.clone();
        async move {
            let mut r =
                app.client().post(app.url("/graphql")).bearer_auth(token).header("content-type", "application/json");
            if let Some(a) = accept {
                r = r.header("accept", a);
            }
            let r = r.body(body.to_string()).send().await.unwrap();
            let (status, media) = (r.status().as_u16(), r.headers()["content-type"].to_str().unwrap().to_owned());
            (status, media, r.json::<Value>().await.unwrap())
        }
    };
    let cases = [
        (json!({ "query": "{ me { id " }), "GRAPHQL_PARSE_FAILED", None),
        (json!({ "query": "{ me { nosuchfield } }" }), "GRAPHQL_VALIDATION_FAILED", None),
        (
            json!({ "query": "query($s: UserStatus) { users(filter: { status: $s }) { totalCount } }", "variables": { "s": "SLEEPING" } }),
            "BAD_USER_INPUT",
            Some("status"),
        ),
    ];
    for (body, code, field) in cases {
        // Plain JSON: 200, as every GraphQL-over-HTTP client of application/json expects.
        let (status, media, v) = post(body.clone(), None).await;
        assert_eq!((status, v["errors"][0]["extensions"]["code"].as_str()), (200, Some(code)), "{v}");
        assert!(media.starts_with("application/json"), "{media}");
        if let Some(f) = field {
            assert_eq!(v["errors"][0]["extensions"]["field"], f, "{v}");
        }
        // The GraphQL-over-HTTP media type: a request error is 400.
        let (status, media, v) = post(body, Some("application/graphql-response+json, application/json;q=0.9")).await;
        assert_eq!((status, v["errors"][0]["extensions"]["code"].as_str()), (400, Some(code)), "{v}");
        assert!(media.starts_with("application/graphql-response+json"), "{media}");
    }
    // An error in execution is not a request error: 200 under either media type.
    let unit = app.token("unit1").await;
    let r = app
        .client()
        .post(app.url("/graphql"))
        .bearer_auth(unit)
        .header("content-type", "application/json")
        .header("accept", "application/graphql-response+json")
        .body(json!({ "query": "{ clues { totalCount } }" }).to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
}

#[tokio::test]
async fn cross_origin_calls_are_answered_for_the_allowed_origins_only() {
    let allowed = "https://inspect.example.gov.cn";
    let app = TestApp::spawn_with(tests::Options {
        vars: vec![("CORS_ALLOWED_ORIGINS", allowed.to_owned())],
        ..Default::default()
    })
    .await;
    let preflight = |origin: &'static str| {
        let app = &app;
        async move {
            app.client()
                .request(reqwest::Method::OPTIONS, app.url("/graphql"))
                .header("origin", origin)
                .header("access-control-request-method", "POST")
                .header("access-control-request-headers", "authorization, content-type")
                .send()
                .await
                .unwrap()
        }
    };
    let ok = preflight(allowed).await;
    assert_eq!(ok.headers().get("access-control-allow-origin").map(|v| v.to_str().unwrap()), Some(allowed));
    let other = preflight("https://evil.example.com").await;
    assert!(other.headers().get("access-control-allow-origin").is_none());
    // By default no origin is allowed.
    let plain = TestApp::spawn().await;
    let r = plain
        .client()
        .request(reqwest::Method::OPTIONS, plain.url("/graphql"))
        .header("origin", allowed)
        .header("access-control-request-method", "POST")
        .send()
        .await
        .unwrap();
    assert!(r.headers().get("access-control-allow-origin").is_none());
    // A malformed origin is refused at start.
    assert!(api::config::Config::from_vars(|k| (k == "CORS_ALLOWED_ORIGINS").then(|| "*".to_owned())).is_err());
}

/// The SHA-256 of a document, as Apollo's persisted-query link computes it.
fn sha256(document: &str) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(document.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

#[tokio::test]
async fn automatic_persisted_queries_work_as_apollo_sends_them_and_trusted_documents_run_alone() {
    let app = TestApp::spawn().await;
    let token = app.token("office").await;
    let doc = "{ me { username } }";
    let ext = json!({ "persistedQuery": { "version": 1, "sha256Hash": sha256(doc) } });
    let send = |body: Value| {
        let (app, token) = (&app, token.clone());
        async move {
            let r =
                app.client().post(app.url("/graphql")).bearer_auth(token).header("content-type", "application/json");
            r.body(body.to_string()).send().await.unwrap().json::<Value>().await.unwrap()
        }
    };
    let miss = send(json!({ "extensions": ext })).await;
    assert_eq!(miss["errors"][0]["extensions"]["code"], "PERSISTED_QUERY_NOT_FOUND", "{miss}");
    let registered = send(json!({ "query": doc, "extensions": ext })).await;
    assert_eq!(registered["data"]["me"]["username"], "office");
    let by_hash = send(json!({ "extensions": ext })).await;
    assert_eq!(by_hash["data"]["me"]["username"], "office", "{by_hash}");
    let forged = send(json!({ "query": "{ users { totalCount } }", "extensions": ext })).await;
    assert_eq!(forged["errors"][0]["extensions"]["code"], "BAD_USER_INPUT");

    // Trusted documents: the registered operations only.
    let dir = std::env::temp_dir().join(format!("trusted-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("documents.json");
    std::fs::write(&file, json!({ sha256(doc): doc, sha256(tests::LOGIN): tests::LOGIN }).to_string()).unwrap();
    let trusted = TestApp::spawn_with(tests::Options {
        vars: vec![("TRUSTED_DOCUMENTS", file.display().to_string())],
        ..Default::default()
    })
    .await;
    let token = trusted.token("office").await;
    let post = |body: Value| {
        let (app, token) = (&trusted, token.clone());
        async move {
            let r =
                app.client().post(app.url("/graphql")).bearer_auth(token).header("content-type", "application/json");
            r.body(body.to_string()).send().await.unwrap().json::<Value>().await.unwrap()
        }
    };
    assert_eq!(post(json!({ "extensions": ext })).await["data"]["me"]["username"], "office");
    let other = post(json!({ "query": "{ users { totalCount } }" })).await;
    assert_eq!(other["errors"][0]["extensions"]["code"], "PERSISTED_QUERY_NOT_FOUND", "{other}");
    let _ = std::fs::remove_dir_all(dir);
}

/// The value of a sample of `/metrics`, by its name with labels as printed.
fn sample(page: &str, name: &str) -> f64 {
    page.lines()
        .find_map(|l| l.strip_prefix(name).and_then(|rest| rest.strip_prefix(' ')))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0.0)
}

#[tokio::test]
async fn metrics_count_requests_by_operation_and_code_statements_and_failed_logins() {
    let app = TestApp::spawn().await;
    let token = app.token("office").await;
    let page = |app: &TestApp| {
        let r = app.client().get(app.url("/metrics")).send();
        async move {
            let r = r.await.unwrap();
            assert_eq!(r.status(), 200);
            assert!(r.headers()["content-type"].to_str().unwrap().starts_with("text/plain"));
            r.text().await.unwrap()
        }
    };
    let before = page(&app).await;
    let (body, statements) = app
        .count_statements(app.gql(Some(&token), "query Screen { inspections(first: 5) { totalCount } }", json!({})))
        .await;
    assert!(body.get("errors").is_none(), "{body}");
    assert!(statements > 0);
    let refused = app.gql(Some(&token), "query Broken { inspections(first: 500) { totalCount } }", json!({})).await;
    tests::assert_code(&refused, "BAD_USER_INPUT");
    let wrong = app.login("office", "not-the-password").await;
    tests::assert_code(&wrong, "UNAUTHENTICATED");
    let after = page(&app).await;

    let ok = r#"inspection_graphql_requests_total{code="OK",operation="Screen"}"#;
    assert_eq!(sample(&after, ok) - sample(&before, ok), 1.0, "{after}");
    let bad = r#"inspection_graphql_requests_total{code="BAD_USER_INPUT",operation="Broken"}"#;
    assert_eq!(sample(&after, bad), 1.0, "{after}");
    let failed = "inspection_logins_failed_total";
    assert_eq!(sample(&after, failed) - sample(&before, failed), 1.0, "{after}");
    // Every statement of the three requests is on the server's total and on one request each.
    let total = "inspection_sql_statements_total";
    let per_request = "inspection_graphql_request_statements_sum";
    assert!(sample(&after, total) - sample(&before, total) >= statements as f64);
    assert_eq!(
        sample(&after, total) - sample(&before, total),
        sample(&after, per_request) - sample(&before, per_request),
        "a statement ran outside any request: {after}"
    );
    assert!(sample(&after, r#"inspection_db_pool_connections{state="max"}"#) > 0.0, "{after}");
    assert!(after.contains("inspection_graphql_request_duration_seconds_bucket"), "{after}");
}

#[tokio::test]
async fn metrics_are_off_in_production_unless_a_token_is_set_and_then_only_with_it() {
    let production = |token: Option<&str>| {
        let mut vars = vec![
            ("APP_ENV", "production".to_owned()),
            ("JWT_SECRET", "a-production-secret-of-at-least-32-bytes!".to_owned()),
        ];
        if let Some(t) = token {
            vars.push(("METRICS_TOKEN", t.to_owned()));
        }
        TestApp::spawn_with(tests::Options { vars, empty: false })
    };
    let closed = production(None).await;
    assert_eq!(closed.client().get(closed.url("/metrics")).send().await.unwrap().status(), 404);
    let guarded = production(Some("scrape-token-0123456789")).await;
    let url = guarded.url("/metrics");
    assert_eq!(guarded.client().get(&url).send().await.unwrap().status(), 404);
    let wrong = guarded.client().get(&url).bearer_auth("scrape-token-wrong-guess").send().await.unwrap();
    assert_eq!(wrong.status(), 404);
    let right = guarded.client().get(&url).bearer_auth("scrape-token-0123456789").send().await.unwrap();
    assert_eq!(right.status(), 200);
    assert!(right.text().await.unwrap().contains("inspection_sql_statements_total"));
}

/// Sends `query` as `who` (None: no token) with `Accept-Language: language`.
async fn in_language(app: &TestApp, who: Option<&str>, language: &str, query: &str, variables: Value) -> Value {
    let mut request = app
        .client()
        .post(app.url("/graphql"))
        .header("accept-language", language)
        .json(&json!({ "query": query, "variables": variables }));
    if let Some(who) = who {
        request = request.bearer_auth(app.token(who).await);
    }
    request.send().await.unwrap().json().await.unwrap()
}

fn message_and_code(body: &Value) -> (String, String) {
    let e = &body["errors"][0];
    (
        e["message"].as_str().unwrap_or_default().to_owned(),
        e["extensions"]["code"].as_str().unwrap_or_default().to_owned(),
    )
}

fn has_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

#[tokio::test]
async fn errors_are_written_in_chinese_when_the_request_asks_and_their_codes_do_not_change() {
    let app = TestApp::spawn().await;
    let clue = tests::gid("Clue", app.first_id("SELECT id FROM clues WHERE status = 'APPROVED' ORDER BY id").await);
    let missing = tests::gid("Inspection", 999_999);
    let cases: Vec<(Option<&str>, &str, Value, &str)> = vec![
        // Refused by the policy.
        (Some("unit1"), "{ clues(first: 1) { totalCount } }", json!({}), "FORBIDDEN"),
        // Not there.
        (
            Some("office"),
            "mutation($i: StationInspectionInput!) { stationInspection(input: $i) { inspection { id } } }",
            json!({ "i": { "id": missing } }),
            "NOT_FOUND",
        ),
        // Not in a state it starts from.
        (
            Some("leader"),
            "mutation($i: ApproveClueInput!) { approveClue(input: $i) { clue { id } } }",
            json!({ "i": { "id": clue } }),
            "INVALID_TRANSITION",
        ),
        // A rule on a field.
        (
            Some("leader"),
            "mutation($i: RejectClueInput!) { rejectClue(input: $i) { clue { id } } }",
            json!({ "i": { "id": clue, "reason": "   " } }),
            "BAD_USER_INPUT",
        ),
        // No token.
        (None, "{ me { id } }", json!({}), "UNAUTHENTICATED"),
        // Not GraphQL, and not the schema.
        (Some("office"), "{ me { id ", json!({}), "GRAPHQL_PARSE_FAILED"),
        (Some("office"), "{ me { nothingLikeThis } }", json!({}), "GRAPHQL_VALIDATION_FAILED"),
    ];
    for (who, query, variables, code) in cases {
        let english = in_language(&app, who, "en-US,en;q=0.9", query, variables.clone()).await;
        let chinese = in_language(&app, who, "zh-CN,zh;q=0.9,en;q=0.8", query, variables).await;
        let (en_message, en_code) = message_and_code(&english);
        let (zh_message, zh_code) = message_and_code(&chinese);
        assert_eq!((en_code.as_str(), zh_code.as_str()), (code, code), "{query}: {english} / {chinese}");
        assert!(!has_chinese(&en_message), "{query}: {en_message}");
        assert!(has_chinese(&zh_message), "{query}: {zh_message}");
        assert_eq!(english["errors"][0]["extensions"]["field"], chinese["errors"][0]["extensions"]["field"]);
    }
    // A refusal made before the schema runs speaks Chinese too.
    let r = app
        .client()
        .post(app.url("/graphql"))
        .header("accept-language", "zh-CN")
        .header("content-type", "application/json")
        .body("{ not json")
        .send()
        .await
        .unwrap();
    let body: Value = r.json().await.unwrap();
    let (message, code) = message_and_code(&body);
    assert_eq!(code, "BAD_USER_INPUT");
    assert!(has_chinese(&message), "{message}");
}
