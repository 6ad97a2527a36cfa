//! The rules of terms: dated within 2000–2100, at most six years long, never overlapping another,
//! and always holding the rounds of the term.

use chrono::{Datelike, NaiveDate};
use entities::{round, term};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, QueryFilter, QueryOrder, Set};

use crate::{
    error::{ServiceError, ServiceResult, conflict_on_unique},
    gate::{Access, Action, RecordKind, log, unscoped},
    pagination::{self, Ordering, Page, PageRequest},
    validate,
};

/// The orders of the term list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermOrder {
    /// Latest first.
    StartsOnDesc,
    /// Earliest first.
    StartsOnAsc,
}

/// How the list is sorted in `order` (ties broken by the id, so the cursor is stable).
pub fn ordering(order: TermOrder) -> Ordering<term::Entity> {
    match order {
        TermOrder::StartsOnDesc => crate::ordered_by!(term, "starts_desc", StartsOn, starts_on, Desc),
        TermOrder::StartsOnAsc => crate::ordered_by!(term, "starts", StartsOn, starts_on, Asc),
    }
}

/// A page of the terms, in `order`.
pub async fn list(
    db: &DatabaseConnection,
    access: &Access,
    order: TermOrder,
    page: &PageRequest,
) -> ServiceResult<Page<term::Model>> {
    let q = access.select::<term::Entity>(Action::Read)?;
    pagination::fetch(db, q, &ordering(order), page).await
}

fn check_dates(starts_on: NaiveDate, ends_on: NaiveDate) -> ServiceResult<()> {
    validate::period(starts_on, ends_on)?;
    if ends_on.year() - starts_on.year() > 5 {
        return Err(ServiceError::bad_input("endsOn", "a term lasts at most five years and a part"));
    }
    Ok(())
}

/// Refuses dates that overlap another term than `except`.
async fn refuse_overlap(
    db: &impl ConnectionTrait,
    starts_on: NaiveDate,
    ends_on: NaiveDate,
    except: Option<i32>,
) -> ServiceResult<()> {
    let mut q = unscoped::<term::Entity>("terms never overlap: every term is compared")
        .filter(term::Column::StartsOn.lte(ends_on))
        .filter(term::Column::EndsOn.gte(starts_on));
    if let Some(id) = except {
        q = q.filter(term::Column::Id.ne(id));
    }
    if let Some(other) = q.one(db).await? {
        return Err(ServiceError::bad_input("startsOn", format!("overlaps the term {}", other.name)));
    }
    Ok(())
}

/// Records a term (office).
pub async fn create(
    db: &DatabaseConnection,
    access: &Access,
    name: &str,
    starts_on: NaiveDate,
    ends_on: NaiveDate,
) -> ServiceResult<term::Model> {
    access.permit::<term::Entity>(Action::Create)?;
    let name = validate::text("name", name, 200)?;
    check_dates(starts_on, ends_on)?;
    let txn = crate::store::begin(db).await?;
    refuse_overlap(&txn, starts_on, ends_on, None).await?;
    let now = crate::clock::now();
    let created = term::ActiveModel {
        name: Set(name),
        starts_on: Set(starts_on),
        ends_on: Set(ends_on),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|e| conflict_on_unique(e, "name", "is taken"))?;
    log::record(&txn, access, RecordKind::Term, Action::Create, created.id).await?;
    txn.commit().await?;
    Ok(created)
}

/// Renames a term or moves its dates (office); its rounds must stay within it.
pub async fn update(
    db: &DatabaseConnection,
    access: &Access,
    id: i32,
    name: Option<String>,
    starts_on: Option<NaiveDate>,
    ends_on: Option<NaiveDate>,
    expected_version: Option<i32>,
) -> ServiceResult<term::Model> {
    access.permit::<term::Entity>(Action::Update)?;
    let name = name.map(|n| validate::text("name", &n, 200)).transpose()?;
    let txn = crate::store::begin(db).await?;
    let current = access.find_locked::<term::Entity>(&txn, Action::Update, id).await?;
    validate::version(expected_version, current.version)?;
    let (s, e) = (starts_on.unwrap_or(current.starts_on), ends_on.unwrap_or(current.ends_on));
    check_dates(s, e)?;
    refuse_overlap(&txn, s, e, Some(id)).await?;
    let outside = unscoped::<round::Entity>("a term holds all its rounds, whoever may read them")
        .filter(round::Column::TermId.eq(id))
        .filter(sea_orm::Condition::any().add(round::Column::StartsOn.lt(s)).add(round::Column::EndsOn.gt(e)))
        .order_by_asc(round::Column::StartsOn)
        .one(&txn)
        .await?;
    if let Some(r) = outside {
        return Err(ServiceError::bad_input("startsOn", format!("the term's round {} would fall outside it", r.name)));
    }
    let mut row: term::ActiveModel = current.clone().into();
    if let Some(n) = name {
        row.name = Set(n);
    }
    row.starts_on = Set(s);
    row.ends_on = Set(e);
    row.updated_at = Set(crate::clock::now());
    row.version = Set(current.version + 1);
    let updated = row.update(&txn).await.map_err(|e| conflict_on_unique(e, "name", "is taken"))?;
    let revision = (RecordKind::Term, id, updated.version);
    crate::revisions::service::keep(&txn, access, revision, (&current, &updated), None).await?;
    log::record(&txn, access, RecordKind::Term, Action::Update, id).await?;
    txn.commit().await?;
    Ok(updated)
}

/// The term a round from `starts_on` to `ends_on` belongs to: `term_id` if given (it must hold
/// the round's dates), else the term holding them; `BAD_USER_INPUT` when there is none.
pub async fn term_for_round(
    db: &impl ConnectionTrait,
    access: &Access,
    term_id: Option<i32>,
    starts_on: NaiveDate,
    ends_on: NaiveDate,
) -> ServiceResult<term::Model> {
    let found = match term_id {
        Some(id) => Some(access.find::<term::Entity>(db, Action::Read, id).await?),
        None => {
            access
                .select::<term::Entity>(Action::Read)?
                .filter(term::Column::StartsOn.lte(starts_on))
                .filter(term::Column::EndsOn.gte(starts_on))
                .one(db)
                .await?
        }
    };
    let field = if term_id.is_some() { "termId" } else { "startsOn" };
    let Some(t) = found else {
        return Err(ServiceError::bad_input(
            field,
            "no committee term holds this day; record the term first (createTerm)",
        ));
    };
    if starts_on < t.starts_on || ends_on > t.ends_on {
        return Err(ServiceError::bad_input(field, format!("the round must fall within the term {}", t.name)));
    }
    Ok(t)
}
