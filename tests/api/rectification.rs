//! Rectification tasks: the unit works them, the office strikes them off or returns them; the
//! unit never closes its own, never reaches another unit's, and concurrent verdicts end in one.

use serde_json::{Value, json};
use tests::{TestApp, assert_code, gid};

async fn recommendation_of(app: &TestApp, account: &str) -> String {
    let unit = app.org_of(account).await;
    gid(
        "Recommendation",
        app.first_id(&format!(
            "SELECT r.id FROM recommendations r JOIN inspections i ON i.id = r.inspection_id WHERE i.unit_id = {unit} AND i.status IN ('FEEDBACK_GIVEN', 'RECTIFYING') ORDER BY r.id"
        ))
        .await,
    )
}

/// Sets a unit a rectification task answering one of its recommendations.
const CREATE_TASK: &str = r#"mutation($i: CreateRectificationTaskInput!) {
  createRectificationTask(input: $i) { rectificationTask { id status } }
}"#;

async fn new_task(app: &TestApp, recommendation: &str, deadline: &str) -> String {
    let d = app
        .data(
            "office",
            CREATE_TASK,
            json!({ "i": { "recommendationId": recommendation, "content": "修订财务制度", "responsiblePerson": "周书记", "deadline": deadline } }),
        )
        .await;
    assert_eq!(d["createRectificationTask"]["rectificationTask"]["status"], "ASSIGNED");
    d["createRectificationTask"]["rectificationTask"]["id"].as_str().unwrap().to_owned()
}

async fn step(app: &TestApp, who: &str, op: &str, input: Value) -> Value {
    let t = op[..1].to_uppercase() + &op[1..];
    app.as_user(
        who,
        &format!(
            "mutation($i: {t}Input!) {{ {op}(input: $i) {{ rectificationTask {{ status returnCount version }} }} }}"
        ),
        json!({ "i": input }),
    )
    .await
}

/// Reports progress on a rectification task.
const REPORT_PROGRESS: &str = r#"mutation($i: ReportRectificationProgressInput!) {
  reportRectificationProgress(input: $i) { progressReport { id } }
}"#;

/// A task's status, how often and why it was returned, and its progress reports.
const TASK_HISTORY: &str = r#"query($t: ID!) {
  node(id: $t) {
    ... on RectificationTask {
      status returnCount returnReason
      progressReports { content }
    }
  }
}"#;

#[tokio::test]
async fn a_task_is_worked_by_the_unit_and_struck_off_or_returned_by_the_office() {
    let app = TestApp::spawn().await;
    let id = new_task(&app, &recommendation_of(&app, "unit1").await, "2027-06-30").await;
    let before = app.digest().await;
    for (who, op) in [
        ("unit1", "submitRectificationTask"),
        ("office", "closeRectificationTask"),
        ("office", "returnRectificationTask"),
    ] {
        let mut input = json!({ "id": id });
        if op == "returnRectificationTask" {
            input["reason"] = json!("x");
        }
        assert_code(&step(&app, who, op, input).await, "INVALID_TRANSITION");
    }
    tests::assert_unchanged(&app.digest().await, &before);
    assert!(step(&app, "unit1", "startRectificationTask", json!({ "id": id })).await.get("errors").is_none());
    let report = app
        .as_user("unit1", REPORT_PROGRESS, json!({ "i": { "taskId": id, "content": "已修订制度，附会议纪要" } }))
        .await;
    assert!(report.get("errors").is_none(), "{report}");
    assert!(step(&app, "unit1", "submitRectificationTask", json!({ "id": id })).await.get("errors").is_none());
    // The unit never closes its own task.
    assert_code(&step(&app, "unit1", "closeRectificationTask", json!({ "id": id })).await, "FORBIDDEN");
    // Returned: a second round, counted.
    assert_code(
        &step(&app, "office", "returnRectificationTask", json!({ "id": id, "reason": " " })).await,
        "BAD_USER_INPUT",
    );
    let body = step(&app, "office", "returnRectificationTask", json!({ "id": id, "reason": "佐证材料不足" })).await;
    assert_eq!(body["data"]["returnRectificationTask"]["rectificationTask"]["returnCount"], 1);
    assert!(step(&app, "unit1", "startRectificationTask", json!({ "id": id })).await.get("errors").is_none());
    assert!(step(&app, "unit1", "submitRectificationTask", json!({ "id": id })).await.get("errors").is_none());
    let body = step(&app, "office", "closeRectificationTask", json!({ "id": id })).await;
    assert_eq!(body["data"]["closeRectificationTask"]["rectificationTask"]["status"], "CLOSED");
    let seen = app.data("unit1", TASK_HISTORY, json!({ "t": id })).await;
    assert_eq!(seen["node"]["returnCount"], 1);
    assert_eq!(seen["node"]["progressReports"].as_array().unwrap().len(), 1);
}

/// Strikes a submitted task off.
const CLOSE_TASK: &str = r#"mutation($i: CloseRectificationTaskInput!) {
  closeRectificationTask(input: $i) { rectificationTask { status } }
}"#;

/// Returns a submitted task to the unit, with the reason.
const RETURN_TASK: &str = r#"mutation($i: ReturnRectificationTaskInput!) {
  returnRectificationTask(input: $i) { rectificationTask { status } }
}"#;

/// A task's status and version.
const TASK_STATUS_AND_VERSION: &str = r#"query($t: ID!) {
  node(id: $t) { ... on RectificationTask { status version } }
}"#;

#[tokio::test]
async fn two_verdicts_at_once_end_in_one_consistent_state() {
    let app = TestApp::spawn().await;
    let id = new_task(&app, &recommendation_of(&app, "unit1").await, "2027-06-30").await;
    step(&app, "unit1", "startRectificationTask", json!({ "id": id })).await;
    step(&app, "unit1", "submitRectificationTask", json!({ "id": id })).await;
    let office = app.token("office").await;
    let close = app.gql(Some(&office), CLOSE_TASK, json!({ "i": { "id": id } }));
    let ret = app.gql(Some(&office), RETURN_TASK, json!({ "i": { "id": id, "reason": "再改" } }));
    let (a, b) = tokio::join!(close, ret);
    let codes = [tests::code(&a), tests::code(&b)];
    assert_eq!(codes.iter().filter(|c| c.is_none()).count(), 1, "exactly one verdict wins: {a} {b}");
    assert!(codes.iter().flatten().all(|c| *c == "CONFLICT" || *c == "INVALID_TRANSITION"), "{a} {b}");
    let status = app.data("office", TASK_STATUS_AND_VERSION, json!({ "t": id })).await;
    let won = if a.get("errors").is_none() { "CLOSED" } else { "RETURNED" };
    assert_eq!(status["node"]["status"], won);
    assert_eq!(status["node"]["version"], 4);
}

/// The caller's tasks, how many of them are overdue, and one task by its id.
const TASKS_OVERDUE_AND_BY_ID: &str = r#"query($t: ID!) {
  rectificationTasks(first: 100) { totalCount nodes { id overdue } }
  overdue: rectificationTasks(filter: { overdue: true }) { totalCount }
  node(id: $t) { id }
}"#;

#[tokio::test]
async fn unit1_never_reaches_unit2s_tasks_and_overdue_tasks_are_listed_as_such() {
    let app = TestApp::spawn().await;
    let unit2_rec = {
        let unit = app.org_of("unit2").await;
        gid(
            "Recommendation",
            app.first_id(&format!("SELECT r.id FROM recommendations r JOIN inspections i ON i.id = r.inspection_id WHERE i.unit_id = {unit} AND i.status = 'CLOSED' ORDER BY r.id")).await,
        )
    };
    let theirs = {
        // unit2's released round-2 inspection is closed: put it back to rectifying for the test.
        app.sql(&format!("UPDATE inspections SET status = 'RECTIFYING' WHERE id = (SELECT inspection_id FROM recommendations WHERE id = {})", tests::row_of(&unit2_rec))).await;
        new_task(&app, &unit2_rec, "2027-03-31").await
    };
    let mine = new_task(&app, &recommendation_of(&app, "unit1").await, "2027-03-31").await;
    // Make one of unit1's overdue.
    app.sql(&format!("UPDATE rectification_tasks SET deadline = '2020-01-01' WHERE id = {}", tests::row_of(&mine)))
        .await;
    let unit1 = app.org_of("unit1").await;
    let own = app
        .count_where(
            "rectification_tasks",
            &format!("inspection_id IN (SELECT id FROM inspections WHERE unit_id = {unit1})"),
        )
        .await;
    let own_overdue = app
        .count_where(
            "rectification_tasks",
            &format!("inspection_id IN (SELECT id FROM inspections WHERE unit_id = {unit1}) AND status <> 'CLOSED' AND deadline < '{}'", tests::today()),
        )
        .await;
    let body = app.data("unit1", TASKS_OVERDUE_AND_BY_ID, json!({ "t": theirs })).await;
    assert_eq!(body["rectificationTasks"]["totalCount"], own);
    let nodes = body["rectificationTasks"]["nodes"].as_array().unwrap();
    assert!(nodes.iter().any(|n| n["id"] == mine.as_str() && n["overdue"] == true));
    assert!(!nodes.iter().any(|n| n["id"] == theirs.as_str()));
    assert_eq!(body["overdue"]["totalCount"], own_overdue);
    assert!(own_overdue >= 1);
    assert!(body["node"].is_null());
    let before = app.digest().await;
    assert_code(&step(&app, "unit1", "startRectificationTask", json!({ "id": theirs })).await, "NOT_FOUND");
    tests::assert_unchanged(&app.digest().await, &before);
    // The office sees all; a team sees its own units' only.
    let office = app.data("office", "{ rectificationTasks { totalCount } }", json!({})).await;
    assert_eq!(office["rectificationTasks"]["totalCount"], app.count("rectification_tasks").await);
    let team2 = app.org_of("team2").await;
    let theirs_count = app
        .count_where(
            "rectification_tasks",
            &format!("inspection_id IN (SELECT id FROM inspections WHERE team_id = {team2})"),
        )
        .await;
    let seen = app.data("team2", "{ rectificationTasks { totalCount } }", json!({})).await;
    assert_eq!(seen["rectificationTasks"]["totalCount"], theirs_count);
}

/// A page of tasks with their recommendations, progress reports and evidence.
const TASKS_PAGE: &str = r#"query($n: Int) {
  rectificationTasks(first: $n) {
    totalCount
    edges {
      node {
        status overdue evidenceCount
        recommendation {
          content
          findings { description }
          rectificationTasks { id }
        }
        progressReports {
          content
          task { id }
          evidence { sha256 progressReport { id } }
        }
      }
    }
  }
}"#;

#[tokio::test]
async fn a_page_of_tasks_with_their_recommendations_and_progress_runs_a_fixed_number_of_statements() {
    let app = TestApp::spawn().await;
    let rec = recommendation_of(&app, "unit1").await;
    for _ in 0..3 {
        new_task(&app, &rec, "2027-06-30").await;
    }
    let unit = app.token("unit1").await;
    let (_, few) = app.count_statements(app.gql(Some(&unit), TASKS_PAGE, json!({ "n": 3 }))).await;
    for _ in 0..5 {
        app.sql("INSERT INTO rectification_tasks (inspection_id, recommendation_id, content, responsible_person, deadline, fix_at_once, status, return_count, return_reason, closed_at, created_at, updated_at, version) SELECT inspection_id, recommendation_id, content, responsible_person, deadline, fix_at_once, status, return_count, return_reason, closed_at, created_at, updated_at, 1 FROM rectification_tasks").await;
    }
    let (body, many) = app.count_statements(app.gql(Some(&unit), TASKS_PAGE, json!({ "n": 90 }))).await;
    assert_eq!(body["data"]["rectificationTasks"]["edges"].as_array().unwrap().len(), 90);
    assert_eq!(few, many);
}

/// Records a regulation the unit made or revised, answering with what was recorded.
const RECORD_REGULATION: &str = r#"mutation($i: RecordRegulationInput!) {
  recordRegulation(input: $i) { regulation { id title category isNew } }
}"#;

#[tokio::test]
async fn a_unit_records_the_regulations_it_built_and_only_for_its_own_released_record() {
    let app = TestApp::spawn().await;
    let unit1 = app.org_of("unit1").await;
    let released = gid(
        "Inspection",
        app.first_id(&format!("SELECT inspection_id AS id FROM feedbacks WHERE released_at IS NOT NULL AND inspection_id IN (SELECT id FROM inspections WHERE unit_id = {unit1}) ORDER BY inspection_id")).await,
    );
    let ok = app
        .data("unit1", RECORD_REGULATION, json!({ "i": { "inspectionId": released, "title": "“三重一大”决策制度", "category": "PARTY_BUILDING", "isNew": false, "effectiveOn": tests::today() } }))
        .await;
    assert_eq!(ok["recordRegulation"]["regulation"]["isNew"], false);
    let before = app.digest().await;
    // Not on another unit's inspection, nor on its own before release, nor dated in the future.
    let unit2 = app.org_of("unit2").await;
    let theirs = gid(
        "Inspection",
        app.first_id(&format!("SELECT id FROM inspections WHERE unit_id = {unit2} AND status = 'CLOSED' ORDER BY id"))
            .await,
    );
    assert_code(&app.as_user("unit1", RECORD_REGULATION, json!({ "i": { "inspectionId": theirs, "title": "x", "category": "OTHER", "effectiveOn": tests::today() } })).await, "NOT_FOUND");
    let unit2_reported = gid(
        "Inspection",
        app.first_id(&format!(
            "SELECT id FROM inspections WHERE unit_id = {unit2} AND status = 'REPORTED' ORDER BY id"
        ))
        .await,
    );
    assert_code(&app.as_user("unit2", RECORD_REGULATION, json!({ "i": { "inspectionId": unit2_reported, "title": "x", "category": "OTHER", "effectiveOn": tests::today() } })).await, "NOT_FOUND");
    assert_code(&app.as_user("unit1", RECORD_REGULATION, json!({ "i": { "inspectionId": released, "title": "x", "category": "OTHER", "effectiveOn": "2999-01-01" } })).await, "BAD_USER_INPUT");
    tests::assert_unchanged(&app.digest().await, &before);
    // unit2 never sees unit1's regulation; the office does.
    let id = ok["recordRegulation"]["regulation"]["id"].clone();
    assert!(app.data("unit2", "query($r: ID!) { node(id: $r) { id } }", json!({ "r": id })).await["node"].is_null());
    let unit2_own = app
        .count_where("regulations", &format!("inspection_id IN (SELECT id FROM inspections WHERE unit_id = {unit2})"))
        .await;
    assert_eq!(
        app.data("unit2", "{ regulations { totalCount } }", json!({})).await["regulations"]["totalCount"],
        unit2_own
    );
    assert!(!app.data("office", "query($r: ID!) { node(id: $r) { id } }", json!({ "r": id })).await["node"].is_null());
}

/// A page of tasks, by the filter and order given.
const TASKS_FILTERED: &str = r#"query($f: RectificationTaskFilter, $o: RectificationTaskOrder, $a: String) {
  rectificationTasks(first: 7, after: $a, filter: $f, orderBy: $o) {
    totalCount nodes { id status deadline content } pageInfo { endCursor hasNextPage }
  }
}"#;

async fn every_task(app: &TestApp, filter: Value, order: &str) -> Vec<Value> {
    let (mut all, mut after) = (Vec::new(), Value::Null);
    loop {
        let page = app.data("office", TASKS_FILTERED, json!({ "f": filter, "o": order, "a": after })).await["rectificationTasks"].clone();
        all.extend(page["nodes"].as_array().unwrap().iter().cloned());
        if !page["pageInfo"]["hasNextPage"].as_bool().unwrap() {
            return all;
        }
        after = page["pageInfo"]["endCursor"].clone();
    }
}

#[tokio::test]
async fn the_task_list_answers_several_states_a_deadline_range_a_text_and_three_orders() {
    let app = TestApp::spawn().await;
    let all = every_task(&app, json!({}), "DEADLINE_ASC").await;
    assert!(all.len() > 20);
    // Several states at once: exactly the union of each.
    let acting = every_task(&app, json!({ "statuses": ["ASSIGNED", "RETURNED"] }), "DEADLINE_ASC").await;
    let expected: Vec<&Value> = all.iter().filter(|t| t["status"] == "ASSIGNED" || t["status"] == "RETURNED").collect();
    assert_eq!(acting.iter().collect::<Vec<_>>(), expected);
    // A deadline range, both ends included.
    let days: Vec<&str> = all.iter().map(|t| t["deadline"].as_str().unwrap()).collect();
    let (from, to) = (days[days.len() / 4], days[days.len() / 2]);
    let ranged = every_task(&app, json!({ "deadlineAfter": from, "deadlineBefore": to }), "DEADLINE_ASC").await;
    assert_eq!(ranged.len(), days.iter().filter(|d| **d >= from && **d <= to).count());
    // Text search over the task's content.
    let word: String = all[0]["content"].as_str().unwrap().chars().take(4).collect();
    let found = every_task(&app, json!({ "search": word }), "DEADLINE_ASC").await;
    assert_eq!(found.len(), all.iter().filter(|t| t["content"].as_str().unwrap().contains(&word)).count());
    // Orders: stable over pages of seven, the same rows each way.
    let desc = every_task(&app, json!({}), "DEADLINE_DESC").await;
    let mut back: Vec<&str> = desc.iter().map(|t| t["deadline"].as_str().unwrap()).collect();
    back.reverse();
    assert_eq!(back, days);
    let newest = every_task(&app, json!({}), "CREATED_AT_DESC").await;
    assert_eq!(newest.len(), all.len());
    let ids = |v: &[Value]| {
        let mut ids: Vec<i32> = v.iter().map(|t| tests::row_of(t["id"].as_str().unwrap())).collect();
        ids.sort_unstable();
        ids
    };
    assert_eq!(ids(&newest), ids(&all));
    let newest_ids: Vec<i32> = newest.iter().map(|t| tests::row_of(t["id"].as_str().unwrap())).collect();
    assert!(newest_ids.windows(2).all(|w| w[0] > w[1]));
    // An empty list of states is a mistake, said so.
    let body = app.as_user("office", TASKS_FILTERED, json!({ "f": { "statuses": [] } })).await;
    tests::assert_code(&body, "BAD_USER_INPUT");
}

/// A task's progress reports through the list (read in the page's own statement) and through
/// `node` (read by their loader), every field of them.
const REPORTS_BOTH_WAYS: &str = r#"query($t: ID!) {
  rectificationTasks(first: 10, orderBy: CREATED_AT_DESC) {
    nodes { id progressReports { __typename id content createdAt version withdrawnAt withdrawalReason task { id } } }
  }
  node(id: $t) {
    ... on RectificationTask {
      progressReports { __typename id content createdAt version withdrawnAt withdrawalReason task { id } }
    }
  }
}"#;

#[tokio::test]
async fn a_page_of_tasks_reads_their_progress_reports_as_their_loader_does() {
    let app = TestApp::spawn().await;
    let rec = recommendation_of(&app, "unit1").await;
    let task = new_task(&app, &rec, "2027-06-30").await;
    let started = step(&app, "unit1", "startRectificationTask", json!({ "id": task })).await;
    assert_eq!(started["data"]["startRectificationTask"]["rectificationTask"]["status"], "IN_PROGRESS", "{started}");
    // Text a JSON array must carry intact: quotes, backslashes, a line break, text that is JSON
    // itself, and characters beyond the basic plane.
    let awkward = ["引号\"与\\反斜杠\n第二行", "{\"a\": [1, 2]}", "null", "𠀀 and \u{1F600}", "已完成制度修订"];
    let mut ids = Vec::new();
    for content in awkward {
        let d = app.data("unit1", REPORT_PROGRESS, json!({ "i": { "taskId": task, "content": content } })).await;
        ids.push(d["reportRectificationProgress"]["progressReport"]["id"].as_str().unwrap().to_owned());
    }
    let withdrawn = app
        .as_user(
            "unit1",
            "mutation($i: WithdrawProgressReportInput!) { withdrawProgressReport(input: $i) { progressReport { id } } }",
            json!({ "i": { "id": ids[4], "reason": "误报" } }),
        )
        .await;
    assert!(withdrawn.get("errors").is_none(), "{withdrawn}");
    for account in ["unit1", "office"] {
        let d = app.data(account, REPORTS_BOTH_WAYS, json!({ "t": task })).await;
        let listed = d["rectificationTasks"]["nodes"].as_array().unwrap().iter().find(|n| n["id"] == task.as_str());
        let listed = &listed.unwrap_or_else(|| panic!("{account}: the task is not listed: {d}"))["progressReports"];
        let loaded = &d["node"]["progressReports"];
        // Oldest first, the withdrawn one in neither, each text as written.
        let contents: Vec<&str> = listed.as_array().unwrap().iter().map(|r| r["content"].as_str().unwrap()).collect();
        assert_eq!(contents, awkward[..4], "{account}: {listed}");
        assert_eq!(listed, loaded, "{account}: the list and the loader disagree");
    }
    // Every one of them, and the withdrawn one not counted, in the page's one statement.
    let unit = app.token("unit1").await;
    let (_, with) = app
        .count_statements(app.gql(
            Some(&unit),
            "{ rectificationTasks(first: 100) { nodes { id progressReports { id content } } } }",
            json!({}),
        ))
        .await;
    let (_, without) = app
        .count_statements(app.gql(Some(&unit), "{ rectificationTasks(first: 100) { nodes { id } } }", json!({})))
        .await;
    assert_eq!(with, without, "the progress reports took statements of their own");
}
