//! Before the feedback: a whole round walked through as the regulations prescribe — planned in a
//! term, approved, started, the team stationed with its channels published, petitions registered
//! and passed on, the report heard (and returned once), decided, and both feedback documents
//! released — with every refusal along the way; the round's comprehensive report; the kinds of
//! inspection; coverage per term; villages; authority that ends; recusal that follows the people.

use serde_json::{Value, json};
use tests::{TestApp, assert_code, gid};

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

/// Plans a round, answering its id.
const CREATE_ROUND: &str = r#"mutation($i: CreateRoundInput!) {
  createRound(input: $i) { round { id startedOn term { id } } }
}"#;

/// Plans an inspection, answering its id and kind.
const CREATE_INSPECTION: &str = r#"mutation($i: CreateInspectionInput!) {
  createInspection(input: $i) { inspection { id kind } }
}"#;

/// Registers a petition, answering its id and status.
const CREATE_PETITION: &str = r#"mutation($i: CreatePetitionInput!) {
  createPetition(input: $i) { petition { id status } }
}"#;

/// Creates a user account.
const CREATE_USER: &str = r#"mutation($i: CreateUserInput!) {
  createUser(input: $i) { user { id } }
}"#;

/// An inspection's stage and what was decided before its feedback.
const INSPECTION_DECISIONS: &str = r#"query($i: ID!) {
  node(id: $i) {
    ... on Inspection {
      status kind
      report { submittedAt }
      hearings { outcome heardOn }
      decision { decidedOn }
      feedback { id releasedAt }
      principalFeedback { id releasedAt }
    }
  }
}"#;

/// A petition's handling.
const PETITION: &str = r#"query($p: ID!) {
  node(id: $p) { ... on Petition { status passedTo { name } answer outcome reporterName } }
}"#;

/// An inspection's feedback documents, as the caller reads them.
const FEEDBACKS: &str = r#"query($i: ID!) {
  node(id: $i) { ... on Inspection { feedback { body } principalFeedback { id body } } }
}"#;

/// The public notices, without a token.
const NOTICES: &str = r#"{
  inspectionNotices(first: 100) { totalCount nodes { teamName unitName channels { telephone noticeFrom } } }
}"#;

/// An organisation's id by name.
async fn org(app: &TestApp, name: &str) -> String {
    gid("Organization", app.row_id("organizations", "name", name).await)
}

/// Makes an account holding a role, with the demo password, and answers its user name.
async fn account(app: &TestApp, username: &str, role: &str, organization: &str, principal: bool) -> String {
    let d = app
        .data(
            "office",
            CREATE_USER,
            json!({ "i": { "username": username, "displayName": username, "password": api::demo::DEMO_PASSWORD } }),
        )
        .await;
    let user = d["createUser"]["user"]["id"].as_str().unwrap().to_owned();
    ok(
        app,
        "office",
        "assignRole",
        json!({ "userId": user, "role": role, "organizationId": organization, "principal": principal }),
    )
    .await;
    username.to_owned()
}

/// A planned round in the tests' term, starting today.
async fn round(app: &TestApp, name: &str) -> String {
    let term = app.test_term().await;
    let d = app
        .data(
            "office",
            CREATE_ROUND,
            json!({ "i": { "name": name, "startsOn": tests::today(), "endsOn": in_days(90), "termId": term } }),
        )
        .await;
    assert_eq!(d["createRound"]["round"]["term"]["id"], term.as_str());
    assert!(d["createRound"]["round"]["startedOn"].is_null());
    d["createRound"]["round"]["id"].as_str().unwrap().to_owned()
}

/// Plans an inspection of `unit` by `team`.
async fn inspection(app: &TestApp, round: &str, team: &str, unit: &str, extra: Value) -> String {
    let mut input = json!({ "roundId": round, "teamId": team, "unitId": unit });
    if let (Some(i), Some(e)) = (input.as_object_mut(), extra.as_object()) {
        i.extend(e.clone());
    }
    let d = app.data("office", CREATE_INSPECTION, json!({ "i": input })).await;
    d["createInspection"]["inspection"]["id"].as_str().unwrap().to_owned()
}

/// The day `n` days from today (before it, for a negative `n`).
fn in_days(n: i64) -> String {
    tests::local_day(n)
}

/// The day before today.
fn yesterday() -> String {
    in_days(-1)
}

#[tokio::test]
async fn a_whole_round_goes_from_the_plan_to_the_feedback_as_the_regulations_prescribe() {
    let app = TestApp::spawn().await;
    let team1 = gid("Organization", app.org_of("team1").await);
    let unit = org(&app, "区教委").await;
    let other_unit = gid("Organization", app.org_of("unit2").await);

    // Plan: the unit in the term's plan, a round in the term, the inspection; approve; start.
    let term = app.test_term().await;
    ok(&app, "office", "planUnit", json!({ "termId": term, "unitId": unit, "year": 2026 })).await;
    let round = round(&app, "2026年第一轮巡察").await;
    let id = inspection(&app, &round, &team1, &unit, json!({})).await;
    ok(&app, "leader", "approveRound", json!({ "id": round })).await;
    ok(&app, "office", "startRound", json!({ "id": round })).await;
    let started = app
        .data("office", "query($r: ID!) { node(id: $r) { ... on Round { startedOn } } }", json!({ "r": round }))
        .await;
    assert_eq!(started["node"]["startedOn"], tests::today());

    // Station: the team publishes its channels; the unit and the public read them.
    ok(&app, "office", "stationInspection", json!({ "id": id })).await;
    let channels = json!({ "inspectionId": id, "noticeFrom": tests::today(), "noticeUntil": in_days(30), "telephone": "023-58123456", "mailbox": "万州区邮政888号信箱", "address": "区教委三楼" });
    refused(&app, "team1.member", "publishInspectionChannels", channels.clone(), "FORBIDDEN").await;
    refused(
        &app,
        "team1",
        "publishInspectionChannels",
        json!({ "inspectionId": id, "noticeFrom": tests::today(), "noticeUntil": tests::today() }),
        "BAD_USER_INPUT",
    )
    .await;
    ok(&app, "team1", "publishInspectionChannels", channels).await;
    let leader = account(&app, "jiaowei.secretary", "UNIT_LEADER", &unit, true).await;
    let seen =
        app.data(&leader, "{ inspections { nodes { id channels { telephone mailbox address } } } }", json!({})).await;
    assert_eq!(seen["inspections"]["nodes"][0]["channels"]["telephone"], "023-58123456");
    let public = app.gql(None, NOTICES, json!({})).await;
    let notices = public["data"]["inspectionNotices"]["nodes"].as_array().unwrap();
    assert!(
        notices.iter().any(|n| n["unitName"] == "区教委"
            && n["teamName"] == "区委第一巡察组"
            && n["channels"]["telephone"] == "023-58123456"),
        "{public}"
    );

    // Petitions: one about the unit is accepted and closed; one about another unit is registered,
    // refused acceptance, passed on to the petitions office, answered and closed.
    let d = app
        .data("team1.member", CREATE_PETITION, json!({ "i": { "inspectionId": id, "content": "反映学校乱收费", "reporterName": "某群众", "receivedOn": tests::today() } }))
        .await;
    assert_eq!(d["createPetition"]["petition"]["status"], "REGISTERED");
    let own = d["createPetition"]["petition"]["id"].as_str().unwrap().to_owned();
    refused(&app, "team1", "closePetition", json!({ "id": own, "outcome": "办结" }), "INVALID_TRANSITION").await;
    ok(&app, "team1", "acceptPetition", json!({ "id": own, "note": "属本次巡察范围" })).await;
    ok(&app, "team1", "closePetition", json!({ "id": own, "outcome": "已核实，纳入反馈意见" })).await;
    let d = app
        .data("team1", CREATE_PETITION, json!({ "i": { "inspectionId": id, "unitId": other_unit, "content": "反映他单位问题", "receivedOn": tests::today() } }))
        .await;
    let elsewhere = d["createPetition"]["petition"]["id"].as_str().unwrap().to_owned();
    let why = refused(&app, "team1", "acceptPetition", json!({ "id": elsewhere }), "BAD_USER_INPUT").await;
    assert!(why.contains("passPetitionOn"), "{why}");
    let office = org(&app, "区信访办").await;
    refused(
        &app,
        "team1",
        "recordPetitionAnswer",
        json!({ "id": elsewhere, "answer": "x", "answeredOn": tests::today() }),
        "INVALID_TRANSITION",
    )
    .await;
    ok(&app, "team1", "passPetitionOn", json!({ "id": elsewhere, "toId": office, "note": "请依法办理" })).await;
    ok(
        &app,
        "team1",
        "recordPetitionAnswer",
        json!({ "id": elsewhere, "answer": "已办理答复", "answeredOn": tests::today() }),
    )
    .await;
    ok(&app, "team1", "closePetition", json!({ "id": elsewhere, "outcome": "已办结" })).await;
    let p = app.data("office", PETITION, json!({ "p": elsewhere })).await;
    assert_eq!(
        p["node"],
        json!({ "status": "CLOSED", "passedTo": { "name": "区信访办" }, "answer": "已办理答复", "outcome": "已办结", "reporterName": null })
    );

    // Findings, the report and both feedback documents; submitted.
    ok(
        &app,
        "team1.member",
        "createFinding",
        json!({ "inspectionId": id, "category": "WORK_STYLE", "description": "违规收费", "evidence": "收费凭证" }),
    )
    .await;
    ok(&app, "team1", "saveReport", json!({ "inspectionId": id, "body": "巡察报告" })).await;
    ok(&app, "team1", "saveFeedback", json!({ "inspectionId": id, "body": "向领导班子反馈" })).await;
    let why = refused(&app, "team1", "submitInspectionReport", json!({ "id": id }), "BAD_USER_INPUT").await;
    assert!(why.contains("principal leader"), "{why}");
    ok(&app, "team1", "savePrincipalFeedback", json!({ "inspectionId": id, "body": "向主要负责人单独反馈" })).await;
    ok(&app, "team1", "submitInspectionReport", json!({ "id": id })).await;

    // Not released before the hearing and the decision; the message says what is missing.
    let why = refused(&app, "office", "releaseFeedback", json!({ "id": id }), "INVALID_TRANSITION").await;
    assert!(why.contains("recordHearing") && why.contains("recordDecision"), "{why}");
    refused(
        &app,
        "office",
        "recordDecision",
        json!({ "subjectId": id, "decidedOn": tests::today(), "text": "x" }),
        "INVALID_TRANSITION",
    )
    .await;
    refused(&app, "office", "recordHearing", json!({ "subjectId": id, "heardOn": tests::today(), "opinion": "x", "proposedHandling": "x", "outcome": "ACCEPTED" }), "FORBIDDEN").await;

    // The leadership group returns the report for revision: the team amends and resubmits.
    let hearing = |outcome: &str, heard_on: &str| json!({ "subjectId": id, "heardOn": heard_on, "opinion": "意见", "proposedHandling": "建议", "outcome": outcome });
    refused(&app, "leader", "recordHearing", hearing("ACCEPTED", &yesterday()), "BAD_USER_INPUT").await;
    ok(&app, "leader", "recordHearing", hearing("RETURNED", &tests::today())).await;
    let s = app.data("office", INSPECTION_DECISIONS, json!({ "i": id })).await;
    assert_eq!(s["node"]["status"], "STATIONED");
    assert!(s["node"]["report"]["submittedAt"].is_null());
    ok(&app, "team1", "saveReport", json!({ "inspectionId": id, "body": "巡察报告（修改稿）" })).await;
    ok(&app, "team1", "submitInspectionReport", json!({ "id": id })).await;
    ok(&app, "leader", "recordHearing", hearing("ACCEPTED", &tests::today())).await;
    let why = refused(&app, "office", "releaseFeedback", json!({ "id": id }), "INVALID_TRANSITION").await;
    assert!(why.contains("recordDecision") && !why.contains("recordHearing"), "{why}");

    // The district committee decides; the office releases both documents.
    refused(
        &app,
        "team1",
        "recordDecision",
        json!({ "subjectId": id, "decidedOn": tests::today(), "text": "x" }),
        "FORBIDDEN",
    )
    .await;
    ok(&app, "office", "recordDecision", json!({ "subjectId": id, "decidedOn": tests::today(), "text": "同意反馈" }))
        .await;
    refused(
        &app,
        "office",
        "recordDecision",
        json!({ "subjectId": id, "decidedOn": tests::today(), "text": "again" }),
        "INVALID_TRANSITION",
    )
    .await;
    let released = app
        .data("office", "mutation($i: ReleaseFeedbackInput!) { releaseFeedback(input: $i) { inspection { status } principalFeedback { releasedAt } } }", json!({ "i": { "id": id } }))
        .await;
    assert_eq!(released["releaseFeedback"]["inspection"]["status"], "FEEDBACK_GIVEN");
    assert!(released["releaseFeedback"]["principalFeedback"]["releasedAt"].is_string());
    let s = app.data("team1", INSPECTION_DECISIONS, json!({ "i": id })).await;
    let outcomes: Vec<&str> =
        s["node"]["hearings"].as_array().unwrap().iter().map(|h| h["outcome"].as_str().unwrap()).collect();
    assert_eq!(outcomes, ["RETURNED", "ACCEPTED"]);
    assert_eq!(s["node"]["decision"]["decidedOn"], tests::today());

    // 双反馈: the principal leader reads both; another leader of the unit only the team's; a unit
    // leader elsewhere, even a principal one, neither.
    let both = app.data(&leader, FEEDBACKS, json!({ "i": id })).await;
    assert_eq!(both["node"]["feedback"]["body"], "向领导班子反馈");
    assert_eq!(both["node"]["principalFeedback"]["body"], "向主要负责人单独反馈");
    let principal_id = both["node"]["principalFeedback"]["id"].as_str().unwrap().to_owned();
    let deputy = account(&app, "jiaowei.deputy", "UNIT_LEADER", &unit, false).await;
    let one = app.data(&deputy, FEEDBACKS, json!({ "i": id })).await;
    assert_eq!(one["node"]["feedback"]["body"], "向领导班子反馈");
    assert!(one["node"]["principalFeedback"].is_null());
    for who in [deputy.as_str(), "unit1", "unit2", "agency1", "team2"] {
        let body = app.data(who, "query($p: ID!) { node(id: $p) { id } }", json!({ "p": principal_id })).await;
        assert!(body["node"].is_null(), "{who} reads the principal leader's feedback");
    }
    // The unit never reads the hearings or the decision.
    let s = app.data(&leader, INSPECTION_DECISIONS, json!({ "i": id })).await;
    assert_eq!(s["node"]["hearings"], json!([]));
    assert!(s["node"]["decision"].is_null());
    // A second principal leader for the unit is refused.
    let d = app
        .data(
            "office",
            CREATE_USER,
            json!({ "i": { "username": "second.principal", "displayName": "二把手", "password": "a-long-password" } }),
        )
        .await;
    let user = d["createUser"]["user"]["id"].as_str().unwrap().to_owned();
    refused(
        &app,
        "office",
        "assignRole",
        json!({ "userId": user, "role": "UNIT_LEADER", "organizationId": unit, "principal": true }),
        "CONFLICT",
    )
    .await;
    refused(
        &app,
        "office",
        "assignRole",
        json!({ "userId": user, "role": "TEAM_MEMBER", "organizationId": team1, "principal": true }),
        "BAD_USER_INPUT",
    )
    .await;
}

/// A round's comprehensive report and what was decided on it.
const ROUND_REPORT: &str = r#"query($r: ID!) {
  node(id: $r) { ... on RoundReport { status submittedAt hearings { outcome } decision { text } round { id } } }
}"#;

#[tokio::test]
async fn a_rounds_comprehensive_report_is_submitted_once_every_inspection_reported_then_heard_and_decided() {
    let app = TestApp::spawn().await;
    let team1 = gid("Organization", app.org_of("team1").await);
    let round = round(&app, "2026年第二轮巡察").await;
    let id = inspection(&app, &round, &team1, &org(&app, "区民政局").await, json!({})).await;
    ok(&app, "leader", "approveRound", json!({ "id": round })).await;
    refused(&app, "office", "saveRoundReport", json!({ "roundId": round, "body": "综合报告" }), "INVALID_TRANSITION")
        .await;
    ok(&app, "office", "startRound", json!({ "id": round })).await;
    refused(&app, "team1", "saveRoundReport", json!({ "roundId": round, "body": "综合报告" }), "FORBIDDEN").await;
    let d = app
        .data(
            "office",
            "mutation($i: SaveRoundReportInput!) { saveRoundReport(input: $i) { roundReport { id status } } }",
            json!({ "i": { "roundId": round, "body": "综合报告" } }),
        )
        .await;
    assert_eq!(d["saveRoundReport"]["roundReport"]["status"], "DRAFT");
    let report = d["saveRoundReport"]["roundReport"]["id"].as_str().unwrap().to_owned();
    // Not while an inspection has not reported: the refusal names it.
    let why = refused(&app, "office", "submitRoundReport", json!({ "id": report }), "INVALID_TRANSITION").await;
    assert!(why.contains(&id), "{why}");
    // Nor can the round close before the district committee decides on the report.
    app.sql(&format!("UPDATE inspections SET status = 'REPORTED' WHERE id = {}", tests::row_of(&id))).await;
    ok(&app, "office", "submitRoundReport", json!({ "id": report })).await;
    refused(&app, "office", "saveRoundReport", json!({ "roundId": round, "body": "改" }), "INVALID_TRANSITION").await;
    let hearing = |outcome: &str| json!({ "subjectId": report, "heardOn": tests::today(), "opinion": "意见", "proposedHandling": "报区委", "outcome": outcome });
    ok(&app, "leader", "recordHearing", hearing("RETURNED")).await;
    ok(&app, "office", "saveRoundReport", json!({ "roundId": round, "body": "综合报告（修改稿）" })).await;
    ok(&app, "office", "submitRoundReport", json!({ "id": report })).await;
    ok(&app, "leader", "recordHearing", hearing("ACCEPTED")).await;
    app.sql(&format!("UPDATE inspections SET status = 'FEEDBACK_GIVEN' WHERE id = {}", tests::row_of(&id))).await;
    let why = refused(&app, "office", "closeRound", json!({ "id": round }), "INVALID_TRANSITION").await;
    assert!(why.contains("decided"), "{why}");
    ok(
        &app,
        "leader",
        "recordDecision",
        json!({ "subjectId": report, "decidedOn": tests::today(), "text": "同意综合报告" }),
    )
    .await;
    let r = app.data("leader", ROUND_REPORT, json!({ "r": report })).await;
    assert_eq!(r["node"]["status"], "DECIDED");
    assert_eq!(r["node"]["hearings"], json!([{ "outcome": "RETURNED" }, { "outcome": "ACCEPTED" }]));
    assert_eq!(r["node"]["round"]["id"], round.as_str());
    // Only the office and the leadership group read it.
    for who in ["team1", "unit1", "agency1"] {
        let body = app.data(who, "query($r: ID!) { node(id: $r) { id } }", json!({ "r": report })).await;
        assert!(body["node"].is_null(), "{who}");
    }
    ok(&app, "office", "closeRound", json!({ "id": round })).await;
}

#[tokio::test]
async fn closing_with_clues_awaiting_a_decision_or_a_referral_is_refused_naming_them() {
    let app = TestApp::spawn().await;
    let team3 = app.org_of("team3").await;
    let rectifying =
        app.first_id(&format!("SELECT id FROM inspections WHERE team_id = {team3} AND status = 'RECTIFYING'")).await;
    let clue = app.first_id(&format!("SELECT id FROM clues WHERE inspection_id = {rectifying} ORDER BY id")).await;
    app.sql(&format!("UPDATE clues SET status = 'APPROVED' WHERE id = {clue}")).await;
    let id = gid("Inspection", rectifying);
    let why = refused(&app, "office", "closeInspection", json!({ "id": id }), "INVALID_TRANSITION").await;
    assert!(why.contains(&gid("Clue", clue)) && why.contains("not yet referred"), "{why}");
    app.sql(&format!("UPDATE clues SET status = 'SUBMITTED' WHERE id = {clue}")).await;
    let why = refused(&app, "office", "closeInspection", json!({ "id": id }), "INVALID_TRANSITION").await;
    assert!(why.contains(&gid("Clue", clue)) && why.contains("decision"), "{why}");
    app.sql(&format!("UPDATE clues SET status = 'REJECTED' WHERE id = {clue}")).await;
    ok(&app, "office", "closeInspection", json!({ "id": id })).await;
}

/// What a team reads of an inspection's confidential record.
const CONFIDENTIAL: &str = r#"query($i: ID!) {
  clues(filter: { inspectionId: $i }) { totalCount }
  petitions(filter: { inspectionId: $i }) { totalCount nodes { id reporterName } }
  findings(filter: { inspectionId: $i }) { totalCount }
}"#;

#[tokio::test]
async fn a_teams_authority_over_the_confidential_record_ends_when_the_inspection_closes() {
    let app = TestApp::spawn().await;
    let team3 = app.org_of("team3").await;
    let rectifying =
        app.first_id(&format!("SELECT id FROM inspections WHERE team_id = {team3} AND status = 'RECTIFYING'")).await;
    let id = gid("Inspection", rectifying);
    let named = app.first_id(&format!("SELECT id FROM petitions WHERE inspection_id = {rectifying} ORDER BY id")).await;
    app.sql(&format!("UPDATE petitions SET reporter_name = '某某' WHERE id = {named}")).await;
    let clue = gid(
        "Clue",
        app.first_id(&format!("SELECT id FROM clues WHERE inspection_id = {rectifying} ORDER BY id")).await,
    );
    // Open: the team reads clues, petitions and the reporter.
    let open = app.data("team3", CONFIDENTIAL, json!({ "i": id })).await;
    assert!(open["clues"]["totalCount"].as_i64().unwrap() > 0);
    assert!(open["petitions"]["nodes"].as_array().unwrap().iter().any(|p| p["reporterName"] == "某某"));
    ok(&app, "office", "closeInspection", json!({ "id": id })).await;
    // Closed: nothing of it, by list, count or id; the findings stay.
    let closed = app.data("team3", CONFIDENTIAL, json!({ "i": id })).await;
    assert_eq!(closed["clues"]["totalCount"], 0);
    assert_eq!(closed["petitions"]["totalCount"], 0);
    assert_eq!(closed["findings"]["totalCount"], open["findings"]["totalCount"]);
    let petition = gid("Petition", named);
    for node in [&clue, &petition] {
        let body = app.data("team3", "query($n: ID!) { node(id: $n) { id } }", json!({ "n": node })).await;
        assert!(body["node"].is_null(), "{node}");
    }
    // The office and the leadership group still do; the office still reads the reporter.
    let office = app.data("office", CONFIDENTIAL, json!({ "i": id })).await;
    assert_eq!(office["clues"], open["clues"]);
    assert!(office["petitions"]["nodes"].as_array().unwrap().iter().any(|p| p["reporterName"] == "某某"));
    let leader = app.data("leader", CONFIDENTIAL, json!({ "i": id })).await;
    assert_eq!(leader["clues"], open["clues"]);
    // The team's authority is over; the office may still close a petition passed on.
    let d = app
        .data(
            "team3",
            "query($i: ID!) { inspections(filter: { status: CLOSED }) { totalCount } node(id: $i) { id } }",
            json!({ "i": id }),
        )
        .await;
    assert_eq!(d["node"]["id"], id.as_str(), "the team still reads the inspection itself");
}

#[tokio::test]
async fn a_record_dated_the_day_the_round_actually_started_is_accepted() {
    let app = TestApp::spawn().await;
    let team1 = gid("Organization", app.org_of("team1").await);
    let term = app.test_term().await;
    // Planned to start a month from now, started today.
    let later = in_days(30);
    let d = app
        .data(
            "office",
            CREATE_ROUND,
            json!({ "i": { "name": "提前开始的轮次", "startsOn": later, "endsOn": in_days(120), "termId": term } }),
        )
        .await;
    let round = d["createRound"]["round"]["id"].as_str().unwrap().to_owned();
    let id = inspection(&app, &round, &team1, &org(&app, "区民政局").await, json!({})).await;
    ok(&app, "leader", "approveRound", json!({ "id": round })).await;
    ok(&app, "office", "startRound", json!({ "id": round })).await;
    ok(&app, "office", "stationInspection", json!({ "id": id })).await;
    ok(
        &app,
        "team1",
        "publishInspectionChannels",
        json!({ "inspectionId": id, "noticeFrom": tests::today(), "noticeUntil": later, "telephone": "023-1" }),
    )
    .await;
    let petition = |on: &str| json!({ "i": { "inspectionId": id, "content": "反映", "receivedOn": on } });
    let body = app.as_user("team1", CREATE_PETITION, petition(&tests::today())).await;
    assert!(body.get("errors").is_none(), "{body}");
    let body = app.as_user("team1", CREATE_PETITION, petition(&yesterday())).await;
    assert_code(&body, "BAD_USER_INPUT");
    assert_eq!(body["errors"][0]["extensions"]["field"], "receivedOn");
    refused(
        &app,
        "team1",
        "publishInspectionChannels",
        json!({ "inspectionId": id, "noticeFrom": yesterday(), "noticeUntil": later, "telephone": "023-1" }),
        "BAD_USER_INPUT",
    )
    .await;
}

/// Inspections of one kind, and the figures by kind.
const BY_KIND: &str = r#"query($k: InspectionKind) {
  inspections(filter: { kind: $k }) { totalCount }
  statistics { inspectionsByKind { kind count } }
}"#;

#[tokio::test]
async fn each_kind_of_inspection_links_what_it_needs_and_is_counted() {
    let app = TestApp::spawn().await;
    let team = |n: &str| {
        let n = n.to_owned();
        let app = &app;
        async move { gid("Organization", app.org_of(&n).await) }
    };
    let (team1, team4) = (team("team1").await, team("team4").await);
    let round = round(&app, "2026年第三轮巡察").await;
    let plan = |unit: String, team: String, extra: Value| {
        let mut input = json!({ "roundId": round, "teamId": team, "unitId": unit });
        if let (Some(i), Some(e)) = (input.as_object_mut(), extra.as_object()) {
            i.extend(e.clone());
        }
        input
    };
    let unit = org(&app, "区民政局").await;
    let township = gid("Organization", app.org_of("unit1").await);
    let village = gid(
        "Organization",
        app.first_id(&format!(
            "SELECT id FROM organizations WHERE parent_id = {} ORDER BY id DESC",
            app.org_of("unit1").await
        ))
        .await,
    );
    // What each kind needs, and only it.
    refused(
        &app,
        "office",
        "createInspection",
        plan(unit.clone(), team1.clone(), json!({ "kind": "SPECIAL" })),
        "BAD_USER_INPUT",
    )
    .await;
    refused(
        &app,
        "office",
        "createInspection",
        plan(unit.clone(), team1.clone(), json!({ "kind": "JOINT" })),
        "BAD_USER_INPUT",
    )
    .await;
    refused(
        &app,
        "office",
        "createInspection",
        plan(unit.clone(), team1.clone(), json!({ "kind": "FOLLOW_UP" })),
        "BAD_USER_INPUT",
    )
    .await;
    refused(
        &app,
        "office",
        "createInspection",
        plan(unit.clone(), team1.clone(), json!({ "jointWith": "市委巡察组" })),
        "BAD_USER_INPUT",
    )
    .await;
    refused(
        &app,
        "office",
        "createInspection",
        plan(unit.clone(), team1.clone(), json!({ "kind": "ESCALATED" })),
        "BAD_USER_INPUT",
    )
    .await;
    refused(&app, "office", "createInspection", plan(village.clone(), team1.clone(), json!({})), "BAD_USER_INPUT")
        .await;
    // A follow-up checks an earlier inspection of the same unit, its feedback released.
    let earlier = gid(
        "Inspection",
        app.first_id(&format!(
            "SELECT id FROM inspections WHERE unit_id = {} AND status = 'FEEDBACK_GIVEN'",
            app.org_of("unit1").await
        ))
        .await,
    );
    refused(
        &app,
        "office",
        "createInspection",
        plan(unit.clone(), team4.clone(), json!({ "kind": "FOLLOW_UP", "followsInspectionId": earlier })),
        "BAD_USER_INPUT",
    )
    .await;
    let follow_up =
        inspection(&app, &round, &team4, &township, json!({ "kind": "FOLLOW_UP", "followsInspectionId": earlier }))
            .await;
    // An extended inspection reaches a village from the same team's township inspection.
    refused(
        &app,
        "office",
        "createInspection",
        plan(village.clone(), team1.clone(), json!({ "kind": "EXTENDED", "parentInspectionId": follow_up })),
        "BAD_USER_INPUT",
    )
    .await;
    let special =
        inspection(&app, &round, &team1, &unit, json!({ "kind": "SPECIAL", "theme": "教育收费专项巡察" })).await;
    let escalated = inspection(&app, &round, &team1, &village, json!({ "kind": "ESCALATED" })).await;
    let _ = (special, escalated);
    // A mobile inspection may join a round under way, by the leadership group whose approval the
    // plan carries; a regular one may not, nor may the office change the approved plan alone.
    ok(&app, "leader", "approveRound", json!({ "id": round })).await;
    ok(&app, "office", "startRound", json!({ "id": round })).await;
    let another = org(&app, "区司法局").await;
    refused(&app, "office", "createInspection", plan(another.clone(), team1.clone(), json!({})), "INVALID_TRANSITION")
        .await;
    let mobile = json!({ "kind": "MOBILE", "theme": "群众反映问题" });
    refused(
        &app,
        "office",
        "createInspection",
        plan(another.clone(), team1.clone(), mobile.clone()),
        "INVALID_TRANSITION",
    )
    .await;
    let mut input = json!({ "roundId": round, "teamId": team1, "unitId": another });
    if let (Some(i), Some(e)) = (input.as_object_mut(), mobile.as_object()) {
        i.extend(e.clone());
    }
    app.data("leader", CREATE_INSPECTION, json!({ "i": input })).await;
    // Filters and statistics by kind agree.
    app.sql(&format!("UPDATE inspections SET status = 'STATIONED' WHERE round_id = {}", tests::row_of(&round))).await;
    let all = app.data("office", BY_KIND, json!({ "k": null })).await;
    for k in all["statistics"]["inspectionsByKind"].as_array().unwrap() {
        let listed = app.data("office", BY_KIND, json!({ "k": k["kind"] })).await;
        let begun = app
            .data(
                "office",
                "query($k: InspectionKind) { inspections(filter: { kind: $k, status: PLANNED }) { totalCount } }",
                json!({ "k": k["kind"] }),
            )
            .await;
        assert_eq!(
            k["count"].as_i64().unwrap(),
            listed["inspections"]["totalCount"].as_i64().unwrap()
                - begun["inspections"]["totalCount"].as_i64().unwrap(),
            "{k}"
        );
    }
    let kinds: Vec<&str> = all["statistics"]["inspectionsByKind"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["REGULAR", "SPECIAL", "MOBILE", "FOLLOW_UP", "ESCALATED", "EXTENDED", "JOINT"]);
}

/// Coverage against a term's plan.
const TERM_COVERAGE: &str = r#"query($t: ID) {
  statistics(termId: $t) { term { name } coverage { category covered planned notYetPlanned total } }
}"#;

#[tokio::test]
async fn coverage_is_counted_per_term_against_its_plan() {
    let app = TestApp::spawn().await;
    let demo = gid("Term", app.first_id("SELECT id FROM terms ORDER BY starts_on").await);
    let s = app.data("leader", TERM_COVERAGE, json!({ "t": demo })).await;
    assert_eq!(
        s["statistics"]["coverage"],
        json!([
            { "category": null, "covered": 120, "planned": 120, "notYetPlanned": 0, "total": 120 },
            { "category": "DISTRICT_DEPARTMENT", "covered": 33, "planned": 33, "notYetPlanned": 0, "total": 33 },
            { "category": "TOWNSHIP_STREET", "covered": 52, "planned": 52, "notYetPlanned": 0, "total": 52 },
            { "category": "STATE_ENTERPRISE_INSTITUTION", "covered": 35, "planned": 35, "notYetPlanned": 0, "total": 35 },
            { "category": "VILLAGE_COMMUNITY", "covered": 4, "planned": 6, "notYetPlanned": 7, "total": 13 }
        ])
    );
    // With no term named, the latest that has begun: the demo's, until a new one is recorded.
    let s = app.data("leader", TERM_COVERAGE, json!({ "t": null })).await;
    assert_eq!(s["statistics"]["term"]["name"], "区委第四届（2014—2018年）");
    // A new term starts from nothing, however many units were ever inspected.
    let term = app.test_term().await;
    let team1 = gid("Organization", app.org_of("team1").await);
    let unit = org(&app, "区民政局").await;
    ok(&app, "office", "planUnit", json!({ "termId": term, "unitId": unit, "year": 2027 })).await;
    ok(&app, "office", "planUnit", json!({ "termId": term, "unitId": org(&app, "区司法局").await, "year": 2028 }))
        .await;
    refused(&app, "office", "planUnit", json!({ "termId": term, "unitId": unit, "year": 2028 }), "CONFLICT").await;
    refused(
        &app,
        "office",
        "planUnit",
        json!({ "termId": term, "unitId": org(&app, "区教委").await, "year": 2031 }),
        "BAD_USER_INPUT",
    )
    .await;
    let round = round(&app, "新届第一轮巡察").await;
    let id = inspection(&app, &round, &team1, &unit, json!({})).await;
    let s = app.data("leader", TERM_COVERAGE, json!({ "t": term })).await;
    assert_eq!(
        s["statistics"]["coverage"][0],
        json!({ "category": null, "covered": 0, "planned": 2, "notYetPlanned": 118, "total": 120 })
    );
    ok(&app, "leader", "approveRound", json!({ "id": round })).await;
    ok(&app, "office", "startRound", json!({ "id": round })).await;
    ok(&app, "office", "stationInspection", json!({ "id": id })).await;
    let s = app.data("leader", TERM_COVERAGE, json!({ "t": term })).await;
    assert_eq!(
        s["statistics"]["coverage"][0],
        json!({ "category": null, "covered": 1, "planned": 2, "notYetPlanned": 118, "total": 120 })
    );
    let s = app.data("leader", TERM_COVERAGE, json!({ "t": null })).await;
    assert_eq!(s["statistics"]["term"]["name"], "测试届（2026—2030年）");
    assert_eq!(s["statistics"]["coverage"][0]["covered"], 1);
    // A round of one term and another term together are refused; terms never overlap.
    let body = app
        .as_user(
            "leader",
            "query($r: ID!, $t: ID!) { statistics(roundId: $r, termId: $t) { rounds } }",
            json!({ "r": round, "t": demo }),
        )
        .await;
    assert_code(&body, "BAD_USER_INPUT");
    refused(
        &app,
        "office",
        "createTerm",
        json!({ "name": "重叠届", "startsOn": "2030-01-01", "endsOn": "2031-12-31" }),
        "BAD_USER_INPUT",
    )
    .await;
    // A term cannot shrink away from its rounds; a round outside every term is refused.
    refused(&app, "office", "updateTerm", json!({ "id": term, "startsOn": "2029-01-01" }), "BAD_USER_INPUT").await;
    let body = app
        .as_user(
            "office",
            CREATE_ROUND,
            json!({ "i": { "name": "无届轮次", "startsOn": "2040-01-01", "endsOn": "2040-02-01" } }),
        )
        .await;
    assert_code(&body, "BAD_USER_INPUT");
    // Plans are for the office and the leadership group only.
    for who in ["team1", "unit1", "agency1"] {
        assert_code(&app.as_user(who, "{ planEntries { totalCount } }", json!({})).await, "FORBIDDEN");
    }
}

/// The inspections a caller sees, by id.
const INSPECTION_IDS: &str = "{ inspections(first: 100) { nodes { id unit { id } } } }";

#[tokio::test]
async fn a_townships_leader_never_sees_its_villages_record_nor_the_reverse() {
    let app = TestApp::spawn().await;
    let township = app.org_of("unit1").await;
    let village_id = app.first_id(&format!("SELECT id FROM organizations WHERE parent_id = {township} AND id IN (SELECT unit_id FROM inspections) ORDER BY id")).await;
    let village = gid("Organization", village_id);
    let chief = account(&app, "village.chief", "UNIT_LEADER", &village, true).await;
    let village_inspection =
        gid("Inspection", app.first_id(&format!("SELECT id FROM inspections WHERE unit_id = {village_id}")).await);
    let township_inspections: Vec<String> = app.data("unit1", INSPECTION_IDS, json!({})).await["inspections"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap().to_owned())
        .collect();
    assert!(!township_inspections.contains(&village_inspection));
    let seen = app.data(&chief, INSPECTION_IDS, json!({})).await;
    let nodes = seen["inspections"]["nodes"].as_array().unwrap();
    assert_eq!(nodes.len(), 1, "{seen}");
    assert_eq!(nodes[0]["id"], village_inspection.as_str());
    for (who, id) in [("unit1", &village_inspection), (chief.as_str(), &township_inspections[0]), ("unit1", &village)] {
        let body = app.data(who, "query($n: ID!) { node(id: $n) { id } }", json!({ "n": id })).await;
        assert!(body["node"].is_null(), "{who} reaches {id}");
    }
    // The office sees the village under its township, and its kind of inspection.
    let d = app
        .data(
            "office",
            "query($t: ID!) { node(id: $t) { ... on Organization { villages { id unitCategory parent { id } } } } }",
            json!({ "t": gid("Organization", township) }),
        )
        .await;
    let villages = d["node"]["villages"].as_array().unwrap();
    assert!(villages.iter().any(|v| v["id"] == village.as_str() && v["unitCategory"] == "VILLAGE_COMMUNITY"));
    // A village is created under a township, and only there.
    let create = |parent: Value| json!({ "kind": "AUDITED_UNIT", "name": "新建村", "unitCategory": "VILLAGE_COMMUNITY", "parentId": parent });
    refused(&app, "office", "createOrganization", create(Value::Null), "BAD_USER_INPUT").await;
    refused(&app, "office", "createOrganization", create(json!(org(&app, "区教委").await)), "BAD_USER_INPUT").await;
    ok(&app, "office", "createOrganization", create(json!(gid("Organization", township)))).await;
}

#[tokio::test]
async fn recusal_follows_the_people_who_log_in() {
    let app = TestApp::spawn().await;
    // team1.member is the expert who worked in one of the units team 1 inspects in round 6.
    let member = app.row_id("users", "username", "team1.member").await;
    let recused = app
        .first_id(&format!(
            "SELECT i.id FROM inspections i JOIN expert_conflicts c ON c.unit_id = i.unit_id JOIN experts e ON e.id = c.expert_id \
             WHERE e.user_id = {member} AND i.team_id = {} ORDER BY i.id",
            app.org_of("team1").await
        ))
        .await;
    let id = gid("Inspection", recused);
    let seen = |who: &'static str| {
        let app = &app;
        let id = id.clone();
        async move { !app.data(who, "query($n: ID!) { node(id: $n) { id } }", json!({ "n": id })).await["node"].is_null() }
    };
    assert!(seen("team1").await && !seen("team1.member").await);
    assert_code(
        &step(
            &app,
            "team1.member",
            "createFinding",
            json!({ "inspectionId": id, "category": "OTHER", "description": "x", "evidence": "y" }),
        )
        .await,
        "NOT_FOUND",
    );
    // The office sees it flagged; the team does not read conflicts.
    let flagged = |who: &'static str| {
        let app = &app;
        let id = id.clone();
        async move {
            app.data(
                who,
                "query($n: ID!) { node(id: $n) { ... on Inspection { recusedAccounts { username } } } }",
                json!({ "n": id }),
            )
            .await
        }
    };
    assert_eq!(flagged("office").await["node"]["recusedAccounts"], json!([{ "username": "team1.member" }]));
    assert!(flagged("team1").await["node"]["recusedAccounts"].is_null());
    // At the transition: linking team1's own account to an expert who must recuse from the unit
    // takes the inspection from it at once, and unlinking gives it back.
    let expert = app
        .data("office", "mutation($i: CreateExpertInput!) { createExpert(input: $i) { expert { id } } }", json!({ "i": { "name": "组长本人", "specialty": "AUDIT", "birthYear": 1975, "experienceYears": 20, "employer": "区审计局" } }))
        .await["createExpert"]["expert"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let unit = app.first_id(&format!("SELECT unit_id AS id FROM inspections WHERE id = {recused}")).await;
    ok(
        &app,
        "office",
        "addExpertConflict",
        json!({ "expertId": expert, "unitId": gid("Organization", unit), "kind": "WORKED_IN" }),
    )
    .await;
    let team1 = gid("User", app.row_id("users", "username", "team1").await);
    refused(
        &app,
        "office",
        "linkExpertAccount",
        json!({ "expertId": expert, "userId": gid("User", member) }),
        "CONFLICT",
    )
    .await;
    ok(&app, "office", "linkExpertAccount", json!({ "expertId": expert, "userId": team1 })).await;
    assert!(!seen("team1").await);
    ok(&app, "office", "linkExpertAccount", json!({ "expertId": expert, "userId": null })).await;
    assert!(seen("team1").await);
}

#[tokio::test]
async fn a_follow_up_team_reads_the_earlier_record_but_not_its_petitioners() {
    let app = TestApp::spawn().await;
    let team4 = gid("Organization", app.org_of("team4").await);
    let unit1 = app.org_of("unit1").await;
    let earlier_row = app
        .first_id(&format!("SELECT id FROM inspections WHERE unit_id = {unit1} AND status = 'FEEDBACK_GIVEN'"))
        .await;
    let earlier = gid("Inspection", earlier_row);
    let read = |who: &'static str| {
        let app = &app;
        let earlier = earlier.clone();
        async move {
            app.data(who, "query($i: ID!) { node(id: $i) { id } findings(filter: { inspectionId: $i }) { totalCount } petitions(filter: { inspectionId: $i }) { totalCount nodes { reporterName } } }", json!({ "i": earlier })).await
        }
    };
    let before = read("team4").await;
    assert!(before["node"].is_null() && before["findings"]["totalCount"] == 0);
    let round = round(&app, "回头看轮次").await;
    inspection(
        &app,
        &round,
        &team4,
        &gid("Organization", unit1),
        json!({ "kind": "FOLLOW_UP", "followsInspectionId": earlier }),
    )
    .await;
    let after = read("team4").await;
    assert_eq!(after["node"]["id"], earlier.as_str());
    assert_eq!(after["findings"], read("office").await["findings"]);
    assert!(after["petitions"]["totalCount"].as_i64().unwrap() > 0);
    let named =
        app.count_where("petitions", &format!("inspection_id = {earlier_row} AND reporter_name IS NOT NULL")).await;
    assert!(named > 0);
    assert!(after["petitions"]["nodes"].as_array().unwrap().iter().all(|p| p["reporterName"].is_null()));
}
