//! Corrections that forget nothing, and one behaviour on both databases: a partner's copy built from
//! the change stream alone equals the server's view after creates, changes and withdrawals; search
//! and ordering answer the same on SQLite and PostgreSQL (the suite runs on both).

use std::collections::BTreeMap;

use serde_json::{Value, json};
use tests::{TestApp, assert_code, gid};

/// What a partner's system pulls: each change with what it keeps of it.
const CHANGES: &str = r#"query($a: String) {
  referralChanges(first: 7, after: $a) {
    edges { node { id status version updatedAt } }
    pageInfo { endCursor hasNextPage }
  }
}"#;

/// The server's view of the agency's referrals.
const REFERRALS: &str = r#"query($a: String) {
  referrals(first: 100, after: $a) { nodes { id status version } pageInfo { endCursor hasNextPage } }
}"#;

const REFER_CLUE: &str = "mutation($i: ReferClueInput!) { referClue(input: $i) { referral { id } } }";

/// A partner's local copy: referral id → (status, version), kept from the stream alone.
#[derive(Default)]
struct Mirror {
    rows: BTreeMap<String, (String, i64)>,
    cursor: Value,
    tombstones: usize,
}

impl Mirror {
    async fn pull(&mut self, app: &TestApp, agency: &str) {
        loop {
            let page = app.data(agency, CHANGES, json!({ "a": self.cursor })).await["referralChanges"].clone();
            for e in page["edges"].as_array().unwrap() {
                let n = &e["node"];
                let id = n["id"].as_str().unwrap().to_owned();
                if n["status"] == "WITHDRAWN" {
                    assert!(!n["updatedAt"].is_null(), "a tombstone says when");
                    self.rows.remove(&id);
                    self.tombstones += 1;
                } else {
                    self.rows.insert(id, (n["status"].as_str().unwrap().to_owned(), n["version"].as_i64().unwrap()));
                }
            }
            if !page["pageInfo"]["endCursor"].is_null() {
                self.cursor = page["pageInfo"]["endCursor"].clone();
            }
            if !page["pageInfo"]["hasNextPage"].as_bool().unwrap() {
                return;
            }
        }
    }
}

async fn server_view(app: &TestApp, agency: &str) -> BTreeMap<String, (String, i64)> {
    let (mut view, mut after) = (BTreeMap::new(), Value::Null);
    loop {
        let page = app.data(agency, REFERRALS, json!({ "a": after })).await["referrals"].clone();
        for n in page["nodes"].as_array().unwrap() {
            view.insert(
                n["id"].as_str().unwrap().to_owned(),
                (n["status"].as_str().unwrap().to_owned(), n["version"].as_i64().unwrap()),
            );
        }
        if !page["pageInfo"]["hasNextPage"].as_bool().unwrap() {
            return view;
        }
        after = page["pageInfo"]["endCursor"].clone();
    }
}

#[tokio::test]
async fn a_partners_copy_built_from_the_stream_alone_equals_the_servers_view() {
    let app = TestApp::spawn().await;
    let agency = gid("Organization", app.org_of("agency1").await);
    let mut mirror = Mirror::default();
    mirror.pull(&app, "agency1").await;
    assert_eq!(mirror.rows, server_view(&app, "agency1").await, "the first pull");
    // New referrals, some worked, some withdrawn, between and across pulls.
    let mut sent = Vec::new();
    for nth in 0..4 {
        let clue = gid(
            "Clue",
            app.first_id(&format!("SELECT id FROM clues WHERE status = 'APPROVED' ORDER BY id LIMIT 1 OFFSET {nth}"))
                .await,
        );
        let d = app
            .data("office", REFER_CLUE, json!({ "i": { "clueId": clue, "agencyId": agency, "matter": "VIOLATION" } }))
            .await;
        sent.push(d["referClue"]["referral"]["id"].as_str().unwrap().to_owned());
    }
    let withdraw = "mutation($i: WithdrawReferralInput!) { withdrawReferral(input: $i) { referral { status } } }";
    app.data("office", withdraw, json!({ "i": { "id": sent[0] } })).await;
    mirror.pull(&app, "agency1").await;
    assert_eq!(mirror.rows, server_view(&app, "agency1").await, "after creates and a withdrawal");
    // Withdrawn after the partner has it: the tombstone takes it out of the copy.
    app.data("office", withdraw, json!({ "i": { "id": sent[1] } })).await;
    let ack = "mutation($i: AcknowledgeReferralInput!) { acknowledgeReferral(input: $i) { referral { status } } }";
    app.data("agency1", ack, json!({ "i": { "id": sent[2] } })).await;
    assert!(mirror.rows.contains_key(&sent[1]));
    mirror.pull(&app, "agency1").await;
    assert!(!mirror.rows.contains_key(&sent[1]) && mirror.tombstones >= 2, "the withdrawal reached the copy");
    assert_eq!(mirror.rows, server_view(&app, "agency1").await, "after a change and a withdrawal");
    // The tombstone is the stream's only: the referral stays out of `node` and the lists.
    let node = app.data("agency1", "query($r: ID!) { node(id: $r) { id } }", json!({ "r": sent[1] })).await;
    assert!(node["node"].is_null());
    // Nothing new: the next pull brings nothing and the copy stays equal.
    let before = mirror.rows.clone();
    mirror.pull(&app, "agency1").await;
    assert_eq!(mirror.rows, before);
    // The other agency's stream carries none of it, tombstones included.
    let mut other = Mirror::default();
    other.pull(&app, "agency2").await;
    assert!(sent.iter().all(|id| !other.rows.contains_key(id)) && other.tombstones == 0);
}

const CREATE_ORGANIZATION: &str = r#"mutation($i: CreateOrganizationInput!) {
  createOrganization(input: $i) { organization { id name createdAt } }
}"#;

const ORGANIZATIONS_NAMED: &str = r#"query($s: String!, $a: String, $n: Int) {
  organizations(first: $n, after: $a, filter: { search: $s }, orderBy: NAME_ASC) {
    nodes { name } pageInfo { endCursor hasNextPage }
  }
}"#;

async fn names(app: &TestApp, search: &str, first: i64) -> Vec<String> {
    let (mut all, mut after) = (Vec::new(), Value::Null);
    loop {
        let page = app.data("office", ORGANIZATIONS_NAMED, json!({ "s": search, "a": after, "n": first })).await
            ["organizations"]
            .clone();
        all.extend(page["nodes"].as_array().unwrap().iter().map(|n| n["name"].as_str().unwrap().to_owned()));
        if !page["pageInfo"]["hasNextPage"].as_bool().unwrap() {
            return all;
        }
        after = page["pageInfo"]["endCursor"].clone();
    }
}

#[tokio::test]
async fn search_and_order_answer_the_same_on_both_databases() {
    let app = TestApp::spawn().await;
    // Names a language's collation would order otherwise: code-point order puts capitals first and
    // letters with marks after every plain letter.
    for name in ["Zeta-Amt", "alpha-Amt", "Ärzte-Amt", "beta-Amt", "ärzte-amt", "区Amt"] {
        let input = json!({ "i": { "kind": "AUDITED_UNIT", "name": name, "unitCategory": "DISTRICT_DEPARTMENT" } });
        let d = app.data("office", CREATE_ORGANIZATION, input).await;
        // Timestamps to the microsecond on both: what was answered is what is read back.
        let created = d["createOrganization"]["organization"].clone();
        let back = app
            .data(
                "office",
                "query($o: ID!) { node(id: $o) { ... on Organization { createdAt } } }",
                json!({ "o": created["id"] }),
            )
            .await;
        assert_eq!(back["node"]["createdAt"], created["createdAt"], "{name}");
    }
    // Search: ASCII letters in either case, every other character exactly as written.
    let mut expected = vec!["Zeta-Amt", "alpha-Amt", "beta-Amt", "Ärzte-Amt", "ärzte-amt", "区Amt"];
    assert_eq!(names(&app, "AMT", 100).await, expected, "ASCII case folded, code-point order");
    assert_eq!(names(&app, "amt", 2).await, expected, "the same over pages of two");
    expected.sort();
    assert_eq!(names(&app, "aMt", 100).await, expected, "Rust's own order of the same strings");
    assert_eq!(names(&app, "Ärzte", 100).await, ["Ärzte-Amt"], "a letter with a mark matches as written");
    assert_eq!(names(&app, "ärzte", 100).await, ["ärzte-amt"]);
    assert_eq!(names(&app, "RZTE", 100).await, ["Ärzte-Amt", "ärzte-amt"]);
    assert_eq!(names(&app, "区a", 100).await, ["区Amt"]);
    assert_eq!(names(&app, "%", 100).await, Vec::<String>::new(), "a wildcard matches itself");
    let users = app.data("office", r#"{ users(filter: { search: "TEAM1" }) { nodes { username } } }"#, json!({})).await;
    let found: Vec<&str> =
        users["users"]["nodes"].as_array().unwrap().iter().map(|u| u["username"].as_str().unwrap()).collect();
    assert_eq!(found, ["team1", "team1.member"]);
    // Equal values: the demo's users were created in one instant; pages of three walk them in
    // the same order as one page, ties broken by id.
    let order = r#"query($a: String, $n: Int) { users(first: $n, after: $a, orderBy: CREATED_AT_DESC) { nodes { username } pageInfo { endCursor hasNextPage } } }"#;
    let walk = |n: i64| {
        let app = &app;
        async move {
            let (mut all, mut after) = (Vec::new(), Value::Null);
            loop {
                let page = app.data("office", order, json!({ "a": after, "n": n })).await["users"].clone();
                all.extend(
                    page["nodes"].as_array().unwrap().iter().map(|u| u["username"].as_str().unwrap().to_owned()),
                );
                if !page["pageInfo"]["hasNextPage"].as_bool().unwrap() {
                    return all;
                }
                after = page["pageInfo"]["endCursor"].clone();
            }
        }
    };
    let whole = walk(100).await;
    assert!(whole.len() >= 15);
    assert_eq!(walk(3).await, whole);
    // On PostgreSQL the ordered columns compare by code point whatever the database's collation.
    if std::env::var("TEST_DATABASE_URL").is_ok_and(|u| u.starts_with("postgres")) {
        for (table, column) in [("organizations", "name"), ("users", "username"), ("experts", "name")] {
            let c = app
                .count_where(
                    "information_schema.columns",
                    &format!("table_name = '{table}' AND column_name = '{column}' AND collation_name = 'C' AND table_schema = current_schema()"),
                )
                .await;
            assert_eq!(c, 1, "{table}.{column}");
        }
    }
    // A string too long is refused before the database sees it, the same on both.
    let before = app.digest().await;
    let long = "长".repeat(201);
    let body = app
        .as_user(
            "office",
            CREATE_ORGANIZATION,
            json!({ "i": { "kind": "AUDITED_UNIT", "name": long, "unitCategory": "DISTRICT_DEPARTMENT" } }),
        )
        .await;
    assert_code(&body, "BAD_USER_INPUT");
    assert_eq!(body["errors"][0]["extensions"]["field"], "name");
    tests::assert_unchanged(&app.digest().await, &before);
}

const RECORD_REGULATION: &str =
    "mutation($i: RecordRegulationInput!) { recordRegulation(input: $i) { regulation { id version } } }";
const AMEND_REGULATION: &str =
    "mutation($i: AmendRegulationInput!) { amendRegulation(input: $i) { regulation { id title version } } }";
const WITHDRAW_REGULATION: &str =
    "mutation($i: WithdrawRegulationInput!) { withdrawRegulation(input: $i) { regulation { id withdrawnAt } } }";
const REGULATION_WITH_HISTORY: &str = r#"query($r: ID!) {
  node(id: $r) {
    ... on Regulation {
      title version withdrawnAt withdrawalReason
      history { totalCount nodes { change reason version byName at fields { field before after } } }
    }
  }
}"#;

async fn regulation_count(app: &TestApp, account: &str) -> (i64, i64) {
    let d = app.data(account, "{ regulations { totalCount } statistics { regulations } }", json!({})).await;
    (d["regulations"]["totalCount"].as_i64().unwrap(), d["statistics"]["regulations"].as_i64().unwrap())
}

#[tokio::test]
async fn a_correction_keeps_the_earlier_version_and_a_withdrawal_leaves_every_list_but_the_record() {
    let app = TestApp::spawn().await;
    let unit = app.org_of("unit1").await;
    let inspection = app
        .first_id(&format!(
            "SELECT inspection_id AS id FROM feedbacks WHERE released_at IS NOT NULL AND inspection_id IN \
             (SELECT id FROM inspections WHERE unit_id = {unit} AND status <> 'CLOSED') ORDER BY inspection_id"
        ))
        .await;
    let input = json!({ "i": { "inspectionId": gid("Inspection", inspection), "title": "公务接待管理办法", "category": "FINANCE", "effectiveOn": tests::today() } });
    let r = app.data("unit1", RECORD_REGULATION, input).await["recordRegulation"]["regulation"].clone();
    let id = r["id"].as_str().unwrap().to_owned();
    assert_eq!(r["version"], 1);
    // Corrected, with a reason: the earlier title stays in the history, for every reader.
    let amended = app
        .data(
            "unit1",
            AMEND_REGULATION,
            json!({ "i": { "id": id, "title": "公务接待管理规定", "reason": "名称以印发文件为准", "version": 1 } }),
        )
        .await;
    assert_eq!(amended["amendRegulation"]["regulation"]["version"], 2);
    for reader in ["unit1", "team1", "office", "leader"] {
        let seen = app.data(reader, REGULATION_WITH_HISTORY, json!({ "r": id })).await["node"].clone();
        assert_eq!(seen["title"], "公务接待管理规定", "{reader}");
        let h = &seen["history"];
        assert_eq!(h["totalCount"], 1, "{reader}");
        let rev = &h["nodes"][0];
        assert_eq!(
            (rev["change"].as_str(), rev["reason"].as_str(), rev["version"].as_i64()),
            (Some("AMENDED"), Some("名称以印发文件为准"), Some(2)),
            "{reader}"
        );
        assert_eq!(
            rev["fields"],
            json!([{ "field": "title", "before": "\"公务接待管理办法\"", "after": "\"公务接待管理规定\"" }])
        );
        assert!(!rev["byName"].as_str().unwrap().is_empty());
    }
    // Nobody else reads the record, nor so its history.
    for outsider in ["unit2", "team2", "agency1"] {
        let seen = app.as_user(outsider, REGULATION_WITH_HISTORY, json!({ "r": id })).await;
        assert!(seen["data"]["node"].is_null(), "{outsider}: {seen}");
    }
    // A stale version, an empty reason, a team or an office: refused, and nothing changes.
    let before = app.digest().await;
    let stale = json!({ "i": { "id": id, "title": "又一个名称", "reason": "再改", "version": 1 } });
    assert_code(&app.as_user("unit1", AMEND_REGULATION, stale).await, "CONFLICT");
    let silent = json!({ "i": { "id": id, "title": "又一个名称", "reason": "  " } });
    assert_code(&app.as_user("unit1", AMEND_REGULATION, silent).await, "BAD_USER_INPUT");
    for other in ["team1", "office"] {
        let body =
            app.as_user(other, AMEND_REGULATION, json!({ "i": { "id": id, "title": "x", "reason": "y" } })).await;
        assert_code(&body, "FORBIDDEN");
    }
    let unit2 = app.as_user("unit2", WITHDRAW_REGULATION, json!({ "i": { "id": id, "reason": "不是我的" } })).await;
    assert_code(&unit2, "NOT_FOUND");
    tests::assert_unchanged(&app.digest().await, &before);
    // Withdrawn: it leaves the lists, counts and statistics of every reader at once ...
    let counts: Vec<(i64, i64)> = {
        let mut v = Vec::new();
        for reader in ["unit1", "office", "leader"] {
            v.push(regulation_count(&app, reader).await);
        }
        v
    };
    let withdrawn = app
        .data(
            "unit1",
            WITHDRAW_REGULATION,
            json!({ "i": { "id": id, "reason": "与第12号制度重复录入", "version": 2 } }),
        )
        .await;
    assert!(!withdrawn["withdrawRegulation"]["regulation"]["withdrawnAt"].is_null());
    for (reader, (list, stat)) in ["unit1", "office", "leader"].into_iter().zip(counts) {
        assert_eq!(regulation_count(&app, reader).await, (list - 1, stat - 1), "{reader}");
    }
    // ... the unit and the team no longer reach it, and it cannot be withdrawn or corrected again ...
    for reader in ["unit1", "team1"] {
        assert!(app.data(reader, REGULATION_WITH_HISTORY, json!({ "r": id })).await["node"].is_null(), "{reader}");
    }
    assert_code(
        &app.as_user("unit1", WITHDRAW_REGULATION, json!({ "i": { "id": id, "reason": "再撤" } })).await,
        "NOT_FOUND",
    );
    let again = json!({ "i": { "id": id, "title": "x", "reason": "y" } });
    assert_code(&app.as_user("unit1", AMEND_REGULATION, again).await, "NOT_FOUND");
    // ... and the office and the leadership group still read it, with its whole history.
    for reader in ["office", "leader"] {
        let seen = app.data(reader, REGULATION_WITH_HISTORY, json!({ "r": id })).await["node"].clone();
        assert_eq!(seen["withdrawalReason"], "与第12号制度重复录入", "{reader}");
        let changes: Vec<&str> =
            seen["history"]["nodes"].as_array().unwrap().iter().map(|n| n["change"].as_str().unwrap()).collect();
        assert_eq!(changes, ["AMENDED", "WITHDRAWN"], "{reader}");
        assert_eq!(seen["version"], 3);
    }
    let logged = app
        .count_where(
            "access_log",
            &format!("action = 'withdraw' AND object_type = 'regulation' AND object_id = {}", tests::row_of(&id)),
        )
        .await;
    assert_eq!(logged, 1, "the access log keeps the trace");
}

const ACCOUNTABILITY_WITH_HISTORY: &str = r#"query($r: ID!) {
  node(id: $r) {
    ... on AccountabilityRecord {
      decision version withdrawnAt
      history { totalCount nodes { change reason fields { field before after } } }
    }
  }
}"#;

#[tokio::test]
async fn the_office_corrects_and_withdraws_its_accountability_records_and_the_unit_sees_what_it_may() {
    let app = TestApp::spawn().await;
    // A record about unit2, whose round-2 feedback is released: the unit reads it.
    let unit = app.org_of("unit2").await;
    let record = gid(
        "AccountabilityRecord",
        app.first_id(&format!("SELECT id FROM accountability_records WHERE unit_id = {unit} ORDER BY id")).await,
    );
    let seen = app.data("unit2", ACCOUNTABILITY_WITH_HISTORY, json!({ "r": record })).await["node"].clone();
    let (decision, version) = (seen["decision"].as_str().unwrap().to_owned(), seen["version"].as_i64().unwrap());
    let amend = "mutation($i: AmendAccountabilityRecordInput!) { amendAccountabilityRecord(input: $i) { accountabilityRecord { version } } }";
    let input = json!({ "i": { "id": record, "decision": "诫勉谈话，并责令作出书面检查", "reason": "漏录书面检查", "version": version } });
    let d = app.data("office", amend, input).await;
    assert_eq!(d["amendAccountabilityRecord"]["accountabilityRecord"]["version"], version + 1);
    let seen = app.data("unit2", ACCOUNTABILITY_WITH_HISTORY, json!({ "r": record })).await["node"].clone();
    assert_eq!(seen["history"]["nodes"][0]["fields"][0]["before"], json!(json!(decision).to_string()));
    assert_eq!(seen["history"]["nodes"][0]["reason"], "漏录书面检查");
    // The unit may not correct it; another unit does not see it.
    assert_code(
        &app.as_user("unit2", amend, json!({ "i": { "id": record, "decision": "x", "reason": "y" } })).await,
        "FORBIDDEN",
    );
    assert!(app.data("unit1", ACCOUNTABILITY_WITH_HISTORY, json!({ "r": record })).await["node"].is_null());
    // Withdrawn: gone from the unit's view and from every count; the leadership group keeps it.
    let count = |who: &'static str| {
        let app = &app;
        async move {
            let d = app
                .data(who, "{ accountabilityRecords { totalCount } statistics { accountabilityRecords } }", json!({}))
                .await;
            (
                d["accountabilityRecords"]["totalCount"].as_i64().unwrap(),
                d["statistics"]["accountabilityRecords"].as_i64().unwrap(),
            )
        }
    };
    let (unit_before, office_before) = (count("unit2").await, count("office").await);
    let withdraw = "mutation($i: WithdrawAccountabilityRecordInput!) { withdrawAccountabilityRecord(input: $i) { accountabilityRecord { withdrawnAt } } }";
    app.data("office", withdraw, json!({ "i": { "id": record, "reason": "问责对象录入错误" } })).await;
    assert_eq!(count("unit2").await, (unit_before.0 - 1, unit_before.1 - 1));
    assert_eq!(count("office").await, (office_before.0 - 1, office_before.1 - 1));
    assert!(app.data("unit2", ACCOUNTABILITY_WITH_HISTORY, json!({ "r": record })).await["node"].is_null());
    let kept = app.data("leader", ACCOUNTABILITY_WITH_HISTORY, json!({ "r": record })).await["node"].clone();
    assert!(!kept["withdrawnAt"].is_null());
    assert_eq!(kept["history"]["totalCount"], 2);
}

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\nstartxref\n9\n%%EOF\n";

const REPORT_WITH_EVIDENCE: &str = r#"query($r: ID!) {
  node(id: $r) {
    ... on ProgressReport {
      content version
      evidence { id }
      task { evidenceCount }
      history { nodes { change reason fields { field before after } } }
    }
  }
}"#;

#[tokio::test]
async fn the_unit_corrects_its_report_and_withdraws_a_wrong_file_which_the_office_still_downloads() {
    let app = TestApp::spawn().await;
    let unit = app.org_of("unit1").await;
    let rec = app
        .first_id(&format!(
            "SELECT r.id FROM recommendations r JOIN inspections i ON i.id = r.inspection_id \
             WHERE i.unit_id = {unit} AND i.status IN ('FEEDBACK_GIVEN', 'RECTIFYING') ORDER BY r.id"
        ))
        .await;
    let create = "mutation($i: CreateRectificationTaskInput!) { createRectificationTask(input: $i) { rectificationTask { id } } }";
    let task = app
        .data("office", create, json!({ "i": { "recommendationId": gid("Recommendation", rec), "content": "建立制度", "responsiblePerson": "周书记", "deadline": "2027-06-30" } }))
        .await["createRectificationTask"]["rectificationTask"]["id"]
        .clone();
    let start =
        "mutation($i: StartRectificationTaskInput!) { startRectificationTask(input: $i) { rectificationTask { id } } }";
    app.data("unit1", start, json!({ "i": { "id": task } })).await;
    let file_report = "mutation($i: ReportRectificationProgressInput!) { reportRectificationProgress(input: $i) { progressReport { id } } }";
    let report = app.data("unit1", file_report, json!({ "i": { "taskId": task, "content": "已修订制度" } })).await
        ["reportRectificationProgress"]["progressReport"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    // Two files; one was the wrong one.
    let mut files = Vec::new();
    for name in ["制度.pdf", "错传.pdf"] {
        let response = app
            .client()
            .post(app.url("/evidence"))
            .query(&[("progressReportId", report.as_str()), ("fileName", name)])
            .header("content-type", "application/pdf")
            .bearer_auth(app.token("unit1").await)
            .body(PDF.to_vec())
            .send()
            .await
            .unwrap();
        let body: Value = response.json().await.unwrap();
        files.push(body["data"]["evidenceFile"].clone());
    }
    // The report's text corrected: the earlier text stays in its history.
    let amend =
        "mutation($i: AmendProgressReportInput!) { amendProgressReport(input: $i) { progressReport { version } } }";
    app.data(
        "unit1",
        amend,
        json!({ "i": { "id": report, "content": "已修订并印发制度", "reason": "补充印发情况", "version": 1 } }),
    )
    .await;
    let seen = app.data("office", REPORT_WITH_EVIDENCE, json!({ "r": report })).await["node"].clone();
    assert_eq!(
        seen["history"]["nodes"][0]["fields"],
        json!([{ "field": "content", "before": "\"已修订制度\"", "after": "\"已修订并印发制度\"" }])
    );
    assert_eq!(seen["task"]["evidenceCount"], 2);
    // The wrong file withdrawn: gone from the report and the count for all, the unit cannot
    // download it, the office still can.
    let withdraw =
        "mutation($i: WithdrawEvidenceFileInput!) { withdrawEvidenceFile(input: $i) { evidenceFile { withdrawnAt } } }";
    let wrong = &files[1];
    app.data("unit1", withdraw, json!({ "i": { "id": wrong["id"], "reason": "上传错文件" } })).await;
    for reader in ["unit1", "office"] {
        let seen = app.data(reader, REPORT_WITH_EVIDENCE, json!({ "r": report })).await["node"].clone();
        assert_eq!(seen["evidence"], json!([{ "id": files[0]["id"] }]), "{reader}");
        assert_eq!(seen["task"]["evidenceCount"], 1, "{reader}");
    }
    let path = wrong["downloadPath"].as_str().unwrap();
    let get = |who: &'static str| {
        let app = &app;
        async move {
            app.client().get(app.url(path)).bearer_auth(app.token(who).await).send().await.unwrap().status().as_u16()
        }
    };
    assert_eq!(get("unit1").await, 404);
    assert_eq!(get("office").await, 200);
    assert_eq!(get("leader").await, 200);
    let kept = app
        .data(
            "office",
            "query($f: ID!) { node(id: $f) { ... on EvidenceFile { withdrawalReason history { nodes { change } } } } }",
            json!({ "f": wrong["id"] }),
        )
        .await;
    assert_eq!(kept["node"]["withdrawalReason"], "上传错文件");
    // Once the task is submitted, the window is shut.
    let submit = "mutation($i: SubmitRectificationTaskInput!) { submitRectificationTask(input: $i) { rectificationTask { id } } }";
    app.data("unit1", submit, json!({ "i": { "id": task } })).await;
    let before = app.digest().await;
    let late = json!({ "i": { "id": report, "content": "再改", "reason": "再改" } });
    assert_code(&app.as_user("unit1", amend, late).await, "INVALID_TRANSITION");
    assert_code(
        &app.as_user("unit1", withdraw, json!({ "i": { "id": files[0]["id"], "reason": "x" } })).await,
        "INVALID_TRANSITION",
    );
    tests::assert_unchanged(&app.digest().await, &before);
}

/// A stationed inspection of team 1 that `team1` may write on (none of its accounts recuses).
async fn team1_stationed(app: &TestApp) -> String {
    let team = app.org_of("team1").await;
    gid(
        "Inspection",
        app.first_id(&format!(
            "SELECT id FROM inspections WHERE team_id = {team} AND status = 'STATIONED' AND unit_id NOT IN \
             (SELECT c.unit_id FROM expert_conflicts c JOIN experts e ON e.id = c.expert_id JOIN users u ON u.id = e.user_id \
             WHERE u.username IN ('team1', 'team1.member')) ORDER BY id"
        ))
        .await,
    )
}

const PETITION_WITH_HISTORY: &str = r#"query($p: ID!) {
  node(id: $p) {
    ... on Petition { content version withdrawnAt history { nodes { change reason fields { field before after } } } }
  }
}"#;

#[tokio::test]
async fn a_petition_is_corrected_without_its_reporter_in_the_history_and_a_draft_clue_is_discarded() {
    let app = TestApp::spawn().await;
    let inspection = team1_stationed(&app).await;
    let register = "mutation($i: CreatePetitionInput!) { createPetition(input: $i) { petition { id version } } }";
    let p = app
        .data("team1", register, json!({ "i": { "inspectionId": inspection, "content": "反映村务不公开", "reporterName": "李来信", "reporterContact": "139", "receivedOn": tests::today() } }))
        .await["createPetition"]["petition"]
        .clone();
    let id = p["id"].as_str().unwrap().to_owned();
    let update = "mutation($i: UpdatePetitionInput!) { updatePetition(input: $i) { petition { version } } }";
    let input = json!({ "i": { "id": id, "content": "反映村务、财务不公开", "reason": "补录来信全文", "version": p["version"] } });
    app.data("team1.member", update, input).await;
    // The leadership group reads petitions but never the reporter: the history names no reporter.
    let seen = app.data("leader", PETITION_WITH_HISTORY, json!({ "p": id })).await["node"].clone();
    assert_eq!(
        seen["history"]["nodes"][0]["fields"],
        json!([{ "field": "content", "before": "\"反映村务不公开\"", "after": "\"反映村务、财务不公开\"" }])
    );
    assert!(!seen.to_string().contains("李来信"));
    // Withdrawn by the team: gone from its list at once, kept for the office.
    let count = |who: &'static str| {
        let app = &app;
        async move {
            app.data(who, "{ petitions { totalCount } }", json!({})).await["petitions"]["totalCount"].as_i64().unwrap()
        }
    };
    let (team_before, office_before) = (count("team1").await, count("office").await);
    let withdraw = "mutation($i: WithdrawPetitionInput!) { withdrawPetition(input: $i) { petition { withdrawnAt } } }";
    app.data("team1", withdraw, json!({ "i": { "id": id, "reason": "同一来信重复登记" } })).await;
    assert_eq!((count("team1").await, count("office").await), (team_before - 1, office_before - 1));
    assert!(app.data("team1", PETITION_WITH_HISTORY, json!({ "p": id })).await["node"].is_null());
    let kept = app.data("office", PETITION_WITH_HISTORY, json!({ "p": id })).await["node"].clone();
    assert!(!kept["withdrawnAt"].is_null());
    // A unit never reaches it, corrected or not.
    assert!(app.as_user("unit1", PETITION_WITH_HISTORY, json!({ "p": id })).await["data"]["node"].is_null());

    // A draft clue never left its team: discarded, it is gone; a submitted one stays.
    let draft = "mutation($i: CreateClueInput!) { createClue(input: $i) { clue { id } } }";
    let person = json!([{ "name": "某某", "rank": "STAFF", "position": "会计" }]);
    let mut clues = Vec::new();
    for _ in 0..2 {
        let input = json!({ "i": { "inspectionId": inspection, "persons": person, "allegedViolation": "虚报冒领", "evidence": "账目", "source": "INTERVIEW" } });
        clues.push(app.data("team1", draft, input).await["createClue"]["clue"]["id"].as_str().unwrap().to_owned());
    }
    let submit = "mutation($i: SubmitClueInput!) { submitClue(input: $i) { clue { id } } }";
    app.data("team1", submit, json!({ "i": { "id": clues[1] } })).await;
    let discard = "mutation($i: DeleteClueInput!) { deleteClue(input: $i) { deletedId } }";
    let before = app.count("clues").await;
    let d = app.data("team1.member", discard, json!({ "i": { "id": clues[0] } })).await;
    assert_eq!(d["deleteClue"]["deletedId"], clues[0].as_str());
    assert_eq!(app.count("clues").await, before - 1);
    assert!(
        app.data("office", "query($c: ID!) { node(id: $c) { id } }", json!({ "c": clues[0] })).await["node"].is_null()
    );
    let logged = app
        .count_where(
            "access_log",
            &format!("action = 'delete' AND object_type = 'clue' AND object_id = {}", tests::row_of(&clues[0])),
        )
        .await;
    assert_eq!(logged, 1);
    let before = app.digest().await;
    assert_code(&app.as_user("team1", discard, json!({ "i": { "id": clues[1] } })).await, "INVALID_TRANSITION");
    tests::assert_unchanged(&app.digest().await, &before);
}

const SESSION_WITH_HISTORY: &str = r#"query($s: ID!) {
  node(id: $s) { ... on InterviewSession { subject version withdrawnAt history { nodes { change fields { field } } } } }
}"#;

#[tokio::test]
async fn the_office_corrects_and_withdraws_an_interview_session_and_its_seats_leave_the_counts() {
    let app = TestApp::spawn().await;
    let unit = app.org_of("unit2").await;
    let session = gid(
        "InterviewSession",
        app.first_id(&format!("SELECT session_id AS id FROM interviewees WHERE unit_id = {unit} ORDER BY session_id"))
            .await,
    );
    let amend = "mutation($i: AmendInterviewSessionInput!) { amendInterviewSession(input: $i) { interviewSession { version } } }";
    app.data(
        "office",
        amend,
        json!({ "i": { "id": session, "subject": "巡察整改落实情况集体约谈", "reason": "主题以通知为准" } }),
    )
    .await;
    let seen = app.data("unit2", SESSION_WITH_HISTORY, json!({ "s": session })).await["node"].clone();
    assert_eq!(seen["history"]["nodes"][0]["fields"], json!([{ "field": "subject" }]));
    let figures = |who: &'static str| {
        let app = &app;
        async move {
            let d = app
                .data(
                    who,
                    "{ interviewSessions { totalCount } statistics { interviewSessions unitsInterviewed } }",
                    json!({}),
                )
                .await;
            (
                d["interviewSessions"]["totalCount"].as_i64().unwrap(),
                d["statistics"]["interviewSessions"].as_i64().unwrap(),
                d["statistics"]["unitsInterviewed"].as_i64().unwrap(),
            )
        }
    };
    let (unit_before, office_before) = (figures("unit2").await, figures("office").await);
    let seats = app.count_where("interviewees", &format!("session_id = {}", tests::row_of(&session))).await;
    let withdraw = "mutation($i: WithdrawInterviewSessionInput!) { withdrawInterviewSession(input: $i) { interviewSession { withdrawnAt } } }";
    app.data("office", withdraw, json!({ "i": { "id": session, "reason": "与另一场次重复录入" } })).await;
    let (unit_after, office_after) = (figures("unit2").await, figures("office").await);
    assert_eq!((unit_after.0, unit_after.1), (unit_before.0 - 1, unit_before.1 - 1));
    assert_eq!((office_after.0, office_after.1), (office_before.0 - 1, office_before.1 - 1));
    assert!(
        office_after.2 <= office_before.2 && office_before.2 - office_after.2 <= seats,
        "its seats left the units interviewed"
    );
    assert!(app.data("unit2", SESSION_WITH_HISTORY, json!({ "s": session })).await["node"].is_null());
    let kept = app.data("leader", SESSION_WITH_HISTORY, json!({ "s": session })).await["node"].clone();
    assert!(!kept["withdrawnAt"].is_null());
}

#[tokio::test]
async fn a_findings_edits_are_kept_in_its_history_with_the_reason_when_given() {
    let app = TestApp::spawn().await;
    let inspection = team1_stationed(&app).await;
    let create = "mutation($i: CreateFindingInput!) { createFinding(input: $i) { finding { id version } } }";
    let f = app
        .data("team1", create, json!({ "i": { "inspectionId": inspection, "category": "PARTY_BUILDING_MISSING", "description": "三会一课不规范", "evidence": "会议记录" } }))
        .await["createFinding"]["finding"]
        .clone();
    let update = "mutation($i: UpdateFindingInput!) { updateFinding(input: $i) { finding { version } } }";
    app.data("team1", update, json!({ "i": { "id": f["id"], "description": "三会一课制度落实不规范" } })).await;
    app.data(
        "team1.member",
        update,
        json!({ "i": { "id": f["id"], "evidence": "会议记录、访谈笔录", "reason": "补充证据来源" } }),
    )
    .await;
    let seen = app
        .data("office", "query($f: ID!) { node(id: $f) { ... on Finding { history { totalCount nodes { reason version fields { field } } } } } }", json!({ "f": f["id"] }))
        .await["node"]["history"]
        .clone();
    assert_eq!(seen["totalCount"], 2);
    assert_eq!(seen["nodes"][0], json!({ "reason": null, "version": 2, "fields": [{ "field": "description" }] }));
    assert_eq!(
        seen["nodes"][1],
        json!({ "reason": "补充证据来源", "version": 3, "fields": [{ "field": "evidence" }] })
    );
}

#[tokio::test]
async fn an_approved_plan_changes_only_by_the_leadership_group_or_after_it_returns_the_round_to_planning() {
    let app = TestApp::spawn().await;
    app.test_term().await;
    let create = "mutation($i: CreateRoundInput!) { createRound(input: $i) { round { id } } }";
    let round = app
        .data(
            "office",
            create,
            json!({ "i": { "name": "2026年第九轮巡察", "startsOn": "2026-01-01", "endsOn": "2026-02-01" } }),
        )
        .await["createRound"]["round"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let team = gid("Organization", app.org_of("team1").await);
    let unit = gid("Organization", app.row_id("organizations", "name", "区教委").await);
    let plan = "mutation($i: CreateInspectionInput!) { createInspection(input: $i) { inspection { id } } }";
    app.data("office", plan, json!({ "i": { "roundId": round, "teamId": team, "unitId": unit } })).await;
    let approve = "mutation($i: ApproveRoundInput!) { approveRound(input: $i) { round { status version } } }";
    let approved = app.data("leader", approve, json!({ "i": { "id": round } })).await["approveRound"]["round"].clone();
    let free = |nth: usize| {
        let (app, unit) = (&app, &unit);
        async move {
            gid(
                "Expert",
                app.first_id(&format!(
                    "SELECT id FROM experts WHERE id NOT IN (SELECT expert_id FROM expert_conflicts WHERE unit_id = {}) \
                     ORDER BY id LIMIT 1 OFFSET {nth}",
                    tests::row_of(unit)
                ))
                .await,
            )
        }
    };
    let staff = "mutation($i: AddRosterEntryInput!) { addRosterEntry(input: $i) { rosterEntry { id } } }";
    let entry =
        |expert: String| json!({ "i": { "roundId": round, "teamId": team, "expertId": expert, "position": "MEMBER" } });
    // Approved: the office alone does not change the plan ...
    let before = app.digest().await;
    let body = app.as_user("office", staff, entry(free(0).await)).await;
    assert_code(&body, "INVALID_TRANSITION");
    assert!(body["errors"][0]["message"].as_str().unwrap().contains("returnRoundToPlanning"), "{body}");
    tests::assert_unchanged(&app.digest().await, &before);
    // ... the leadership group does, its approval being the plan's ...
    let by_leader = app.as_user("leader", staff, entry(free(0).await)).await;
    assert!(by_leader.get("errors").is_none(), "{by_leader}");
    // ... or returns the round to planning, with the reason kept, and the office plans again.
    let back = "mutation($i: ReturnRoundToPlanningInput!) { returnRoundToPlanning(input: $i) { round { status } } }";
    assert_code(&app.as_user("office", back, json!({ "i": { "id": round, "reason": "增补" } })).await, "FORBIDDEN");
    let d = app
        .data(
            "leader",
            back,
            json!({ "i": { "id": round, "reason": "增补一名财务审计专家", "version": approved["version"] } }),
        )
        .await;
    assert_eq!(d["returnRoundToPlanning"]["round"]["status"], "PLANNED");
    let staffed = app.as_user("office", staff, entry(free(1).await)).await;
    assert!(staffed.get("errors").is_none(), "{staffed}");
    let history = app
        .data("office", "query($r: ID!) { node(id: $r) { ... on Round { history { nodes { reason byName fields { field before after } } } } } }", json!({ "r": round }))
        .await["node"]["history"]["nodes"]
        .clone();
    assert_eq!(history[0]["reason"], "增补一名财务审计专家");
    assert_eq!(history[0]["fields"], json!([{ "field": "status", "before": "\"APPROVED\"", "after": "\"PLANNED\"" }]));
    // Its dates hold its inspections' stationing: a change that leaves one out is refused.
    app.sql(&format!(
        "UPDATE inspections SET notice_from = '2026-01-10', notice_until = '2026-01-25' WHERE round_id = {}",
        tests::row_of(&round)
    ))
    .await;
    let update = "mutation($i: UpdateRoundInput!) { updateRound(input: $i) { round { endsOn } } }";
    let before = app.digest().await;
    let body = app.as_user("office", update, json!({ "i": { "id": round, "endsOn": "2026-01-20" } })).await;
    assert_code(&body, "BAD_USER_INPUT");
    assert_eq!(body["errors"][0]["extensions"]["field"], "endsOn");
    tests::assert_unchanged(&app.digest().await, &before);
    let d = app.data("office", update, json!({ "i": { "id": round, "endsOn": "2026-01-31" } })).await;
    assert_eq!(d["updateRound"]["round"]["endsOn"], "2026-01-31");
    // Only an approved round goes back: a planned one does not.
    assert_code(
        &app.as_user("leader", back, json!({ "i": { "id": round, "reason": "再退" } })).await,
        "INVALID_TRANSITION",
    );
}

#[tokio::test]
async fn a_recommendations_and_a_draft_clues_edits_are_kept_in_their_history() {
    let app = TestApp::spawn().await;
    let inspection = team1_stationed(&app).await;
    let create = "mutation($i: CreateFindingInput!) { createFinding(input: $i) { finding { id } } }";
    let mut findings = Vec::new();
    for d in ["问题一", "问题二"] {
        let input = json!({ "i": { "inspectionId": inspection, "category": "PARTY_BUILDING_MISSING", "description": d, "evidence": "记录" } });
        findings.push(app.data("team1", create, input).await["createFinding"]["finding"]["id"].clone());
    }
    let recommend =
        "mutation($i: CreateRecommendationInput!) { createRecommendation(input: $i) { recommendation { id } } }";
    let rec = app
        .data(
            "team1",
            recommend,
            json!({ "i": { "inspectionId": inspection, "content": "健全制度", "findingIds": [findings[0]] } }),
        )
        .await["createRecommendation"]["recommendation"]["id"]
        .clone();
    let update =
        "mutation($i: UpdateRecommendationInput!) { updateRecommendation(input: $i) { recommendation { id } } }";
    app.data(
        "team1",
        update,
        json!({ "i": { "id": rec, "findingIds": [findings[0], findings[1]], "reason": "也答问题二" } }),
    )
    .await;
    let h = app
        .data("office", "query($r: ID!) { node(id: $r) { ... on Recommendation { history { nodes { reason fields { field } } } } } }", json!({ "r": rec }))
        .await["node"]["history"]["nodes"]
        .clone();
    assert_eq!(h, json!([{ "reason": "也答问题二", "fields": [{ "field": "finding_ids" }] }]));
    let draft = "mutation($i: CreateClueInput!) { createClue(input: $i) { clue { id } } }";
    let clue = app
        .data("team1", draft, json!({ "i": { "inspectionId": inspection, "persons": [{ "name": "某甲", "rank": "STAFF", "position": "会计" }], "allegedViolation": "虚报", "evidence": "账目", "source": "INTERVIEW" } }))
        .await["createClue"]["clue"]["id"]
        .clone();
    let update = "mutation($i: UpdateClueInput!) { updateClue(input: $i) { clue { id } } }";
    app.data(
        "team1",
        update,
        json!({ "i": { "id": clue, "persons": [{ "name": "某乙", "rank": "STAFF", "position": "出纳" }] } }),
    )
    .await;
    let h = app
        .data("leader", "query($c: ID!) { node(id: $c) { ... on Clue { history { nodes { reason fields { field before after } } } } } }", json!({ "c": clue }))
        .await["node"]["history"]["nodes"]
        .clone();
    assert_eq!(h[0]["reason"], Value::Null);
    assert_eq!(h[0]["fields"][0]["field"], "persons");
    assert!(h[0]["fields"][0]["before"].as_str().unwrap().contains("某甲"));
    assert!(h[0]["fields"][0]["after"].as_str().unwrap().contains("某乙"));
}

#[tokio::test]
async fn the_offices_own_records_keep_their_history() {
    let app = TestApp::spawn().await;
    let unit = gid("Organization", app.row_id("organizations", "name", "区教委").await);
    let update = "mutation($i: UpdateOrganizationInput!) { updateOrganization(input: $i) { organization { name } } }";
    app.data("office", update, json!({ "i": { "id": unit, "name": "区教育委员会" } })).await;
    let term = app.test_term().await;
    let rename = "mutation($i: UpdateTermInput!) { updateTerm(input: $i) { term { name } } }";
    app.data("office", rename, json!({ "i": { "id": term, "name": "区委第五届（2026—2030年）" } })).await;
    let h = app
        .data("office", "query($o: ID!, $t: ID!) { o: node(id: $o) { ... on Organization { history { nodes { fields { field before after } } } } } t: node(id: $t) { ... on Term { history { totalCount } } } }", json!({ "o": unit, "t": term }))
        .await;
    assert_eq!(
        h["o"]["history"]["nodes"][0]["fields"],
        json!([{ "field": "name", "before": "\"区教委\"", "after": "\"区教育委员会\"" }])
    );
    assert_eq!(h["t"]["history"]["totalCount"], 1);
}
