//! The access gate: every resolver's one way to the data.
//!
//! casbin (the files in `policies/`) answers whether a role may take an action on a kind of
//! record; each kind's [`Guarded::reach`] (beside the kind, in its area's `scope.rs`) turns each of
//! the caller's assignments that the policy allows into a SQL condition, so that lists, counts,
//! `node(id)` and nested fields read only rows in scope. Deny by default: no policy line, no
//! access; no reach, no rows.
//!
//! Rows are read through the gate's constructors ([`Access::select`], [`Access::find`],
//! [`Access::visible`]), each of which names the action. The few deliberate reads around the
//! scope go through [`unscoped`], whose call sites each say why: `grep -rn unscoped api/src` is the
//! list to audit.

pub mod log;
pub mod scope;

use std::{
    path::Path,
    sync::{
        Arc,
        atomic::{AtomicU8, Ordering},
    },
};

use casbin::{CoreApi, DefaultModel, Enforcer, FileAdapter, MgmtApi};
use entities::Role;
pub use entities::{Action, RecordKind};
use sea_orm::{
    Condition, ConnectionTrait, EntityTrait, Iterable, PrimaryKeyTrait, QueryFilter, QuerySelect, QueryTrait, Select,
    sea_query::SelectStatement,
};

use crate::error::{ServiceError, ServiceResult};

/// A kind of record behind the gate: its table, its name in the policy, and how far each of the
/// caller's assignments reaches into it.
pub trait Guarded: Send + Sync + 'static {
    /// The table its rows are in.
    type Entity: EntityTrait<Model: Sync>;
    /// Its name in the policy and the access log.
    const KIND: RecordKind;
    /// Whether every row read is written to the access log before it is returned (clues,
    /// referrals: the confidential record).
    const LOG_READS: bool = false;
    /// The rows one assignment of a team, partner or unit role reaches; `None` reaches none. The
    /// office and the leadership group reach every row (what they may do is the policy's say).
    fn reach(grant: &Grant, user_id: i32) -> Option<Condition>;
    /// The rows still in force — not withdrawn — for kinds whose rows can be withdrawn; `None`
    /// for the others. Withdrawn rows leave every list, count and relation for every role; the
    /// office and the leadership group still read them by id ([`Access::visible_by_id`]).
    fn live() -> Option<Condition> {
        None
    }
    /// The rows of the table that are records of this kind at all (the service accounts among the
    /// users); `None` when every row is. Applied to every read, by id too.
    fn rows() -> Option<Condition> {
        None
    }
}

/// A kind each of whose rows is reached, by any assignment, exactly when the row of `Parent` it
/// names in [`Within::COLUMN`] is: a task's progress reports and evidence files. Its
/// [`Guarded::reach`] must be [`within`], which says so in SQL.
pub trait Within<Parent: Guarded>: Guarded {
    /// The column naming the parent row.
    const COLUMN: <Self::Entity as EntityTrait>::Column;
}

/// The reach of a kind [`Within`] `Parent`: `COLUMN IN (SELECT id FROM <parent> WHERE <the
/// parent's reach>)`; `None` where the assignment reaches no parent.
pub fn within<G: Within<P>, P: Guarded>(g: &Grant, user_id: i32) -> Option<Condition> {
    use sea_orm::{ColumnTrait, PrimaryKeyToColumn};
    let parents = P::reach(g, user_id)?;
    let key = <P::Entity as EntityTrait>::PrimaryKey::iter().next()?.into_column();
    Some(Condition::all().add(G::COLUMN.in_subquery(narrowing::<P::Entity>(key, parents))))
}

/// A read of `E` that bypasses the scope. `why` says at the call site why no scope applies (a
/// re-read inside a transaction after a scoped read, a public name, a rule that must see every
/// row); every use is on the list `grep -rn unscoped api/src` gives.
pub fn unscoped<E: EntityTrait>(why: &'static str) -> Select<E> {
    let _ = why;
    E::find()
}

/// `SELECT column FROM E WHERE condition`: a subquery that only narrows another, scoped, read.
/// It returns nothing to a caller by itself.
pub fn narrowing<E: EntityTrait>(
    column: E::Column,
    condition: impl sea_orm::sea_query::IntoCondition,
) -> SelectStatement {
    E::find().select_only().column(column).filter(condition).into_query()
}

/// `SELECT COUNT(*) FROM E WHERE condition`: a subquery that counts, inside another statement,
/// the rows a condition built from the caller's reach selects.
pub fn counting<E: EntityTrait>(condition: impl sea_orm::sea_query::IntoCondition) -> SelectStatement {
    E::find().select_only().expr(sea_orm::sea_query::Expr::cust("COUNT(*)")).filter(condition).into_query()
}

/// `SELECT aggregate FROM E WHERE condition`: a subquery that gathers, inside another statement,
/// the rows a condition built from the caller's reach selects (into one JSON array, say).
pub fn gathering<E: EntityTrait>(
    aggregate: sea_orm::sea_query::Expr,
    condition: impl sea_orm::sea_query::IntoCondition,
) -> SelectStatement {
    E::find().select_only().expr(aggregate).filter(condition).into_query()
}

/// The policy subject of a role: `role:NAME`.
pub fn subject(role: Role) -> String {
    format!("role:{}", role.name())
}

/// The loaded policy. Shared by all requests.
///
/// The policy's answer to a question (may this role take this action on this kind?) is a function
/// of the question alone, and the policy does not change while the server runs; so each answer is
/// asked of casbin once and kept. Before this, asking casbin (its matcher is a script it
/// evaluates) took close to half of the server's time on a unit's task list, which asks the same
/// few questions for every kind it reads.
pub struct Gate {
    enforcer: Enforcer,
    /// How many actions there are.
    actions: usize,
    /// casbin's answers so far, one per role, kind and action ([`Gate::question`]): each is
    /// [`UNASKED`], [`DENIED`] or [`ALLOWED`].
    answers: Vec<AtomicU8>,
}

const UNASKED: u8 = 0;
const DENIED: u8 = 1;
const ALLOWED: u8 = 2;

/// The policy files could not be loaded.
#[derive(Debug, thiserror::Error)]
#[error("cannot load the access policy from {dir}: {message}")]
pub struct PolicyError {
    dir: String,
    message: String,
}

impl Gate {
    /// Loads `model.conf` and `policy.csv` from `dir`.
    pub async fn load(dir: &Path) -> Result<Gate, PolicyError> {
        let err = |message: String| PolicyError { dir: dir.display().to_string(), message };
        let model = DefaultModel::from_file(dir.join("model.conf")).await.map_err(|e| err(e.to_string()))?;
        let adapter = FileAdapter::new(dir.join("policy.csv"));
        let enforcer = Enforcer::new(model, adapter).await.map_err(|e| err(e.to_string()))?;
        if enforcer.get_policy().is_empty() {
            return Err(err("policy.csv has no lines".into()));
        }
        let actions = Action::iter().count();
        let questions = Role::iter().count() * RecordKind::ALL.len() * actions;
        Ok(Gate { enforcer, actions, answers: (0..questions).map(|_| AtomicU8::new(UNASKED)).collect() })
    }

    /// Whether the policy lets `role` take `action` on `kind`. Errors deny.
    pub fn permits(&self, role: Role, kind: RecordKind, action: Action) -> bool {
        let Some(kept) = self.answers.get(self.question(role, kind, action)) else {
            return self.enforce(role, kind, action);
        };
        match kept.load(Ordering::Relaxed) {
            ALLOWED => true,
            DENIED => false,
            _ => {
                let allowed = self.enforce(role, kind, action);
                kept.store(if allowed { ALLOWED } else { DENIED }, Ordering::Relaxed);
                allowed
            }
        }
    }

    /// casbin's answer, asked now.
    fn enforce(&self, role: Role, kind: RecordKind, action: Action) -> bool {
        self.enforcer.enforce((subject(role), kind.name(), action.name())).unwrap_or(false)
    }

    /// Where the answer to a question is kept in [`Gate::answers`].
    fn question(&self, role: Role, kind: RecordKind, action: Action) -> usize {
        ((role as usize) * RecordKind::ALL.len() + kind as usize) * self.actions + action as usize
    }

    /// How many policy lines are loaded (for readiness).
    pub fn policy_lines(&self) -> usize {
        self.enforcer.get_policy().len()
    }
}

/// One of the caller's role assignments, as the database holds it (see [`Principal`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    /// The role.
    pub role: Role,
    /// The organisation it is held in.
    pub organization_id: i32,
    /// For team roles: the one round it is bounded to.
    pub round_id: Option<i32>,
    /// For a unit leader: whether they are the unit's principal leader (主要负责人).
    pub principal: bool,
}

/// The authenticated caller.
#[derive(Debug, Clone)]
pub struct Principal {
    /// The user's id.
    pub user_id: i32,
    /// The user's assignments as the database holds them: read on this request, or kept since an
    /// earlier one while every change to them is announced (see `identity::principals`).
    pub grants: Vec<Grant>,
}

/// The caller's access for one request: the gate every service call goes through.
#[derive(Clone)]
pub struct Access {
    gate: Arc<Gate>,
    caller: Result<Principal, &'static str>,
    correlation_id: String,
    /// Whatever must live as long as the request (the account's request slot): never read, only
    /// dropped with the last copy of this access.
    #[allow(dead_code)]
    held: Option<Arc<dyn std::any::Any + Send + Sync>>,
}

impl Access {
    /// Access for a caller with a valid token.
    pub fn authenticated(gate: Arc<Gate>, principal: Principal, correlation_id: String) -> Access {
        Access { gate, caller: Ok(principal), correlation_id, held: None }
    }

    /// Access for a request without a token: only `login` (and introspection) work.
    pub fn anonymous(gate: Arc<Gate>, correlation_id: String) -> Access {
        Access { gate, caller: Err("a valid bearer token is required"), correlation_id, held: None }
    }

    /// Access for a request whose token is not valid now (bad, expired, or its user disabled).
    pub fn invalid_token(gate: Arc<Gate>, correlation_id: String) -> Access {
        Access { gate, caller: Err("the bearer token is not valid; log in again"), correlation_id, held: None }
    }

    /// The same access, holding `thing` until the last copy of it is dropped (the request's end).
    pub fn holding(self, thing: impl std::any::Any + Send + Sync) -> Access {
        Access { held: Some(Arc::new(thing)), ..self }
    }

    /// The caller, or `UNAUTHENTICATED`.
    pub fn principal(&self) -> ServiceResult<&Principal> {
        self.caller.as_ref().map_err(|why| ServiceError::Unauthenticated((*why).into()))
    }

    /// The caller's grants that the policy lets take `action` on `kind`: `FORBIDDEN` when none.
    pub fn grants(&self, kind: RecordKind, action: Action) -> ServiceResult<Vec<&Grant>> {
        let principal = self.principal()?;
        let allowed: Vec<&Grant> =
            principal.grants.iter().filter(|g| self.gate.permits(g.role, kind, action)).collect();
        if allowed.is_empty() { Err(ServiceError::Forbidden) } else { Ok(allowed) }
    }

    /// `FORBIDDEN` unless the policy lets one of the caller's roles take `action` on `G`.
    pub fn permit<G: Guarded>(&self, action: Action) -> ServiceResult<()> {
        self.grants(G::KIND, action).map(|_| ())
    }

    /// The condition selecting the rows of `Over` that the caller's grants permitting `action`
    /// on `G` reach (for example the inspections a finding may be written on).
    pub fn reach_over<G: Guarded, Over: Guarded>(&self, action: Action) -> ServiceResult<Condition> {
        let user_id = self.principal()?.user_id;
        let grants = self.grants(G::KIND, action)?;
        let any = grants.iter().fold(Condition::any(), |any, g| any.add(grant_reach::<Over>(g, user_id)));
        // Wrapped, so that what a caller adds to it narrows it (an `any` would widen it).
        Ok(in_force::<Over>(Condition::all().add(any)))
    }

    /// The rows of `G` the caller may read by id (`node(id)`, a relation's target): as
    /// [`Access::visible`], but the office and the leadership group also read withdrawn rows,
    /// which stay on the record for them with their history.
    pub fn visible_by_id<G: Guarded>(&self) -> ServiceResult<Option<Select<G::Entity>>> {
        Ok(self.visible_by_id_reach::<G>()?.map(|reach| G::Entity::find().filter(reach)))
    }

    /// The condition of [`Access::visible_by_id`] (an empty one when every row is visible).
    pub fn visible_by_id_reach<G: Guarded>(&self) -> ServiceResult<Option<Condition>> {
        let grants = match self.grants(G::KIND, Action::Read) {
            Ok(g) => g,
            Err(ServiceError::Forbidden) => return Ok(None),
            Err(e) => return Err(e),
        };
        if grants.iter().any(|g| matches!(g.role, Role::Leadership | Role::Office)) {
            return Ok(Some(G::rows().unwrap_or_else(Condition::all)));
        }
        self.visible_reach::<G>()
    }

    /// The condition selecting the rows of `G` the caller may take `action` on; `FORBIDDEN` when
    /// the policy allows none of their roles.
    pub fn reach<G: Guarded>(&self, action: Action) -> ServiceResult<Condition> {
        self.reach_over::<G, G>(action)
    }

    /// The rows of `G` the caller may take `action` on.
    pub fn select<G: Guarded>(&self, action: Action) -> ServiceResult<Select<G::Entity>> {
        Ok(G::Entity::find().filter(self.reach::<G>(action)?))
    }

    /// The rows of `Over` reached by the grants permitting `action` on `G`.
    pub fn select_over<G: Guarded, Over: Guarded>(&self, action: Action) -> ServiceResult<Select<Over::Entity>> {
        Ok(Over::Entity::find().filter(self.reach_over::<G, Over>(action)?))
    }

    /// The row `id` of `G`, if the caller may take `action` on it; `NOT_FOUND` when it is missing
    /// or out of their reach, alike.
    pub async fn find<G: Guarded>(
        &self,
        db: &impl ConnectionTrait,
        action: Action,
        id: i32,
    ) -> ServiceResult<<G::Entity as EntityTrait>::Model>
    where
        <<G::Entity as EntityTrait>::PrimaryKey as PrimaryKeyTrait>::ValueType: From<i32>,
    {
        self.find_over::<G, G>(db, action, id).await
    }

    /// The row `id` of `Over`, if the grants permitting `action` on `G` reach it; `NOT_FOUND`
    /// otherwise.
    pub async fn find_over<G: Guarded, Over: Guarded>(
        &self,
        db: &impl ConnectionTrait,
        action: Action,
        id: i32,
    ) -> ServiceResult<<Over::Entity as EntityTrait>::Model>
    where
        <<Over::Entity as EntityTrait>::PrimaryKey as PrimaryKeyTrait>::ValueType: From<i32>,
    {
        let reach = self.reach_over::<G, Over>(action)?;
        Over::Entity::find_by_id(id).filter(reach).one(db).await?.ok_or(ServiceError::NotFound(Over::KIND.name()))
    }

    /// [`Access::find`], locking the row until the transaction ends (PostgreSQL `FOR UPDATE`; on
    /// SQLite every writing transaction already holds the write lock): for a rule that reads and
    /// then writes, so that a concurrent writer waits for it instead of both reading the same.
    pub async fn find_locked<G: Guarded>(
        &self,
        db: &impl ConnectionTrait,
        action: Action,
        id: i32,
    ) -> ServiceResult<<G::Entity as EntityTrait>::Model>
    where
        <<G::Entity as EntityTrait>::PrimaryKey as PrimaryKeyTrait>::ValueType: From<i32>,
    {
        let reach = self.reach::<G>(action)?;
        G::Entity::find_by_id(id)
            .filter(reach)
            .lock_exclusive()
            .one(db)
            .await?
            .ok_or(ServiceError::NotFound(G::KIND.name()))
    }

    /// The rows of `G` the caller may read, or `None` when they may read none: for the paths where
    /// a refusal must look like absence (`node(id)`, loaders, statistics).
    pub fn visible<G: Guarded>(&self) -> ServiceResult<Option<Select<G::Entity>>> {
        match self.select::<G>(Action::Read) {
            Ok(s) => Ok(Some(s)),
            Err(ServiceError::Forbidden) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// The condition of [`Access::visible`].
    pub fn visible_reach<G: Guarded>(&self) -> ServiceResult<Option<Condition>> {
        match self.reach::<G>(Action::Read) {
            Ok(c) => Ok(Some(c)),
            Err(ServiceError::Forbidden) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// What the caller may read of the rows of `G` that name a given row of `P`, for a row of `P`
    /// the caller reads (a row of a page read within their reach): when every grant that lets
    /// them read `P` also lets them read `G`, every such row that is in force ([`Guarded::live`]),
    /// since `G` is reached exactly where its parent is; otherwise [`Access::visible_reach`].
    /// `None` when they may read no `G`.
    pub fn visible_within<G: Within<P>, P: Guarded>(&self) -> ServiceResult<Option<Condition>> {
        let children = match self.grants(G::KIND, Action::Read) {
            Ok(g) => g,
            Err(ServiceError::Forbidden) => return Ok(None),
            Err(e) => return Err(e),
        };
        let parents = self.grants(P::KIND, Action::Read).unwrap_or_default();
        if parents.is_empty() || !parents.iter().all(|p| children.contains(p)) {
            return self.visible_reach::<G>();
        }
        Ok(Some(in_force::<G>(Condition::all())))
    }

    /// Whether the caller takes `action` on `kind` as the office or the leadership group, whose
    /// authority, unlike a team's, is not bounded by an inspection's time.
    pub fn acts_district_wide(&self, kind: RecordKind, action: Action) -> bool {
        self.grants(kind, action)
            .is_ok_and(|grants| grants.iter().any(|g| matches!(g.role, Role::Leadership | Role::Office)))
    }

    /// Whether the caller holds `role` in organisation `organization_id` (a team leader in the team
    /// of an inspection: its own, not one it only follows up).
    pub fn holds_in(&self, role: Role, organization_id: i32) -> bool {
        self.principal().is_ok_and(|p| p.grants.iter().any(|g| g.role == role && g.organization_id == organization_id))
    }

    /// The roles under which the caller takes `action` on `kind`, for the access log.
    pub fn acting_roles(&self, kind: RecordKind, action: Action) -> Vec<Role> {
        let mut roles: Vec<Role> = self.grants(kind, action).unwrap_or_default().iter().map(|g| g.role).collect();
        roles.dedup();
        roles
    }

    /// The request's correlation id.
    pub fn correlation_id(&self) -> &str {
        &self.correlation_id
    }
}

/// `reach`, narrowed to the rows of `G` in force ([`Guarded::live`]) that are records of its kind
/// ([`Guarded::rows`]).
fn in_force<G: Guarded>(reach: Condition) -> Condition {
    let reach = match G::live() {
        Some(live) => reach.add(live),
        None => reach,
    };
    match G::rows() {
        Some(rows) => reach.add(rows),
        None => reach,
    }
}

/// What one grant reaches of `G`.
fn grant_reach<G: Guarded>(g: &Grant, user_id: i32) -> Condition {
    match g.role {
        Role::Leadership | Role::Office => Condition::all(),
        _ => G::reach(g, user_id).unwrap_or_else(scope::nothing),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_kept_answer_is_the_answer_casbin_gives() {
        let gate = Gate::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../policies")).await.unwrap();
        let mut allowed = 0;
        let mut slots = std::collections::HashSet::new();
        for role in Role::iter() {
            for &kind in RecordKind::ALL {
                for action in Action::iter() {
                    // Each question has a slot of its own.
                    let slot = gate.question(role, kind, action);
                    assert!(slot < gate.answers.len() && slots.insert(slot), "{role:?} {kind:?} {action:?}");
                    let casbin = gate.enforce(role, kind, action);
                    // Asked, then kept: both answers are casbin's.
                    assert_eq!(gate.permits(role, kind, action), casbin, "{role:?} {kind:?} {action:?}");
                    assert_eq!(gate.permits(role, kind, action), casbin, "{role:?} {kind:?} {action:?}, kept");
                    allowed += usize::from(casbin);
                }
            }
        }
        // Every line of the policy allows one question, and no two lines the same one.
        assert_eq!(allowed, gate.policy_lines());
    }

    #[tokio::test]
    async fn a_count_within_the_parent_skips_its_reach_only_where_the_same_grants_read_both() {
        use entities::{evidence_file, rectification_task};
        use sea_orm::sea_query::PostgresQueryBuilder;

        // A policy in which a unit leader reads tasks and their evidence, a partner tasks only.
        let dir = std::env::temp_dir().join(format!("inspection-within-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join("../policies/model.conf"), dir.join("model.conf"))
            .unwrap();
        std::fs::write(
            dir.join("policy.csv"),
            "p, role:UNIT_LEADER, rectification_task, read\n\
             p, role:UNIT_LEADER, evidence_file, read\n\
             p, role:PARTNER, rectification_task, read\n",
        )
        .unwrap();
        let gate = Arc::new(Gate::load(&dir).await.unwrap());
        std::fs::remove_dir_all(&dir).unwrap();
        let access = |roles: &[Role]| {
            let grants = roles
                .iter()
                .map(|&role| Grant { role, organization_id: 7, round_id: None, principal: false })
                .collect();
            Access::authenticated(gate.clone(), Principal { user_id: 1, grants }, "test".into())
        };
        let sql = |c: Condition| evidence_file::Entity::find().filter(c).into_query().to_string(PostgresQueryBuilder);
        let within = |a: &Access| a.visible_within::<evidence_file::Entity, rectification_task::Entity>().unwrap();

        // The grants that read the task read its evidence: the files in force, no task reach.
        let unit = access(&[Role::UnitLeader]);
        let counted = sql(within(&unit).unwrap());
        assert!(counted.contains("withdrawn_at"), "{counted}");
        assert!(!counted.contains("rectification_tasks"), "{counted}");
        // A grant reads tasks and no evidence: no evidence at all.
        assert!(within(&access(&[Role::Partner])).is_none());
        // One of the grants that read the task does not read evidence: the whole reach, as a
        // count of evidence the caller reads anywhere would be.
        let both = access(&[Role::UnitLeader, Role::Partner]);
        let counted = sql(within(&both).unwrap());
        assert!(counted.contains("rectification_tasks"), "{counted}");
        assert_eq!(counted, sql(both.visible_reach::<evidence_file::Entity>().unwrap().unwrap()));
    }
}
