//! Bad input: each gets a clear error with a stable code, changes nothing, and the server goes on.

use serde_json::json;
use tests::{TestApp, assert_code, gid};

/// Whatever the id names, by its id.
const NODE_ID: &str = "query($id: ID!) { node(id: $id) { id } }";

/// Changes an organization's name or category.
const UPDATE_ORGANIZATION: &str = r#"mutation($i: UpdateOrganizationInput!) {
  updateOrganization(input: $i) { organization { id } }
}"#;

#[tokio::test]
async fn malformed_and_wrong_type_ids_are_bad_input() {
    let app = TestApp::spawn().await;
    use base64::Engine;
    let spelled = |s: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s);
    for id in [
        "garbage",
        "",
        "T3JnYW5pemF0aW9uOmFiYw",
        &gid("Nothing", 1),
        &gid("Organization", -1),
        &spelled("Organization:01"),
        &spelled("Organization:+1"),
    ] {
        let body = app.as_user("office", NODE_ID, json!({ "id": id })).await;
        assert_code(&body, "BAD_USER_INPUT");
    }
    // In a list of ids, the error says which one.
    let body = app
        .as_user(
            "office",
            "query($i: [ID!]!) { nodes(ids: $i) { id } }",
            json!({ "i": [gid("Organization", 1), "garbage"] }),
        )
        .await;
    assert_eq!(body["errors"][0]["extensions"]["field"], "ids[1]");
    // A well-formed id of no row is simply null.
    let body = app.data("office", NODE_ID, json!({ "id": gid("Organization", 99999) })).await;
    assert!(body["node"].is_null());
    // The id of a round where a unit is wanted.
    let body = app.as_user("office", UPDATE_ORGANIZATION, json!({ "i": { "id": gid("Round", 1), "name": "x" } })).await;
    assert_code(&body, "BAD_USER_INPUT");
    assert_eq!(body["errors"][0]["extensions"]["field"], "id");
}

/// The organizations after a cursor, oldest first.
const ORGANIZATIONS_AFTER_OLDEST_FIRST: &str = r#"query($c: String) {
  organizations(after: $c, orderBy: CREATED_AT_ASC) { totalCount }
}"#;

#[tokio::test]
async fn page_sizes_and_cursors_are_checked() {
    let app = TestApp::spawn().await;
    for first in [-1, 101, 100000] {
        let body = app
            .as_user("office", "query($f: Int) { organizations(first: $f) { totalCount } }", json!({ "f": first }))
            .await;
        assert_code(&body, "BAD_USER_INPUT");
    }
    let body = app.as_user("office", "{ organizations(after: \"not-a-cursor\") { totalCount } }", json!({})).await;
    assert_code(&body, "BAD_USER_INPUT");
    // A cursor of one order is refused by another.
    let page = app.data("office", "{ organizations(first: 1) { pageInfo { endCursor } } }", json!({})).await;
    let cursor = page["organizations"]["pageInfo"]["endCursor"].clone();
    let body = app.as_user("office", ORGANIZATIONS_AFTER_OLDEST_FIRST, json!({ "c": cursor })).await;
    assert_code(&body, "BAD_USER_INPUT");
    // A cursor of one list is refused by another.
    let body =
        app.as_user("office", "query($c: String) { experts(after: $c) { totalCount } }", json!({ "c": cursor })).await;
    assert_code(&body, "BAD_USER_INPUT");
    // The default page is 20.
    let page = app.data("office", "{ organizations { edges { cursor } } }", json!({})).await;
    assert_eq!(page["organizations"]["edges"].as_array().unwrap().len(), 20);
}

/// Creates an organization: an audited unit, a team or an agency.
const CREATE_ORGANIZATION: &str = r#"mutation($i: CreateOrganizationInput!) {
  createOrganization(input: $i) { organization { id } }
}"#;

/// Adds an expert to the pool.
const CREATE_EXPERT: &str = r#"mutation($i: CreateExpertInput!) {
  createExpert(input: $i) { expert { id } }
}"#;

/// Plans a round of inspections.
const CREATE_ROUND: &str = r#"mutation($i: CreateRoundInput!) {
  createRound(input: $i) { round { id } }
}"#;

/// Creates a user account.
const CREATE_USER: &str = r#"mutation($i: CreateUserInput!) {
  createUser(input: $i) { user { id } }
}"#;

#[tokio::test]
async fn texts_enums_and_numbers_are_checked_and_nothing_changes() {
    let app = TestApp::spawn().await;
    let before = app.digest().await;
    let cases = [
        json!({ "kind": "AUDITED_UNIT", "name": "", "unitCategory": "TOWNSHIP_STREET" }),
        json!({ "kind": "AUDITED_UNIT", "name": "   ", "unitCategory": "TOWNSHIP_STREET" }),
        json!({ "kind": "AUDITED_UNIT", "name": "x".repeat(201), "unitCategory": "TOWNSHIP_STREET" }),
        json!({ "kind": "AUDITED_UNIT", "name": "无类别单位" }),
        json!({ "kind": "PARTNER_AGENCY", "name": "有类别机构", "unitCategory": "TOWNSHIP_STREET" }),
        json!({ "kind": "MINISTRY", "name": "未知类型" }),
        json!({ "kind": "AUDITED_UNIT", "name": "坏名\u{0007}", "unitCategory": "TOWNSHIP_STREET" }),
    ];
    for input in cases {
        let body = app.as_user("office", CREATE_ORGANIZATION, json!({ "i": input })).await;
        assert_code(&body, "BAD_USER_INPUT");
    }
    for (birth, experience) in [(1800, 5), (2030, 5), (1980, -1), (1980, 99), (1990, 50)] {
        let body = app
            .as_user("office", CREATE_EXPERT, json!({ "i": { "name": "专家", "specialty": "LAW", "birthYear": birth, "experienceYears": experience, "employer": "区司法局" } }))
            .await;
        assert_code(&body, "BAD_USER_INPUT");
    }
    for (s, e) in [
        ("2027-02-01", "2027-01-01"),
        ("2027-02-30", "2027-03-01"),
        ("yesterday", "2027-03-01"),
        ("0001-01-01", "9999-12-31"),
        ("2027-01-01", "2029-01-01"),
    ] {
        let body =
            app.as_user("office", CREATE_ROUND, json!({ "i": { "name": "坏日期", "startsOn": s, "endsOn": e } })).await;
        assert_code(&body, "BAD_USER_INPUT");
    }
    for (name, password) in
        [("has space", "a-long-password"), ("ok.name", "short"), ("", "a-long-password"), ("ok.name", "          ")]
    {
        let body = app
            .as_user(
                "office",
                CREATE_USER,
                json!({ "i": { "username": name, "displayName": "x", "password": password } }),
            )
            .await;
        assert_code(&body, "BAD_USER_INPUT");
    }
    tests::assert_unchanged(&app.digest().await, &before);
}

#[tokio::test]
async fn over_deep_over_wide_and_over_costly_queries_are_refused() {
    let app = TestApp::spawn().await;
    let deep = format!("{{ me {}{{ id }}{} }}", "{ assignments { user ".repeat(10), " } }".repeat(10));
    let body = app.as_user("office", &deep, json!({})).await;
    assert_code(&body, "BAD_USER_INPUT");
    let aliases: String = (0..40).map(|i| format!("a{i}: me {{ id }} ")).collect();
    let body = app.as_user("office", &format!("{{ {aliases} }}"), json!({})).await;
    assert_code(&body, "BAD_USER_INPUT");
    assert!(body["errors"][0]["message"].as_str().unwrap().contains("aliases"));
    // The server is still serving.
    assert_eq!(app.data("office", "{ me { username } }", json!({})).await["me"]["username"], "office");
}

/// The organizations whose names match a text that looks like SQL.
const ORGANIZATIONS_MATCHING_SQL: &str = r#"{
  organizations(filter: { search: "' OR 1=1 --" }) { totalCount }
}"#;

#[tokio::test]
async fn no_error_carries_sql_or_internals() {
    let app = TestApp::spawn().await;
    // Text that looks like SQL is just text.
    let body = app.data("office", ORGANIZATIONS_MATCHING_SQL, json!({})).await;
    assert_eq!(body["organizations"]["totalCount"], 0);
    // A database that fails: the client gets INTERNAL, a generic message and the correlation id.
    let token = app.token("office").await;
    app.sql("DROP TABLE roster_entries").await;
    let response = app
        .client()
        .post(app.url("/graphql"))
        .bearer_auth(&token)
        .json(&json!({ "query": "{ rosterEntries { totalCount } }" }))
        .send()
        .await
        .unwrap();
    let request_id = response.headers()["x-request-id"].to_str().unwrap().to_owned();
    let body: serde_json::Value = response.json().await.unwrap();
    assert_code(&body, "INTERNAL");
    let message = body["errors"][0]["message"].as_str().unwrap();
    assert_eq!(message, format!("internal error; correlation id {request_id}"));
    let text = body.to_string().to_lowercase();
    for word in ["select", "roster_entries", "sqlite", "postgres", "no such table", "does not exist", ".rs"] {
        assert!(!text.contains(word), "{word} in {text}");
    }
    // The rest of the server is unaffected.
    assert_eq!(app.data("office", "{ me { username } }", json!({})).await["me"]["username"], "office");
}

/// Every field at fault in one answer, so that a form shows all its mistakes at once.
#[tokio::test]
async fn a_mutation_answers_every_input_error_at_once_each_with_its_field() {
    let app = TestApp::spawn().await;
    let inspection = app.stationed_at("unit1").await;
    let before = app.count("clues").await;
    const CREATE: &str = "mutation($i: CreateClueInput!) { createClue(input: $i) { clue { id } } }";
    let input = json!({ "i": {
        "inspectionId": inspection,
        "persons": [],
        "allegedViolation": "   ",
        "evidence": "",
        "source": "INTERVIEW"
    } });
    let body = app.as_user("team1", CREATE, input.clone()).await;
    assert_code(&body, "BAD_USER_INPUT");
    let e = &body["errors"][0];
    let fields: Vec<&str> =
        e["extensions"]["errors"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["persons", "allegedViolation", "evidence"], "{body}");
    assert_eq!(e["extensions"]["field"], "persons", "the first field stays in `field`");
    for part in ["persons", "allegedViolation", "evidence"] {
        assert!(e["message"].as_str().unwrap().contains(part), "{body}");
    }
    assert_eq!(app.count("clues").await, before, "nothing was written");
    // In Chinese: each message, the same fields.
    let chinese: serde_json::Value = app
        .client()
        .post(app.url("/graphql"))
        .bearer_auth(app.token("team1").await)
        .header("accept-language", "zh-CN")
        .json(&json!({ "query": CREATE, "variables": input }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let zh = &chinese["errors"][0]["extensions"]["errors"];
    assert_eq!(zh.as_array().unwrap().len(), 3, "{chinese}");
    assert!(zh[1]["message"].as_str().unwrap().chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{chinese}");
    // One error alone is listed too, so a client reads `errors` always.
    let one = app
        .as_user(
            "team1",
            CREATE,
            json!({ "i": {
                "inspectionId": inspection,
                "persons": [{ "name": "某", "rank": "SECTION_LEVEL", "position": "科长" }],
                "allegedViolation": "违规", "evidence": "", "source": "INTERVIEW"
            } }),
        )
        .await;
    assert_eq!(
        one["errors"][0]["extensions"]["errors"],
        json!([{ "field": "evidence", "message": "must not be empty" }]),
        "{one}"
    );
    // A user's three fields at once.
    let user = app
        .as_user(
            "office",
            "mutation($i: CreateUserInput!) { createUser(input: $i) { user { id } } }",
            json!({ "i": { "username": "no spaces allowed", "displayName": "", "password": "short" } }),
        )
        .await;
    let fields: Vec<&str> = user["errors"][0]["extensions"]["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields.len(), 3, "{user}");
    assert_eq!(fields[..2], ["username", "displayName"], "{user}");
}
