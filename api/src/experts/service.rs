//! The rules of the talent pool.

use chrono::Datelike;
use entities::{
    ConflictKind, InspectionStatus, OrganizationKind, Specialty, expert, expert_conflict, inspection, organization,
    roster_entry, user,
};
use sea_orm::{ActiveModelTrait, ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter, Set};

use crate::{
    error::{ServiceError, ServiceResult, conflict_on_unique},
    gate::{Access, Action, RecordKind, narrowing, unscoped},
    pagination::{self, Ordering, Page, PageRequest, SortValue},
    validate,
};

/// Narrows the expert list.
#[derive(Debug, Clone, Default)]
pub struct ExpertFilter {
    /// Only this specialty.
    pub specialty: Option<Specialty>,
    /// Part of the name or employer.
    pub search: Option<String>,
    /// Only experts with no conflict with this unit.
    pub free_for_unit_id: Option<i32>,
}

/// How the expert list can be ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExpertOrder {
    /// By name.
    NameAsc,
    /// Youngest first.
    BirthYearDesc,
    /// Most experienced first.
    ExperienceDesc,
}

/// A page of the experts the caller may see.
pub async fn list(
    db: &DatabaseConnection,
    access: &Access,
    filter: ExpertFilter,
    order: ExpertOrder,
    page: &PageRequest,
) -> ServiceResult<Page<expert::Model>> {
    let mut q = access.select::<expert::Entity>(Action::Read)?;
    if let Some(s) = filter.specialty {
        q = q.filter(expert::Column::Specialty.eq(s));
    }
    if let Some(s) = filter.search.filter(|s| !s.is_empty()) {
        q = q.filter(
            Condition::any()
                .add(validate::contains(db.get_database_backend(), expert::Column::Name, &s))
                .add(validate::contains(db.get_database_backend(), expert::Column::Employer, &s)),
        );
    }
    if let Some(unit) = filter.free_for_unit_id {
        // The filter reads the conflicts table: only for those who may read conflicts.
        access.permit::<expert_conflict::Entity>(Action::Read)?;
        let conflicted = narrowing::<expert_conflict::Entity>(
            expert_conflict::Column::ExpertId,
            expert_conflict::Column::UnitId.eq(unit),
        );
        q = q.filter(expert::Column::Id.not_in_subquery(conflicted));
    }
    let ordering = match order {
        ExpertOrder::NameAsc => Ordering::<expert::Entity> {
            name: "name",
            column: expert::Column::Name,
            order: sea_orm::Order::Asc,
            value: |m| SortValue::Text(m.name.clone()),
            id_column: expert::Column::Id,
            id: |m| m.id,
        },
        ExpertOrder::BirthYearDesc => Ordering::<expert::Entity> {
            name: "birth_desc",
            column: expert::Column::BirthYear,
            order: sea_orm::Order::Desc,
            value: |m| SortValue::Int(m.birth_year.into()),
            id_column: expert::Column::Id,
            id: |m| m.id,
        },
        ExpertOrder::ExperienceDesc => Ordering::<expert::Entity> {
            name: "experience_desc",
            column: expert::Column::ExperienceYears,
            order: sea_orm::Order::Desc,
            value: |m| SortValue::Int(m.experience_years.into()),
            id_column: expert::Column::Id,
            id: |m| m.id,
        },
    };
    pagination::fetch(db, q, &ordering, page).await
}

/// An expert's fields, as the office enters them.
pub struct ExpertFields {
    /// Full name.
    pub name: Option<String>,
    /// Field.
    pub specialty: Option<Specialty>,
    /// Year of birth.
    pub birth_year: Option<i32>,
    /// Years of experience.
    pub experience_years: Option<i32>,
    /// Current employer.
    pub employer: Option<String>,
}

struct Checked {
    name: Option<String>,
    birth_year: Option<i32>,
    experience_years: Option<i32>,
    employer: Option<String>,
}

fn check(f: &ExpertFields) -> ServiceResult<Checked> {
    let this_year = crate::clock::now().year();
    // Each number within its bounds first, so that the sum below cannot overflow.
    let checked = Checked {
        name: f.name.as_deref().map(|n| validate::text("name", n, 100)).transpose()?,
        birth_year: f.birth_year.map(|y| validate::range("birthYear", y, 1930, this_year - 18)).transpose()?,
        experience_years: f.experience_years.map(|y| validate::range("experienceYears", y, 0, 60)).transpose()?,
        employer: f.employer.as_deref().map(|e| validate::text("employer", e, 200)).transpose()?,
    };
    if let (Some(born), Some(years)) = (checked.birth_year, checked.experience_years)
        && years > this_year - born - 16
    {
        return Err(ServiceError::bad_input("experienceYears", "is more than the years since the expert turned 16"));
    }
    Ok(checked)
}

/// Adds an expert to the pool (office). Every field is required.
pub async fn create(db: &DatabaseConnection, access: &Access, fields: ExpertFields) -> ServiceResult<expert::Model> {
    access.permit::<expert::Entity>(Action::Create)?;
    let c = check(&fields)?;
    let missing = |f: &str| ServiceError::bad_input(f, "is required");
    let now = crate::clock::now();
    let txn = crate::store::begin(db).await?;
    let created = expert::ActiveModel {
        name: Set(c.name.ok_or_else(|| missing("name"))?),
        specialty: Set(fields.specialty.ok_or_else(|| missing("specialty"))?),
        birth_year: Set(c.birth_year.ok_or_else(|| missing("birthYear"))?),
        experience_years: Set(c.experience_years.ok_or_else(|| missing("experienceYears"))?),
        employer: Set(c.employer.ok_or_else(|| missing("employer"))?),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    crate::gate::log::record(&txn, access, RecordKind::Expert, Action::Create, created.id).await?;
    txn.commit().await?;
    Ok(created)
}

/// Changes an expert's fields (office).
pub async fn update(
    db: &DatabaseConnection,
    access: &Access,
    id: i32,
    fields: ExpertFields,
    expected_version: Option<i32>,
) -> ServiceResult<expert::Model> {
    access.permit::<expert::Entity>(Action::Update)?;
    let c = check(&fields)?;
    let txn = crate::store::begin(db).await?;
    let current = access.find::<expert::Entity>(&txn, Action::Update, id).await?;
    validate::version(expected_version, current.version)?;
    let mut row: expert::ActiveModel = current.clone().into();
    if let Some(v) = c.name {
        row.name = Set(v);
    }
    if let Some(v) = fields.specialty {
        row.specialty = Set(v);
    }
    if let Some(v) = c.birth_year {
        row.birth_year = Set(v);
    }
    if let Some(v) = c.experience_years {
        row.experience_years = Set(v);
    }
    if let Some(v) = c.employer {
        row.employer = Set(v);
    }
    row.updated_at = Set(crate::clock::now());
    row.version = Set(current.version + 1);
    let updated = row.update(&txn).await?;
    let revision = (RecordKind::Expert, id, updated.version);
    crate::revisions::service::keep(&txn, access, revision, (&current, &updated), None).await?;
    crate::gate::log::record(&txn, access, RecordKind::Expert, Action::Update, id).await?;
    txn.commit().await?;
    Ok(updated)
}

/// Links an expert to the user account they log in with, or unlinks it (`None`) (office): the
/// recusal rules then follow the account — it reaches no inspection of a unit the expert must
/// recuse from.
pub async fn link_account(
    db: &DatabaseConnection,
    access: &Access,
    id: i32,
    user_id: Option<i32>,
) -> ServiceResult<expert::Model> {
    access.permit::<expert::Entity>(Action::Update)?;
    let txn = crate::store::begin(db).await?;
    let current = access.find_locked::<expert::Entity>(&txn, Action::Update, id).await?;
    if let Some(u) = user_id {
        let holder = access.find::<user::Entity>(&txn, Action::Read, u).await?;
        crate::users::service::refuse_service_account(&holder, "userId")?;
    }
    let version = current.version;
    let mut row: expert::ActiveModel = current.into();
    row.user_id = Set(user_id);
    row.updated_at = Set(crate::clock::now());
    row.version = Set(version + 1);
    let updated = row
        .update(&txn)
        .await
        .map_err(|e| conflict_on_unique(e, "userId", "the account is already linked to another expert"))?;
    crate::gate::log::record(&txn, access, RecordKind::Expert, Action::Update, id).await?;
    txn.commit().await?;
    Ok(updated)
}

/// Records that an expert must recuse from a unit (office).
pub async fn add_conflict(
    db: &DatabaseConnection,
    access: &Access,
    expert_id: i32,
    unit_id: i32,
    kind: ConflictKind,
) -> ServiceResult<expert_conflict::Model> {
    access.permit::<expert_conflict::Entity>(Action::Create)?;
    let txn = crate::store::begin(db).await?;
    // Locked, as placing the expert on a roster locks it: the roster is checked under it.
    access.find_locked::<expert::Entity>(&txn, Action::Read, expert_id).await?;
    let unit = access.find::<organization::Entity>(&txn, Action::Read, unit_id).await?;
    if unit.kind != OrganizationKind::AuditedUnit {
        return Err(ServiceError::bad_input("unitId", "is not an audited unit"));
    }
    // Recording a conflict must not leave the expert on a team that inspects the unit.
    let staffed = unscoped::<roster_entry::Entity>("recusal is checked against every roster")
        .filter(roster_entry::Column::ExpertId.eq(expert_id))
        .filter(
            roster_entry::Column::RoundId.in_subquery(narrowing::<inspection::Entity>(
                inspection::Column::RoundId,
                Condition::all()
                    .add(inspection::Column::UnitId.eq(unit_id))
                    .add(inspection::Column::Status.ne(InspectionStatus::Closed)),
            )),
        )
        .all(&txn)
        .await?;
    for entry in staffed {
        let inspects = unscoped::<inspection::Entity>("recusal is checked against every inspection")
            .filter(inspection::Column::RoundId.eq(entry.round_id))
            .filter(inspection::Column::TeamId.eq(entry.team_id))
            .filter(inspection::Column::UnitId.eq(unit_id))
            .one(&txn)
            .await?;
        if inspects.is_some() {
            return Err(ServiceError::bad_input(
                "unitId",
                "recusal (回避): the expert is on the roster of a team inspecting this unit; take them off it first",
            ));
        }
    }
    let created = expert_conflict::ActiveModel {
        expert_id: Set(expert_id),
        unit_id: Set(unit_id),
        kind: Set(kind),
        created_at: Set(crate::clock::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|e| conflict_on_unique(e, "unitId", "a conflict of this expert with this unit is already recorded"))?;
    crate::gate::log::record(&txn, access, RecordKind::ExpertConflict, Action::Create, created.id).await?;
    txn.commit().await?;
    Ok(created)
}

/// Removes a recorded conflict (office).
pub async fn remove_conflict(
    db: &DatabaseConnection,
    access: &Access,
    id: i32,
) -> ServiceResult<expert_conflict::Model> {
    access.permit::<expert_conflict::Entity>(Action::Delete)?;
    let txn = crate::store::begin(db).await?;
    let found = access.find::<expert_conflict::Entity>(&txn, Action::Delete, id).await?;
    expert_conflict::Entity::delete_by_id(id).exec(&txn).await?;
    crate::gate::log::record(&txn, access, RecordKind::ExpertConflict, Action::Delete, id).await?;
    txn.commit().await?;
    Ok(found)
}
