//! Who sees which rows. For every scoped account: each list, its `totalCount` and `node(id)`
//! agree; rows outside the scope are absent from all three; and the rows in scope are exactly
//! the ones the rules in `policies/README.md` name.

use std::collections::BTreeSet;

use sea_orm::{ConnectionTrait, Statement};
use serde_json::{Value, json};
use tests::{TestApp, assert_code, gid};

const LISTS: [(&str, &str); 25] = [
    ("organizations", "Organization"),
    ("inspections", "Inspection"),
    ("rounds", "Round"),
    ("rosterEntries", "RosterEntry"),
    ("experts", "Expert"),
    ("users", "User"),
    ("findings", "Finding"),
    ("clues", "Clue"),
    ("petitions", "Petition"),
    ("recommendations", "Recommendation"),
    ("accessLog", "AccessLogEntry"),
    ("referrals", "Referral"),
    ("rectificationTasks", "RectificationTask"),
    ("regulations", "Regulation"),
    ("interviewSessions", "InterviewSession"),
    ("accountabilityRecords", "AccountabilityRecord"),
    ("terms", "Term"),
    ("planEntries", "PlanEntry"),
    ("roundReports", "RoundReport"),
    ("hearings", "Hearing"),
    ("decisions", "Decision"),
    ("rectificationPlans", "RectificationPlan"),
    ("rectificationReports", "RectificationReport"),
    ("supervisionNotes", "SupervisionNote"),
    ("circulations", "Circulation"),
];

const ACCOUNTS: [&str; 14] = [
    "leader",
    "office",
    "team1",
    "team2",
    "team1.member",
    "team3.member",
    "agency1",
    "agency2",
    "agency3",
    "unit1",
    "unit2",
    "unit3",
    "unit1.deputy",
    "office",
];

/// Every id of a list as the account pages through it, with the list's `totalCount`; `None` when
/// the account may not read the list at all.
async fn page_all(app: &TestApp, account: &str, list: &str) -> Option<(BTreeSet<String>, i64)> {
    let query = format!(
        "query($after: String) {{ {list}(first: 100, after: $after) {{ totalCount edges {{ cursor node {{ id }} }} pageInfo {{ hasNextPage endCursor }} }} }}"
    );
    let mut ids = BTreeSet::new();
    let mut after = Value::Null;
    let mut total = None;
    loop {
        let body = app.as_user(account, &query, json!({ "after": after })).await;
        if tests::code(&body) == Some("FORBIDDEN") {
            return None;
        }
        assert!(body.get("errors").is_none(), "{account} {list}: {body}");
        let conn = &body["data"][list];
        let t = conn["totalCount"].as_i64().unwrap();
        assert!(total.is_none_or(|x| x == t), "totalCount changed between pages");
        total = Some(t);
        for e in conn["edges"].as_array().unwrap() {
            assert!(
                ids.insert(e["node"]["id"].as_str().unwrap().to_owned()),
                "{account} {list}: a row repeated across pages"
            );
        }
        if !conn["pageInfo"]["hasNextPage"].as_bool().unwrap() {
            break;
        }
        after = conn["pageInfo"]["endCursor"].clone();
    }
    Some((ids, total.unwrap_or(0)))
}

/// Which of `ids` `node(id)` returns for the account.
async fn nodes_seen(app: &TestApp, account: &str, ids: &[String]) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    for chunk in ids.chunks(100) {
        let body =
            app.as_user(account, "query($ids: [ID!]!) { nodes(ids: $ids) { id } }", json!({ "ids": chunk })).await;
        assert!(body.get("errors").is_none(), "{account}: {body}");
        for n in body["data"]["nodes"].as_array().unwrap() {
            if let Some(id) = n["id"].as_str() {
                seen.insert(id.to_owned());
            }
        }
    }
    seen
}

async fn ids_by_sql(app: &TestApp, type_name: &str, sql: &str) -> BTreeSet<String> {
    let backend = app.db.get_database_backend();
    let rows = app.db.query_all_raw(Statement::from_string(backend, sql.to_owned())).await.unwrap();
    rows.iter().map(|r| gid(type_name, r.try_get::<i32>("", "id").unwrap())).collect()
}

#[tokio::test]
async fn lists_counts_and_node_agree_for_every_account() {
    let app = TestApp::spawn().await;
    for (list, _) in LISTS {
        let (everything, total) = page_all(&app, "office", list).await.unwrap();
        assert_eq!(everything.len() as i64, total, "office {list}");
        let everything: Vec<String> = everything.into_iter().collect();
        for account in ACCOUNTS {
            let Some((visible, total)) = page_all(&app, account, list).await else {
                // A refused list: node(id) must not reach its rows either.
                assert!(nodes_seen(&app, account, &everything).await.is_empty(), "{account} reaches {list} by id");
                continue;
            };
            assert_eq!(visible.len() as i64, total, "{account} {list}: the list and totalCount disagree");
            let by_node = nodes_seen(&app, account, &everything).await;
            assert_eq!(by_node, visible, "{account} {list}: node(id) and the list disagree");
        }
    }
}

/// How many findings, recommendations and rectification tasks the caller sees.
const RECORD_COUNTS: &str = r#"{
  findings { totalCount }
  recommendations { totalCount }
  rectificationTasks { totalCount }
}"#;

#[tokio::test]
async fn each_account_sees_exactly_the_inspections_and_organizations_its_scope_names() {
    let app = TestApp::spawn().await;
    let started = "(SELECT id FROM rounds WHERE status IN ('IN_PROGRESS', 'CLOSED'))";
    for account in
        ["team1", "team2", "team1.member", "team3.member", "unit1", "unit2", "unit3", "agency1", "agency2", "agency3"]
    {
        let org = app.org_of(account).await;
        let user = app.row_id("users", "username", account).await;
        let round_bound = format!("(SELECT round_id FROM role_assignments WHERE user_id = {user})");
        let (inspections, organizations) = match account {
            a if a.starts_with("team") => {
                // Its own (in its one round, if bounded; none of a unit its person must recuse
                // from), and those they follow up; the directory of units and agencies.
                let bounded = format!("AND ({round_bound} IS NULL OR round_id = {round_bound})");
                let recused = format!(
                    "SELECT c.unit_id FROM expert_conflicts c JOIN experts e ON e.id = c.expert_id WHERE e.user_id = {user}"
                );
                let own = format!(
                    "SELECT id FROM inspections WHERE team_id = {org} {bounded} AND unit_id NOT IN ({recused})"
                );
                let record = format!(
                    "SELECT id FROM inspections WHERE id IN ({own}) OR id IN (SELECT follows_inspection_id FROM inspections WHERE id IN ({own}))"
                );
                (
                    record.clone(),
                    format!(
                        "SELECT id FROM organizations WHERE id = {org} OR kind IN ('AUDITED_UNIT', 'PARTNER_AGENCY') OR id IN (SELECT team_id FROM inspections WHERE id IN ({record}))"
                    ),
                )
            }
            a if a.starts_with("unit") => (
                format!("SELECT id FROM inspections WHERE unit_id = {org} AND round_id IN {started}"),
                format!(
                    "SELECT id FROM organizations WHERE id = {org} OR id IN (SELECT team_id FROM inspections WHERE unit_id = {org} AND round_id IN {started})"
                ),
            ),
            // An agency whose competence supervises rectification: the released inspections, their
            // units and teams; any other agency, only itself.
            "agency3" => (
                "SELECT id FROM inspections WHERE 1 = 0".into(),
                format!("SELECT id FROM organizations WHERE id = {org}"),
            ),
            _ => {
                let released = "SELECT inspection_id FROM feedbacks WHERE released_at IS NOT NULL";
                (
                    format!("SELECT id FROM inspections WHERE id IN ({released})"),
                    format!(
                        "SELECT id FROM organizations WHERE id = {org} OR id IN (SELECT unit_id FROM inspections WHERE id IN ({released})) OR id IN (SELECT team_id FROM inspections WHERE id IN ({released}))"
                    ),
                )
            }
        };
        let expected = ids_by_sql(&app, "Inspection", &inspections).await;
        let seen = page_all(&app, account, "inspections").await.map(|(ids, _)| ids).unwrap_or_default();
        assert_eq!(seen, expected, "{account}: inspections");
        let expected = ids_by_sql(&app, "Organization", &organizations).await;
        let seen = page_all(&app, account, "organizations").await.unwrap().0;
        assert_eq!(seen, expected, "{account}: organizations");
    }
    // The demo gives each scoped account something to see; unit3's team is stationed, so it sees
    // its inspection and nothing of the record yet.
    for account in ["team1", "team2", "team1.member", "team3.member", "unit1", "unit2", "unit3"] {
        assert!(!page_all(&app, account, "inspections").await.unwrap().0.is_empty(), "{account} sees no inspection");
    }
    let unit3 = app.data("unit3", RECORD_COUNTS, json!({})).await;
    assert_eq!(
        unit3,
        json!({ "findings": { "totalCount": 0 }, "recommendations": { "totalCount": 0 }, "rectificationTasks": { "totalCount": 0 } })
    );
}

/// Two objects, by their ids.
const TWO_BY_ID: &str = r#"query($a: ID!, $b: ID!) {
  a: node(id: $a) { id }
  b: node(id: $b) { id }
}"#;

/// A unit's inspections, and the organizations an empty search finds.
const UNIT_INSPECTIONS_AND_ORGANIZATIONS: &str = r#"query($u: ID!) {
  inspections(filter: { unitId: $u }) { totalCount nodes { id } }
  organizations(filter: { search: "" }) { nodes { id } }
}"#;

#[tokio::test]
async fn unit1_cannot_reach_unit2_by_any_path() {
    let app = TestApp::spawn().await;
    let unit2 = gid("Organization", app.org_of("unit2").await);
    let unit2_inspections =
        app.data("unit2", "{ inspections { nodes { id } } }", json!({})).await["inspections"]["nodes"].clone();
    let inspection = unit2_inspections[0]["id"].as_str().unwrap().to_owned();
    // By id.
    let body = app.data("unit1", TWO_BY_ID, json!({ "a": unit2, "b": inspection })).await;
    assert!(body["a"].is_null() && body["b"].is_null(), "{body}");
    // By list, filter and count.
    let body = app.data("unit1", UNIT_INSPECTIONS_AND_ORGANIZATIONS, json!({ "u": unit2 })).await;
    assert_eq!(body["inspections"]["totalCount"], 0);
    assert!(!body["organizations"]["nodes"].as_array().unwrap().iter().any(|n| n["id"] == unit2.as_str()));
    // Through a nested field of something it may see: its own inspections lead only to itself.
    let body = app.data("unit1", "{ inspections { nodes { unit { id } team { id } } } }", json!({})).await;
    let own = gid("Organization", app.org_of("unit1").await);
    for n in body["inspections"]["nodes"].as_array().unwrap() {
        assert_eq!(n["unit"]["id"], own.as_str());
    }
    // The roster of the team is not for units.
    assert_code(&app.as_user("unit1", "{ rosterEntries { totalCount } }", json!({})).await, "FORBIDDEN");
}

/// How many of one team's inspections and roster entries the caller sees.
const TEAM_INSPECTIONS_AND_ROSTER: &str = r#"query($t: ID!) {
  inspections(filter: { teamId: $t }) { totalCount }
  rosterEntries(filter: { teamId: $t }) { totalCount }
}"#;

/// How many experts have no conflict of interest with a unit.
const EXPERTS_FREE_FOR_UNIT: &str = r#"query($u: ID!) {
  experts(filter: { freeForUnitId: $u }) { totalCount }
}"#;

#[tokio::test]
async fn team1_cannot_reach_team2s_work() {
    let app = TestApp::spawn().await;
    let team2 = gid("Organization", app.org_of("team2").await);
    let team2_inspections: Vec<String> = page_all(&app, "team2", "inspections").await.unwrap().0.into_iter().collect();
    let team2_roster: Vec<String> = page_all(&app, "team2", "rosterEntries").await.unwrap().0.into_iter().collect();
    assert!(!team2_inspections.is_empty() && !team2_roster.is_empty());
    for account in ["team1", "team1.member"] {
        assert!(nodes_seen(&app, account, &team2_inspections).await.is_empty(), "{account}");
        assert!(nodes_seen(&app, account, &team2_roster).await.is_empty(), "{account}");
        assert!(nodes_seen(&app, account, std::slice::from_ref(&team2)).await.is_empty(), "{account}");
        let body = app.data(account, TEAM_INSPECTIONS_AND_ROSTER, json!({ "t": team2 })).await;
        assert_eq!(body["inspections"]["totalCount"], 0, "{account}");
        assert_eq!(body["rosterEntries"]["totalCount"], 0, "{account}");
    }
    // The experts a team sees are its own roster's, never the pool's conflicts, not even through
    // the filter that reads them.
    let body = app.data("team1", "{ experts(first: 1) { nodes { conflicts { id } } } }", json!({})).await;
    assert!(body["experts"]["nodes"][0]["conflicts"].is_null(), "{body}");
    let unit = gid("Organization", app.org_of("unit2").await);
    let body = app.as_user("team1", EXPERTS_FREE_FOR_UNIT, json!({ "u": unit })).await;
    assert_code(&body, "FORBIDDEN");
}

#[tokio::test]
async fn one_agency_cannot_reach_another() {
    let app = TestApp::spawn().await;
    for (agency, other) in
        [("agency1", "agency2"), ("agency2", "agency1"), ("agency3", "agency1"), ("agency1", "agency3")]
    {
        let other = gid("Organization", app.org_of(other).await);
        let own = gid("Organization", app.org_of(agency).await);
        let body = app.data(agency, TWO_BY_ID, json!({ "a": own, "b": other })).await;
        assert!(body["a"]["id"] == own.as_str() && body["b"].is_null(), "{agency}: {body}");
        assert_code(&app.as_user(agency, "{ experts { totalCount } }", json!({})).await, "FORBIDDEN");
    }
    // An agency that does not supervise rectification reads no inspection, round or unit at all.
    let body = app
        .data("agency3", "{ inspections { totalCount } rounds { totalCount } organizations { totalCount } }", json!({}))
        .await;
    assert_eq!(
        body,
        json!({ "inspections": { "totalCount": 0 }, "rounds": { "totalCount": 0 }, "organizations": { "totalCount": 1 } })
    );
}

/// The rounds of the caller's inspections, and the rounds it sees.
const INSPECTION_ROUNDS_AND_ROUNDS: &str = r#"{
  inspections(first: 100) { nodes { round { name } } }
  rounds { nodes { name } }
}"#;

#[tokio::test]
async fn a_team_assignment_bounded_to_a_round_reaches_only_that_round() {
    let app = TestApp::spawn().await;
    let body = app.data("team3.member", INSPECTION_ROUNDS_AND_ROUNDS, json!({})).await;
    let rounds: BTreeSet<&str> =
        body["inspections"]["nodes"].as_array().unwrap().iter().map(|n| n["round"]["name"].as_str().unwrap()).collect();
    assert_eq!(rounds.len(), 1, "{body}");
    assert_eq!(body["rounds"]["nodes"].as_array().unwrap().len(), 1);
    assert_eq!(body["rounds"]["nodes"][0]["name"].as_str(), rounds.into_iter().next());
}

#[tokio::test]
async fn users_see_only_themselves_unless_office_or_leadership() {
    let app = TestApp::spawn().await;
    for account in ["team1", "agency1", "unit1"] {
        let body = app.data(account, "{ users { totalCount nodes { username } } }", json!({})).await;
        assert_eq!(body["users"]["totalCount"], 1, "{account}");
        assert_eq!(body["users"]["nodes"][0]["username"], account);
    }
    let body = app.data("leader", "{ users { totalCount } }", json!({})).await;
    assert!(body["users"]["totalCount"].as_i64().unwrap() >= 11);
}
