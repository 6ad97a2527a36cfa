//! Using the results: collective interviews and accountability records, recorded by the office,
//! each unit reaching only its own.

use serde_json::{Value, json};
use tests::{TestApp, assert_code, gid};

const SESSION: &str = "mutation($i: RecordInterviewSessionInput!) { recordInterviewSession(input: $i) { session { id heldOn subject units { id } } } }";
const RECORD: &str = "mutation($i: RecordAccountabilityInput!) { recordAccountability(input: $i) { record { id target personName personRank inPersonalFile inAnnualAssessment assessmentVeto unit { id } } } }";

fn ids(v: &Value) -> Vec<String> {
    v.as_array().unwrap().iter().map(|n| n["id"].as_str().unwrap().to_owned()).collect()
}

#[tokio::test]
async fn the_office_records_interview_sessions_and_each_unit_sees_only_its_own_seat() {
    let app = TestApp::spawn().await;
    let unit1 = gid("Organization", app.org_of("unit1").await);
    let unit2 = gid("Organization", app.org_of("unit2").await);
    let team = gid("Organization", app.org_of("team1").await);
    let before = app.digest().await;
    // Bad input changes nothing.
    for (input, field) in [
        (json!({ "heldOn": tests::today(), "subject": "约谈", "unitIds": [] }), "unitIds"),
        (json!({ "heldOn": tests::today(), "subject": "约谈", "unitIds": [unit1, unit1] }), "unitIds"),
        (json!({ "heldOn": tests::today(), "subject": "约谈", "unitIds": [team] }), "unitIds"),
        (json!({ "heldOn": "2999-01-01", "subject": "约谈", "unitIds": [unit1] }), "heldOn"),
        (json!({ "heldOn": tests::today(), "subject": " ", "unitIds": [unit1] }), "subject"),
    ] {
        let body = app.as_user("office", SESSION, json!({ "i": input })).await;
        assert_code(&body, "BAD_USER_INPUT");
        assert_eq!(body["errors"][0]["extensions"]["field"], field, "{body}");
    }
    assert_code(
        &app.as_user(
            "unit1",
            SESSION,
            json!({ "i": { "heldOn": tests::today(), "subject": "约谈", "unitIds": [unit1] } }),
        )
        .await,
        "FORBIDDEN",
    );
    assert_eq!(app.digest().await, before);

    let d = app
        .data(
            "office",
            SESSION,
            json!({ "i": { "heldOn": tests::today(), "subject": "整改约谈", "unitIds": [unit1, unit2] } }),
        )
        .await;
    let session = d["recordInterviewSession"]["session"].clone();
    assert_eq!(ids(&session["units"]).len(), 2);
    let id = session["id"].as_str().unwrap().to_owned();
    let q = "query($s: ID!) { node(id: $s) { ... on InterviewSession { subject units { id } } } interviewSessions(first: 100) { totalCount nodes { id units { id } } } }";
    // Each unit sees the session it sat in, and itself alone among its units.
    for (account, own) in [("unit1", &unit1), ("unit2", &unit2)] {
        let seen = app.data(account, q, json!({ "s": id })).await;
        assert_eq!(ids(&seen["node"]["units"]), vec![own.clone()], "{account}");
        for n in seen["interviewSessions"]["nodes"].as_array().unwrap() {
            assert_eq!(ids(&n["units"]), vec![own.clone()], "{account} sees another unit's seat");
        }
    }
    // unit2's round-2 session is unit2's alone: unit1 reaches it by no path.
    let theirs = app.first_id("SELECT session_id AS id FROM interviewees ORDER BY id").await;
    let theirs = gid("InterviewSession", theirs);
    let seen = app.data("unit1", q, json!({ "s": theirs })).await;
    assert!(seen["node"].is_null());
    assert_eq!(seen["interviewSessions"]["totalCount"], 1);
    let filtered = app
        .data("unit1", "query($u: ID!) { interviewSessions(unitId: $u) { totalCount } }", json!({ "u": unit2 }))
        .await;
    assert_eq!(filtered["interviewSessions"]["totalCount"], 0);
    assert!(!app.data("unit2", q, json!({ "s": theirs })).await["node"].is_null());
    // The office sees every seat; a partner agency sees no session.
    assert_eq!(ids(&app.data("office", q, json!({ "s": id })).await["node"]["units"]).len(), 2);
    assert_code(&app.as_user("agency1", "{ interviewSessions { totalCount } }", json!({})).await, "FORBIDDEN");
    assert!(app.data("agency1", "query($s: ID!) { node(id: $s) { id } }", json!({ "s": id })).await["node"].is_null());
}

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
        (with(json!({ "target": "UNIT", "personName": "某" })), "BAD_USER_INPUT", Some("personName")),
        (with(json!({ "target": "UNIT", "inPersonalFile": true })), "BAD_USER_INPUT", Some("inPersonalFile")),
        (with(json!({ "target": "UNIT", "assessmentVeto": true })), "BAD_USER_INPUT", Some("assessmentVeto")),
        (with(json!({ "target": "UNIT", "decidedOn": "2999-01-01" })), "BAD_USER_INPUT", Some("decidedOn")),
        (with(json!({ "target": "UNIT", "inspectionId": stationed })), "INVALID_TRANSITION", None),
        (with(json!({ "target": "UNIT", "inspectionId": gid("Inspection", 999_999) })), "NOT_FOUND", None),
    ] {
        let body = app.as_user("office", RECORD, input).await;
        assert_code(&body, code);
        if let Some(f) = field {
            assert_eq!(body["errors"][0]["extensions"]["field"], f, "{body}");
        }
    }
    for who in ["leader", "team1", "unit2", "agency1"] {
        assert_code(&app.as_user(who, RECORD, with(json!({ "target": "UNIT" }))).await, "FORBIDDEN");
    }
    assert_eq!(app.digest().await, before);

    let d = app
        .data("office", RECORD, with(json!({ "target": "UNIT", "inAnnualAssessment": true, "assessmentVeto": true })))
        .await;
    let record = d["recordAccountability"]["record"].clone();
    assert_eq!(record["assessmentVeto"], true);
    assert_eq!(record["unit"]["id"], gid("Organization", unit2));
    let id = record["id"].as_str().unwrap().to_owned();
    let q =
        "query($r: ID!) { node(id: $r) { id } accountabilityRecords(first: 100) { totalCount nodes { unit { id } } } }";
    // unit2 sees it among its own; unit1 reaches none of unit2's records by list or id.
    let own = app.data("unit2", q, json!({ "r": id })).await;
    assert_eq!(own["node"]["id"], id.as_str());
    let unit2_total = app.count_where("accountability_records", &format!("unit_id = {unit2}")).await;
    assert_eq!(own["accountabilityRecords"]["totalCount"], unit2_total);
    let other = app.data("unit1", q, json!({ "r": id })).await;
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
    assert_eq!(app.data(inspector, q, json!({ "r": id })).await["node"]["id"], id.as_str());
    assert!(app.data(other_team, q, json!({ "r": id })).await["node"].is_null());
    assert_code(&app.as_user("agency1", "{ accountabilityRecords { totalCount } }", json!({})).await, "FORBIDDEN");
}
