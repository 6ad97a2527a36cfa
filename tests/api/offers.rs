//! `availableTransitions` on the records of the inspection itself: rounds, inspections, clues,
//! petitions and referrals. For every role and every state (and the conditions a transition
//! requires: an inspection planned, the documents written, a clue pending, the agency's
//! competence), each transition listed succeeds and each one not listed is refused, changing
//! nothing. (Tasks, plans and reports: `transitions.rs`.)

use serde_json::{Value, json};
use tests::{TestApp, gid, row_of, today};

/// The accounts tried: every role, a team member, another team, and the agencies of each
/// competence.
const ACCOUNTS: [&str; 9] =
    ["leader", "office", "team1", "team1.member", "team2", "agency1", "agency2", "agency3", "unit1"];

/// The mutation taking transition `t` of `kind` on object `id`, with valid input.
async fn mutation(app: &TestApp, kind: &str, t: &str, id: &str) -> (String, Value) {
    let (op, input) = match (kind, t) {
        ("round", "APPROVE") => ("approveRound", json!({ "id": id })),
        ("round", "RETURN_TO_PLANNING") => ("returnRoundToPlanning", json!({ "id": id, "reason": "调整计划" })),
        ("round", "START") => ("startRound", json!({ "id": id })),
        ("round", "CLOSE") => ("closeRound", json!({ "id": id })),
        ("inspection", "REMOVE") => ("removeInspection", json!({ "id": id })),
        ("inspection", "STATION") => ("stationInspection", json!({ "id": id })),
        ("inspection", "SUBMIT_REPORT") => ("submitInspectionReport", json!({ "id": id })),
        ("inspection", "RECORD_HEARING") => (
            "recordHearing",
            json!({ "subjectId": id, "heardOn": today(), "opinion": "同意", "proposedHandling": "按程序反馈", "outcome": "ACCEPTED" }),
        ),
        ("inspection", "RECORD_DECISION") => {
            ("recordDecision", json!({ "subjectId": id, "decidedOn": today(), "text": "同意反馈" }))
        }
        ("inspection", "RELEASE_FEEDBACK") => ("releaseFeedback", json!({ "id": id })),
        ("inspection", "BEGIN_RECTIFICATION") => ("beginRectification", json!({ "id": id })),
        ("inspection", "CLOSE") => ("closeInspection", json!({ "id": id })),
        ("clue", "SUBMIT") => ("submitClue", json!({ "id": id })),
        ("clue", "APPROVE") => ("approveClue", json!({ "id": id })),
        ("clue", "REJECT") => ("rejectClue", json!({ "id": id, "reason": "证据不足" })),
        ("clue", "DELETE") => ("deleteClue", json!({ "id": id })),
        ("clue", "REFER") => {
            ("referClue", json!({ "clueId": id, "agencyId": gid("Organization", app.org_of("agency1").await) }))
        }
        ("petition", "ACCEPT") => ("acceptPetition", json!({ "id": id, "note": "属本组巡察范围" })),
        ("petition", "PASS_ON") => {
            let to = gid("Organization", app.row_id("organizations", "name", "区信访办").await);
            ("passPetitionOn", json!({ "id": id, "toId": to, "note": "请依法办理并反馈" }))
        }
        ("petition", "RECORD_ANSWER") => {
            ("recordPetitionAnswer", json!({ "id": id, "answer": "已办理并答复", "answeredOn": today() }))
        }
        ("petition", "CLOSE") => ("closePetition", json!({ "id": id, "outcome": "已核实处理" })),
        ("referral", "WITHDRAW") => ("withdrawReferral", json!({ "id": id })),
        ("referral", "ACKNOWLEDGE") => ("acknowledgeReferral", json!({ "id": id })),
        ("referral", "SET_DISPOSAL_METHOD") => {
            ("setDisposalMethod", json!({ "id": id, "method": "PRELIMINARY_VERIFICATION" }))
        }
        ("referral", "REPORT_CASE_FILED") => ("reportCaseFiled", json!({ "id": id, "filedOn": today() })),
        ("referral", "ADD_DISPOSITION") => (
            "addDisposition",
            json!({ "id": id, "personName": "某某", "rank": "SECTION_LEVEL", "measure": "REMINDER_TALK", "decidedOn": today() }),
        ),
        ("referral", "CONCLUDE") => ("concludeReferral", json!({ "id": id, "conclusion": "已办结" })),
        ("referral", "REOPEN") => ("reopenReferral", json!({ "id": id })),
        ("roundReport", "WRITE") => {
            let round =
                app.first_id(&format!("SELECT round_id AS id FROM round_reports WHERE id = {}", row_of(id))).await;
            ("saveRoundReport", json!({ "roundId": gid("Round", round), "body": "修订后的综合报告" }))
        }
        ("roundReport", "SUBMIT") => ("submitRoundReport", json!({ "id": id })),
        ("roundReport", "RECORD_HEARING") => (
            "recordHearing",
            json!({ "subjectId": id, "heardOn": today(), "opinion": "同意", "proposedHandling": "按程序报送", "outcome": "ACCEPTED" }),
        ),
        ("roundReport", "RECORD_DECISION") => {
            ("recordDecision", json!({ "subjectId": id, "decidedOn": today(), "text": "同意" }))
        }
        ("user", "DISABLE") => ("disableUser", json!({ "id": id })),
        ("user", "ENABLE") => ("enableUser", json!({ "id": id })),
        ("credential", "REVOKE") => ("revokeServiceCredential", json!({ "id": id })),
        other => panic!("no transition {other:?}"),
    };
    let t = op[..1].to_uppercase() + &op[1..];
    (format!("mutation($i: {t}Input!) {{ {op}(input: $i) {{ __typename }} }}"), json!({ "i": input }))
}

/// What `who` is offered on `id` (nothing when it does not see it).
async fn offered(app: &TestApp, who: &str, id: &str) -> Vec<String> {
    let d = app
        .data(
            who,
            "query($id: ID!) { node(id: $id) { ... on Round { availableTransitions } ... on Inspection { availableTransitions } ... on Clue { availableTransitions } ... on Petition { availableTransitions } ... on Referral { availableTransitions } ... on RoundReport { availableTransitions } ... on User { availableTransitions } ... on ServiceCredential { availableTransitions } } }",
            json!({ "id": id }),
        )
        .await;
    d["node"]["availableTransitions"]
        .as_array()
        .map(|a| a.iter().map(|t| t.as_str().unwrap().to_owned()).collect())
        .unwrap_or_default()
}

fn table(kind: &str) -> &'static str {
    match kind {
        "round" => "rounds",
        "inspection" => "inspections",
        "clue" => "clues",
        "petition" => "petitions",
        "roundReport" => "round_reports",
        "user" | "credential" => "users",
        _ => "referrals",
    }
}

/// The object's row as it stands: whether it is there, and its version.
async fn stamp(app: &TestApp, kind: &str, id: &str) -> i32 {
    app.first_id(&format!(
        "SELECT CAST(COALESCE(SUM(version), 0) + 1000 * COUNT(*) AS INTEGER) AS id FROM {} WHERE id = {}",
        table(kind),
        row_of(id)
    ))
    .await
}

/// A fresh inspection of unit 1 by team 1 in a fresh round, with its round and itself in the
/// states given, and (when `written`) the report and both feedback documents written.
async fn inspection(app: &TestApp, round_status: &str, status: &str, written: bool) -> String {
    let id = app.stationed_at("unit1").await;
    if written {
        for op in ["saveReport", "saveFeedback", "savePrincipalFeedback"] {
            let t = op[..1].to_uppercase() + &op[1..];
            app.data(
                "team1",
                &format!("mutation($i: {t}Input!) {{ {op}(input: $i) {{ __typename }} }}"),
                json!({ "i": { "inspectionId": id, "body": "正文" } }),
            )
            .await;
        }
    }
    let row = row_of(&id);
    app.sql(&format!("UPDATE inspections SET status = '{status}' WHERE id = {row}")).await;
    app.sql(&format!(
        "UPDATE rounds SET status = '{round_status}' WHERE id = (SELECT round_id FROM inspections WHERE id = {row})"
    ))
    .await;
    id
}

/// A clue team 1 drafted on a fresh stationed inspection.
async fn clue(app: &TestApp) -> (String, String) {
    clue_on(app, &app.stationed_at("unit1").await).await
}

/// A clue team 1 drafted on its stationed `inspection`.
async fn clue_on(app: &TestApp, inspection: &str) -> (String, String) {
    let inspection = inspection.to_owned();
    let d = app
        .data(
            "team1",
            "mutation($i: CreateClueInput!) { createClue(input: $i) { clue { id } } }",
            json!({ "i": {
                "inspectionId": inspection,
                "persons": [{ "name": "某某", "rank": "DIVISION_LEVEL", "position": "主任" }],
                "allegedViolation": "收受礼金", "evidence": "银行流水", "source": "INTERVIEW"
            } }),
        )
        .await;
    (d["createClue"]["clue"]["id"].as_str().unwrap().to_owned(), inspection)
}

/// A fresh object of `kind` in `state` (made through the API, the state then set by SQL).
async fn fresh(app: &TestApp, kind: &str, state: &str) -> String {
    match kind {
        "round" => {
            let inspection = app.stationed_at("unit1").await;
            let round = app
                .first_id(&format!("SELECT round_id AS id FROM inspections WHERE id = {}", row_of(&inspection)))
                .await;
            let (round_status, inspections) = match state {
                "PLANNED_EMPTY" => ("PLANNED", None),
                "PLANNED" => ("PLANNED", Some("PLANNED")),
                "APPROVED" => ("APPROVED", Some("PLANNED")),
                "IN_PROGRESS" => ("IN_PROGRESS", Some("STATIONED")),
                "IN_PROGRESS_DONE" | "IN_PROGRESS_PENDING" => ("IN_PROGRESS", Some("RECTIFYING")),
                _ => ("CLOSED", Some("CLOSED")),
            };
            if state == "IN_PROGRESS_PENDING" {
                let (clue, _) = clue_on(app, &inspection).await;
                app.sql(&format!("UPDATE clues SET status = 'SUBMITTED' WHERE id = {}", row_of(&clue))).await;
            }
            match inspections {
                None => app.sql(&format!("DELETE FROM inspections WHERE round_id = {round}")).await,
                Some(s) => app.sql(&format!("UPDATE inspections SET status = '{s}' WHERE round_id = {round}")).await,
            }
            if state.starts_with("IN_PROGRESS_") {
                app.data(
                    "office",
                    "mutation($i: SaveRoundReportInput!) { saveRoundReport(input: $i) { __typename } }",
                    json!({ "i": { "roundId": gid("Round", round), "body": "综合报告" } }),
                )
                .await;
                app.sql(&format!("UPDATE round_reports SET status = 'DECIDED' WHERE round_id = {round}")).await;
            }
            app.sql(&format!("UPDATE rounds SET status = '{round_status}' WHERE id = {round}")).await;
            gid("Round", round)
        }
        "inspection" => match state {
            "PLANNED_IN_PLANNED_ROUND" => inspection(app, "PLANNED", "PLANNED", false).await,
            "PLANNED" => inspection(app, "IN_PROGRESS", "PLANNED", false).await,
            "STATIONED_UNWRITTEN" => inspection(app, "IN_PROGRESS", "STATIONED", false).await,
            "RECTIFYING_PENDING" => {
                let (clue, inspection) = clue(app).await;
                app.sql(&format!("UPDATE clues SET status = 'SUBMITTED' WHERE id = {}", row_of(&clue))).await;
                app.sql(&format!("UPDATE inspections SET status = 'RECTIFYING' WHERE id = {}", row_of(&inspection)))
                    .await;
                inspection
            }
            s => inspection(app, "IN_PROGRESS", s, true).await,
        },
        "clue" => {
            let (clue, inspection) = clue(app).await;
            let status = state.trim_end_matches("_LATE");
            app.sql(&format!("UPDATE clues SET status = '{status}' WHERE id = {}", row_of(&clue))).await;
            if state.ends_with("_LATE") {
                app.sql(&format!(
                    "UPDATE inspections SET status = 'FEEDBACK_GIVEN' WHERE id = {}",
                    row_of(&inspection)
                ))
                .await;
            }
            clue
        }
        "petition" => {
            let inspection = app.stationed_at("unit1").await;
            let d = app
                .data(
                    "team1",
                    "mutation($i: CreatePetitionInput!) { createPetition(input: $i) { petition { id } } }",
                    json!({ "i": { "inspectionId": inspection, "content": "反映问题", "receivedOn": today() } }),
                )
                .await;
            let id = d["createPetition"]["petition"]["id"].as_str().unwrap().to_owned();
            let status = state.trim_end_matches("_LATE").trim_end_matches("_ELSEWHERE");
            app.sql(&format!("UPDATE petitions SET status = '{status}' WHERE id = {}", row_of(&id))).await;
            if state.ends_with("_LATE") {
                app.sql(&format!(
                    "UPDATE inspections SET status = 'FEEDBACK_GIVEN' WHERE id = {}",
                    row_of(&inspection)
                ))
                .await;
            }
            if state.ends_with("_ELSEWHERE") {
                let other = app.org_of("unit2").await;
                app.sql(&format!("UPDATE petitions SET unit_id = {other} WHERE id = {}", row_of(&id))).await;
            }
            id
        }
        "roundReport" => {
            // A report of a fresh round in progress whose one inspection is stationed (UNREPORTED)
            // or has reported.
            let inspection = app.stationed_at("unit1").await;
            let round = app
                .first_id(&format!("SELECT round_id AS id FROM inspections WHERE id = {}", row_of(&inspection)))
                .await;
            let d = app
                .data(
                    "office",
                    "mutation($i: SaveRoundReportInput!) { saveRoundReport(input: $i) { roundReport { id } } }",
                    json!({ "i": { "roundId": gid("Round", round), "body": "综合报告" } }),
                )
                .await;
            let id = d["saveRoundReport"]["roundReport"]["id"].as_str().unwrap().to_owned();
            if !state.ends_with("_UNREPORTED") {
                app.sql(&format!("UPDATE inspections SET status = 'REPORTED' WHERE round_id = {round}")).await;
            }
            if state.ends_with("_ROUND_CLOSED") {
                app.sql(&format!("UPDATE rounds SET status = 'CLOSED' WHERE id = {round}")).await;
            }
            let status = state.split('_').next().unwrap();
            app.sql(&format!("UPDATE round_reports SET status = '{status}' WHERE id = {}", row_of(&id))).await;
            id
        }
        "user" => {
            let d = app
                .data(
                    "office",
                    "mutation($i: CreateUserInput!) { createUser(input: $i) { user { id } } }",
                    json!({ "i": { "username": format!("u{}", &uuid::Uuid::new_v4().simple().to_string()[..12]), "displayName": "测试用户", "password": "a-long-password" } }),
                )
                .await;
            let id = d["createUser"]["user"]["id"].as_str().unwrap().to_owned();
            let disabled = if state == "DISABLED" { "TRUE" } else { "FALSE" };
            app.sql(&format!("UPDATE users SET disabled = {disabled} WHERE id = {}", row_of(&id))).await;
            id
        }
        "credential" => {
            let d = app
                .data(
                    "office",
                    "mutation($i: CreateServiceCredentialInput!) { createServiceCredential(input: $i) { serviceCredential { id } } }",
                    json!({ "i": { "agencyId": gid("Organization", app.org_of("agency1").await), "label": "案件系统" } }),
                )
                .await;
            let id = d["createServiceCredential"]["serviceCredential"]["id"].as_str().unwrap().to_owned();
            let disabled = if state == "REVOKED" { "TRUE" } else { "FALSE" };
            app.sql(&format!("UPDATE users SET disabled = {disabled} WHERE id = {}", row_of(&id))).await;
            id
        }
        _ => {
            // `<STATUS>_<agency account>`: a referral of a fresh clue to that agency.
            let (status, agency) = state.rsplit_once('_').unwrap();
            let (clue, _) = clue(app).await;
            app.sql(&format!("UPDATE clues SET status = 'APPROVED' WHERE id = {}", row_of(&clue))).await;
            let matter = match agency {
                "agency1" => "VIOLATION",
                "agency2" => "CADRE",
                _ => "GENERAL",
            };
            let d = app
                .data(
                    "office",
                    "mutation($i: ReferClueInput!) { referClue(input: $i) { referral { id } } }",
                    json!({ "i": { "clueId": clue, "agencyId": gid("Organization", app.org_of(agency).await), "matter": matter } }),
                )
                .await;
            let id = d["referClue"]["referral"]["id"].as_str().unwrap().to_owned();
            app.sql(&format!("UPDATE referrals SET status = '{status}' WHERE id = {}", row_of(&id))).await;
            id
        }
    }
}

/// Checks every account against every transition of `kind` in every state.
async fn check(app: &TestApp, kind: &str, states: &[&str], transitions: &[&str]) {
    let mut offers = 0;
    for state in states {
        let shared = fresh(app, kind, state).await;
        for who in ACCOUNTS {
            let listed = offered(app, who, &shared).await;
            for t in transitions {
                if listed.iter().any(|l| l == t) {
                    // Listed: it succeeds, on a fresh object in the same state.
                    offers += 1;
                    let id = fresh(app, kind, state).await;
                    assert_eq!(offered(app, who, &id).await, listed, "{who} {kind} {state}");
                    let (doc, vars) = mutation(app, kind, t, &id).await;
                    let body = app.as_user(who, &doc, vars).await;
                    assert!(body.get("errors").is_none(), "{who} {kind} {state} {t} was offered but refused: {body}");
                } else {
                    // Not listed: refused, changing nothing.
                    let before = stamp(app, kind, &shared).await;
                    let (doc, vars) = mutation(app, kind, t, &shared).await;
                    let body = app.as_user(who, &doc, vars).await;
                    assert!(body.get("errors").is_some(), "{who} {kind} {state} {t} was not offered but succeeded");
                    assert_eq!(stamp(app, kind, &shared).await, before, "{who} {kind} {state} {t} changed it");
                }
            }
        }
    }
    // Every transition is offered to someone somewhere: the check is not vacuous.
    assert!(offers >= transitions.len(), "{kind}: only {offers} offers");
}

#[tokio::test]
async fn a_rounds_offered_transitions_are_exactly_those_that_succeed() {
    let app = TestApp::spawn().await;
    check(
        &app,
        "round",
        &["PLANNED_EMPTY", "PLANNED", "APPROVED", "IN_PROGRESS", "IN_PROGRESS_PENDING", "IN_PROGRESS_DONE", "CLOSED"],
        &["APPROVE", "RETURN_TO_PLANNING", "START", "CLOSE"],
    )
    .await;
}

#[tokio::test]
async fn an_inspections_offered_transitions_are_exactly_those_that_succeed() {
    let app = TestApp::spawn().await;
    check(
        &app,
        "inspection",
        &[
            "PLANNED_IN_PLANNED_ROUND",
            "PLANNED",
            "STATIONED_UNWRITTEN",
            "STATIONED",
            "REPORTED",
            "HEARD",
            "DECIDED",
            "FEEDBACK_GIVEN",
            "RECTIFYING",
            "RECTIFYING_PENDING",
            "CLOSED",
        ],
        &[
            "REMOVE",
            "STATION",
            "SUBMIT_REPORT",
            "RECORD_HEARING",
            "RECORD_DECISION",
            "RELEASE_FEEDBACK",
            "BEGIN_RECTIFICATION",
            "CLOSE",
        ],
    )
    .await;
}

#[tokio::test]
async fn a_clues_offered_transitions_are_exactly_those_that_succeed() {
    let app = TestApp::spawn().await;
    check(
        &app,
        "clue",
        &["DRAFT", "DRAFT_LATE", "SUBMITTED", "APPROVED", "REJECTED", "REFERRED"],
        &["SUBMIT", "APPROVE", "REJECT", "DELETE", "REFER"],
    )
    .await;
}

#[tokio::test]
async fn a_petitions_offered_transitions_are_exactly_those_that_succeed() {
    let app = TestApp::spawn().await;
    check(
        &app,
        "petition",
        &[
            "REGISTERED",
            "REGISTERED_ELSEWHERE",
            "REGISTERED_LATE",
            "ACCEPTED",
            "PASSED_ON",
            "PASSED_ON_LATE",
            "ANSWERED",
            "CLOSED",
        ],
        &["ACCEPT", "PASS_ON", "RECORD_ANSWER", "CLOSE"],
    )
    .await;
}

#[tokio::test]
async fn a_referrals_offered_transitions_are_exactly_those_that_succeed() {
    let app = TestApp::spawn().await;
    let mut states = Vec::new();
    for status in ["SENT", "ACKNOWLEDGED", "SHELVED", "CONCLUDED", "WITHDRAWN"] {
        for agency in ["agency1", "agency2", "agency3"] {
            states.push(format!("{status}_{agency}"));
        }
    }
    let states: Vec<&str> = states.iter().map(String::as_str).collect();
    check(
        &app,
        "referral",
        &states,
        &[
            "WITHDRAW",
            "ACKNOWLEDGE",
            "SET_DISPOSAL_METHOD",
            "REPORT_CASE_FILED",
            "ADD_DISPOSITION",
            "CONCLUDE",
            "REOPEN",
        ],
    )
    .await;
}

#[tokio::test]
async fn a_round_reports_offered_transitions_are_exactly_those_that_succeed() {
    let app = TestApp::spawn().await;
    check(
        &app,
        "roundReport",
        &["DRAFT_UNREPORTED", "DRAFT", "DRAFT_ROUND_CLOSED", "SUBMITTED", "HEARD", "DECIDED"],
        &["WRITE", "SUBMIT", "RECORD_HEARING", "RECORD_DECISION"],
    )
    .await;
}

#[tokio::test]
async fn a_users_and_a_credentials_offered_transitions_are_exactly_those_that_succeed() {
    let app = TestApp::spawn().await;
    check(&app, "user", &["ENABLED", "DISABLED"], &["DISABLE", "ENABLE"]).await;
    check(&app, "credential", &["ACTIVE", "REVOKED"], &["REVOKE"]).await;
    // The office is never offered to disable itself, which it may not.
    let office = app.data("office", "{ me { id availableTransitions } }", json!({})).await;
    assert_eq!(office["me"]["availableTransitions"], json!([]), "{office}");
    let body = app
        .as_user(
            "office",
            "mutation($i: DisableUserInput!) { disableUser(input: $i) { __typename } }",
            json!({ "i": { "id": office["me"]["id"] } }),
        )
        .await;
    assert!(body.get("errors").is_some(), "{body}");
}
