//! Statistics agree, for every account, with counting the lists that account can read.

use serde_json::{Value, json};
use tests::{TestApp, gid};

const ACCOUNTS: [&str; 11] = [
    "leader",
    "office",
    "team1",
    "team2",
    "team1.member",
    "team3.member",
    "agency1",
    "agency2",
    "unit1",
    "unit2",
    "unit3",
];

/// A list's `totalCount` for the account, or null when the account may not read it.
async fn total(app: &TestApp, account: &str, list: &str) -> Value {
    let body = app.as_user(account, &format!("{{ l: {list} {{ totalCount }} }}"), json!({})).await;
    if tests::code(&body) == Some("FORBIDDEN") { Value::Null } else { body["data"]["l"]["totalCount"].clone() }
}

/// Every figure of the statistics.
const EVERY_FIGURE: &str = r#"{
  statistics {
    rounds inspections findings politicalFindings clues recommendations referrals casesFiled
    personsDisciplined divisionLevelDisciplined
    clueStatuses { draft total }
    coverage { category covered total }
    rectificationTasks { total overdue }
    regulations interviewSessions unitsInterviewed accountabilityRecords experts partnerAgencies
  }
}"#;

/// The caller's referrals: when each case was filed, and who was disciplined.
const REFERRALS_FILED_AND_DISCIPLINED: &str = r#"query($after: String) {
  referrals(first: 100, after: $after) {
    nodes { caseFiledOn dispositions { personName } }
    pageInfo { hasNextPage endCursor }
  }
}"#;

#[tokio::test]
async fn statistics_agree_with_the_lists_for_every_account() {
    let app = TestApp::spawn().await;
    for account in ACCOUNTS {
        let s = app.data(account, EVERY_FIGURE, json!({})).await["statistics"].clone();
        // Rounds that have started, inspections that have begun.
        let rounds = total(&app, account, "rounds").await;
        if rounds.is_null() {
            assert!(s["rounds"].is_null(), "{account} rounds");
        } else {
            let planned = total(&app, account, "rounds(filter: { status: PLANNED })").await.as_i64().unwrap()
                + total(&app, account, "rounds(filter: { status: APPROVED })").await.as_i64().unwrap();
            assert_eq!(s["rounds"], json!(rounds.as_i64().unwrap() - planned), "{account} rounds");
        }
        let inspections = total(&app, account, "inspections").await;
        if inspections.is_null() {
            assert!(s["inspections"].is_null(), "{account} inspections");
        } else {
            let planned = total(&app, account, "inspections(filter: { status: PLANNED })").await.as_i64().unwrap();
            assert_eq!(s["inspections"], json!(inspections.as_i64().unwrap() - planned), "{account} inspections");
        }
        let pairs = [
            ("findings", "findings"),
            ("politicalFindings", "findings(filter: { political: true })"),
            ("recommendations", "recommendations"),
            ("referrals", "referrals(filter: { status: SENT })"),
            ("regulations", "regulations"),
            ("interviewSessions", "interviewSessions"),
            ("accountabilityRecords", "accountabilityRecords"),
            ("experts", "experts"),
            ("partnerAgencies", "organizations(filter: { kind: PARTNER_AGENCY })"),
        ];
        for (figure, list) in pairs {
            let counted = total(&app, account, list).await;
            if figure == "referrals" {
                // Every referral not withdrawn: sent, acknowledged, shelved and concluded.
                if counted.is_null() {
                    assert!(s[figure].is_null(), "{account} {figure}");
                    continue;
                }
                let mut sum = 0;
                for status in ["SENT", "ACKNOWLEDGED", "SHELVED", "CONCLUDED"] {
                    sum += total(&app, account, &format!("referrals(filter: {{ status: {status} }})"))
                        .await
                        .as_i64()
                        .unwrap();
                }
                assert_eq!(s[figure], json!(sum), "{account} {figure}");
                continue;
            }
            assert_eq!(s[figure], counted, "{account}: statistics.{figure} against {list}");
        }
        // Units interviewed: each unit once, over the sessions the account sees.
        let sessions =
            app.as_user(account, "{ interviewSessions(first: 100) { nodes { units { id } } } }", json!({})).await;
        if tests::code(&sessions) == Some("FORBIDDEN") {
            assert!(s["unitsInterviewed"].is_null(), "{account} units interviewed");
        } else {
            let units: std::collections::BTreeSet<String> = sessions["data"]["interviewSessions"]["nodes"]
                .as_array()
                .unwrap()
                .iter()
                .flat_map(|n| n["units"].as_array().unwrap().iter().map(|u| u["id"].as_str().unwrap().to_owned()))
                .collect();
            assert_eq!(s["unitsInterviewed"], json!(units.len()), "{account} units interviewed");
        }
        let tasks = total(&app, account, "rectificationTasks").await;
        assert_eq!(s["rectificationTasks"]["total"], tasks, "{account} tasks");
        if !tasks.is_null() {
            assert_eq!(
                s["rectificationTasks"]["overdue"],
                total(&app, account, "rectificationTasks(filter: { overdue: true })").await
            );
        }
        // Clues: every one in the list, and the ones found — all but the drafts.
        let clues = total(&app, account, "clues").await;
        assert_eq!(s["clueStatuses"]["total"], clues, "{account} clues");
        if !clues.is_null() {
            let drafts = total(&app, account, "clues(filter: { status: DRAFT })").await;
            assert_eq!(s["clueStatuses"]["draft"], drafts, "{account} drafts");
            assert_eq!(s["clues"], json!(clues.as_i64().unwrap() - drafts.as_i64().unwrap()), "{account} clues found");
        } else {
            assert!(s["clues"].is_null(), "{account} clues found");
        }
        if s["coverage"].is_null() {
            // Coverage is counted over inspections: null for those who may not read them.
            assert!(total(&app, account, "inspections").await.is_null(), "{account} coverage");
        } else {
            // The district's own units, and the villages and communities apart.
            let units = total(&app, account, "organizations(filter: { kind: AUDITED_UNIT })").await;
            let counted = s["coverage"][0]["total"].as_i64().unwrap() + s["coverage"][4]["total"].as_i64().unwrap();
            assert_eq!(json!(counted), units, "{account} coverage");
        }
        if s["casesFiled"].is_number() {
            let (mut filed, mut after) = (0, Value::Null);
            loop {
                let page = app.data(account, REFERRALS_FILED_AND_DISCIPLINED, json!({ "after": after })).await;
                let referrals = &page["referrals"];
                filed += referrals["nodes"].as_array().unwrap().iter().filter(|r| r["caseFiledOn"].is_string()).count();
                if !referrals["pageInfo"]["hasNextPage"].as_bool().unwrap() {
                    break;
                }
                after = referrals["pageInfo"]["endCursor"].clone();
            }
            assert_eq!(s["casesFiled"], json!(filed), "{account} cases filed");
        }
    }
    // What each kind of account may not read is null, not zero.
    let unit = app.data("unit1", EVERY_FIGURE, json!({})).await["statistics"].clone();
    assert!(unit["clues"].is_null() && unit["referrals"].is_null() && unit["personsDisciplined"].is_null());
    let agency = app.data("agency1", EVERY_FIGURE, json!({})).await["statistics"].clone();
    assert!(agency["findings"].is_null() && agency["clues"].is_null());
    let other = app.data("agency3", EVERY_FIGURE, json!({})).await["statistics"].clone();
    assert!(other["findings"].is_null() && other["clues"].is_null() && other["inspections"] == 0, "{other}");
    assert!(agency["referrals"].as_i64().unwrap() > 0);
}

/// One round's statistics, and how many inspections it has.
const ROUND_STATISTICS: &str = r#"query($r: ID!) {
  statistics(roundId: $r) { rounds inspections coverage { covered total } }
  inspections(filter: { roundId: $r }) { totalCount }
}"#;

#[tokio::test]
async fn statistics_of_one_round_count_that_round_only() {
    let app = TestApp::spawn().await;
    let round = gid("Round", app.first_id("SELECT id FROM rounds WHERE status = 'IN_PROGRESS'").await);
    let s = app.data("office", ROUND_STATISTICS, json!({ "r": round })).await;
    assert_eq!(s["statistics"]["rounds"], 1);
    assert_eq!(s["statistics"]["inspections"], s["inspections"]["totalCount"]);
    assert_eq!(s["statistics"]["coverage"][0]["total"], 120);
    // The district over all rounds: the article's 120 units in three categories, 230 experts' pool aside.
    let all = app.data("leader", "{ statistics { coverage { category total } } }", json!({})).await;
    let totals: Vec<i64> =
        all["statistics"]["coverage"].as_array().unwrap().iter().map(|c| c["total"].as_i64().unwrap()).collect();
    assert_eq!(totals, vec![120, 33, 52, 35, 13]);
    // A round the caller may not see is not found.
    let hidden = gid("Round", app.first_id("SELECT id FROM rounds ORDER BY id").await);
    let body =
        app.as_user("unit1", "query($r: ID!) { statistics(roundId: $r) { findings } }", json!({ "r": hidden })).await;
    tests::assert_code(&body, "NOT_FOUND");
    // An agency cannot learn which round its referrals came from: counted by a round it sees (one
    // that supervises rectification sees the rounds of released feedback), its referral figures
    // are null; a round it does not see is not found.
    let body = app
        .data(
            "agency1",
            "query($r: ID!) { statistics(roundId: $r) { referrals casesFiled agencies { referrals } } }",
            json!({ "r": hidden }),
        )
        .await;
    assert_eq!(body["statistics"], json!({ "referrals": null, "casesFiled": null, "agencies": null }));
    assert!(
        app.data("agency1", "{ statistics { referrals } }", json!({})).await["statistics"]["referrals"]
            .as_i64()
            .unwrap()
            > 0
    );
    for (who, r) in [("agency1", gid("Round", 999)), ("agency3", hidden)] {
        let body =
            app.as_user(who, "query($r: ID!) { statistics(roundId: $r) { referrals } }", json!({ "r": r })).await;
        tests::assert_code(&body, "NOT_FOUND");
    }
}

/// The figures of the article's table.
const ARTICLE_TABLE: &str = r#"{
  statistics {
    rounds
    coverage { category covered total }
    experts partnerAgencies findings politicalFindings clues recommendations casesFiled
    personsDisciplined divisionLevelDisciplined interviewSessions unitsInterviewed regulations
  }
}"#;

/// Records a finding of an inspection.
const CREATE_FINDING: &str = r#"mutation($i: CreateFindingInput!) {
  createFinding(input: $i) { finding { id } }
}"#;

/// Records a collective interview of some units.
const RECORD_INTERVIEW_SESSION: &str = r#"mutation($i: RecordInterviewSessionInput!) {
  recordInterviewSession(input: $i) { interviewSession { id } }
}"#;

/// Plans a round of inspections.
const CREATE_ROUND: &str = r#"mutation($i: CreateRoundInput!) {
  createRound(input: $i) { round { id } }
}"#;

/// The figures a new finding, session and round could move.
const MOVED_FIGURES: &str = r#"{
  statistics {
    rounds findings politicalFindings interviewSessions unitsInterviewed
  }
}"#;

#[tokio::test]
async fn the_leadership_group_reads_the_article_table_counted_from_the_records() {
    let app = TestApp::spawn().await;
    let s = app.data("leader", ARTICLE_TABLE, json!({})).await;
    assert_eq!(
        s["statistics"],
        json!({
            "rounds": 6,
            "coverage": [
                { "category": null, "covered": 120, "total": 120 },
                { "category": "DISTRICT_DEPARTMENT", "covered": 33, "total": 33 },
                { "category": "TOWNSHIP_STREET", "covered": 52, "total": 52 },
                { "category": "STATE_ENTERPRISE_INSTITUTION", "covered": 35, "total": 35 },
                { "category": "VILLAGE_COMMUNITY", "covered": 4, "total": 13 },
            ],
            "experts": 230,
            "partnerAgencies": 10,
            "findings": 1742,
            "politicalFindings": 1090,
            "clues": 246,
            "recommendations": 651,
            "casesFiled": 22,
            "personsDisciplined": 33,
            "divisionLevelDisciplined": 8,
            "interviewSessions": 3,
            "unitsInterviewed": 50,
            "regulations": 278,
        })
    );
    // Counted, not stored: one more finding and one more session move the figures.
    let team1 = app.org_of("team1").await;
    let stationed = gid(
        "Inspection",
        app.first_id(&format!(
            "SELECT id FROM inspections WHERE status = 'STATIONED' AND team_id = {team1} ORDER BY id"
        ))
        .await,
    );
    app.data(
        "team1",
        CREATE_FINDING,
        json!({ "i": { "inspectionId": stationed, "category": "WORK_STYLE", "description": "公车私用", "evidence": "派车记录" } }),
    )
    .await;
    let unit = gid("Organization", app.org_of("unit1").await);
    app.data(
        "office",
        RECORD_INTERVIEW_SESSION,
        json!({ "i": { "heldOn": tests::today(), "subject": "约谈", "unitIds": [unit] } }),
    )
    .await;
    // A round in planning is not yet a round of the work.
    app.test_term().await;
    app.data(
        "office",
        CREATE_ROUND,
        json!({ "i": { "name": "2018年第一轮巡察", "startsOn": "2027-03-01", "endsOn": "2027-05-01" } }),
    )
    .await;
    let s = app.data("leader", MOVED_FIGURES, json!({})).await;
    assert_eq!(
        s["statistics"],
        json!({ "rounds": 6, "findings": 1743, "politicalFindings": 1090, "interviewSessions": 4, "unitsInterviewed": 51 })
    );
}
