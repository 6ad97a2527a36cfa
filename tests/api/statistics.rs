//! Statistics agree, for every account, with counting the lists that account can read.

use serde_json::{Value, json};
use tests::{TestApp, gid};

const ACCOUNTS: [&str; 10] =
    ["leader", "office", "team1", "team2", "team1.member", "team3.member", "agency1", "agency2", "unit1", "unit2"];

/// A list's `totalCount` for the account, or null when the account may not read it.
async fn total(app: &TestApp, account: &str, list: &str) -> Value {
    let body = app.as_user(account, &format!("{{ l: {list} {{ totalCount }} }}"), json!({})).await;
    if tests::code(&body) == Some("FORBIDDEN") { Value::Null } else { body["data"]["l"]["totalCount"].clone() }
}

#[tokio::test]
async fn statistics_agree_with_the_lists_for_every_account() {
    let app = TestApp::spawn().await;
    let q = "{ statistics { rounds inspections findings politicalFindings clues recommendations referrals casesFiled personsDisciplined divisionLevelDisciplined coverage { category covered total } rectificationTasks { total overdue } regulations } }";
    for account in ACCOUNTS {
        let s = app.data(account, q, json!({})).await["statistics"].clone();
        let pairs = [
            ("rounds", "rounds"),
            ("inspections", "inspections"),
            ("findings", "findings"),
            ("politicalFindings", "findings(filter: { political: true })"),
            ("clues", "clues"),
            ("recommendations", "recommendations"),
            ("referrals", "referrals(filter: { status: SENT })"),
            ("regulations", "regulations"),
        ];
        for (figure, list) in pairs {
            let counted = total(&app, account, list).await;
            if figure == "referrals" {
                // Every referral not withdrawn: sent, acknowledged and concluded.
                if counted.is_null() {
                    assert!(s[figure].is_null(), "{account} {figure}");
                    continue;
                }
                let mut sum = 0;
                for status in ["SENT", "ACKNOWLEDGED", "CONCLUDED"] {
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
        let tasks = total(&app, account, "rectificationTasks").await;
        assert_eq!(s["rectificationTasks"]["total"], tasks, "{account} tasks");
        if !tasks.is_null() {
            assert_eq!(
                s["rectificationTasks"]["overdue"],
                total(&app, account, "rectificationTasks(filter: { overdue: true })").await
            );
        }
        if s["coverage"].is_null() {
            // Coverage is counted over inspections: null for those who may not read them.
            assert!(total(&app, account, "inspections").await.is_null(), "{account} coverage");
        } else {
            let units = total(&app, account, "organizations(filter: { kind: AUDITED_UNIT })").await;
            assert_eq!(s["coverage"][0]["total"], units, "{account} coverage");
        }
        if s["casesFiled"].is_number() {
            let counted = app
                .data(
                    account,
                    "{ referrals(first: 100) { nodes { caseFiledOn dispositions { personName } } } }",
                    json!({}),
                )
                .await;
            let filed = counted["referrals"]["nodes"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|r| r["caseFiledOn"].is_string())
                .count();
            assert_eq!(s["casesFiled"], json!(filed), "{account} cases filed");
        }
    }
    // What each kind of account may not read is null, not zero.
    let unit = app.data("unit1", q, json!({})).await["statistics"].clone();
    assert!(unit["clues"].is_null() && unit["referrals"].is_null() && unit["personsDisciplined"].is_null());
    let agency = app.data("agency1", q, json!({})).await["statistics"].clone();
    assert!(agency["findings"].is_null() && agency["clues"].is_null() && agency["inspections"].is_null());
    assert!(agency["referrals"].as_i64().unwrap() > 0);
}

#[tokio::test]
async fn statistics_of_one_round_count_that_round_only() {
    let app = TestApp::spawn().await;
    let round = gid("Round", app.first_id("SELECT id FROM rounds WHERE status = 'IN_PROGRESS'").await);
    let s = app.data("office", "query($r: ID!) { statistics(roundId: $r) { rounds inspections coverage { covered total } } inspections(filter: { roundId: $r }) { totalCount } }", json!({ "r": round })).await;
    assert_eq!(s["statistics"]["rounds"], 1);
    assert_eq!(s["statistics"]["inspections"], s["inspections"]["totalCount"]);
    assert_eq!(s["statistics"]["coverage"][0]["total"], 120);
    // The district over all rounds: the article's 120 units in three categories, 230 experts' pool aside.
    let all = app.data("leader", "{ statistics { coverage { category total } } }", json!({})).await;
    let totals: Vec<i64> =
        all["statistics"]["coverage"].as_array().unwrap().iter().map(|c| c["total"].as_i64().unwrap()).collect();
    assert_eq!(totals, vec![120, 33, 52, 35]);
    // A round the caller may not see is not found.
    let hidden = gid("Round", app.first_id("SELECT id FROM rounds WHERE status = 'APPROVED'").await);
    let body =
        app.as_user("unit1", "query($r: ID!) { statistics(roundId: $r) { findings } }", json!({ "r": hidden })).await;
    tests::assert_code(&body, "NOT_FOUND");
}
