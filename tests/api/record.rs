//! The inspection record: its lifecycle and time window, clues' lifecycle, what each role may
//! reach of it, the access log, and statement budgets.

use serde_json::{Value, json};
use tests::{TestApp, assert_code, code, gid};

/// Records a finding of an inspection.
const CREATE_FINDING: &str = r#"mutation($i: CreateFindingInput!) {
  createFinding(input: $i) { finding { id } }
}"#;

/// Writes a recommendation answering some findings.
const CREATE_RECOMMENDATION: &str = r#"mutation($i: CreateRecommendationInput!) {
  createRecommendation(input: $i) { recommendation { id } }
}"#;

async fn inspection_of(app: &TestApp, where_: &str) -> String {
    gid("Inspection", app.first_id(&format!("SELECT id FROM inspections WHERE {where_} ORDER BY id")).await)
}

async fn unit_inspection(app: &TestApp, account: &str, round: &str) -> String {
    let unit = app.org_of(account).await;
    let round = app.first_id(&format!("SELECT id FROM rounds WHERE name = '{round}'")).await;
    inspection_of(app, &format!("unit_id = {unit} AND round_id = {round}")).await
}

const ROUND6: &str = "2017年第一轮巡察";
const ROUND2: &str = "2015年第一轮巡察";

async fn finding(app: &TestApp, who: &str, inspection: &str) -> Value {
    app.as_user(
        who,
        CREATE_FINDING,
        json!({ "i": { "inspectionId": inspection, "category": "WORK_STYLE", "description": "超标准接待", "evidence": "接待清单" } }),
    )
    .await
}

/// An inspection's status.
const INSPECTION_STATUS: &str = "query($i: ID!) { node(id: $i) { ... on Inspection { status } } }";

async fn status(app: &TestApp, id: &str) -> String {
    app.data("office", INSPECTION_STATUS, json!({ "i": id })).await["node"]["status"].as_str().unwrap().to_owned()
}

/// Writes a draft clue, answering with its status and the persons it names.
const CREATE_CLUE_WITH_PERSONS: &str = r#"mutation($i: CreateClueInput!) {
  createClue(input: $i) { clue { id status persons { name rank } } }
}"#;

async fn create_clue(app: &TestApp, inspection: &str) -> Value {
    app.data(
        "team1.member",
        CREATE_CLUE_WITH_PERSONS,
        json!({ "i": {
            "inspectionId": inspection,
            "persons": [{ "name": "某甲", "rank": "DIVISION_LEVEL", "position": "局长" }, { "name": "某乙", "rank": "STAFF", "position": "会计" }],
            "allegedViolation": "违规发放补贴", "evidence": "工资表", "source": "DOCUMENT_REVIEW"
        } }),
    )
    .await["createClue"]["clue"]
        .clone()
}

async fn transition(app: &TestApp, who: &str, op: &str, input: Value) -> Value {
    let t = op[..1].to_uppercase() + &op[1..];
    app.as_user(who, &format!("mutation($i: {t}Input!) {{ {op}(input: $i) {{ __typename }} }}"), json!({ "i": input }))
        .await
}

#[tokio::test]
async fn an_inspection_moves_through_its_lifecycle_and_the_team_writes_only_in_its_window() {
    let app = TestApp::spawn().await;
    // A planned inspection of team 1 in round 5, which is in progress.
    let round = app.first_id(&format!("SELECT id FROM rounds WHERE name = '{ROUND6}'")).await;
    let team = app.org_of("team1").await;
    let unit = app
        .first_id(&format!(
            "SELECT id FROM organizations WHERE kind = 'AUDITED_UNIT' AND id NOT IN (SELECT unit_id FROM inspections WHERE round_id = {round}) ORDER BY id"
        ))
        .await;
    app.sql(&format!(
        "INSERT INTO inspections (round_id, team_id, unit_id, status, created_at, updated_at, version) VALUES ({round}, {team}, {unit}, 'PLANNED', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 1)"
    ))
    .await;
    let id = inspection_of(&app, &format!("round_id = {round} AND unit_id = {unit}")).await;
    let by_id = json!({ "id": id });
    let hearing = json!({ "subjectId": id, "heardOn": tests::today(), "opinion": "同意报告", "proposedHandling": "按程序反馈", "outcome": "ACCEPTED" });
    let decision = json!({ "subjectId": id, "decidedOn": tests::today(), "text": "同意反馈" });
    let steps: [(&str, &str, Value, &str); 7] = [
        ("office", "stationInspection", by_id.clone(), "STATIONED"),
        ("team1", "submitInspectionReport", by_id.clone(), "REPORTED"),
        ("leader", "recordHearing", hearing, "HEARD"),
        ("office", "recordDecision", decision, "DECIDED"),
        ("office", "releaseFeedback", by_id.clone(), "FEEDBACK_GIVEN"),
        ("office", "beginRectification", by_id.clone(), "RECTIFYING"),
        ("office", "closeInspection", by_id.clone(), "CLOSED"),
    ];
    for (n, (who, op, input, to)) in steps.iter().enumerate() {
        // Every other transition is refused from here, and changes nothing.
        for (other_who, other, other_input, _) in steps.iter().filter(|s| s.1 != *op) {
            let before = app.digest().await;
            assert_code(&transition(&app, other_who, other, other_input.clone()).await, "INVALID_TRANSITION");
            assert_eq!(app.digest().await, before, "{other} from step {n}");
        }
        // The team writes only from stationing until the feedback is released.
        let before = app.digest().await;
        let write = finding(&app, "team1.member", &id).await;
        let current = status(&app, &id).await;
        if ["STATIONED", "REPORTED", "HEARD", "DECIDED"].contains(&current.as_str()) {
            assert!(write.get("errors").is_none(), "{current}: {write}");
        } else {
            assert_code(&write, "INVALID_TRANSITION");
            assert_eq!(app.digest().await, before, "a write in {current} changed the database");
        }
        if *op == "submitInspectionReport" {
            // Not without the report and both feedback documents.
            assert_code(&transition(&app, who, op, input.clone()).await, "BAD_USER_INPUT");
            for save in ["saveReport", "saveFeedback", "savePrincipalFeedback"] {
                let body = transition(&app, "team1", save, json!({ "inspectionId": id, "body": "正文" })).await;
                assert!(body.get("errors").is_none(), "{body}");
            }
        }
        let body = transition(&app, who, op, input.clone()).await;
        assert!(body.get("errors").is_none(), "{op}: {body}");
        assert_eq!(status(&app, &id).await, *to);
        if *to == "REPORTED" {
            // The submitted report is frozen.
            let body = transition(&app, "team1", "saveReport", json!({ "inspectionId": id, "body": "改" })).await;
            assert_code(&body, "INVALID_TRANSITION");
        }
    }
    // Another team never writes it.
    assert_code(&finding(&app, "team2", &id).await, "NOT_FOUND");
}

/// Edits a clue.
const UPDATE_CLUE: &str = r#"mutation($i: UpdateClueInput!) {
  updateClue(input: $i) { clue { id } }
}"#;

/// Rejects a submitted clue, with the reason.
const REJECT_CLUE: &str = r#"mutation($i: RejectClueInput!) {
  rejectClue(input: $i) { clue { status rejectionReason } }
}"#;

#[tokio::test]
async fn clues_go_draft_submitted_then_approved_or_rejected_and_nowhere_else() {
    let app = TestApp::spawn().await;
    let team = app.org_of("team1").await;
    let inspection = inspection_of(&app, &format!("team_id = {team} AND status = 'STATIONED'")).await;
    let clue = create_clue(&app, &inspection).await;
    assert_eq!(clue["status"], "DRAFT");
    assert_eq!(clue["persons"][0]["rank"], "DIVISION_LEVEL");
    let id = clue["id"].as_str().unwrap().to_owned();
    let before = app.digest().await;
    assert_code(&transition(&app, "leader", "approveClue", json!({ "id": id })).await, "INVALID_TRANSITION");
    assert_code(
        &transition(&app, "leader", "rejectClue", json!({ "id": id, "reason": "x" })).await,
        "INVALID_TRANSITION",
    );
    tests::assert_unchanged(&app.digest().await, &before);
    assert!(transition(&app, "team1", "submitClue", json!({ "id": id })).await.get("errors").is_none());
    // Submitted, it is no longer the team's to edit.
    let edit = app.as_user("team1", UPDATE_CLUE, json!({ "i": { "id": id, "evidence": "改" } })).await;
    assert_code(&edit, "INVALID_TRANSITION");
    assert_code(&transition(&app, "team1", "submitClue", json!({ "id": id })).await, "INVALID_TRANSITION");
    assert_code(&transition(&app, "leader", "rejectClue", json!({ "id": id, "reason": "  " })).await, "BAD_USER_INPUT");
    assert!(transition(&app, "leader", "approveClue", json!({ "id": id })).await.get("errors").is_none());
    assert_code(
        &transition(&app, "leader", "rejectClue", json!({ "id": id, "reason": "晚了" })).await,
        "INVALID_TRANSITION",
    );

    let other = create_clue(&app, &inspection).await["id"].as_str().unwrap().to_owned();
    transition(&app, "team1", "submitClue", json!({ "id": other })).await;
    let body = app.data("leader", REJECT_CLUE, json!({ "i": { "id": other, "reason": "证据不足" } })).await;
    assert_eq!(body["rejectClue"]["clue"]["status"], "REJECTED");
    assert_eq!(body["rejectClue"]["clue"]["rejectionReason"], "证据不足");
}

/// Every id of a list as the office sees it.
async fn all_ids(app: &TestApp, list: &str) -> Vec<String> {
    let mut ids = Vec::new();
    let mut after = Value::Null;
    loop {
        let body = app
            .data(
                "office",
                &format!("query($a: String) {{ {list}(first: 100, after: $a) {{ edges {{ node {{ id }} }} pageInfo {{ hasNextPage endCursor }} }} }}"),
                json!({ "a": after }),
            )
            .await;
        for e in body[list]["edges"].as_array().unwrap() {
            ids.push(e["node"]["id"].as_str().unwrap().to_owned());
        }
        if !body[list]["pageInfo"]["hasNextPage"].as_bool().unwrap() {
            return ids;
        }
        after = body[list]["pageInfo"]["endCursor"].clone();
    }
}

async fn reachable(app: &TestApp, account: &str, ids: &[String]) -> usize {
    let mut n = 0;
    for chunk in ids.chunks(100) {
        let body = app.as_user(account, "query($i: [ID!]!) { nodes(ids: $i) { id } }", json!({ "i": chunk })).await;
        assert!(body.get("errors").is_none(), "{account}: {}", body["errors"]);
        n += body["data"]["nodes"].as_array().unwrap().iter().filter(|v| !v.is_null()).count();
    }
    n
}

/// An inspection's report and feedback, as far as the caller may see them.
const INSPECTION_REPORT_AND_FEEDBACK: &str = r#"query($i: ID!) {
  node(id: $i) {
    ... on Inspection { report { id } feedback { body releasedAt } }
  }
}"#;

/// How many of an inspection's findings and recommendations the caller sees.
const INSPECTION_FINDING_AND_RECOMMENDATION_COUNTS: &str = r#"query($i: ID!) {
  findings(filter: { inspectionId: $i }) { totalCount }
  recommendations(filter: { inspectionId: $i }) { totalCount }
}"#;

/// An inspection's findings, each with whether the feedback includes it.
const INSPECTION_FINDINGS: &str = r#"query($i: ID!) {
  findings(filter: { inspectionId: $i }) {
    totalCount
    nodes { id includeInFeedback }
  }
}"#;

/// An inspection's findings with the petition behind each, and the findings each recommendation answers.
const INSPECTION_FINDINGS_AND_RECOMMENDATIONS: &str = r#"query($i: ID!) {
  findings(filter: { inspectionId: $i }) {
    totalCount
    nodes { id petition { id } }
  }
  recommendations(filter: { inspectionId: $i }) {
    nodes { findings { id includeInFeedback } }
  }
}"#;

/// An inspection, and how many of its findings the caller sees.
const INSPECTION_AND_FINDING_COUNT: &str = r#"query($i: ID!) {
  findings(filter: { inspectionId: $i }) { totalCount }
  node(id: $i) { id }
}"#;

#[tokio::test]
async fn no_clue_petition_report_or_unreleased_feedback_reaches_units_or_agencies() {
    let app = TestApp::spawn().await;
    let clues = all_ids(&app, "clues").await;
    let petitions = all_ids(&app, "petitions").await;
    assert!(!clues.is_empty() && !petitions.is_empty());
    let reports: Vec<String> = (1..=app.count("reports").await as i32).map(|i| gid("Report", i)).collect();
    for account in ["unit1", "unit2", "unit3", "agency1", "agency2"] {
        for list in ["clues", "petitions"] {
            let body = app.as_user(account, &format!("{{ {list} {{ totalCount }} }}"), json!({})).await;
            assert_code(&body, "FORBIDDEN");
        }
        assert_eq!(reachable(&app, account, &clues).await, 0, "{account} reaches clues");
        assert_eq!(reachable(&app, account, &petitions).await, 0, "{account} reaches petitions");
        assert_eq!(reachable(&app, account, &reports).await, 0, "{account} reaches reports");
    }
    // Through the inspections a unit may see: no report, and feedback only once released.
    for (account, round, released) in [("unit1", ROUND6, true), ("unit2", ROUND6, false), ("unit2", ROUND2, true)] {
        let id = unit_inspection(&app, account, round).await;
        let body = app.data(account, INSPECTION_REPORT_AND_FEEDBACK, json!({ "i": id })).await;
        assert!(body["node"]["report"].is_null(), "{account} sees a report: {body}");
        assert_eq!(body["node"]["feedback"].is_null(), !released, "{account} {round}: {body}");
        let f = app.data(account, INSPECTION_FINDING_AND_RECOMMENDATION_COUNTS, json!({ "i": id })).await;
        assert_eq!(f["findings"]["totalCount"].as_i64().unwrap() > 0, released, "{account} {round}: {f}");
        assert_eq!(f["recommendations"]["totalCount"].as_i64().unwrap() > 0, released, "{account} {round}: {f}");
    }
    // Of a released feedback, only the findings meant for the unit; and no petition behind them.
    let id = unit_inspection(&app, "unit1", ROUND6).await;
    let all = app.data("office", INSPECTION_FINDINGS, json!({ "i": id })).await;
    let meant: Vec<&Value> =
        all["findings"]["nodes"].as_array().unwrap().iter().filter(|f| f["includeInFeedback"] == true).collect();
    assert!(meant.len() < all["findings"]["totalCount"].as_u64().unwrap() as usize);
    let seen = app.data("unit1", INSPECTION_FINDINGS_AND_RECOMMENDATIONS, json!({ "i": id })).await;
    assert_eq!(seen["findings"]["totalCount"].as_u64().unwrap() as usize, meant.len());
    for f in seen["findings"]["nodes"].as_array().unwrap() {
        assert!(f["petition"].is_null());
    }
    for r in seen["recommendations"]["nodes"].as_array().unwrap() {
        for f in r["findings"].as_array().unwrap() {
            assert_eq!(f["includeInFeedback"], true);
        }
    }
    // unit1 never reaches unit2's released round-2 record.
    let other = unit_inspection(&app, "unit2", ROUND2).await;
    let body = app.data("unit1", INSPECTION_AND_FINDING_COUNT, json!({ "i": other })).await;
    assert_eq!(body["findings"]["totalCount"], 0);
    assert!(body["node"].is_null());
}

#[tokio::test]
async fn team1_and_team2_do_not_reach_each_others_record() {
    let app = TestApp::spawn().await;
    for list in ["clues", "petitions", "findings", "recommendations"] {
        let all = all_ids(&app, list).await;
        let mut seen = Vec::new();
        for account in ["team1", "team2"] {
            let team = gid("Organization", app.org_of(account).await);
            let body = app
                .data(
                    account,
                    &format!("{{ {list}(first: 100) {{ totalCount nodes {{ id inspection {{ team {{ id }} }} }} }} }}"),
                    json!({}),
                )
                .await;
            let nodes = body[list]["nodes"].as_array().unwrap();
            for n in nodes {
                assert_eq!(n["inspection"]["team"]["id"], team.as_str(), "{account} {list}");
            }
            let total = body[list]["totalCount"].as_u64().unwrap() as usize;
            assert!(total > 0 && total < all.len(), "{account} {list}: {total} of {}", all.len());
            assert_eq!(reachable(&app, account, &all).await, total, "{account} {list}: node and list disagree");
            seen.push(
                nodes.iter().map(|n| n["id"].as_str().unwrap().to_owned()).collect::<std::collections::BTreeSet<_>>(),
            );
        }
        assert!(seen[0].is_disjoint(&seen[1]), "{list}: team1 and team2 share rows");
    }
    // A team may not write another team's inspection, nor learn that it exists.
    let team2 = app.org_of("team2").await;
    let theirs = inspection_of(&app, &format!("team_id = {team2} AND status = 'STATIONED'")).await;
    let before = app.digest().await;
    assert_code(&finding(&app, "team1", &theirs).await, "NOT_FOUND");
    assert_code(&finding(&app, "team1", &gid("Inspection", 99999)).await, "NOT_FOUND");
    tests::assert_unchanged(&app.digest().await, &before);
}

/// An inspection's petitions, with who reported each and how to reach them.
const INSPECTION_PETITIONS_WITH_REPORTERS: &str = r#"query($i: ID!) {
  petitions(filter: { inspectionId: $i }) {
    nodes { content reporterName reporterContact }
  }
}"#;

#[tokio::test]
async fn reporters_are_read_only_by_the_team_and_the_office() {
    let app = TestApp::spawn().await;
    let team = app.org_of("team1").await;
    let inspection = inspection_of(
        &app,
        &format!(
            "team_id = {team} AND status = 'STATIONED' AND id IN (SELECT inspection_id FROM petitions WHERE reporter_name IS NOT NULL) \
             AND unit_id NOT IN (SELECT c.unit_id FROM expert_conflicts c JOIN experts e ON e.id = c.expert_id WHERE e.user_id IS NOT NULL)"
        ),
    )
    .await;
    for (account, sees) in [("team1", true), ("team1.member", true), ("office", true), ("leader", false)] {
        let body = app.data(account, INSPECTION_PETITIONS_WITH_REPORTERS, json!({ "i": inspection })).await;
        let nodes = body["petitions"]["nodes"].as_array().unwrap();
        assert!(!nodes.is_empty(), "{account}");
        let named = nodes.iter().filter(|p| p["reporterName"].is_string()).count();
        assert_eq!(named > 0, sees, "{account}: {body}");
        if !sees {
            assert!(nodes.iter().all(|p| p["reporterContact"].is_null()));
        }
    }
}

/// An inspection's clues, and its petitions with their reporters' names.
const INSPECTION_CLUES_AND_PETITIONS: &str = r#"query($i: ID!) {
  clues(filter: { inspectionId: $i }) { nodes { id } }
  petitions(filter: { inspectionId: $i }) { nodes { id reporterName } }
}"#;

/// From the access log: what one person read, and every entry on one object.
const READS_BY_USER_AND_OF_OBJECT: &str = r#"query($u: ID!, $o: ID!) {
  byUser: accessLog(filter: { userId: $u, actions: [READ] }) {
    totalCount
    nodes { roles objectType correlationId user { username } }
  }
  byObject: accessLog(filter: { objectId: $o }) { nodes { objectId action } }
}"#;

#[tokio::test]
async fn every_read_of_a_clue_or_a_reporter_is_in_the_access_log() {
    let app = TestApp::spawn().await;
    let team = app.org_of("team1").await;
    let inspection = inspection_of(&app, &format!("team_id = {team} AND status = 'STATIONED'")).await;
    let token = app.token("team1.member").await;
    let before = app.count("access_log").await;
    let response = app
        .client()
        .post(app.url("/graphql"))
        .bearer_auth(&token)
        .json(&json!({ "query": INSPECTION_CLUES_AND_PETITIONS, "variables": { "i": inspection } }))
        .send()
        .await
        .unwrap();
    let request_id = response.headers()["x-request-id"].to_str().unwrap().to_owned();
    let body: Value = response.json().await.unwrap();
    let clues = body["data"]["clues"]["nodes"].as_array().unwrap().len();
    let petitions = body["data"]["petitions"]["nodes"].as_array().unwrap().len();
    assert!(clues > 0 && petitions > 0);
    assert_eq!(app.count("access_log").await - before, (clues + petitions) as i64);
    // The office reads who read what, filtered by person and by object.
    let user = gid("User", app.row_id("users", "username", "team1.member").await);
    let clue = body["data"]["clues"]["nodes"][0]["id"].clone();
    let log = app.data("office", READS_BY_USER_AND_OF_OBJECT, json!({ "u": user, "o": clue })).await;
    assert_eq!(log["byUser"]["totalCount"].as_u64().unwrap() as usize, clues + petitions);
    for e in log["byUser"]["nodes"].as_array().unwrap() {
        assert_eq!(e["correlationId"], request_id.as_str());
        assert_eq!(e["roles"], json!(["TEAM_MEMBER"]));
        assert_eq!(e["user"]["username"], "team1.member");
        assert!(["CLUE", "PETITION_IDENTITY"].contains(&e["objectType"].as_str().unwrap()));
    }
    assert_eq!(log["byObject"]["nodes"][0]["objectId"], clue);
    // By node(id) too.
    app.token("leader").await;
    let before = app.count("access_log").await;
    app.data("leader", "query($c: ID!) { node(id: $c) { id } }", json!({ "c": clue })).await;
    assert_eq!(app.count("access_log").await, before + 1);
    // Only the office and the leadership group read the log; nobody changes it.
    assert_code(&app.as_user("team1", "{ accessLog { totalCount } }", json!({})).await, "FORBIDDEN");
    let backend_refuses = app.db.execute_unprepared("UPDATE access_log SET action = 'nothing'").await;
    assert!(backend_refuses.is_err(), "the database let the access log be changed");
    assert!(
        app.db.execute_unprepared("DELETE FROM access_log").await.is_err(),
        "the database let the access log be emptied"
    );
}

use sea_orm::ConnectionTrait;

#[tokio::test]
async fn when_the_log_cannot_be_written_nothing_happens_and_nothing_is_read() {
    let app = TestApp::spawn().await;
    let team = app.org_of("team1").await;
    let inspection = inspection_of(&app, &format!("team_id = {team} AND status = 'STATIONED'")).await;
    let token = app.token("team1").await;
    let _ = app.token("office").await;
    app.sql("DROP TABLE access_log").await;
    let before = app.digest().await;
    let body = app
        .gql(
            Some(&token),
            CREATE_FINDING,
            json!({ "i": { "inspectionId": inspection, "category": "OTHER", "description": "一条", "evidence": "证据" } }),
        )
        .await;
    assert_code(&body, "INTERNAL");
    assert_eq!(app.digest().await, before, "the finding was written without its log entry");
    let body = app.gql(Some(&token), "{ clues { nodes { id allegedViolation } } }", json!({})).await;
    assert_code(&body, "INTERNAL");
    assert!(body["data"].is_null() || body["data"]["clues"].is_null(), "clues left without a log entry: {body}");
    assert!(!body.to_string().contains("allegedViolation\":\""));
    let body = app.as_user("office", "{ petitions(first: 5) { nodes { id reporterName } } }", json!({})).await;
    assert!(
        body["data"]["petitions"]["nodes"].as_array().is_none_or(|n| n.iter().all(|p| p["reporterName"].is_null())),
        "{body}"
    );
}

/// Writes a draft clue.
const CREATE_CLUE: &str = r#"mutation($i: CreateClueInput!) {
  createClue(input: $i) { clue { id } }
}"#;

/// Records a petition received during an inspection.
const CREATE_PETITION: &str = r#"mutation($i: CreatePetitionInput!) {
  createPetition(input: $i) { petition { id } }
}"#;

#[tokio::test]
async fn bad_record_input_is_refused_with_a_clear_code() {
    let app = TestApp::spawn().await;
    let team = app.org_of("team1").await;
    let inspection = inspection_of(&app, &format!("team_id = {team} AND status = 'STATIONED'")).await;
    let before = app.digest().await;
    for (input, field) in [
        (
            json!({ "inspectionId": inspection, "category": "OTHER", "description": "", "evidence": "x" }),
            Some("description"),
        ),
        (
            json!({ "inspectionId": inspection, "category": "OTHER", "description": "x".repeat(5001), "evidence": "x" }),
            Some("description"),
        ),
        (
            json!({ "inspectionId": inspection, "category": "NOT_A_CATEGORY", "description": "x", "evidence": "x" }),
            None,
        ),
        (
            json!({ "inspectionId": gid("Round", 1), "category": "OTHER", "description": "x", "evidence": "x" }),
            Some("inspectionId"),
        ),
        (
            json!({ "inspectionId": inspection, "category": "OTHER", "description": "x", "evidence": "x", "petitionId": gid("Petition", 99999) }),
            Some("petitionId"),
        ),
    ] {
        let body = app.as_user("team1", CREATE_FINDING, json!({ "i": input })).await;
        assert_code(&body, "BAD_USER_INPUT");
        if let Some(f) = field {
            assert_eq!(body["errors"][0]["extensions"]["field"], f, "{body}");
        }
    }
    for persons in [
        json!([]),
        json!(
            (0..21)
                .map(|i| json!({ "name": format!("人{i}"), "rank": "STAFF", "position": "职员" }))
                .collect::<Vec<_>>()
        ),
        json!([{ "name": "", "rank": "STAFF", "position": "x" }]),
    ] {
        let body = app
            .as_user("team1", CREATE_CLUE, json!({ "i": { "inspectionId": inspection, "persons": persons, "allegedViolation": "x", "evidence": "x", "source": "OTHER" } }))
            .await;
        assert_code(&body, "BAD_USER_INPUT");
    }
    let body = app
        .as_user(
            "team1",
            CREATE_PETITION,
            json!({ "i": { "inspectionId": inspection, "content": "x", "receivedOn": "2999-01-01" } }),
        )
        .await;
    assert_code(&body, "BAD_USER_INPUT");
    let body = app
        .as_user(
            "team1",
            CREATE_RECOMMENDATION,
            json!({ "i": { "inspectionId": inspection, "content": "x", "findingIds": [] } }),
        )
        .await;
    assert_code(&body, "BAD_USER_INPUT");
    tests::assert_unchanged(&app.digest().await, &before);
    let _ = code;
}

/// A page of findings, with each one's inspection and unit.
const FINDINGS_PAGE: &str = r#"query($n: Int) {
  findings(first: $n) {
    totalCount
    edges { node { category political inspection { status unit { name } } } }
  }
}"#;

/// A page of clues, with the persons each names.
const CLUES_PAGE: &str = r#"query($n: Int) {
  clues(first: $n) {
    totalCount
    edges { node { status persons { name rank } } }
  }
}"#;

#[tokio::test]
async fn pages_of_findings_and_of_clues_run_a_fixed_number_of_statements() {
    let app = TestApp::spawn().await;
    let office = app.token("office").await;
    let (_, f10) = app.count_statements(app.gql(Some(&office), FINDINGS_PAGE, json!({ "n": 10 }))).await;
    let (_, c10) = app.count_statements(app.gql(Some(&office), CLUES_PAGE, json!({ "n": 10 }))).await;
    // Many more rows: every finding and clue copied tenfold.
    for _ in 0..10 {
        app.sql("INSERT INTO findings (inspection_id, category, description, evidence, include_in_feedback, petition_id, created_by, created_at, updated_at, version) SELECT inspection_id, category, description, evidence, include_in_feedback, NULL, created_by, created_at, updated_at, 1 FROM findings").await;
        if app.count("clues").await < 3000 {
            app.sql("INSERT INTO clues (inspection_id, status, alleged_violation, evidence, source, petition_id, rejection_reason, created_by, created_at, updated_at, version) SELECT inspection_id, status, alleged_violation, evidence, source, NULL, rejection_reason, created_by, created_at, updated_at, 1 FROM clues").await;
        }
    }
    app.sql("INSERT INTO clue_persons (clue_id, name, rank, position) SELECT id, '某', 'STAFF', '职员' FROM clues WHERE id NOT IN (SELECT clue_id FROM clue_persons)").await;
    assert!(app.count("findings").await > 10_000);
    // PostgreSQL keeps the caller's grants for a minute at most, and copying the rows can take that
    // long in a debug build: one request reads them again, so both counts are of kept grants.
    app.gql(Some(&office), "{ me { id } }", json!({})).await;
    let (body, f100) = app.count_statements(app.gql(Some(&office), FINDINGS_PAGE, json!({ "n": 100 }))).await;
    assert_eq!(body["data"]["findings"]["edges"].as_array().unwrap().len(), 100);
    let (body, c100) = app.count_statements(app.gql(Some(&office), CLUES_PAGE, json!({ "n": 100 }))).await;
    assert_eq!(body["data"]["clues"]["edges"].as_array().unwrap().len(), 100);
    assert_eq!(f10, f100, "findings");
    assert_eq!(c10, c100, "clues");
    // Authentication, page, count, inspections, units: five; clues add the log write and persons.
    assert!(f100 <= 5, "{f100}");
    assert!(c100 <= 5, "{c100}");
}

/// A person named in a clue.
const CLUE_PERSON: &str = "query($p: ID!) { node(id: $p) { ... on CluePerson { name rank } } }";

/// Records a petition, answering with the unit it names.
const CREATE_PETITION_ABOUT_UNIT: &str = r#"mutation($i: CreatePetitionInput!) {
  createPetition(input: $i) { petition { id unit { name } } }
}"#;

/// An inspection's report: its version, and when it was submitted.
const INSPECTION_REPORT: &str = r#"query($i: ID!) {
  node(id: $i) { ... on Inspection { report { id version submittedAt } } }
}"#;

/// How often the access log shows one object submitted.
const SUBMISSIONS_OF_OBJECT: &str = r#"query($r: ID!) {
  accessLog(filter: { objectId: $r, actions: [SUBMIT] }) { totalCount }
}"#;

/// An inspection's petitions, with their reporters' names.
const INSPECTION_PETITIONS: &str = r#"query($i: ID!) {
  petitions(filter: { inspectionId: $i }) { nodes { id reporterName } }
}"#;

/// The access log's entries on one object.
const ENTRIES_ON_OBJECT: &str = r#"query($p: ID!) {
  accessLog(filter: { objectId: $p }) { nodes { objectType action } }
}"#;

/// An inspection's recommendations, with whether the feedback includes each finding they answer.
const INSPECTION_RECOMMENDATIONS: &str = r#"query($i: ID!) {
  recommendations(filter: { inspectionId: $i }) {
    nodes { id findings { includeInFeedback } }
  }
}"#;

/// How many of an inspection's recommendations the caller sees.
const INSPECTION_RECOMMENDATION_COUNT: &str = r#"query($i: ID!) {
  recommendations(filter: { inspectionId: $i }) { totalCount }
}"#;

/// Deletes a finding.
const DELETE_FINDING: &str = r#"mutation($i: DeleteFindingInput!) {
  deleteFinding(input: $i) { deletedId }
}"#;

#[tokio::test]
async fn what_the_second_review_found_stays_fixed() {
    let app = TestApp::spawn().await;
    let team = app.org_of("team1").await;
    let inspection = inspection_of(&app, &format!("team_id = {team} AND status = 'STATIONED'")).await;

    // Reading a person named in a clue, by id, is logged.
    app.token("leader").await;
    let person = gid("CluePerson", app.first_id("SELECT id FROM clue_persons ORDER BY id").await);
    let before = app.count("access_log").await;
    let body = app.data("leader", CLUE_PERSON, json!({ "p": person })).await;
    assert!(body["node"]["name"].is_string());
    assert_eq!(app.count("access_log").await, before + 1);

    // Texts of several lines are accepted.
    let body = transition(
        &app,
        "team1",
        "saveFeedback",
        json!({ "inspectionId": inspection, "body": "一、问题\n二、建议\t（略）" }),
    )
    .await;
    assert!(body.get("errors").is_none(), "{body}");

    // A petition about a unit the team does not inspect is registered (to be passed on); one
    // about anything but an audited unit is refused, and a team of another unit alike.
    let other_unit = gid("Organization", app.org_of("unit2").await);
    let not_a_unit = gid("Organization", app.org_of("agency1").await);
    let a = app.as_user("team1", CREATE_PETITION_ABOUT_UNIT, json!({ "i": { "inspectionId": inspection, "unitId": other_unit, "content": "x", "receivedOn": tests::today() } })).await;
    assert!(a.get("errors").is_none(), "{a}");
    let b = app.as_user("team1", CREATE_PETITION_ABOUT_UNIT, json!({ "i": { "inspectionId": inspection, "unitId": not_a_unit, "content": "x", "receivedOn": tests::today() } })).await;
    let c = app.as_user("team1", CREATE_PETITION_ABOUT_UNIT, json!({ "i": { "inspectionId": inspection, "unitId": gid("Organization", app.org_of("team2").await), "content": "x", "receivedOn": tests::today() } })).await;
    assert_code(&b, "BAD_USER_INPUT");
    assert_eq!(b["errors"][0]["message"], c["errors"][0]["message"]);

    // Submitting logs the report, under its own id.
    let submit_on = inspection_of(&app, &format!("team_id = {team} AND status = 'STATIONED'")).await;
    for save in ["saveReport", "saveFeedback", "savePrincipalFeedback"] {
        transition(&app, "team1", save, json!({ "inspectionId": submit_on, "body": "正文" })).await;
    }
    assert!(
        transition(&app, "team1", "submitInspectionReport", json!({ "id": submit_on })).await.get("errors").is_none()
    );
    let report = app.data("office", INSPECTION_REPORT, json!({ "i": submit_on })).await["node"]["report"].clone();
    assert!(report["submittedAt"].is_string());
    let log = app.data("office", SUBMISSIONS_OF_OBJECT, json!({ "r": report["id"] })).await;
    assert_eq!(log["accessLog"]["totalCount"], 1);

    // Filtering the log by a petition finds the reads of its reporter too.
    let petition =
        app.data("team1", INSPECTION_PETITIONS, json!({ "i": inspection })).await["petitions"]["nodes"][0]["id"]
            .clone();
    let log = app.data("office", ENTRIES_ON_OBJECT, json!({ "p": petition })).await;
    assert!(
        log["accessLog"]["nodes"].as_array().unwrap().iter().any(|e| e["objectType"] == "PETITION_IDENTITY"),
        "{log}"
    );

    // A recommendation answering only withheld findings does not reach the unit, and a finding a
    // recommendation solely answers cannot be deleted.
    let unit1 = unit_inspection(&app, "unit1", ROUND6).await;
    let unit1_row = tests::row_of(&unit1);
    let withheld = app
        .first_id(&format!(
            "SELECT id FROM findings WHERE inspection_id = {unit1_row} AND include_in_feedback = false ORDER BY id"
        ))
        .await;
    app.sql(&format!(
        "INSERT INTO recommendations (inspection_id, content, created_by, created_at, updated_at, version) VALUES ({unit1_row}, '仅内部', 1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 1)"
    ))
    .await;
    let internal = app.first_id("SELECT id FROM recommendations ORDER BY id DESC").await;
    app.sql(&format!(
        "INSERT INTO recommendation_findings (recommendation_id, finding_id) VALUES ({internal}, {withheld})"
    ))
    .await;
    let seen = app
        .data("unit1", "query($r: ID!) { node(id: $r) { id } }", json!({ "r": gid("Recommendation", internal) }))
        .await;
    assert!(seen["node"].is_null(), "a recommendation answering only withheld findings reached the unit");
    let recs = app.data("office", INSPECTION_RECOMMENDATIONS, json!({ "i": unit1 })).await;
    let withheld_only = recs["recommendations"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["findings"].as_array().unwrap().iter().all(|f| f["includeInFeedback"] == false))
        .count();
    let seen = app.data("unit1", INSPECTION_RECOMMENDATION_COUNT, json!({ "i": unit1 })).await;
    assert_eq!(
        seen["recommendations"]["totalCount"].as_u64().unwrap() as usize,
        recs["recommendations"]["nodes"].as_array().unwrap().len() - withheld_only
    );
    let finding = app
        .data("team1", CREATE_FINDING, json!({ "i": { "inspectionId": inspection, "category": "OTHER", "description": "唯一", "evidence": "证" } }))
        .await["createFinding"]["finding"]["id"]
        .clone();
    app.data(
        "team1",
        CREATE_RECOMMENDATION,
        json!({ "i": { "inspectionId": inspection, "content": "改", "findingIds": [finding] } }),
    )
    .await;
    let body = app.as_user("team1", DELETE_FINDING, json!({ "i": { "id": finding } })).await;
    assert_code(&body, "BAD_USER_INPUT");
}
