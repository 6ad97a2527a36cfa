//! Using the results: collective interviews and accountability records, recorded by the office,
//! each unit reaching only its own.

use serde_json::{Value, json};
use tests::{TestApp, assert_code, gid};

/// Records a collective interview of some units.
const RECORD_INTERVIEW_SESSION: &str = r#"mutation($i: RecordInterviewSessionInput!) {
  recordInterviewSession(input: $i) {
    interviewSession { id heldOn subject units { id } }
  }
}"#;

/// Records an accountability decision on a unit or on a person.
const RECORD_ACCOUNTABILITY: &str = r#"mutation($i: RecordAccountabilityInput!) {
  recordAccountability(input: $i) {
    accountabilityRecord {
      id target personName personRank inPersonalFile inAnnualAssessment assessmentVeto
      unit { id }
    }
  }
}"#;

/// How many interview sessions one unit sat in.
const SESSIONS_OF_UNIT: &str = r#"query($u: ID!) {
  interviewSessions(filter: { unitId: $u }) { totalCount }
}"#;

fn ids(v: &Value) -> Vec<String> {
    v.as_array().unwrap().iter().map(|n| n["id"].as_str().unwrap().to_owned()).collect()
}

/// Plans a round of inspections.
const CREATE_ROUND: &str = r#"mutation($i: CreateRoundInput!) {
  createRound(input: $i) { round { id } }
}"#;

/// One interview session with its units, and every session the caller sees.
const SESSION_AND_ALL_SESSIONS: &str = r#"query($s: ID!) {
  node(id: $s) { ... on InterviewSession { subject units { id } } }
  interviewSessions(first: 100) { totalCount nodes { id units { id } } }
}"#;

/// How many interview sessions were held on one round's results.
const SESSIONS_ON_ROUND: &str = r#"query($r: ID!) {
  interviewSessions(filter: { roundId: $r }) { totalCount }
}"#;

/// How many interview sessions the caller sees.
const SESSION_COUNT: &str = "{ interviewSessions { totalCount } }";

/// Plans an inspection of a unit by a team in a round.
const CREATE_INSPECTION: &str = r#"mutation($i: CreateInspectionInput!) {
  createInspection(input: $i) { inspection { id } }
}"#;

#[tokio::test]
async fn the_office_records_interview_sessions_and_each_unit_sees_only_its_own_seat() {
    let app = TestApp::spawn().await;
    let unit1 = gid("Organization", app.org_of("unit1").await);
    let unit2 = gid("Organization", app.org_of("unit2").await);
    let team = gid("Organization", app.org_of("team1").await);
    let round6_row = app
        .first_id(&format!("SELECT round_id AS id FROM inspections WHERE unit_id = {}", app.org_of("unit1").await))
        .await;
    let round6 = gid("Round", round6_row);
    let elsewhere = gid(
        "Organization",
        app.first_id(&format!(
            "SELECT id FROM organizations WHERE kind = 'AUDITED_UNIT' AND id NOT IN (SELECT unit_id FROM inspections WHERE round_id = {round6_row}) ORDER BY id"
        ))
        .await,
    );
    app.test_term().await;
    let d = app
        .data(
            "office",
            CREATE_ROUND,
            json!({ "i": { "name": "2018年第一轮巡察", "startsOn": "2027-03-01", "endsOn": "2027-05-01" } }),
        )
        .await;
    let planned = d["createRound"]["round"]["id"].as_str().unwrap().to_owned();
    let before = app.digest().await;
    // Bad input changes nothing.
    for (input, field) in [
        (json!({ "heldOn": tests::today(), "subject": "约谈", "unitIds": [] }), "unitIds"),
        (json!({ "heldOn": tests::today(), "subject": "约谈", "unitIds": [unit1, unit1] }), "unitIds"),
        (json!({ "heldOn": tests::today(), "subject": "约谈", "unitIds": [team] }), "unitIds"),
        (json!({ "heldOn": "2999-01-01", "subject": "约谈", "unitIds": [unit1] }), "heldOn"),
        (json!({ "heldOn": tests::today(), "subject": " ", "unitIds": [unit1] }), "subject"),
        // On a round's results: the round has begun, the session came after, the units were inspected in it.
        (json!({ "roundId": round6, "heldOn": "2001-01-01", "subject": "约谈", "unitIds": [unit1] }), "heldOn"),
        (json!({ "roundId": round6, "heldOn": tests::today(), "subject": "约谈", "unitIds": [elsewhere] }), "unitIds"),
        (json!({ "roundId": planned, "heldOn": tests::today(), "subject": "约谈", "unitIds": [unit1] }), "roundId"),
    ] {
        let body = app.as_user("office", RECORD_INTERVIEW_SESSION, json!({ "i": input })).await;
        assert_code(&body, "BAD_USER_INPUT");
        assert_eq!(body["errors"][0]["extensions"]["field"], field, "{body}");
    }
    assert_code(
        &app.as_user(
            "unit1",
            RECORD_INTERVIEW_SESSION,
            json!({ "i": { "heldOn": tests::today(), "subject": "约谈", "unitIds": [unit1] } }),
        )
        .await,
        "FORBIDDEN",
    );
    tests::assert_unchanged(&app.digest().await, &before);

    let d = app
        .data(
            "office",
            RECORD_INTERVIEW_SESSION,
            json!({ "i": { "heldOn": tests::today(), "subject": "整改约谈", "unitIds": [unit1, unit2] } }),
        )
        .await;
    let session = d["recordInterviewSession"]["interviewSession"].clone();
    assert_eq!(ids(&session["units"]).len(), 2);
    let id = session["id"].as_str().unwrap().to_owned();
    // Each unit sees the session it sat in, and itself alone among its units.
    for (account, own) in [("unit1", &unit1), ("unit2", &unit2)] {
        let seen = app.data(account, SESSION_AND_ALL_SESSIONS, json!({ "s": id })).await;
        assert_eq!(ids(&seen["node"]["units"]), vec![own.clone()], "{account}");
        for n in seen["interviewSessions"]["nodes"].as_array().unwrap() {
            assert_eq!(ids(&n["units"]), vec![own.clone()], "{account} sees another unit's seat");
        }
    }
    // unit2's round-2 session is unit2's alone: unit1 reaches it by no path.
    let theirs = app.first_id("SELECT session_id AS id FROM interviewees ORDER BY id").await;
    let theirs = gid("InterviewSession", theirs);
    let seen = app.data("unit1", SESSION_AND_ALL_SESSIONS, json!({ "s": theirs })).await;
    assert!(seen["node"].is_null());
    assert_eq!(seen["interviewSessions"]["totalCount"], 1);
    let filtered = app.data("unit1", SESSIONS_OF_UNIT, json!({ "u": unit2 })).await;
    assert_eq!(filtered["interviewSessions"]["totalCount"], 0);
    assert!(!app.data("unit2", SESSION_AND_ALL_SESSIONS, json!({ "s": theirs })).await["node"].is_null());
    // A session on round 6's results: unit3, inspected in round 6 but not seated, cannot even count them.
    app.data(
        "office",
        RECORD_INTERVIEW_SESSION,
        json!({ "i": { "roundId": round6, "heldOn": tests::today(), "subject": "约谈", "unitIds": [unit1] } }),
    )
    .await;
    assert_eq!(
        app.data("unit3", SESSIONS_ON_ROUND, json!({ "r": round6 })).await["interviewSessions"]["totalCount"],
        0
    );
    assert_eq!(
        app.data("unit1", SESSIONS_ON_ROUND, json!({ "r": round6 })).await["interviewSessions"]["totalCount"],
        1
    );
    // A team learns of a session through its own work only: planning an inspection of unit2 does
    // not show team 4 how unit2 was interviewed after team 2's round.
    let team4_before = app.data("team4", SESSION_COUNT, json!({})).await;
    app.data(
        "office",
        CREATE_INSPECTION,
        json!({ "i": { "roundId": planned, "teamId": gid("Organization", app.org_of("team4").await), "unitId": unit2 } }),
    )
    .await;
    assert_eq!(app.data("team4", SESSION_COUNT, json!({})).await, team4_before);
    let seats = app.data("team4", SESSION_AND_ALL_SESSIONS, json!({ "s": theirs })).await;
    assert!(!seats["node"]["units"].as_array().into_iter().flatten().any(|u| u["id"] == unit2.as_str()), "{seats}");
    // The office sees every seat; a partner agency sees no session.
    assert_eq!(ids(&app.data("office", SESSION_AND_ALL_SESSIONS, json!({ "s": id })).await["node"]["units"]).len(), 2);
    assert_code(&app.as_user("agency1", SESSION_COUNT, json!({})).await, "FORBIDDEN");
    assert!(app.data("agency1", "query($s: ID!) { node(id: $s) { id } }", json!({ "s": id })).await["node"].is_null());
}

/// One accountability record by id, and the records the caller sees with their units.
const RECORD_AND_ALL_RECORDS: &str = r#"query($r: ID!) {
  node(id: $r) { id }
  accountabilityRecords(first: 100) { totalCount nodes { unit { id } } }
}"#;

#[tokio::test]
async fn accountability_records_follow_their_rules_and_stay_with_their_unit() {
    let app = TestApp::spawn().await;
    let unit2 = app.org_of("unit2").await;
    let closed = gid(
        "Inspection",
        app.first_id(&format!("SELECT id FROM inspections WHERE unit_id = {unit2} AND status = 'CLOSED' ORDER BY id"))
            .await,
    );
    let stationed =
        gid("Inspection", app.first_id("SELECT id FROM inspections WHERE status = 'STATIONED' ORDER BY id").await);
    let base = json!({ "inspectionId": closed, "decision": "诫勉谈话", "decidedOn": tests::today() });
    let with = |extra: Value| {
        let mut v = base.clone();
        v.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
        json!({ "i": v })
    };
    let before = app.digest().await;
    for (input, code, field) in [
        (with(json!({ "target": "PERSON", "personRank": "STAFF" })), "BAD_USER_INPUT", Some("personName")),
        (with(json!({ "target": "PERSON", "personName": "某" })), "BAD_USER_INPUT", Some("personRank")),
        (
            with(json!({ "target": "PERSON", "personName": "\u{202e}某", "personRank": "STAFF" })),
            "BAD_USER_INPUT",
            Some("personName"),
        ),
        (with(json!({ "target": "UNIT", "personName": "某" })), "BAD_USER_INPUT", Some("personName")),
        (with(json!({ "target": "UNIT", "inPersonalFile": true })), "BAD_USER_INPUT", Some("inPersonalFile")),
        (with(json!({ "target": "UNIT", "assessmentVeto": true })), "BAD_USER_INPUT", Some("assessmentVeto")),
        (with(json!({ "target": "UNIT", "decidedOn": "2999-01-01" })), "BAD_USER_INPUT", Some("decidedOn")),
        (with(json!({ "target": "UNIT", "inspectionId": stationed })), "INVALID_TRANSITION", None),
        (with(json!({ "target": "UNIT", "inspectionId": gid("Inspection", 999_999) })), "NOT_FOUND", None),
    ] {
        let body = app.as_user("office", RECORD_ACCOUNTABILITY, input).await;
        assert_code(&body, code);
        if let Some(f) = field {
            assert_eq!(body["errors"][0]["extensions"]["field"], f, "{body}");
        }
    }
    for who in ["leader", "team1", "unit2", "agency1"] {
        assert_code(&app.as_user(who, RECORD_ACCOUNTABILITY, with(json!({ "target": "UNIT" }))).await, "FORBIDDEN");
    }
    tests::assert_unchanged(&app.digest().await, &before);

    let d = app
        .data(
            "office",
            RECORD_ACCOUNTABILITY,
            with(json!({ "target": "UNIT", "inAnnualAssessment": true, "assessmentVeto": true })),
        )
        .await;
    let record = d["recordAccountability"]["accountabilityRecord"].clone();
    assert_eq!(record["assessmentVeto"], true);
    assert_eq!(record["unit"]["id"], gid("Organization", unit2));
    let id = record["id"].as_str().unwrap().to_owned();
    // unit2 sees it among its own; unit1 reaches none of unit2's records by list or id.
    let own = app.data("unit2", RECORD_AND_ALL_RECORDS, json!({ "r": id })).await;
    assert_eq!(own["node"]["id"], id.as_str());
    let unit2_total = app.count_where("accountability_records", &format!("unit_id = {unit2}")).await;
    assert_eq!(own["accountabilityRecords"]["totalCount"], unit2_total);
    let other = app.data("unit1", RECORD_AND_ALL_RECORDS, json!({ "r": id })).await;
    assert!(other["node"].is_null());
    let unit1 = gid("Organization", app.org_of("unit1").await);
    assert!(
        other["accountabilityRecords"]["nodes"].as_array().unwrap().iter().all(|n| n["unit"]["id"] == unit1.as_str())
    );
    // The team that inspected it sees it; another team does not; an agency is refused the list.
    let team_of =
        app.first_id(&format!("SELECT team_id AS id FROM inspections WHERE id = {}", tests::row_of(&closed))).await;
    let (inspector, other_team) =
        if team_of == app.org_of("team2").await { ("team2", "team1") } else { ("team1", "team2") };
    assert_eq!(inspector, "team2", "unit2's round-2 inspection was team 2's");
    assert_eq!(app.data(inspector, RECORD_AND_ALL_RECORDS, json!({ "r": id })).await["node"]["id"], id.as_str());
    assert!(app.data(other_team, RECORD_AND_ALL_RECORDS, json!({ "r": id })).await["node"].is_null());
    assert_code(&app.as_user("agency1", "{ accountabilityRecords { totalCount } }", json!({})).await, "FORBIDDEN");
    // A decision on unit2's round-5 inspection, reported but not released, stays from unit2 until release.
    let reported = gid(
        "Inspection",
        app.first_id(&format!(
            "SELECT id FROM inspections WHERE unit_id = {unit2} AND status = 'REPORTED' ORDER BY id"
        ))
        .await,
    );
    let early = app
        .data("office", RECORD_ACCOUNTABILITY, json!({ "i": { "inspectionId": reported, "target": "UNIT", "decision": "约谈", "decidedOn": tests::today() } }))
        .await;
    let early = early["recordAccountability"]["accountabilityRecord"]["id"].as_str().unwrap().to_owned();
    let seen = app.data("unit2", RECORD_AND_ALL_RECORDS, json!({ "r": early })).await;
    assert!(seen["node"].is_null());
    assert_eq!(seen["accountabilityRecords"]["totalCount"], unit2_total);
}

/// Every list of what the rectification produced, with the units each row leads to.
const RESULT_LISTS: &str = r#"{
  rectificationTasks(first: 100) {
    nodes { id inspection { unit { id } } progressReports { evidence { id } } }
  }
  regulations(first: 100) { nodes { id inspection { unit { id } } } }
  accountabilityRecords(first: 100) { nodes { unit { id } } }
  interviewSessions(first: 100) { nodes { id units { id } } }
}"#;

#[tokio::test]
async fn unit1_never_reaches_unit2s_rectification_record_by_any_path() {
    let app = TestApp::spawn().await;
    let (unit1, unit2) = (app.org_of("unit1").await, app.org_of("unit2").await);
    let of_unit2 = |table: &str| {
        format!("SELECT id FROM {table} WHERE inspection_id IN (SELECT id FROM inspections WHERE unit_id = {unit2})")
    };
    // Evidence on one of unit2's tasks, as if it had uploaded it.
    let task = app.first_id(&format!("{} ORDER BY id", of_unit2("rectification_tasks"))).await;
    let user = app
        .first_id("SELECT u.id FROM users u JOIN role_assignments r ON r.user_id = u.id WHERE u.username = 'unit2'")
        .await;
    app.sql(&format!("INSERT INTO progress_reports (task_id, content, created_by, created_at) VALUES ({task}, '整改完成', {user}, '2026-01-01T00:00:00Z')")).await;
    let report =
        app.first_id(&format!("SELECT id FROM progress_reports WHERE task_id = {task} ORDER BY id DESC")).await;
    app.sql(&format!("INSERT INTO evidence_files (progress_report_id, task_id, file_name, content_type, size, sha256, created_by, created_at) VALUES ({report}, {task}, 'a.pdf', 'application/pdf', 5, 'x', {user}, '2026-01-01T00:00:00Z')")).await;
    let file = app.first_id(&format!("SELECT id FROM evidence_files WHERE task_id = {task} ORDER BY id DESC")).await;
    let bytes = match app.db.get_database_backend() {
        sea_orm::DatabaseBackend::Postgres => "decode('255044462D', 'hex')",
        _ => "X'255044462D'",
    };
    app.sql(&format!("INSERT INTO evidence_contents (evidence_file_id, bytes) VALUES ({file}, {bytes})")).await;
    let session = app.first_id(&format!("SELECT session_id AS id FROM interviewees WHERE unit_id = {unit2}")).await;

    let mut ids = vec![gid("EvidenceFile", file), gid("ProgressReport", report), gid("InterviewSession", session)];
    for (table, kind) in [
        ("rectification_tasks", "RectificationTask"),
        ("regulations", "Regulation"),
        ("accountability_records", "AccountabilityRecord"),
        ("findings", "Finding"),
        ("recommendations", "Recommendation"),
        ("feedbacks", "Feedback"),
    ] {
        let rows = app.count_where(table, &format!("id IN ({})", of_unit2(table))).await;
        assert!(rows > 0, "the demo gives unit2 {table}");
        ids.push(gid(kind, app.first_id(&format!("{} ORDER BY id", of_unit2(table))).await));
    }
    // unit2 reaches each of them; unit1 none, by id or through any list.
    let nodes = "query($ids: [ID!]!) { nodes(ids: $ids) { id } }";
    let theirs = app.data("unit2", nodes, json!({ "ids": ids })).await;
    assert!(theirs["nodes"].as_array().unwrap().iter().all(|n| !n.is_null()), "{theirs}");
    let mine = app.data("unit1", nodes, json!({ "ids": ids })).await;
    assert!(mine["nodes"].as_array().unwrap().iter().all(Value::is_null), "{mine}");
    let seen = app.data("unit1", RESULT_LISTS, json!({})).await.to_string();
    let own = gid("Organization", unit1);
    for id in &ids {
        assert!(!seen.contains(id.as_str()), "unit1 reaches {id}");
    }
    assert!(!seen.contains(gid("Organization", unit2).as_str()));
    assert!(seen.contains(own.as_str()));
    // Downloads and ledgers.
    let token = app.token("unit1").await;
    let r = app
        .client()
        .get(app.url(&format!("/evidence/{}", gid("EvidenceFile", file))))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    let r = app
        .client()
        .get(app.url(&format!("/evidence/{}", gid("EvidenceFile", file))))
        .bearer_auth(app.token("unit2").await)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let ledger = app.client().get(app.url("/ledgers/rectification.xlsx")).bearer_auth(&token).send().await.unwrap();
    let bytes = ledger.bytes().await.unwrap();
    let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    use calamine::Reader;
    let name = book.sheet_names()[0].clone();
    let cells: Vec<String> = book.worksheet_range(&name).unwrap().cells().map(|(_, _, c)| c.to_string()).collect();
    assert!(!cells.contains(&gid("RectificationTask", task)));
    let r = app
        .client()
        .get(app.url(&format!("/ledgers/rectification.xlsx?unitId={}", gid("Organization", unit2))))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
}

/// How many accountability records target units and persons, and how many regulations are on finance.
const COUNTS_BY_TARGET_AND_CATEGORY: &str = r#"{
  units: accountabilityRecords(filter: { target: UNIT }) { totalCount }
  persons: accountabilityRecords(filter: { target: PERSON }) { totalCount }
  finance: regulations(filter: { category: FINANCE }) { totalCount }
}"#;

/// How many regulations one inspection led to, and one unit's records and sessions.
const COUNTS_OF_INSPECTION_AND_UNIT: &str = r#"query($i: ID!, $u: ID!) {
  r: regulations(filter: { inspectionId: $i }) { totalCount }
  a: accountabilityRecords(filter: { unitId: $u }) { totalCount }
  s: interviewSessions(filter: { unitId: $u }) { totalCount }
}"#;

#[tokio::test]
async fn the_results_lists_filter_as_their_filters_say() {
    let app = TestApp::spawn().await;
    let d = app.data("office", COUNTS_BY_TARGET_AND_CATEGORY, json!({})).await;
    assert_eq!(d["units"]["totalCount"], app.count_where("accountability_records", "target = 'UNIT'").await);
    assert_eq!(d["persons"]["totalCount"], app.count_where("accountability_records", "target = 'PERSON'").await);
    assert_eq!(d["finance"]["totalCount"], app.count_where("regulations", "category = 'FINANCE'").await);
    let unit2 = app.org_of("unit2").await;
    let inspection =
        app.first_id(&format!("SELECT id FROM inspections WHERE unit_id = {unit2} AND status = 'CLOSED'")).await;
    let d = app
        .data(
            "office",
            COUNTS_OF_INSPECTION_AND_UNIT,
            json!({ "i": gid("Inspection", inspection), "u": gid("Organization", unit2) }),
        )
        .await;
    assert_eq!(d["r"]["totalCount"], app.count_where("regulations", &format!("inspection_id = {inspection}")).await);
    assert_eq!(d["a"]["totalCount"], app.count_where("accountability_records", &format!("unit_id = {unit2}")).await);
    assert_eq!(d["s"]["totalCount"], app.count_where("interviewees", &format!("unit_id = {unit2}")).await);
    // A filter's id of the wrong type is bad input, named by its path.
    let body = app.as_user("office", SESSIONS_OF_UNIT, json!({ "u": gid("Round", 1) })).await;
    assert_code(&body, "BAD_USER_INPUT");
    assert_eq!(body["errors"][0]["extensions"]["field"], "filter.unitId");
}

/// The caller's tasks, each with its recommendation's tasks, and its reports and files with theirs.
const TASKS_LINKED_BOTH_WAYS: &str = r#"{
  rectificationTasks(first: 100) {
    nodes {
      id
      recommendation { id rectificationTasks { id } }
      progressReports {
        task { id }
        evidence { progressReport { task { id } } }
      }
    }
  }
}"#;

/// The caller's regulations, each with the task it answers and the inspections of both.
const REGULATIONS_WITH_TASKS: &str = r#"{
  regulations(first: 100) {
    nodes { task { id inspection { id } } inspection { id } }
  }
}"#;

/// The round the statistics are of: none over all rounds, and the one asked for.
const STATISTICS_ROUNDS: &str = r#"query($r: ID!) {
  a: statistics { round { id } }
  r: statistics(roundId: $r) { round { id } }
}"#;

#[tokio::test]
async fn the_records_link_both_ways_within_the_callers_view() {
    let app = TestApp::spawn().await;
    // A task's report knows its task; a file its report; a recommendation its tasks.
    let d = app.data("unit1", TASKS_LINKED_BOTH_WAYS, json!({})).await;
    let tasks = d["rectificationTasks"]["nodes"].as_array().unwrap();
    assert!(tasks.iter().any(|t| !t["progressReports"].as_array().unwrap().is_empty()));
    for t in tasks {
        assert!(t["recommendation"]["rectificationTasks"].as_array().unwrap().iter().any(|x| x["id"] == t["id"]));
        for r in t["progressReports"].as_array().unwrap() {
            assert_eq!(r["task"]["id"], t["id"]);
            for e in r["evidence"].as_array().unwrap() {
                assert_eq!(e["progressReport"]["task"]["id"], t["id"]);
            }
        }
    }
    // A regulation names the task it answers; the statistics name their round.
    let d = app.data("unit2", REGULATIONS_WITH_TASKS, json!({})).await;
    let regulations = d["regulations"]["nodes"].as_array().unwrap();
    assert!(!regulations.is_empty());
    for r in regulations {
        assert_eq!(r["task"]["inspection"]["id"], r["inspection"]["id"]);
    }
    let round = gid("Round", app.first_id("SELECT id FROM rounds ORDER BY id").await);
    let d = app.data("leader", STATISTICS_ROUNDS, json!({ "r": round })).await;
    assert!(d["a"]["round"].is_null());
    assert_eq!(d["r"]["round"]["id"], round.as_str());
}

/// Every row of a list as the office sees it, with a filter and an order, in pages of 100.
async fn every_row(app: &TestApp, list: &str, text: &str, filter: Value, order: &str) -> Vec<(i32, String)> {
    let q = format!(
        "query($f: {t}Filter, $o: CreationOrder, $a: String) {{ {list}(first: 100, after: $a, filter: $f, orderBy: $o) {{ nodes {{ id {text} }} pageInfo {{ endCursor hasNextPage }} }} }}",
        t = {
            let mut c = list[..list.len() - 1].to_owned();
            c[..1].make_ascii_uppercase();
            c
        }
    );
    let (mut all, mut after) = (Vec::new(), Value::Null);
    loop {
        let page = app.data("office", &q, json!({ "f": filter, "o": order, "a": after })).await[list].clone();
        all.extend(
            page["nodes"]
                .as_array()
                .unwrap()
                .iter()
                .map(|n| (tests::row_of(n["id"].as_str().unwrap()), n[text].as_str().unwrap().to_owned())),
        );
        if !page["pageInfo"]["hasNextPage"].as_bool().unwrap() {
            return all;
        }
        after = page["pageInfo"]["endCursor"].clone();
    }
}

#[tokio::test]
async fn findings_clues_recommendations_and_petitions_are_searched_by_their_text_and_ordered_both_ways() {
    let app = TestApp::spawn().await;
    for (list, text) in [
        ("findings", "description"),
        ("clues", "allegedViolation"),
        ("recommendations", "content"),
        ("petitions", "content"),
    ] {
        let all = every_row(&app, list, text, json!({}), "CREATED_AT_ASC").await;
        assert!(all.windows(2).all(|w| w[0].0 < w[1].0), "{list}: oldest first");
        let newest = every_row(&app, list, text, json!({}), "CREATED_AT_DESC").await;
        let mut reversed = all.clone();
        reversed.reverse();
        assert_eq!(newest, reversed, "{list}: newest first is the same rows the other way");
        let word: String = all[all.len() / 2].1.chars().take(3).collect();
        let found = every_row(&app, list, text, json!({ "search": word }), "CREATED_AT_ASC").await;
        let expected: Vec<(i32, String)> = all.iter().filter(|(_, t)| t.contains(&word)).cloned().collect();
        assert_eq!(found, expected, "{list}: search {word}");
        assert!(!found.is_empty());
    }
    // Clues in several states at once.
    let q = "query($s: [ClueStatus!]) { clues(filter: { statuses: $s }) { totalCount } }";
    let both =
        app.data("office", q, json!({ "s": ["SUBMITTED", "APPROVED"] })).await["clues"]["totalCount"].as_i64().unwrap();
    let one = |s: &'static str| {
        let app = &app;
        async move { app.data("office", q, json!({ "s": [s] })).await["clues"]["totalCount"].as_i64().unwrap() }
    };
    assert_eq!(both, one("SUBMITTED").await + one("APPROVED").await);
}

#[tokio::test]
async fn the_records_lists_narrow_to_a_unit_a_round_and_referrals_to_an_inspection() {
    let app = TestApp::spawn().await;
    let unit = app.org_of("unit2").await;
    let round = app
        .first_id(&format!(
            "SELECT round_id AS id FROM inspections WHERE unit_id = {unit} AND status = 'CLOSED' ORDER BY id"
        ))
        .await;
    let (u, r) = (gid("Organization", unit), gid("Round", round));
    let of = format!("inspection_id IN (SELECT id FROM inspections WHERE unit_id = {unit} AND round_id = {round})");
    for (list, table) in [("findings", "findings"), ("clues", "clues"), ("recommendations", "recommendations")] {
        let q = format!("query($u: ID, $r: ID) {{ {list}(filter: {{ unitId: $u, roundId: $r }}) {{ totalCount }} }}");
        let seen = app.data("office", &q, json!({ "u": u, "r": r })).await[list]["totalCount"].as_i64().unwrap();
        assert_eq!(seen, app.count_where(table, &of).await, "{list}");
        assert!(seen > 0, "{list}");
        // A team that neither inspected nor followed it up sees none of it through the filter.
        let inspecting = app
            .first_id(&format!("SELECT team_id AS id FROM inspections WHERE unit_id = {unit} AND round_id = {round}"))
            .await;
        let following = app
            .count_where(
                "inspections",
                &format!(
                    "unit_id = {unit} AND parent_inspection_id IS NOT NULL AND team_id = {}",
                    app.org_of("team4").await
                ),
            )
            .await;
        if inspecting != app.org_of("team4").await && following == 0 {
            let team = app.as_user("team4", &q, json!({ "u": u, "r": r })).await;
            let n = team["data"][list]["totalCount"].as_i64();
            assert!(n.is_none_or(|n| n == 0), "{list} as team4: {team}");
        }
    }
    let inspection = app
        .first_id("SELECT c.inspection_id AS id FROM referrals x JOIN clues c ON c.id = x.clue_id ORDER BY x.id")
        .await;
    let q = "query($i: ID) { referrals(filter: { inspectionId: $i }) { totalCount } }";
    let seen = app.data("office", q, json!({ "i": gid("Inspection", inspection) })).await["referrals"]["totalCount"]
        .as_i64()
        .unwrap();
    let expected = app
        .count_where(
            "referrals",
            &format!("clue_id IN (SELECT id FROM clues WHERE inspection_id = {inspection}) OR finding_id IN (SELECT id FROM findings WHERE inspection_id = {inspection})"),
        )
        .await;
    assert_eq!(seen, expected);
    // An agency never learns where its referrals come from.
    tests::assert_code(&app.as_user("agency1", q, json!({ "i": gid("Inspection", inspection) })).await, "FORBIDDEN");
}

/// Every list a screen sorts, in each of its orders: sorted by the column the order names, and
/// paging through it with cursors gives the same rows as one long page.
#[tokio::test]
async fn every_list_is_sorted_as_its_order_says_and_pages_through_it_stably() {
    let app = TestApp::spawn().await;
    // Entries in the lists the demo leaves short: reads in the access log, credentials, a term.
    app.test_term().await;
    for _ in 0..3 {
        app.data("team1", "{ clues(first: 5) { nodes { id } } }", json!({})).await;
    }
    for label in ["案件系统", "组织系统", "审计系统"] {
        let agency = gid("Organization", app.org_of("agency1").await);
        app.data(
            "office",
            "mutation($i: CreateServiceCredentialInput!) { createServiceCredential(input: $i) { clientId } }",
            json!({ "i": { "agencyId": agency, "label": label } }),
        )
        .await;
    }
    // (list, the node's key field, [(order, ascending)])
    type Orders = &'static [(&'static str, bool)];
    let lists: [(&str, &str, Orders); 16] = [
        ("regulations", "createdAt", &[("CREATED_AT_DESC", false), ("CREATED_AT_ASC", true)]),
        ("regulations", "effectiveOn", &[("EFFECTIVE_ON_DESC", false), ("EFFECTIVE_ON_ASC", true)]),
        ("interviewSessions", "heldOn", &[("HELD_ON_DESC", false), ("HELD_ON_ASC", true)]),
        ("accountabilityRecords", "decidedOn", &[("DECIDED_ON_DESC", false), ("DECIDED_ON_ASC", true)]),
        ("rosterEntries", "createdAt", &[("CREATED_AT_ASC", true), ("CREATED_AT_DESC", false)]),
        ("accessLog", "at", &[("AT_DESC", false), ("AT_ASC", true)]),
        ("serviceCredentials", "clientId", &[("USERNAME_ASC", true)]),
        ("rectificationPlans", "dueOn", &[("DUE_ON_ASC", true), ("DUE_ON_DESC", false)]),
        ("rectificationReports", "updatedAt", &[("UPDATED_AT_DESC", false)]),
        ("supervisionNotes", "createdAt", &[("CREATED_AT_DESC", false), ("CREATED_AT_ASC", true)]),
        ("planEntries", "year", &[("YEAR_ASC", true), ("YEAR_DESC", false)]),
        ("roundReports", "createdAt", &[("CREATED_AT_DESC", false), ("CREATED_AT_ASC", true)]),
        ("hearings", "heardOn", &[("HEARD_ON_DESC", false), ("HEARD_ON_ASC", true)]),
        ("decisions", "decidedOn", &[("DECIDED_ON_DESC", false), ("DECIDED_ON_ASC", true)]),
        ("terms", "startsOn", &[("STARTS_ON_DESC", false), ("STARTS_ON_ASC", true)]),
        ("inspections", "createdAt", &[("CREATED_AT_DESC", false), ("CREATED_AT_ASC", true)]),
    ];
    for (list, key, orders) in lists {
        for &(order, ascending) in orders {
            let doc = format!(
                "query($n: Int, $after: String) {{ {list}(first: $n, after: $after, orderBy: {order}) {{ edges {{ cursor node {{ id {key} }} }} }} }}"
            );
            let mut who = "office";
            let mut all = app.as_user(who, &doc, json!({ "n": 100 })).await;
            if tests::code(&all) == Some("FORBIDDEN") {
                who = "leader";
                all = app.as_user(who, &doc, json!({ "n": 100 })).await;
            }
            let edges =
                all["data"][list]["edges"].as_array().unwrap_or_else(|| panic!("{list} {order}: {all}")).clone();
            assert!(edges.len() >= 2, "{list} {order}: too few rows to tell an order: {all}");
            // Sorted by the key (text compares as the server's ISO dates and times do).
            let keys: Vec<String> = edges.iter().map(|e| e["node"][key].to_string()).collect();
            for pair in keys.windows(2) {
                let in_order = if ascending { pair[0] <= pair[1] } else { pair[0] >= pair[1] };
                assert!(in_order, "{list} {order}: {} before {}", pair[0], pair[1]);
            }
            // Pages of three, each after the last cursor of the one before: the same rows.
            let mut paged = Vec::new();
            let mut after = Value::Null;
            while paged.len() < 9.min(edges.len()) {
                let page = app.data(who, &doc, json!({ "n": 3, "after": after })).await;
                let page = page[list]["edges"].as_array().unwrap().clone();
                assert!(!page.is_empty(), "{list} {order}: an empty page before the end");
                after = page.last().unwrap()["cursor"].clone();
                paged.extend(page.into_iter().map(|e| e["node"]["id"].clone()));
            }
            let first: Vec<Value> = edges.iter().take(paged.len()).map(|e| e["node"]["id"].clone()).collect();
            assert_eq!(paged, first, "{list} {order}: paging differs from one long page");
        }
    }
}
