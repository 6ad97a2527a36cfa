//! Nested connections: an inspection's findings, clues, petitions, recommendations and tasks, a
//! round's and a unit's inspections, a clue's referrals — each the root list's rows for that
//! parent in the caller's scope, with the same `totalCount` and cursors the root list continues
//! after; counted and read in batches, logged when confidential rows are returned.

use serde_json::{Value, json};
use tests::TestApp;

/// The accounts of every kind of scope.
const ACCOUNTS: [&str; 10] =
    ["leader", "office", "team1", "team1.member", "team3.member", "agency1", "agency3", "unit1", "unit2", "unit3"];

/// An inspection's children, nested and from the root lists.
const CHILDREN: &str = r#"query($i: ID!) {
  node(id: $i) {
    ... on Inspection {
      findings(first: 5) { totalCount nodes { id } }
      clues(first: 5) { totalCount nodes { id } }
      petitions(first: 5) { totalCount nodes { id } }
      recommendations(first: 5) { totalCount nodes { id } }
      rectificationTasks(first: 5) { totalCount nodes { id } }
    }
  }
}"#;

/// The same lists from the root, narrowed to the inspection.
fn root_children(list: &str) -> String {
    format!("query($i: ID!) {{ {list}(first: 5, filter: {{ inspectionId: $i }}) {{ totalCount nodes {{ id }} }} }}")
}

/// A list's answer as the nested field gives it: refused is empty.
fn or_empty(body: &Value, list: &str) -> Value {
    match tests::code(body) {
        Some("FORBIDDEN") => json!({ "totalCount": 0, "nodes": [] }),
        _ => {
            assert!(body.get("errors").is_none(), "{list}: {body}");
            body["data"][list].clone()
        }
    }
}

#[tokio::test]
async fn nested_lists_are_the_root_lists_of_their_parent_for_every_account() {
    let app = TestApp::spawn().await;
    for who in ACCOUNTS {
        let visible = app.as_user(who, "{ inspections(first: 100) { nodes { id } } }", json!({})).await;
        let ids: Vec<String> = visible["data"]["inspections"]["nodes"]
            .as_array()
            .map(|a| a.iter().map(|n| n["id"].as_str().unwrap().to_owned()).collect())
            .unwrap_or_default();
        // A spread of the account's inspections: the first, the last and every seventh.
        for (n, id) in ids.iter().enumerate().filter(|(n, _)| n % 7 == 0 || *n + 1 == ids.len()) {
            let nested = app.data(who, CHILDREN, json!({ "i": id })).await["node"].clone();
            for list in ["findings", "clues", "petitions", "recommendations", "rectificationTasks"] {
                let root = or_empty(&app.as_user(who, &root_children(list), json!({ "i": id })).await, list);
                assert_eq!(nested[list], root, "{who} inspection #{n} {list}");
            }
        }
        // A round's inspections and a unit's.
        let rounds = app
            .as_user(
                who,
                "{ rounds(first: 100) { nodes { id inspections(first: 10) { totalCount nodes { id } } } } }",
                json!({}),
            )
            .await;
        for r in rounds["data"]["rounds"]["nodes"].as_array().cloned().unwrap_or_default() {
            let root = app
                .data(
                    who,
                    "query($r: ID!) { inspections(first: 10, filter: { roundId: $r }) { totalCount nodes { id } } }",
                    json!({ "r": r["id"] }),
                )
                .await;
            assert_eq!(r["inspections"], root["inspections"], "{who} round");
        }
        let units = app
            .as_user(who, "{ organizations(first: 100, filter: { kind: AUDITED_UNIT }) { nodes { id inspections(first: 10) { totalCount nodes { id } } } } }", json!({}))
            .await;
        for u in units["data"]["organizations"]["nodes"].as_array().cloned().unwrap_or_default().iter().take(30) {
            let root = or_empty(
                &app.as_user(
                    who,
                    "query($u: ID!) { inspections(first: 10, filter: { unitId: $u }) { totalCount nodes { id } } }",
                    json!({ "u": u["id"] }),
                )
                .await,
                "inspections",
            );
            assert_eq!(u["inspections"], root, "{who} unit");
        }
    }
    // A clue's referrals, for those who read clues.
    for who in ["office", "leader", "team1"] {
        let clues = app.data(who, "{ clues(first: 100, filter: { statuses: [REFERRED] }) { nodes { id referrals(first: 5) { totalCount nodes { id } } } } }", json!({})).await;
        let clues = clues["clues"]["nodes"].as_array().unwrap().clone();
        assert!(!clues.is_empty() || who == "team1", "{who}");
        for c in clues {
            let root = app
                .data(
                    who,
                    "query($c: ID!) { referrals(first: 5, filter: { clueId: $c }) { totalCount nodes { id } } }",
                    json!({ "c": c["id"] }),
                )
                .await;
            assert_eq!(c["referrals"], root["referrals"], "{who} clue");
        }
    }
}

#[tokio::test]
async fn a_nested_page_continues_on_the_root_list_after_its_last_cursor() {
    let app = TestApp::spawn().await;
    let first = app
        .data("office", "{ inspections(first: 1) { nodes { id findings(first: 2) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } } } }", json!({}))
        .await["inspections"]["nodes"][0]
        .clone();
    let nested = &first["findings"];
    assert_eq!(nested["pageInfo"]["hasNextPage"], true);
    let rest = app
        .data(
            "office",
            "query($i: ID!, $a: String) { findings(first: 100, after: $a, filter: { inspectionId: $i }) { nodes { id } } }",
            json!({ "i": first["id"], "a": nested["pageInfo"]["endCursor"] }),
        )
        .await;
    let mut ids: Vec<Value> = nested["edges"].as_array().unwrap().iter().map(|e| e["node"]["id"].clone()).collect();
    ids.extend(rest["findings"]["nodes"].as_array().unwrap().iter().map(|n| n["id"].clone()));
    let all = app
        .data(
            "office",
            "query($i: ID!) { findings(first: 100, filter: { inspectionId: $i }) { nodes { id } } }",
            json!({ "i": first["id"] }),
        )
        .await;
    let all: Vec<Value> = all["findings"]["nodes"].as_array().unwrap().iter().map(|n| n["id"].clone()).collect();
    assert_eq!(ids, all);
    assert_eq!(nested["totalCount"].as_u64().unwrap() as usize, all.len());
    // Out of range is refused as on the root list.
    let body = app
        .as_user("office", "{ inspections(first: 1) { nodes { findings(first: 101) { totalCount } } } }", json!({}))
        .await;
    tests::assert_code(&body, "BAD_USER_INPUT");
}

#[tokio::test]
async fn nested_clues_are_logged_as_read_when_returned_not_when_counted() {
    let app = TestApp::spawn().await;
    let user = app.row_id("users", "username", "team1").await;
    let condition = format!("user_id = {user} AND object_type = 'clue' AND action = 'read'");
    let logged = || app.count_where("access_log", &condition);
    let before = logged().await;
    let counted =
        app.data("team1", "{ inspections(first: 30) { nodes { clues(first: 5) { totalCount } } } }", json!({})).await;
    let total: i64 = counted["inspections"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["clues"]["totalCount"].as_i64().unwrap())
        .sum();
    assert!(total > 0);
    assert_eq!(logged().await, before, "counting clues logged reads");
    app.data("team1", "{ inspections(first: 30) { nodes { clues(first: 5) { nodes { id } } } } }", json!({})).await;
    assert_eq!(logged().await, before + total, "every clue returned is logged once");
}
