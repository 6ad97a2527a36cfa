//! The rules of role assignments: a role is held in an organisation of its kind, one person
//! works on one side of the work only, and a change takes effect on the holder's next request.

use entities::{OrganizationKind, Role, organization, role_assignment, round, user};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};

use crate::{
    error::{ServiceError, ServiceResult},
    gate::{Access, Action, RecordKind, unscoped},
    users::service::refuse_service_account,
};

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
    /// For a unit leader: whether they are the unit's principal leader (one per unit).
    pub principal: bool,
}

/// Assigns a role (office).
pub async fn assign_role(
    db: &DatabaseConnection,
    access: &Access,
    new: NewAssignment,
) -> ServiceResult<role_assignment::Model> {
    access.permit::<role_assignment::Entity>(Action::Create)?;
    let txn = crate::store::begin(db).await?;
    let holder = access.find::<user::Entity>(&txn, Action::Read, new.user_id).await?;
    refuse_service_account(&holder, "userId")?;
    let org = access.find::<organization::Entity>(&txn, Action::Read, new.organization_id).await?;
    if new.user_id == access.principal()?.user_id {
        return Err(ServiceError::bad_input("userId", "you cannot assign roles to yourself"));
    }
    let held = unscoped::<role_assignment::Entity>("separation of duties counts every role the user holds")
        .filter(role_assignment::Column::UserId.eq(new.user_id))
        .all(&txn)
        .await?;
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
        access.find::<round::Entity>(&txn, Action::Read, r).await?;
    }
    if new.principal {
        if new.role != Role::UnitLeader {
            return Err(ServiceError::bad_input("principal", "only a unit leader is a unit's principal leader"));
        }
        if unscoped::<role_assignment::Entity>("a unit has one principal leader, whoever may see them")
            .filter(role_assignment::Column::OrganizationId.eq(new.organization_id))
            .filter(role_assignment::Column::Role.eq(Role::UnitLeader))
            .filter(role_assignment::Column::IsPrincipal.eq(true))
            .one(&txn)
            .await?
            .is_some()
        {
            return Err(ServiceError::conflict_on(
                "principal",
                "the unit already has a principal leader; revoke that assignment first",
            ));
        }
    }
    let mut same = unscoped::<role_assignment::Entity>("a user holds a role in an organisation once")
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
        is_principal: Set(new.principal),
        created_at: Set(crate::clock::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    touch_user(&txn, new.user_id).await?;
    crate::gate::log::record(&txn, access, RecordKind::RoleAssignment, Action::Create, created.id).await?;
    txn.commit().await?;
    Ok(created)
}

/// Removes a role assignment (office); effective on the holder's next request.
pub async fn revoke_role(db: &DatabaseConnection, access: &Access, id: i32) -> ServiceResult<role_assignment::Model> {
    let txn = crate::store::begin(db).await?;
    let found = access.find::<role_assignment::Entity>(&txn, Action::Delete, id).await?;
    let holder = access.find::<user::Entity>(&txn, Action::Read, found.user_id).await?;
    refuse_service_account(&holder, "id")?;
    if found.user_id == access.principal()?.user_id && found.role == Role::Office {
        return Err(ServiceError::bad_input("id", "you cannot revoke your own office role"));
    }
    role_assignment::Entity::delete_by_id(id).exec(&txn).await?;
    touch_user(&txn, found.user_id).await?;
    crate::identity::service::end_sessions(&txn, found.user_id).await?;
    crate::gate::log::record(&txn, access, RecordKind::RoleAssignment, Action::Delete, id).await?;
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
