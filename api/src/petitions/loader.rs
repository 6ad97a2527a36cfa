//! The reporter's identity, loaded apart from the petition: only rows in the caller's identity
//! scope come back, and each one read is written to the access log first.

use std::collections::HashMap;

use async_graphql::dataloader::Loader;
use entities::petition;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect};

use crate::{
    audit,
    error::ServiceError,
    gate::{Access, Action, RecordKind},
    graphql::loader::LoadError,
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
pub struct IdentityLoader {
    /// The database.
    pub db: DatabaseConnection,
    /// The caller.
    pub access: Access,
}

impl Loader<i32> for IdentityLoader {
    type Value = Identity;
    type Error = LoadError;

    async fn load(&self, keys: &[i32]) -> Result<HashMap<i32, Identity>, LoadError> {
        let Some(scope) = self.access.visible(RecordKind::PetitionIdentity)? else {
            return Ok(HashMap::new());
        };
        let rows: Vec<(i32, Option<String>, Option<String>)> = petition::Entity::find()
            .select_only()
            .columns([petition::Column::Id, petition::Column::ReporterName, petition::Column::ReporterContact])
            .filter(scope)
            .filter(petition::Column::Id.is_in(keys.iter().copied()))
            .into_tuple()
            .all(&self.db)
            .await
            .map_err(ServiceError::from)?;
        let ids: Vec<i32> = rows.iter().map(|r| r.0).collect();
        audit::service::record_many(&self.db, &self.access, RecordKind::PetitionIdentity, Action::Read, &ids).await?;
        Ok(rows.into_iter().map(|(id, name, contact)| (id, Identity { name, contact })).collect())
    }
}
