//! The findings each recommendation answers, in the caller's finding scope (a unit sees only
//! those its feedback carries). Two statements per batch, whatever the page size.

use std::collections::HashMap;

use async_graphql::dataloader::Loader;
use entities::{finding, recommendation_finding};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

use crate::{
    error::ServiceError,
    gate::{Access, RecordKind},
    graphql::loader::LoadError,
};

/// Loads the findings of recommendations.
pub struct FindingsOfRecommendation {
    /// The database.
    pub db: DatabaseConnection,
    /// The caller.
    pub access: Access,
}

impl Loader<i32> for FindingsOfRecommendation {
    type Value = Vec<finding::Model>;
    type Error = LoadError;

    async fn load(&self, keys: &[i32]) -> Result<HashMap<i32, Vec<finding::Model>>, LoadError> {
        let Some(scope) = self.access.visible(RecordKind::Finding)? else {
            return Ok(HashMap::new());
        };
        let links = recommendation_finding::Entity::find()
            .filter(recommendation_finding::Column::RecommendationId.is_in(keys.iter().copied()))
            .all(&self.db)
            .await
            .map_err(ServiceError::from)?;
        let findings: HashMap<i32, finding::Model> = finding::Entity::find()
            .filter(scope)
            .filter(finding::Column::Id.is_in(links.iter().map(|l| l.finding_id)))
            .all(&self.db)
            .await
            .map_err(ServiceError::from)?
            .into_iter()
            .map(|f| (f.id, f))
            .collect();
        let mut out: HashMap<i32, Vec<finding::Model>> = HashMap::new();
        for l in links {
            if let Some(f) = findings.get(&l.finding_id) {
                out.entry(l.recommendation_id).or_default().push(f.clone());
            }
        }
        for list in out.values_mut() {
            list.sort_by_key(|f| f.id);
        }
        Ok(out)
    }
}
