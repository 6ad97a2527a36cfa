//! The DataLoaders every relation field and `node(id)` go through.
//!
//! They read only rows in the caller's scope, in one `WHERE ... IN (...)` per batch; a row out of
//! scope is simply not in the answer, exactly like a missing one.
//!
//! Batching is made deterministic by a [`PollGate`]: a loader's batch is taken only between two
//! polls of the request, never in the middle of one, so every key that one pass over a page
//! asks for lands in the same batch however slow the machine is. That is what lets the tests pin
//! the number of statements a request runs.

use std::{
    collections::HashMap,
    future::Future,
    marker::PhantomData,
    pin::Pin,
    sync::{Arc, Mutex},
    task::{Context, Poll, Waker},
};

use async_graphql::dataloader::{DataLoader, Loader};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

use crate::{
    error::ServiceError,
    gate::{Access, RecordKind},
};

/// A loader error, shareable between the fields waiting on one batch.
#[derive(Clone, Debug)]
pub struct LoadError(pub Arc<ServiceError>);

impl From<LoadError> for ServiceError {
    fn from(e: LoadError) -> ServiceError {
        match &*e.0 {
            ServiceError::Unauthenticated(m) => ServiceError::Unauthenticated(m.clone()),
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
#[derive(Clone, Default)]
pub struct PollGate {
    turn: Arc<Mutex<()>>,
    state: Arc<Mutex<GateState>>,
}

#[derive(Default)]
struct GateState {
    /// The request has been woken and will be polled again.
    request_woken: bool,
    /// Batch tasks waiting for the request to settle.
    waiting: Vec<Waker>,
}

impl PollGate {
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
            if state.request_woken {
                state.waiting.push(cx.waker().clone());
                return Poll::Pending;
            }
        }
        self.inner.as_mut().poll(cx)
    }
}

/// Loads rows of `E` by id within the caller's scope for `kind`.
pub struct ById<E: EntityTrait> {
    db: DatabaseConnection,
    access: Access,
    kind: RecordKind,
    id_column: E::Column,
    id_of: fn(&E::Model) -> i32,
    _entity: PhantomData<E>,
}

impl<E: EntityTrait> ById<E> {
    /// A scoped loader (wrap it in a `DataLoader`).
    pub fn new(
        gate: &PollGate,
        db: DatabaseConnection,
        access: Access,
        kind: RecordKind,
        id_column: E::Column,
        id_of: fn(&E::Model) -> i32,
    ) -> DataLoader<Self> {
        DataLoader::new(ById { db, access, kind, id_column, id_of, _entity: PhantomData }, gate.spawner())
    }
}

impl<E> Loader<i32> for ById<E>
where
    E: EntityTrait + Send + Sync,
    E::Model: Clone + Send + Sync,
    E::Column: Send + Sync,
{
    type Value = E::Model;
    type Error = LoadError;

    async fn load(&self, keys: &[i32]) -> Result<HashMap<i32, E::Model>, LoadError> {
        let Some(scope) = self.access.visible(self.kind)? else {
            return Ok(HashMap::new());
        };
        let rows = E::find()
            .filter(scope)
            .filter(self.id_column.is_in(keys.iter().copied()))
            .all(&self.db)
            .await
            .map_err(ServiceError::from)?;
        Ok(rows.into_iter().map(|m| ((self.id_of)(&m), m)).collect())
    }
}

/// Loads rows of `E` by id within the caller's scope for `kind`, writing each row read to the
/// access log before it is returned (clues, referrals).
pub struct Logged<E: EntityTrait>(ById<E>);

impl<E: EntityTrait> Logged<E> {
    /// A scoped, logging loader (wrap it in a `DataLoader`).
    pub fn new(
        gate: &PollGate,
        db: DatabaseConnection,
        access: Access,
        kind: RecordKind,
        id_column: E::Column,
        id_of: fn(&E::Model) -> i32,
    ) -> DataLoader<Self> {
        DataLoader::new(Logged(ById { db, access, kind, id_column, id_of, _entity: PhantomData }), gate.spawner())
    }
}

impl<E> Loader<i32> for Logged<E>
where
    E: EntityTrait + Send + Sync,
    E::Model: Clone + Send + Sync,
    E::Column: Send + Sync,
{
    type Value = E::Model;
    type Error = LoadError;

    async fn load(&self, keys: &[i32]) -> Result<HashMap<i32, E::Model>, LoadError> {
        let rows = self.0.load(keys).await?;
        let ids: Vec<i32> = rows.keys().copied().collect();
        let inner = &self.0;
        crate::audit::service::record_many(&inner.db, &inner.access, inner.kind, crate::gate::Action::Read, &ids)
            .await?;
        Ok(rows)
    }
}

/// The names of partner agencies, which are public: a team sees which agency its clue went to.
pub struct AgencyNames(DatabaseConnection);

impl Loader<i32> for AgencyNames {
    type Value = String;
    type Error = LoadError;

    async fn load(&self, keys: &[i32]) -> Result<HashMap<i32, String>, LoadError> {
        use entities::{OrganizationKind, organization};
        let rows = organization::Entity::find()
            .filter(organization::Column::Kind.eq(OrganizationKind::PartnerAgency))
            .filter(organization::Column::Id.is_in(keys.iter().copied()))
            .all(&self.0)
            .await
            .map_err(ServiceError::from)?;
        Ok(rows.into_iter().map(|o| (o.id, o.name)).collect())
    }
}

/// Loads the rows of `E` that belong to each parent id, within the caller's scope for `kind`.
pub struct ByParent<E: EntityTrait> {
    db: DatabaseConnection,
    access: Access,
    kind: RecordKind,
    parent_column: E::Column,
    parent_of: fn(&E::Model) -> i32,
    _entity: PhantomData<E>,
}

impl<E: EntityTrait> ByParent<E> {
    /// A scoped one-to-many loader (wrap it in a `DataLoader`).
    pub fn new(
        gate: &PollGate,
        db: DatabaseConnection,
        access: Access,
        kind: RecordKind,
        parent_column: E::Column,
        parent_of: fn(&E::Model) -> i32,
    ) -> DataLoader<Self> {
        DataLoader::new(ByParent { db, access, kind, parent_column, parent_of, _entity: PhantomData }, gate.spawner())
    }
}

impl<E> Loader<i32> for ByParent<E>
where
    E: EntityTrait + Send + Sync,
    E::Model: Clone + Send + Sync,
    E::Column: Send + Sync,
{
    type Value = Vec<E::Model>;
    type Error = LoadError;

    async fn load(&self, keys: &[i32]) -> Result<HashMap<i32, Vec<E::Model>>, LoadError> {
        let Some(scope) = self.access.visible(self.kind)? else {
            return Ok(HashMap::new());
        };
        let rows = E::find()
            .filter(scope)
            .filter(self.parent_column.is_in(keys.iter().copied()))
            .all(&self.db)
            .await
            .map_err(ServiceError::from)?;
        let mut map: HashMap<i32, Vec<E::Model>> = HashMap::new();
        for m in rows {
            map.entry((self.parent_of)(&m)).or_default().push(m);
        }
        Ok(map)
    }
}

/// Every loader of a request, built once per request over the caller's access.
pub struct Loaders {
    /// Organisations by id.
    pub organizations: DataLoader<ById<entities::organization::Entity>>,
    /// Users by id.
    pub users: DataLoader<ById<entities::user::Entity>>,
    /// Role assignments by id.
    pub role_assignments: DataLoader<ById<entities::role_assignment::Entity>>,
    /// Role assignments by user.
    pub assignments_by_user: DataLoader<ByParent<entities::role_assignment::Entity>>,
    /// Experts by id.
    pub experts: DataLoader<ById<entities::expert::Entity>>,
    /// Conflicts by id.
    pub expert_conflicts: DataLoader<ById<entities::expert_conflict::Entity>>,
    /// Conflicts by expert.
    pub conflicts_by_expert: DataLoader<ByParent<entities::expert_conflict::Entity>>,
    /// Rounds by id.
    pub rounds: DataLoader<ById<entities::round::Entity>>,
    /// Inspections by id.
    pub inspections: DataLoader<ById<entities::inspection::Entity>>,
    /// Roster entries by id.
    pub roster_entries: DataLoader<ById<entities::roster_entry::Entity>>,
    /// Findings by id.
    pub findings: DataLoader<ById<entities::finding::Entity>>,
    /// Clues by id (each read logged).
    pub clues: DataLoader<Logged<entities::clue::Entity>>,
    /// Persons named in clues, by id (each read logged).
    pub clue_persons: DataLoader<Logged<entities::clue_person::Entity>>,
    /// Persons named in clues, by clue.
    pub persons_by_clue: DataLoader<ByParent<entities::clue_person::Entity>>,
    /// Petitions by id.
    pub petitions: DataLoader<ById<entities::petition::Entity>>,
    /// Reporters' identities by petition (each read logged).
    pub petition_identities: DataLoader<crate::petitions::loader::IdentityLoader>,
    /// Recommendations by id.
    pub recommendations: DataLoader<ById<entities::recommendation::Entity>>,
    /// The findings each recommendation answers.
    pub findings_of_recommendation: DataLoader<crate::recommendations::loader::FindingsOfRecommendation>,
    /// Reports by id.
    pub reports: DataLoader<ById<entities::report::Entity>>,
    /// Reports by inspection.
    pub report_by_inspection: DataLoader<ByParent<entities::report::Entity>>,
    /// Feedback documents by id.
    pub feedbacks: DataLoader<ById<entities::feedback::Entity>>,
    /// Feedback documents by inspection.
    pub feedback_by_inspection: DataLoader<ByParent<entities::feedback::Entity>>,
    /// Access log entries by id.
    pub access_log: DataLoader<ById<entities::access_log::Entity>>,
    /// Referrals by id (each read logged).
    pub referrals: DataLoader<Logged<entities::referral::Entity>>,
    /// Dispositions by id.
    pub dispositions: DataLoader<ById<entities::disposition::Entity>>,
    /// Dispositions by referral.
    pub dispositions_by_referral: DataLoader<ByParent<entities::disposition::Entity>>,
    /// Partner agencies' names by id.
    pub agency_names: DataLoader<AgencyNames>,
    /// Rectification tasks by id.
    pub rectification_tasks: DataLoader<ById<entities::rectification_task::Entity>>,
    /// Progress reports by id.
    pub progress_reports: DataLoader<ById<entities::progress_report::Entity>>,
    /// Progress reports by task.
    pub progress_by_task: DataLoader<ByParent<entities::progress_report::Entity>>,
    /// Rectification tasks by the recommendation they answer.
    pub tasks_by_recommendation: DataLoader<ByParent<entities::rectification_task::Entity>>,
    /// Regulations by id.
    pub regulations: DataLoader<ById<entities::regulation::Entity>>,
    /// Interview sessions by id.
    pub interview_sessions: DataLoader<ById<entities::interview_session::Entity>>,
    /// Interviewed units by session.
    pub interviewees_by_session: DataLoader<ByParent<entities::interviewee::Entity>>,
    /// Accountability records by id.
    pub accountability_records: DataLoader<ById<entities::accountability_record::Entity>>,
    /// Evidence files by id.
    pub evidence_files: DataLoader<ById<entities::evidence_file::Entity>>,
    /// Evidence files by progress report.
    pub evidence_by_report: DataLoader<ByParent<entities::evidence_file::Entity>>,
    /// Evidence files by task.
    pub evidence_by_task: DataLoader<ByParent<entities::evidence_file::Entity>>,
}

impl Loaders {
    /// The loaders of one request, batching under `gate`.
    pub fn new(gate: &PollGate, db: &DatabaseConnection, access: &Access) -> Loaders {
        use entities::*;
        macro_rules! by_id {
            ($entity:ident, $kind:expr) => {
                ById::<$entity::Entity>::new(gate, db.clone(), access.clone(), $kind, $entity::Column::Id, |m| m.id)
            };
        }
        macro_rules! logged {
            ($entity:ident, $kind:expr) => {
                Logged::<$entity::Entity>::new(gate, db.clone(), access.clone(), $kind, $entity::Column::Id, |m| m.id)
            };
        }
        macro_rules! by_parent {
            ($entity:ident, $kind:expr, $column:ident, $field:ident) => {
                ByParent::<$entity::Entity>::new(
                    gate,
                    db.clone(),
                    access.clone(),
                    $kind,
                    $entity::Column::$column,
                    |m| m.$field,
                )
            };
        }
        Loaders {
            organizations: by_id!(organization, RecordKind::Organization),
            users: by_id!(user, RecordKind::User),
            role_assignments: by_id!(role_assignment, RecordKind::RoleAssignment),
            assignments_by_user: by_parent!(role_assignment, RecordKind::RoleAssignment, UserId, user_id),
            experts: by_id!(expert, RecordKind::Expert),
            expert_conflicts: by_id!(expert_conflict, RecordKind::ExpertConflict),
            conflicts_by_expert: by_parent!(expert_conflict, RecordKind::ExpertConflict, ExpertId, expert_id),
            rounds: by_id!(round, RecordKind::Round),
            inspections: by_id!(inspection, RecordKind::Inspection),
            roster_entries: by_id!(roster_entry, RecordKind::RosterEntry),
            findings: by_id!(finding, RecordKind::Finding),
            clues: logged!(clue, RecordKind::Clue),
            referrals: logged!(referral, RecordKind::Referral),
            dispositions: by_id!(disposition, RecordKind::Disposition),
            dispositions_by_referral: by_parent!(disposition, RecordKind::Disposition, ReferralId, referral_id),
            agency_names: DataLoader::new(AgencyNames(db.clone()), gate.spawner()),
            rectification_tasks: by_id!(rectification_task, RecordKind::RectificationTask),
            progress_reports: by_id!(progress_report, RecordKind::ProgressReport),
            regulations: by_id!(regulation, RecordKind::Regulation),
            interview_sessions: by_id!(interview_session, RecordKind::InterviewSession),
            interviewees_by_session: by_parent!(interviewee, RecordKind::Interviewee, SessionId, session_id),
            accountability_records: by_id!(accountability_record, RecordKind::AccountabilityRecord),
            evidence_files: by_id!(evidence_file, RecordKind::EvidenceFile),
            evidence_by_report: by_parent!(
                evidence_file,
                RecordKind::EvidenceFile,
                ProgressReportId,
                progress_report_id
            ),
            evidence_by_task: by_parent!(evidence_file, RecordKind::EvidenceFile, TaskId, task_id),
            progress_by_task: by_parent!(progress_report, RecordKind::ProgressReport, TaskId, task_id),
            tasks_by_recommendation: by_parent!(
                rectification_task,
                RecordKind::RectificationTask,
                RecommendationId,
                recommendation_id
            ),
            clue_persons: logged!(clue_person, RecordKind::CluePerson),
            persons_by_clue: by_parent!(clue_person, RecordKind::CluePerson, ClueId, clue_id),
            petitions: by_id!(petition, RecordKind::Petition),
            petition_identities: DataLoader::new(
                crate::petitions::loader::IdentityLoader { db: db.clone(), access: access.clone() },
                gate.spawner(),
            ),
            recommendations: by_id!(recommendation, RecordKind::Recommendation),
            findings_of_recommendation: DataLoader::new(
                crate::recommendations::loader::FindingsOfRecommendation { db: db.clone(), access: access.clone() },
                gate.spawner(),
            ),
            reports: by_id!(report, RecordKind::Report),
            report_by_inspection: by_parent!(report, RecordKind::Report, InspectionId, inspection_id),
            feedbacks: by_id!(feedback, RecordKind::Feedback),
            feedback_by_inspection: by_parent!(feedback, RecordKind::Feedback, InspectionId, inspection_id),
            access_log: by_id!(access_log, RecordKind::AccessLogEntry),
        }
    }
}

/// The request's loaders.
pub fn loaders<'a>(ctx: &async_graphql::Context<'a>) -> crate::error::ApiResult<&'a Loaders> {
    super::context::data(ctx)
}

/// Loads one row that must exist for the caller (a relation of an object they can see).
pub async fn required<E>(loader: &DataLoader<ById<E>>, id: i32, what: &'static str) -> crate::error::ApiResult<E::Model>
where
    E: EntityTrait + Send + Sync,
    E::Model: Clone + Send + Sync,
    E::Column: Send + Sync,
{
    Ok(loader.load_one(id).await?.ok_or(ServiceError::NotFound(what))?)
}
