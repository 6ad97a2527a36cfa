//! After the feedback: the unit owns its rectification. It writes its plan (the office approves or
//! returns it; versions kept; tasks follow), files its two reports, due two months after the
//! feedback on the district's days; the supervising agencies read and annotate it and nothing
//! else; the office evaluates it and approves its public version, which anyone reads without
//! logging in (and nothing else); the round's summary is circulated to its units; a follow-up
//! reopens a task; a team's fix-at-once notice reaches the unit while it is stationed.

use std::collections::BTreeSet;

use serde_json::{Value, json};
use tests::{Options, TestApp, assert_code, gid, local_day, row_of};

/// Runs one mutation, `op`, with `input`, answering `__typename` only.
async fn step(app: &TestApp, who: &str, op: &str, input: Value) -> Value {
    let t = op[..1].to_uppercase() + &op[1..];
    app.as_user(who, &format!("mutation($i: {t}Input!) {{ {op}(input: $i) {{ __typename }} }}"), json!({ "i": input }))
        .await
}

/// Runs one mutation that must succeed.
async fn ok(app: &TestApp, who: &str, op: &str, input: Value) {
    let body = step(app, who, op, input).await;
    assert!(body.get("errors").is_none(), "{who} {op}: {body}");
}

/// Runs one mutation that must be refused with `code`, changing nothing; answers the message.
async fn refused(app: &TestApp, who: &str, op: &str, input: Value, code: &str) -> String {
    let before = app.digest().await;
    let body = step(app, who, op, input).await;
    assert_code(&body, code);
    tests::assert_unchanged(&app.digest().await, &before);
    body["errors"][0]["message"].as_str().unwrap_or_default().to_owned()
}

/// A plan with its lines, versions and the tasks they became.
const PLAN: &str = r#"query($p: ID!) {
  node(id: $p) {
    ... on RectificationPlan {
      status summary dueOn overdue submissionCount officeComment version
      items { id content finding { id } recommendation { id } task { id status measures responsibleLeader } }
      versions { number outcome comment items { content findingId recommendationId } }
      inspection { id }
    }
  }
}"#;

async fn plan(app: &TestApp, who: &str, id: &str) -> Value {
    app.data(who, PLAN, json!({ "p": id })).await["node"].clone()
}

#[tokio::test]
async fn the_unit_writes_its_plan_the_office_returns_and_approves_it_and_tasks_follow() {
    let app = TestApp::spawn().await;
    let r = app.released_at("unit1").await;
    // Opened by the release, due fifteen of the district's days later.
    let p = plan(&app, "unit1", &r.plan).await;
    assert_eq!(p["status"], "DRAFTING");
    assert_eq!(p["dueOn"], local_day(15));
    assert_eq!(p["overdue"], false);
    assert_eq!(p["inspection"]["id"], r.inspection.as_str());

    // The unit writes it, not the office nor the team.
    refused(&app, "office", "updateRectificationPlan", json!({ "id": r.plan, "summary": "x" }), "FORBIDDEN").await;
    refused(&app, "team1", "addRectificationPlanItem", json!({ "planId": r.plan, "line": r.line() }), "FORBIDDEN")
        .await;
    // Not another unit's: its plan looks missing.
    refused(&app, "unit2", "updateRectificationPlan", json!({ "id": r.plan, "summary": "x" }), "NOT_FOUND").await;

    // Without a summary, and with what the feedback carries unanswered, it cannot be submitted;
    // the refusal names what is missing.
    let why = refused(&app, "unit1", "submitRectificationPlan", json!({ "id": r.plan }), "INVALID_TRANSITION").await;
    assert!(why.contains("summary"), "{why}");
    ok(&app, "unit1", "updateRectificationPlan", json!({ "id": r.plan, "summary": "成立整改领导小组" })).await;
    let why = refused(&app, "unit1", "submitRectificationPlan", json!({ "id": r.plan }), "INVALID_TRANSITION").await;
    assert!(why.contains(&r.recommendation) && why.contains(&r.finding), "{why}");
    let mut line = r.line();
    line.as_object_mut().unwrap().remove("findingId");
    let item = app
        .run(
            "unit1",
            "addRectificationPlanItem",
            json!({ "planId": r.plan, "line": line }),
            "{ rectificationPlanItem { id } }",
        )
        .await["rectificationPlanItem"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let why = refused(&app, "unit1", "submitRectificationPlan", json!({ "id": r.plan }), "INVALID_TRANSITION").await;
    assert!(why.contains(&r.finding) && !why.contains(&r.recommendation), "{why}");
    // A line must answer what this plan's feedback carries.
    let other = app.released_at("unit1").await;
    let mut foreign = r.line();
    foreign["recommendationId"] = json!(other.recommendation);
    refused(&app, "unit1", "addRectificationPlanItem", json!({ "planId": r.plan, "line": foreign }), "BAD_USER_INPUT")
        .await;
    ok(&app, "unit1", "updateRectificationPlanItem", json!({ "id": item, "line": r.line() })).await;
    ok(&app, "unit1", "submitRectificationPlan", json!({ "id": r.plan })).await;
    refused(&app, "unit1", "updateRectificationPlan", json!({ "id": r.plan, "summary": "x" }), "INVALID_TRANSITION")
        .await;

    // The office returns it with comments (required), and the unit revises it.
    refused(&app, "office", "returnRectificationPlan", json!({ "id": r.plan }), "BAD_USER_INPUT").await;
    ok(&app, "office", "returnRectificationPlan", json!({ "id": r.plan, "comment": "措施不具体" })).await;
    let p = plan(&app, "unit1", &r.plan).await;
    assert_eq!(p["status"], "RETURNED");
    assert_eq!(p["versions"][0]["outcome"], "RETURNED");
    assert_eq!(p["versions"][0]["comment"], "措施不具体");
    let mut revised = r.line();
    revised["content"] = json!("清退全部超标准接待费用并通报");
    ok(&app, "unit1", "updateRectificationPlanItem", json!({ "id": item, "line": revised })).await;
    ok(&app, "unit1", "submitRectificationPlan", json!({ "id": r.plan })).await;

    // Approved: its line becomes the unit's task; both versions are kept as submitted.
    ok(&app, "office", "approveRectificationPlan", json!({ "id": r.plan })).await;
    let p = plan(&app, "unit1", &r.plan).await;
    assert_eq!(p["status"], "APPROVED");
    assert_eq!(p["submissionCount"], 2);
    let versions = p["versions"].as_array().unwrap();
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[0]["items"][0]["content"], "清退超标准接待费用");
    assert_eq!(versions[1]["items"][0]["content"], "清退全部超标准接待费用并通报");
    assert_eq!(versions[1]["outcome"], "APPROVED");
    let task = &p["items"][0]["task"];
    assert_eq!(task["status"], "ASSIGNED");
    assert_eq!(task["measures"], "修订接待管理办法");
    assert_eq!(task["responsibleLeader"], "周书记");
    let listed = app
        .data(
            "unit1",
            "query($i: ID!) { rectificationTasks(filter: { inspectionId: $i }) { totalCount nodes { id } } }",
            json!({ "i": r.inspection }),
        )
        .await;
    assert_eq!(listed["rectificationTasks"]["totalCount"], 1);
    assert_eq!(listed["rectificationTasks"]["nodes"][0]["id"], task["id"]);
    // The plan is closed to changes, and another unit does not see it.
    refused(&app, "unit1", "deleteRectificationPlanItem", json!({ "id": item }), "INVALID_TRANSITION").await;
    let seen = app.data("unit2", "query($p: ID!) { node(id: $p) { id } }", json!({ "p": r.plan })).await;
    assert!(seen["node"].is_null());
    let count = app
        .data(
            "unit2",
            "query($i: ID!) { rectificationPlans(filter: { inspectionId: $i }) { totalCount } }",
            json!({ "i": r.inspection }),
        )
        .await;
    assert_eq!(count["rectificationPlans"]["totalCount"], 0);
}

#[tokio::test]
async fn once_the_inspection_is_closed_the_units_plan_and_reports_are_final() {
    let app = TestApp::spawn().await;
    let r = app.planned_at("unit1", false).await;
    app.run("unit1", "updateRectificationReport", json!({ "id": r.report, "body": "整改情况" }), "{ __typename }")
        .await;
    app.sql(&format!("UPDATE inspections SET status = 'CLOSED' WHERE id = {}", row_of(&r.inspection))).await;
    let offered = app
        .data("unit1", "query($p: ID!, $r: ID!) { p: node(id: $p) { ... on RectificationPlan { availableTransitions } } r: node(id: $r) { ... on RectificationReport { availableTransitions } } }", json!({ "p": r.plan, "r": r.report }))
        .await;
    assert_eq!(offered, json!({ "p": { "availableTransitions": [] }, "r": { "availableTransitions": [] } }));
    refused(&app, "unit1", "updateRectificationPlan", json!({ "id": r.plan, "summary": "x" }), "INVALID_TRANSITION")
        .await;
    refused(
        &app,
        "unit1",
        "addRectificationPlanItem",
        json!({ "planId": r.plan, "line": r.line() }),
        "INVALID_TRANSITION",
    )
    .await;
    refused(&app, "unit1", "submitRectificationPlan", json!({ "id": r.plan }), "INVALID_TRANSITION").await;
    refused(&app, "unit1", "updateRectificationReport", json!({ "id": r.report, "body": "x" }), "INVALID_TRANSITION")
        .await;
    refused(&app, "unit1", "submitRectificationReport", json!({ "id": r.report }), "INVALID_TRANSITION").await;
}

/// A plan's and a report's due day and overdue flag.
const DUE: &str = r#"query($p: ID!, $r: ID!) {
  plan: node(id: $p) { ... on RectificationPlan { dueOn overdue } }
  report: node(id: $r) { ... on RectificationReport { dueOn overdue } }
  plans: rectificationPlans(first: 100, filter: { overdue: true }) { nodes { id } }
  reports: rectificationReports(first: 100, filter: { overdue: true }) { nodes { id } }
}"#;

#[tokio::test]
async fn plans_and_reports_are_due_after_the_districts_periods_and_turn_overdue_on_its_days() {
    let vars = vec![("RECTIFICATION_PLAN_DAYS", "5".into()), ("RECTIFICATION_REPORT_MONTHS", "3".into())];
    let app = TestApp::spawn_with(Options { vars, ..Default::default() }).await;
    let r = app.released_at("unit1").await;
    let due = app.data("office", DUE, json!({ "p": r.plan, "r": r.report })).await;
    assert_eq!(due["plan"]["dueOn"], local_day(5));
    let today: chrono::NaiveDate = local_day(0).parse().unwrap();
    let three_months = today.checked_add_months(chrono::Months::new(3)).unwrap().to_string();
    assert_eq!(due["report"]["dueOn"], three_months);
    assert_eq!(due["plan"]["overdue"], false);
    // Due today in the district: not yet overdue; due yesterday: overdue, for every role that
    // sees it, in the lists' filter too.
    let (plan, report) = (row_of(&r.plan), row_of(&r.report));
    app.sql(&format!("UPDATE rectification_plans SET due_on = '{}' WHERE id = {plan}", local_day(0))).await;
    app.sql(&format!("UPDATE rectification_reports SET due_on = '{}' WHERE id = {report}", local_day(0))).await;
    let due = app.data("unit1", DUE, json!({ "p": r.plan, "r": r.report })).await;
    assert_eq!((due["plan"]["overdue"].clone(), due["report"]["overdue"].clone()), (json!(false), json!(false)));
    app.sql(&format!("UPDATE rectification_plans SET due_on = '{}' WHERE id = {plan}", local_day(-1))).await;
    app.sql(&format!("UPDATE rectification_reports SET due_on = '{}' WHERE id = {report}", local_day(-1))).await;
    for who in ["unit1", "office", "leader", "agency1", "team1"] {
        let due = app.data(who, DUE, json!({ "p": r.plan, "r": r.report })).await;
        assert_eq!(due["plan"]["overdue"], true, "{who}");
        assert_eq!(due["report"]["overdue"], true, "{who}");
        let ids = |list: &str| -> BTreeSet<String> {
            due[list]["nodes"].as_array().unwrap().iter().map(|n| n["id"].as_str().unwrap().to_owned()).collect()
        };
        assert!(ids("plans").contains(&r.plan), "{who}");
        assert!(ids("reports").contains(&r.report), "{who}");
    }
    // Submitted, it is no longer overdue.
    app.run("unit1", "updateRectificationReport", json!({ "id": r.report, "body": "整改情况" }), "{ __typename }")
        .await;
    app.run("unit1", "submitRectificationReport", json!({ "id": r.report }), "{ __typename }").await;
    let due = app.data("unit1", DUE, json!({ "p": r.plan, "r": r.report })).await;
    assert_eq!(due["report"]["overdue"], false);
}

/// A report's state.
const REPORT: &str =
    r#"query($r: ID!) { node(id: $r) { ... on RectificationReport { kind status body officeComment } } }"#;

#[tokio::test]
async fn the_two_reports_are_filed_by_the_unit_the_principal_one_by_its_principal_leader() {
    let app = TestApp::spawn().await;
    let r = app.released_at("unit1").await;
    // An empty report is not submitted; the principal leader's only by the principal leader.
    refused(&app, "unit1", "submitRectificationReport", json!({ "id": r.report }), "INVALID_TRANSITION").await;
    refused(&app, "unit1", "updateRectificationReport", json!({ "id": r.report, "body": " " }), "BAD_USER_INPUT").await;
    ok(&app, "unit1.deputy", "updateRectificationReport", json!({ "id": r.report, "body": "整改情况" })).await;
    // The principal leader's report is the principal leader's to write, too.
    refused(
        &app,
        "unit1.deputy",
        "updateRectificationReport",
        json!({ "id": r.principal_report, "body": "x" }),
        "FORBIDDEN",
    )
    .await;
    ok(&app, "unit1", "updateRectificationReport", json!({ "id": r.principal_report, "body": "组织落实情况" })).await;
    ok(&app, "unit1.deputy", "submitRectificationReport", json!({ "id": r.report })).await;
    refused(&app, "unit1.deputy", "submitRectificationReport", json!({ "id": r.principal_report }), "FORBIDDEN").await;
    ok(&app, "unit1", "submitRectificationReport", json!({ "id": r.principal_report })).await;
    refused(&app, "unit1", "acceptRectificationReport", json!({ "id": r.report }), "FORBIDDEN").await;
    // The office returns one with comments and accepts the other.
    refused(&app, "office", "returnRectificationReport", json!({ "id": r.report }), "BAD_USER_INPUT").await;
    ok(&app, "office", "returnRectificationReport", json!({ "id": r.report, "comment": "长期任务未说明" })).await;
    ok(&app, "office", "acceptRectificationReport", json!({ "id": r.principal_report })).await;
    let returned = app.data("unit1", REPORT, json!({ "r": r.report })).await;
    assert_eq!(returned["node"]["status"], "RETURNED");
    assert_eq!(returned["node"]["officeComment"], "长期任务未说明");
    let accepted = app.data("agency2", REPORT, json!({ "r": r.principal_report })).await;
    assert_eq!(accepted["node"]["status"], "ACCEPTED");
    refused(&app, "office", "acceptRectificationReport", json!({ "id": r.principal_report }), "INVALID_TRANSITION")
        .await;
    // Addressed to the commission and the organisation department: another agency reads nothing.
    let hidden = app.data("agency3", REPORT, json!({ "r": r.principal_report })).await;
    assert!(hidden["node"].is_null());
}

/// What a supervising agency reads of a released inspection's rectification.
const SUPERVISED: &str = r#"query($i: ID!) {
  node(id: $i) {
    ... on Inspection {
      unit { name }
      rectificationPlan { status items { recommendation { id } finding { id } task { id } } versions { items { recommendationId findingId } } }
      team { id history { totalCount } }
      rectificationReports { kind }
      supervisionNotes { body signedBy task { id } }
      feedback { id }
      report { id }
    }
  }
  rectificationTasks(filter: { inspectionId: $i }) { totalCount nodes { id progressReports { id } supervisionNotes { body } } }
}"#;

#[tokio::test]
async fn supervising_agencies_read_and_annotate_every_units_rectification_and_nothing_else() {
    let app = TestApp::spawn().await;
    let r = app.planned_at("unit1", true).await;
    ok(&app, "office", "approveRectificationPlan", json!({ "id": r.plan })).await;
    let task = app
        .first_id(&format!("SELECT id FROM rectification_tasks WHERE inspection_id = {}", row_of(&r.inspection)))
        .await;
    let task = gid("RectificationTask", task);

    // The team was renamed once: the office reads who did it and when; an agency does not.
    let team = gid("Organization", app.org_of("team1").await);
    let renamed = app
        .data("office", "query($t: ID!) { node(id: $t) { ... on Organization { name } } }", json!({ "t": team }))
        .await;
    let name = format!("{}（更名）", renamed["node"]["name"].as_str().unwrap());
    ok(&app, "office", "updateOrganization", json!({ "id": team, "name": name })).await;
    let history = app
        .data(
            "office",
            "query($t: ID!) { node(id: $t) { ... on Organization { history { totalCount } } } }",
            json!({ "t": team }),
        )
        .await;
    assert_eq!(history["node"]["history"]["totalCount"], 1);

    // The commission and the organisation department: by their competence, not their names.
    for agency in ["agency1", "agency2"] {
        let d = app.data(agency, SUPERVISED, json!({ "i": r.inspection })).await;
        let i = &d["node"];
        assert!(i["unit"]["name"].is_string(), "{agency}: {d}");
        assert_eq!(i["rectificationPlan"]["status"], "APPROVED");
        assert_eq!(i["rectificationPlan"]["items"][0]["task"]["id"], task.as_str());
        // Nothing else of the record: what the line answers, the feedback, the team's report.
        assert!(i["rectificationPlan"]["items"][0]["recommendation"].is_null(), "{agency}: {d}");
        assert!(i["rectificationPlan"]["items"][0]["finding"].is_null(), "{agency}: {d}");
        let version = &i["rectificationPlan"]["versions"][0]["items"][0];
        assert!(version["recommendationId"].is_null() && version["findingId"].is_null(), "{agency}: {d}");
        assert_eq!(i["team"]["history"]["totalCount"], 0, "{agency}: who corrected the frame is not its to read");
        assert!(i["feedback"].is_null() && i["report"].is_null(), "{agency}: {d}");
        assert_eq!(i["rectificationReports"].as_array().unwrap().len(), 3);
        assert_eq!(d["rectificationTasks"]["totalCount"], 1);
        for list in ["findings", "clues", "petitions", "recommendations"] {
            let body = app.as_user(agency, &format!("{{ {list} {{ totalCount }} }}"), json!({})).await;
            assert_code(&body, "FORBIDDEN");
        }
    }
    // The commission writes a note on the task; the unit and the office read it.
    ok(
        &app,
        "agency1",
        "writeSupervisionNote",
        json!({ "inspectionId": r.inspection, "taskId": task, "body": "请加快进度" }),
    )
    .await;
    ok(&app, "agency2", "writeSupervisionNote", json!({ "inspectionId": r.inspection, "body": "请按期报送整改报告" }))
        .await;
    for who in ["unit1", "office", "leader", "agency2"] {
        let d = app.data(who, SUPERVISED, json!({ "i": r.inspection })).await;
        let notes = d["node"]["supervisionNotes"].as_array().unwrap();
        assert_eq!(notes.len(), 2, "{who}: {d}");
        assert!(notes.iter().any(|n| n["signedBy"] == "区纪委监察局" && n["task"]["id"] == task.as_str()), "{who}");
        assert_eq!(d["rectificationTasks"]["nodes"][0]["supervisionNotes"][0]["body"], "请加快进度", "{who}");
    }
    // Another unit reads none of it.
    let d = app
        .data(
            "unit2",
            "query($i: ID!) { supervisionNotes(filter: { inspectionId: $i }) { totalCount } }",
            json!({ "i": r.inspection }),
        )
        .await;
    assert_eq!(d["supervisionNotes"]["totalCount"], 0);

    // An agency without that competence reads nothing and writes nothing: it looks missing.
    let d = app.data("agency3", SUPERVISED, json!({ "i": r.inspection })).await;
    assert!(d["node"].is_null(), "{d}");
    assert_eq!(d["rectificationTasks"]["totalCount"], 0);
    refused(&app, "agency3", "writeSupervisionNote", json!({ "inspectionId": r.inspection, "body": "x" }), "NOT_FOUND")
        .await;
    // Nor does a supervising agency reach an inspection whose feedback is not released.
    let stationed = app.stationed_at("unit1").await;
    refused(&app, "agency1", "writeSupervisionNote", json!({ "inspectionId": stationed, "body": "x" }), "NOT_FOUND")
        .await;
    // A unit does not write notes.
    refused(&app, "unit1", "writeSupervisionNote", json!({ "inspectionId": r.inspection, "body": "x" }), "FORBIDDEN")
        .await;
}

/// Every published rectification, page by page, as anyone reads it.
const PUBLISHED: &str = r#"query($after: String) {
  publishedRectifications(first: 100, after: $after) {
    totalCount
    edges { cursor node { publishedOn unitName body } }
    pageInfo { hasNextPage endCursor }
  }
}"#;

/// Every page of `publishedRectifications`, read without a token: the bodies of the responses.
async fn all_published(app: &TestApp) -> Vec<Value> {
    let mut pages = Vec::new();
    let mut after = Value::Null;
    loop {
        let body = app.gql(None, PUBLISHED, json!({ "after": after })).await;
        assert!(body.get("errors").is_none(), "{body}");
        let conn = body["data"]["publishedRectifications"].clone();
        pages.push(body);
        if !conn["pageInfo"]["hasNextPage"].as_bool().unwrap() {
            break;
        }
        after = conn["pageInfo"]["endCursor"].clone();
    }
    pages
}

/// Every string in a JSON value.
fn strings(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        Value::Object(o) => o.values().for_each(|x| strings(x, out)),
        _ => {}
    }
}

#[tokio::test]
async fn the_published_text_is_readable_without_logging_in_and_nothing_else_is() {
    let app = TestApp::spawn().await;
    let r = app.released_at("unit1").await;
    let text = "某镇巡察整改情况公开：反馈问题已全部整改。";
    ok(&app, "unit1", "updateRectificationReport", json!({ "id": r.public_report, "body": text })).await;
    ok(&app, "unit1", "submitRectificationReport", json!({ "id": r.public_report })).await;
    let bodies = |pages: &[Value]| -> Vec<String> {
        pages
            .iter()
            .flat_map(|p| p["data"]["publishedRectifications"]["edges"].as_array().unwrap().clone())
            .map(|e| e["node"]["body"].as_str().unwrap().to_owned())
            .collect()
    };
    // Submitted is not published.
    assert!(!bodies(&all_published(&app).await).iter().any(|b| b == text));
    ok(&app, "office", "acceptRectificationReport", json!({ "id": r.public_report })).await;
    let pages = all_published(&app).await;
    let unit =
        app.data("unit1", "{ me { assignments { organization { name } } } }", json!({})).await["me"]["assignments"][0]
            ["organization"]["name"]
            .clone();
    let mine: Vec<Value> = pages
        .iter()
        .flat_map(|p| p["data"]["publishedRectifications"]["edges"].as_array().unwrap().clone())
        .filter(|e| e["node"]["body"] == text)
        .collect();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0]["node"], json!({ "publishedOn": local_day(0), "unitName": unit, "body": text }));
    let total = pages[0]["data"]["publishedRectifications"]["totalCount"].as_i64().unwrap();
    let published = app.count_where("rectification_reports", "kind = 'PUBLIC' AND status = 'PUBLISHED'").await;
    assert_eq!(total, published);
    assert_eq!(bodies(&pages).len() as i64, published);

    // The public type has its day, its unit and its text, nothing else.
    let fields = app.gql(None, r#"{ __type(name: "PublishedRectification") { fields { name } } }"#, json!({})).await;
    let names: BTreeSet<&str> =
        fields["data"]["__type"]["fields"].as_array().unwrap().iter().map(|f| f["name"].as_str().unwrap()).collect();
    assert_eq!(names, BTreeSet::from(["publishedOn", "unitName", "body"]));

    // No person named in a clue or a petition, and no id of any record, in anything answered.
    let mut said = Vec::new();
    pages.iter().for_each(|p| strings(p, &mut said));
    let persons: Vec<String> = {
        use sea_orm::{ConnectionTrait, Statement};
        let backend = app.db.get_database_backend();
        let sql = "SELECT name FROM clue_persons UNION SELECT reporter_name AS name FROM petitions WHERE reporter_name IS NOT NULL";
        let rows = app.db.query_all_raw(Statement::from_string(backend, sql.to_owned())).await.unwrap();
        rows.iter().map(|r| r.try_get::<String>("", "name").unwrap()).collect()
    };
    assert!(!persons.is_empty());
    for s in &said {
        assert!(!persons.iter().any(|p| s.contains(p.as_str())), "a person is named publicly: {s}");
        use base64::Engine;
        if let Ok(decoded) = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(s) {
            // A global id decodes to `Type:number`.
            let decoded = String::from_utf8_lossy(&decoded);
            let is_id = decoded.split_once(':').is_some_and(|(t, n)| {
                t.starts_with(|c: char| c.is_ascii_uppercase())
                    && t.chars().all(|c| c.is_ascii_alphabetic())
                    && !n.is_empty()
                    && n.chars().all(|c| c.is_ascii_digit())
            });
            assert!(!is_id, "an id is answered publicly: {s}");
        }
    }
    // Every other root field refuses an anonymous caller.
    let schema =
        app.gql(None, "{ __schema { queryType { fields { name args { name type { kind } } } } } }", json!({})).await;
    for f in schema["data"]["__schema"]["queryType"]["fields"].as_array().unwrap() {
        let name = f["name"].as_str().unwrap();
        // The two public lists (the published rectifications, the teams' published notices) and
        // the enums' labels, which hold no data.
        if ["publishedRectifications", "inspectionNotices", "enumLabels"].contains(&name) {
            continue;
        }
        let required: Vec<&Value> =
            f["args"].as_array().unwrap().iter().filter(|a| a["type"]["kind"] == "NON_NULL").collect();
        let args = if required.is_empty() {
            String::new()
        } else {
            let a: Vec<String> = required.iter().map(|a| format!("{}: \"x\"", a["name"].as_str().unwrap())).collect();
            format!("({})", a.join(", "))
        };
        let body = app.gql(None, &format!("{{ {name}{args} {{ __typename }} }}"), json!({})).await;
        assert!(body["data"].is_null() || body["data"][name].is_null(), "{name} answered anonymously: {body}");
        assert!(body.get("errors").is_some(), "{name}: {body}");
    }
}

#[tokio::test]
async fn a_rounds_summary_is_circulated_to_the_leaders_of_its_units() {
    let app = TestApp::spawn().await;
    let r = app.released_at("unit1").await;
    let round = app
        .data(
            "office",
            "query($i: ID!) { node(id: $i) { ... on Inspection { round { id } } } }",
            json!({ "i": r.inspection }),
        )
        .await["node"]["round"]["id"]
        .clone();
    refused(&app, "unit1", "circulateRectificationSummary", json!({ "roundId": round, "body": "x" }), "FORBIDDEN")
        .await;
    ok(&app, "office", "circulateRectificationSummary", json!({ "roundId": round, "body": "本轮整改情况通报" })).await;
    let query = "query($r: ID!) { circulations(roundId: $r) { totalCount nodes { body round { id } } } }";
    for who in ["unit1", "unit1.deputy", "office", "leader"] {
        let d = app.data(who, query, json!({ "r": round })).await;
        assert_eq!(d["circulations"]["totalCount"], 1, "{who}");
        assert_eq!(d["circulations"]["nodes"][0]["body"], "本轮整改情况通报");
    }
    // Not the units of other rounds; not the teams nor the agencies.
    let d = app.data("unit2", query, json!({ "r": round })).await;
    assert_eq!(d["circulations"]["totalCount"], 0);
    for who in ["team1", "agency1"] {
        assert_code(&app.as_user(who, query, json!({ "r": round })).await, "FORBIDDEN");
    }
    // A round not yet started has nothing to circulate.
    app.test_term().await;
    let planned = app
        .run(
            "office",
            "createRound",
            json!({ "name": "未开始的轮次", "startsOn": local_day(10), "endsOn": local_day(40) }),
            "{ round { id } }",
        )
        .await["round"]["id"]
        .clone();
    refused(
        &app,
        "office",
        "circulateRectificationSummary",
        json!({ "roundId": planned, "body": "x" }),
        "INVALID_TRANSITION",
    )
    .await;
}

/// A task's state and why it was reopened.
const TASK: &str = r#"query($t: ID!) {
  node(id: $t) { ... on RectificationTask { status reopenCount reopenReason deadline reopenedBy { id } version } }
}"#;

#[tokio::test]
async fn a_follow_up_reopens_a_closed_task_and_the_unit_sees_why() {
    let app = TestApp::spawn().await;
    let earlier = app.planned_at("unit2", true).await;
    ok(&app, "office", "approveRectificationPlan", json!({ "id": earlier.plan })).await;
    let task = gid(
        "RectificationTask",
        app.first_id(&format!(
            "SELECT id FROM rectification_tasks WHERE inspection_id = {}",
            row_of(&earlier.inspection)
        ))
        .await,
    );
    let follow_up = app.stationed_at("unit2").await;
    app.sql(&format!(
        "UPDATE inspections SET kind = 'FOLLOW_UP', follows_inspection_id = {} WHERE id = {}",
        row_of(&earlier.inspection),
        row_of(&follow_up)
    ))
    .await;
    let reopen = json!({ "id": task, "followUpInspectionId": follow_up, "reason": "整改不实：接待费用未清退", "deadline": local_day(30) });
    // Only a closed task is reopened.
    refused(&app, "team1", "reopenRectificationTask", reopen.clone(), "INVALID_TRANSITION").await;
    ok(&app, "unit2", "startRectificationTask", json!({ "id": task })).await;
    ok(&app, "unit2", "submitRectificationTask", json!({ "id": task })).await;
    ok(&app, "office", "closeRectificationTask", json!({ "id": task })).await;
    // Not by a team that does not follow it up, nor by the unit or the office.
    refused(&app, "team2", "reopenRectificationTask", reopen.clone(), "NOT_FOUND").await;
    refused(&app, "unit2", "reopenRectificationTask", reopen.clone(), "FORBIDDEN").await;
    refused(&app, "office", "reopenRectificationTask", reopen.clone(), "FORBIDDEN").await;
    // Not from an inspection that does not follow this one.
    let unrelated = app.stationed_at("unit2").await;
    let mut wrong = reopen.clone();
    wrong["followUpInspectionId"] = json!(unrelated);
    refused(&app, "team1", "reopenRectificationTask", wrong, "BAD_USER_INPUT").await;
    ok(&app, "team1", "reopenRectificationTask", reopen).await;
    for who in ["unit2", "team1", "office"] {
        let t = app.data(who, TASK, json!({ "t": task })).await["node"].clone();
        assert_eq!(t["status"], "REOPENED", "{who}");
        assert_eq!(t["reopenCount"], 1);
        assert_eq!(t["reopenReason"], "整改不实：接待费用未清退");
        assert_eq!(t["deadline"], local_day(30));
    }
    // Both the team and the unit (whose round has started) see which follow-up reopened it.
    for who in ["team1", "unit2"] {
        assert_eq!(app.data(who, TASK, json!({ "t": task })).await["node"]["reopenedBy"]["id"], follow_up.as_str());
    }
    // The unit works it again.
    ok(&app, "unit2", "startRectificationTask", json!({ "id": task })).await;
    assert_eq!(app.data("unit2", TASK, json!({ "t": task })).await["node"]["status"], "IN_PROGRESS");
}

#[tokio::test]
async fn a_fix_at_once_notice_reaches_the_unit_while_the_team_is_stationed() {
    let app = TestApp::spawn().await;
    let (inspection, _, rec) = app.recommended_at("unit1").await;
    let notice = |deadline: String, fix: bool| json!({ "recommendationId": rec, "content": "立即收回公车", "responsiblePerson": "办公室主任", "deadline": deadline, "fixAtOnce": fix });
    // Due before the team leaves (the round's end, thirty days ahead), and only fix-at-once.
    refused(&app, "team1", "createRectificationTask", notice(local_day(31), true), "BAD_USER_INPUT").await;
    refused(&app, "team1", "createRectificationTask", notice(local_day(5), false), "BAD_USER_INPUT").await;
    refused(&app, "team2", "createRectificationTask", notice(local_day(5), true), "NOT_FOUND").await;
    let task = app
        .run("team1", "createRectificationTask", notice(local_day(5), true), "{ rectificationTask { id } }")
        .await["rectificationTask"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    // The unit sees the notice at once, but nothing else of the record before its feedback.
    let seen = app
        .data(
            "unit1",
            "query($t: ID!) { node(id: $t) { ... on RectificationTask { content fixAtOnce recommendation { id } } } }",
            json!({ "t": task }),
        )
        .await;
    assert_eq!(seen["node"]["content"], "立即收回公车");
    assert!(seen["node"]["recommendation"].is_null());
    let findings = app
        .data(
            "unit1",
            "query($i: ID!) { findings(filter: { inspectionId: $i }) { totalCount } }",
            json!({ "i": inspection }),
        )
        .await;
    assert_eq!(findings["findings"]["totalCount"], 0);
    ok(&app, "unit1", "startRectificationTask", json!({ "id": task })).await;
    // Another unit does not.
    assert!(app.data("unit2", "query($t: ID!) { node(id: $t) { id } }", json!({ "t": task })).await["node"].is_null());
}

#[tokio::test]
async fn the_office_evaluates_a_rectification_once_it_is_done_and_statistics_count_it() {
    let app = TestApp::spawn().await;
    let stats =
        "{ statistics { rectification { grades { grade count } plans { status count } published supervisionNotes } } }";
    let grade_count = |s: &Value, g: &str| {
        s["statistics"]["rectification"]["grades"].as_array().unwrap().iter().find(|x| x["grade"] == g).unwrap()["count"]
            .as_i64()
            .unwrap()
    };
    let before = app.data("leader", stats, json!({})).await;
    let r = app.planned_at("unit1", true).await;
    let evaluate = json!({ "id": r.plan, "grade": "EXCELLENT", "reasons": "整改到位" });
    let why = refused(&app, "office", "evaluateRectification", evaluate.clone(), "INVALID_TRANSITION").await;
    assert!(why.contains("not approved") && why.contains("RECTIFICATION") && why.contains("PRINCIPAL"), "{why}");
    ok(&app, "office", "approveRectificationPlan", json!({ "id": r.plan })).await;
    for report in [&r.report, &r.principal_report] {
        ok(&app, "unit1", "updateRectificationReport", json!({ "id": report, "body": "整改情况" })).await;
        ok(&app, "unit1", "submitRectificationReport", json!({ "id": report })).await;
        ok(&app, "office", "acceptRectificationReport", json!({ "id": report })).await;
    }
    let why = refused(&app, "office", "evaluateRectification", evaluate.clone(), "INVALID_TRANSITION").await;
    assert!(why.contains("task"), "{why}");
    let task = gid(
        "RectificationTask",
        app.first_id(&format!("SELECT id FROM rectification_tasks WHERE inspection_id = {}", row_of(&r.inspection)))
            .await,
    );
    ok(&app, "unit1", "startRectificationTask", json!({ "id": task })).await;
    ok(&app, "unit1", "submitRectificationTask", json!({ "id": task })).await;
    ok(&app, "office", "closeRectificationTask", json!({ "id": task })).await;
    refused(&app, "unit1", "evaluateRectification", evaluate.clone(), "FORBIDDEN").await;
    ok(&app, "office", "evaluateRectification", evaluate.clone()).await;
    refused(&app, "office", "evaluateRectification", evaluate, "INVALID_TRANSITION").await;
    let p = app
        .data(
            "unit1",
            "query($p: ID!) { node(id: $p) { ... on RectificationPlan { grade evaluationReasons } } }",
            json!({ "p": r.plan }),
        )
        .await;
    assert_eq!(p["node"], json!({ "grade": "EXCELLENT", "evaluationReasons": "整改到位" }));
    let after = app.data("leader", stats, json!({})).await;
    assert_eq!(grade_count(&after, "EXCELLENT"), grade_count(&before, "EXCELLENT") + 1);
}

/// The rectification figures and the lists they count.
const FIGURES_AND_LISTS: &str = r#"{
  statistics { rectification { plans { status count } plansOverdue reports { status count } reportsOverdue published supervisionNotes } }
  plans: rectificationPlans(first: 0) { totalCount }
  overduePlans: rectificationPlans(first: 0, filter: { overdue: true }) { totalCount }
  reports: rectificationReports(first: 0, filter: { kinds: [RECTIFICATION, PRINCIPAL] }) { totalCount }
  overdueReports: rectificationReports(first: 0, filter: { overdue: true }) { totalCount }
  published: rectificationReports(first: 0, filter: { statuses: [PUBLISHED] }) { totalCount }
  notes: supervisionNotes(first: 0) { totalCount }
}"#;

#[tokio::test]
async fn the_rectification_figures_are_the_rows_each_account_reads() {
    let app = TestApp::spawn().await;
    for who in ["leader", "office", "team1", "agency1", "agency2", "agency3", "unit1", "unit2"] {
        let d = app.data(who, FIGURES_AND_LISTS, json!({})).await;
        let f = &d["statistics"]["rectification"];
        let sum = |list: &str| f[list].as_array().unwrap().iter().map(|x| x["count"].as_i64().unwrap()).sum::<i64>();
        assert_eq!(sum("plans"), d["plans"]["totalCount"].as_i64().unwrap(), "{who}: plans");
        assert_eq!(f["plansOverdue"], d["overduePlans"]["totalCount"], "{who}: overdue plans");
        assert_eq!(sum("reports"), d["reports"]["totalCount"].as_i64().unwrap(), "{who}: reports");
        assert_eq!(f["reportsOverdue"], d["overdueReports"]["totalCount"], "{who}: overdue reports");
        assert_eq!(f["published"], d["published"]["totalCount"], "{who}: published");
        assert_eq!(f["supervisionNotes"], d["notes"]["totalCount"], "{who}: notes");
    }
    // The demo's story: every released inspection has its plan, approved; the closed ones are
    // published and evaluated; the supervising agencies have written.
    let d = app.data("leader", FIGURES_AND_LISTS, json!({})).await;
    let released = app.count_where("feedbacks", "released_at IS NOT NULL").await;
    assert_eq!(d["plans"]["totalCount"].as_i64().unwrap(), released);
    assert!(d["published"]["totalCount"].as_i64().unwrap() > 0);
    assert!(d["notes"]["totalCount"].as_i64().unwrap() > 0);
    assert!(d["overdueReports"]["totalCount"].as_i64().unwrap() > 0);
}

/// Every plan the caller sees, with its lines, page by page.
const PLANS_WITH_ITEMS: &str = r#"query($after: String) {
  rectificationPlans(first: 100, after: $after) { nodes { items { id } } pageInfo { hasNextPage endCursor } }
}"#;

/// The ids of the plan lines `who` reaches through the plans it lists.
async fn items_listed(app: &TestApp, who: &str) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    let mut after = Value::Null;
    loop {
        let d = app.data(who, PLANS_WITH_ITEMS, json!({ "after": after })).await["rectificationPlans"].clone();
        for plan in d["nodes"].as_array().unwrap() {
            for item in plan["items"].as_array().unwrap() {
                ids.insert(item["id"].as_str().unwrap().to_owned());
            }
        }
        if !d["pageInfo"]["hasNextPage"].as_bool().unwrap() {
            return ids;
        }
        after = d["pageInfo"]["endCursor"].clone();
    }
}

#[tokio::test]
async fn plan_lines_are_reached_by_id_exactly_as_through_their_plans() {
    let app = TestApp::spawn().await;
    let all = items_listed(&app, "office").await;
    assert_eq!(all.len() as i64, app.count("rectification_plan_items").await);
    let all: Vec<String> = all.into_iter().collect();
    for who in ["leader", "team1", "team1.member", "agency1", "agency3", "unit1", "unit2", "unit3"] {
        let listed = items_listed(&app, who).await;
        let mut by_id = BTreeSet::new();
        for chunk in all.chunks(100) {
            let d = app.data(who, "query($ids: [ID!]!) { nodes(ids: $ids) { id } }", json!({ "ids": chunk })).await;
            by_id.extend(d["nodes"].as_array().unwrap().iter().filter_map(|n| n["id"].as_str().map(str::to_owned)));
        }
        assert_eq!(by_id, listed, "{who}: plan lines by id and through the plans disagree");
        match who {
            "agency3" | "unit3" => assert!(listed.is_empty(), "{who}"),
            _ => assert!(!listed.is_empty(), "{who}"),
        }
    }
}
