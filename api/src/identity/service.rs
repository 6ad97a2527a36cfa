//! The rules of identity: logging in, who a token names, users and their role assignments.

use chrono::{DateTime, Utc};
use entities::{OrganizationKind, Role, organization, role_assignment, round, user};
use sea_orm::{ActiveModelTrait, ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter, Set};

use super::{password, throttle::Throttle, token::Tokens};
use crate::{
    error::{ServiceError, ServiceResult, conflict_on_unique},
    gate::{Access, Action, Grant, Principal, RecordKind},
    pagination::{self, Ordering, Page, PageRequest, SortValue},
    validate,
};

/// The caller a token names, with their grants read now; `None` if the user is gone or disabled,
/// or the token was issued (at `issued_at`, seconds) before their password was reset.
pub async fn principal(db: &DatabaseConnection, user_id: i32, issued_at: i64) -> ServiceResult<Option<Principal>> {
    let Some((found, assignments)) = user::Entity::find_by_id(user_id)
        .filter(user::Column::Disabled.eq(false))
        .find_with_related(role_assignment::Entity)
        .all(db)
        .await?
        .into_iter()
        .next()
    else {
        return Ok(None);
    };
    // Issued in the second of the revocation or before: see `Tokens::issue`.
    if found.tokens_valid_after.is_some_and(|t| issued_at <= t.timestamp()) {
        return Ok(None);
    }
    let grants = assignments
        .into_iter()
        .map(|a| Grant { role: a.role, organization_id: a.organization_id, round_id: a.round_id })
        .collect();
    Ok(Some(Principal { user_id, grants }))
}

/// The instant of a revocation now (a password change or reset, a credential revoked). Tokens
/// carry whole seconds, and those issued after the previous revocation are stamped from the second
/// after it (see `Tokens::issue`): so a second revocation within that second is moved to the next
/// one, and ends them too.
fn revoked_now(previous: Option<DateTime<Utc>>) -> DateTime<Utc> {
    let now = crate::clock::now();
    match previous.and_then(|p| DateTime::from_timestamp(p.timestamp() + 1, 0)) {
        Some(after_previous) => now.max(after_previous),
        None => now,
    }
}

/// The caller's own user row: everyone may read themselves, whatever their roles.
pub async fn me(db: &DatabaseConnection, access: &Access) -> ServiceResult<user::Model> {
    let id = access.principal()?.user_id;
    user::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::Unauthenticated("the bearer token is not valid; log in again".into()))
}

/// A successful login.
pub struct Login {
    /// The bearer token.
    pub token: String,
    /// When it expires.
    pub expires_at: DateTime<Utc>,
    /// Who logged in.
    pub user: user::Model,
}

/// Checks a user name and password; slowed down per account and per address.
pub async fn login(
    db: &DatabaseConnection,
    access: &Access,
    tokens: &Tokens,
    throttle: &Throttle,
    username: &str,
    password_text: &str,
    address: Option<&str>,
) -> ServiceResult<Login> {
    let refused = || ServiceError::Unauthenticated("wrong user name or password".into());
    if let Err(wait) = throttle.check(username, address) {
        return Err(ServiceError::Unauthenticated(format!(
            "too many failed attempts; try again in {} s",
            wait.as_secs().max(1)
        )));
    }
    let username = username.trim().to_lowercase();
    let username = username.as_str();
    let found = user::Entity::find().filter(user::Column::Username.eq(username)).one(db).await?;
    let ok = match &found {
        Some(u) => password::verify(password_text, &u.password_hash) && !u.disabled,
        None => {
            password::verify_nothing(password_text);
            false
        }
    };
    match found {
        Some(user) if ok => {
            throttle.succeed(username);
            crate::audit::service::record_login(db, access, user.id).await?;
            let (token, expires_at) = tokens
                .issue(user.id, user.is_service, user.tokens_valid_after)
                .map_err(|e| ServiceError::internal(e, "signing a token"))?;
            Ok(Login { token, expires_at, user })
        }
        _ => {
            throttle.fail(username, address);
            Err(refused())
        }
    }
}

/// A password change by its owner.
pub struct PasswordChange<'a> {
    /// The password now.
    pub current: &'a str,
    /// The password wanted.
    pub new: &'a str,
    /// The caller's address, for throttling guesses of the current password.
    pub address: Option<&'a str>,
}

/// Changes the caller's own password, given the current one. Every other session ends; the
/// answer carries a fresh token. Wrong guesses are throttled like failed logins; a service
/// credential's secret is not a password (the office rotates credentials).
pub async fn change_password(
    db: &DatabaseConnection,
    access: &Access,
    tokens: &Tokens,
    throttle: &Throttle,
    change: PasswordChange<'_>,
) -> ServiceResult<Login> {
    let user_id = access.principal()?.user_id;
    let txn = crate::store::begin(db).await?;
    let current = user::Entity::find_by_id(user_id).one(&txn).await?.ok_or(ServiceError::NotFound("user"))?;
    if current.is_service {
        return Err(ServiceError::Forbidden);
    }
    if let Err(wait) = throttle.check(&current.username, change.address) {
        return Err(ServiceError::bad_input(
            "currentPassword",
            format!("too many wrong attempts; try again in {} s", wait.as_secs().max(1)),
        ));
    }
    if !password::verify(change.current, &current.password_hash) {
        throttle.fail(&current.username, change.address);
        return Err(ServiceError::bad_input("currentPassword", "is not your current password"));
    }
    password::check_strength(change.new).map_err(|_| {
        ServiceError::bad_input("newPassword", "must be between 10 and 128 characters, not counting spaces at the ends")
    })?;
    if change.new == change.current {
        return Err(ServiceError::bad_input("newPassword", "must differ from the current password"));
    }
    let now = crate::clock::now();
    let mut row: user::ActiveModel = current.clone().into();
    row.password_hash = Set(password::hash(change.new)?);
    row.tokens_valid_after = Set(Some(revoked_now(current.tokens_valid_after)));
    row.updated_at = Set(now);
    row.version = Set(current.version + 1);
    let updated = row.update(&txn).await?;
    crate::audit::service::record(&txn, access, RecordKind::User, Action::Update, user_id).await?;
    txn.commit().await?;
    throttle.succeed(&updated.username);
    let (token, expires_at) = tokens
        .issue(updated.id, false, updated.tokens_valid_after)
        .map_err(|e| ServiceError::internal(e, "signing a token"))?;
    Ok(Login { token, expires_at, user: updated })
}

/// How the user list can be ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserOrder {
    /// By user name, A to Z.
    UsernameAsc,
    /// Newest first.
    CreatedAtDesc,
}

/// Narrows the user list.
#[derive(Debug, Clone, Default)]
pub struct UserFilter {
    /// Part of the user name or display name.
    pub search: Option<String>,
    /// Only disabled, or only enabled, users.
    pub disabled: Option<bool>,
    /// Only holders of this role.
    pub role: Option<Role>,
    /// Only users with an assignment in this organisation.
    pub organization_id: Option<i32>,
}

/// A page of the users the caller may see.
pub async fn list_users(
    db: &DatabaseConnection,
    access: &Access,
    filter: UserFilter,
    order: UserOrder,
    page: &PageRequest,
) -> ServiceResult<Page<user::Model>> {
    use sea_orm::{QuerySelect, QueryTrait};
    let mut q = user::Entity::find().filter(access.authorize(RecordKind::User, Action::Read)?);
    if let Some(s) = filter.search.filter(|s| !s.is_empty()) {
        q = q.filter(
            Condition::any()
                .add(validate::contains(user::Column::Username, &s))
                .add(validate::contains(user::Column::DisplayName, &s)),
        );
    }
    if let Some(d) = filter.disabled {
        q = q.filter(user::Column::Disabled.eq(d));
    }
    if filter.role.is_some() || filter.organization_id.is_some() {
        let mut holders = role_assignment::Entity::find().select_only().column(role_assignment::Column::UserId);
        if let Some(r) = filter.role {
            holders = holders.filter(role_assignment::Column::Role.eq(r));
        }
        if let Some(o) = filter.organization_id {
            holders = holders.filter(role_assignment::Column::OrganizationId.eq(o));
        }
        q = q.filter(user::Column::Id.in_subquery(holders.into_query()));
    }
    let ordering = match order {
        UserOrder::UsernameAsc => Ordering::<user::Entity> {
            name: "username",
            column: user::Column::Username,
            order: sea_orm::Order::Asc,
            value: |m| SortValue::Text(m.username.clone()),
            id_column: user::Column::Id,
            id: |m| m.id,
        },
        UserOrder::CreatedAtDesc => Ordering::<user::Entity> {
            name: "created_desc",
            column: user::Column::CreatedAt,
            order: sea_orm::Order::Desc,
            value: |m| SortValue::Time(m.created_at),
            id_column: user::Column::Id,
            id: |m| m.id,
        },
    };
    pagination::fetch(db, q, &ordering, page).await
}

/// What the office gives to create a user.
pub struct NewUser {
    /// Login name.
    pub username: String,
    /// Shown name.
    pub display_name: String,
    /// Initial password.
    pub password: String,
}

/// Creates a user (office).
pub async fn create_user(db: &DatabaseConnection, access: &Access, new: NewUser) -> ServiceResult<user::Model> {
    access.authorize(RecordKind::User, Action::Create)?;
    let username = validate::text("username", &new.username, 64)?.to_lowercase();
    if !username.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')) {
        return Err(ServiceError::bad_input("username", "may hold only letters, digits, '.', '_' and '-'"));
    }
    let display_name = validate::text("displayName", &new.display_name, 200)?;
    password::check_strength(&new.password)?;
    let now = crate::clock::now();
    let txn = crate::store::begin(db).await?;
    let created = user::ActiveModel {
        username: Set(username),
        display_name: Set(display_name),
        password_hash: Set(password::hash(&new.password)?),
        disabled: Set(false),
        tokens_valid_after: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|e| conflict_on_unique(e, "username", "is taken"))?;
    crate::audit::service::record(&txn, access, RecordKind::User, Action::Create, created.id).await?;
    txn.commit().await?;
    Ok(created)
}

/// Changes to a user's fields.
pub struct UserChanges {
    /// New shown name.
    pub display_name: Option<String>,
    /// New password (a reset by the office).
    pub password: Option<String>,
    /// The version the caller last saw.
    pub expected_version: Option<i32>,
}

/// Updates a user (office).
pub async fn update_user(
    db: &DatabaseConnection,
    access: &Access,
    id: i32,
    changes: UserChanges,
) -> ServiceResult<user::Model> {
    let scope = access.authorize(RecordKind::User, Action::Update)?;
    let display_name = changes.display_name.map(|d| validate::text("displayName", &d, 200)).transpose()?;
    let hash = match changes.password {
        Some(p) => {
            password::check_strength(&p)?;
            Some(password::hash(&p)?)
        }
        None => None,
    };
    let txn = crate::store::begin(db).await?;
    let current = find_user(&txn, scope, id).await?;
    validate::version(changes.expected_version, current.version)?;
    if hash.is_some() {
        let leader = role_assignment::Entity::find()
            .filter(role_assignment::Column::UserId.eq(id))
            .filter(role_assignment::Column::Role.eq(Role::Leadership))
            .one(&txn)
            .await?;
        if leader.is_some() {
            return Err(ServiceError::bad_input(
                "password",
                "the office cannot reset the password of a leadership group member",
            ));
        }
    }
    let mut row: user::ActiveModel = current.clone().into();
    if let Some(d) = display_name {
        row.display_name = Set(d);
    }
    if let Some(h) = hash {
        row.password_hash = Set(h);
        // A reset ends every session the old password opened.
        row.tokens_valid_after = Set(Some(revoked_now(current.tokens_valid_after)));
    }
    row.updated_at = Set(crate::clock::now());
    row.version = Set(current.version + 1);
    let updated = row.update(&txn).await?;
    crate::audit::service::record(&txn, access, RecordKind::User, Action::Update, id).await?;
    txn.commit().await?;
    Ok(updated)
}

/// Disables or enables a user (office). A disabled user's tokens stop working on their next
/// request. The office cannot disable itself out of the system by disabling the caller.
pub async fn set_disabled(
    db: &DatabaseConnection,
    access: &Access,
    id: i32,
    disabled: bool,
    expected_version: Option<i32>,
) -> ServiceResult<user::Model> {
    let action = if disabled { Action::Disable } else { Action::Enable };
    let scope = access.authorize(RecordKind::User, action)?;
    if disabled && access.principal()?.user_id == id {
        return Err(ServiceError::bad_input("id", "you cannot disable yourself"));
    }
    let txn = crate::store::begin(db).await?;
    let current = find_user(&txn, scope, id).await?;
    validate::version(expected_version, current.version)?;
    if current.disabled == disabled {
        return Err(ServiceError::InvalidTransition {
            kind: "user",
            action: if disabled { "disable" } else { "enable" },
            from: if disabled { "DISABLED" } else { "ENABLED" },
        });
    }
    let mut row: user::ActiveModel = current.clone().into();
    row.disabled = Set(disabled);
    row.updated_at = Set(crate::clock::now());
    row.version = Set(current.version + 1);
    let updated = row.update(&txn).await?;
    crate::audit::service::record(&txn, access, RecordKind::User, action, id).await?;
    txn.commit().await?;
    Ok(updated)
}

/// A person's account, in scope. Service credentials are not managed as people: only
/// `createServiceCredential` and `revokeServiceCredential` touch them.
async fn find_user(db: &impl sea_orm::ConnectionTrait, scope: Condition, id: i32) -> ServiceResult<user::Model> {
    let found = user::Entity::find_by_id(id).filter(scope).one(db).await?.ok_or(ServiceError::NotFound("user"))?;
    refuse_service_account(&found, "id")?;
    Ok(found)
}

fn refuse_service_account(u: &user::Model, field: &str) -> ServiceResult<()> {
    if u.is_service {
        return Err(ServiceError::bad_input(
            field,
            "is a partner system's service credential; manage it with createServiceCredential and revokeServiceCredential",
        ));
    }
    Ok(())
}

/// The organisation kind each role is held in.
pub fn organization_kind_of(role: Role) -> OrganizationKind {
    match role {
        Role::Leadership => OrganizationKind::LeadershipGroup,
        Role::Office => OrganizationKind::Office,
        Role::TeamLeader | Role::TeamMember => OrganizationKind::InspectionTeam,
        Role::Partner => OrganizationKind::PartnerAgency,
        Role::UnitLeader => OrganizationKind::AuditedUnit,
    }
}

/// The side of the work a role is on; one person holds roles on one side only, so that no one
/// both plans and approves, or inspects and is inspected.
fn side(role: Role) -> u8 {
    match role {
        Role::Leadership => 0,
        Role::Office => 1,
        Role::TeamLeader | Role::TeamMember => 2,
        Role::Partner => 3,
        Role::UnitLeader => 4,
    }
}

/// What the office gives to assign a role.
pub struct NewAssignment {
    /// Who.
    pub user_id: i32,
    /// Which role.
    pub role: Role,
    /// In which organisation (of the kind the role is held in).
    pub organization_id: i32,
    /// For team roles, optionally: the one round it is bounded to.
    pub round_id: Option<i32>,
}

/// Assigns a role (office).
pub async fn assign_role(
    db: &DatabaseConnection,
    access: &Access,
    new: NewAssignment,
) -> ServiceResult<role_assignment::Model> {
    access.authorize(RecordKind::RoleAssignment, Action::Create)?;
    let txn = crate::store::begin(db).await?;
    let holder = user::Entity::find_by_id(new.user_id).one(&txn).await?.ok_or(ServiceError::NotFound("user"))?;
    refuse_service_account(&holder, "userId")?;
    let org = organization::Entity::find_by_id(new.organization_id)
        .one(&txn)
        .await?
        .ok_or(ServiceError::NotFound("organization"))?;
    if new.user_id == access.principal()?.user_id {
        return Err(ServiceError::bad_input("userId", "you cannot assign roles to yourself"));
    }
    let held =
        role_assignment::Entity::find().filter(role_assignment::Column::UserId.eq(new.user_id)).all(&txn).await?;
    if let Some(other) = held.iter().find(|a| side(a.role) != side(new.role)) {
        return Err(ServiceError::bad_input(
            "role",
            format!(
                "separation of duties: the user already holds {}; one person works on one side only",
                other.role.name()
            ),
        ));
    }
    let wanted = organization_kind_of(new.role);
    if org.kind != wanted {
        return Err(ServiceError::bad_input(
            "organizationId",
            format!("this role is held in an organization of kind {}, not {}", wanted.name(), org.kind.name()),
        ));
    }
    if let Some(r) = new.round_id {
        if !matches!(new.role, Role::TeamLeader | Role::TeamMember) {
            return Err(ServiceError::bad_input("roundId", "only team roles can be bounded to a round"));
        }
        round::Entity::find_by_id(r).one(&txn).await?.ok_or(ServiceError::NotFound("round"))?;
    }
    let mut same = role_assignment::Entity::find()
        .filter(role_assignment::Column::UserId.eq(new.user_id))
        .filter(role_assignment::Column::Role.eq(new.role))
        .filter(role_assignment::Column::OrganizationId.eq(new.organization_id));
    same = match new.round_id {
        Some(r) => same.filter(role_assignment::Column::RoundId.eq(r)),
        None => same.filter(role_assignment::Column::RoundId.is_null()),
    };
    if same.one(&txn).await?.is_some() {
        return Err(ServiceError::conflict("the user already holds this role there"));
    }
    let created = role_assignment::ActiveModel {
        user_id: Set(new.user_id),
        role: Set(new.role),
        organization_id: Set(new.organization_id),
        round_id: Set(new.round_id),
        created_at: Set(crate::clock::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    touch_user(&txn, new.user_id).await?;
    crate::audit::service::record(&txn, access, RecordKind::RoleAssignment, Action::Create, created.id).await?;
    txn.commit().await?;
    Ok(created)
}

/// Removes a role assignment (office); effective on the holder's next request.
pub async fn revoke_role(db: &DatabaseConnection, access: &Access, id: i32) -> ServiceResult<role_assignment::Model> {
    let scope = access.authorize(RecordKind::RoleAssignment, Action::Delete)?;
    let txn = crate::store::begin(db).await?;
    let found = role_assignment::Entity::find_by_id(id)
        .filter(scope)
        .one(&txn)
        .await?
        .ok_or(ServiceError::NotFound("role assignment"))?;
    let holder = user::Entity::find_by_id(found.user_id).one(&txn).await?.ok_or(ServiceError::NotFound("user"))?;
    refuse_service_account(&holder, "id")?;
    if found.user_id == access.principal()?.user_id && found.role == Role::Office {
        return Err(ServiceError::bad_input("id", "you cannot revoke your own office role"));
    }
    role_assignment::Entity::delete_by_id(id).exec(&txn).await?;
    touch_user(&txn, found.user_id).await?;
    crate::audit::service::record(&txn, access, RecordKind::RoleAssignment, Action::Delete, id).await?;
    txn.commit().await?;
    Ok(found)
}

/// A user's assignments are part of the user: changing them bumps the user's version.
async fn touch_user(db: &impl sea_orm::ConnectionTrait, user_id: i32) -> ServiceResult<()> {
    use sea_orm::sea_query::{Expr, ExprTrait};
    user::Entity::update_many()
        .col_expr(user::Column::Version, Expr::col(user::Column::Version).add(1))
        .col_expr(user::Column::UpdatedAt, Expr::value(crate::clock::now()))
        .filter(user::Column::Id.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}

/// A new service credential: shown once, stored only as a hash.
pub struct NewCredential {
    /// The service account.
    pub account: user::Model,
    /// The client id (the account's user name).
    pub client_id: String,
    /// The secret (the account's password), never stored in the clear.
    pub client_secret: String,
}

/// Creates service credentials for a partner agency's system (office): a service account with the
/// `PARTNER` role of that agency only. The secret is returned once.
pub async fn create_credential(
    db: &DatabaseConnection,
    access: &Access,
    agency_id: i32,
    label: &str,
) -> ServiceResult<NewCredential> {
    access.authorize(RecordKind::ServiceCredential, Action::Create)?;
    let label = validate::text("label", label, 200)?;
    let txn = crate::store::begin(db).await?;
    let agency = organization::Entity::find_by_id(agency_id).one(&txn).await?;
    if agency.is_none_or(|a| a.kind != OrganizationKind::PartnerAgency) {
        return Err(ServiceError::bad_input("agencyId", "is not a partner agency"));
    }
    let random = |n: usize| -> String {
        use rand::Rng;
        let mut rng = rand::rng();
        (0..n).map(|_| format!("{:02x}", rng.random::<u8>())).collect()
    };
    let client_id = format!("svc-{}", random(8));
    let client_secret = random(24);
    let now = crate::clock::now();
    let account = user::ActiveModel {
        username: Set(client_id.clone()),
        display_name: Set(label),
        password_hash: Set(password::hash(&client_secret)?),
        disabled: Set(false),
        tokens_valid_after: Set(None),
        is_service: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    role_assignment::ActiveModel {
        user_id: Set(account.id),
        role: Set(Role::Partner),
        organization_id: Set(agency_id),
        round_id: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    crate::audit::service::record(&txn, access, RecordKind::ServiceCredential, Action::Create, account.id).await?;
    txn.commit().await?;
    Ok(NewCredential { account, client_id, client_secret })
}

/// Revokes service credentials (office): the system's next request is refused, whatever token
/// it holds, and it cannot log in again.
pub async fn revoke_credential(db: &DatabaseConnection, access: &Access, id: i32) -> ServiceResult<user::Model> {
    let scope = access.authorize(RecordKind::ServiceCredential, Action::Revoke)?;
    let txn = crate::store::begin(db).await?;
    let current = user::Entity::find_by_id(id)
        .filter(scope)
        .filter(user::Column::IsService.eq(true))
        .one(&txn)
        .await?
        .ok_or(ServiceError::NotFound("service credential"))?;
    if current.disabled {
        return Err(ServiceError::InvalidTransition { kind: "service credential", action: "revoke", from: "REVOKED" });
    }
    let now = crate::clock::now();
    let mut row: user::ActiveModel = current.clone().into();
    row.disabled = Set(true);
    // Revocation is final: no token issued before it works again, whatever happens later.
    row.tokens_valid_after = Set(Some(revoked_now(current.tokens_valid_after)));
    row.updated_at = Set(now);
    row.version = Set(current.version + 1);
    let updated = row.update(&txn).await?;
    crate::audit::service::record(&txn, access, RecordKind::ServiceCredential, Action::Revoke, id).await?;
    txn.commit().await?;
    Ok(updated)
}

/// A page of service credentials (office), newest first.
pub async fn list_credentials(
    db: &DatabaseConnection,
    access: &Access,
    agency_id: Option<i32>,
    page: &PageRequest,
) -> ServiceResult<Page<user::Model>> {
    use sea_orm::{QuerySelect, QueryTrait};
    let mut q = user::Entity::find()
        .filter(access.authorize(RecordKind::ServiceCredential, Action::Read)?)
        .filter(user::Column::IsService.eq(true));
    if let Some(a) = agency_id {
        let holders = role_assignment::Entity::find()
            .select_only()
            .column(role_assignment::Column::UserId)
            .filter(role_assignment::Column::OrganizationId.eq(a))
            .into_query();
        q = q.filter(user::Column::Id.in_subquery(holders));
    }
    let ordering = Ordering::<user::Entity> {
        name: "created_desc",
        column: user::Column::Id,
        order: sea_orm::Order::Desc,
        value: |m| SortValue::Int(m.id.into()),
        id_column: user::Column::Id,
        id: |m| m.id,
    };
    pagination::fetch(db, q, &ordering, page).await
}
