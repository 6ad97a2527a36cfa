//! What an attacker and an operator would try: documents that expand without end, logins racing
//! password changes, guesses from many names and through proxies, NUL characters, one account
//! starving the others, read-then-write rules raced, a stop in the middle of writes, a database
//! that answers no more, a handler that panics, cursors read and forged.

use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tests::{Options, TestApp, assert_code, code, gid};

/// `query{...F0} fragment F0 on Query{...F1 ...F1} … fragment Fn on Query{__typename}`: each
/// fragment spreads the next twice, so the document expands to 2^n fields.
fn doubling(n: usize) -> String {
    let mut q = String::from("query{...F0}");
    for i in 0..n {
        q.push_str(&format!(" fragment F{i} on Query{{...F{} ...F{}}}", i + 1, i + 1));
    }
    q.push_str(&format!(" fragment F{n} on Query{{__typename}}"));
    q
}

#[tokio::test]
async fn a_document_that_expands_without_end_is_refused_at_once_with_or_without_a_token() {
    let app = TestApp::spawn().await;
    let document = doubling(30);
    assert!(document.len() < 1_200, "{} bytes", document.len());
    let token = app.token("office").await;
    for token in [None, Some(token.as_str())] {
        let started = Instant::now();
        let body = app.gql(token, &document, json!({})).await;
        let took = started.elapsed();
        assert_code(&body, "BAD_USER_INPUT");
        assert!(body["errors"][0]["message"].as_str().unwrap().contains("once its fragments are expanded"), "{body}");
        // Refused before validation: no 2^30 walk (a generous bound, not a timing test).
        assert!(took < Duration::from_secs(2), "took {took:?}");
    }
    // A fragment spreading itself is refused the same way.
    let body =
        app.gql(Some(&token), "query{...A} fragment A on Query{...B} fragment B on Query{...A}", json!({})).await;
    assert_code(&body, "BAD_USER_INPUT");
    // Aliases are counted expanded too: 2^6 aliased fields from a handful written.
    let mut aliased = String::from("query{...F0}");
    for i in 0..6 {
        aliased.push_str(&format!(" fragment F{i} on Query{{...F{} ...F{}}}", i + 1, i + 1));
    }
    aliased.push_str(" fragment F6 on Query{a: __typename}");
    let body = app.gql(Some(&token), &aliased, json!({})).await;
    assert_code(&body, "BAD_USER_INPUT");
    assert!(body["errors"][0]["message"].as_str().unwrap().contains("aliases"), "{body}");
    // And the server is still there.
    assert_eq!(app.data("office", "{ me { username } }", json!({})).await["me"]["username"], "office");
}

/// Logs in from a client behind the test's trusted proxy.
async fn login_from(app: &TestApp, address: &str, username: &str, password: &str) -> Value {
    app.client()
        .post(app.url("/graphql"))
        .header("x-forwarded-for", address)
        .json(&json!({
            "query": "mutation($u: String!, $p: String!) { login(input: { username: $u, password: $p }) { token } }",
            "variables": { "u": username, "p": password },
        }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

/// Changes the caller's own password.
const CHANGE_PASSWORD: &str = r#"mutation($i: ChangePasswordInput!) {
  changePassword(input: $i) { token }
}"#;

fn behind_a_proxy() -> Options {
    Options { vars: vec![("TRUSTED_PROXIES", "127.0.0.1".into())], ..Default::default() }
}

#[tokio::test]
async fn no_login_racing_a_password_change_survives_it() {
    let app = TestApp::spawn_with(behind_a_proxy()).await;
    let passwords = ["first-password-2026", "second-password-2026"];
    // unit2 starts on the first password.
    let reset =
        json!({ "i": { "id": gid("User", app.row_id("users", "username", "unit2").await), "password": passwords[0] } });
    app.data("office", "mutation($i: UpdateUserInput!) { updateUser(input: $i) { user { id } } }", reset).await;
    let mut session = login_from(&app, "198.51.100.1", "unit2", passwords[0]).await["data"]["login"]["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let (mut races, mut issued, mut survivors) = (0, 0, 0);
    for round in 0..50 {
        let (old, new) = (passwords[round % 2], passwords[(round + 1) % 2]);
        // Six clients log in with the old password while the user changes it.
        let addresses: Vec<String> = (1..=6).map(|c| format!("203.0.113.{c}")).collect();
        let logins = addresses.iter().map(|a| login_from(&app, a, "unit2", old));
        let change =
            app.gql(Some(&session), CHANGE_PASSWORD, json!({ "i": { "currentPassword": old, "newPassword": new } }));
        let (answers, changed) = tokio::join!(futures::future::join_all(logins), change);
        session = changed["data"]["changePassword"]["token"].as_str().unwrap_or_else(|| panic!("{changed}")).to_owned();
        races += answers.len();
        for answer in answers {
            let Some(token) = answer["data"]["login"]["token"].as_str() else { continue };
            issued += 1;
            // The password changed after (or while) this login checked it: its session is over.
            if code(&app.gql(Some(token), "{ me { id } }", json!({})).await) != Some("UNAUTHENTICATED") {
                survivors += 1;
            }
        }
    }
    eprintln!("login races: {races}, old-password tokens issued: {issued}, survivors: {survivors}");
    assert_eq!(races, 300);
    assert!(issued > 0, "no login ever won the race: the test raced nothing");
    assert_eq!(survivors, 0, "{survivors} of {issued} old-password tokens outlived the change");
}

#[tokio::test]
async fn the_throttle_counts_the_name_as_the_lookup_reads_it_and_before_the_hash() {
    let app = TestApp::spawn().await;
    for _ in 0..5 {
        assert_code(&app.login("team3", "wrong-password").await, "UNAUTHENTICATED");
    }
    // The same account under other spellings is the same account.
    for name in ["team3 ", " TEAM3", "Team3"] {
        let body = app.login(name, api::demo::DEMO_PASSWORD).await;
        assert!(body["errors"][0]["message"].as_str().unwrap().contains("too many failed attempts"), "{name}: {body}");
    }
    // Sixty guesses at once for one account from one address: five are checked, the rest refused.
    let guesses = (0..60).map(|_| app.login("team4", "wrong-password"));
    let answers = futures::future::join_all(guesses).await;
    let checked = answers.iter().filter(|a| a["errors"][0]["message"] == "wrong user name or password").count();
    let throttled = answers
        .iter()
        .filter(|a| a["errors"][0]["message"].as_str().unwrap_or_default().contains("too many failed attempts"))
        .count();
    assert_eq!((checked, throttled), (5, 55));
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_client_is_throttled_on_its_own() {
    let app = TestApp::spawn_with(behind_a_proxy()).await;
    // One client guesses leader's password; leader, elsewhere behind the same proxy, logs in.
    for _ in 0..6 {
        assert_code(&login_from(&app, "198.51.100.9", "leader", "wrong-password").await, "UNAUTHENTICATED");
    }
    let blocked = login_from(&app, "198.51.100.9", "leader", api::demo::DEMO_PASSWORD).await;
    assert!(blocked["errors"][0]["message"].as_str().unwrap().contains("too many failed attempts"), "{blocked}");
    let leader = login_from(&app, "198.51.100.10", "leader", api::demo::DEMO_PASSWORD).await;
    assert!(leader["data"]["login"]["token"].is_string(), "{leader}");
    // Twenty-two random names from one client slow that client's unknown names down; a known
    // account's right password from it still logs in.
    for i in 0..22 {
        assert_code(&login_from(&app, "198.51.100.11", &format!("nobody{i}"), "x-wrong").await, "UNAUTHENTICATED");
    }
    let office = login_from(&app, "198.51.100.11", "office", api::demo::DEMO_PASSWORD).await;
    assert!(office["data"]["login"]["token"].is_string(), "{office}");
}

#[tokio::test]
async fn a_forwarded_address_from_an_untrusted_peer_is_ignored() {
    let app = TestApp::spawn().await;
    // Without TRUSTED_PROXIES a client cannot escape its throttle by naming other addresses.
    for i in 0..6 {
        assert_code(&login_from(&app, &format!("192.0.2.{i}"), "team5", "wrong-password").await, "UNAUTHENTICATED");
    }
    let body = login_from(&app, "192.0.2.200", "team5", api::demo::DEMO_PASSWORD).await;
    assert!(body["errors"][0]["message"].as_str().unwrap().contains("too many failed attempts"), "{body}");
}

/// Every argument of every root field whose type is or holds a string (`String`, `ID`, an input
/// object with such fields), from the schema the server serves.
async fn string_arguments(app: &TestApp) -> Vec<(String, String, String, String)> {
    let schema = app
        .data(
            "office",
            r#"{ __schema {
                 queryType { fields { name args { name type { ...T } } } }
                 mutationType { fields { name args { name type { ...T } } } }
                 types { name kind inputFields { name type { ...T } } }
               }
             }
             fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name } } } }"#,
            json!({}),
        )
        .await;
    fn named(t: &Value) -> (String, String) {
        let mut t = t;
        let mut wrappers = Vec::new();
        while t["name"].is_null() {
            wrappers.push(t["kind"].as_str().unwrap().to_owned());
            t = &t["ofType"];
        }
        let name = t["name"].as_str().unwrap().to_owned();
        let mut written = name.clone();
        for w in wrappers.iter().rev() {
            written = match w.as_str() {
                "NON_NULL" => format!("{written}!"),
                _ => format!("[{written}]"),
            };
        }
        (name, written)
    }
    let inputs: std::collections::HashMap<String, Vec<(String, String)>> = schema["__schema"]["types"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["kind"] == "INPUT_OBJECT")
        .map(|t| {
            let fields = t["inputFields"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| (f["name"].as_str().unwrap().to_owned(), named(&f["type"]).0))
                .collect();
            (t["name"].as_str().unwrap().to_owned(), fields)
        })
        .collect();
    let mut out = Vec::new();
    for (root, kind) in [("queryType", "query"), ("mutationType", "mutation")] {
        for field in schema["__schema"][root]["fields"].as_array().unwrap() {
            for arg in field["args"].as_array().unwrap() {
                let (base, written) = named(&arg["type"]);
                let holds_string = base == "String"
                    || base == "ID"
                    || inputs.get(&base).is_some_and(|f| f.iter().any(|(_, t)| t == "String" || t == "ID"));
                if holds_string {
                    out.push((
                        kind.to_owned(),
                        field["name"].as_str().unwrap().to_owned(),
                        arg["name"].as_str().unwrap().to_owned(),
                        written,
                    ));
                }
            }
            let _ = &inputs;
        }
    }
    out
}

#[tokio::test]
async fn a_nul_in_any_string_argument_is_refused_naming_it() {
    let app = TestApp::spawn().await;
    let token = app.token("office").await;
    let arguments = string_arguments(&app).await;
    assert!(arguments.len() > 60, "only {} string arguments found", arguments.len());
    let before = app.digest().await;
    for (kind, field, arg, written) in &arguments {
        // The argument's value: a string, a list of one, or an input object with a NUL in every
        // string field it has; the shape need not validate, the NUL is refused before.
        let value = if written.trim_end_matches('!').starts_with('[') {
            json!(["bad\u{0}value"])
        } else if written.starts_with("String") || written.starts_with("ID") {
            json!("bad\u{0}value")
        } else {
            json!({ "anything": "bad\u{0}value" })
        };
        let document = format!("{kind}($v: {written}) {{ {field}({arg}: $v) {{ __typename }} }}");
        for token in [None, Some(token.as_str())] {
            let body = app.gql(token, &document, json!({ "v": value })).await;
            assert_code(&body, "BAD_USER_INPUT");
            let at = body["errors"][0]["extensions"]["field"].as_str().unwrap_or_default();
            assert!(at.starts_with('v'), "{field}({arg}): {body}");
        }
        // Written in the document itself, not in a variable.
        if written.starts_with("String") || written.starts_with("ID") {
            let body = app
                .gql(Some(&token), &format!(r#"{kind} {{ {field}({arg}: "bad\u0000") {{ __typename }} }}"#), json!({}))
                .await;
            assert_code(&body, "BAD_USER_INPUT");
            assert_eq!(body["errors"][0]["extensions"]["field"], arg.as_str(), "{body}");
        }
    }
    // The login of an anonymous caller: the name with a NUL never reaches the database.
    let body = app.login("office\u{0}", "x").await;
    assert_code(&body, "BAD_USER_INPUT");
    assert_eq!(body["errors"][0]["extensions"]["field"], "u");
    tests::assert_unchanged(&app.digest().await, &before);
}

#[tokio::test]
async fn one_account_cannot_hold_more_requests_than_its_share() {
    let app =
        TestApp::spawn_with(Options { vars: vec![("MAX_REQUESTS_PER_ACCOUNT", "3".into())], ..Default::default() })
            .await;
    let token = app.token("unit1").await;
    // Three requests in flight: sent with their headers, their bodies not yet finished.
    let mut held = Vec::new();
    for _ in 0..3 {
        let mut stream = tokio::net::TcpStream::connect(app.addr).await.unwrap();
        let head = format!(
            "POST /graphql HTTP/1.1\r\nhost: test\r\nauthorization: Bearer {token}\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{{\"query\":"
        );
        tokio::io::AsyncWriteExt::write_all(&mut stream, head.as_bytes()).await.unwrap();
        held.push(stream);
    }
    // The fourth is refused at once with RATE_LIMITED and when to come back; another account is
    // served as usual.
    let mut limited = None;
    for _ in 0..200 {
        let r = app
            .client()
            .post(app.url("/graphql"))
            .bearer_auth(&token)
            .json(&json!({ "query": "{ me { id } }" }))
            .send()
            .await
            .unwrap();
        if r.status() == 429 {
            limited = Some(r);
            break;
        }
        // The held requests may not all have been read yet.
        tokio::task::yield_now().await;
    }
    let limited = limited.expect("the fourth request was never refused");
    assert_eq!(limited.headers()["retry-after"], "1");
    let body: Value = limited.json().await.unwrap();
    assert_code(&body, "RATE_LIMITED");
    assert_eq!(app.data("unit2", "{ me { username } }", json!({})).await["me"]["username"], "unit2");
    // When the held requests end, the account is served again.
    drop(held);
    let mut served = false;
    for _ in 0..200 {
        let body = app.gql(Some(&token), "{ me { username } }", json!({})).await;
        if body["data"]["me"]["username"] == "unit1" {
            served = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert!(served, "the account's slots never came back");
    // Statistics cost what they count: thirty in one request are refused before they run.
    let many: String = (0..30).map(|i| format!("s{i}: statistics {{ findings }} ")).collect();
    assert_code(&app.gql(Some(&token), &format!("{{ {many} }}"), json!({})).await, "BAD_USER_INPUT");
}

/// Places an expert on a team's roster for a round.
const ADD_ROSTER_ENTRY: &str = r#"mutation($i: AddRosterEntryInput!) {
  addRosterEntry(input: $i) { rosterEntry { id } }
}"#;

/// Records that an expert must recuse from a unit.
const ADD_EXPERT_CONFLICT: &str = r#"mutation($i: AddExpertConflictInput!) {
  addExpertConflict(input: $i) { expertConflict { id } }
}"#;

/// Adds an expert to the talent pool.
const CREATE_EXPERT: &str = r#"mutation($i: CreateExpertInput!) {
  createExpert(input: $i) { expert { id } }
}"#;

#[tokio::test]
async fn recusal_holds_when_a_roster_place_and_a_conflict_race() {
    let app =
        TestApp::spawn_with(Options { vars: vec![("MAX_REQUESTS_PER_ACCOUNT", "16".into())], ..Default::default() })
            .await;
    // A team inspecting a unit in a round still being staffed.
    let inspection = app
        .first_id("SELECT id FROM inspections WHERE round_id IN (SELECT id FROM rounds WHERE status = 'IN_PROGRESS') ORDER BY id")
        .await;
    let pick = |column: &str| format!("SELECT {column} AS id FROM inspections WHERE id = {inspection}");
    let (round, team, unit) = (
        app.first_id(&pick("round_id")).await,
        app.first_id(&pick("team_id")).await,
        app.first_id(&pick("unit_id")).await,
    );
    let token = app.token("office").await;
    let mut both = 0;
    for i in 0..25 {
        let expert = app
            .data(
                "office",
                CREATE_EXPERT,
                json!({ "i": { "name": format!("竞争专家{i}"), "specialty": "AUDIT", "birthYear": 1980, "experienceYears": 15, "employer": "区审计局" } }),
            )
            .await["createExpert"]["expert"]["id"]
            .clone();
        let place = app.gql(
            Some(&token),
            ADD_ROSTER_ENTRY,
            json!({ "i": { "roundId": gid("Round", round), "teamId": gid("Organization", team), "expertId": expert, "position": "MEMBER" } }),
        );
        let conflict = app.gql(
            Some(&token),
            ADD_EXPERT_CONFLICT,
            json!({ "i": { "expertId": expert, "unitId": gid("Organization", unit), "kind": "DECLARED" } }),
        );
        let (placed, declared) = tokio::join!(place, conflict);
        if placed.get("errors").is_none() && declared.get("errors").is_none() {
            both += 1;
        }
    }
    assert_eq!(both, 0, "{both} of 25 races left an expert on the team of a unit they must recuse from");
    let broken = app
        .count_where(
            "roster_entries r",
            &format!(
                "r.round_id = {round} AND r.team_id = {team} AND EXISTS (SELECT 1 FROM expert_conflicts c WHERE c.expert_id = r.expert_id AND c.unit_id = {unit})"
            ),
        )
        .await;
    assert_eq!(broken, 0);
}

/// Makes an organisation.
const CREATE_ORGANIZATION: &str = r#"mutation($i: CreateOrganizationInput!) {
  createOrganization(input: $i) { organization { id name } }
}"#;

#[tokio::test]
async fn a_stop_lets_every_request_in_flight_finish_and_what_answered_success_is_committed() {
    let mut app = TestApp::spawn_with(Options {
        vars: vec![
            ("MAX_REQUESTS_PER_ACCOUNT", "12".into()),
            ("SHUTDOWN_GRACE_SECONDS", "20".into()),
            ("DB_ACQUIRE_TIMEOUT_MS", "10000".into()),
        ],
        ..Default::default()
    })
    .await;
    let token = app.token("office").await;
    // Writers wait behind a transaction the test holds: the burst is surely in flight.
    let blocker = app.hold_writes("organizations").await;
    let burst: Vec<_> = (0..12)
        .map(|i| {
            let (client, url, token) = (app.client().clone(), app.url("/graphql"), token.clone());
            tokio::spawn(async move {
                let response = client
                    .post(url)
                    .bearer_auth(token)
                    .json(&json!({ "query": CREATE_ORGANIZATION, "variables": { "i": { "kind": "AUDITED_UNIT", "name": format!("停机测试单位{i}"), "unitCategory": "DISTRICT_DEPARTMENT" } } }))
                    .send()
                    .await;
                match response {
                    Ok(r) => Some((r.status().as_u16(), r.json::<Value>().await.ok())),
                    Err(_) => None,
                }
            })
        })
        .collect();
    // All twelve are in: the server is serving twelve requests, waiting for the lock or a connection.
    let mut waited = 0;
    while app.in_flight() < 12 {
        assert!(waited < 1_000, "the burst never got in: {} in flight", app.in_flight());
        waited += 1;
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    // The stop (what SIGTERM triggers): no new connection, the twelve go on.
    app.stop();
    let refused = tokio::time::timeout(Duration::from_secs(2), async {
        loop {
            if app.client().get(app.url("/healthz")).send().await.is_err() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    })
    .await;
    assert!(refused.is_ok(), "the server still accepts new connections after the stop");
    blocker.release().await;
    let mut answered = 0;
    let mut succeeded = Vec::new();
    for request in burst {
        let (status, body) = request.await.unwrap().expect("a request in flight was cut");
        answered += 1;
        let body = body.expect("a JSON answer");
        if status == 200 && body.get("errors").is_none() {
            succeeded.push(body["data"]["createOrganization"]["organization"]["name"].as_str().unwrap().to_owned());
        }
    }
    assert_eq!(app.stopped().await, api::http::serve::Stopped::Drained);
    let committed = app.count_where("organizations", "name LIKE '停机测试单位%'").await;
    eprintln!(
        "shutdown: 12 requests in flight, {answered} answered, {} succeeded, {committed} committed",
        succeeded.len()
    );
    assert_eq!(answered, 12);
    assert_eq!(committed as usize, succeeded.len());
    for name in succeeded {
        assert_eq!(app.count_where("organizations", &format!("name = '{name}'")).await, 1, "{name}");
    }
}

#[tokio::test]
async fn without_a_database_connection_requests_fail_fast_and_readiness_says_so() {
    let app =
        TestApp::spawn_with(Options { vars: vec![("DB_ACQUIRE_TIMEOUT_MS", "300".into())], ..Default::default() })
            .await;
    let token = app.token("office").await;
    // Every connection of the server's pool is taken.
    let held = app.hold_every_connection().await;
    let started = Instant::now();
    let r = app
        .client()
        .post(app.url("/graphql"))
        .bearer_auth(&token)
        .json(&json!({ "query": "{ me { id } }" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 503);
    assert_eq!(r.headers()["retry-after"], "5");
    let body: Value = r.json().await.unwrap();
    assert_code(&body, "SERVICE_UNAVAILABLE");
    assert!(started.elapsed() < Duration::from_secs(3), "{:?}", started.elapsed());
    let started = Instant::now();
    let r = app.client().get(app.url("/readyz")).send().await.unwrap();
    assert_eq!(r.status(), 503);
    assert!(started.elapsed() < Duration::from_millis(1_900), "{:?}", started.elapsed());
    drop(held);
    assert_eq!(app.data("office", "{ me { username } }", json!({})).await["me"]["username"], "office");
}

async fn boom() -> &'static str {
    panic!("a test panic")
}

#[tokio::test]
async fn a_handler_that_panics_answers_internal_with_the_request_id() {
    use axum::routing::get;
    let router = api::http::with_layers(
        axum::Router::new().route("/boom", get(boom)),
        api::config::Limits::default(),
        Default::default(),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(api::http::serve::serve(
        listener,
        router,
        Duration::from_secs(5),
        Duration::from_secs(1),
        std::future::pending(),
    ));
    tests::server_log();
    let r = reqwest::get(format!("http://{addr}/boom")).await.expect("an answer, not a dropped connection");
    assert_eq!(r.status(), 500);
    let id = r.headers()["x-request-id"].to_str().unwrap().to_owned();
    let body: Value = r.json().await.unwrap();
    assert_code(&body, "INTERNAL");
    assert_eq!(body["errors"][0]["message"], format!("internal error; correlation id {id}"));
    assert!(tests::log_lines_with(&id).iter().any(|l| l.contains("panicked") && l.contains("a test panic")));
}

#[tokio::test]
async fn permission_is_checked_before_input() {
    let app = TestApp::spawn().await;
    let inspection =
        gid("Inspection", app.first_id("SELECT id FROM inspections WHERE status = 'STATIONED' ORDER BY id").await);
    let tomorrow = tests::local_day(2);
    for (account, document, input) in [
        (
            "unit1",
            "mutation($i: CreatePetitionInput!) { createPetition(input: $i) { petition { id } } }",
            json!({ "inspectionId": inspection, "content": "", "receivedOn": tomorrow }),
        ),
        (
            "unit1",
            "mutation($i: CreateFindingInput!) { createFinding(input: $i) { finding { id } } }",
            json!({ "inspectionId": inspection, "category": "OTHER", "description": "", "evidence": "" }),
        ),
        (
            "agency1",
            "mutation($i: CreateClueInput!) { createClue(input: $i) { clue { id } } }",
            json!({ "inspectionId": inspection, "allegedViolation": "", "evidence": "", "source": "OTHER", "persons": [] }),
        ),
        (
            "team1",
            "mutation($i: CreateExpertInput!) { createExpert(input: $i) { expert { id } } }",
            json!({ "name": "", "specialty": "LAW", "birthYear": -2147483648, "experienceYears": 99, "employer": "" }),
        ),
    ] {
        assert_code(&app.as_user(account, document, json!({ "i": input })).await, "FORBIDDEN");
    }
    // The office may: the same arithmetic that overflowed is now a clear refusal.
    let body = app
        .as_user(
            "office",
            CREATE_EXPERT,
            json!({ "i": { "name": "专家", "specialty": "LAW", "birthYear": -2147483648, "experienceYears": 20, "employer": "区司法局" } }),
        )
        .await;
    assert_code(&body, "BAD_USER_INPUT");
    assert_eq!(body["errors"][0]["extensions"]["field"], "birthYear");
}

#[tokio::test]
async fn cursors_tell_nothing_and_cannot_be_forged() {
    let app = TestApp::spawn().await;
    let page = app.data("agency1", "{ referralChanges(first: 2) { pageInfo { endCursor } } }", json!({})).await;
    let cursor = page["referralChanges"]["pageInfo"]["endCursor"].as_str().unwrap().to_owned();
    use base64::Engine;
    let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(&cursor).unwrap();
    assert!(serde_json::from_slice::<Value>(&raw).is_err(), "a cursor is readable JSON");
    let seq = app.first_id("SELECT CAST(value AS INTEGER) AS id FROM change_counters").await.to_string();
    assert!(!String::from_utf8_lossy(&raw).contains(&seq));
    // A forged cursor, or one of another agency's session, is bad input; a real one works.
    let forged =
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(br#"{"o":"referrals.changes","v":{"Int":0},"i":0}"#);
    let q = "query($a: String) { referralChanges(first: 2, after: $a) { totalCount } }";
    let body = app.as_user("agency1", q, json!({ "a": forged })).await;
    assert_code(&body, "BAD_USER_INPUT");
    assert_eq!(body["errors"][0]["extensions"]["field"], "after");
    assert!(app.as_user("agency1", q, json!({ "a": cursor })).await.get("errors").is_none());
}

#[tokio::test]
async fn operations_beyond_the_execution_limit_wait_their_turn_and_then_run() {
    let app =
        TestApp::spawn_with(tests::Options { vars: vec![("MAX_CONCURRENT_EXECUTIONS", "1".into())], empty: false })
            .await;
    let office = app.token("office").await;
    let leader = app.token("leader").await;
    // The office's write holds the only turn, waiting behind a lock the test holds.
    let blocker = app.hold_writes("organizations").await;
    let writer = {
        let (client, url, token) = (app.client().clone(), app.url("/graphql"), office.clone());
        tokio::spawn(async move {
            let body = json!({ "query": CREATE_ORGANIZATION, "variables": { "i": { "kind": "AUDITED_UNIT", "name": "排队测试单位", "unitCategory": "DISTRICT_DEPARTMENT" } } });
            client.post(url).bearer_auth(token).json(&body).send().await.unwrap().json::<Value>().await.unwrap()
        })
    };
    let mut waited = 0;
    while app.in_flight() < 1 {
        assert!(waited < 1_000, "the write never got in");
        waited += 1;
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    tokio::time::sleep(Duration::from_millis(100)).await;
    // Another account's read waits for the turn…
    let read = app.gql(Some(&leader), "{ me { username } }", json!({}));
    tokio::pin!(read);
    assert!(
        tokio::time::timeout(Duration::from_millis(300), &mut read).await.is_err(),
        "a second operation ran beside the first though only one may execute"
    );
    // …and runs once the write has finished.
    blocker.release().await;
    let written = writer.await.unwrap();
    assert!(written["data"]["createOrganization"]["organization"]["id"].is_string(), "{written}");
    assert_eq!(read.await["data"]["me"]["username"], "leader");
}

#[tokio::test]
async fn clients_that_leave_mid_request_leave_no_database_connection_behind() {
    // A short wait for a connection: a leaked one shows at once as SERVICE_UNAVAILABLE.
    let app =
        TestApp::spawn_with(tests::Options { vars: vec![("DB_ACQUIRE_TIMEOUT_MS", "1000".into())], empty: false })
            .await;
    let token = app.token("leader").await;
    let screen = "{ inspections(first: 100) { nodes { unit { name } team { name } round { name } \
                  findings(first: 20) { totalCount nodes { id description } } \
                  recommendations(first: 10) { totalCount nodes { id content } } } } }";
    // Clients that hang up after a moment, at every point of the request's life (as a load
    // generator does when it stops, or a browser when the user leaves the page).
    for attempt in 0..80u64 {
        let client = reqwest::Client::builder().timeout(Duration::from_micros(300 + attempt * 250)).build().unwrap();
        let _ = client.post(app.url("/graphql")).bearer_auth(&token).json(&json!({ "query": screen })).send().await;
    }
    // Every connection came back to the pool: the screen is served, over and over.
    for _ in 0..20 {
        let body = app.gql(Some(&token), screen, json!({})).await;
        assert!(body.get("errors").is_none(), "{}", body["errors"]);
    }
}
