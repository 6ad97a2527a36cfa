//! The access gate: every resolver's one way to the data.
//!
//! casbin (the files in `policies/`) answers whether a role may take an action on a kind of
//! object; [`scope`] turns each of the caller's assignments that the policy allows into a SQL
//! condition, so that lists, counts, `node(id)` and nested fields read only rows in scope.
//! Deny by default: no policy line, no access; no scope rule, no rows.

pub mod scope;

use std::{path::Path, sync::Arc};

use casbin::{CoreApi, DefaultModel, Enforcer, FileAdapter, MgmtApi};
use entities::Role;
pub use entities::{Action, RecordKind};
use sea_orm::Condition;

use crate::error::{ServiceError, ServiceResult};

/// The policy subject of a role: `role:NAME`.
pub fn subject(role: Role) -> String {
    format!("role:{}", role.name())
}

/// The loaded policy. Shared by all requests.
pub struct Gate {
    enforcer: Enforcer,
}

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
        Ok(Gate { enforcer })
    }

    /// Whether the policy lets `role` take `action` on `kind`. Errors deny.
    pub fn permits(&self, role: Role, kind: RecordKind, action: Action) -> bool {
        self.enforcer.enforce((subject(role), kind.name(), action.name())).unwrap_or(false)
    }

    /// How many policy lines are loaded (for readiness).
    pub fn policy_lines(&self) -> usize {
        self.enforcer.get_policy().len()
    }
}

/// One of the caller's role assignments, as read from the database for this request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    /// The role.
    pub role: Role,
    /// The organisation it is held in.
    pub organization_id: i32,
    /// For team roles: the one round it is bounded to.
    pub round_id: Option<i32>,
}

/// The authenticated caller.
#[derive(Debug, Clone)]
pub struct Principal {
    /// The user's id.
    pub user_id: i32,
    /// The user's assignments, read from the database on this request.
    pub grants: Vec<Grant>,
}

/// The caller's access for one request: the gate every service call goes through.
#[derive(Clone)]
pub struct Access {
    gate: Arc<Gate>,
    caller: Result<Principal, &'static str>,
    correlation_id: String,
}

impl Access {
    /// Access for a caller with a valid token.
    pub fn authenticated(gate: Arc<Gate>, principal: Principal, correlation_id: String) -> Access {
        Access { gate, caller: Ok(principal), correlation_id }
    }

    /// Access for a request without a token: only `login` (and introspection) work.
    pub fn anonymous(gate: Arc<Gate>, correlation_id: String) -> Access {
        Access { gate, caller: Err("a valid bearer token is required"), correlation_id }
    }

    /// Access for a request whose token is not valid now (bad, expired, or its user disabled).
    pub fn invalid_token(gate: Arc<Gate>, correlation_id: String) -> Access {
        Access { gate, caller: Err("the bearer token is not valid; log in again"), correlation_id }
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

    /// Authorizes `action` on `kind` and returns the condition selecting the rows it may touch.
    pub fn authorize(&self, kind: RecordKind, action: Action) -> ServiceResult<Condition> {
        let user_id = self.principal()?.user_id;
        let grants = self.grants(kind, action)?;
        Ok(scope::condition(kind, user_id, &grants))
    }

    /// Authorizes `action` on `kind` and returns the condition selecting the rows of `over` (for
    /// example the inspections a finding may be written on) that the permitting grants reach.
    pub fn authorize_over(&self, kind: RecordKind, action: Action, over: RecordKind) -> ServiceResult<Condition> {
        let user_id = self.principal()?.user_id;
        let grants = self.grants(kind, action)?;
        Ok(scope::condition(over, user_id, &grants))
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

    /// The rows of `kind` the caller may read, or `None` when they may read none (for paths
    /// where a refusal must look like absence: `node(id)`, loaders).
    pub fn visible(&self, kind: RecordKind) -> ServiceResult<Option<Condition>> {
        match self.authorize(kind, Action::Read) {
            Ok(c) => Ok(Some(c)),
            Err(ServiceError::Forbidden) => Ok(None),
            Err(e) => Err(e),
        }
    }
}
