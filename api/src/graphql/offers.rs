//! `availableTransitions`: what the caller may do next with an object, by the same gate and state
//! machine that decide the mutations, for a whole page in one statement per transition.
//!
//! An area declares its transitions as [`Offer`]s: the states each starts from, the reach the
//! gate gives the caller for its action, and what else must hold of the row (the records it
//! needs), in SQL. A field then asks [`offered`]; the rows of one page are weighed together.

use std::{collections::HashMap, marker::PhantomData};

use async_graphql::{Context, dataloader::Loader};
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter, QuerySelect, Select};

use super::loader::{Deps, LoadError, loaders, primary_key};
use crate::{
    error::{ApiResult, ServiceError, ServiceResult},
    gate::{Access, Guarded},
};

/// One transition of a kind of record `E`, as `availableTransitions` weighs it.
pub struct Offer<E: EntityTrait, T: 'static, S: 'static> {
    /// The transition, as the schema names it.
    pub transition: T,
    /// The states it starts from.
    pub from: &'static [S],
    /// The rows the caller may take it on: the gate's select for its action (`FORBIDDEN` when the
    /// policy allows none of the caller's roles).
    pub reach: fn(&Access) -> ServiceResult<Select<E>>,
    /// What else its mutation requires of the row, as a condition on it.
    pub holds: fn(&Access) -> Condition,
}

/// Nothing more than the state and the reach.
pub fn always(_: &Access) -> Condition {
    Condition::all()
}

/// The transitions of `offers` the caller may take on row `id` of `G`, now in state `status`, as
/// the schema's enum `R` names them.
pub async fn offered<G, T, S, R>(
    ctx: &Context<'_>,
    id: i32,
    status: &S,
    offers: &'static [Offer<G::Entity, T, S>],
) -> ApiResult<Vec<R>>
where
    G: Guarded,
    T: Copy + Send + Sync + 'static,
    S: PartialEq + Send + Sync + 'static,
    R: From<T>,
{
    let loader = loaders(ctx)?.get(std::any::type_name::<T>(), |deps| Offers::<G> {
        deps,
        checks: offers.iter().map(|o| (o.reach, o.holds)).collect(),
        kind: PhantomData,
    });
    // Only the transitions the state allows are weighed; the loader asks the policy once per batch.
    let candidates: Vec<(usize, T)> =
        offers.iter().enumerate().filter(|(_, o)| o.from.contains(status)).map(|(i, o)| (i, o.transition)).collect();
    let weighed = futures::future::try_join_all(candidates.iter().map(|(i, _)| loader.load_one((*i, id)))).await?;
    Ok(candidates.into_iter().zip(weighed).filter(|(_, ok)| ok.unwrap_or(false)).map(|((_, t), _)| t.into()).collect())
}

type Check<E> = (fn(&Access) -> ServiceResult<Select<E>>, fn(&Access) -> Condition);

/// Weighs (transition, row) pairs: for each transition asked, one statement selecting the ids of
/// the rows asked that the caller reaches for it and on which what it requires holds.
struct Offers<G: Guarded> {
    deps: Deps,
    checks: Vec<Check<G::Entity>>,
    kind: PhantomData<G>,
}

impl<G: Guarded> Loader<(usize, i32)> for Offers<G> {
    type Value = bool;
    type Error = LoadError;

    async fn load(&self, keys: &[(usize, i32)]) -> Result<HashMap<(usize, i32), bool>, LoadError> {
        let Deps { db, access } = &self.deps;
        let mut asked: HashMap<usize, Vec<i32>> = HashMap::new();
        for (t, id) in keys {
            asked.entry(*t).or_default().push(*id);
        }
        let mut found = HashMap::new();
        for (t, ids) in asked {
            let Some((reach, holds)) = self.checks.get(t) else { continue };
            let reach = match reach(access) {
                Ok(c) => c,
                Err(ServiceError::Forbidden) => continue,
                Err(e) => return Err(e.into()),
            };
            let key = primary_key::<G::Entity>();
            let yes: Vec<i32> = reach
                .select_only()
                .column(key)
                .filter(holds(access))
                .filter(key.is_in(ids))
                .into_tuple()
                .all(db)
                .await
                .map_err(ServiceError::from)?;
            found.extend(yes.into_iter().map(|id| ((t, id), true)));
        }
        Ok(found)
    }
}
