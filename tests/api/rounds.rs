//! Rounds: the lifecycle, its illegal transitions, and recusal (回避) when staffing teams.

use serde_json::{Value, json};
use tests::{TestApp, assert_code, gid};

/// Places an expert on a team for a round.
const ADD_ROSTER_ENTRY: &str = r#"mutation($i: AddRosterEntryInput!) {
  addRosterEntry(input: $i) { rosterEntry { id } }
}"#;

/// Adds an expert to the pool.
const CREATE_EXPERT: &str = r#"mutation($i: CreateExpertInput!) {
  createExpert(input: $i) { expert { id } }
}"#;

/// Plans a round of inspections, answering with its status and version.
const CREATE_ROUND_WITH_STATUS: &str = r#"mutation($i: CreateRoundInput!) {
  createRound(input: $i) { round { id status version } }
}"#;

async fn create_round(app: &TestApp, name: &str) -> String {
    app.test_term().await;
    let d = app
        .data(
            "office",
            CREATE_ROUND_WITH_STATUS,
            json!({ "i": { "name": name, "startsOn": "2027-01-01", "endsOn": "2027-03-01" } }),
        )
        .await;
    assert_eq!(d["createRound"]["round"]["status"], "PLANNED");
    d["createRound"]["round"]["id"].as_str().unwrap().to_owned()
}

async fn transition(app: &TestApp, who: &str, name: &str, round: &str) -> Value {
    let t = name[..1].to_uppercase() + &name[1..];
    app.as_user(
        who,
        &format!("mutation($i: {t}Input!) {{ {name}(input: $i) {{ round {{ status version }} }} }}"),
        json!({ "i": { "id": round } }),
    )
    .await
}

/// Plans an inspection of a unit by a team in a round.
const CREATE_INSPECTION: &str = r#"mutation($i: CreateInspectionInput!) {
  createInspection(input: $i) { inspection { id status } }
}"#;

async fn plan(app: &TestApp, round: &str, team: &str, unit: i32) -> Value {
    app.as_user(
        "office",
        CREATE_INSPECTION,
        json!({ "i": { "roundId": round, "teamId": team, "unitId": gid("Organization", unit) } }),
    )
    .await
}

#[tokio::test]
async fn a_round_goes_planned_approved_in_progress_closed_and_nowhere_else() {
    let app = TestApp::spawn().await;
    let round = create_round(&app, "2027年第一轮巡察").await;
    let team = gid("Organization", app.org_of("team1").await);
    // An empty plan cannot be approved.
    assert_code(&transition(&app, "leader", "approveRound", &round).await, "BAD_USER_INPUT");
    assert!(plan(&app, &round, &team, app.org_of("unit1").await).await.get("errors").is_none());

    let steps = [
        ("leader", "approveRound", "APPROVED"),
        ("office", "startRound", "IN_PROGRESS"),
        ("office", "closeRound", "CLOSED"),
    ];
    let all = ["approveRound", "startRound", "closeRound"];
    for (i, (who, name, to)) in steps.iter().enumerate() {
        // Every other transition is refused from this state, and changes nothing.
        for wrong in all.iter().filter(|w| *w != name) {
            let who = if *wrong == "approveRound" { "leader" } else { "office" };
            let before = app.digest().await;
            assert_code(&transition(&app, who, wrong, &round).await, "INVALID_TRANSITION");
            tests::assert_unchanged(&app.digest().await, &before);
        }
        if *name == "closeRound" {
            // Not while an inspection is still planned, stationed or reporting.
            assert_code(&transition(&app, who, name, &round).await, "BAD_USER_INPUT");
            app.sql("UPDATE inspections SET status = 'CLOSED' WHERE status = 'PLANNED' AND round_id IN (SELECT id FROM rounds WHERE name = '2027年第一轮巡察')").await;
            // Nor until the district committee has decided on its comprehensive report.
            let before = app.digest().await;
            let body = transition(&app, who, name, &round).await;
            assert_code(&body, "INVALID_TRANSITION");
            assert!(body["errors"][0]["message"].as_str().unwrap().contains("comprehensive report"), "{body}");
            tests::assert_unchanged(&app.digest().await, &before);
            decide_round_report(&app, &round).await;
        }
        let body = transition(&app, who, name, &round).await;
        assert!(body.get("errors").is_none(), "{body}");
        assert_eq!(body["data"][name]["round"]["status"], *to);
        assert_eq!(body["data"][name]["round"]["version"], (i + 2) as i64);
    }
    for wrong in all {
        let who = if wrong == "approveRound" { "leader" } else { "office" };
        assert_code(&transition(&app, who, wrong, &round).await, "INVALID_TRANSITION");
    }
}

/// Writes a round's comprehensive report.
const SAVE_ROUND_REPORT: &str = r#"mutation($i: SaveRoundReportInput!) {
  saveRoundReport(input: $i) { roundReport { id status } }
}"#;

/// Takes a round's comprehensive report through submission, hearing and decision.
async fn decide_round_report(app: &TestApp, round: &str) {
    let d = app.data("office", SAVE_ROUND_REPORT, json!({ "i": { "roundId": round, "body": "综合报告" } })).await;
    let report = d["saveRoundReport"]["roundReport"]["id"].as_str().unwrap().to_owned();
    let steps = [
        ("office", "submitRoundReport", json!({ "id": report })),
        (
            "leader",
            "recordHearing",
            json!({ "subjectId": report, "heardOn": tests::today(), "opinion": "同意", "proposedHandling": "报区委", "outcome": "ACCEPTED" }),
        ),
        ("leader", "recordDecision", json!({ "subjectId": report, "decidedOn": tests::today(), "text": "同意" })),
    ];
    for (who, op, input) in steps {
        let t = op[..1].to_uppercase() + &op[1..];
        let body = app
            .as_user(
                who,
                &format!("mutation($i: {t}Input!) {{ {op}(input: $i) {{ __typename }} }}"),
                json!({ "i": input }),
            )
            .await;
        assert!(body.get("errors").is_none(), "{op}: {body}");
    }
}

/// Changes a round's name or dates.
const UPDATE_ROUND: &str = r#"mutation($i: UpdateRoundInput!) {
  updateRound(input: $i) { round { id } }
}"#;

#[tokio::test]
async fn the_plan_is_fixed_once_approved() {
    let app = TestApp::spawn().await;
    let round = create_round(&app, "2027年第二轮巡察").await;
    let team = gid("Organization", app.org_of("team1").await);
    assert!(plan(&app, &round, &team, app.org_of("unit1").await).await.get("errors").is_none());
    assert!(transition(&app, "leader", "approveRound", &round).await.get("errors").is_none());
    let before = app.digest().await;
    assert_code(&plan(&app, &round, &team, app.org_of("unit2").await).await, "INVALID_TRANSITION");
    let body = app.as_user("office", UPDATE_ROUND, json!({ "i": { "id": round, "name": "改名" } })).await;
    assert_code(&body, "INVALID_TRANSITION");
    tests::assert_unchanged(&app.digest().await, &before);
}

#[tokio::test]
async fn a_unit_is_inspected_once_per_round() {
    let app = TestApp::spawn().await;
    let round = create_round(&app, "2027年第三轮巡察").await;
    let team1 = gid("Organization", app.org_of("team1").await);
    let team2 = gid("Organization", app.org_of("team2").await);
    let unit = app.org_of("unit2").await;
    assert!(plan(&app, &round, &team1, unit).await.get("errors").is_none());
    let before = app.digest().await;
    assert_code(&plan(&app, &round, &team2, unit).await, "CONFLICT");
    tests::assert_unchanged(&app.digest().await, &before);
    // A team is not a unit, and a unit is not a team.
    assert_code(&plan(&app, &round, &team1, app.org_of("team2").await).await, "BAD_USER_INPUT");
}

/// Adds an expert to the pool, answering with their name too.
const CREATE_EXPERT_WITH_NAME: &str = r#"mutation($i: CreateExpertInput!) {
  createExpert(input: $i) { expert { id name } }
}"#;

/// Records an expert's conflict of interest with a unit, answering with its kind and unit.
const ADD_CONFLICT_WITH_UNIT: &str = r#"mutation($i: AddExpertConflictInput!) {
  addExpertConflict(input: $i) { expertConflict { kind unit { id } } }
}"#;

/// An organization's name.
const ORGANIZATION_NAME: &str = "query($u: ID!) { node(id: $u) { ... on Organization { name } } }";

#[tokio::test]
async fn an_expert_with_a_conflict_is_not_placed_on_a_team_inspecting_that_unit() {
    let app = TestApp::spawn().await;
    let round = create_round(&app, "2027年第四轮巡察").await;
    let team = gid("Organization", app.org_of("team1").await);
    let unit = app.org_of("unit1").await;
    assert!(plan(&app, &round, &team, unit).await.get("errors").is_none());
    let expert = app
        .data(
            "office",
            CREATE_EXPERT_WITH_NAME,
            json!({ "i": { "name": "回避专家", "specialty": "FINANCE", "birthYear": 1978, "experienceYears": 15, "employer": "区财政局" } }),
        )
        .await["createExpert"]["expert"]["id"]
        .clone();
    app.data(
        "office",
        ADD_CONFLICT_WITH_UNIT,
        json!({ "i": { "expertId": expert, "unitId": gid("Organization", unit), "kind": "WORKED_IN" } }),
    )
    .await;
    let before = app.digest().await;
    let body = app
        .as_user(
            "office",
            ADD_ROSTER_ENTRY,
            json!({ "i": { "roundId": round, "teamId": team, "expertId": expert, "position": "MEMBER" } }),
        )
        .await;
    assert_code(&body, "BAD_USER_INPUT");
    let message = body["errors"][0]["message"].as_str().unwrap();
    let unit_name =
        app.data("office", ORGANIZATION_NAME, json!({ "u": gid("Organization", unit) })).await["node"]["name"]
            .as_str()
            .unwrap()
            .to_owned();
    assert!(message.contains("回避专家") && message.contains(&unit_name), "{message}");
    assert_eq!(body["errors"][0]["extensions"]["field"], "expertId");
    tests::assert_unchanged(&app.digest().await, &before);

    // The same expert on another team, or the same team for another unit in another round, is fine.
    let team2 = gid("Organization", app.org_of("team2").await);
    let ok = app
        .as_user(
            "office",
            ADD_ROSTER_ENTRY,
            json!({ "i": { "roundId": round, "teamId": team2, "expertId": expert, "position": "MEMBER" } }),
        )
        .await;
    assert!(ok.get("errors").is_none(), "{ok}");
    // And the check holds the other way round: team2 may not now be given the unit.
    let round2 = create_round(&app, "2027年第五轮巡察").await;
    app.data(
        "office",
        ADD_ROSTER_ENTRY,
        json!({ "i": { "roundId": round2, "teamId": team2, "expertId": expert, "position": "MEMBER" } }),
    )
    .await;
    let before = app.digest().await;
    let body = plan(&app, &round2, &team2, unit).await;
    assert_code(&body, "BAD_USER_INPUT");
    assert!(body["errors"][0]["message"].as_str().unwrap().contains("回避专家"));
    tests::assert_unchanged(&app.digest().await, &before);
}

/// Renames a round, answering with its name and version.
const RENAME_ROUND: &str = r#"mutation($i: UpdateRoundInput!) {
  updateRound(input: $i) { round { name version } }
}"#;

#[tokio::test]
async fn stale_versions_are_conflicts() {
    let app = TestApp::spawn().await;
    let round = create_round(&app, "2027年第六轮巡察").await;
    let body = app.data("office", RENAME_ROUND, json!({ "i": { "id": round, "name": "新名称", "version": 1 } })).await;
    assert_eq!(body["updateRound"]["round"]["version"], 2);
    let before = app.digest().await;
    assert_code(
        &app.as_user("office", RENAME_ROUND, json!({ "i": { "id": round, "name": "又一个", "version": 1 } })).await,
        "CONFLICT",
    );
    tests::assert_unchanged(&app.digest().await, &before);
}

/// Plans a round of inspections.
const CREATE_ROUND: &str = r#"mutation($i: CreateRoundInput!) {
  createRound(input: $i) { round { id } }
}"#;

/// Creates a user account.
const CREATE_USER: &str = r#"mutation($i: CreateUserInput!) {
  createUser(input: $i) { user { id } }
}"#;

#[tokio::test]
async fn names_are_unique() {
    let app = TestApp::spawn().await;
    create_round(&app, "唯一轮次").await;
    let body = app
        .as_user(
            "office",
            CREATE_ROUND,
            json!({ "i": { "name": "唯一轮次", "startsOn": "2027-01-01", "endsOn": "2027-02-01" } }),
        )
        .await;
    assert_code(&body, "CONFLICT");
    assert_eq!(body["errors"][0]["extensions"]["field"], "name");
    // User names are unique whatever their case.
    for taken in ["office", "Office", "OFFICE"] {
        let body = app
            .as_user(
                "office",
                CREATE_USER,
                json!({ "i": { "username": taken, "displayName": "重复", "password": "a-long-password" } }),
            )
            .await;
        assert_code(&body, "CONFLICT");
        assert_eq!(body["errors"][0]["extensions"]["field"], "username");
    }
}

/// Records an expert's conflict of interest with a unit.
const ADD_CONFLICT: &str = r#"mutation($i: AddExpertConflictInput!) {
  addExpertConflict(input: $i) { expertConflict { id } }
}"#;

/// Takes an expert off a team.
const REMOVE_ROSTER_ENTRY: &str = r#"mutation($i: RemoveRosterEntryInput!) {
  removeRosterEntry(input: $i) { deletedId }
}"#;

#[tokio::test]
async fn a_conflict_recorded_after_staffing_is_refused_until_the_expert_leaves_the_team() {
    let app = TestApp::spawn().await;
    let round = create_round(&app, "2028年第一轮巡察").await;
    let team = gid("Organization", app.org_of("team1").await);
    let unit = app.org_of("unit1").await;
    assert!(plan(&app, &round, &team, unit).await.get("errors").is_none());
    let expert = app
        .data(
            "office",
            CREATE_EXPERT,
            json!({ "i": { "name": "后申报", "specialty": "LAW", "birthYear": 1970, "experienceYears": 20, "employer": "区司法局" } }),
        )
        .await["createExpert"]["expert"]["id"]
        .clone();
    let entry = app
        .data(
            "office",
            ADD_ROSTER_ENTRY,
            json!({ "i": { "roundId": round, "teamId": team, "expertId": expert, "position": "LEADER" } }),
        )
        .await["addRosterEntry"]["rosterEntry"]["id"]
        .clone();
    let conflict = json!({ "i": { "expertId": expert, "unitId": gid("Organization", unit), "kind": "DECLARED" } });
    let before = app.digest().await;
    let body = app.as_user("office", ADD_CONFLICT, conflict.clone()).await;
    assert_code(&body, "BAD_USER_INPUT");
    assert!(body["errors"][0]["message"].as_str().unwrap().contains("回避"));
    tests::assert_unchanged(&app.digest().await, &before);
    // A second leader for the same team and round is refused too.
    let second = app
        .data(
            "office",
            CREATE_EXPERT,
            json!({ "i": { "name": "二组长", "specialty": "AUDIT", "birthYear": 1972, "experienceYears": 18, "employer": "区审计局" } }),
        )
        .await["createExpert"]["expert"]["id"]
        .clone();
    let body = app
        .as_user(
            "office",
            ADD_ROSTER_ENTRY,
            json!({ "i": { "roundId": round, "teamId": team, "expertId": second, "position": "LEADER" } }),
        )
        .await;
    assert_code(&body, "CONFLICT");
    // Off the roster, the conflict can be recorded.
    app.data("office", REMOVE_ROSTER_ENTRY, json!({ "i": { "id": entry } })).await;
    assert!(app.as_user("office", ADD_CONFLICT, conflict).await.get("errors").is_none());
}

#[tokio::test]
async fn concurrent_writes_wait_their_turn_instead_of_failing() {
    let app = TestApp::spawn().await;
    let round = create_round(&app, "2028年第二轮巡察").await;
    let team = gid("Organization", app.org_of("team2").await);
    let token = app.token("office").await;
    let mut experts = Vec::new();
    for i in 0..8 {
        let body = app
            .data(
                "office",
                CREATE_EXPERT,
                json!({ "i": { "name": format!("并发{i}"), "specialty": "FINANCE", "birthYear": 1980, "experienceYears": 10, "employer": "区财政局" } }),
            )
            .await;
        experts.push(body["createExpert"]["expert"]["id"].clone());
    }
    let calls = experts.iter().map(|e| {
        app.gql(
            Some(&token),
            ADD_ROSTER_ENTRY,
            json!({ "i": { "roundId": round, "teamId": team, "expertId": e, "position": "MEMBER" } }),
        )
    });
    for body in futures::future::join_all(calls).await {
        assert!(body.get("errors").is_none(), "{body}");
    }
}

/// The units a round or a term has still to cover (巡察全覆盖), as each caller sees the plan.
#[tokio::test]
async fn the_units_not_yet_covered_are_those_without_an_inspection_the_caller_sees() {
    let app = TestApp::spawn().await;
    let round =
        tests::gid("Round", app.first_id("SELECT id FROM rounds WHERE status = 'IN_PROGRESS' ORDER BY id").await);
    let term = tests::gid("Term", app.first_id("SELECT id FROM terms ORDER BY starts_on").await);
    const UNITS: &str =
        "query($f: OrganizationFilter) { organizations(first: 100, filter: $f) { totalCount nodes { id kind } } }";
    const COVERED: &str =
        "query($f: InspectionFilter) { inspections(first: 100, filter: $f) { totalCount nodes { unit { id } } } }";
    for who in ["office", "leader", "team1", "unit1"] {
        let all = app.data(who, UNITS, json!({ "f": { "kind": "AUDITED_UNIT" } })).await["organizations"].clone();
        let seen = app.data(who, COVERED, json!({ "f": { "roundId": round } })).await["inspections"].clone();
        assert!(seen["totalCount"].as_i64().unwrap() <= 100, "{who}");
        let covered: std::collections::BTreeSet<String> =
            seen["nodes"].as_array().unwrap().iter().map(|n| n["unit"]["id"].as_str().unwrap().to_owned()).collect();
        let open =
            app.data(who, UNITS, json!({ "f": { "notInspectedInRound": round } })).await["organizations"].clone();
        assert_eq!(
            open["totalCount"].as_i64().unwrap(),
            all["totalCount"].as_i64().unwrap() - covered.len() as i64,
            "{who}: the units left are all the units but those covered"
        );
        for n in open["nodes"].as_array().unwrap() {
            assert_eq!(n["kind"], "AUDITED_UNIT", "{who}");
            assert!(!covered.contains(n["id"].as_str().unwrap()), "{who}: {n} is covered");
        }
        if who == "office" {
            assert!(!covered.is_empty(), "the round inspects units");
        }
    }
    // A term: a unit inspected in any of its rounds is covered; the demo's term has rounds, and
    // the office's list of what is left is smaller than all the units.
    let all =
        app.data("office", UNITS, json!({ "f": { "kind": "AUDITED_UNIT" } })).await["organizations"]["totalCount"]
            .as_i64()
            .unwrap();
    let left = app.data("office", UNITS, json!({ "f": { "notInspectedInTerm": term } })).await["organizations"].clone();
    let term_rows = app
        .count_where(
            "organizations",
            "kind = 'AUDITED_UNIT' AND id NOT IN (SELECT i.unit_id FROM inspections i JOIN rounds r ON r.id = i.round_id \
             WHERE r.term_id = (SELECT id FROM terms ORDER BY starts_on LIMIT 1))",
        )
        .await;
    assert_eq!(left["totalCount"].as_i64().unwrap(), term_rows);
    assert!(term_rows < all);
    // Both at once narrow by both; a round id of another kind is refused.
    let both =
        app.data("office", UNITS, json!({ "f": { "notInspectedInRound": round, "notInspectedInTerm": term } })).await;
    assert!(both["organizations"]["totalCount"].as_i64().unwrap() <= term_rows);
    let bad = app.as_user("office", UNITS, json!({ "f": { "notInspectedInRound": term } })).await;
    tests::assert_code(&bad, "BAD_USER_INPUT");
}
