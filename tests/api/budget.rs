//! Statement budgets: a page with its relations runs the same number of statements whatever the
//! page and table sizes (no N+1).

use serde_json::json;
use tests::TestApp;

/// A page of inspections with each one's unit, team and round.
const INSPECTIONS_PAGE: &str = r#"query($n: Int) {
  inspections(first: $n) {
    totalCount
    edges {
      cursor
      node {
        id status
        unit { name unitCategory }
        team { name }
        round { name status }
      }
    }
  }
}"#;

#[tokio::test]
async fn a_page_of_inspections_with_unit_team_and_round_runs_a_fixed_number_of_statements() {
    let app = TestApp::spawn().await;
    let office = app.token("office").await;
    let (small, for_10) = app.count_statements(app.gql(Some(&office), INSPECTIONS_PAGE, json!({ "n": 10 }))).await;
    assert_eq!(small["data"]["inspections"]["edges"].as_array().unwrap().len(), 10);

    // Grow the table to well over 1,000 inspections: 12 more rounds × 120 units.
    let start = chrono::NaiveDate::from_ymd_opt(2030, 1, 1).unwrap();
    for r in 0..12 {
        app.sql(&format!(
            "INSERT INTO rounds (name, starts_on, ends_on, status, created_at, updated_at, version) VALUES ('extra {r}', '{start}', '{start}', 'CLOSED', '2030-01-01T00:00:00Z', '2030-01-01T00:00:00Z', 1)"
        ))
        .await;
    }
    app.sql(
        "INSERT INTO inspections (round_id, team_id, unit_id, status, created_at, updated_at, version) \
         SELECT r.id, (SELECT MIN(id) FROM organizations WHERE kind = 'INSPECTION_TEAM'), u.id, 'CLOSED', '2030-01-01T00:00:00Z', '2030-01-01T00:00:00Z', 1 \
         FROM rounds r CROSS JOIN organizations u WHERE r.name LIKE 'extra %' AND u.kind = 'AUDITED_UNIT'",
    )
    .await;
    let (big, for_100) = app.count_statements(app.gql(Some(&office), INSPECTIONS_PAGE, json!({ "n": 100 }))).await;
    assert_eq!(big["data"]["inspections"]["edges"].as_array().unwrap().len(), 100);
    assert!(big["data"]["inspections"]["totalCount"].as_i64().unwrap() > 1_000);
    assert_eq!(for_10, for_100, "statements for 10 rows and for 100 rows of 1,000+ differ");
    let (_, for_10_of_many) = app.count_statements(app.gql(Some(&office), INSPECTIONS_PAGE, json!({ "n": 10 }))).await;
    assert_eq!(for_10, for_10_of_many, "statements for a page grew with the table");
    // Authentication (1 on SQLite; none on PostgreSQL, which keeps the grants), and the page with
    // its count, its units, teams and rounds (1).
    assert_eq!(for_100, if app.keeps_grants() { 1 } else { 2 }, "statements");

    // The same holds for a scoped caller.
    let team1 = app.token("team1").await;
    let (_, scoped_10) = app.count_statements(app.gql(Some(&team1), INSPECTIONS_PAGE, json!({ "n": 10 }))).await;
    let (_, scoped_100) = app.count_statements(app.gql(Some(&team1), INSPECTIONS_PAGE, json!({ "n": 100 }))).await;
    assert_eq!(scoped_10, scoped_100);
}

/// The accounts of every role, each reaching a different part of the record.
const ACCOUNTS: [&str; 10] =
    ["leader", "office", "team1", "team1.member", "team3.member", "agency1", "agency3", "unit1", "unit2", "unit3"];

/// Reads `list` (a page of `nodes` with `fields`) and the same rows one by one through
/// `nodes(ids:)` as `account`, and asserts that both give the same.
async fn same_as_one_by_one(app: &TestApp, account: &str, list: &str, type_name: &str, fields: &str) {
    let page =
        app.as_user(account, &format!("{{ {list}(first: 100) {{ nodes {{ id {fields} }} }} }}"), json!({})).await;
    assert!(page.get("errors").is_none(), "{account}: {page}");
    let rows = page["data"][list]["nodes"].as_array().unwrap().clone();
    let ids: Vec<&serde_json::Value> = rows.iter().map(|r| &r["id"]).collect();
    let query = format!("query($ids: [ID!]!) {{ nodes(ids: $ids) {{ ... on {type_name} {{ id {fields} }} }} }}");
    let apart = app.as_user(account, &query, json!({ "ids": ids })).await;
    assert!(apart.get("errors").is_none(), "{account}: {apart}");
    assert_eq!(&rows, apart["data"]["nodes"].as_array().unwrap(), "{account}: {list} with {fields}");
}

#[tokio::test]
async fn the_relations_a_page_reads_in_its_own_statement_are_those_each_caller_reads_one_by_one() {
    let app = TestApp::spawn().await;
    // A fix-at-once notice reaches its unit before the feedback, its recommendation does not:
    // the page's join must find nothing, as the loader does.
    let (_, _, rec) = app.recommended_at("unit3").await;
    let notice = json!({ "recommendationId": rec, "content": "立即收回公车", "responsiblePerson": "办公室主任", "deadline": tests::local_day(5), "fixAtOnce": true });
    app.run("team1", "createRectificationTask", notice, "{ rectificationTask { id } }").await;
    let unit3 = app
        .data("unit3", "{ rectificationTasks(first: 100) { nodes { fixAtOnce recommendation { id } } } }", json!({}))
        .await;
    let notices: Vec<&serde_json::Value> =
        unit3["rectificationTasks"]["nodes"].as_array().unwrap().iter().filter(|t| t["fixAtOnce"] == true).collect();
    assert!(!notices.is_empty() && notices.iter().all(|t| t["recommendation"].is_null()), "{unit3}");

    for account in ACCOUNTS {
        same_as_one_by_one(
            &app,
            account,
            "inspections",
            "Inspection",
            "unit { id name } team { id name } round { id name }",
        )
        .await;
        same_as_one_by_one(&app, account, "rectificationTasks", "RectificationTask", "recommendation { id content }")
            .await;
    }
}

/// A page of roster entries with each one's expert, team and round.
const ROSTER_PAGE: &str = r#"query($n: Int) {
  rosterEntries(first: $n) {
    edges { node { position expert { name } team { name } round { name } } }
  }
}"#;

#[tokio::test]
async fn a_page_of_roster_entries_with_expert_team_and_round_runs_a_fixed_number_of_statements() {
    let app = TestApp::spawn().await;
    let office = app.token("office").await;
    let (_, few) = app.count_statements(app.gql(Some(&office), ROSTER_PAGE, json!({ "n": 5 }))).await;
    let (_, many) = app.count_statements(app.gql(Some(&office), ROSTER_PAGE, json!({ "n": 100 }))).await;
    assert_eq!(few, many);
}

/// A page of inspections with everything that hangs from one before its feedback.
const INSPECTIONS_BEFORE_FEEDBACK: &str = r#"query($n: Int) {
  inspections(first: $n) {
    nodes {
      kind theme jointWith channels { telephone noticeFrom }
      hearings { outcome heardOn }
      decision { decidedOn }
      feedback { id } principalFeedback { id }
      followsInspection { id } parentInspection { id } extendedInspections { id }
      recusedAccounts { username }
      round { term { name } }
      unit { parent { name } villages { name } }
    }
  }
}"#;

/// A page of each new list with its relations.
const NEW_LISTS: [&str; 5] = [
    "query($n: Int) { roundReports(first: $n) { nodes { status round { name } hearings { outcome } decision { text } } } }",
    "query($n: Int) { hearings(first: $n) { nodes { outcome inspection { status } roundReport { status } } } }",
    "query($n: Int) { decisions(first: $n) { nodes { text inspection { status } roundReport { status } } } }",
    "query($n: Int) { petitions(first: $n) { nodes { status passedTo { name } unit { name } reporterName } } }",
    "query($n: Int) { planEntries(first: $n) { nodes { year term { name } unit { name parent { name } } } } }",
];

#[tokio::test]
async fn the_records_before_the_feedback_cost_the_same_statements_for_a_few_rows_as_for_a_hundred() {
    let app = TestApp::spawn().await;
    for account in ["office", "leader", "team1"] {
        let token = app.token(account).await;
        // Sixty of the newest already hold one of each relation; forty more add only rows.
        let (few, for_few) =
            app.count_statements(app.gql(Some(&token), INSPECTIONS_BEFORE_FEEDBACK, json!({ "n": 60 }))).await;
        let (many, for_many) =
            app.count_statements(app.gql(Some(&token), INSPECTIONS_BEFORE_FEEDBACK, json!({ "n": 100 }))).await;
        assert!(few.get("errors").is_none() && many.get("errors").is_none(), "{account}: {many}");
        assert_eq!(for_few, for_many, "{account}: inspections before the feedback");
    }
    // Ten of the newest rows of each list already hold each of its relations once.
    for list in NEW_LISTS {
        let office = app.token("office").await;
        let (few, for_few) = app.count_statements(app.gql(Some(&office), list, json!({ "n": 10 }))).await;
        let (many, for_many) = app.count_statements(app.gql(Some(&office), list, json!({ "n": 100 }))).await;
        assert!(few.get("errors").is_none() && many.get("errors").is_none(), "{list}: {many}");
        assert_eq!(for_few, for_many, "{list}");
    }
}

/// A page of findings with each one's history and who made each revision.
const FINDINGS_WITH_HISTORY: &str = r#"query($n: Int) {
  findings(first: $n) { nodes { id history { totalCount nodes { reason byName fields { field } } } } }
}"#;

#[tokio::test]
async fn a_page_of_records_with_their_histories_runs_a_fixed_number_of_statements() {
    let app = TestApp::spawn().await;
    // Every finding corrected twice by the office's own hand (set-up in SQL: two revisions each).
    let office = app.row_id("users", "username", "office").await;
    for version in [2, 3] {
        app.sql(&format!(
            "INSERT INTO revisions (object_kind, object_id, version, change, reason, fields, user_id, created_at) \
             SELECT 'finding', id, {version}, 'AMENDED', '更正', '[{{\"field\":\"description\",\"before\":\"a\",\"after\":\"b\"}}]', {office}, '2026-01-01T00:00:00Z' FROM findings"
        ))
        .await;
    }
    let leader = app.token("leader").await;
    let (small, for_10) = app.count_statements(app.gql(Some(&leader), FINDINGS_WITH_HISTORY, json!({ "n": 10 }))).await;
    let (big, for_100) = app.count_statements(app.gql(Some(&leader), FINDINGS_WITH_HISTORY, json!({ "n": 100 }))).await;
    assert_eq!(small["data"]["findings"]["nodes"][0]["history"]["totalCount"], 2, "{small}");
    assert_eq!(big["data"]["findings"]["nodes"].as_array().unwrap().len(), 100);
    assert_eq!(for_10, for_100, "statements for 10 and for 100 findings with histories differ");
    // Authentication, the page, the histories, their authors.
    assert!(for_100 <= 4, "{for_100} statements");
}

/// A page of the units' rectification plans with everything that hangs from one (a page of 20 and
/// one of 100 both hold every kind of relation: a line with and without a finding, notes, reports).
const PLANS_PAGE: &str = r#"query($n: Int) {
  rectificationPlans(first: $n) {
    totalCount
    nodes {
      status overdue grade
      inspection { unit { name } round { name } rectificationReports { kind status overdue } supervisionNotes { signedBy } }
      items { problem recommendation { content } finding { description } task { status overdue supervisionNotes { body } progressReports { id } } }
      versions { number outcome }
    }
  }
}"#;

#[tokio::test]
async fn a_page_of_plans_with_their_lines_tasks_reports_and_notes_runs_a_fixed_number_of_statements() {
    let app = TestApp::spawn().await;
    for who in ["office", "agency1", "team1"] {
        let token = app.token(who).await;
        let (few, for_20) = app.count_statements(app.gql(Some(&token), PLANS_PAGE, json!({ "n": 20 }))).await;
        let (many, for_100) = app.count_statements(app.gql(Some(&token), PLANS_PAGE, json!({ "n": 100 }))).await;
        assert!(few.get("errors").is_none() && many.get("errors").is_none(), "{who}: {many}");
        assert!(many["data"]["rectificationPlans"]["nodes"].as_array().unwrap().len() > 20, "{who}");
        assert_eq!(for_20, for_100, "{who}: statements for 20 plans and for 100 differ");
        // Authentication, the page with its count, and one statement per relation at most.
        assert!(for_100 <= 16, "{who}: {for_100} statements");
    }
}

/// The screen of 100 inspections: unit, team, round and four nested counts.
const INSPECTIONS_WITH_COUNTS: &str = r#"query($n: Int) {
  inspections(first: $n) {
    totalCount
    nodes {
      id status unit { name } team { name } round { name }
      findings(first: 0) { totalCount }
      recommendations(first: 0) { totalCount }
      rectificationTasks(first: 0) { totalCount }
      petitions(first: 0) { totalCount }
    }
  }
}"#;

#[tokio::test]
async fn a_screen_of_inspections_with_four_nested_counts_costs_the_same_at_ten_times_the_data() {
    let app = TestApp::spawn().await;
    let office = app.token("office").await;
    let (_, for_10) = app.count_statements(app.gql(Some(&office), INSPECTIONS_WITH_COUNTS, json!({ "n": 10 }))).await;
    let (demo, at_demo) =
        app.count_statements(app.gql(Some(&office), INSPECTIONS_WITH_COUNTS, json!({ "n": 100 }))).await;
    assert!(demo.get("errors").is_none(), "{demo}");
    // Ten times the inspections, each with a finding.
    let start = chrono::NaiveDate::from_ymd_opt(2030, 1, 1).unwrap();
    for r in 0..10 {
        app.sql(&format!(
            "INSERT INTO rounds (name, starts_on, ends_on, status, created_at, updated_at, version) VALUES ('extra {r}', '{start}', '{start}', 'CLOSED', '2030-01-01T00:00:00Z', '2030-01-01T00:00:00Z', 1)"
        ))
        .await;
    }
    app.sql(
        "INSERT INTO inspections (round_id, team_id, unit_id, status, created_at, updated_at, version) \
         SELECT r.id, (SELECT MIN(id) FROM organizations WHERE kind = 'INSPECTION_TEAM'), u.id, 'CLOSED', '2030-01-01T00:00:00Z', '2030-01-01T00:00:00Z', 1 \
         FROM rounds r CROSS JOIN organizations u WHERE r.name LIKE 'extra %' AND u.kind = 'AUDITED_UNIT'",
    )
    .await;
    let (big, at_ten_times) =
        app.count_statements(app.gql(Some(&office), INSPECTIONS_WITH_COUNTS, json!({ "n": 100 }))).await;
    assert!(big["data"]["inspections"]["totalCount"].as_i64().unwrap() > 1_200, "{big}");
    assert_eq!((for_10, at_demo), (at_demo, at_ten_times), "statements grew with the page or the data");
    // Authentication (1 on SQLite; none on PostgreSQL, which keeps the grants), the page with its
    // count, units, teams and rounds, and one per nested count.
    assert_eq!(at_demo, if app.keeps_grants() { 5 } else { 6 }, "statements");
}

/// Pages of every list whose objects say what the caller may do next.
const OFFERING_LISTS: [(&str, usize); 8] = [
    ("query($n: Int) { rounds(first: $n) { nodes { status availableTransitions } } }", 4),
    ("query($n: Int) { inspections(first: $n) { nodes { status availableTransitions } } }", 8),
    ("query($n: Int) { clues(first: $n) { nodes { status availableTransitions } } }", 5),
    ("query($n: Int) { petitions(first: $n) { nodes { status availableTransitions } } }", 4),
    ("query($n: Int) { referrals(first: $n) { nodes { status availableTransitions } } }", 7),
    ("query($n: Int) { roundReports(first: $n) { nodes { status availableTransitions } } }", 4),
    ("query($n: Int) { users(first: $n) { nodes { status availableTransitions } } }", 2),
    ("query($n: Int) { serviceCredentials(first: $n) { nodes { status availableTransitions } } }", 1),
];

#[tokio::test]
async fn what_a_page_offers_costs_one_statement_per_kind_of_transition_however_long_the_page() {
    let app = TestApp::spawn().await;
    for account in ["office", "leader", "team1", "agency1"] {
        let token = app.token(account).await;
        for (list, transitions) in OFFERING_LISTS {
            let (_, bare) = app.count_statements(app.gql(Some(&token), list, json!({ "n": 0 }))).await;
            let (many, for_many) = app.count_statements(app.gql(Some(&token), list, json!({ "n": 100 }))).await;
            if tests::code(&many) == Some("FORBIDDEN") {
                continue; // an agency lists no clues
            }
            assert!(many.get("errors").is_none(), "{account} {list}: {many}");
            // The page's own statements, then at most one per transition the page's states allow.
            assert!(for_many <= bare + 1 + transitions, "{account} {list}: {for_many} statements (bare {bare})");
        }
    }
}

/// A page of inspections with the list's count, after a cursor.
const COUNTED_PAGE: &str = r#"query($n: Int, $a: String) {
  inspections(first: $n, after: $a) { totalCount nodes { id } pageInfo { hasNextPage endCursor } }
}"#;

#[tokio::test]
async fn the_count_comes_with_the_page_and_a_page_past_the_end_still_counts_the_whole_list() {
    let app = TestApp::spawn().await;
    let office = app.token("office").await;
    let (first, counted) = app.count_statements(app.gql(Some(&office), COUNTED_PAGE, json!({ "n": 5 }))).await;
    let bare = "query($n: Int) { inspections(first: $n) { nodes { id } } }";
    let (_, uncounted) = app.count_statements(app.gql(Some(&office), bare, json!({ "n": 5 }))).await;
    assert_eq!(counted, uncounted, "the count took a statement of its own");
    let total = first["data"]["inspections"]["totalCount"].as_i64().unwrap();
    assert!(total > 5, "{first}");

    // Every later page counts the whole list, not the rows after its cursor.
    let mut after = first["data"]["inspections"]["pageInfo"]["endCursor"].clone();
    loop {
        let page = app.gql(Some(&office), COUNTED_PAGE, json!({ "n": 100, "a": after })).await;
        let list = &page["data"]["inspections"];
        assert_eq!(list["totalCount"].as_i64(), Some(total), "{page}");
        after = list["pageInfo"]["endCursor"].clone();
        if !list["pageInfo"]["hasNextPage"].as_bool().unwrap() {
            break;
        }
    }
    // Past the last row: no rows, and still the whole list's count (a partner's pull loop asks
    // exactly this when nothing is new).
    for n in [10, 0] {
        let past = app.gql(Some(&office), COUNTED_PAGE, json!({ "n": n, "a": after })).await;
        assert_eq!(past["data"]["inspections"]["nodes"].as_array().unwrap().len(), 0, "{past}");
        assert_eq!(past["data"]["inspections"]["totalCount"].as_i64(), Some(total), "{past}");
    }
}
