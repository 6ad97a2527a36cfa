//! Nested connections: a parent's children as a page with its `totalCount` (an inspection's
//! findings, a round's inspections), for every parent of a page at once.
//!
//! The first `n` children of every parent, and how many each has, come from one statement
//! (`ROW_NUMBER()` and `COUNT(*) OVER (PARTITION BY parent ...)` over the caller's reach); a
//! count-only page (`first: 0`) reads the counts alone (`GROUP BY parent`): a page of 100 parents
//! costs the same statements as a page of ten. A nested page is ordered as the root list's default order and its cursors are the root
//! list's: to read past it, pass the last cursor to the root list with the parent as its filter.

use std::{collections::HashMap, marker::PhantomData, sync::Arc};

use async_graphql::dataloader::Loader;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, QuerySelect, QueryTrait,
    sea_query::{Alias, Asterisk, Expr, ExprTrait, Func, Query, WindowStatement},
};

use super::{
    Object, columns,
    loader::{Deps, LoadError, loaders},
};
use crate::{
    error::{ApiResult, ServiceError},
    gate::Guarded,
    pagination::{self, Counter, Ordering, Page, TOTAL, read_row},
};

/// The column the window numbers rows in.
const ROW_NUMBER: &str = "nested_row_number";

/// How the children of one kind hang from their parent: the column naming the parent, and the
/// order of the root list they continue.
pub trait Nesting: Send + Sync + 'static {
    /// The kind of the children.
    type Guard: Guarded;
    /// The object each child is shown as (what its fields read decides the columns read).
    type Object: Object<Guard = Self::Guard>;
    /// The column naming the parent.
    fn parent() -> <<Self::Guard as Guarded>::Entity as EntityTrait>::Column;
    /// The root list's default order.
    fn ordering() -> Ordering<<Self::Guard as Guarded>::Entity>;
}

type Table<N> = <<N as Nesting>::Guard as Guarded>::Entity;
type Model<N> = <<<N as Nesting>::Guard as Guarded>::Entity as EntityTrait>::Model;

/// The first `n` rows of each parent, with the columns named (by `(parent, n, columns)`), and the
/// count of all of them, taken in the same statement (which tells whether more follow).
pub struct FirstOf<N: Nesting>(Deps, PhantomData<N>);

/// A parent, how many of its children, and which of their columns (a bit for each, in the order of
/// the entity's columns; `None` for every column).
type FirstKey = (i32, u64, Option<u64>);

impl<N: Nesting> Loader<FirstKey> for FirstOf<N>
where
    Model<N>: Clone + Send + Sync + FromQueryResult + Default,
{
    type Value = (Vec<Model<N>>, u64);
    type Error = LoadError;

    async fn load(&self, keys: &[FirstKey]) -> Result<HashMap<FirstKey, Self::Value>, LoadError> {
        let Deps { db, access } = &self.0;
        let Some(visible) = access.visible::<N::Guard>()? else {
            return Ok(HashMap::new());
        };
        let mut by_n: HashMap<(u64, Option<u64>), Vec<i32>> = HashMap::new();
        for (parent, n, columns) in keys {
            by_n.entry((*n, *columns)).or_default().push(*parent);
        }
        let ordering = N::ordering();
        let mut answer = HashMap::new();
        for ((n, named), parents) in by_n {
            let mut window = WindowStatement::partition_by(N::parent());
            window.order_by(ordering.column, ordering.order.clone()).order_by(ordering.id_column, sea_orm::Order::Asc);
            // The columns the client's fields read, with the parent's, the order's and the id.
            let columns = pagination::chosen::<Table<N>>(
                &columns::of_bits::<Table<N>>(named),
                &[N::parent(), ordering.column, ordering.id_column],
            );
            let rows = visible.clone().filter(N::parent().is_in(parents.iter().copied()));
            let rows = match &columns {
                Some(columns) => rows.select_only().columns(columns.iter().copied()),
                None => rows,
            };
            let mut inner = rows.into_query();
            inner.expr_window_as(Func::cust(Alias::new("ROW_NUMBER")), window, Alias::new(ROW_NUMBER));
            inner.expr_window_as(
                Expr::col(Asterisk).count(),
                WindowStatement::partition_by(N::parent()),
                Alias::new(TOTAL),
            );
            let mut outer = Query::select();
            outer
                .column(Asterisk)
                .from_subquery(inner, Alias::new("nested"))
                .and_where(Expr::col(Alias::new(ROW_NUMBER)).lte(n))
                // The window's own order: PostgreSQL hands its rows on without sorting them again.
                .order_by(N::parent(), sea_orm::Order::Asc)
                .order_by(ordering.column, ordering.order.clone())
                .order_by(ordering.id_column, sea_orm::Order::Asc);
            // The inner read is the caller's reach (`visible`): the window only numbers its rows.
            let read = db.query_all(&outer).await.map_err(ServiceError::from)?;
            let mut grouped: HashMap<i32, (Vec<Model<N>>, u64)> =
                parents.iter().map(|p| (*p, (Vec::new(), 0))).collect();
            for row in &read {
                let model = read_row::<Table<N>>(row, "", columns.as_deref()).map_err(ServiceError::from)?;
                let total = row.try_get::<i64>("", TOTAL).map_err(ServiceError::from)?;
                if let Some(parent) = parent_of::<N>(&model) {
                    let entry = grouped.entry(parent).or_default();
                    entry.0.push(model);
                    entry.1 = u64::try_from(total).unwrap_or(0);
                }
            }
            answer.extend(grouped.into_iter().map(|(p, rows)| ((p, n, named), rows)));
        }
        Ok(answer)
    }
}

/// How many rows each parent has in the caller's reach.
pub struct CountOf<N: Nesting>(Deps, PhantomData<N>);

impl<N: Nesting> Loader<i32> for CountOf<N> {
    type Value = u64;
    type Error = LoadError;

    async fn load(&self, keys: &[i32]) -> Result<HashMap<i32, u64>, LoadError> {
        let Deps { db, access } = &self.0;
        let mut answer: HashMap<i32, u64> = keys.iter().map(|k| (*k, 0)).collect();
        let Some(visible) = access.visible::<N::Guard>()? else {
            return Ok(answer);
        };
        let counts: Vec<(i32, i64)> = visible
            .filter(N::parent().is_in(keys.iter().copied()))
            .select_only()
            .column(N::parent())
            .column_as(Expr::col(Asterisk).count(), "n")
            .group_by(N::parent())
            .into_tuple()
            .all(db)
            .await
            .map_err(ServiceError::from)?;
        answer.extend(counts.into_iter().map(|(p, n)| (p, n as u64)));
        Ok(answer)
    }
}

fn parent_of<N: Nesting>(m: &Model<N>) -> Option<i32> {
    use sea_orm::ModelTrait;
    match m.get(N::parent()) {
        sea_orm::Value::Int(Some(n)) => Some(n),
        _ => None,
    }
}

/// The first `first` children of `parent` (0 to 100, default 20) as a page of the root list, with
/// the count of all of them on demand; when the kind logs its reads, those returned are logged.
pub async fn page<N: Nesting>(
    ctx: &async_graphql::Context<'_>,
    parent: i32,
    first: Option<i32>,
) -> ApiResult<Page<Model<N>>>
where
    Model<N>: Clone + Send + Sync + FromQueryResult + Default,
{
    let request = super::connection::page_request(ctx, first, None)?;
    let columns = columns::bits::<Table<N>>(&columns::read_by::<N::Object>(columns::of_rows(ctx)));
    let n = pagination::page_size(&request)?;
    let loaders = loaders(ctx)?;
    // A count-only page (`first: 0`) reads no row: whether rows follow is the count's to say.
    // The rows come with their parent's count; a count-only page (`first: 0`) reads no row.
    let (mut rows, total) = if n == 0 {
        let counter = loaders.get("", |deps| CountOf::<N>(deps, PhantomData));
        (Vec::new(), counter.load_one(parent).await?.unwrap_or(0))
    } else {
        loaders
            .get("", |deps| FirstOf::<N>(deps, PhantomData))
            .load_one((parent, n, columns))
            .await?
            .unwrap_or_default()
    };
    let has_next_page = total > n;
    rows.truncate(n as usize);
    let count: Counter = Arc::new(move || Box::pin(async move { Ok(total) }));
    let mut page = pagination::page_of(rows, has_next_page, &N::ordering(), &request, count);
    if <N::Guard as Guarded>::LOG_READS {
        let rc = super::context::request(ctx)?;
        let id = N::ordering().id;
        let ids = page.rows.iter().map(|(_, m)| id(m)).collect();
        page.read_log = Some(crate::gate::log::on_return(&rc.db, &rc.access, <N::Guard as Guarded>::KIND, ids));
    }
    Ok(page)
}
