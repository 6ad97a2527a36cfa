//! The rules of service credentials: made for one partner agency, the secret shown once and kept
//! only as a hash, revoked for good.

use entities::{OrganizationKind, Role, organization, role_assignment, user};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, QueryFilter, Set};

use super::scope::ServiceCredentials;
use crate::{
    error::{ServiceError, ServiceResult},
    gate::{Access, Action, RecordKind, narrowing},
    identity::password,
    pagination::{self, Ordering, Page, PageRequest},
    validate,
};

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
    access.permit::<ServiceCredentials>(Action::Create)?;
    let label = validate::text("label", label, 200)?;
    let txn = crate::store::begin(db).await?;
    let agency = access
        .select::<organization::Entity>(Action::Read)?
        .filter(organization::Column::Id.eq(agency_id))
        .one(&txn)
        .await?;
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
        session_generation: Set(0),
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
    crate::gate::log::record(&txn, access, RecordKind::ServiceCredential, Action::Create, account.id).await?;
    txn.commit().await?;
    Ok(NewCredential { account, client_id, client_secret })
}

/// What `availableTransitions` offers on a service credential.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CredentialOffer {
    /// `revokeServiceCredential`.
    Revoke,
}

/// A credential's transitions by `disabled`, as `availableTransitions` weighs them, by the rules
/// of `revoke_credential`.
pub static OFFERS: [crate::graphql::offers::Offer<user::Entity, CredentialOffer, bool>; 1] =
    [crate::graphql::offers::Offer {
        transition: CredentialOffer::Revoke,
        from: &[false],
        reach: |a| a.select::<ServiceCredentials>(Action::Revoke),
        holds: |_| sea_orm::Condition::all().add(user::Column::IsService.eq(true)),
    }];

/// Revokes service credentials (office): the system's next request is refused, whatever token
/// it holds, and it cannot log in again.
pub async fn revoke_credential(
    db: &DatabaseConnection,
    access: &Access,
    id: i32,
    expected_version: Option<i32>,
) -> ServiceResult<user::Model> {
    let txn = crate::store::begin(db).await?;
    let current = access
        .select::<ServiceCredentials>(Action::Revoke)?
        .filter(user::Column::Id.eq(id))
        .filter(user::Column::IsService.eq(true))
        .one(&txn)
        .await?
        .ok_or(ServiceError::NotFound("service credential"))?;
    crate::validate::version(expected_version, current.version)?;
    if current.disabled {
        return Err(ServiceError::InvalidTransition { kind: "service credential", action: "revoke", from: "REVOKED" });
    }
    let now = crate::clock::now();
    let mut row: user::ActiveModel = current.clone().into();
    row.disabled = Set(true);
    // Revocation is final: no token issued before it works again, whatever happens later.
    row.session_generation = Set(current.session_generation + 1);
    row.updated_at = Set(now);
    row.version = Set(current.version + 1);
    let updated = row.update(&txn).await?;
    crate::gate::log::record(&txn, access, RecordKind::ServiceCredential, Action::Revoke, id).await?;
    txn.commit().await?;
    Ok(updated)
}

/// The orders of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CredentialOrder {
    /// Newest first.
    CreatedAtDesc,
    /// Oldest first.
    CreatedAtAsc,
    /// By user name.
    UsernameAsc,
}

/// How the list is sorted in `order` (ties broken by the id, so the cursor is stable).
pub fn ordering(order: CredentialOrder) -> Ordering<user::Entity> {
    match order {
        CredentialOrder::CreatedAtDesc => crate::ordered_by!(user, "created_at_desc", CreatedAt, created_at, Desc),
        CredentialOrder::CreatedAtAsc => crate::ordered_by!(user, "created_at", CreatedAt, created_at, Asc),
        CredentialOrder::UsernameAsc => crate::ordered_by!(user, "username", Username, username, Asc),
    }
}

/// A page of service credentials (office), newest first.
pub async fn list_credentials(
    db: &DatabaseConnection,
    access: &Access,
    agency_id: Option<i32>,
    order: CredentialOrder,
    page: &PageRequest,
) -> ServiceResult<Page<user::Model>> {
    let mut q = access.select::<ServiceCredentials>(Action::Read)?.filter(user::Column::IsService.eq(true));
    if let Some(a) = agency_id {
        let holders = narrowing::<role_assignment::Entity>(
            role_assignment::Column::UserId,
            role_assignment::Column::OrganizationId.eq(a),
        );
        q = q.filter(user::Column::Id.in_subquery(holders));
    }
    pagination::fetch(db, q, &ordering(order), page).await
}
