//! The accounts that must recuse from an inspection (回避): those holding a role on its team whose
//! linked expert has a conflict with its unit. The gate already keeps the inspection from them;
//! this flags them for the office and the leadership group, who read the conflicts.

use std::collections::HashMap;

use async_graphql::dataloader::Loader;
use entities::expert_conflict;
use sea_orm::{ConnectionTrait, Statement};

use crate::{
    error::ServiceError,
    gate::Action,
    graphql::loader::{Deps, LoadError},
};

/// Loads, by inspection id, the ids of the accounts that must recuse from it; nothing for callers
/// who may not read conflicts.
pub struct RecusedLoader(pub Deps);

impl Loader<i32> for RecusedLoader {
    type Value = Vec<i32>;
    type Error = LoadError;

    async fn load(&self, keys: &[i32]) -> Result<HashMap<i32, Vec<i32>>, LoadError> {
        let Deps { db, access } = &self.0;
        if access.permit::<expert_conflict::Entity>(Action::Read).is_err() {
            return Ok(HashMap::new());
        }
        // The keys are the ids of inspections already read: whole numbers, written as such.
        let ids = keys.iter().map(i32::to_string).collect::<Vec<_>>().join(", ");
        let sql = format!(
            "SELECT i.id AS inspection_id, ra.user_id AS user_id FROM inspections i \
             JOIN role_assignments ra ON ra.organization_id = i.team_id \
               AND ra.role IN ('TEAM_LEADER', 'TEAM_MEMBER') AND (ra.round_id IS NULL OR ra.round_id = i.round_id) \
             JOIN experts e ON e.user_id = ra.user_id \
             JOIN expert_conflicts c ON c.expert_id = e.id AND c.unit_id = i.unit_id \
             WHERE i.id IN ({ids}) ORDER BY ra.user_id"
        );
        let rows = db
            .query_all_raw(Statement::from_string(db.get_database_backend(), sql))
            .await
            .map_err(ServiceError::from)?;
        let mut map: HashMap<i32, Vec<i32>> = HashMap::new();
        for row in rows {
            let inspection: i32 = row.try_get("", "inspection_id").map_err(ServiceError::from)?;
            let user: i32 = row.try_get("", "user_id").map_err(ServiceError::from)?;
            let users = map.entry(inspection).or_default();
            if !users.contains(&user) {
                users.push(user);
            }
        }
        Ok(map)
    }
}
