//! The rules of users: names are unique and plain, passwords strong; the office resets and
//! disables, and a disabled user's sessions end.

use entities::{Role, role_assignment, user};
use sea_orm::{ActiveModelTrait, ColumnTrait, Condition, DatabaseConnection, QueryFilter, Set};

use crate::{
    error::{ServiceError, ServiceResult, conflict_on_unique},
    gate::{Access, Action, RecordKind, narrowing, unscoped},
    graphql::offers::Offer,
    identity::password,
    pagination::{self, Ordering, Page, PageRequest, SortValue},
    validate,
};

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
    let mut q = access.select::<user::Entity>(Action::Read)?;
    if let Some(s) = filter.search.filter(|s| !s.is_empty()) {
        q = q.filter(
            Condition::any()
                .add(validate::contains(db.get_database_backend(), user::Column::Username, &s))
                .add(validate::contains(db.get_database_backend(), user::Column::DisplayName, &s)),
        );
    }
    if let Some(d) = filter.disabled {
        q = q.filter(user::Column::Disabled.eq(d));
    }
    if filter.role.is_some() || filter.organization_id.is_some() {
        let mut holders = Condition::all();
        if let Some(r) = filter.role {
            holders = holders.add(role_assignment::Column::Role.eq(r));
        }
        if let Some(o) = filter.organization_id {
            holders = holders.add(role_assignment::Column::OrganizationId.eq(o));
        }
        q = q.filter(
            user::Column::Id
                .in_subquery(narrowing::<role_assignment::Entity>(role_assignment::Column::UserId, holders)),
        );
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
    access.permit::<user::Entity>(Action::Create)?;
    let username = validate::text("username", &new.username, 64).map(|u| u.to_lowercase()).and_then(|u| {
        if u.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')) {
            Ok(u)
        } else {
            Err(ServiceError::bad_input("username", "may hold only letters, digits, '.', '_' and '-'"))
        }
    });
    let (username, display_name, ()) = validate::all((
        username,
        validate::text("displayName", &new.display_name, 200),
        password::check_strength(&new.password),
    ))?;
    let now = crate::clock::now();
    let txn = crate::store::begin(db).await?;
    let created = user::ActiveModel {
        username: Set(username),
        display_name: Set(display_name),
        password_hash: Set(password::hash(&new.password)?),
        disabled: Set(false),
        session_generation: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|e| conflict_on_unique(e, "username", "is taken"))?;
    crate::gate::log::record(&txn, access, RecordKind::User, Action::Create, created.id).await?;
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
    access.permit::<user::Entity>(Action::Update)?;
    let display_name = changes.display_name.map(|d| validate::text("displayName", &d, 200)).transpose()?;
    let hash = match changes.password {
        Some(p) => {
            password::check_strength(&p)?;
            Some(password::hash(&p)?)
        }
        None => None,
    };
    let txn = crate::store::begin(db).await?;
    let current = find_user(&txn, access, Action::Update, id).await?;
    validate::version(changes.expected_version, current.version)?;
    if hash.is_some() {
        let leader = unscoped::<role_assignment::Entity>("a rule on the user's roles, whoever may read them")
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
        row.session_generation = Set(current.session_generation + 1);
    }
    row.updated_at = Set(crate::clock::now());
    row.version = Set(current.version + 1);
    let updated = row.update(&txn).await?;
    crate::gate::log::record(&txn, access, RecordKind::User, Action::Update, id).await?;
    txn.commit().await?;
    Ok(updated)
}

/// What `availableTransitions` offers on a user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserOffer {
    /// `disableUser`.
    Disable,
    /// `enableUser`.
    Enable,
}

/// A user's transitions by `disabled`, as `availableTransitions` weighs them, by the rules of
/// `set_disabled`: not a service credential, and never oneself.
pub static OFFERS: [Offer<user::Entity, UserOffer, bool>; 2] = [
    Offer {
        transition: UserOffer::Disable,
        from: &[false],
        reach: |a| a.select::<user::Entity>(Action::Disable),
        holds: |a| {
            let me = a.principal().map_or(0, |p| p.user_id);
            Condition::all().add(user::Column::IsService.eq(false)).add(user::Column::Id.ne(me))
        },
    },
    Offer {
        transition: UserOffer::Enable,
        from: &[true],
        reach: |a| a.select::<user::Entity>(Action::Enable),
        holds: |_| Condition::all().add(user::Column::IsService.eq(false)),
    },
];

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
    access.permit::<user::Entity>(action)?;
    if disabled && access.principal()?.user_id == id {
        return Err(ServiceError::bad_input("id", "you cannot disable yourself"));
    }
    let txn = crate::store::begin(db).await?;
    let current = find_user(&txn, access, action, id).await?;
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
    if disabled {
        // Ended for good: enabling the user again does not bring a session back.
        row.session_generation = Set(current.session_generation + 1);
    }
    row.updated_at = Set(crate::clock::now());
    row.version = Set(current.version + 1);
    let updated = row.update(&txn).await?;
    crate::gate::log::record(&txn, access, RecordKind::User, action, id).await?;
    txn.commit().await?;
    Ok(updated)
}

/// A person's account, in scope. Service credentials are not managed as people: only
/// `createServiceCredential` and `revokeServiceCredential` touch them.
async fn find_user(
    db: &impl sea_orm::ConnectionTrait,
    access: &Access,
    action: Action,
    id: i32,
) -> ServiceResult<user::Model> {
    let found = access.find::<user::Entity>(db, action, id).await?;
    refuse_service_account(&found, "id")?;
    Ok(found)
}

/// Refuses, on `field`, a user that is a partner system's service credential: those are managed apart.
pub fn refuse_service_account(u: &user::Model, field: &str) -> ServiceResult<()> {
    if u.is_service {
        return Err(ServiceError::bad_input(
            field,
            "is a partner system's service credential; manage it with createServiceCredential and revokeServiceCredential",
        ));
    }
    Ok(())
}
