//! The names of partner agencies, which are public: a team sees which agency its clue went to.

use std::collections::HashMap;

use async_graphql::dataloader::Loader;
use entities::{OrganizationKind, organization};
use sea_orm::{ColumnTrait, QueryFilter};

use crate::{
    error::ServiceError,
    gate::unscoped,
    graphql::loader::{Deps, LoadError},
};

/// Loads partner agencies' names by id.
pub struct AgencyNames(pub Deps);

impl Loader<i32> for AgencyNames {
    type Value = String;
    type Error = LoadError;

    async fn load(&self, keys: &[i32]) -> Result<HashMap<i32, String>, LoadError> {
        let rows = unscoped::<organization::Entity>("the names of partner agencies are public")
            .filter(organization::Column::Kind.eq(OrganizationKind::PartnerAgency))
            .filter(organization::Column::Id.is_in(keys.iter().copied()))
            .all(&self.0.db)
            .await
            .map_err(ServiceError::from)?;
        Ok(rows.into_iter().map(|o| (o.id, o.name)).collect())
    }
}
