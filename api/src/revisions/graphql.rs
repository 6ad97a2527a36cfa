//! A record's history in the schema: `history` on each record that can be corrected.

use std::collections::HashMap;

use async_graphql::{ComplexObject, Context, Enum, SimpleObject, dataloader::Loader};
use entities::{RecordKind, revision, user};
use sea_orm::{ColumnTrait, QueryFilter, QueryOrder};

use crate::{
    error::{ApiResult, ServiceError},
    gate::unscoped,
    graphql::{
        connection::{connection, page_request},
        loader::{Deps, LoadError, loaders},
        scalars::DateTime,
    },
    pagination,
};

/// What a revision did.
#[derive(Enum, Copy, Clone, PartialEq, Eq)]
pub enum RevisionChange {
    /// Corrected: the fields listed changed.
    Amended,
    /// Withdrawn as entered by mistake: it left every list and count.
    Withdrawn,
}

/// One field a revision changed, each value as JSON text (a string in quotes, a number, `true`,
/// `null`).
#[derive(SimpleObject, Clone)]
pub struct FieldChange {
    /// The field, as the row names it (`effective_on`).
    pub field: String,
    /// Its value before.
    pub before: String,
    /// Its value after.
    pub after: String,
}

/// One correction or withdrawal of a record: who, when, why, and what changed.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct Revision {
    /// What it did.
    pub change: RevisionChange,
    /// Why: required of whoever corrects a record on the record or withdraws one; null for an
    /// edit of a team's working draft given without one.
    pub reason: Option<String>,
    /// The fields it changed, with their values before and after (none for a withdrawal).
    pub fields: Vec<FieldChange>,
    /// The record's version after it.
    pub version: i32,
    /// When.
    pub at: DateTime,
    #[graphql(skip)]
    user_id: i32,
}

#[ComplexObject]
impl Revision {
    /// The display name of who made it.
    async fn by_name(&self, ctx: &Context<'_>) -> ApiResult<String> {
        let names = loaders(ctx)?.get("", AuthorNames).load_one(self.user_id).await?;
        Ok(names.unwrap_or_default())
    }
}

impl From<revision::Model> for Revision {
    fn from(m: revision::Model) -> Self {
        let text = |v: &serde_json::Value| v.to_string();
        let fields = serde_json::from_str::<Vec<serde_json::Value>>(&m.fields)
            .unwrap_or_default()
            .iter()
            .map(|f| FieldChange {
                field: f["field"].as_str().unwrap_or_default().to_owned(),
                before: text(&f["before"]),
                after: text(&f["after"]),
            })
            .collect();
        Revision {
            change: if m.change == "WITHDRAWN" { RevisionChange::Withdrawn } else { RevisionChange::Amended },
            reason: Some(m.reason).filter(|r| !r.is_empty()),
            fields,
            version: m.version,
            at: m.created_at.into(),
            user_id: m.user_id,
        }
    }
}

connection!(RevisionConnection, RevisionEdge, Revision, "A page of a record's history, oldest first.");

/// The revisions of records of one kind, by record id, oldest first. The history is read with its
/// record: whoever holds the record (read through the gate) reads its history.
pub struct RevisionsOf {
    deps: Deps,
    kind: RecordKind,
}

impl Loader<i32> for RevisionsOf {
    type Value = Vec<revision::Model>;
    type Error = LoadError;

    async fn load(&self, keys: &[i32]) -> Result<HashMap<i32, Self::Value>, LoadError> {
        let rows = unscoped::<revision::Entity>("the history of records the caller has read")
            .filter(revision::Column::ObjectKind.eq(self.kind.name()))
            .filter(revision::Column::ObjectId.is_in(keys.iter().copied()))
            .order_by_asc(revision::Column::Id)
            .all(&self.deps.db)
            .await
            .map_err(ServiceError::from)?;
        let mut map: HashMap<i32, Self::Value> = HashMap::new();
        for r in rows {
            map.entry(r.object_id).or_default().push(r);
        }
        Ok(map)
    }
}

/// The display names of the users who made revisions.
pub struct AuthorNames(Deps);

impl Loader<i32> for AuthorNames {
    type Value = String;
    type Error = LoadError;

    async fn load(&self, keys: &[i32]) -> Result<HashMap<i32, String>, LoadError> {
        let rows = unscoped::<user::Entity>("the names of who corrected a record the caller has read")
            .filter(user::Column::Id.is_in(keys.iter().copied()))
            .all(&self.0.db)
            .await
            .map_err(ServiceError::from)?;
        Ok(rows.into_iter().map(|u| (u.id, u.display_name)).collect())
    }
}

/// The `history` field of record `kind` `id`: a page of its revisions, oldest first.
pub async fn history(
    ctx: &Context<'_>,
    kind: RecordKind,
    id: i32,
    first: Option<i32>,
    after: Option<String>,
) -> ApiResult<RevisionConnection> {
    let name: &'static str = kind.name();
    // An agency reads rounds, units, teams and inspections only as the frame of the rectification it
    // supervises: not who corrected them, nor why.
    let access = &crate::graphql::context::request(ctx)?.access;
    let roles = access.acting_roles(kind, crate::gate::Action::Read);
    let frame_only = roles.iter().all(|r| *r == entities::Role::Partner)
        && matches!(kind, RecordKind::Round | RecordKind::Organization | RecordKind::Inspection);
    let rows = if frame_only {
        Vec::new()
    } else {
        loaders(ctx)?.get(name, |deps| RevisionsOf { deps, kind }).load_one(id).await?.unwrap_or_default()
    };
    let page = pagination::of_loaded(&rows, "revisions.history", |r| r.id, &page_request(ctx, first, after)?)?;
    Ok(RevisionConnection(page.map(Revision::from)))
}
