//! The rules of findings: written by the inspection's team while it is stationed or reporting;
//! a finding may come from a petition of the same inspection.

use entities::{FindingCategory, finding, petition, recommendation_finding};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};

use crate::{
    error::{ServiceError, ServiceResult},
    gate::{Access, Action, RecordKind, log, unscoped},
    inspections::service::{check_writable_by_id, writable_inspection},
    pagination::{self, Ordering, Page, PageRequest, SortValue},
    validate,
};

/// Longest description or evidence, in characters.
pub const MAX_TEXT: usize = 5_000;

/// Narrows the finding list.
#[derive(Debug, Clone, Default)]
pub struct FindingFilter {
    /// Only this inspection's.
    pub inspection_id: Option<i32>,
    /// Only this category.
    pub category: Option<FindingCategory>,
    /// Only the three political categories (true) or only the others (false).
    pub political: Option<bool>,
    /// Only those whose text holds this (ASCII letters in either case).
    pub search: Option<String>,
    /// Only those of inspections of this unit.
    pub unit_id: Option<i32>,
    /// Only those of this round's inspections.
    pub round_id: Option<i32>,
}

/// A page of the findings the caller may see, oldest first.
pub async fn list(
    db: &DatabaseConnection,
    access: &Access,
    filter: FindingFilter,
    newest_first: bool,
    page: &PageRequest,
) -> ServiceResult<Page<finding::Model>> {
    let mut q = access.select::<finding::Entity>(Action::Read)?;
    if let Some(v) = filter.inspection_id {
        q = q.filter(finding::Column::InspectionId.eq(v));
    }
    if let Some(v) = filter.category {
        q = q.filter(finding::Column::Category.eq(v));
    }
    match filter.political {
        Some(true) => q = q.filter(finding::Column::Category.is_in(FindingCategory::POLITICAL)),
        Some(false) => q = q.filter(finding::Column::Category.is_not_in(FindingCategory::POLITICAL)),
        None => {}
    }
    if filter.unit_id.is_some() || filter.round_id.is_some() {
        let mut of = sea_orm::Condition::all();
        if let Some(u) = filter.unit_id {
            of = of.add(entities::inspection::Column::UnitId.eq(u));
        }
        if let Some(r) = filter.round_id {
            of = of.add(entities::inspection::Column::RoundId.eq(r));
        }
        q =
            q.filter(finding::Column::InspectionId.in_subquery(
                crate::gate::narrowing::<entities::inspection::Entity>(entities::inspection::Column::Id, of),
            ));
    }
    if let Some(s) = filter.search.filter(|s| !s.is_empty()) {
        q = q.filter(validate::contains(db.get_database_backend(), finding::Column::Description, &s));
    }
    let ordering = ordering(newest_first);
    pagination::fetch(db, q, &ordering, page).await
}

/// A finding's fields, as the team enters them.
#[derive(Debug, Clone, Default)]
pub struct FindingFields {
    /// Category.
    pub category: Option<FindingCategory>,
    /// What was found.
    pub description: Option<String>,
    /// What it rests on.
    pub evidence: Option<String>,
    /// Whether the unit's feedback carries it (default yes).
    pub include_in_feedback: Option<bool>,
    /// Why it is corrected, if the team says (kept in its history).
    pub reason: Option<String>,
}

/// Checks that a petition the caller may read belongs to the same inspection.
pub async fn check_petition(
    db: &impl ConnectionTrait,
    access: &Access,
    petition_id: i32,
    inspection_id: i32,
) -> ServiceResult<()> {
    let p = access.visible::<petition::Entity>()?.map(|s| s.filter(petition::Column::Id.eq(petition_id)));
    let p = match p {
        Some(q) => q.one(db).await?,
        None => None,
    };
    match p {
        Some(p) if p.inspection_id == inspection_id => Ok(()),
        _ => Err(ServiceError::bad_input("petitionId", "is not a petition of this inspection")),
    }
}

/// Records a finding (the inspection's team).
pub async fn create(
    db: &DatabaseConnection,
    access: &Access,
    inspection_id: i32,
    petition_id: Option<i32>,
    fields: FindingFields,
) -> ServiceResult<finding::Model> {
    access.permit::<finding::Entity>(Action::Create)?;
    let missing = |f: &str| ServiceError::bad_input(f, "is required");
    let (category, description, evidence) = validate::all((
        fields.category.ok_or_else(|| missing("category")),
        validate::prose("description", fields.description.as_deref().unwrap_or(""), MAX_TEXT),
        validate::prose("evidence", fields.evidence.as_deref().unwrap_or(""), MAX_TEXT),
    ))?;
    let txn = crate::store::begin(db).await?;
    writable_inspection::<finding::Entity>(&txn, access, Action::Create, inspection_id).await?;
    if let Some(p) = petition_id {
        check_petition(&txn, access, p, inspection_id).await?;
    }
    let now = crate::clock::now();
    let created = finding::ActiveModel {
        inspection_id: Set(inspection_id),
        category: Set(category),
        description: Set(description),
        evidence: Set(evidence),
        include_in_feedback: Set(fields.include_in_feedback.unwrap_or(true)),
        petition_id: Set(petition_id),
        created_by: Set(access.principal()?.user_id),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    log::record(&txn, access, RecordKind::Finding, Action::Create, created.id).await?;
    txn.commit().await?;
    Ok(created)
}

async fn writable_finding(
    db: &impl ConnectionTrait,
    access: &Access,
    action: Action,
    id: i32,
) -> ServiceResult<finding::Model> {
    access.permit::<finding::Entity>(action)?;
    let found = access.find::<finding::Entity>(db, action, id).await?;
    check_writable_by_id(db, found.inspection_id).await?;
    Ok(found)
}

/// Changes a finding (the inspection's team, in its time window).
pub async fn update(
    db: &DatabaseConnection,
    access: &Access,
    id: i32,
    fields: FindingFields,
    expected_version: Option<i32>,
) -> ServiceResult<finding::Model> {
    access.permit::<finding::Entity>(Action::Update)?;
    let (description, evidence, reason) = validate::all((
        fields.description.as_deref().map(|d| validate::prose("description", d, MAX_TEXT)).transpose(),
        fields.evidence.as_deref().map(|d| validate::prose("evidence", d, MAX_TEXT)).transpose(),
        fields.reason.as_deref().map(crate::revisions::service::reason).transpose(),
    ))?;
    let txn = crate::store::begin(db).await?;
    let current = writable_finding(&txn, access, Action::Update, id).await?;
    validate::version(expected_version, current.version)?;
    let after = finding::Model {
        category: fields.category.unwrap_or(current.category),
        description: description.unwrap_or_else(|| current.description.clone()),
        evidence: evidence.unwrap_or_else(|| current.evidence.clone()),
        include_in_feedback: fields.include_in_feedback.unwrap_or(current.include_in_feedback),
        ..current.clone()
    };
    let changed = crate::revisions::service::changed_fields(&current, &after);
    let mut row: finding::ActiveModel = current.clone().into();
    row.category = Set(after.category);
    row.description = Set(after.description);
    row.evidence = Set(after.evidence);
    row.include_in_feedback = Set(after.include_in_feedback);
    row.updated_at = Set(crate::clock::now());
    row.version = Set(current.version + 1);
    let updated = row.update(&txn).await?;
    if !changed.is_empty() {
        let revision = (RecordKind::Finding, id, updated.version);
        let why = reason.unwrap_or_default();
        crate::revisions::service::record(
            &txn,
            access,
            revision,
            crate::revisions::service::Change::Amended,
            &why,
            changed,
        )
        .await?;
    }
    log::record(&txn, access, RecordKind::Finding, Action::Update, id).await?;
    txn.commit().await?;
    Ok(updated)
}

/// Deletes a finding (the inspection's team, in its time window); recommendations lose the link.
pub async fn delete(db: &DatabaseConnection, access: &Access, id: i32) -> ServiceResult<finding::Model> {
    let txn = crate::store::begin(db).await?;
    let found = writable_finding(&txn, access, Action::Delete, id).await?;
    // Every recommendation answers at least one finding: it must not be left answering none.
    let answered_by: Vec<i32> = unscoped::<recommendation_finding::Entity>("every recommendation keeps a finding")
        .filter(recommendation_finding::Column::FindingId.eq(id))
        .all(&txn)
        .await?
        .into_iter()
        .map(|l| l.recommendation_id)
        .collect();
    for r in answered_by {
        let others = unscoped::<recommendation_finding::Entity>("every recommendation keeps a finding")
            .filter(recommendation_finding::Column::RecommendationId.eq(r))
            .filter(recommendation_finding::Column::FindingId.ne(id))
            .one(&txn)
            .await?;
        if others.is_none() {
            return Err(ServiceError::bad_input(
                "id",
                "a recommendation answers only this finding; change or delete the recommendation first",
            ));
        }
    }
    finding::Entity::delete_by_id(id).exec(&txn).await?;
    log::record(&txn, access, RecordKind::Finding, Action::Delete, id).await?;
    txn.commit().await?;
    Ok(found)
}

/// The orders of the list: by creation, oldest first or newest first.
pub fn ordering(newest_first: bool) -> Ordering<finding::Entity> {
    Ordering::<finding::Entity> {
        name: if newest_first { "created_desc" } else { "created" },
        column: finding::Column::Id,
        order: if newest_first { sea_orm::Order::Desc } else { sea_orm::Order::Asc },
        value: |m| SortValue::Int(m.id.into()),
        id_column: finding::Column::Id,
        id: |m| m.id,
    }
}
