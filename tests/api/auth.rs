//! Login and every way a token can be bad.

use chrono::Utc;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::{Value, json};
use tests::{TestApp, assert_code};

/// Who the token speaks for.
const ME: &str = "{ me { username } }";
const SECRET: &str = api::config::DEVELOPMENT_JWT_SECRET;

/// Changes a user's details, or resets their password.
const UPDATE_USER: &str = r#"mutation($i: UpdateUserInput!) {
  updateUser(input: $i) { user { id } }
}"#;

fn claims(user_id: i32) -> serde_json::Map<String, Value> {
    let now = Utc::now().timestamp();
    let v = json!({
        "sub": user_id.to_string(),
        "iss": api::identity::token::ISSUER,
        "aud": api::identity::token::AUDIENCE,
        "exp": now + 600,
        "iat": now,
        "nbf": now,
        "generation": 0,
    });
    v.as_object().unwrap().clone()
}

fn sign(claims: &serde_json::Map<String, Value>, alg: Algorithm, secret: &str) -> String {
    jsonwebtoken::encode(&Header::new(alg), claims, &EncodingKey::from_secret(secret.as_bytes())).unwrap()
}

async fn me_with(app: &TestApp, token: &str) -> Value {
    app.gql(Some(token), ME, json!({})).await
}

/// The caller with the roles it holds, and where.
const ME_WITH_ROLES: &str = r#"{
  me { username assignments { role organization { id name } } }
}"#;

#[tokio::test]
async fn login_returns_a_token_that_identifies_the_user() {
    let app = TestApp::spawn().await;
    let body = app.login("office", api::demo::DEMO_PASSWORD).await;
    assert_eq!(body["data"]["login"]["user"]["username"], "office");
    let text = body["data"]["login"]["expiresAt"].as_str().unwrap();
    let expires = chrono::DateTime::parse_from_rfc3339(text).unwrap();
    assert!(text.ends_with('Z'), "times are in UTC: {text}");
    assert!(expires > chrono::Utc::now());
    let token = body["data"]["login"]["token"].as_str().unwrap();
    let me = app.gql(Some(token), ME_WITH_ROLES, json!({})).await;
    assert_eq!(me["data"]["me"]["username"], "office");
    assert_eq!(me["data"]["me"]["assignments"][0]["role"], "OFFICE");
    assert_eq!(me["data"]["me"]["assignments"][0]["organization"]["name"], "区委巡察办");
}

#[tokio::test]
async fn wrong_password_and_unknown_user_are_refused_alike() {
    let app = TestApp::spawn().await;
    let wrong = app.login("office", "not-the-password").await;
    let unknown = app.login("nobody", "not-the-password").await;
    assert_code(&wrong, "UNAUTHENTICATED");
    assert_code(&unknown, "UNAUTHENTICATED");
    assert_eq!(wrong["errors"][0]["message"], unknown["errors"][0]["message"]);
    assert!(wrong["data"].is_null());
}

#[tokio::test]
async fn repeated_wrong_passwords_are_slowed_down_per_account() {
    let app = TestApp::spawn().await;
    for _ in 0..5 {
        assert_code(&app.login("team2", "wrong-password").await, "UNAUTHENTICATED");
    }
    // Now even the right password waits.
    let blocked = app.login("team2", api::demo::DEMO_PASSWORD).await;
    assert_code(&blocked, "UNAUTHENTICATED");
    assert!(blocked["errors"][0]["message"].as_str().unwrap().contains("too many failed attempts"), "{blocked}");
    // Another account from the same address is not yet affected.
    assert!(app.login("team1", api::demo::DEMO_PASSWORD).await["data"]["login"]["token"].is_string());
}

#[tokio::test]
async fn guessing_names_from_one_address_does_not_lock_out_the_users_behind_it() {
    let app = TestApp::spawn().await;
    // Behind one proxy, 25 failures with names that do not exist: unknown names are slowed
    // down, but a known account's right password from the same address still logs in.
    for i in 0..25 {
        assert_code(&app.login(&format!("guess{i}"), "wrong-password").await, "UNAUTHENTICATED");
    }
    let office = app.login("office", api::demo::DEMO_PASSWORD).await;
    assert!(office["data"]["login"]["token"].is_string(), "{office}");
    assert_eq!(app.count_where("login_attempts", "key LIKE 'address:%'").await, 1);
}

#[tokio::test]
async fn no_token_is_unauthenticated_for_everything_but_login() {
    let app = TestApp::spawn().await;
    for q in [
        ME,
        "{ organizations { totalCount } }",
        "{ inspections { totalCount } }",
        "{ node(id: \"T3JnYW5pemF0aW9uOjE\") { id } }",
    ] {
        let body = app.gql(None, q, json!({})).await;
        assert_code(&body, "UNAUTHENTICATED");
    }
}

#[tokio::test]
async fn every_bad_token_is_unauthenticated_and_gives_no_data() {
    let app = TestApp::spawn().await;
    let office = app.row_id("users", "username", "office").await;
    let now = Utc::now().timestamp();
    let good = claims(office);
    // The good token works, so each refusal below is about what was changed.
    assert_eq!(me_with(&app, &sign(&good, Algorithm::HS256, SECRET)).await["data"]["me"]["username"], "office");

    let mut cases: Vec<(&str, String)> = Vec::new();
    // alg: none, hand-made.
    {
        use base64::Engine;
        let e = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        let header = e.encode(br#"{"alg":"none","typ":"JWT"}"#);
        let payload = e.encode(serde_json::to_vec(&good).unwrap());
        cases.push(("alg none", format!("{header}.{payload}.")));
    }
    cases.push(("another algorithm", sign(&good, Algorithm::HS512, SECRET)));
    cases.push(("wrong key", sign(&good, Algorithm::HS256, "another-secret-another-secret-another")));
    {
        let token = sign(&good, Algorithm::HS256, SECRET);
        let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
        use base64::Engine;
        let e = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        let mut tampered = good.clone();
        tampered.insert("sub".into(), json!("1"));
        parts[1] = e.encode(serde_json::to_vec(&tampered).unwrap());
        cases.push(("tampered payload", parts.join(".")));
    }
    let with = |k: &str, v: Value| {
        let mut c = good.clone();
        c.insert(k.into(), v);
        sign(&c, Algorithm::HS256, SECRET)
    };
    let without = |k: &str| {
        let mut c = good.clone();
        c.remove(k);
        sign(&c, Algorithm::HS256, SECRET)
    };
    cases.push(("expired", with("exp", json!(now - 60))));
    cases.push(("not yet valid", with("nbf", json!(now + 600))));
    cases.push(("issued in the future", with("iat", json!(now + 600))));
    cases.push(("wrong audience", with("aud", json!("someone-else"))));
    cases.push(("wrong issuer", with("iss", json!("someone-else"))));
    for claim in ["exp", "nbf", "iat", "iss", "aud", "sub"] {
        cases.push((claim, without(claim)));
    }
    cases.push(("sub of the wrong type", with("sub", json!(office))));
    cases.push(("exp of the wrong type", with("exp", json!("tomorrow"))));
    cases.push(("sub not a user id", with("sub", json!("office"))));
    cases.push(("sub of no user", with("sub", json!("999999"))));
    cases.push(("garbage", "not.a.token".into()));
    cases.push(("empty", String::new()));
    for (what, token) in cases {
        let body = me_with(&app, &token).await;
        assert_eq!(tests::code(&body), Some("UNAUTHENTICATED"), "{what}: {body}");
        assert!(body.get("data").is_none_or(Value::is_null), "{what}: {body}");
    }
}

/// Disables a user's account.
const DISABLE_USER: &str = r#"mutation($i: DisableUserInput!) {
  disableUser(input: $i) { user { status } }
}"#;

/// Enables a disabled user's account again.
const ENABLE_USER: &str = r#"mutation($i: EnableUserInput!) {
  enableUser(input: $i) { user { status } }
}"#;

#[tokio::test]
async fn a_disabled_user_is_refused_on_the_next_request_whatever_token_they_hold() {
    let app = TestApp::spawn().await;
    let team2 = app.token("team2").await;
    assert_eq!(me_with(&app, &team2).await["data"]["me"]["username"], "team2");
    let id = tests::gid("User", app.row_id("users", "username", "team2").await);
    app.data("office", DISABLE_USER, json!({ "i": { "id": id } })).await;
    assert_code(&me_with(&app, &team2).await, "UNAUTHENTICATED");
    assert_code(&app.login("team2", api::demo::DEMO_PASSWORD).await, "UNAUTHENTICATED");
    // Enabled again, the user logs in afresh; the session disabling ended stays ended for good.
    app.data("office", ENABLE_USER, json!({ "i": { "id": id } })).await;
    assert_code(&me_with(&app, &team2).await, "UNAUTHENTICATED");
    let fresh = app.login("team2", api::demo::DEMO_PASSWORD).await;
    let fresh = fresh["data"]["login"]["token"].as_str().unwrap_or_else(|| panic!("{fresh}")).to_owned();
    assert_eq!(me_with(&app, &fresh).await["data"]["me"]["username"], "team2");
}

/// Revokes one role assignment.
const REVOKE_ROLE: &str = r#"mutation($i: RevokeRoleInput!) {
  revokeRole(input: $i) { deletedId }
}"#;

#[tokio::test]
async fn a_revoked_role_stops_working_on_the_next_request() {
    let app = TestApp::spawn().await;
    let q = "{ inspections { totalCount } }";
    assert!(app.data("team1", q, json!({})).await["inspections"]["totalCount"].as_i64().unwrap() > 0);
    let me = app.data("team1", "{ me { assignments { id } } }", json!({})).await;
    let assignment = me["me"]["assignments"][0]["id"].clone();
    app.data("office", REVOKE_ROLE, json!({ "i": { "id": assignment } })).await;
    // Revoking a role ends the holder's sessions; logged in again, the role is gone.
    assert_code(&app.as_user("team1", q, json!({})).await, "UNAUTHENTICATED");
    let again = app.login("team1", api::demo::DEMO_PASSWORD).await;
    let again = again["data"]["login"]["token"].as_str().unwrap_or_else(|| panic!("{again}")).to_owned();
    assert_code(&app.gql(Some(&again), q, json!({})).await, "FORBIDDEN");
}

/// On PostgreSQL the caller's grants are kept between requests: forgotten after every mutation
/// (this server's own changes), and as soon as the database announces a change to users or role
/// assignments, whoever made it (another server, an operator by hand). On SQLite they are read on
/// every request.
#[tokio::test]
async fn grants_changed_behind_the_servers_back_take_effect_at_once() {
    let app = TestApp::spawn().await;
    let postgres = app.db.get_database_backend() == sea_orm::DatabaseBackend::Postgres;
    let q = "{ inspections { totalCount } }";
    let team1 = app.token("team1").await;
    let (body, warm) = app.count_statements(app.gql(Some(&team1), q, json!({}))).await;
    assert!(body["data"]["inspections"]["totalCount"].as_i64().unwrap() > 0, "{body}");
    // Any mutation, even one refused, may have changed who may do what: the grants are read again.
    let office = app.token("office").await;
    let refused = app.gql(Some(&office), REVOKE_ROLE, json!({ "i": { "id": "not-an-id" } })).await;
    assert!(refused.get("errors").is_some(), "{refused}");
    let (_, after_mutation) = app.count_statements(app.gql(Some(&team1), q, json!({}))).await;
    let (_, kept) = app.count_statements(app.gql(Some(&team1), q, json!({}))).await;
    if postgres {
        assert_eq!((after_mutation, kept), (warm + 1, warm), "the grants are read once, then kept");
    } else {
        assert_eq!((after_mutation, kept), (warm, warm), "the grants are read on every request");
    }
    // Another server (here: SQL by hand) takes every role of team1's away, then disables team2.
    let user = app.row_id("users", "username", "team1").await;
    app.sql(&format!("DELETE FROM role_assignments WHERE user_id = {user}")).await;
    assert_eventually(&app, &team1, q, "FORBIDDEN", postgres).await;
    let team2 = app.token("team2").await;
    assert!(app.gql(Some(&team2), q, json!({})).await.get("errors").is_none());
    app.sql(&format!("UPDATE users SET disabled = TRUE WHERE id = {}", app.row_id("users", "username", "team2").await))
        .await;
    assert_eventually(&app, &team2, q, "UNAUTHENTICATED", postgres).await;
    // Heard, not waited out: the server went on hearing the database all along.
    assert_eq!(app.keeps_grants(), postgres);
}

/// Asks `q` with `token` until it is refused with `code`: at once on SQLite, which reads the
/// grants on every request; on PostgreSQL as soon as the announcement has travelled (a few
/// milliseconds; at most two seconds here, less than the three after which a server that hears
/// nothing stops keeping grants, so that only the announcement can have done it).
async fn assert_eventually(app: &TestApp, token: &str, q: &str, code: &str, postgres: bool) {
    let started = std::time::Instant::now();
    loop {
        let body = app.gql(Some(token), q, json!({})).await;
        if body["errors"][0]["extensions"]["code"] == code {
            return;
        }
        assert!(postgres, "SQLite reads the grants on every request, so the first try is refused: {body}");
        assert!(started.elapsed() < std::time::Duration::from_secs(2), "still not {code} after 2 s: {body}");
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
}

/// Gives a user a role in an organization.
const ASSIGN_ROLE: &str = r#"mutation($i: AssignRoleInput!) {
  assignRole(input: $i) { roleAssignment { id } }
}"#;

#[tokio::test]
async fn no_one_holds_roles_on_two_sides_or_grants_themselves_a_role() {
    let app = TestApp::spawn().await;
    let office = tests::gid("User", app.row_id("users", "username", "office").await);
    let leadership_group = tests::gid("Organization", app.org_of("leader").await);
    let before = app.digest().await;
    // The office giving itself LEADERSHIP, to approve its own plan.
    let body = app
        .as_user(
            "office",
            ASSIGN_ROLE,
            json!({ "i": { "userId": office, "role": "LEADERSHIP", "organizationId": leadership_group } }),
        )
        .await;
    assert_code(&body, "BAD_USER_INPUT");
    // A team leader made leader of a unit as well.
    let team1 = tests::gid("User", app.row_id("users", "username", "team1").await);
    let unit = tests::gid("Organization", app.org_of("unit1").await);
    let body = app
        .as_user(
            "office",
            ASSIGN_ROLE,
            json!({ "i": { "userId": team1, "role": "UNIT_LEADER", "organizationId": unit } }),
        )
        .await;
    assert_code(&body, "BAD_USER_INPUT");
    assert!(body["errors"][0]["message"].as_str().unwrap().contains("separation of duties"));
    // Resetting a leader's password, to log in as them.
    let leader = tests::gid("User", app.row_id("users", "username", "leader").await);
    let body =
        app.as_user("office", UPDATE_USER, json!({ "i": { "id": leader, "password": "office-knows-it-now" } })).await;
    assert_code(&body, "BAD_USER_INPUT");
    tests::assert_unchanged(&app.digest().await, &before);
    // Another team role for a team member is fine.
    let team2 = tests::gid("Organization", app.org_of("team2").await);
    let member = tests::gid("User", app.row_id("users", "username", "team1.member").await);
    let body = app
        .as_user(
            "office",
            ASSIGN_ROLE,
            json!({ "i": { "userId": member, "role": "TEAM_MEMBER", "organizationId": team2 } }),
        )
        .await;
    assert!(body.get("errors").is_none(), "{body}");
}

#[tokio::test]
async fn a_password_reset_ends_the_old_sessions_and_names_are_not_case_sensitive() {
    let app = TestApp::spawn().await;
    // A session opened a minute ago.
    let user = app.row_id("users", "username", "team2").await;
    let mut opened = claims(user);
    let minute_ago = Utc::now().timestamp() - 60;
    opened.insert("iat".into(), json!(minute_ago));
    opened.insert("nbf".into(), json!(minute_ago));
    let old = sign(&opened, Algorithm::HS256, SECRET);
    assert_eq!(me_with(&app, &old).await["data"]["me"]["username"], "team2");
    let id = tests::gid("User", user);
    app.data("office", UPDATE_USER, json!({ "i": { "id": id, "password": "a-brand-new-password" } })).await;
    assert_code(&me_with(&app, &old).await, "UNAUTHENTICATED");
    let body = app.login("TEAM2", "a-brand-new-password").await;
    let token = body["data"]["login"]["token"].as_str().unwrap_or_else(|| panic!("{body}"));
    assert_eq!(me_with(&app, token).await["data"]["me"]["username"], "team2");
}

/// Changes the caller's own password; answers with a fresh token.
const CHANGE_PASSWORD: &str = r#"mutation($i: ChangePasswordInput!) {
  changePassword(input: $i) { token user { username } }
}"#;

#[tokio::test]
async fn a_user_changes_their_own_password_and_every_other_session_ends_at_once() {
    let app = TestApp::spawn().await;
    // Two sessions, opened this very second.
    let first = app.login("unit1", "inspect-demo-2026").await["data"]["login"]["token"].as_str().unwrap().to_owned();
    let second = app.login("unit1", "inspect-demo-2026").await["data"]["login"]["token"].as_str().unwrap().to_owned();
    let before = app.digest().await;
    for (input, field) in [
        (json!({ "currentPassword": "not-the-password", "newPassword": "a-new-password-2027" }), "currentPassword"),
        (json!({ "currentPassword": "inspect-demo-2026", "newPassword": "short" }), "newPassword"),
        (json!({ "currentPassword": "inspect-demo-2026", "newPassword": "inspect-demo-2026" }), "newPassword"),
    ] {
        let body = app.gql(Some(&first), CHANGE_PASSWORD, json!({ "i": input })).await;
        assert_code(&body, "BAD_USER_INPUT");
        assert_eq!(body["errors"][0]["extensions"]["field"], field, "{body}");
    }
    tests::assert_unchanged(&app.digest().await, &before);
    let body = app
        .gql(
            Some(&first),
            CHANGE_PASSWORD,
            json!({ "i": { "currentPassword": "inspect-demo-2026", "newPassword": "a-new-password-2027" } }),
        )
        .await;
    let fresh = body["data"]["changePassword"]["token"].as_str().unwrap_or_else(|| panic!("{body}")).to_owned();
    // Both old sessions end on their next request, even in the same second; the fresh one works.
    assert_code(&me_with(&app, &first).await, "UNAUTHENTICATED");
    assert_code(&me_with(&app, &second).await, "UNAUTHENTICATED");
    assert_eq!(me_with(&app, &fresh).await["data"]["me"]["username"], "unit1");
    // The old password no longer logs in; the new one does, at once.
    assert_code(&app.login("unit1", "inspect-demo-2026").await, "UNAUTHENTICATED");
    let again = app.login("unit1", "a-new-password-2027").await;
    let again = again["data"]["login"]["token"].as_str().unwrap_or_else(|| panic!("{again}")).to_owned();
    assert_eq!(me_with(&app, &again).await["data"]["me"]["username"], "unit1");
    // Without a token, nothing to change.
    assert_code(
        &app.gql(None, CHANGE_PASSWORD, json!({ "i": { "currentPassword": "x", "newPassword": "y" } })).await,
        "UNAUTHENTICATED",
    );
}

/// Issues a credential for a partner agency's system; its secret is shown only here.
const CREATE_SERVICE_CREDENTIAL: &str = r#"mutation($i: CreateServiceCredentialInput!) {
  createServiceCredential(input: $i) { clientId clientSecret }
}"#;

#[tokio::test]
async fn a_service_credential_has_no_password_to_change() {
    let app = TestApp::spawn().await;
    let agency = tests::gid("Organization", app.org_of("agency1").await);
    let created =
        app.data("office", CREATE_SERVICE_CREDENTIAL, json!({ "i": { "agencyId": agency, "label": "系统" } })).await;
    let (client, secret) = (
        created["createServiceCredential"]["clientId"].as_str().unwrap(),
        created["createServiceCredential"]["clientSecret"].as_str().unwrap(),
    );
    let token = app.login(client, secret).await["data"]["login"]["token"].as_str().unwrap().to_owned();
    let before = app.digest().await;
    let body = app
        .gql(
            Some(&token),
            CHANGE_PASSWORD,
            json!({ "i": { "currentPassword": secret, "newPassword": "chosen-by-the-partner" } }),
        )
        .await;
    assert_code(&body, "FORBIDDEN");
    tests::assert_unchanged(&app.digest().await, &before);
}

#[tokio::test]
async fn a_second_reset_in_the_same_second_ends_the_session_the_first_one_allowed() {
    let app = TestApp::spawn().await;
    let id = tests::gid("User", app.row_id("users", "username", "team2").await);
    app.data("office", UPDATE_USER, json!({ "i": { "id": id, "password": "reset-password-0001" } })).await;
    let body = app.login("team2", "reset-password-0001").await;
    let between = body["data"]["login"]["token"].as_str().unwrap_or_else(|| panic!("{body}")).to_owned();
    assert_eq!(me_with(&app, &between).await["data"]["me"]["username"], "team2");
    app.data("office", UPDATE_USER, json!({ "i": { "id": id, "password": "reset-password-0002" } })).await;
    assert_code(&me_with(&app, &between).await, "UNAUTHENTICATED");
    let body = app.login("team2", "reset-password-0002").await;
    let after = body["data"]["login"]["token"].as_str().unwrap_or_else(|| panic!("{body}")).to_owned();
    assert_eq!(me_with(&app, &after).await["data"]["me"]["username"], "team2");
}
