//! The by-id DataLoader every relation field and `node(id)` goes through.
//!
//! It reads only rows in the caller's scope, in one `WHERE id IN (...)` per batch; a row out of
//! scope is simply not in the answer, exactly like a missing one.

use std::{collections::HashMap, marker::PhantomData, sync::Arc};

use async_graphql::dataloader::{DataLoader, Loader};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

use crate::{
    error::ServiceError,
    gate::{Access, Kind},
};

/// A loader error, shareable between the fields waiting on one batch.
#[derive(Clone, Debug)]
pub struct LoadError(pub Arc<ServiceError>);

impl From<LoadError> for ServiceError {
    fn from(e: LoadError) -> ServiceError {
        match &*e.0 {
            ServiceError::Unauthenticated(m) => ServiceError::Unauthenticated(m.clone()),
            other => ServiceError::Internal(format!("loader: {other:?}")),
        }
    }
}

impl From<ServiceError> for LoadError {
    fn from(e: ServiceError) -> Self {
        LoadError(Arc::new(e))
    }
}

/// Loads rows of `E` by id within the caller's scope for `kind`.
pub struct ById<E: EntityTrait> {
    db: DatabaseConnection,
    access: Access,
    kind: Kind,
    id_column: E::Column,
    id_of: fn(&E::Model) -> i32,
    _entity: PhantomData<E>,
}

impl<E: EntityTrait> ById<E> {
    /// A scoped loader (wrap it in a `DataLoader`).
    pub fn new(
        db: DatabaseConnection,
        access: Access,
        kind: Kind,
        id_column: E::Column,
        id_of: fn(&E::Model) -> i32,
    ) -> DataLoader<Self> {
        DataLoader::new(
            ById {
                db,
                access,
                kind,
                id_column,
                id_of,
                _entity: PhantomData,
            },
            tokio::spawn,
        )
    }
}

impl<E> Loader<i32> for ById<E>
where
    E: EntityTrait + Send + Sync,
    E::Model: Clone + Send + Sync,
    E::Column: Send + Sync,
{
    type Value = E::Model;
    type Error = LoadError;

    async fn load(&self, keys: &[i32]) -> Result<HashMap<i32, E::Model>, LoadError> {
        let Some(scope) = self.access.visible(self.kind)? else {
            return Ok(HashMap::new());
        };
        let rows = E::find()
            .filter(scope)
            .filter(self.id_column.is_in(keys.iter().copied()))
            .all(&self.db)
            .await
            .map_err(ServiceError::from)?;
        Ok(rows.into_iter().map(|m| ((self.id_of)(&m), m)).collect())
    }
}

/// Loads the rows of `E` that belong to each parent id, within the caller's scope for `kind`.
pub struct ByParent<E: EntityTrait> {
    db: DatabaseConnection,
    access: Access,
    kind: Kind,
    parent_column: E::Column,
    parent_of: fn(&E::Model) -> i32,
    _entity: PhantomData<E>,
}

impl<E: EntityTrait> ByParent<E> {
    /// A scoped one-to-many loader (wrap it in a `DataLoader`).
    pub fn new(
        db: DatabaseConnection,
        access: Access,
        kind: Kind,
        parent_column: E::Column,
        parent_of: fn(&E::Model) -> i32,
    ) -> DataLoader<Self> {
        DataLoader::new(
            ByParent {
                db,
                access,
                kind,
                parent_column,
                parent_of,
                _entity: PhantomData,
            },
            tokio::spawn,
        )
    }
}

impl<E> Loader<i32> for ByParent<E>
where
    E: EntityTrait + Send + Sync,
    E::Model: Clone + Send + Sync,
    E::Column: Send + Sync,
{
    type Value = Vec<E::Model>;
    type Error = LoadError;

    async fn load(&self, keys: &[i32]) -> Result<HashMap<i32, Vec<E::Model>>, LoadError> {
        let Some(scope) = self.access.visible(self.kind)? else {
            return Ok(HashMap::new());
        };
        let rows = E::find()
            .filter(scope)
            .filter(self.parent_column.is_in(keys.iter().copied()))
            .all(&self.db)
            .await
            .map_err(ServiceError::from)?;
        let mut map: HashMap<i32, Vec<E::Model>> = HashMap::new();
        for m in rows {
            map.entry((self.parent_of)(&m)).or_default().push(m);
        }
        Ok(map)
    }
}

/// Every loader of a request, built once per request over the caller's access.
pub struct Loaders {
    /// Organisations by id.
    pub organizations: DataLoader<ById<entities::organization::Entity>>,
    /// Users by id.
    pub users: DataLoader<ById<entities::user::Entity>>,
    /// Role assignments by id.
    pub role_assignments: DataLoader<ById<entities::role_assignment::Entity>>,
    /// Role assignments by user.
    pub assignments_by_user: DataLoader<ByParent<entities::role_assignment::Entity>>,
    /// Experts by id.
    pub experts: DataLoader<ById<entities::expert::Entity>>,
    /// Conflicts by id.
    pub expert_conflicts: DataLoader<ById<entities::expert_conflict::Entity>>,
    /// Conflicts by expert.
    pub conflicts_by_expert: DataLoader<ByParent<entities::expert_conflict::Entity>>,
    /// Rounds by id.
    pub rounds: DataLoader<ById<entities::round::Entity>>,
    /// Inspections by id.
    pub inspections: DataLoader<ById<entities::inspection::Entity>>,
    /// Roster entries by id.
    pub roster_entries: DataLoader<ById<entities::roster_entry::Entity>>,
}

impl Loaders {
    /// The loaders of one request.
    pub fn new(db: &DatabaseConnection, access: &Access) -> Loaders {
        use entities::*;
        let (d, a) = (db.clone(), access.clone());
        Loaders {
            organizations: ById::<organization::Entity>::new(
                d.clone(),
                a.clone(),
                Kind::Organization,
                organization::Column::Id,
                |m| m.id,
            ),
            users: ById::<user::Entity>::new(
                d.clone(),
                a.clone(),
                Kind::User,
                user::Column::Id,
                |m| m.id,
            ),
            role_assignments: ById::<role_assignment::Entity>::new(
                d.clone(),
                a.clone(),
                Kind::RoleAssignment,
                role_assignment::Column::Id,
                |m| m.id,
            ),
            assignments_by_user: ByParent::<role_assignment::Entity>::new(
                d.clone(),
                a.clone(),
                Kind::RoleAssignment,
                role_assignment::Column::UserId,
                |m| m.user_id,
            ),
            experts: ById::<expert::Entity>::new(
                d.clone(),
                a.clone(),
                Kind::Expert,
                expert::Column::Id,
                |m| m.id,
            ),
            expert_conflicts: ById::<expert_conflict::Entity>::new(
                d.clone(),
                a.clone(),
                Kind::ExpertConflict,
                expert_conflict::Column::Id,
                |m| m.id,
            ),
            conflicts_by_expert: ByParent::<expert_conflict::Entity>::new(
                d.clone(),
                a.clone(),
                Kind::ExpertConflict,
                expert_conflict::Column::ExpertId,
                |m| m.expert_id,
            ),
            rounds: ById::<round::Entity>::new(
                d.clone(),
                a.clone(),
                Kind::Round,
                round::Column::Id,
                |m| m.id,
            ),
            inspections: ById::<inspection::Entity>::new(
                d.clone(),
                a.clone(),
                Kind::Inspection,
                inspection::Column::Id,
                |m| m.id,
            ),
            roster_entries: ById::<roster_entry::Entity>::new(
                d,
                a,
                Kind::RosterEntry,
                roster_entry::Column::Id,
                |m| m.id,
            ),
        }
    }
}

/// The request's loaders.
pub fn loaders<'a>(ctx: &async_graphql::Context<'a>) -> crate::error::ApiResult<&'a Loaders> {
    super::context::data(ctx)
}

/// Loads one row that must exist for the caller (a relation of an object they can see).
pub async fn required<E>(
    loader: &DataLoader<ById<E>>,
    id: i32,
    what: &'static str,
) -> crate::error::ApiResult<E::Model>
where
    E: EntityTrait + Send + Sync,
    E::Model: Clone + Send + Sync,
    E::Column: Send + Sync,
{
    Ok(loader
        .load_one(id)
        .await?
        .ok_or(ServiceError::NotFound(what))?)
}
