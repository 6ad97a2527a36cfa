//! Referrals: the lifecycle for the right roles, what each agency reaches, the pull stream under
//! concurrent writes, idempotent pushes, service credentials and the statement budget.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Value, json};
use tests::{TestApp, assert_code, gid};

/// Refers an approved clue to a partner agency.
const REFER_CLUE: &str = r#"mutation($i: ReferClueInput!) {
  referClue(input: $i) { referral { id status deadline overdue } }
}"#;

/// Revokes a system's credential.
const REVOKE_SERVICE_CREDENTIAL: &str = r#"mutation($i: RevokeServiceCredentialInput!) {
  revokeServiceCredential(input: $i) { serviceCredential { status } }
}"#;

async fn approved_clue(app: &TestApp, nth: usize) -> String {
    let id =
        app.first_id(&format!("SELECT id FROM clues WHERE status = 'APPROVED' ORDER BY id LIMIT 1 OFFSET {nth}")).await;
    gid("Clue", id)
}

/// The kind of matter each demo agency receives: the commission violations, the organisation
/// department cadre questions.
fn matter_for(agency: &str) -> &'static str {
    if agency == "agency2" { "CADRE" } else { "VIOLATION" }
}

async fn refer(app: &TestApp, clue: &str, agency: &str) -> String {
    let to = gid("Organization", app.org_of(agency).await);
    let d = app
        .data("office", REFER_CLUE, json!({ "i": { "clueId": clue, "agencyId": to, "matter": matter_for(agency) } }))
        .await;
    d["referClue"]["referral"]["id"].as_str().unwrap().to_owned()
}

async fn push(app: &TestApp, who: &str, op: &str, input: Value) -> Value {
    let t = op[..1].to_uppercase() + &op[1..];
    app.as_user(who, &format!("mutation($i: {t}Input!) {{ {op}(input: $i) {{ referral {{ id status version dispositions {{ measure }} }} }} }}"), json!({ "i": input }))
        .await
}

/// A referral as the agency sees it: what it carries, and whether the clue shows.
const REFERRAL_AS_CARRIED: &str = r#"query($r: ID!) {
  node(id: $r) {
    ... on Referral {
      status overdue
      carried { allegedViolation persons { name rank } }
      clue { id }
      agencyName
    }
  }
}"#;

/// The caller's referrals, with what came of each.
const REFERRALS_WITH_OUTCOMES: &str = r#"{
  referrals(first: 100) {
    nodes {
      id status caseFiledOn conclusion
      dispositions { measure }
      agencyName
    }
  }
}"#;

/// The team whose inspection a clue came from.
const CLUE_TEAM: &str = r#"query($c: ID!) {
  node(id: $c) { ... on Clue { inspection { team { name } } } }
}"#;

#[tokio::test]
async fn a_referral_goes_sent_acknowledged_concluded_for_the_right_roles_only() {
    let app = TestApp::spawn().await;
    let clue = approved_clue(&app, 0).await;
    let id = refer(&app, &clue, "agency1").await;
    let status =
        app.data("office", "query($c: ID!) { node(id: $c) { ... on Clue { status } } }", json!({ "c": clue })).await;
    assert_eq!(status["node"]["status"], "REFERRED");
    // A referred clue is not referred to the same agency again (another part of it may go to
    // another agency: see `competence.rs`).
    let before = app.digest().await;
    assert_code(
        &app.as_user(
            "office",
            REFER_CLUE,
            json!({ "i": { "clueId": clue, "agencyId": gid("Organization", app.org_of("agency1").await) } }),
        )
        .await,
        "CONFLICT",
    );
    tests::assert_unchanged(&app.digest().await, &before);

    // What the agency sees: what the referral carries, not the clue.
    let seen = app.data("agency1", REFERRAL_AS_CARRIED, json!({ "r": id })).await;
    assert_eq!(seen["node"]["status"], "SENT");
    assert!(seen["node"]["clue"].is_null(), "{seen}");
    assert!(!seen["node"]["carried"]["persons"].as_array().unwrap().is_empty());

    let before = app.digest().await;
    for (op, input) in [
        ("setDisposalMethod", json!({ "id": id, "method": "PRELIMINARY_VERIFICATION" })),
        ("reportCaseFiled", json!({ "id": id, "filedOn": tests::today() })),
        ("concludeReferral", json!({ "id": id, "conclusion": "x" })),
    ] {
        assert_code(&push(&app, "agency1", op, input).await, "INVALID_TRANSITION");
    }
    tests::assert_unchanged(&app.digest().await, &before);
    let ok = push(&app, "agency1", "acknowledgeReferral", json!({ "id": id })).await;
    assert_eq!(ok["data"]["acknowledgeReferral"]["referral"]["status"], "ACKNOWLEDGED", "{ok}");
    // Once acknowledged, the office can no longer withdraw it, nor may the agency acknowledge twice.
    assert_code(&push(&app, "office", "withdrawReferral", json!({ "id": id })).await, "INVALID_TRANSITION");
    assert_code(&push(&app, "agency1", "acknowledgeReferral", json!({ "id": id })).await, "INVALID_TRANSITION");
    // Not concluded before a disposal method is chosen.
    assert_code(
        &push(&app, "agency1", "concludeReferral", json!({ "id": id, "conclusion": "办结" })).await,
        "BAD_USER_INPUT",
    );
    for (op, input) in [
        ("setDisposalMethod", json!({ "id": id, "method": "PRELIMINARY_VERIFICATION" })),
        ("reportCaseFiled", json!({ "id": id, "filedOn": tests::today() })),
        (
            "addDisposition",
            json!({ "id": id, "personName": "陈某", "rank": "DIVISION_LEVEL", "measure": "EXPULSION_FROM_PARTY", "decidedOn": tests::today() }),
        ),
        (
            "addDisposition",
            json!({ "id": id, "personName": "陈某", "rank": "DIVISION_LEVEL", "measure": "DISMISSAL_FROM_PUBLIC_OFFICE", "decidedOn": tests::today() }),
        ),
        ("concludeReferral", json!({ "id": id, "conclusion": "已立案审查，给予开除党籍、开除公职处分" })),
    ] {
        let body = push(&app, "agency1", op, input).await;
        assert!(body.get("errors").is_none(), "{op}: {body}");
    }
    // The team that wrote the clue sees the status and the outcome; a unit sees nothing.
    let team = app.data("team1", REFERRALS_WITH_OUTCOMES, json!({})).await;
    let mine: Vec<&Value> =
        team["referrals"]["nodes"].as_array().unwrap().iter().filter(|r| r["id"] == id.as_str()).collect();
    let clue_team = app.data("office", CLUE_TEAM, json!({ "c": clue })).await;
    if clue_team["node"]["inspection"]["team"]["name"] == "区委第一巡察组" {
        assert_eq!(mine.len(), 1);
        assert_eq!(mine[0]["status"], "CONCLUDED");
        assert_eq!(mine[0]["dispositions"].as_array().unwrap().len(), 2);
    }
    assert_code(&app.as_user("unit1", "{ referrals { totalCount } }", json!({})).await, "FORBIDDEN");
    assert_code(&app.as_user("unit1", "{ referralChanges { totalCount } }", json!({})).await, "FORBIDDEN");
    // Concluded, its procedure is over; only a late outcome still comes (see `competence.rs`).
    for (op, input) in [
        ("setDisposalMethod", json!({ "id": id, "method": "TALK_OR_LETTER_INQUIRY" })),
        ("reportCaseFiled", json!({ "id": id, "filedOn": tests::today() })),
        ("concludeReferral", json!({ "id": id, "conclusion": "again" })),
    ] {
        assert_code(&push(&app, "agency1", op, input).await, "INVALID_TRANSITION");
    }
}

/// The caller's referrals and changes, and two referrals by id.
const REFERRALS_AND_TWO_BY_ID: &str = r#"query($a: ID!, $b: ID!) {
  referrals(first: 100) { totalCount nodes { id agencyName } }
  referralChanges { totalCount }
  a: node(id: $a) { id }
  b: node(id: $b) { id }
}"#;

#[tokio::test]
async fn agency1_never_reaches_agency2s_referrals_nor_a_withdrawn_one() {
    let app = TestApp::spawn().await;
    let theirs = refer(&app, &approved_clue(&app, 0).await, "agency2").await;
    let clue = approved_clue(&app, 0).await;
    let mine = refer(&app, &clue, "agency1").await;
    let own = app
        .count_where("referrals", &format!("agency_id = {} AND status <> 'WITHDRAWN'", app.org_of("agency1").await))
        .await;
    let seen = app.data("agency1", REFERRALS_AND_TWO_BY_ID, json!({ "a": theirs, "b": mine })).await;
    assert_eq!(seen["referrals"]["totalCount"], own);
    assert_eq!(seen["referralChanges"]["totalCount"], own);
    let ids: Vec<&str> =
        seen["referrals"]["nodes"].as_array().unwrap().iter().map(|n| n["id"].as_str().unwrap()).collect();
    assert!(ids.contains(&mine.as_str()) && !ids.contains(&theirs.as_str()));
    assert!(seen["referrals"]["nodes"].as_array().unwrap().iter().all(|n| n["agencyName"] == "区纪委监察局"));
    assert!(seen["a"].is_null());
    assert_eq!(seen["b"]["id"], mine.as_str());
    // Nor may it act on it.
    assert_code(&push(&app, "agency1", "acknowledgeReferral", json!({ "id": theirs })).await, "NOT_FOUND");
    // Withdrawn, it vanishes from the agency's view at once (its stream keeps a tombstone); the
    // clue may be referred again.
    let body = push(&app, "office", "withdrawReferral", json!({ "id": mine })).await;
    assert_eq!(body["data"]["withdrawReferral"]["referral"]["status"], "WITHDRAWN");
    let seen = app.data("agency1", REFERRALS_AND_TWO_BY_ID, json!({ "a": theirs, "b": mine })).await;
    assert_eq!(seen["referrals"]["totalCount"], own - 1);
    // The stream keeps it, as a tombstone.
    assert_eq!(seen["referralChanges"]["totalCount"], own);
    assert!(!seen["referrals"]["nodes"].as_array().unwrap().iter().any(|n| n["id"] == mine.as_str()));
    assert!(seen["b"].is_null());
    assert_code(&push(&app, "agency1", "acknowledgeReferral", json!({ "id": mine })).await, "NOT_FOUND");
    let again = refer(&app, &clue, "agency2").await;
    assert_ne!(again, mine);
    // The agency sees no clue, finding or petition by any id.
    for list in ["clues", "findings", "petitions"] {
        assert_code(&app.as_user("agency1", &format!("{{ {list} {{ totalCount }} }}"), json!({})).await, "FORBIDDEN");
    }
    let clue_seen = app.data("agency1", "query($c: ID!) { node(id: $c) { id } }", json!({ "c": clue })).await;
    assert!(clue_seen["node"].is_null());
}

/// Three referral changes after a cursor, as a partner's system pulls them.
const REFERRAL_CHANGES_PAGE: &str = r#"query($a: String) {
  referralChanges(first: 3, after: $a) {
    edges { node { id version status } }
    pageInfo { endCursor }
  }
}"#;

/// Acknowledges receipt of a referral.
const ACKNOWLEDGE_REFERRAL: &str = r#"mutation($i: AcknowledgeReferralInput!) {
  acknowledgeReferral(input: $i) { referral { id } }
}"#;

#[tokio::test]
async fn a_pull_loop_sees_every_change_exactly_once_while_others_write() {
    let app = TestApp::spawn().await;
    let agency = app.token("agency1").await;
    let office = app.token("office").await;
    let to = gid("Organization", app.org_of("agency1").await);
    let mut clues = Vec::new();
    for n in 0..12 {
        clues.push(approved_clue(&app, n).await);
    }
    // A writer refers clues and acknowledges them, while the agency pulls.
    let writer = async {
        for clue in &clues {
            let r = app.gql(Some(&office), REFER_CLUE, json!({ "i": { "clueId": clue, "agencyId": to } })).await;
            let id = r["data"]["referClue"]["referral"]["id"].clone();
            assert!(!id.is_null(), "{r}");
            let a = app.gql(Some(&agency), ACKNOWLEDGE_REFERRAL, json!({ "i": { "id": id } })).await;
            assert!(a.get("errors").is_none(), "{a}");
        }
    };
    // Start where the agency's system last stopped: after everything there already is.
    let mut cursor = Value::Null;
    loop {
        let page = app.gql(Some(&agency), REFERRAL_CHANGES_PAGE, json!({ "a": cursor })).await;
        let conn = &page["data"]["referralChanges"];
        if conn["edges"].as_array().unwrap().is_empty() {
            break;
        }
        cursor = conn["pageInfo"]["endCursor"].clone();
    }
    let mut seen: Vec<(String, i64)> = Vec::new();
    let puller = async {
        for _ in 0..200 {
            let page = app.gql(Some(&agency), REFERRAL_CHANGES_PAGE, json!({ "a": cursor })).await;
            let conn = &page["data"]["referralChanges"];
            for e in conn["edges"].as_array().unwrap() {
                seen.push((e["node"]["id"].as_str().unwrap().to_owned(), e["node"]["version"].as_i64().unwrap()));
            }
            if !conn["pageInfo"]["endCursor"].is_null() {
                cursor = conn["pageInfo"]["endCursor"].clone();
            }
            tokio::task::yield_now().await;
        }
    };
    tokio::join!(writer, puller);
    // Drain what is left.
    loop {
        let page = app.gql(Some(&agency), REFERRAL_CHANGES_PAGE, json!({ "a": cursor })).await;
        let edges = page["data"]["referralChanges"]["edges"].as_array().unwrap().clone();
        if edges.is_empty() {
            break;
        }
        for e in &edges {
            seen.push((e["node"]["id"].as_str().unwrap().to_owned(), e["node"]["version"].as_i64().unwrap()));
        }
        cursor = page["data"]["referralChanges"]["pageInfo"]["endCursor"].clone();
    }
    // No change seen twice; every referral seen, and last in the state it now has.
    let unique: BTreeSet<&(String, i64)> = seen.iter().collect();
    assert_eq!(unique.len(), seen.len(), "a change was seen twice: {seen:?}");
    let mut last: BTreeMap<String, i64> = BTreeMap::new();
    for (id, version) in &seen {
        let previous = last.insert(id.clone(), *version);
        assert!(previous.is_none_or(|p| p < *version), "{id} went back in time");
    }
    assert_eq!(last.len(), clues.len());
    assert!(last.values().all(|v| *v == 2), "every referral ends acknowledged (version 2): {last:?}");
}

#[tokio::test]
async fn a_push_with_an_idempotency_key_does_its_work_once() {
    let app = TestApp::spawn().await;
    let id = refer(&app, &approved_clue(&app, 0).await, "agency1").await;
    push(&app, "agency1", "acknowledgeReferral", json!({ "id": id, "idempotencyKey": "ack-1" })).await;
    // The same acknowledgement again, with its key: the same answer, not an INVALID_TRANSITION.
    let again = push(&app, "agency1", "acknowledgeReferral", json!({ "id": id, "idempotencyKey": "ack-1" })).await;
    assert_eq!(again["data"]["acknowledgeReferral"]["referral"]["status"], "ACKNOWLEDGED", "{again}");
    let disposition = json!({ "id": id, "personName": "陈某", "rank": "SECTION_LEVEL", "measure": "ADMONISHMENT", "decidedOn": tests::today(), "idempotencyKey": "disp-1" });
    let dispositions = app.count("dispositions").await;
    let first = push(&app, "agency1", "addDisposition", disposition.clone()).await;
    let second = push(&app, "agency1", "addDisposition", disposition.clone()).await;
    assert!(first.get("errors").is_none(), "{first}");
    assert_eq!(first["data"], second["data"], "the repeat answered differently");
    assert_eq!(app.count("dispositions").await, dispositions + 1, "the work was done twice");
    // The same key with another body is a conflict, and changes nothing.
    let before = app.digest().await;
    let mut other = disposition.clone();
    other["measure"] = json!("PARTY_WARNING");
    let body = push(&app, "agency1", "addDisposition", other).await;
    assert_code(&body, "CONFLICT");
    assert_eq!(body["errors"][0]["extensions"]["field"], "idempotencyKey");
    tests::assert_unchanged(&app.digest().await, &before);
}

/// Issues a credential for an agency's system, answering with the agency it acts for.
const CREATE_SERVICE_CREDENTIAL_WITH_AGENCY: &str = r#"mutation($i: CreateServiceCredentialInput!) {
  createServiceCredential(input: $i) {
    clientId clientSecret
    serviceCredential { id status agency { name } }
  }
}"#;

/// The referral changes the caller may pull, with each referral's agency.
const REFERRAL_CHANGES_WITH_AGENCY: &str = r#"query($after: String) {
  referralChanges(first: 100, after: $after) { edges { node { id agencyName } } pageInfo { hasNextPage endCursor } }
}"#;

#[tokio::test]
async fn service_credentials_act_for_one_agency_until_revoked() {
    let app = TestApp::spawn().await;
    let agency = gid("Organization", app.org_of("agency1").await);
    let created = app
        .data(
            "office",
            CREATE_SERVICE_CREDENTIAL_WITH_AGENCY,
            json!({ "i": { "agencyId": agency, "label": "案件管理系统" } }),
        )
        .await["createServiceCredential"]
        .clone();
    let (client, secret) = (created["clientId"].as_str().unwrap(), created["clientSecret"].as_str().unwrap());
    // The secret is stored only as a hash.
    let stored = app.first_id(&format!("SELECT id FROM users WHERE username = '{client}' AND password_hash LIKE '$argon2id$%' AND password_hash NOT LIKE '%{secret}%'")).await;
    assert!(stored > 0);
    let login = app.login(client, secret).await;
    let token = login["data"]["login"]["token"].as_str().unwrap().to_owned();
    let expires = chrono::DateTime::parse_from_rfc3339(login["data"]["login"]["expiresAt"].as_str().unwrap()).unwrap();
    assert!(expires <= chrono::Utc::now() + chrono::Duration::minutes(16), "a machine's token is short-lived");
    let id = refer(&app, &approved_clue(&app, 0).await, "agency1").await;
    let other = refer(&app, &approved_clue(&app, 0).await, "agency2").await;
    let (mut edges, mut after) = (Vec::new(), Value::Null);
    loop {
        let seen = app.gql(Some(&token), REFERRAL_CHANGES_WITH_AGENCY, json!({ "after": after })).await;
        let changes = &seen["data"]["referralChanges"];
        edges.extend(changes["edges"].as_array().unwrap().iter().cloned());
        if !changes["pageInfo"]["hasNextPage"].as_bool().unwrap() {
            break;
        }
        after = changes["pageInfo"]["endCursor"].clone();
    }
    let ids: Vec<&str> = edges.iter().map(|e| e["node"]["id"].as_str().unwrap()).collect();
    assert!(ids.contains(&id.as_str()) && !ids.contains(&other.as_str()), "{ids:?}");
    assert!(edges.iter().all(|e| e["node"]["agencyName"] == "区纪委监察局"));
    for refused in ["{ users { totalCount } }", "{ findings { totalCount } }", "{ clues { totalCount } }"] {
        let body = app.gql(Some(&token), refused, json!({})).await;
        assert!(
            matches!(tests::code(&body), Some("FORBIDDEN")) || body["data"]["users"]["totalCount"] == 1,
            "{refused}: {body}"
        );
    }
    // Revoked: the next request is refused, and it cannot log in again.
    app.data("office", REVOKE_SERVICE_CREDENTIAL, json!({ "i": { "id": created["serviceCredential"]["id"] } })).await;
    assert_code(&app.gql(Some(&token), "{ referralChanges { totalCount } }", json!({})).await, "UNAUTHENTICATED");
    assert_code(&app.login(client, secret).await, "UNAUTHENTICATED");
}

/// A page of referrals, with what each carries and its dispositions.
const REFERRALS_PAGE: &str = r#"query($n: Int) {
  referrals(first: $n) {
    totalCount
    edges {
      node {
        status overdue agencyName
        carried { allegedViolation persons { name } }
        dispositions { measure }
      }
    }
  }
}"#;

#[tokio::test]
async fn a_page_of_referrals_with_what_they_carry_and_their_dispositions_runs_a_fixed_number_of_statements() {
    let app = TestApp::spawn().await;
    let office = app.token("office").await;
    for n in 0..3 {
        refer(&app, &approved_clue(&app, n).await, "agency1").await;
    }
    let (_, few) = app.count_statements(app.gql(Some(&office), REFERRALS_PAGE, json!({ "n": 3 }))).await;
    for n in 0..8 {
        refer(&app, &approved_clue(&app, 0).await, if n % 2 == 0 { "agency1" } else { "agency2" }).await;
    }
    let (body, many) = app.count_statements(app.gql(Some(&office), REFERRALS_PAGE, json!({ "n": 30 }))).await;
    assert!(body["data"]["referrals"]["edges"].as_array().unwrap().len() >= 30, "{body}");
    assert_eq!(few, many);
}

/// Issues a credential for an agency's system, answering with its id.
const CREATE_SERVICE_CREDENTIAL_WITH_ID: &str = r#"mutation($i: CreateServiceCredentialInput!) {
  createServiceCredential(input: $i) { clientId clientSecret serviceCredential { id } }
}"#;

/// Gives a user a role in an organization.
const ASSIGN_ROLE: &str = r#"mutation($i: AssignRoleInput!) {
  assignRole(input: $i) { roleAssignment { id } }
}"#;

/// Changes a user's details, or resets their password.
const UPDATE_USER: &str = r#"mutation($i: UpdateUserInput!) {
  updateUser(input: $i) { user { id } }
}"#;

/// Disables a user's account.
const DISABLE_USER: &str = r#"mutation($i: DisableUserInput!) {
  disableUser(input: $i) { user { id } }
}"#;

/// Enables a disabled user's account again.
const ENABLE_USER: &str = r#"mutation($i: EnableUserInput!) {
  enableUser(input: $i) { user { id } }
}"#;

/// Issues a credential for an agency's system.
const CREATE_SERVICE_CREDENTIAL: &str = r#"mutation($i: CreateServiceCredentialInput!) {
  createServiceCredential(input: $i) { clientId clientSecret }
}"#;

/// Records a disciplinary measure decided on a referral.
const ADD_DISPOSITION: &str = r#"mutation($i: AddDispositionInput!) {
  addDisposition(input: $i) { referral { version } }
}"#;

/// How many referrals one clue has.
const REFERRALS_OF_CLUE: &str = r#"query($c: ID!) {
  referrals(filter: { clueId: $c }) { totalCount }
}"#;

/// How many referral changes there are after a cursor.
const REFERRAL_CHANGES_AFTER: &str = "query($a: String) { referralChanges(after: $a) { totalCount } }";

#[tokio::test]
async fn what_the_partner_review_found_stays_fixed() {
    let app = TestApp::spawn().await;
    let agency = gid("Organization", app.org_of("agency1").await);
    let created = app
        .data("office", CREATE_SERVICE_CREDENTIAL_WITH_ID, json!({ "i": { "agencyId": agency, "label": "系统" } }))
        .await["createServiceCredential"]
        .clone();
    let credential = created["serviceCredential"]["id"].clone();
    // A credential is not managed as a person: no other role, no chosen secret, no comeback.
    let office_org = gid("Organization", app.org_of("office").await);
    let before = app.digest().await;
    for (doc, input) in [
        (ASSIGN_ROLE, json!({ "userId": credential, "role": "OFFICE", "organizationId": office_org })),
        (UPDATE_USER, json!({ "id": credential, "password": "office-chosen-secret" })),
        (DISABLE_USER, json!({ "id": credential })),
    ] {
        assert_code(&app.as_user("office", doc, json!({ "i": input })).await, "BAD_USER_INPUT");
    }
    tests::assert_unchanged(&app.digest().await, &before);
    app.data("office", REVOKE_SERVICE_CREDENTIAL, json!({ "i": { "id": credential } })).await;
    let body = app.as_user("office", ENABLE_USER, json!({ "i": { "id": credential } })).await;
    assert_code(&body, "BAD_USER_INPUT");

    // Idempotency keys belong to the agency: its people and its systems share them.
    let second = app
        .data("office", CREATE_SERVICE_CREDENTIAL, json!({ "i": { "agencyId": agency, "label": "第二实例" } }))
        .await["createServiceCredential"]
        .clone();
    let system = app.login(second["clientId"].as_str().unwrap(), second["clientSecret"].as_str().unwrap()).await["data"]["login"]["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let id = refer(&app, &approved_clue(&app, 0).await, "agency1").await;
    push(&app, "agency1", "acknowledgeReferral", json!({ "id": id })).await;
    let dispositions = app.count("dispositions").await;
    let input = json!({ "id": id, "personName": "黄某", "rank": "STAFF", "measure": "ADMONISHMENT", "decidedOn": tests::today(), "idempotencyKey": "disp-huang-1" });
    push(&app, "agency1", "addDisposition", input.clone()).await;
    let again = app.gql(Some(&system), ADD_DISPOSITION, json!({ "i": input })).await;
    assert!(again.get("errors").is_none(), "{again}");
    assert_eq!(app.count("dispositions").await, dispositions + 1);

    // Dates before the referral, and its clue's id, are refused; a no-op change is no change.
    let body = push(&app, "agency1", "reportCaseFiled", json!({ "id": id, "filedOn": "1990-01-01" })).await;
    assert_code(&body, "BAD_USER_INPUT");
    assert_eq!(body["errors"][0]["extensions"]["field"], "filedOn");
    let clue = gid(
        "Clue",
        app.first_id("SELECT clue_id AS id FROM referrals r WHERE clue_id IS NOT NULL ORDER BY r.id DESC").await,
    );
    assert_code(&app.as_user("agency1", REFERRALS_OF_CLUE, json!({ "c": clue })).await, "FORBIDDEN");
    let set = json!({ "id": id, "method": "PRELIMINARY_VERIFICATION" });
    let first = push(&app, "agency1", "setDisposalMethod", set.clone()).await;
    let second = push(&app, "agency1", "setDisposalMethod", set).await;
    assert_eq!(
        first["data"]["setDisposalMethod"]["referral"]["version"],
        second["data"]["setDisposalMethod"]["referral"]["version"]
    );

    // A forged cursor of the wrong type is refused, not answered with an empty page.
    use base64::Engine;
    let forged = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .encode(br#"{"o":"referrals.changes","v":{"Text":"zzz"},"i":0}"#);
    let body = app.as_user("agency1", REFERRAL_CHANGES_AFTER, json!({ "a": forged })).await;
    assert_code(&body, "BAD_USER_INPUT");

    // A replayed push is a read of the referral, and is logged.
    let other = refer(&app, &approved_clue(&app, 0).await, "agency1").await;
    let ack = json!({ "id": other, "idempotencyKey": "ack-logged" });
    push(&app, "agency1", "acknowledgeReferral", ack.clone()).await;
    let logged = app.count("access_log").await;
    let replay = push(&app, "agency1", "acknowledgeReferral", ack).await;
    assert!(replay.get("errors").is_none(), "{replay}");
    assert!(app.count("access_log").await > logged, "the replay left no trace");
}

/// The README's pull loop, as a partner would copy it, pointed at `api`.
fn readme_pull_loop(api: &str) -> String {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md")).unwrap();
    let start = readme.find("The pull loop, with curl and jq:").expect("the README shows the pull loop");
    let block = &readme[start..];
    let open = block.find("```sh\n").unwrap() + "```sh\n".len();
    let close = block[open..].find("```").unwrap();
    block[open..open + close].replace("API=http://127.0.0.1:8000/graphql", &format!("API={api}"))
}

#[tokio::test]
async fn the_readmes_pull_loop_pulls_everything_and_stops_with_a_message_once_revoked() {
    if ["bash", "curl", "jq"].iter().any(|t| std::process::Command::new(t).arg("--version").output().is_err()) {
        eprintln!("SKIPPED: the README's pull loop needs bash, curl and jq, not all on this machine");
        return;
    }
    let app = TestApp::spawn().await;
    let agency = gid("Organization", app.org_of("agency1").await);
    let created = app
        .data("office", CREATE_SERVICE_CREDENTIAL_WITH_ID, json!({ "i": { "agencyId": agency, "label": "拉取脚本" } }))
        .await["createServiceCredential"]
        .clone();
    let script = readme_pull_loop(&app.url("/graphql"));
    let dir = std::env::temp_dir().join(format!("pull-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    let run = |dir: std::path::PathBuf, script: String, id: String, secret: String| {
        tokio::task::spawn_blocking(move || {
            std::process::Command::new("bash")
                .arg("-c")
                .arg(script)
                .current_dir(dir)
                .env("CLIENT_ID", id)
                .env("CLIENT_SECRET", secret)
                .output()
                .unwrap()
        })
    };
    let (id, secret) =
        (created["clientId"].as_str().unwrap().to_owned(), created["clientSecret"].as_str().unwrap().to_owned());
    let out = run(dir.clone(), script.clone(), id.clone(), secret.clone()).await.unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let pulled = String::from_utf8_lossy(&out.stdout).lines().count() as i64;
    let own = app.count_where("referrals", &format!("agency_id = {}", tests::row_of(&agency))).await;
    assert_eq!(pulled, own, "every referral of the agency's stream, once");
    // Revoked: the loop stops at once with a message, instead of logging in forever.
    app.data("office", REVOKE_SERVICE_CREDENTIAL, json!({ "i": { "id": created["serviceCredential"]["id"] } })).await;
    let started = std::time::Instant::now();
    let out = run(dir.clone(), script, id, secret).await.unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("login refused"), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
    let _ = std::fs::remove_dir_all(dir);
}
