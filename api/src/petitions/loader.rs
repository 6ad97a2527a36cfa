//! The reporter's identity, loaded apart from the petition: only rows in the caller's identity
//! scope come back, and each one read is written to the access log first.

use std::collections::HashMap;

use async_graphql::dataloader::Loader;
use entities::petition;
use sea_orm::{ColumnTrait, QueryFilter, QuerySelect};

use super::scope::PetitionIdentity;
use crate::{
    error::ServiceError,
    gate::{Action, Guarded, log},
    graphql::loader::{Deps, LoadError},
};

/// A reporter's name and contact.
#[derive(Debug, Clone)]
pub struct Identity {
    /// The name, if given.
    pub name: Option<String>,
    /// The contact, if given.
    pub contact: Option<String>,
}

/// Loads reporters' identities by petition id.
pub struct IdentityLoader(pub Deps);

impl Loader<i32> for IdentityLoader {
    type Value = Identity;
    type Error = LoadError;

    async fn load(&self, keys: &[i32]) -> Result<HashMap<i32, Identity>, LoadError> {
        let Deps { db, access } = &self.0;
        let Some(visible) = access.visible::<PetitionIdentity>()? else {
            return Ok(HashMap::new());
        };
        let rows: Vec<(i32, Option<String>, Option<String>)> = visible
            .select_only()
            .columns([petition::Column::Id, petition::Column::ReporterName, petition::Column::ReporterContact])
            .filter(petition::Column::Id.is_in(keys.iter().copied()))
            .into_tuple()
            .all(db)
            .await
            .map_err(ServiceError::from)?;
        let ids: Vec<i32> = rows.iter().map(|r| r.0).collect();
        log::record_many(db, access, PetitionIdentity::KIND, Action::Read, &ids).await?;
        Ok(rows.into_iter().map(|(id, name, contact)| (id, Identity { name, contact })).collect())
    }
}
