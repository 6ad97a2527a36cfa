//! Relations read in a page's own statement: the to-one relation each row names
//! ([`ToOne`], a left join), how many children each row has ([`CountOf`], a subquery) and the
//! children themselves ([`ChildrenOf`], a subquery gathering them into one JSON array a row), when
//! the client asks for them of the page's rows.
//!
//! What the statement reads is exactly what the relation's loader would have read: the join's
//! condition, and the count's, is the related kind's reach for the caller, so that what is out of
//! reach is absent (or not counted) in the same way. What it read is kept in the request's
//! [`Loaders`], where the relation field finds it ([`Loaders::one`], [`Loaders::count`]) and runs
//! no statement of its own ([`Loaders::children_read`] for the children). A kind whose reads are
//! logged is never joined: its loader logs them.
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
    hash::Hash,
    marker::PhantomData,
    sync::Mutex,
};

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use sea_orm::{
    ColumnTrait, Condition, DbBackend, DbErr, EntityName, EntityTrait, IdenStatic, Iterable, ModelTrait, QueryResult,
    Value,
    sea_query::{Alias, ColumnType, Expr, ExprTrait, Func, JoinType, SelectStatement, SimpleExpr},
};

use super::{
    Object,
    columns::{self, Columns},
    loader::{Loaders, primary_key},
};
use crate::{
    error::{ServiceError, ServiceResult},
    gate::{Guarded, Within, counting, gathering, narrowing},
    pagination::{Also, chosen, read_row},
};

type Model<G> = <<G as Guarded>::Entity as EntityTrait>::Model;
type Column<G> = <<G as Guarded>::Entity as EntityTrait>::Column;

/// What pages' statements of one request read of their relations, by kind.
#[derive(Default)]
pub struct Kept(Mutex<HashMap<TypeId, Box<dyn Any + Send + Sync>>>);

/// What pages' statements read of one guarded kind `G`, by key, each with the columns read. It is
/// kept by `G`, not by its table: two kinds of one table (users and service credentials) reach
/// different rows.
struct Read<G, K, V>(HashMap<K, (V, Columns)>, PhantomData<G>);

impl<G, K: Hash + Eq, V: Clone> Read<G, K, V> {
    fn empty() -> Self {
        Read(HashMap::new(), PhantomData)
    }

    /// What is kept under `key`, if it was read with (at least) the columns `wanted`.
    fn covering(&self, key: &K, wanted: &Columns) -> Option<V> {
        self.0.get(key).filter(|(_, read)| columns::cover(read, wanted)).map(|(value, _)| value.clone())
    }

    /// Keeps `value`, read with `columns`, under `key`, unless what is kept there already has
    /// every one of those columns.
    fn keep(&mut self, key: K, value: V, columns: &Columns) {
        if !self.0.get(&key).is_some_and(|(_, read)| columns::cover(read, columns)) {
            self.0.insert(key, (value, columns.clone()));
        }
    }
}

/// Rows of `G` by id, as a join read them: `None` for an id the caller may not read or that names
/// nothing.
type Rows<G> = Read<G, i32, Option<Model<G>>>;

/// Counts of rows of `G` by the column counted by and the parent's id.
struct Counts<G: Guarded>(HashMap<(&'static str, i32), i64>, PhantomData<G>);

/// Rows of `G` by the column naming their parent and the parent's id, oldest first (every parent
/// of the page, those with none too).
type Children<G> = Read<G, (&'static str, i32), Vec<Model<G>>>;

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
        self.with(<Rows<G>>::empty, |rows| rows.covering(&id, wanted))
    }

    /// The rows of `G` that name `id` in `column`, if a page's statement read them with (at least)
    /// the columns `wanted`.
    pub fn children<G: Guarded>(&self, column: Column<G>, id: i32, wanted: &Columns) -> Option<Vec<Model<G>>>
    where
        Model<G>: Clone,
    {
        self.with(<Children<G>>::empty, |children| children.covering(&(column.as_str(), id), wanted))
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

    /// The rows of `T`'s kind under each row of a page of `P`, read in the page's own statement
    /// when the client asks for `field` of the rows (only the columns the client's fields of them
    /// read), as [`Loaders::count_within`] counts them; left to the loader otherwise, for a kind
    /// whose reads are logged, and for columns JSON cannot carry.
    pub fn children_within<T: Object, P: Guarded>(
        &self,
        ctx: &async_graphql::Context<'_>,
        field: &str,
    ) -> Result<ChildrenOf<'_, T::Guard, P::Entity>, ServiceError>
    where
        T::Guard: Within<P>,
    {
        let names = columns::read_by::<T>(columns::of_relation(ctx, field));
        let key = primary_key::<<T::Guard as Guarded>::Entity>();
        let columns = chosen::<<T::Guard as Guarded>::Entity>(&names, &[<T::Guard as Within<P>>::COLUMN, key])
            .unwrap_or_else(|| <Column<T::Guard>>::iter().collect());
        let wanted = !<T::Guard as Guarded>::LOG_READS
            && super::connection::rows_select(ctx, field)
            && columns.iter().all(|c| carried(c.def().get_column_type()));
        let reach = if wanted { self.deps.access.visible_within::<T::Guard, P>()? } else { None };
        Ok(ChildrenOf {
            loaders: self,
            column: <T::Guard as Within<P>>::COLUMN,
            reach,
            columns,
            names,
            page: PhantomData,
        })
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
        self.loaders.kept.with(<Rows<G>>::empty, |rows| {
            read.into_iter().for_each(|(id, joined)| rows.keep(id, joined, &self.columns))
        });
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

/// The rows of `G` under each row of a page of `E` (by one column), oldest first: a subquery
/// gathering, for each row of the page, what the caller may read of them into one JSON array of
/// arrays (`json_agg` on PostgreSQL, `json_group_array` on SQLite), a cell for each column read.
pub struct ChildrenOf<'a, G: Guarded, E: EntityTrait> {
    loaders: &'a Loaders,
    column: Column<G>,
    /// What the caller may read of `G`; `None` when the rows are not read here.
    reach: Option<Condition>,
    /// The columns of `G` read: those the client's fields read, the parent's and the id.
    columns: Vec<Column<G>>,
    /// The names of the columns the client's fields read, as the rows are kept under.
    names: Columns,
    page: PhantomData<E>,
}

impl<G, E> Also for ChildrenOf<'_, G, E>
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
        let postgres = self.loaders.deps.db.get_database_backend() == DbBackend::Postgres;
        let cells = self.columns.iter().map(|c| Expr::col((G::Entity::default(), *c)));
        let (row, all) = if postgres { ("json_build_array", "json_agg") } else { ("json_array", "json_group_array") };
        let mut gathered: Expr = Func::cust(Alias::new(all)).arg(Func::cust(Alias::new(row)).args(cells)).into();
        if postgres {
            // `json` has no text decoding of its own in the driver.
            gathered = Func::cast_as(gathered, Alias::new("text")).into();
        }
        let parent = Expr::col((G::Entity::default(), self.column)).equals((E::default(), primary_key::<E>()));
        let rows = gathering::<G::Entity>(gathered, reach.clone().add(parent));
        query.expr_as(SimpleExpr::SubQuery(None, Box::new(rows.into())), Alias::new(alias));
    }

    fn take(&self, rows: &[QueryResult], alias: &str) -> ServiceResult<()> {
        let (key, child_key) = (primary_key::<E>(), primary_key::<G::Entity>());
        let mut family = HashMap::new();
        for row in rows {
            let parent = row.try_get::<i32>("", key.as_str())?;
            // No children: NULL on PostgreSQL, `[]` on SQLite.
            let gathered = row.try_get::<Option<String>>("", alias)?.unwrap_or_default();
            let mut children = match gathered.as_str() {
                "" => Vec::new(),
                text => from_json::<G::Entity>(text, &self.columns)?,
            };
            children.sort_by_key(|m| super::loader::int_of(m.get(child_key)));
            family.insert((self.column.as_str(), parent), children);
        }
        self.loaders.kept.with(<Children<G>>::empty, |kept| {
            family.into_iter().for_each(|(parent, children)| kept.keep(parent, children, &self.names))
        });
        Ok(())
    }
}

/// Whether a JSON array carries a column of this type to [`from_json`] intact.
fn carried(column: &ColumnType) -> bool {
    matches!(
        column,
        ColumnType::Integer
            | ColumnType::SmallInteger
            | ColumnType::BigInteger
            | ColumnType::String(_)
            | ColumnType::Text
            | ColumnType::Char(_)
            | ColumnType::Boolean
            | ColumnType::Date
            | ColumnType::TimestampWithTimeZone
    )
}

/// The rows of `E` in a JSON array of arrays, each array the row's `columns` in order (the others
/// left blank, as [`crate::pagination::read_row`] leaves them).
fn from_json<E: EntityTrait>(text: &str, columns: &[E::Column]) -> Result<Vec<E::Model>, DbErr>
where
    E::Model: Default,
{
    let bad = |what: String| DbErr::Type(format!("a gathered row of {}: {what}", E::default().table_name()));
    let rows: Vec<Vec<serde_json::Value>> = serde_json::from_str(text).map_err(|e| bad(e.to_string()))?;
    let mut models = Vec::with_capacity(rows.len());
    for cells in rows {
        if cells.len() != columns.len() {
            return Err(bad(format!("{} cells for {} columns", cells.len(), columns.len())));
        }
        let mut model = E::Model::default();
        for (column, cell) in columns.iter().zip(cells) {
            let value = cell_value(column.def().get_column_type(), cell).ok_or_else(|| {
                bad(format!("{} does not hold a {:?}", column.as_str(), column.def().get_column_type()))
            })?;
            model.try_set(*column, value)?;
        }
        models.push(model);
    }
    Ok(models)
}

/// The value of one cell of a gathered row, read as its column's type; `None` when it does not
/// fit the type.
fn cell_value(column: &ColumnType, cell: serde_json::Value) -> Option<Value> {
    use serde_json::Value as J;
    if matches!(cell, J::Null) {
        return match column {
            ColumnType::Integer | ColumnType::SmallInteger => Some(Value::Int(None)),
            ColumnType::BigInteger => Some(Value::BigInt(None)),
            ColumnType::String(_) | ColumnType::Text | ColumnType::Char(_) => Some(Value::String(None)),
            ColumnType::Boolean => Some(Value::Bool(None)),
            ColumnType::Date => Some(Value::ChronoDate(None)),
            ColumnType::TimestampWithTimeZone => Some(Value::ChronoDateTimeUtc(None)),
            _ => None,
        };
    }
    Some(match (column, cell) {
        (ColumnType::Integer | ColumnType::SmallInteger, J::Number(n)) => {
            Value::Int(Some(i32::try_from(n.as_i64()?).ok()?))
        }
        (ColumnType::BigInteger, J::Number(n)) => Value::BigInt(Some(n.as_i64()?)),
        (ColumnType::String(_) | ColumnType::Text | ColumnType::Char(_), J::String(s)) => Value::String(Some(s)),
        (ColumnType::Boolean, J::Bool(b)) => Value::Bool(Some(b)),
        // SQLite keeps a boolean as 0 or 1.
        (ColumnType::Boolean, J::Number(n)) => Value::Bool(Some(n.as_i64()? != 0)),
        (ColumnType::Date, J::String(s)) => Value::ChronoDate(Some(NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok()?)),
        (ColumnType::TimestampWithTimeZone, J::String(s)) => Value::ChronoDateTimeUtc(Some(timestamp(&s)?)),
        _ => return None,
    })
}

/// A moment as PostgreSQL writes it in JSON (`2026-11-29T08:30:00.123456+00:00`) or as SQLite
/// keeps it (RFC 3339, or `2026-11-29 08:30:00` in UTC).
fn timestamp(s: &str) -> Option<DateTime<Utc>> {
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.with_timezone(&Utc));
    }
    if let Ok(t) = DateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S%.f%#z") {
        return Some(t.with_timezone(&Utc));
    }
    ["%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M:%S%.f"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
        .map(|t| t.and_utc())
}

#[cfg(test)]
mod tests {
    use sea_orm::sea_query::StringLen;
    use serde_json::json;

    use super::*;

    #[test]
    fn a_moment_is_read_as_either_database_writes_it() {
        let at = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap().and_hms_micro_opt(8, 30, 0, 123_456).unwrap().and_utc();
        for written in [
            "2026-11-29T08:30:00.123456+00:00",
            "2026-11-29T16:30:00.123456+08:00",
            "2026-11-29 08:30:00.123456+00:00",
            "2026-11-29 08:30:00.123456",
        ] {
            assert_eq!(timestamp(written), Some(at), "{written}");
        }
        assert_eq!(timestamp("29/11/2026"), None);
    }

    #[test]
    fn a_cell_is_read_as_its_column_or_not_at_all() {
        let text = ColumnType::String(StringLen::None);
        assert_eq!(cell_value(&ColumnType::Integer, json!(7)), Some(Value::Int(Some(7))));
        assert_eq!(cell_value(&ColumnType::Integer, json!(1_i64 << 40)), None);
        assert_eq!(cell_value(&ColumnType::Boolean, json!(1)), Some(Value::Bool(Some(true))));
        assert_eq!(cell_value(&ColumnType::Boolean, json!(false)), Some(Value::Bool(Some(false))));
        assert_eq!(cell_value(&text, json!("null")), Some(Value::String(Some("null".into()))));
        assert_eq!(cell_value(&text, json!(null)), Some(Value::String(None)));
        assert_eq!(cell_value(&text, json!(3)), None);
        assert_eq!(
            cell_value(&ColumnType::Date, json!("2026-11-29")),
            Some(Value::ChronoDate(NaiveDate::from_ymd_opt(2026, 11, 29)))
        );
        assert_eq!(cell_value(&ColumnType::Blob, json!("AAAA")), None);
        assert!(!carried(&ColumnType::Blob));
    }
}
