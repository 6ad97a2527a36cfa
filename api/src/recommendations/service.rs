//! The rules of recommendations: written by the inspection's team in its time window; the
//! findings a recommendation answers belong to the same inspection.

use std::collections::BTreeSet;

use entities::{finding, recommendation, recommendation_finding};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, Set,
};

use crate::{
    error::{ServiceError, ServiceResult},
    gate::{Access, Action, RecordKind, log},
    inspections::service::{check_writable_by_id, writable_inspection},
    pagination::{self, Ordering, Page, PageRequest, SortValue},
    validate,
};

/// Narrows the recommendation list.
#[derive(Debug, Clone, Default)]
pub struct RecommendationFilter {
    /// Only this inspection's.
    pub inspection_id: Option<i32>,
    /// Only those whose text holds this (ASCII letters in either case).
    pub search: Option<String>,
    /// Only those of inspections of this unit.
    pub unit_id: Option<i32>,
    /// Only those of this round's inspections.
    pub round_id: Option<i32>,
}

/// A page of the recommendations the caller may see, oldest first.
pub async fn list(
    db: &DatabaseConnection,
    access: &Access,
    filter: RecommendationFilter,
    newest_first: bool,
    page: &PageRequest,
) -> ServiceResult<Page<recommendation::Model>> {
    let mut q = access.select::<recommendation::Entity>(Action::Read)?;
    if let Some(v) = filter.inspection_id {
        q = q.filter(recommendation::Column::InspectionId.eq(v));
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
            q.filter(recommendation::Column::InspectionId.in_subquery(crate::gate::narrowing::<
                entities::inspection::Entity,
            >(
                entities::inspection::Column::Id, of
            )));
    }
    if let Some(s) = filter.search.filter(|s| !s.is_empty()) {
        q = q.filter(validate::contains(db.get_database_backend(), recommendation::Column::Content, &s));
    }
    let ordering = ordering(newest_first);
    pagination::fetch(db, q, &ordering, page).await
}

/// Replaces the findings a recommendation answers, all of which must be of its inspection.
async fn link(
    db: &impl ConnectionTrait,
    access: &Access,
    recommendation_id: i32,
    inspection_id: i32,
    finding_ids: &[i32],
) -> ServiceResult<()> {
    let wanted: BTreeSet<i32> = finding_ids.iter().copied().collect();
    if wanted.is_empty() {
        return Err(ServiceError::bad_input("findingIds", "must name at least one finding"));
    }
    let found = access
        .select::<finding::Entity>(Action::Read)?
        .filter(finding::Column::Id.is_in(wanted.iter().copied()))
        .filter(finding::Column::InspectionId.eq(inspection_id))
        .count(db)
        .await?;
    if found != wanted.len() as u64 {
        return Err(ServiceError::bad_input("findingIds", "every finding must be of the same inspection"));
    }
    recommendation_finding::Entity::delete_many()
        .filter(recommendation_finding::Column::RecommendationId.eq(recommendation_id))
        .exec(db)
        .await?;
    recommendation_finding::Entity::insert_many(wanted.into_iter().map(|f| recommendation_finding::ActiveModel {
        recommendation_id: Set(recommendation_id),
        finding_id: Set(f),
    }))
    .exec(db)
    .await?;
    Ok(())
}

/// Records a recommendation answering findings (the inspection's team).
pub async fn create(
    db: &DatabaseConnection,
    access: &Access,
    inspection_id: i32,
    content: &str,
    finding_ids: &[i32],
) -> ServiceResult<recommendation::Model> {
    access.permit::<recommendation::Entity>(Action::Create)?;
    let content = validate::prose("content", content, 5_000)?;
    let txn = crate::store::begin(db).await?;
    writable_inspection::<recommendation::Entity>(&txn, access, Action::Create, inspection_id).await?;
    let now = crate::clock::now();
    let created = recommendation::ActiveModel {
        inspection_id: Set(inspection_id),
        content: Set(content),
        created_by: Set(access.principal()?.user_id),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    link(&txn, access, created.id, inspection_id, finding_ids).await?;
    log::record(&txn, access, RecordKind::Recommendation, Action::Create, created.id).await?;
    txn.commit().await?;
    Ok(created)
}

async fn writable(
    db: &impl ConnectionTrait,
    access: &Access,
    action: Action,
    id: i32,
) -> ServiceResult<recommendation::Model> {
    access.permit::<recommendation::Entity>(action)?;
    let found = access.find::<recommendation::Entity>(db, action, id).await?;
    check_writable_by_id(db, found.inspection_id).await?;
    Ok(found)
}

/// Changes a recommendation's text or the findings it answers (the inspection's team).
pub async fn update(
    db: &DatabaseConnection,
    access: &Access,
    id: i32,
    (content, finding_ids, reason): (Option<String>, Option<Vec<i32>>, Option<String>),
    expected_version: Option<i32>,
) -> ServiceResult<recommendation::Model> {
    access.permit::<recommendation::Entity>(Action::Update)?;
    let content = content.as_deref().map(|c| validate::prose("content", c, 5_000)).transpose()?;
    let reason = reason.as_deref().map(crate::revisions::service::reason).transpose()?;
    let txn = crate::store::begin(db).await?;
    let current = writable(&txn, access, Action::Update, id).await?;
    validate::version(expected_version, current.version)?;
    // What the history shows: the text and the findings answered, before and after.
    let answered = |ids: &[i32]| {
        let mut ids = ids.to_vec();
        ids.sort_unstable();
        ids
    };
    let before_ids: Vec<i32> =
        crate::gate::unscoped::<recommendation_finding::Entity>("the findings a recommendation answers")
            .filter(recommendation_finding::Column::RecommendationId.eq(id))
            .all(&txn)
            .await?
            .into_iter()
            .map(|l| l.finding_id)
            .collect();
    let before = serde_json::json!({ "content": current.content, "finding_ids": answered(&before_ids) });
    let after = serde_json::json!({
        "content": content.as_deref().unwrap_or(&current.content),
        "finding_ids": answered(finding_ids.as_deref().unwrap_or(&before_ids)),
    });
    let changed = crate::revisions::service::changed_fields(&before, &after);
    if let Some(f) = &finding_ids {
        link(&txn, access, id, current.inspection_id, f).await?;
    }
    let mut row: recommendation::ActiveModel = current.clone().into();
    if let Some(c) = content {
        row.content = Set(c);
    }
    row.updated_at = Set(crate::clock::now());
    row.version = Set(current.version + 1);
    let updated = row.update(&txn).await?;
    if !changed.is_empty() {
        let revision = (RecordKind::Recommendation, id, updated.version);
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
    log::record(&txn, access, RecordKind::Recommendation, Action::Update, id).await?;
    txn.commit().await?;
    Ok(updated)
}

/// Deletes a recommendation (the inspection's team).
pub async fn delete(db: &DatabaseConnection, access: &Access, id: i32) -> ServiceResult<recommendation::Model> {
    let txn = crate::store::begin(db).await?;
    let found = writable(&txn, access, Action::Delete, id).await?;
    recommendation::Entity::delete_by_id(id).exec(&txn).await?;
    log::record(&txn, access, RecordKind::Recommendation, Action::Delete, id).await?;
    txn.commit().await?;
    Ok(found)
}

/// The orders of the list: by creation, oldest first or newest first.
pub fn ordering(newest_first: bool) -> Ordering<recommendation::Entity> {
    Ordering::<recommendation::Entity> {
        name: if newest_first { "created_desc" } else { "created" },
        column: recommendation::Column::Id,
        order: if newest_first { sea_orm::Order::Desc } else { sea_orm::Order::Asc },
        value: |m| SortValue::Int(m.id.into()),
        id_column: recommendation::Column::Id,
        id: |m| m.id,
    }
}
