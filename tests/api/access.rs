//! Every operation, every role: allowed or refused exactly as `policies/policy.csv` says, with the
//! database unchanged after a refusal; and no operation exists that the table below (and so the
//! policy) does not cover.

use std::collections::{BTreeSet, HashSet};

use serde_json::{Value, json};
use tests::{ROLE_ACCOUNTS, TestApp, code, gid};

/// Who an operation is for: a policy pair, or everyone.
#[derive(Clone, Copy)]
enum Rule {
    /// Anyone, even without a token.
    Public,
    /// Anyone with a valid token.
    Authenticated,
    /// The roles with this (kind, action) line in the policy.
    Policy(&'static str, &'static str),
}

/// One operation: its rule, its document, and how to make its variables (run as needed).
struct Operation {
    name: &'static str,
    rule: Rule,
    document: &'static str,
}

const OPERATIONS: &[Operation] = &[
    // Queries
    Operation { name: "me", rule: Rule::Authenticated, document: "{ me { id } }" },
    Operation { name: "node", rule: Rule::Authenticated, document: "query($id: ID!) { node(id: $id) { id } }" },
    Operation { name: "nodes", rule: Rule::Authenticated, document: "query($id: ID!) { nodes(ids: [$id]) { id } }" },
    Operation { name: "users", rule: Rule::Policy("user", "read"), document: "{ users { totalCount } }" },
    Operation {
        name: "organizations",
        rule: Rule::Policy("organization", "read"),
        document: "{ organizations { totalCount } }",
    },
    Operation { name: "experts", rule: Rule::Policy("expert", "read"), document: "{ experts { totalCount } }" },
    Operation { name: "rounds", rule: Rule::Policy("round", "read"), document: "{ rounds { totalCount } }" },
    Operation {
        name: "inspections",
        rule: Rule::Policy("inspection", "read"),
        document: "{ inspections { totalCount } }",
    },
    Operation {
        name: "rosterEntries",
        rule: Rule::Policy("roster_entry", "read"),
        document: "{ rosterEntries { totalCount } }",
    },
    // Mutations
    Operation {
        name: "login",
        rule: Rule::Public,
        document: "mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }",
    },
    Operation {
        name: "createUser",
        rule: Rule::Policy("user", "create"),
        document: "mutation($i: CreateUserInput!) { createUser(input: $i) { user { id } } }",
    },
    Operation {
        name: "updateUser",
        rule: Rule::Policy("user", "update"),
        document: "mutation($i: UpdateUserInput!) { updateUser(input: $i) { user { id } } }",
    },
    Operation {
        name: "disableUser",
        rule: Rule::Policy("user", "disable"),
        document: "mutation($i: DisableUserInput!) { disableUser(input: $i) { user { id } } }",
    },
    Operation {
        name: "enableUser",
        rule: Rule::Policy("user", "enable"),
        document: "mutation($i: EnableUserInput!) { enableUser(input: $i) { user { id } } }",
    },
    Operation {
        name: "assignRole",
        rule: Rule::Policy("role_assignment", "create"),
        document: "mutation($i: AssignRoleInput!) { assignRole(input: $i) { assignment { id } } }",
    },
    Operation {
        name: "revokeRole",
        rule: Rule::Policy("role_assignment", "delete"),
        document: "mutation($i: RevokeRoleInput!) { revokeRole(input: $i) { revokedId } }",
    },
    Operation {
        name: "createOrganization",
        rule: Rule::Policy("organization", "create"),
        document: "mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { organization { id } } }",
    },
    Operation {
        name: "updateOrganization",
        rule: Rule::Policy("organization", "update"),
        document: "mutation($i: UpdateOrganizationInput!) { updateOrganization(input: $i) { organization { id } } }",
    },
    Operation {
        name: "createExpert",
        rule: Rule::Policy("expert", "create"),
        document: "mutation($i: CreateExpertInput!) { createExpert(input: $i) { expert { id } } }",
    },
    Operation {
        name: "updateExpert",
        rule: Rule::Policy("expert", "update"),
        document: "mutation($i: UpdateExpertInput!) { updateExpert(input: $i) { expert { id } } }",
    },
    Operation {
        name: "addExpertConflict",
        rule: Rule::Policy("expert_conflict", "create"),
        document: "mutation($i: AddExpertConflictInput!) { addExpertConflict(input: $i) { conflict { id } } }",
    },
    Operation {
        name: "removeExpertConflict",
        rule: Rule::Policy("expert_conflict", "delete"),
        document: "mutation($i: RemoveExpertConflictInput!) { removeExpertConflict(input: $i) { removedId } }",
    },
    Operation {
        name: "createRound",
        rule: Rule::Policy("round", "create"),
        document: "mutation($i: CreateRoundInput!) { createRound(input: $i) { round { id } } }",
    },
    Operation {
        name: "updateRound",
        rule: Rule::Policy("round", "update"),
        document: "mutation($i: UpdateRoundInput!) { updateRound(input: $i) { round { id } } }",
    },
    Operation {
        name: "approveRound",
        rule: Rule::Policy("round", "approve"),
        document: "mutation($i: ApproveRoundInput!) { approveRound(input: $i) { round { status } } }",
    },
    Operation {
        name: "startRound",
        rule: Rule::Policy("round", "start"),
        document: "mutation($i: StartRoundInput!) { startRound(input: $i) { round { status } } }",
    },
    Operation {
        name: "closeRound",
        rule: Rule::Policy("round", "close"),
        document: "mutation($i: CloseRoundInput!) { closeRound(input: $i) { round { status } } }",
    },
    Operation {
        name: "createInspection",
        rule: Rule::Policy("inspection", "create"),
        document: "mutation($i: CreateInspectionInput!) { createInspection(input: $i) { inspection { id } } }",
    },
    Operation {
        name: "removeInspection",
        rule: Rule::Policy("inspection", "delete"),
        document: "mutation($i: RemoveInspectionInput!) { removeInspection(input: $i) { removedId } }",
    },
    Operation {
        name: "addRosterEntry",
        rule: Rule::Policy("roster_entry", "create"),
        document: "mutation($i: AddRosterEntryInput!) { addRosterEntry(input: $i) { rosterEntry { id } } }",
    },
    Operation {
        name: "removeRosterEntry",
        rule: Rule::Policy("roster_entry", "delete"),
        document: "mutation($i: RemoveRosterEntryInput!) { removeRosterEntry(input: $i) { removedId } }",
    },
];

/// The (role, kind, action) lines of the policy file.
fn policy() -> HashSet<(String, String, String)> {
    let text = std::fs::read_to_string(format!("{}/policy.csv", tests::POLICY_DIR)).unwrap();
    text.lines()
        .map(str::trim)
        .filter(|l| l.starts_with("p,"))
        .map(|l| {
            let f: Vec<&str> = l.split(',').map(str::trim).collect();
            (f[1].trim_start_matches("role:").to_owned(), f[2].to_owned(), f[3].to_owned())
        })
        .collect()
}

async fn office(app: &TestApp, doc: &str, vars: Value) -> Value {
    app.data("office", doc, vars).await
}

async fn new_round(app: &TestApp) -> String {
    let name = format!("test round {}", uuid::Uuid::new_v4());
    let d = office(
        app,
        "mutation($i: CreateRoundInput!) { createRound(input: $i) { round { id } } }",
        json!({ "i": { "name": name, "startsOn": "2026-01-01", "endsOn": "2026-02-01" } }),
    )
    .await;
    d["createRound"]["round"]["id"].as_str().unwrap().to_owned()
}

async fn new_inspection(app: &TestApp, round: &str, unit_name: &str) -> String {
    let team = gid("Organization", app.org_of("team1").await);
    let unit = gid("Organization", app.row_id("organizations", "name", unit_name).await);
    let d = office(
        app,
        "mutation($i: CreateInspectionInput!) { createInspection(input: $i) { inspection { id } } }",
        json!({ "i": { "roundId": round, "teamId": team, "unitId": unit } }),
    )
    .await;
    d["createInspection"]["inspection"]["id"].as_str().unwrap().to_owned()
}

async fn new_user(app: &TestApp) -> String {
    let d = office(
        app,
        "mutation($i: CreateUserInput!) { createUser(input: $i) { user { id } } }",
        json!({ "i": { "username": format!("u{}", &uuid::Uuid::new_v4().simple().to_string()[..12]), "displayName": "测试用户", "password": "a-long-password" } }),
    )
    .await;
    d["createUser"]["user"]["id"].as_str().unwrap().to_owned()
}

async fn new_expert(app: &TestApp) -> String {
    let d = office(
        app,
        "mutation($i: CreateExpertInput!) { createExpert(input: $i) { expert { id } } }",
        json!({ "i": { "name": "新专家", "specialty": "AUDIT", "birthYear": 1980, "experienceYears": 10, "employer": "区审计局" } }),
    )
    .await;
    d["createExpert"]["expert"]["id"].as_str().unwrap().to_owned()
}

/// Makes what the operation acts on, and returns its variables.
async fn variables(app: &TestApp, name: &str) -> Value {
    let unit = || async { gid("Organization", app.org_of("unit1").await) };
    let team1 = || async { gid("Organization", app.org_of("team1").await) };
    let unique = uuid::Uuid::new_v4().simple().to_string()[..12].to_owned();
    match name {
        "node" | "nodes" => json!({ "id": gid("Organization", app.org_of("unit1").await) }),
        "login" => json!({ "u": "office", "p": api::demo::DEMO_PASSWORD }),
        "createUser" => {
            json!({ "i": { "username": format!("new.{unique}"), "displayName": "新用户", "password": "a-long-password" } })
        }
        "updateUser" => json!({ "i": { "id": new_user(app).await, "displayName": "改名" } }),
        "disableUser" => json!({ "i": { "id": new_user(app).await } }),
        "enableUser" => {
            let id = new_user(app).await;
            office(
                app,
                "mutation($i: DisableUserInput!) { disableUser(input: $i) { user { id } } }",
                json!({ "i": { "id": id } }),
            )
            .await;
            json!({ "i": { "id": id } })
        }
        "assignRole" => {
            json!({ "i": { "userId": new_user(app).await, "role": "TEAM_MEMBER", "organizationId": team1().await } })
        }
        "revokeRole" => {
            let d = office(
                app,
                "mutation($i: AssignRoleInput!) { assignRole(input: $i) { assignment { id } } }",
                json!({ "i": { "userId": new_user(app).await, "role": "TEAM_MEMBER", "organizationId": team1().await } }),
            )
            .await;
            json!({ "i": { "id": d["assignRole"]["assignment"]["id"] } })
        }
        "createOrganization" => {
            json!({ "i": { "kind": "AUDITED_UNIT", "name": format!("新单位{unique}"), "unitCategory": "DISTRICT_DEPARTMENT" } })
        }
        "updateOrganization" => json!({ "i": { "id": unit().await, "name": format!("改名单位{unique}") } }),
        "createExpert" => {
            json!({ "i": { "name": "专家", "specialty": "LAW", "birthYear": 1975, "experienceYears": 20, "employer": "区司法局" } })
        }
        "updateExpert" => json!({ "i": { "id": new_expert(app).await, "experienceYears": 21 } }),
        "addExpertConflict" => {
            json!({ "i": { "expertId": new_expert(app).await, "unitId": unit().await, "kind": "DECLARED" } })
        }
        "removeExpertConflict" => {
            let d = office(
                app,
                "mutation($i: AddExpertConflictInput!) { addExpertConflict(input: $i) { conflict { id } } }",
                json!({ "i": { "expertId": new_expert(app).await, "unitId": unit().await, "kind": "WORKED_IN" } }),
            )
            .await;
            json!({ "i": { "id": d["addExpertConflict"]["conflict"]["id"] } })
        }
        "createRound" => {
            json!({ "i": { "name": format!("轮次{unique}"), "startsOn": "2027-03-01", "endsOn": "2027-05-01" } })
        }
        "updateRound" => json!({ "i": { "id": new_round(app).await, "endsOn": "2026-03-01" } }),
        "approveRound" | "startRound" | "closeRound" => {
            let round = new_round(app).await;
            new_inspection(app, &round, "区教委").await;
            let steps: &[(&str, &str)] = match name {
                "approveRound" => &[],
                "startRound" => &[("leader", "approveRound")],
                _ => &[("leader", "approveRound"), ("office", "startRound")],
            };
            for (who, step) in steps {
                let t = step[..1].to_uppercase() + &step[1..];
                app.data(
                    who,
                    &format!("mutation($i: {t}Input!) {{ {step}(input: $i) {{ round {{ id }} }} }}"),
                    json!({ "i": { "id": round } }),
                )
                .await;
            }
            json!({ "i": { "id": round } })
        }
        "createInspection" => {
            json!({ "i": { "roundId": new_round(app).await, "teamId": team1().await, "unitId": unit().await } })
        }
        "removeInspection" => {
            let round = new_round(app).await;
            json!({ "i": { "id": new_inspection(app, &round, "区民政局").await } })
        }
        "addRosterEntry" => json!({ "i": {
            "roundId": new_round(app).await, "teamId": team1().await, "expertId": new_expert(app).await, "position": "MEMBER"
        } }),
        "removeRosterEntry" => {
            let d = office(
                app,
                "mutation($i: AddRosterEntryInput!) { addRosterEntry(input: $i) { rosterEntry { id } } }",
                json!({ "i": {
                    "roundId": new_round(app).await, "teamId": team1().await, "expertId": new_expert(app).await, "position": "LEADER"
                } }),
            )
            .await;
            json!({ "i": { "id": d["addRosterEntry"]["rosterEntry"]["id"] } })
        }
        _ => json!({}),
    }
}

#[tokio::test]
async fn every_operation_is_in_the_table_and_every_table_line_in_the_policy() {
    let app = TestApp::spawn().await;
    let body = app
        .gql(None, "{ __schema { queryType { fields { name } } mutationType { fields { name } } } }", json!({}))
        .await;
    let mut in_schema = BTreeSet::new();
    for t in ["queryType", "mutationType"] {
        for f in body["data"]["__schema"][t]["fields"].as_array().unwrap() {
            in_schema.insert(f["name"].as_str().unwrap().to_owned());
        }
    }
    let in_table: BTreeSet<String> = OPERATIONS.iter().map(|o| o.name.to_owned()).collect();
    assert_eq!(in_schema, in_table, "every operation of the schema needs a line in OPERATIONS (and a policy line)");
    let policy = policy();
    for op in OPERATIONS {
        if let Rule::Policy(kind, action) = op.rule {
            assert!(
                policy.iter().any(|(_, k, a)| k == kind && a == action),
                "{}: no policy line allows ({kind}, {action}) to any role",
                op.name
            );
        }
    }
    // Subjects are always prefixed, so no user name can act as a role.
    let text = std::fs::read_to_string(format!("{}/policy.csv", tests::POLICY_DIR)).unwrap();
    for line in text.lines().filter(|l| l.starts_with("p,")) {
        assert!(line.split(',').nth(1).unwrap().trim().starts_with("role:"), "{line}");
    }
}

#[tokio::test]
async fn every_role_is_allowed_or_refused_exactly_as_the_policy_says() {
    let app = TestApp::spawn().await;
    let policy = policy();
    for op in OPERATIONS {
        // Refusals first, on an unchanged database.
        let vars = variables(&app, op.name).await;
        let before = app.digest().await;
        for (role, account) in ROLE_ACCOUNTS {
            let allowed = match op.rule {
                Rule::Public | Rule::Authenticated => true,
                Rule::Policy(kind, action) => policy.contains(&(role.into(), kind.into(), action.into())),
            };
            if allowed {
                continue;
            }
            let body = app.as_user(account, op.document, vars.clone()).await;
            assert_eq!(code(&body), Some("FORBIDDEN"), "{} as {role}: {body}", op.name);
            assert!(body["data"].is_null(), "{} as {role}: data leaked: {body}", op.name);
            assert_eq!(app.digest().await, before, "{} as {role} changed the database", op.name);
        }
        if !matches!(op.rule, Rule::Public) {
            let body = app.gql(None, op.document, vars.clone()).await;
            assert_eq!(code(&body), Some("UNAUTHENTICATED"), "{} without a token: {body}", op.name);
            assert_eq!(app.digest().await, before, "{} without a token changed the database", op.name);
        }
        // Then each allowed role, on fresh variables.
        for (role, account) in ROLE_ACCOUNTS {
            let allowed = match op.rule {
                Rule::Public | Rule::Authenticated => true,
                Rule::Policy(kind, action) => policy.contains(&(role.into(), kind.into(), action.into())),
            };
            if !allowed {
                continue;
            }
            let vars = variables(&app, op.name).await;
            let body = app.as_user(account, op.document, vars).await;
            assert!(body.get("errors").is_none(), "{} as {role} should be allowed: {body}", op.name);
        }
    }
}
