//! The access log in the schema: read-only, for the office and the leadership group.

use async_graphql::{ComplexObject, Context, Enum, ID, InputObject, Object, SimpleObject};
use entities::{RecordKind, access_log};

use super::service;
use crate::{
    error::ApiResult,
    graphql::{
        connection::{connection, page_request},
        context::request,
        enums::Role,
        id,
        kinds::Kind,
        loader::required,
        scalars::DateTime,
    },
    users::graphql::User,
};

/// An entry of the access log (访问日志): who did what to which object, when, under which roles.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct AccessLogEntry {
    /// Global id.
    pub id: ID,
    /// When.
    pub at: DateTime,
    /// The roles under which the person acted.
    pub roles: Vec<Role>,
    /// What they did.
    pub action: Action,
    /// The kind of record: `CLUE`, `PETITION_IDENTITY` (the reporter of a petition), `ROUND`, ...
    pub object_type: Kind,
    /// The global id of the object (for a part such as `PETITION_IDENTITY`, of the object it is
    /// part of).
    pub object_id: ID,
    /// The correlation id of the request (also in its `x-request-id` header).
    pub correlation_id: String,
    #[graphql(skip)]
    user_id: i32,
}

impl From<access_log::Model> for AccessLogEntry {
    fn from(m: access_log::Model) -> Self {
        let roles = m
            .roles
            .split(',')
            .filter_map(|r| <entities::Role as sea_orm::Iterable>::iter().find(|role| role.name() == r))
            .map(Role::from)
            .collect();
        AccessLogEntry {
            id: id::encode(RecordKind::AccessLogEntry, m.id),
            at: m.at.into(),
            roles,
            action: m.action.into(),
            object_type: Kind(m.object_type),
            object_id: id::encode(m.object_type.object(), m.object_id),
            correlation_id: m.correlation_id,
            user_id: m.user_id,
        }
    }
}

impl crate::graphql::Object for AccessLogEntry {
    type Guard = access_log::Entity;
}

#[ComplexObject]
impl AccessLogEntry {
    /// Who.
    async fn user(&self, ctx: &Context<'_>) -> ApiResult<User> {
        required(ctx, self.user_id).await
    }
}

connection!(AccessLogEntryConnection, AccessLogEntryEdge, AccessLogEntry, "A page of the access log, newest first.");

/// What a caller did, as the access log records it.
#[derive(Enum, Clone, Copy, PartialEq, Eq, Debug)]
#[graphql(remote = "entities::Action")]
pub enum Action {
    /// Logged in.
    Login,
    /// Saw the object.
    Read,
    /// Made it.
    Create,
    /// Changed its fields.
    Update,
    /// Removed it.
    Delete,
    /// Approved it (rounds, clues).
    Approve,
    /// Started it (rounds).
    Start,
    /// Closed it (rounds, inspections, rectification tasks).
    Close,
    /// Disabled it (users).
    Disable,
    /// Enabled it (users).
    Enable,
    /// Submitted it (clues, reports, rectification tasks).
    Submit,
    /// Rejected it (clues).
    Reject,
    /// Stationed the team (inspections).
    Station,
    /// Released it to the unit (feedback).
    Release,
    /// Began rectification (inspections).
    Rectify,
    /// Referred it (clues).
    Refer,
    /// Withdrew it (referrals).
    Withdraw,
    /// Acknowledged it (referrals).
    Acknowledge,
    /// Reported an outcome on it (referrals).
    Report,
    /// Concluded it (referrals).
    Conclude,
    /// Revoked it (service credentials).
    Revoke,
    /// Returned it for another round of work (rectification tasks).
    Return,
    /// Published it (a team's channels for petitions).
    Publish,
    /// Accepted it within the inspection (petitions).
    Accept,
    /// Passed it on to the body responsible (petitions).
    PassOn,
    /// Recorded the answer of the body responsible (petitions).
    Answer,
    /// Reopened it (a shelved referral; a closed task, by a follow-up inspection).
    Reopen,
    /// Evaluated it (a unit's rectification).
    Evaluate,
}

/// Narrows the access log.
#[derive(InputObject, Default)]
pub struct AccessLogFilter {
    /// Only this person's entries.
    pub user_id: Option<ID>,
    /// Only entries about this object (any type with a global id).
    pub object_id: Option<ID>,
    /// Only entries about these kinds of record.
    pub object_types: Option<Vec<Kind>>,
    /// Only these actions.
    pub actions: Option<Vec<Action>>,
    /// From this instant (inclusive).
    pub from: Option<DateTime>,
    /// Until this instant (exclusive).
    pub until: Option<DateTime>,
}

/// Access log queries.
#[derive(Default)]
pub struct AccessLogQuery;

#[Object]
impl AccessLogQuery {
    /// The access log, newest first (office and leadership only).
    #[graphql(complexity = "first.unwrap_or(20).clamp(1, 100) as usize * child_complexity")]
    async fn access_log(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Rows wanted, 0 to 100 (default 20; 0 to count only).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last row already seen.")] after: Option<String>,
        #[graphql(desc = "Narrows the list.")] filter: Option<AccessLogFilter>,
        #[graphql(desc = "Order of the list (default AT_DESC).", default)] order_by: AccessLogOrder,
    ) -> ApiResult<AccessLogEntryConnection> {
        let rc = request(ctx)?;
        let f = filter.unwrap_or_default();
        let mut filter = service::AccessLogFilter {
            user_id: f.user_id.map(|i| id::decode_as("filter.userId", &i, RecordKind::User)).transpose()?,
            object_types: f.object_types.map(|ts| ts.into_iter().map(|t| t.0).collect()),
            actions: f.actions.map(|a| a.into_iter().map(Into::into).collect()),
            from: f.from.map(|t| t.0),
            until: f.until.map(|t| t.0),
            ..Default::default()
        };
        if let Some(object) = f.object_id {
            let (t, n) = id::decode("filter.objectId", &object)?;
            // Every kind logged about objects of this type: a petition's reads of its reporter too.
            let kinds: Vec<RecordKind> = RecordKind::ALL.iter().copied().filter(|k| k.object() == t).collect();
            if filter.object_types.is_none() {
                filter.object_types = Some(kinds);
            }
            filter.object_id = Some(n);
        }
        let page =
            service::list(&rc.db, &rc.access, filter, order_by.into(), &page_request(ctx, first, after)?).await?;
        Ok(AccessLogEntryConnection(page.map(AccessLogEntry::from)))
    }
}

/// Orders of the entries list.
#[derive(async_graphql::Enum, Clone, Copy, PartialEq, Eq, Default)]
#[graphql(remote = "super::service::LogOrder")]
pub enum AccessLogOrder {
    /// Newest first.
    #[default]
    AtDesc,
    /// Oldest first.
    AtAsc,
}
