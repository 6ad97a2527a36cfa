//! Relations read in a page's own statement: the to-one relation each row names
//! ([`ToOne`], a left join) and how many children each row has ([`CountOf`], a subquery), when
//! the client asks for them of the page's rows.
//!
//! What the statement reads is exactly what the relation's loader would have read: the join's
//! condition, and the count's, is the related kind's reach for the caller, so that what is out of
//! reach is absent (or not counted) in the same way. What it read is kept in the request's
//! [`Loaders`], where the relation field finds it ([`Loaders::one`], [`Loaders::count`]) and runs
//! no statement of its own. A kind whose reads are logged is never joined: its loader logs them.
//! A joined row holds only the columns the client's fields of the relation read
//! ([`super::columns`]), and is kept with their names: a field that wants a column it lacks (the
//! same row reached another way in the same request) reads the row whole through its loader.
//!
//! A list's resolver passes them to its service, which hands them to
//! [`crate::pagination::fetch_also`]:
//!
//! ```ignore
//! let unit = loaders(ctx)?.to_one::<Organization, inspection::Entity>(ctx, "unit", inspection::Column::UnitId)?;
//! service::list_inspections(&rc.db, &rc.access, filter, order, &page, &[&unit]).await?;
//! ```

use std::{
    any::{Any, TypeId},
    collections::HashMap,
    marker::PhantomData,
    sync::Mutex,
};

use sea_orm::{
    ColumnTrait, Condition, EntityName, EntityTrait, IdenStatic, Iterable, QueryResult,
    sea_query::{Alias, Expr, ExprTrait, JoinType, SelectStatement, SimpleExpr},
};

use super::{
    Object,
    columns::{self, Columns},
    loader::{Loaders, primary_key},
};
use crate::{
    error::{ServiceError, ServiceResult},
    gate::{Guarded, Within, counting, narrowing},
    pagination::{Also, chosen, read_row},
};

type Model<G> = <<G as Guarded>::Entity as EntityTrait>::Model;
type Column<G> = <<G as Guarded>::Entity as EntityTrait>::Column;

/// What pages' statements of one request read of their relations, by kind.
#[derive(Default)]
pub struct Kept(Mutex<HashMap<TypeId, Box<dyn Any + Send + Sync>>>);

/// Rows of `G` by id, as a join read them, with the columns read: `None` for an id the caller may
/// not read or that names nothing.
struct Rows<G: Guarded>(HashMap<i32, (Option<Model<G>>, Columns)>);

/// Counts of rows of `G` by the column counted by and the parent's id.
struct Counts<G: Guarded>(HashMap<(&'static str, i32), i64>, PhantomData<G>);

impl Kept {
    /// Runs `f` on what is kept under `T`, made empty by `empty` on first use.
    fn with<T: Send + Sync + 'static, R>(&self, empty: impl FnOnce() -> T, f: impl FnOnce(&mut T) -> R) -> R {
        let mut kept = self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(found) = kept.get_mut(&TypeId::of::<T>()).and_then(|k| k.downcast_mut::<T>()) {
            return f(found);
        }
        let mut fresh = empty();
        let out = f(&mut fresh);
        kept.insert(TypeId::of::<T>(), Box::new(fresh));
        out
    }

    /// The row `id` of `G`, if a page's statement read it with (at least) the columns `wanted`.
    pub fn row<G: Guarded>(&self, id: i32, wanted: &Columns) -> Option<Option<Model<G>>>
    where
        Model<G>: Clone,
    {
        self.with(
            || Rows::<G>(HashMap::new()),
            |rows| rows.0.get(&id).filter(|(_, read)| columns::cover(read, wanted)).map(|(row, _)| row.clone()),
        )
    }

    /// How many rows of `G` name `id` in `column`, if a page's statement counted them.
    pub fn count<G: Guarded>(&self, column: Column<G>, id: i32) -> Option<i64> {
        self.with(|| Counts::<G>(HashMap::new(), PhantomData), |counts| counts.0.get(&(column.as_str(), id)).copied())
    }
}

impl Loaders {
    /// The row of `T`'s kind that each row of a page of `E` names in `column`, read in the page's
    /// own statement when the client asks for `field` of the rows (only the columns the client's
    /// fields of it read); left to the loader otherwise, and for a kind whose reads are logged.
    pub fn to_one<T: Object, E: EntityTrait>(
        &self,
        ctx: &async_graphql::Context<'_>,
        field: &str,
        column: E::Column,
    ) -> Result<ToOne<'_, T::Guard, E>, ServiceError> {
        let wanted = !<T::Guard as Guarded>::LOG_READS && super::connection::rows_select(ctx, field);
        let reach = if wanted { self.deps.access.visible_by_id_reach::<T::Guard>()? } else { None };
        let columns = columns::read_by::<T>(columns::of_relation(ctx, field));
        Ok(ToOne { loaders: self, column, reach, columns, kind: PhantomData })
    }

    /// How many rows of `G` name each row of a page of `E` in `column`, counted in the page's own
    /// statement when the client asks for `field` of the rows; left to the loader otherwise.
    /// `G` and `E` must be different tables.
    pub fn count_of<G: Guarded, E: EntityTrait>(
        &self,
        ctx: &async_graphql::Context<'_>,
        field: &str,
        column: Column<G>,
    ) -> Result<CountOf<'_, G, E>, ServiceError> {
        let wanted = super::connection::rows_select(ctx, field);
        let reach = if wanted { self.deps.access.visible_reach::<G>()? } else { None };
        Ok(CountOf { loaders: self, column, reach, page: PhantomData })
    }

    /// [`Loaders::count_of`] for a kind [`Within`] the page's: for a caller whose every grant
    /// that reads the page's kind also reads `G`, the count is of the rows in force that name the
    /// page's row, without deriving again the reach the page's row is already within
    /// ([`crate::gate::Access::visible_within`]). Only for a page read within the caller's reach,
    /// as every list is.
    pub fn count_within<G: Within<P>, P: Guarded>(
        &self,
        ctx: &async_graphql::Context<'_>,
        field: &str,
    ) -> Result<CountOf<'_, G, P::Entity>, ServiceError> {
        let wanted = super::connection::rows_select(ctx, field);
        let reach = if wanted { self.deps.access.visible_within::<G, P>()? } else { None };
        Ok(CountOf { loaders: self, column: G::COLUMN, reach, page: PhantomData })
    }
}

/// The row of `G` each row of a page of `E` names in one column: a left join on what the caller
/// may read of `G` by id (for the office and the leadership group, withdrawn rows too).
pub struct ToOne<'a, G: Guarded, E: EntityTrait> {
    loaders: &'a Loaders,
    column: E::Column,
    /// What the caller may read of `G` by id; `None` when the relation is not read here.
    reach: Option<Condition>,
    /// The columns of `G` read.
    columns: Columns,
    kind: PhantomData<G>,
}

impl<G, E> ToOne<'_, G, E>
where
    G: Guarded,
    E: EntityTrait,
{
    /// The columns of `G` read.
    fn read(&self) -> Vec<Column<G>> {
        chosen::<G::Entity>(&self.columns, &[]).unwrap_or_else(|| <Column<G>>::iter().collect())
    }
}

impl<G, E> Also for ToOne<'_, G, E>
where
    G: Guarded,
    E: EntityTrait,
    Model<G>: Clone + Send + Sync + Default,
{
    fn joined(&self) -> bool {
        self.reach.is_some()
    }

    fn add(&self, query: &mut SelectStatement, alias: &str) {
        let Some(reach) = &self.reach else { return };
        let table = Alias::new(alias);
        let key = primary_key::<G::Entity>();
        let mut on = Condition::all().add(Expr::col((table.clone(), key)).equals((E::default(), self.column)));
        if !reach.is_empty() {
            on = on.add(Expr::col((table.clone(), key)).in_subquery(narrowing::<G::Entity>(key, reach.clone())));
        }
        query.join_as(JoinType::LeftJoin, G::Entity::default().table_ref(), table.clone(), on);
        for column in self.read() {
            let name = Alias::new(format!("{alias}_{}", column.as_str()));
            query.expr_as(column.select_as(Expr::col((table.clone(), column))), name);
        }
    }

    fn take(&self, rows: &[QueryResult], alias: &str) -> ServiceResult<()> {
        let prefix = format!("{alias}_");
        let key = primary_key::<G::Entity>();
        let columns = chosen::<G::Entity>(&self.columns, &[]);
        let mut read = HashMap::new();
        for row in rows {
            let Some(id) = row.try_get::<Option<i32>>("", self.column.as_str())? else { continue };
            let joined = match row.try_get::<Option<i32>>(&prefix, key.as_str())? {
                Some(_) => Some(read_row::<G::Entity>(row, &prefix, columns.as_deref())?),
                None => None,
            };
            read.insert(id, joined);
        }
        self.loaders.kept.with(
            || Rows::<G>(HashMap::new()),
            |rows| {
                for (id, joined) in read {
                    // A row already kept with every column this read has stays as it is.
                    let wider = rows.0.get(&id).is_some_and(|(_, kept)| columns::cover(kept, &self.columns));
                    if !wider {
                        rows.0.insert(id, (joined, self.columns.clone()));
                    }
                }
            },
        );
        Ok(())
    }
}

/// How many rows of `G` name each row of a page of `E` in one column: a subquery counting what the
/// caller may read of `G`.
pub struct CountOf<'a, G: Guarded, E: EntityTrait> {
    loaders: &'a Loaders,
    column: Column<G>,
    /// What the caller may read of `G`; `None` when the count is not taken here.
    reach: Option<Condition>,
    page: PhantomData<E>,
}

impl<G: Guarded, E: EntityTrait> Also for CountOf<'_, G, E> {
    fn joined(&self) -> bool {
        self.reach.is_some()
    }

    fn add(&self, query: &mut SelectStatement, alias: &str) {
        let Some(reach) = &self.reach else { return };
        let parent = Expr::col((G::Entity::default(), self.column)).equals((E::default(), primary_key::<E>()));
        let count = counting::<G::Entity>(reach.clone().add(parent));
        query.expr_as(SimpleExpr::SubQuery(None, Box::new(count.into())), Alias::new(alias));
    }

    fn take(&self, rows: &[QueryResult], alias: &str) -> ServiceResult<()> {
        let key = primary_key::<E>();
        let mut counted = HashMap::new();
        for row in rows {
            counted
                .insert((self.column.as_str(), row.try_get::<i32>("", key.as_str())?), row.try_get::<i64>("", alias)?);
        }
        self.loaders.kept.with(|| Counts::<G>(HashMap::new(), PhantomData), |counts| counts.0.extend(counted));
        Ok(())
    }
}
