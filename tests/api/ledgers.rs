//! The .xlsx ledgers: authenticated, and scoped exactly like the API.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use serde_json::{Value, json};
use tests::{TestApp, gid};

/// The first sheet of a workbook as rows of cells.
fn rows(bytes: &[u8]) -> Vec<Vec<Data>> {
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes.to_vec())).expect("an .xlsx workbook");
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).expect("the first sheet");
    range.rows().map(|r| r.to_vec()).collect()
}

async fn get(app: &TestApp, who: Option<&str>, path: &str) -> (u16, Vec<u8>) {
    let mut r = app.client().get(app.url(path));
    if let Some(who) = who {
        r = r.bearer_auth(app.token(who).await);
    }
    let response = r.send().await.unwrap();
    let status = response.status().as_u16();
    if status == 200 {
        assert_eq!(
            response.headers()["content-type"],
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        );
    }
    (status, response.bytes().await.unwrap().to_vec())
}

/// The task ids (last column) of a rectification ledger.
fn task_ids(bytes: &[u8]) -> Vec<String> {
    let mut ids: Vec<String> = rows(bytes).iter().skip(1).map(|r| r.last().unwrap().to_string()).collect();
    ids.sort();
    ids
}

/// A page of the rectification tasks the caller can list, after a cursor.
const TASKS_PAGE: &str = r#"query($a: String) {
  rectificationTasks(first: 100, after: $a) {
    nodes { id }
    pageInfo { hasNextPage endCursor }
  }
}"#;

async fn listed_tasks(app: &TestApp, who: &str) -> Vec<String> {
    let mut ids = Vec::new();
    let mut after = Value::Null;
    loop {
        let d = app.data(who, TASKS_PAGE, json!({ "a": after })).await;
        ids.extend(
            d["rectificationTasks"]["nodes"].as_array().unwrap().iter().map(|n| n["id"].as_str().unwrap().to_owned()),
        );
        if d["rectificationTasks"]["pageInfo"]["hasNextPage"] != true {
            break;
        }
        after = d["rectificationTasks"]["pageInfo"]["endCursor"].clone();
    }
    ids.sort();
    ids
}

/// A unit's rectification tasks, and how many of them are of one round.
const UNIT_TASKS_AND_ROUND_COUNT: &str = r#"query($u: ID!, $r: ID!) {
  u: rectificationTasks(first: 100, filter: { unitId: $u }) { nodes { id } }
  ur: rectificationTasks(filter: { unitId: $u, roundId: $r }) { totalCount }
}"#;

/// An organization's name.
const ORGANIZATION_NAME: &str = "query($u: ID!) { node(id: $u) { ... on Organization { name } } }";

#[tokio::test]
async fn the_rectification_ledger_holds_exactly_the_tasks_the_caller_can_list() {
    let app = TestApp::spawn().await;
    for who in ["office", "leader", "team1", "unit1", "unit2", "unit3"] {
        let (status, bytes) = get(&app, Some(who), "/ledgers/rectification.xlsx").await;
        assert_eq!(status, 200, "{who}");
        assert_eq!(task_ids(&bytes), listed_tasks(&app, who).await, "{who}");
    }
    // One unit's list: the office may ask for any unit, a unit only for its own.
    let unit1 = gid("Organization", app.org_of("unit1").await);
    let unit2 = gid("Organization", app.org_of("unit2").await);
    let (status, own) = get(&app, Some("unit1"), &format!("/ledgers/rectification.xlsx?unitId={unit1}")).await;
    assert_eq!(status, 200);
    let (_, office_view) = get(&app, Some("office"), &format!("/ledgers/rectification.xlsx?unitId={unit1}")).await;
    assert_eq!(task_ids(&own), task_ids(&office_view));
    assert!(!task_ids(&own).is_empty());
    // The same list through the API's filters.
    let round = gid(
        "Round",
        app.first_id(&format!("SELECT round_id AS id FROM inspections WHERE unit_id = {}", app.org_of("unit1").await))
            .await,
    );
    let listed = app.data("office", UNIT_TASKS_AND_ROUND_COUNT, json!({ "u": unit1, "r": round })).await;
    let mut by_filter: Vec<String> =
        listed["u"]["nodes"].as_array().unwrap().iter().map(|n| n["id"].as_str().unwrap().to_owned()).collect();
    by_filter.sort();
    assert_eq!(by_filter, task_ids(&own));
    assert_eq!(listed["ur"]["totalCount"], json!(by_filter.len()));
    let sheet = rows(&own);
    assert!(sheet[0][0].to_string().contains("No."));
    let unit_name = app.data("unit1", ORGANIZATION_NAME, json!({ "u": unit1 })).await;
    let unit_name = unit_name["node"]["name"].as_str().unwrap();
    assert!(sheet.iter().skip(1).all(|r| r[1] == Data::String(unit_name.to_owned())));
    // unit2's list is a missing unit to unit1, exactly as a unit that does not exist.
    let (status, theirs) = get(&app, Some("unit1"), &format!("/ledgers/rectification.xlsx?unitId={unit2}")).await;
    let (missing_status, missing) =
        get(&app, Some("unit1"), &format!("/ledgers/rectification.xlsx?unitId={}", gid("Organization", 999_999))).await;
    assert_eq!((status, missing_status), (404, 404));
    assert_eq!(theirs, missing);
    // An agency that does not supervise rectification reads no task; no token is unauthenticated;
    // a bad id is bad input.
    let (status, none) = get(&app, Some("agency3"), "/ledgers/rectification.xlsx").await;
    assert_eq!(status, 200);
    assert!(task_ids(&none).is_empty());
    assert_eq!(get(&app, None, "/ledgers/rectification.xlsx").await.0, 401);
    assert_eq!(get(&app, Some("office"), "/ledgers/rectification.xlsx?unitId=nope").await.0, 400);
    // A misspelt or repeated parameter is refused, never ignored; a team is not a unit.
    for query in [format!("unitid={unit1}"), format!("unitId={unit1}&unitId={unit2}")] {
        let (status, body) = get(&app, Some("office"), &format!("/ledgers/rectification.xlsx?{query}")).await;
        assert_eq!(status, 400, "{query}");
        let body: Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT");
    }
    let team = gid("Organization", app.org_of("team1").await);
    assert_eq!(get(&app, Some("office"), &format!("/ledgers/rectification.xlsx?unitId={team}")).await.0, 404);
}

/// The figures of the statistics ledger, as the API gives them.
const LEDGER_STATISTICS: &str = r#"{
  statistics {
    rounds inspections findings politicalFindings clues recommendations casesFiled
    personsDisciplined divisionLevelDisciplined interviewSessions unitsInterviewed regulations
  }
}"#;

#[tokio::test]
async fn the_statistics_ledger_is_the_callers_statistics() {
    let app = TestApp::spawn().await;
    let labels = [
        ("Rounds", "rounds"),
        ("Inspections", "inspections"),
        ("Findings", "findings"),
        ("Political findings", "politicalFindings"),
        ("Clues found", "clues"),
        ("Recommendations", "recommendations"),
        ("Cases filed", "casesFiled"),
        ("Persons disciplined", "personsDisciplined"),
        ("Of them division-level", "divisionLevelDisciplined"),
        ("Interview sessions", "interviewSessions"),
        ("Units interviewed", "unitsInterviewed"),
        ("Regulations", "regulations"),
    ];
    for who in ["leader", "team1", "unit1", "agency1"] {
        let s = app.data(who, LEDGER_STATISTICS, json!({})).await["statistics"].clone();
        let (status, bytes) = get(&app, Some(who), "/ledgers/statistics.xlsx").await;
        assert_eq!(status, 200, "{who}");
        let sheet = rows(&bytes);
        for (label, field) in labels {
            let row = sheet.iter().find(|r| r[0].to_string().ends_with(label)).unwrap_or_else(|| panic!("{label}"));
            let cell = match &row[1] {
                Data::Float(f) => json!(*f as i64),
                Data::Int(i) => json!(i),
                _ => Value::Null,
            };
            assert_eq!(cell, s[field], "{who}: {label}");
        }
    }
    // The leadership's sheet has the article's figures, a column per round after the total.
    let (_, bytes) = get(&app, Some("leader"), "/ledgers/statistics.xlsx").await;
    let sheet = rows(&bytes);
    assert_eq!(sheet[0].len(), 1 + 1 + 6);
    let findings = sheet.iter().find(|r| r[0].to_string().ends_with("Findings")).unwrap();
    assert_eq!(findings[1], Data::Float(1742.0));
    let per_round: f64 = findings[2..].iter().map(|c| if let Data::Float(f) = c { *f } else { 0.0 }).sum();
    assert_eq!(per_round, 1742.0);
    // A round the caller cannot see is missing; no token is unauthenticated.
    let round1 = gid("Round", app.first_id("SELECT id FROM rounds ORDER BY id").await);
    assert_eq!(get(&app, Some("unit1"), &format!("/ledgers/statistics.xlsx?roundId={round1}")).await.0, 404);
    assert_eq!(get(&app, Some("leader"), &format!("/ledgers/statistics.xlsx?roundId={round1}")).await.0, 200);
    assert_eq!(get(&app, None, "/ledgers/statistics.xlsx").await.0, 401);
}

#[tokio::test]
async fn a_ledger_runs_the_same_statements_for_ten_rows_as_for_thousands() {
    let app = TestApp::spawn().await;
    for who in ["unit1", "office"] {
        get(&app, Some(who), "/ledgers/rectification.xlsx").await;
    }
    let (_, few) = app.count_statements(get(&app, Some("unit1"), "/ledgers/rectification.xlsx")).await;
    let (_, all) = app.count_statements(get(&app, Some("office"), "/ledgers/rectification.xlsx")).await;
    for _ in 0..3 {
        app.sql("INSERT INTO rectification_tasks (inspection_id, recommendation_id, content, responsible_person, deadline, fix_at_once, status, return_count, return_reason, closed_at, created_at, updated_at, version) SELECT inspection_id, recommendation_id, content, responsible_person, deadline, fix_at_once, status, return_count, return_reason, closed_at, created_at, updated_at, 1 FROM rectification_tasks").await;
    }
    let ((_, sheet), many) = app.count_statements(get(&app, Some("office"), "/ledgers/rectification.xlsx")).await;
    assert!(rows(&sheet).len() > 3000);
    assert_eq!(few, many);
    assert_eq!(all, many);
}

#[tokio::test]
async fn the_ledgers_say_each_task_state_with_the_schemas_word() {
    let app = TestApp::spawn().await;
    let sdl = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../api/schema.graphql")).unwrap();
    let task_status = &sdl[sdl.find("enum TaskStatus").unwrap()..];
    let task_status = &task_status[..task_status.find('}').unwrap()];
    let (status, bytes) = get(&app, Some("office"), "/ledgers/rectification.xlsx").await;
    assert_eq!(status, 200);
    let states: std::collections::BTreeSet<String> = rows(&bytes).iter().skip(1).map(|r| r[8].to_string()).collect();
    assert!(states.len() >= 4, "{states:?}");
    for cell in &states {
        // "已交办 ASSIGNED": the word, then the value.
        let (word, value) = cell.split_once(' ').unwrap();
        let described = task_status
            .split("\"\"\"")
            .collect::<Vec<_>>()
            .windows(2)
            .any(|w| w[0].contains(word) && w[1].trim_start().starts_with(value));
        assert!(described, "{cell}: the schema describes {value} with another word");
    }
}
