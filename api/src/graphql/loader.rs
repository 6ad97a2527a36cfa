//! The DataLoaders every relation field and `node(id)` go through.
//!
//! They read only rows in the caller's reach, in one `WHERE ... IN (...)` per batch; a row out of
//! reach is simply not in the answer, exactly like a missing one.
//!
//! Batching is made deterministic by a [`PollGate`]: a loader's batch is taken only between two
//! polls of the request, never in the middle of one, so every key that one pass over a page
//! asks for lands in the same batch however slow the machine is. That is what lets the tests pin
//! the number of statements a request runs.

use std::{
    any::{Any, TypeId},
    collections::HashMap,
    future::Future,
    marker::PhantomData,
    pin::Pin,
    sync::{Arc, Mutex},
    task::{Context, Poll, Waker},
};

use async_graphql::dataloader::{DataLoader, Loader};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, ModelTrait, QueryFilter, QueryOrder};

use super::joined::Kept;
use crate::{
    error::ServiceError,
    gate::{Access, Guarded},
};

/// A loader error, shareable between the fields waiting on one batch.
#[derive(Clone, Debug)]
pub struct LoadError(pub Arc<ServiceError>);

impl From<LoadError> for ServiceError {
    fn from(e: LoadError) -> ServiceError {
        match &*e.0 {
            ServiceError::Unauthenticated(m) => ServiceError::Unauthenticated(m.clone()),
            ServiceError::Unavailable(sea_orm::DbErr::ConnectionAcquire(why)) => {
                ServiceError::Unavailable(sea_orm::DbErr::ConnectionAcquire(*why))
            }
            _ => ServiceError::Internal(anyhow::Error::new(e).context("a batch load failed")),
        }
    }
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &*self.0 {
            // The batch's own cause, so that the log shows the whole chain.
            ServiceError::Internal(cause) => write!(f, "{cause:#}"),
            other => write!(f, "{other}"),
        }
    }
}

impl std::error::Error for LoadError {}

impl From<ServiceError> for LoadError {
    fn from(e: ServiceError) -> Self {
        LoadError(Arc::new(e))
    }
}

/// Lets a loader take its batch only when the request has nothing more to do at once (see the
/// module doc).
///
/// A request's resolvers ask for keys while the request is being polled; async-graphql polls a
/// long list in several passes (it yields every few dozen items and wakes itself). So a batch
/// is taken only while the request is neither being polled nor woken for another pass: then
/// every key one wave of resolvers wanted is in it.
///
/// The batches run in tasks of their own; each carries the request's statement tally (see
/// `crate::metrics`), so what a batch runs counts on the request it serves.
#[derive(Clone, Default)]
pub struct PollGate {
    turn: Arc<Mutex<()>>,
    state: Arc<Mutex<GateState>>,
    tally: Option<Arc<std::sync::atomic::AtomicUsize>>,
}

#[derive(Default)]
struct GateState {
    /// The request has been woken and will be polled again.
    request_woken: bool,
    /// Batch tasks waiting for the request to settle.
    waiting: Vec<Waker>,
    /// The request is gone (answered, or dropped when its client left or its time ran out): its
    /// batches run freely, so that none waits forever holding a database connection.
    request_gone: bool,
}

impl PollGate {
    /// The gate of the request being served here, its batches counted on its tally.
    pub fn of_request() -> PollGate {
        PollGate { tally: crate::metrics::current_tally(), ..PollGate::default() }
    }

    /// Runs a request's execution under the gate.
    pub fn request<F: Future>(&self, future: F) -> GatedRequest<F> {
        GatedRequest { inner: Box::pin(future), gate: self.clone() }
    }

    /// Spawns a loader's batch task under this gate.
    pub fn spawner(&self) -> impl Fn(futures::future::BoxFuture<'static, ()>) + Send + Sync + 'static {
        let gate = self.clone();
        move |task| {
            tokio::spawn(GatedBatch { inner: task, gate: gate.clone() });
        }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, GateState> {
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// A request's execution, polled under a [`PollGate`].
pub struct GatedRequest<F: Future> {
    inner: Pin<Box<F>>,
    gate: PollGate,
}

/// Notes that the request was woken, then wakes it.
struct FlagWaker {
    state: Arc<Mutex<GateState>>,
    inner: Waker,
}

impl futures::task::ArcWake for FlagWaker {
    fn wake_by_ref(arc_self: &Arc<Self>) {
        arc_self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).request_woken = true;
        arc_self.inner.wake_by_ref();
    }
}

impl<F: Future> Future for GatedRequest<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let gate = self.gate.clone();
        let _turn = gate.turn.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        gate.state().request_woken = false;
        let waker = futures::task::waker(Arc::new(FlagWaker { state: gate.state.clone(), inner: cx.waker().clone() }));
        let out = self.inner.as_mut().poll(&mut Context::from_waker(&waker));
        let settled = {
            let mut state = gate.state();
            if out.is_pending() && state.request_woken { Vec::new() } else { std::mem::take(&mut state.waiting) }
        };
        settled.into_iter().for_each(Waker::wake);
        out
    }
}

impl<F: Future> Drop for GatedRequest<F> {
    fn drop(&mut self) {
        let waiting = {
            let mut state = self.gate.state();
            state.request_gone = true;
            std::mem::take(&mut state.waiting)
        };
        waiting.into_iter().for_each(Waker::wake);
    }
}

/// A loader's batch task, polled under a [`PollGate`].
struct GatedBatch {
    inner: futures::future::BoxFuture<'static, ()>,
    gate: PollGate,
}

impl Future for GatedBatch {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let gate = self.gate.clone();
        let _turn = gate.turn.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        {
            let mut state = gate.state();
            if state.request_woken && !state.request_gone {
                state.waiting.push(cx.waker().clone());
                return Poll::Pending;
            }
        }
        let tally = gate.tally.as_ref();
        crate::metrics::with_tally(tally, || self.inner.as_mut().poll(cx))
    }
}

/// What a loader needs of the request: the database and the caller's access.
#[derive(Clone)]
pub struct Deps {
    /// The database.
    pub db: DatabaseConnection,
    /// The caller's access: the gate.
    pub access: Access,
}

/// Loads rows of `G` by id within the caller's reach; when `G` logs its reads, each row read is
/// written to the access log before it is returned.
pub struct ById<G: Guarded>(Deps, PhantomData<G>);

impl<G> Loader<i32> for ById<G>
where
    G: Guarded,
    <G::Entity as EntityTrait>::Model: Clone + Send + Sync,
{
    type Value = <G::Entity as EntityTrait>::Model;
    type Error = LoadError;

    async fn load(&self, keys: &[i32]) -> Result<HashMap<i32, Self::Value>, LoadError> {
        let Deps { db, access } = &self.0;
        let Some(visible) = access.visible_by_id::<G>()? else {
            return Ok(HashMap::new());
        };
        let rows = visible
            .filter(primary_key::<G::Entity>().is_in(keys.iter().copied()))
            .all(db)
            .await
            .map_err(ServiceError::from)?;
        let rows: HashMap<i32, Self::Value> = rows.into_iter().map(|m| (row_id::<G::Entity>(&m), m)).collect();
        if G::LOG_READS {
            let ids: Vec<i32> = rows.keys().copied().collect();
            crate::gate::log::record_many(db, access, G::KIND, crate::gate::Action::Read, &ids).await?;
        }
        Ok(rows)
    }
}

/// Loads the rows of `G` that belong to each parent id (by one column), within the caller's reach,
/// oldest first: whole, or only the columns named (with the parent's and the id).
pub struct ByParent<G: Guarded> {
    deps: Deps,
    column: <G::Entity as EntityTrait>::Column,
    columns: Option<Vec<<G::Entity as EntityTrait>::Column>>,
}

impl<G> Loader<i32> for ByParent<G>
where
    G: Guarded,
    <G::Entity as EntityTrait>::Model: Clone + Send + Sync + Default,
{
    type Value = Vec<<G::Entity as EntityTrait>::Model>;
    type Error = LoadError;

    async fn load(&self, keys: &[i32]) -> Result<HashMap<i32, Self::Value>, LoadError> {
        use sea_orm::{ConnectionTrait, QuerySelect, QueryTrait};
        let Deps { db, access } = &self.deps;
        let Some(visible) = access.visible::<G>()? else {
            return Ok(HashMap::new());
        };
        let visible = visible.filter(self.column.is_in(keys.iter().copied())).order_by_asc(primary_key::<G::Entity>());
        let rows = match &self.columns {
            None => visible.all(db).await.map_err(ServiceError::from)?,
            Some(columns) => {
                let statement = visible.select_only().columns(columns.iter().copied()).into_query();
                let read = db.query_all(&statement).await.map_err(ServiceError::from)?;
                read.iter()
                    .map(|row| crate::pagination::read_row::<G::Entity>(row, "", Some(columns)))
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(ServiceError::from)?
            }
        };
        let mut map: HashMap<i32, Self::Value> = HashMap::new();
        for m in rows {
            if let Some(parent) = int_of(m.get(self.column)) {
                map.entry(parent).or_default().push(m);
            }
        }
        Ok(map)
    }
}

/// Counts the rows of `G` that belong to each parent id (by one column), within the caller's
/// reach: one `GROUP BY` per batch, no row read.
pub struct CountByParent<G: Guarded> {
    deps: Deps,
    column: <G::Entity as EntityTrait>::Column,
}

impl<G: Guarded> Loader<i32> for CountByParent<G> {
    type Value = i64;
    type Error = LoadError;

    async fn load(&self, keys: &[i32]) -> Result<HashMap<i32, i64>, LoadError> {
        use sea_orm::{QuerySelect, sea_query::Expr};
        let Deps { db, access } = &self.deps;
        let Some(visible) = access.visible::<G>()? else {
            return Ok(HashMap::new());
        };
        let counts: Vec<(i32, i64)> = visible
            .select_only()
            .column(self.column)
            .expr(Expr::cust("COUNT(*)"))
            .filter(self.column.is_in(keys.iter().copied()))
            .group_by(self.column)
            .into_tuple()
            .all(db)
            .await
            .map_err(ServiceError::from)?;
        Ok(counts.into_iter().collect())
    }
}

/// The primary key column of a table whose key is one whole number.
pub(crate) fn primary_key<E: EntityTrait>() -> E::Column {
    use sea_orm::{Iterable, PrimaryKeyToColumn};
    E::PrimaryKey::iter().next().map(PrimaryKeyToColumn::into_column).unwrap_or_else(|| unreachable_key::<E>())
}

#[allow(clippy::panic)]
fn unreachable_key<E: EntityTrait>() -> E::Column {
    // Every table of `entities` has a primary key; a table without one cannot be guarded.
    panic!("table {} has no primary key", E::default().table_name())
}

fn row_id<E: EntityTrait>(m: &E::Model) -> i32 {
    use sea_orm::ModelTrait;
    int_of(m.get(primary_key::<E>())).unwrap_or_default()
}

pub(super) fn int_of(v: sea_orm::Value) -> Option<i32> {
    match v {
        sea_orm::Value::Int(Some(n)) => Some(n),
        _ => None,
    }
}

/// Most keys one batch loads in one statement.
const MAX_BATCH: usize = 30_000;

/// A loader's type, and the column it loads by (empty when by id).
/// A loader's type, the column it loads by (empty when by id), and the columns it reads (as
/// [`super::columns::bits`]; `None` when whole).
type LoaderKey = (TypeId, &'static str, Option<u64>);

/// Every loader of one request, made on first use, batching under the request's [`PollGate`].
/// A kind's loaders need no registration: [`Loaders::by_id`] and [`Loaders::by_parent`] make
/// them from the kind's [`Guarded`] declaration; an area's own loaders come through
/// [`Loaders::get`].
pub struct Loaders {
    gate: PollGate,
    pub(super) deps: Deps,
    made: Mutex<HashMap<LoaderKey, Arc<dyn Any + Send + Sync>>>,
    /// What pages' statements read of their relations.
    pub(super) kept: Kept,
}

impl Loaders {
    /// The loaders of one request.
    pub fn new(gate: &PollGate, db: &DatabaseConnection, access: &Access) -> Loaders {
        Loaders {
            gate: gate.clone(),
            deps: Deps { db: db.clone(), access: access.clone() },
            made: Mutex::new(HashMap::new()),
            kept: Kept::default(),
        }
    }

    /// The row `id` of `G`, if the caller may read it: as a page's statement read it
    /// ([`super::joined::ToOne`]) with at least the columns `wanted`, or whole by [`ById`].
    pub async fn one<G: Guarded>(
        &self,
        id: i32,
        wanted: &super::columns::Columns,
    ) -> Result<Option<<G::Entity as EntityTrait>::Model>, LoadError>
    where
        <G::Entity as EntityTrait>::Model: Clone + Send + Sync,
    {
        match self.kept.row::<G>(id, wanted) {
            Some(row) => Ok(row),
            None => self.by_id::<G>().load_one(id).await,
        }
    }

    /// The rows of `G` (by `column`) the caller may read under the parent `id`, oldest first, with
    /// at least the columns `wanted`: as a page's statement read them
    /// ([`super::joined::ChildrenOf`]), or by [`ByParent`].
    pub async fn children_read<G: Guarded>(
        &self,
        column: <G::Entity as EntityTrait>::Column,
        id: i32,
        wanted: &super::columns::Columns,
    ) -> Result<Vec<<G::Entity as EntityTrait>::Model>, LoadError>
    where
        <G::Entity as EntityTrait>::Model: Clone + Send + Sync + Default,
    {
        match self.kept.children::<G>(column, id, wanted) {
            Some(rows) => Ok(rows),
            None => Ok(self.by_parent_reading::<G>(column, wanted).load_one(id).await?.unwrap_or_default()),
        }
    }

    /// How many rows of `G` (by `column`) the caller may read under the parent `id`: as a page's
    /// statement counted them ([`super::joined::CountOf`]), or by [`CountByParent`].
    pub async fn count<G: Guarded>(
        &self,
        column: <G::Entity as EntityTrait>::Column,
        id: i32,
    ) -> Result<i64, LoadError> {
        match self.kept.count::<G>(column, id) {
            Some(n) => Ok(n),
            None => Ok(self.count_by_parent::<G>(column).load_one(id).await?.unwrap_or(0)),
        }
    }

    /// The request's loader `L` (under `name`, for loaders of one type over several columns),
    /// made by `make` on first use.
    pub fn get<L: Send + Sync + 'static>(
        &self,
        name: &'static str,
        make: impl FnOnce(Deps) -> L,
    ) -> Arc<DataLoader<L>> {
        self.get_reading(name, None, make)
    }

    /// [`Loaders::get`] for a loader that reads only the columns `reading` (bits, see
    /// [`super::columns::bits`]): one loader for each set of columns.
    fn get_reading<L: Send + Sync + 'static>(
        &self,
        name: &'static str,
        reading: Option<u64>,
        make: impl FnOnce(Deps) -> L,
    ) -> Arc<DataLoader<L>> {
        let key = (TypeId::of::<L>(), name, reading);
        let mut made = self.made.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(found) = made.get(&key).and_then(|l| Arc::clone(l).downcast::<DataLoader<L>>().ok()) {
            return found;
        }
        // One statement per relation whatever the page holds: async-graphql splits a batch of more
        // than 1,000 keys (a page of plans with their lines reaches thousands), so the batch is
        // bounded only below SQLite's 32,766 bound parameters.
        // No delay either: async-graphql waits a millisecond by default before taking a batch, on a
        // timer thread of its own; the poll gate already takes it when the request has settled.
        let loader = Arc::new(
            DataLoader::new(make(self.deps.clone()), self.gate.spawner())
                .max_batch_size(MAX_BATCH)
                .delay(std::time::Duration::ZERO),
        );
        made.insert(key, loader.clone());
        loader
    }

    /// Rows of `G` by id.
    pub fn by_id<G: Guarded>(&self) -> Arc<DataLoader<ById<G>>> {
        self.get("", |deps| ById(deps, PhantomData))
    }

    /// Rows of `G` by the parent id in `column`.
    pub fn by_parent<G: Guarded>(&self, column: <G::Entity as EntityTrait>::Column) -> Arc<DataLoader<ByParent<G>>> {
        use sea_orm::IdenStatic;
        self.get(column.as_str(), |deps| ByParent { deps, column, columns: None })
    }

    /// Rows of `G` by the parent id in `column`, with only the columns `reading` (and the
    /// parent's and the id).
    pub fn by_parent_reading<G: Guarded>(
        &self,
        column: <G::Entity as EntityTrait>::Column,
        reading: &super::columns::Columns,
    ) -> Arc<DataLoader<ByParent<G>>> {
        use sea_orm::IdenStatic;
        let bits = super::columns::bits::<G::Entity>(reading);
        let columns = crate::pagination::chosen::<G::Entity>(
            &super::columns::of_bits::<G::Entity>(bits),
            &[column, primary_key::<G::Entity>()],
        );
        self.get_reading(column.as_str(), bits, |deps| ByParent { deps, column, columns })
    }

    /// How many rows of `G` each parent id in `column` has.
    pub fn count_by_parent<G: Guarded>(
        &self,
        column: <G::Entity as EntityTrait>::Column,
    ) -> Arc<DataLoader<CountByParent<G>>> {
        use sea_orm::IdenStatic;
        self.get(column.as_str(), |deps| CountByParent { deps, column })
    }
}

/// The request's loaders.
pub fn loaders<'a>(ctx: &async_graphql::Context<'a>) -> crate::error::ApiResult<&'a Loaders> {
    super::context::data(ctx)
}

/// The columns the client's fields of the object `T` the field of `ctx` returns read.
fn wanted<T: super::Object>(ctx: &async_graphql::Context<'_>) -> super::columns::Columns {
    super::columns::read_by::<T>(ctx.field().selection_set())
}

/// Loads the row `id` of `G` that must exist for the caller (a relation of an object they can
/// see), as the API object `T`.
pub async fn required<T: super::Object>(ctx: &async_graphql::Context<'_>, id: i32) -> crate::error::ApiResult<T>
where
    <<T::Guard as Guarded>::Entity as EntityTrait>::Model: Clone + Send + Sync,
{
    let row = loaders(ctx)?.one::<T::Guard>(id, &wanted::<T>(ctx)).await?;
    Ok(row.map(T::from).ok_or(ServiceError::NotFound(<T::Guard as Guarded>::KIND.name()))?)
}

/// Loads the row `id` of `G`, if the caller may see it, as the API object `T`.
pub async fn optional<T: super::Object>(
    ctx: &async_graphql::Context<'_>,
    id: Option<i32>,
) -> crate::error::ApiResult<Option<T>>
where
    <<T::Guard as Guarded>::Entity as EntityTrait>::Model: Clone + Send + Sync,
{
    match id {
        Some(id) => Ok(loaders(ctx)?.one::<T::Guard>(id, &wanted::<T>(ctx)).await?.map(T::from)),
        None => Ok(None),
    }
}

/// Loads the rows of `G` under the parent `id` (by `column`), as API objects `T`.
pub async fn children<T: super::Object>(
    ctx: &async_graphql::Context<'_>,
    column: <<T::Guard as Guarded>::Entity as EntityTrait>::Column,
    id: i32,
) -> crate::error::ApiResult<Vec<T>>
where
    <<T::Guard as Guarded>::Entity as EntityTrait>::Model: Clone + Send + Sync + Default,
{
    let wanted = wanted::<T>(ctx);
    let rows = loaders(ctx)?.children_read::<T::Guard>(column, id, &wanted).await?;
    Ok(rows.into_iter().map(T::from).collect())
}
