//! Referrals by competence (职责范围): each kind of agency receives only its kind of matter and
//! records only the outcomes its competence allows; a clue split between the commission and the
//! organisation department; a shelved referral reopened and a concluded one receiving the court's
//! judgment, both delivered by the change stream; the statistics by outcome and by agency; and a
//! demo whose dates tell its story in order.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Value, json};
use tests::{TestApp, assert_code, assert_unchanged, gid};

/// Refers a clue (or part of it).
const REFER_CLUE: &str = r#"mutation($i: ReferClueInput!) {
  referClue(input: $i) { referral { id status matter deadline carried { persons { name } } } }
}"#;

/// Passes a finding on for handling.
const REFER_FINDING: &str = r#"mutation($i: ReferFindingInput!) {
  referFinding(input: $i) { referral { id status matter finding { id } clue { id } } }
}"#;

/// Gives a system of an agency its credential.
const CREATE_SERVICE_CREDENTIAL: &str = r#"mutation($i: CreateServiceCredentialInput!) {
  createServiceCredential(input: $i) { clientId clientSecret }
}"#;

/// The measures the schema offers, in order.
const MEASURES: &str = r#"{ __type(name: "Measure") { enumValues { name } } }"#;

/// A referral's state and outcomes.
const REFERRAL: &str = r#"query($r: ID!) {
  node(id: $r) { ... on Referral { status disposalMethod dispositions { personName measure group note } } }
}"#;

/// A clue's state and persons.
const CLUE: &str = r#"query($c: ID!) { node(id: $c) { ... on Clue { status persons { id name } } } }"#;

/// The change stream after a cursor, with what each change carries.
const CHANGES_AFTER: &str = r#"query($a: String) {
  referralChanges(first: 100, after: $a) {
    edges { node { id status dispositions { measure } } }
    pageInfo { endCursor hasNextPage }
  }
}"#;

/// The outcome figures of the statistics.
const OUTCOME_FIGURES: &str = r#"{
  statistics {
    referrals personsDisciplined
    outcomes { measure group persons }
    agencies { agency { id name competence } referrals open shelved concluded casesFiled personsWithOutcome }
  }
}"#;

/// One page of referrals with their outcomes.
const REFERRALS_PAGE: &str = r#"query($a: String) {
  referrals(first: 100, after: $a) {
    nodes { id status caseFiledOn agency { id } dispositions { personName measure } }
    pageInfo { endCursor hasNextPage }
  }
}"#;

/// The token and global id of a demo partner agency, through a service credential of its own (the
/// demo has person accounts only for the commission and the organisation department).
async fn agency_system(app: &TestApp, name: &str) -> (String, String) {
    let agency = gid("Organization", app.row_id("organizations", "name", name).await);
    let created = app
        .data("office", CREATE_SERVICE_CREDENTIAL, json!({ "i": { "agencyId": agency, "label": "系统" } }))
        .await["createServiceCredential"]
        .clone();
    let login = app.login(created["clientId"].as_str().unwrap(), created["clientSecret"].as_str().unwrap()).await;
    (login["data"]["login"]["token"].as_str().unwrap().to_owned(), agency)
}

/// The `nth` approved clue of the demo that names at least `persons` persons.
async fn approved_clue(app: &TestApp, nth: usize, persons: usize) -> String {
    let id = app
        .first_id(&format!(
            "SELECT id FROM clues WHERE status = 'APPROVED' AND \
             (SELECT COUNT(*) FROM clue_persons p WHERE p.clue_id = clues.id) >= {persons} \
             ORDER BY id LIMIT 1 OFFSET {nth}"
        ))
        .await;
    gid("Clue", id)
}

/// A finding of a closed inspection (a problem passed on for handling after the feedback).
async fn finding(app: &TestApp) -> String {
    gid(
        "Finding",
        app.first_id(
            "SELECT f.id FROM findings f JOIN inspections i ON i.id = f.inspection_id \
             WHERE i.status = 'CLOSED' AND f.id NOT IN (SELECT finding_id FROM referrals WHERE finding_id IS NOT NULL) \
             ORDER BY f.id",
        )
        .await,
    )
}

fn message(body: &Value) -> String {
    body["errors"][0]["message"].as_str().unwrap_or_default().to_owned()
}

#[tokio::test]
async fn a_referral_goes_only_to_the_body_that_may_decide_that_kind_of_matter() {
    let app = TestApp::spawn().await;
    let commission = gid("Organization", app.org_of("agency1").await);
    let organisation = gid("Organization", app.org_of("agency2").await);
    let department = gid("Organization", app.row_id("organizations", "name", "区财政局").await);
    let court = gid("Organization", app.row_id("organizations", "name", "区法院").await);
    let agencies = [
        ("commission", &commission, Some("VIOLATION"), "commission"),
        ("organisation department", &organisation, Some("CADRE"), "organisation department"),
        ("department", &department, Some("GENERAL"), "department"),
        ("court", &court, None, "judicial body"),
    ];
    // One clue, referred in turn to each body competent for a part of it: a split.
    let clue = approved_clue(&app, 0, 1).await;
    for (who, agency, receives, called) in agencies {
        for matter in ["VIOLATION", "CADRE", "GENERAL"] {
            let input = json!({ "i": { "clueId": clue, "agencyId": agency, "matter": matter } });
            if receives == Some(matter) {
                continue;
            }
            let before = app.digest().await;
            let body = app.as_user("office", REFER_CLUE, input).await;
            assert_code(&body, "BAD_USER_INPUT");
            assert!(message(&body).contains(called), "{who}, {matter}: {body}");
            assert_unchanged(&app.digest().await, &before);
        }
        if let Some(matter) = receives {
            let input = json!({ "i": { "clueId": clue, "agencyId": agency, "matter": matter } });
            let d = app.data("office", REFER_CLUE, input).await;
            assert_eq!(d["referClue"]["referral"]["matter"], matter, "{who}");
            assert_eq!(d["referClue"]["referral"]["status"], "SENT", "{who}");
        }
    }
    let d = app.data("office", CLUE, json!({ "c": clue })).await;
    assert_eq!(d["node"]["status"], "REFERRED");
    let d = app
        .data("office", "query($c: ID!) { referrals(filter: { clueId: $c }) { totalCount } }", json!({ "c": clue }))
        .await;
    assert_eq!(d["referrals"]["totalCount"], 3, "the clue split three ways");

    // A finding (问题移交) goes to a department only, as a general matter.
    let f = finding(&app).await;
    for agency in [&commission, &organisation, &court] {
        let before = app.digest().await;
        let body = app.as_user("office", REFER_FINDING, json!({ "i": { "findingId": f, "agencyId": agency } })).await;
        assert_code(&body, "BAD_USER_INPUT");
        assert_unchanged(&app.digest().await, &before);
    }
    let d = app.data("office", REFER_FINDING, json!({ "i": { "findingId": f, "agencyId": department } })).await;
    let r = &d["referFinding"]["referral"];
    assert_eq!(
        (r["matter"].as_str(), r["finding"]["id"].as_str(), r["clue"].is_null()),
        (Some("GENERAL"), Some(f.as_str()), true)
    );
    // The same finding to the same department twice is a conflict.
    let body = app.as_user("office", REFER_FINDING, json!({ "i": { "findingId": f, "agencyId": department } })).await;
    assert_code(&body, "CONFLICT");
}

/// Whether each kind of agency may record a measure, written out from the rules (independently of
/// the server's table): the commission records sanctions, criticism and education, transfers and
/// the court's judgment; the organisation department organisational measures and criticism and
/// education; a department none.
fn may_record(competence: &str, measure: &str) -> bool {
    const PARTY: [&str; 5] = [
        "PARTY_WARNING",
        "SERIOUS_PARTY_WARNING",
        "REMOVAL_FROM_PARTY_POST",
        "PARTY_PROBATION",
        "EXPULSION_FROM_PARTY",
    ];
    const GOVERNMENT: [&str; 6] = [
        "GOVERNMENT_WARNING",
        "DEMERIT",
        "MAJOR_DEMERIT",
        "DEMOTION",
        "REMOVAL_FROM_POST",
        "DISMISSAL_FROM_PUBLIC_OFFICE",
    ];
    const ORGANISATIONAL: [&str; 4] = ["SUSPENSION", "REMOVAL_FROM_OFFICE", "DEMOTION_IN_RANK", "REASSIGNMENT"];
    const EDUCATION: [&str; 4] = ["REMINDER_TALK", "CRITICISM_AND_EDUCATION", "ORDERED_SELF_CRITICISM", "ADMONISHMENT"];
    const JUDICIAL: [&str; 2] = ["TRANSFER_TO_PROCURATORATE", "COURT_JUDGMENT"];
    match competence {
        "DISCIPLINE_SUPERVISION" => {
            PARTY.contains(&measure)
                || GOVERNMENT.contains(&measure)
                || EDUCATION.contains(&measure)
                || JUDICIAL.contains(&measure)
        }
        "ORGANIZATION" => ORGANISATIONAL.contains(&measure) || EDUCATION.contains(&measure),
        _ => false,
    }
}

#[tokio::test]
async fn each_agency_records_only_the_outcomes_its_competence_allows() {
    let app = TestApp::spawn().await;
    let (department, department_id) = agency_system(&app, "区财政局").await;
    let measures: Vec<String> = app.data("office", MEASURES, json!({})).await["__type"]["enumValues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["name"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(measures.len(), 21, "{measures:?}");
    // An acknowledged referral at each of the three bodies that receive matters.
    let clue = approved_clue(&app, 0, 1).await;
    let mut at = Vec::new();
    for (agency_id, matter, caller) in [
        (gid("Organization", app.org_of("agency1").await), "VIOLATION", Some("agency1")),
        (gid("Organization", app.org_of("agency2").await), "CADRE", Some("agency2")),
        (department_id, "GENERAL", None),
    ] {
        let d = app
            .data("office", REFER_CLUE, json!({ "i": { "clueId": clue, "agencyId": agency_id, "matter": matter } }))
            .await;
        let id = d["referClue"]["referral"]["id"].as_str().unwrap().to_owned();
        let ack = "mutation($i: AcknowledgeReferralInput!) { acknowledgeReferral(input: $i) { referral { status } } }";
        let body = match caller {
            Some(user) => app.as_user(user, ack, json!({ "i": { "id": id } })).await,
            None => app.gql(Some(&department), ack, json!({ "i": { "id": id } })).await,
        };
        assert_eq!(body["data"]["acknowledgeReferral"]["referral"]["status"], "ACKNOWLEDGED", "{body}");
        at.push((id, caller));
    }
    let competences = ["DISCIPLINE_SUPERVISION", "ORGANIZATION", "GENERAL"];
    let named = ["commission", "organisation department", "department"];
    const ADD: &str =
        "mutation($i: AddDispositionInput!) { addDisposition(input: $i) { referral { dispositions { measure } } } }";
    let today = tests::today();
    for (((id, caller), competence), called) in at.iter().zip(competences).zip(named) {
        let mut recorded = 0;
        for measure in &measures {
            let input = json!({ "i": {
                "id": id, "personName": "张某", "rank": "SECTION_LEVEL", "measure": measure,
                "decidedOn": today, "note": "判处有期徒刑一年"
            } });
            let before = app.digest().await;
            let body = match caller {
                Some(user) => app.as_user(user, ADD, input).await,
                None => app.gql(Some(&department), ADD, input).await,
            };
            if may_record(competence, measure) {
                assert!(body.get("errors").is_none(), "{competence} {measure}: {body}");
                recorded += 1;
                let list = body["data"]["addDisposition"]["referral"]["dispositions"].as_array().unwrap();
                assert_eq!(list.len(), recorded, "{competence} {measure}");
            } else {
                assert_code(&body, "FORBIDDEN");
                let text = message(&body);
                assert!(text.contains(called) && text.contains("may not record"), "{competence} {measure}: {text}");
                assert_unchanged(&app.digest().await, &before);
            }
        }
        assert!(recorded > 0 || competence == "GENERAL");
        // Only the commission files cases and chooses how a clue is disposed of.
        for (op, input) in [
            ("reportCaseFiled", json!({ "id": id, "filedOn": today })),
            ("setDisposalMethod", json!({ "id": id, "method": "PRELIMINARY_VERIFICATION" })),
        ] {
            let t = op[..1].to_uppercase() + &op[1..];
            let doc = format!("mutation($i: {t}Input!) {{ {op}(input: $i) {{ referral {{ id }} }} }}");
            let before = app.digest().await;
            let body = match caller {
                Some(user) => app.as_user(user, &doc, json!({ "i": input })).await,
                None => app.gql(Some(&department), &doc, json!({ "i": input })).await,
            };
            if competence == "DISCIPLINE_SUPERVISION" {
                assert!(body.get("errors").is_none(), "{op}: {body}");
            } else {
                assert_code(&body, "FORBIDDEN");
                assert!(message(&body).contains("only the discipline inspection"), "{body}");
                assert_unchanged(&app.digest().await, &before);
            }
        }
    }
    // A department answers by concluding with what it did.
    let done =
        "mutation($i: ConcludeReferralInput!) { concludeReferral(input: $i) { referral { status conclusion } } }";
    let body =
        app.gql(Some(&department), done, json!({ "i": { "id": at[2].0, "conclusion": "已完成专项清理" } })).await;
    assert_eq!(body["data"]["concludeReferral"]["referral"]["status"], "CONCLUDED", "{body}");
    // A judicial body holds no referral: the commission's is missing to it.
    let (court, _) = agency_system(&app, "区法院").await;
    let input = json!({ "i": { "id": at[0].0, "personName": "张某", "rank": "STAFF", "measure": "COURT_JUDGMENT", "decidedOn": today, "note": "判决" } });
    assert_code(&app.gql(Some(&court), ADD, input).await, "NOT_FOUND");
}

#[tokio::test]
async fn a_clue_splits_between_the_commission_and_the_organisation_department_each_part_with_its_deadline() {
    let app = TestApp::spawn().await;
    let clue = approved_clue(&app, 0, 2).await;
    let persons = app.data("office", CLUE, json!({ "c": clue })).await["node"]["persons"].clone();
    let (first, second) = (&persons[0], &persons[1]);
    let commission = gid("Organization", app.org_of("agency1").await);
    let organisation = gid("Organization", app.org_of("agency2").await);
    let to_commission = app
        .data("office", REFER_CLUE, json!({ "i": {
            "clueId": clue, "agencyId": commission, "matter": "VIOLATION", "personIds": [first["id"]], "deadline": "2027-01-31"
        } }))
        .await["referClue"]["referral"]
        .clone();
    let to_organisation = app
        .data("office", REFER_CLUE, json!({ "i": {
            "clueId": clue, "agencyId": organisation, "matter": "CADRE", "personIds": [second["id"]], "deadline": "2027-03-31"
        } }))
        .await["referClue"]["referral"]
        .clone();
    assert_eq!(to_commission["carried"]["persons"], json!([{ "name": first["name"] }]));
    assert_eq!(to_organisation["carried"]["persons"], json!([{ "name": second["name"] }]));
    assert_eq!(
        (to_commission["deadline"].as_str(), to_organisation["deadline"].as_str()),
        (Some("2027-01-31"), Some("2027-03-31"))
    );
    // Each agency sees its own part only.
    let carried = "query($r: ID!) { node(id: $r) { ... on Referral { carried { persons { name } } } } }";
    let seen = app.data("agency2", carried, json!({ "r": to_organisation["id"] })).await;
    assert_eq!(seen["node"]["carried"]["persons"], json!([{ "name": second["name"] }]));
    assert!(app.data("agency2", carried, json!({ "r": to_commission["id"] })).await["node"].is_null());
    // A person the clue does not name is refused; a second live referral to the same agency too.
    let stranger = gid("CluePerson", app.first_id("SELECT id FROM clue_persons ORDER BY id DESC").await);
    let before = app.digest().await;
    let body = app
        .as_user(
            "office",
            REFER_CLUE,
            json!({ "i": { "clueId": clue, "agencyId": commission, "matter": "VIOLATION", "personIds": [stranger] } }),
        )
        .await;
    assert!(matches!(tests::code(&body), Some("BAD_USER_INPUT") | Some("CONFLICT")), "{body}");
    let body = app
        .as_user(
            "office",
            REFER_CLUE,
            json!({ "i": { "clueId": clue, "agencyId": commission, "matter": "VIOLATION" } }),
        )
        .await;
    assert_code(&body, "CONFLICT");
    assert_unchanged(&app.digest().await, &before);
    // Withdrawing one part leaves the clue referred; withdrawing both returns it to approved.
    let withdraw = "mutation($i: WithdrawReferralInput!) { withdrawReferral(input: $i) { referral { status } } }";
    app.data("office", withdraw, json!({ "i": { "id": to_commission["id"] } })).await;
    assert_eq!(app.data("office", CLUE, json!({ "c": clue })).await["node"]["status"], "REFERRED");
    app.data("office", withdraw, json!({ "i": { "id": to_organisation["id"] } })).await;
    assert_eq!(app.data("office", CLUE, json!({ "c": clue })).await["node"]["status"], "APPROVED");
}

/// Every change after `cursor` as `agency1`'s system would pull them: `(changes, new cursor)`.
async fn pull(app: &TestApp, cursor: Value) -> (Vec<Value>, Value) {
    let (mut changes, mut after) = (Vec::new(), cursor);
    loop {
        let page = app.data("agency1", CHANGES_AFTER, json!({ "a": after })).await["referralChanges"].clone();
        changes.extend(page["edges"].as_array().unwrap().iter().map(|e| e["node"].clone()));
        if !page["pageInfo"]["endCursor"].is_null() {
            after = page["pageInfo"]["endCursor"].clone();
        }
        if !page["pageInfo"]["hasNextPage"].as_bool().unwrap() {
            return (changes, after);
        }
    }
}

#[tokio::test]
async fn a_shelved_referral_is_reopened_and_a_concluded_one_receives_the_courts_judgment_both_in_the_stream() {
    let app = TestApp::spawn().await;
    let clue = approved_clue(&app, 0, 1).await;
    let commission = gid("Organization", app.org_of("agency1").await);
    let id = app
        .data("office", REFER_CLUE, json!({ "i": { "clueId": clue, "agencyId": commission, "matter": "VIOLATION" } }))
        .await["referClue"]["referral"]["id"]
        .clone();
    let push = |op: &'static str, input: Value| {
        let app = &app;
        async move {
            let t = op[..1].to_uppercase() + &op[1..];
            let doc = format!("mutation($i: {t}Input!) {{ {op}(input: $i) {{ referral {{ status }} }} }}");
            app.as_user("agency1", &doc, json!({ "i": input })).await
        }
    };
    let ok = |body: Value| {
        assert!(body.get("errors").is_none(), "{body}");
        body
    };
    ok(push("acknowledgeReferral", json!({ "id": id })).await);
    let (_, cursor) = pull(&app, Value::Null).await;
    // Shelved (暂存待查): nothing is concluded or decided on it until it is reopened.
    let shelved = ok(push("setDisposalMethod", json!({ "id": id, "method": "SHELVED_PENDING" })).await);
    assert_eq!(shelved["data"]["setDisposalMethod"]["referral"]["status"], "SHELVED");
    let today = tests::today();
    let before = app.digest().await;
    assert_code(&push("concludeReferral", json!({ "id": id, "conclusion": "了结" })).await, "INVALID_TRANSITION");
    let judged =
        json!({ "id": id, "personName": "王某", "rank": "STAFF", "measure": "PARTY_WARNING", "decidedOn": today });
    assert_code(&push("addDisposition", judged).await, "INVALID_TRANSITION");
    assert_unchanged(&app.digest().await, &before);
    let (changes, cursor) = pull(&app, cursor).await;
    assert_eq!(changes.iter().filter(|c| c["id"] == id).count(), 1, "the shelving is one change: {changes:?}");
    let reopened = ok(push("reopenReferral", json!({ "id": id })).await);
    assert_eq!(reopened["data"]["reopenReferral"]["referral"]["status"], "ACKNOWLEDGED");
    let (changes, cursor) = pull(&app, cursor).await;
    assert!(changes.iter().any(|c| c["id"] == id && c["status"] == "ACKNOWLEDGED"), "the reopening is delivered");
    // Reopened, it is worked: a case, a transfer, concluded.
    ok(push("setDisposalMethod", json!({ "id": id, "method": "PRELIMINARY_VERIFICATION" })).await);
    ok(push("reportCaseFiled", json!({ "id": id, "filedOn": today })).await);
    ok(push("addDisposition", json!({ "id": id, "personName": "王某", "rank": "SECTION_LEVEL", "measure": "EXPULSION_FROM_PARTY", "decidedOn": today })).await);
    ok(push("addDisposition", json!({ "id": id, "personName": "王某", "rank": "SECTION_LEVEL", "measure": "TRANSFER_TO_PROCURATORATE", "decidedOn": today })).await);
    ok(push("concludeReferral", json!({ "id": id, "conclusion": "开除党籍，移送检察机关" })).await);
    let (_, cursor) = pull(&app, cursor).await;
    // The judgment comes months later: on the concluded referral, for the person transferred only,
    // and saying what the court decided.
    let before = app.digest().await;
    let stranger = json!({ "id": id, "personName": "李某", "rank": "STAFF", "measure": "COURT_JUDGMENT", "decidedOn": today, "note": "判决" });
    assert_code(&push("addDisposition", stranger).await, "BAD_USER_INPUT");
    let silent = json!({ "id": id, "personName": "王某", "rank": "SECTION_LEVEL", "measure": "COURT_JUDGMENT", "decidedOn": today });
    assert_code(&push("addDisposition", silent).await, "BAD_USER_INPUT");
    assert_unchanged(&app.digest().await, &before);
    let judgment = json!({ "id": id, "personName": "王某", "rank": "SECTION_LEVEL", "measure": "COURT_JUDGMENT", "decidedOn": today, "note": "以受贿罪判处有期徒刑三年" });
    let body = ok(push("addDisposition", judgment).await);
    assert_eq!(body["data"]["addDisposition"]["referral"]["status"], "CONCLUDED");
    let (changes, _) = pull(&app, cursor).await;
    let delivered = changes.iter().find(|c| c["id"] == id).expect("the judgment is delivered as a change");
    let measures: Vec<&str> =
        delivered["dispositions"].as_array().unwrap().iter().map(|d| d["measure"].as_str().unwrap()).collect();
    assert_eq!(measures, ["EXPULSION_FROM_PARTY", "TRANSFER_TO_PROCURATORATE", "COURT_JUDGMENT"]);
    let seen = app.data("leader", REFERRAL, json!({ "r": id })).await;
    let last = &seen["node"]["dispositions"][2];
    assert_eq!(
        (last["group"].as_str(), last["note"].as_str()),
        (Some("COURT_OUTCOME"), Some("以受贿罪判处有期徒刑三年"))
    );
}

/// One agency's referrals as counted from the list: all, open, shelved, concluded, cases filed, and
/// the (referral, person) pairs with an outcome.
type AgencyTally = (u64, u64, u64, u64, u64, BTreeSet<(String, String)>);

/// Every referral the account sees, with its outcomes.
async fn every_referral(app: &TestApp, account: &str) -> Vec<Value> {
    let (mut all, mut after) = (Vec::new(), Value::Null);
    loop {
        let page = app.data(account, REFERRALS_PAGE, json!({ "a": after })).await["referrals"].clone();
        all.extend(page["nodes"].as_array().unwrap().iter().cloned());
        if !page["pageInfo"]["hasNextPage"].as_bool().unwrap() {
            return all;
        }
        after = page["pageInfo"]["endCursor"].clone();
    }
}

#[tokio::test]
async fn the_statistics_count_outcomes_by_measure_and_referrals_by_agency_as_the_lists_do() {
    let app = TestApp::spawn().await;
    for account in ["leader", "office", "agency1", "agency2"] {
        let s = app.data(account, OUTCOME_FIGURES, json!({})).await["statistics"].clone();
        let referrals: Vec<Value> =
            every_referral(&app, account).await.into_iter().filter(|r| r["status"] != "WITHDRAWN").collect();
        // Persons per measure: each (referral, person) once per measure.
        let mut per_measure: BTreeMap<String, BTreeSet<(String, String)>> = BTreeMap::new();
        let mut per_agency: BTreeMap<String, AgencyTally> = BTreeMap::new();
        for r in &referrals {
            let agency = r["agency"]["id"].as_str().unwrap().to_owned();
            let a = per_agency.entry(agency).or_default();
            a.0 += 1;
            match r["status"].as_str().unwrap() {
                "SENT" | "ACKNOWLEDGED" => a.1 += 1,
                "SHELVED" => a.2 += 1,
                "CONCLUDED" => a.3 += 1,
                other => panic!("{other}"),
            }
            if !r["caseFiledOn"].is_null() {
                a.4 += 1;
            }
            for d in r["dispositions"].as_array().unwrap() {
                let person = (r["id"].as_str().unwrap().to_owned(), d["personName"].as_str().unwrap().to_owned());
                per_measure.entry(d["measure"].as_str().unwrap().to_owned()).or_default().insert(person.clone());
                a.5.insert(person);
            }
        }
        let outcomes = s["outcomes"].as_array().unwrap();
        assert_eq!(outcomes.len(), 21, "{account}: every measure, zero where none");
        for o in outcomes {
            let counted = per_measure.get(o["measure"].as_str().unwrap()).map_or(0, BTreeSet::len);
            assert_eq!(o["persons"], json!(counted), "{account} {o}");
        }
        let agencies = s["agencies"].as_array().unwrap();
        assert_eq!(agencies.len(), per_agency.len(), "{account}");
        for a in agencies {
            let (n, open, shelved, concluded, filed, persons) = &per_agency[a["agency"]["id"].as_str().unwrap()];
            assert_eq!(
                (
                    &a["referrals"],
                    &a["open"],
                    &a["shelved"],
                    &a["concluded"],
                    &a["casesFiled"],
                    &a["personsWithOutcome"]
                ),
                (&json!(n), &json!(open), &json!(shelved), &json!(concluded), &json!(filed), &json!(persons.len())),
                "{account} {a}"
            );
        }
        assert_eq!(s["referrals"], json!(referrals.len()), "{account}");
        if account.starts_with("agency") {
            assert_eq!(agencies.len(), 1, "{account} sees its own line only");
            assert_eq!(agencies[0]["agency"]["id"], json!(gid("Organization", app.org_of(account).await)));
        }
    }
    // The demo's referrals by competence: the commission most, then the organisation department,
    // then the departments; nothing at a judicial body, and no measure a body may not record.
    let s = app.data("leader", OUTCOME_FIGURES, json!({})).await["statistics"].clone();
    let mut by_competence: BTreeMap<String, u64> = BTreeMap::new();
    for a in s["agencies"].as_array().unwrap() {
        *by_competence.entry(a["agency"]["competence"].as_str().unwrap().to_owned()).or_default() +=
            a["referrals"].as_u64().unwrap();
    }
    assert!(!by_competence.contains_key("JUDICIAL"), "{by_competence:?}");
    assert!(by_competence["DISCIPLINE_SUPERVISION"] > by_competence["ORGANIZATION"], "{by_competence:?}");
    assert!(by_competence["ORGANIZATION"] > 0 && by_competence["GENERAL"] > 0, "{by_competence:?}");
    let stray = app
        .count_where(
            "dispositions d JOIN referrals r ON r.id = d.referral_id JOIN organizations o ON o.id = r.agency_id",
            "(o.competence = 'ORGANIZATION' AND d.measure NOT IN ('SUSPENSION', 'REMOVAL_FROM_OFFICE', 'DEMOTION_IN_RANK', \
             'REASSIGNMENT', 'REMINDER_TALK', 'CRITICISM_AND_EDUCATION', 'ORDERED_SELF_CRITICISM', 'ADMONISHMENT')) \
             OR (o.competence = 'DISCIPLINE_SUPERVISION' AND d.measure IN ('SUSPENSION', 'REMOVAL_FROM_OFFICE', \
             'DEMOTION_IN_RANK', 'REASSIGNMENT')) OR o.competence IN ('GENERAL', 'JUDICIAL')",
        )
        .await;
    assert_eq!(stray, 0, "every demo outcome is within its agency's competence");
    let filed_elsewhere = app
        .count_where(
            "referrals r JOIN organizations o ON o.id = r.agency_id",
            "r.case_filed_on IS NOT NULL AND o.competence <> 'DISCIPLINE_SUPERVISION'",
        )
        .await;
    assert_eq!(filed_elsewhere, 0, "only the commission files cases");
}

#[tokio::test]
async fn the_demo_tells_its_story_in_order() {
    let app = TestApp::spawn().await;
    let distinct = app.first_id("SELECT CAST(COUNT(DISTINCT description) AS INTEGER) AS id FROM findings").await;
    assert!(distinct >= 200, "{distinct} distinct finding descriptions");
    let today = tests::today();
    let day = |column: &str| format!("substr(CAST({column} AS TEXT), 1, 10)");
    // Each pair: what must not come before what, in one table or a join.
    let checks: Vec<(&str, String, String)> = vec![
        (
            "findings f JOIN inspections i ON i.id = f.inspection_id JOIN rounds r ON r.id = i.round_id",
            day("f.created_at"),
            day("COALESCE(r.started_on, r.starts_on)"),
        ),
        ("referrals r JOIN clues c ON c.id = r.clue_id", day("r.created_at"), day("c.created_at")),
        ("referrals r", day("r.acknowledged_at"), day("r.created_at")),
        ("referrals r", day("r.concluded_at"), day("r.acknowledged_at")),
        ("referrals r", day("r.case_filed_on"), day("r.created_at")),
        ("dispositions d JOIN referrals r ON r.id = d.referral_id", day("d.decided_on"), day("r.created_at")),
        ("decisions d JOIN hearings h ON h.inspection_id = d.inspection_id", day("d.decided_on"), day("h.heard_on")),
        (
            "feedbacks f JOIN decisions d ON d.inspection_id = f.inspection_id",
            day("f.released_at"),
            day("d.decided_on"),
        ),
        (
            "rectification_tasks t JOIN feedbacks f ON f.inspection_id = t.inspection_id",
            day("t.created_at"),
            day("f.released_at"),
        ),
    ];
    for (from, later, earlier) in &checks {
        let wrong = app.count_where(from, &format!("{later} < {earlier}")).await;
        assert_eq!(wrong, 0, "{from}: {later} before {earlier}");
    }
    for (table, column) in [
        ("findings", "created_at"),
        ("clues", "created_at"),
        ("referrals", "created_at"),
        ("referrals", "concluded_at"),
        ("dispositions", "decided_on"),
        ("decisions", "decided_on"),
        ("feedbacks", "released_at"),
        ("rectification_tasks", "created_at"),
    ] {
        let future = app.count_where(table, &format!("{} > '{today}'", day(column))).await;
        assert_eq!(future, 0, "{table}.{column} after today");
    }
}
