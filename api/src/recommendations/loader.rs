//! The findings each recommendation answers, in the caller's finding scope (a unit sees only
//! those its feedback carries). Two statements per batch, whatever the page size.

use std::collections::HashMap;

use async_graphql::dataloader::Loader;
use entities::{finding, recommendation_finding};
use sea_orm::{ColumnTrait, QueryFilter};

use crate::{
    error::ServiceError,
    gate::unscoped,
    graphql::loader::{Deps, LoadError},
};

/// Loads the findings of recommendations.
pub struct FindingsOfRecommendation(pub Deps);

impl Loader<i32> for FindingsOfRecommendation {
    type Value = Vec<finding::Model>;
    type Error = LoadError;

    async fn load(&self, keys: &[i32]) -> Result<HashMap<i32, Vec<finding::Model>>, LoadError> {
        let Deps { db, access } = &self.0;
        let Some(visible) = access.visible::<finding::Entity>()? else {
            return Ok(HashMap::new());
        };
        let links =
            unscoped::<recommendation_finding::Entity>("the links only: the findings they name are read in reach")
                .filter(recommendation_finding::Column::RecommendationId.is_in(keys.iter().copied()))
                .all(db)
                .await
                .map_err(ServiceError::from)?;
        let findings: HashMap<i32, finding::Model> = visible
            .filter(finding::Column::Id.is_in(links.iter().map(|l| l.finding_id)))
            .all(db)
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
