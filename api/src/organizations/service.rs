//! The rules of organisations: a unit has a category, nothing else does; names are unique.

use entities::{AgencyCompetence, OrganizationKind, UnitCategory, inspection, organization, round};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, QueryFilter, Set};

use crate::{
    error::{ServiceError, ServiceResult, conflict_on_unique},
    gate::{Access, Action, RecordKind, narrowing, unscoped},
    pagination::{self, Ordering, Page, PageRequest, SortValue},
    validate,
};

/// Narrows the organisation list.
#[derive(Debug, Clone, Default)]
pub struct OrganizationFilter {
    /// Only this kind.
    pub kind: Option<OrganizationKind>,
    /// Only units of this category.
    pub unit_category: Option<UnitCategory>,
    /// Only the villages and communities of this township or street.
    pub parent_id: Option<i32>,
    /// Part of the name.
    pub search: Option<String>,
    /// Only audited units with no inspection the caller sees in this round.
    pub not_inspected_in_round: Option<i32>,
    /// Only audited units with no inspection the caller sees in any round of this term.
    pub not_inspected_in_term: Option<i32>,
}

/// How the organisation list can be ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrganizationOrder {
    /// By name.
    NameAsc,
    /// In the order they were created.
    CreatedAtAsc,
}

/// A page of the organisations the caller may see.
pub async fn list(
    db: &DatabaseConnection,
    access: &Access,
    filter: OrganizationFilter,
    order: OrganizationOrder,
    page: &PageRequest,
) -> ServiceResult<Page<organization::Model>> {
    let mut q = access.select::<organization::Entity>(Action::Read)?;
    if let Some(k) = filter.kind {
        q = q.filter(organization::Column::Kind.eq(k));
    }
    if let Some(c) = filter.unit_category {
        q = q.filter(organization::Column::UnitCategory.eq(c));
    }
    if let Some(p) = filter.parent_id {
        q = q.filter(organization::Column::ParentId.eq(p));
    }
    if let Some(s) = filter.search.filter(|s| !s.is_empty()) {
        q = q.filter(validate::contains(db.get_database_backend(), organization::Column::Name, &s));
    }
    // Units still to cover (巡察全覆盖): by the inspections the caller may see, so that the filter
    // tells no more of a round's plan than the inspection list does.
    let mut within = Vec::new();
    if let Some(r) = filter.not_inspected_in_round {
        within.push(inspection::Column::RoundId.eq(r));
    }
    if let Some(t) = filter.not_inspected_in_term {
        within.push(
            inspection::Column::RoundId
                .in_subquery(narrowing::<round::Entity>(round::Column::Id, round::Column::TermId.eq(t))),
        );
    }
    if !within.is_empty() {
        q = q.filter(organization::Column::Kind.eq(OrganizationKind::AuditedUnit));
        if let Some(seen) = access.visible_reach::<inspection::Entity>()? {
            for rounds in within {
                let covered = narrowing::<inspection::Entity>(inspection::Column::UnitId, seen.clone().add(rounds));
                q = q.filter(organization::Column::Id.not_in_subquery(covered));
            }
        }
    }
    let ordering = match order {
        OrganizationOrder::NameAsc => Ordering::<organization::Entity> {
            name: "name",
            column: organization::Column::Name,
            order: sea_orm::Order::Asc,
            value: |m| SortValue::Text(m.name.clone()),
            id_column: organization::Column::Id,
            id: |m| m.id,
        },
        OrganizationOrder::CreatedAtAsc => Ordering::<organization::Entity> {
            name: "created",
            column: organization::Column::Id,
            order: sea_orm::Order::Asc,
            value: |m| SortValue::Int(m.id.into()),
            id_column: organization::Column::Id,
            id: |m| m.id,
        },
    };
    pagination::fetch(db, q, &ordering, page).await
}

/// Checks a village's or community's township (required for one, refused for any other kind).
async fn check_parent(
    db: &impl sea_orm::ConnectionTrait,
    access: &Access,
    category: Option<UnitCategory>,
    parent_id: Option<i32>,
) -> ServiceResult<()> {
    match (category, parent_id) {
        (Some(UnitCategory::VillageCommunity), None) => {
            Err(ServiceError::bad_input("parentId", "a village or community names its township or street"))
        }
        (Some(UnitCategory::VillageCommunity), Some(p)) => {
            let parent = access.find::<organization::Entity>(db, Action::Read, p).await.ok();
            if parent.is_none_or(|p| p.unit_category != Some(UnitCategory::TownshipStreet)) {
                return Err(ServiceError::bad_input("parentId", "is not a township or street"));
            }
            Ok(())
        }
        (_, Some(_)) => Err(ServiceError::bad_input("parentId", "is only for a village or community")),
        (_, None) => Ok(()),
    }
}

/// Refuses a competence for anything but a partner agency, and a partner agency without one.
fn check_competence(kind: OrganizationKind, competence: Option<AgencyCompetence>) -> ServiceResult<()> {
    match (kind, competence) {
        (OrganizationKind::PartnerAgency, None) => {
            Err(ServiceError::bad_input("competence", "is required for a partner agency"))
        }
        (OrganizationKind::PartnerAgency, Some(_)) | (_, None) => Ok(()),
        (_, Some(_)) => Err(ServiceError::bad_input("competence", "is only for partner agencies")),
    }
}

fn check_category(kind: OrganizationKind, category: Option<UnitCategory>) -> ServiceResult<()> {
    match (kind, category) {
        (OrganizationKind::AuditedUnit, None) => {
            Err(ServiceError::bad_input("unitCategory", "is required for an audited unit"))
        }
        (OrganizationKind::AuditedUnit, Some(_)) | (_, None) => Ok(()),
        (_, Some(_)) => Err(ServiceError::bad_input("unitCategory", "is only for audited units")),
    }
}

/// Creates an organisation (office). There is one leadership group and one office.
pub async fn create(
    db: &DatabaseConnection,
    access: &Access,
    kind: OrganizationKind,
    name: &str,
    unit_category: Option<UnitCategory>,
    parent_id: Option<i32>,
    competence: Option<AgencyCompetence>,
) -> ServiceResult<organization::Model> {
    access.permit::<organization::Entity>(Action::Create)?;
    let name = validate::text("name", name, 200)?;
    check_category(kind, unit_category)?;
    check_competence(kind, competence)?;
    let txn = crate::store::begin(db).await?;
    check_parent(&txn, access, unit_category, parent_id).await?;
    if matches!(kind, OrganizationKind::LeadershipGroup | OrganizationKind::Office)
        && unscoped::<organization::Entity>("there is one leadership group and one office, whoever sees them")
            .filter(organization::Column::Kind.eq(kind))
            .one(&txn)
            .await?
            .is_some()
    {
        return Err(ServiceError::conflict(format!("there is already one organization of kind {}", kind.name())));
    }
    let now = crate::clock::now();
    let created = organization::ActiveModel {
        kind: Set(kind),
        name: Set(name),
        unit_category: Set(unit_category),
        parent_id: Set(parent_id),
        competence: Set(competence),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|e| conflict_on_unique(e, "name", "is taken"))?;
    crate::gate::log::record(&txn, access, RecordKind::Organization, Action::Create, created.id).await?;
    txn.commit().await?;
    Ok(created)
}

/// What `update` changes; `None` leaves a field as it is.
#[derive(Debug, Default)]
pub struct OrganizationChange {
    /// The new name.
    pub name: Option<String>,
    /// A unit's new category.
    pub unit_category: Option<UnitCategory>,
    /// A village's new township.
    pub parent_id: Option<i32>,
    /// An agency's new competence.
    pub competence: Option<AgencyCompetence>,
    /// The version the caller read (`CONFLICT` if it moved on).
    pub expected_version: Option<i32>,
}

/// Renames an organisation, changes a unit's category or an agency's competence, or moves a
/// village or community to another township (office). A unit does not become a village, nor a
/// village a district unit.
pub async fn update(
    db: &DatabaseConnection,
    access: &Access,
    id: i32,
    change: OrganizationChange,
) -> ServiceResult<organization::Model> {
    let OrganizationChange { name, unit_category, parent_id, competence, expected_version } = change;
    access.permit::<organization::Entity>(Action::Update)?;
    let name = name.map(|n| validate::text("name", &n, 200)).transpose()?;
    let txn = crate::store::begin(db).await?;
    let current = access.find::<organization::Entity>(&txn, Action::Update, id).await?;
    validate::version(expected_version, current.version)?;
    if unit_category.is_some() {
        check_category(current.kind, unit_category)?;
        let village = |c: Option<UnitCategory>| c == Some(UnitCategory::VillageCommunity);
        if village(unit_category) != village(current.unit_category) {
            return Err(ServiceError::bad_input(
                "unitCategory",
                "a unit does not become a village or community, nor the reverse; create the organisation anew",
            ));
        }
    }
    if parent_id.is_some() {
        check_parent(&txn, access, current.unit_category, parent_id).await?;
    }
    if competence.is_some() {
        check_competence(current.kind, competence)?;
    }
    let mut row: organization::ActiveModel = current.clone().into();
    if let Some(n) = name {
        row.name = Set(n);
    }
    if let Some(c) = unit_category {
        row.unit_category = Set(Some(c));
    }
    if let Some(p) = parent_id {
        row.parent_id = Set(Some(p));
    }
    if let Some(c) = competence {
        row.competence = Set(Some(c));
    }
    row.updated_at = Set(crate::clock::now());
    row.version = Set(current.version + 1);
    let updated = row.update(&txn).await.map_err(|e| conflict_on_unique(e, "name", "is taken"))?;
    let revision = (RecordKind::Organization, id, updated.version);
    crate::revisions::service::keep(&txn, access, revision, (&current, &updated), None).await?;
    crate::gate::log::record(&txn, access, RecordKind::Organization, Action::Update, id).await?;
    txn.commit().await?;
    Ok(updated)
}
