//! `availableTransitions`: what a screen offers is exactly what the server allows. For every role
//! and every state of a rectification task, plan and report, each transition listed succeeds and
//! each one not listed is refused, changing nothing.

use serde_json::{Value, json};
use tests::{TestApp, gid, row_of};

/// The accounts tried: every role, and a unit's leader who is not its principal one.
const ACCOUNTS: [&str; 8] = ["leader", "office", "team1", "team1.member", "agency1", "unit1", "unit1.deputy", "unit2"];

/// Runs transition `t` of a kind on object `id` as `who`: its mutation and input.
fn mutation(kind: &str, t: &str, id: &str) -> (String, Value) {
    let (op, input) = match (kind, t) {
        ("task", "START") => ("startRectificationTask", json!({ "id": id })),
        ("task", "SUBMIT") => ("submitRectificationTask", json!({ "id": id })),
        ("task", "CLOSE") => ("closeRectificationTask", json!({ "id": id })),
        ("task", "RETURN") => ("returnRectificationTask", json!({ "id": id, "reason": "证据不足" })),
        ("plan", "WRITE") => ("updateRectificationPlan", json!({ "id": id, "summary": "修订后的方案" })),
        ("plan", "SUBMIT") => ("submitRectificationPlan", json!({ "id": id })),
        ("plan", "APPROVE") => ("approveRectificationPlan", json!({ "id": id })),
        ("plan", "RETURN") => ("returnRectificationPlan", json!({ "id": id, "comment": "请修改" })),
        ("report", "WRITE") => ("updateRectificationReport", json!({ "id": id, "body": "修订后的报告" })),
        ("report", "SUBMIT") => ("submitRectificationReport", json!({ "id": id })),
        ("report", "ACCEPT") => ("acceptRectificationReport", json!({ "id": id })),
        ("report", "RETURN") => ("returnRectificationReport", json!({ "id": id, "comment": "请修改" })),
        other => panic!("no transition {other:?}"),
    };
    let t = op[..1].to_uppercase() + &op[1..];
    (format!("mutation($i: {t}Input!) {{ {op}(input: $i) {{ __typename }} }}"), json!({ "i": input }))
}

/// What `who` is offered on `id` (nothing when it does not see it).
async fn offered(app: &TestApp, who: &str, id: &str) -> Vec<String> {
    let d = app.data(who, "query($id: ID!) { node(id: $id) { ... on RectificationTask { availableTransitions } ... on RectificationPlan { availableTransitions } ... on RectificationReport { availableTransitions } } }", json!({ "id": id })).await;
    d["node"]["availableTransitions"]
        .as_array()
        .map(|a| a.iter().map(|t| t.as_str().unwrap().to_owned()).collect())
        .unwrap_or_default()
}

/// The object's state and version, as the office reads it.
async fn stamp(app: &TestApp, id: &str) -> Value {
    app.data("office", "query($id: ID!) { node(id: $id) { ... on RectificationTask { status version } ... on RectificationPlan { status version } ... on RectificationReport { status version } } }", json!({ "id": id })).await["node"].clone()
}

/// A fresh object of `kind` in `state` (set-up by SQL on a fresh object the API made).
async fn fresh(app: &TestApp, kind: &str, state: &str, report_kind: &str) -> String {
    match kind {
        "task" => {
            let unit = app.org_of("unit1").await;
            let rec = app
                .first_id(&format!(
                    "SELECT r.id FROM recommendations r JOIN inspections i ON i.id = r.inspection_id WHERE i.unit_id = {unit} AND i.status IN ('FEEDBACK_GIVEN', 'RECTIFYING') ORDER BY r.id"
                ))
                .await;
            let id = app
                .run("office", "createRectificationTask", json!({ "recommendationId": gid("Recommendation", rec), "content": "整改", "responsiblePerson": "某", "deadline": tests::local_day(30) }), "{ rectificationTask { id } }")
                .await["rectificationTask"]["id"]
                .as_str()
                .unwrap()
                .to_owned();
            app.sql(&format!("UPDATE rectification_tasks SET status = '{state}' WHERE id = {}", row_of(&id))).await;
            id
        }
        "plan" => {
            // COVERED: a plan whose lines answer everything; UNCOVERED: one with a summary only.
            let covered = state != "UNCOVERED";
            let r = app.planned_at("unit1", false).await;
            if !covered {
                app.sql(&format!("DELETE FROM rectification_plan_items WHERE plan_id = {}", row_of(&r.plan))).await;
            }
            let status = if covered && state != "COVERED" { state } else { "DRAFTING" };
            app.sql(&format!("UPDATE rectification_plans SET status = '{status}' WHERE id = {}", row_of(&r.plan)))
                .await;
            r.plan
        }
        _ => {
            let r = app.released_at("unit1").await;
            let id = match report_kind {
                "PRINCIPAL" => r.principal_report,
                _ => r.report,
            };
            let (status, body) = match state {
                "EMPTY" => ("DRAFTING", ""),
                s => (s, "整改情况"),
            };
            app.sql(&format!(
                "UPDATE rectification_reports SET status = '{status}', body = '{body}' WHERE id = {}",
                row_of(&id)
            ))
            .await;
            id
        }
    }
}

/// Checks every account against every transition of `kind` in every state.
async fn check(app: &TestApp, kind: &str, states: &[&str], transitions: &[&str], report_kind: &str) {
    for state in states {
        let shared = fresh(app, kind, state, report_kind).await;
        for who in ACCOUNTS {
            let listed = offered(app, who, &shared).await;
            for t in transitions {
                if listed.iter().any(|l| l == t) {
                    // Listed: it succeeds, on a fresh object in the same state.
                    let id = fresh(app, kind, state, report_kind).await;
                    assert_eq!(offered(app, who, &id).await, listed, "{who} {kind} {state}");
                    let (doc, vars) = mutation(kind, t, &id);
                    let body = app.as_user(who, &doc, vars).await;
                    assert!(
                        body.get("errors").is_none(),
                        "{who} {kind} {report_kind} {state} {t} was offered but refused: {body}"
                    );
                } else {
                    // Not listed: refused, changing nothing.
                    let before = stamp(app, &shared).await;
                    let (doc, vars) = mutation(kind, t, &shared);
                    let body = app.as_user(who, &doc, vars).await;
                    assert!(
                        body.get("errors").is_some(),
                        "{who} {kind} {report_kind} {state} {t} was not offered but succeeded"
                    );
                    assert_eq!(stamp(app, &shared).await, before, "{who} {kind} {state} {t} changed it");
                }
            }
        }
    }
}

#[tokio::test]
async fn a_tasks_offered_transitions_are_exactly_those_that_succeed() {
    let app = TestApp::spawn().await;
    check(
        &app,
        "task",
        &["ASSIGNED", "IN_PROGRESS", "SUBMITTED", "RETURNED", "CLOSED", "REOPENED"],
        &["START", "SUBMIT", "CLOSE", "RETURN"],
        "",
    )
    .await;
}

#[tokio::test]
async fn a_plans_offered_transitions_are_exactly_those_that_succeed() {
    let app = TestApp::spawn().await;
    check(
        &app,
        "plan",
        &["UNCOVERED", "COVERED", "SUBMITTED", "RETURNED", "APPROVED"],
        &["WRITE", "SUBMIT", "APPROVE", "RETURN"],
        "",
    )
    .await;
}

#[tokio::test]
async fn a_reports_offered_transitions_are_exactly_those_that_succeed() {
    let app = TestApp::spawn().await;
    for report_kind in ["RECTIFICATION", "PRINCIPAL"] {
        check(
            &app,
            "report",
            &["EMPTY", "DRAFTING", "SUBMITTED", "RETURNED", "ACCEPTED"],
            &["WRITE", "SUBMIT", "ACCEPT", "RETURN"],
            report_kind,
        )
        .await;
    }
}
