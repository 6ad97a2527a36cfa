//! Clues by id, for `node(id)`: in the caller's scope only, and each one read is logged before
//! it is returned.

use std::collections::HashMap;

use async_graphql::dataloader::Loader;
use entities::clue;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

use crate::{
    audit,
    error::ServiceError,
    gate::{Access, Action, Kind},
    graphql::loader::LoadError,
};

/// Loads clues by id, logging each read.
pub struct ClueLoader {
    /// The database.
    pub db: DatabaseConnection,
    /// The caller.
    pub access: Access,
}

impl Loader<i32> for ClueLoader {
    type Value = clue::Model;
    type Error = LoadError;

    async fn load(&self, keys: &[i32]) -> Result<HashMap<i32, clue::Model>, LoadError> {
        let Some(scope) = self.access.visible(Kind::Clue)? else {
            return Ok(HashMap::new());
        };
        let rows = clue::Entity::find()
            .filter(scope)
            .filter(clue::Column::Id.is_in(keys.iter().copied()))
            .all(&self.db)
            .await
            .map_err(ServiceError::from)?;
        let ids: Vec<i32> = rows.iter().map(|r| r.id).collect();
        audit::service::record_many(&self.db, &self.access, Kind::Clue, Action::Read, &ids).await?;
        Ok(rows.into_iter().map(|m| (m.id, m)).collect())
    }
}
