//! The access log in the schema: read-only, for the office and the leadership group.

use async_graphql::{ComplexObject, Context, Enum, ID, InputObject, Object, SimpleObject};
use entities::access_log;

use super::service;
use crate::{
    error::{ApiResult, ServiceError},
    graphql::{
        connection::{connection, page_request},
        context::request,
        enums::Role,
        id::{self, NodeType},
        loader::{loaders, required},
        scalars::DateTime,
    },
    identity::graphql::User,
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
    /// What they did: `login`, `read`, `create`, `update`, `approve`, ...
    pub action: String,
    /// The kind of object: `clue`, `petition_identity` (the reporter of a petition), `round`, ...
    pub object_type: String,
    /// The object's global id.
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
            .filter_map(|r| match r {
                "LEADERSHIP" => Some(Role::Leadership),
                "OFFICE" => Some(Role::Office),
                "TEAM_LEADER" => Some(Role::TeamLeader),
                "TEAM_MEMBER" => Some(Role::TeamMember),
                "PARTNER" => Some(Role::Partner),
                "UNIT_LEADER" => Some(Role::UnitLeader),
                _ => None,
            })
            .collect();
        let object_id = match id::of_kind(&m.object_type) {
            Some(t) => id::encode(t, m.object_id),
            None => ID(m.object_id.to_string()),
        };
        AccessLogEntry {
            id: id::encode(NodeType::AccessLogEntry, m.id),
            at: m.at.into(),
            roles,
            action: m.action,
            object_type: m.object_type,
            object_id,
            correlation_id: m.correlation_id,
            user_id: m.user_id,
        }
    }
}

#[ComplexObject]
impl AccessLogEntry {
    /// Who.
    async fn user(&self, ctx: &Context<'_>) -> ApiResult<User> {
        Ok(required(&loaders(ctx)?.users, self.user_id, "user").await?.into())
    }
}

connection!(AccessLogEntryConnection, AccessLogEntryEdge, AccessLogEntry, "A page of the access log, newest first.");

/// Kinds of object the access log names.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
pub enum LoggedObjectType {
    /// Users (logins, changes).
    User,
    /// Organisations.
    Organization,
    /// Role assignments.
    RoleAssignment,
    /// Experts.
    Expert,
    /// Experts' conflicts.
    ExpertConflict,
    /// Rounds.
    Round,
    /// Inspections.
    Inspection,
    /// Roster entries.
    RosterEntry,
    /// Findings.
    Finding,
    /// Clues.
    Clue,
    /// Persons named in clues.
    CluePerson,
    /// Petitions.
    Petition,
    /// The reporter's identity on petitions.
    PetitionIdentity,
    /// Recommendations.
    Recommendation,
    /// Reports.
    Report,
    /// Feedback documents.
    Feedback,
    /// Referrals.
    Referral,
    /// Service credentials.
    ServiceCredential,
    /// Rectification tasks.
    RectificationTask,
    /// Progress reports.
    ProgressReport,
    /// Regulations.
    Regulation,
    /// Evidence files.
    EvidenceFile,
    /// Collective interview sessions.
    InterviewSession,
    /// Accountability records.
    Accountability,
}

impl LoggedObjectType {
    fn as_str(self) -> &'static str {
        match self {
            LoggedObjectType::User => "user",
            LoggedObjectType::Organization => "organization",
            LoggedObjectType::RoleAssignment => "role_assignment",
            LoggedObjectType::Expert => "expert",
            LoggedObjectType::ExpertConflict => "expert_conflict",
            LoggedObjectType::Round => "round",
            LoggedObjectType::Inspection => "inspection",
            LoggedObjectType::RosterEntry => "roster_entry",
            LoggedObjectType::Finding => "finding",
            LoggedObjectType::Clue => "clue",
            LoggedObjectType::CluePerson => "clue_person",
            LoggedObjectType::Petition => "petition",
            LoggedObjectType::PetitionIdentity => "petition_identity",
            LoggedObjectType::Recommendation => "recommendation",
            LoggedObjectType::Report => "report",
            LoggedObjectType::Feedback => "feedback",
            LoggedObjectType::Referral => "referral",
            LoggedObjectType::ServiceCredential => "service_credential",
            LoggedObjectType::RectificationTask => "rectification_task",
            LoggedObjectType::ProgressReport => "progress_report",
            LoggedObjectType::Regulation => "regulation",
            LoggedObjectType::EvidenceFile => "evidence_file",
            LoggedObjectType::InterviewSession => "interview_session",
            LoggedObjectType::Accountability => "accountability",
        }
    }
}

/// Narrows the access log.
#[derive(InputObject, Default)]
pub struct AccessLogFilter {
    /// Only this person's entries.
    pub user_id: Option<ID>,
    /// Only entries about this object (any type with a global id).
    pub object_id: Option<ID>,
    /// Only entries about this kind of object.
    pub object_type: Option<LoggedObjectType>,
    /// Only this action (e.g. `read`).
    pub action: Option<String>,
    /// From this instant (inclusive).
    pub from: Option<DateTime>,
    /// Until this instant (exclusive).
    pub until: Option<DateTime>,
}

/// Access log queries.
#[derive(Default)]
pub struct AuditQuery;

#[Object]
impl AuditQuery {
    /// The access log, newest first (office and leadership only).
    #[graphql(complexity = "first.unwrap_or(20).clamp(1, 100) as usize * child_complexity")]
    async fn access_log(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Rows wanted, 1 to 100 (default 20).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last row already seen.")] after: Option<String>,
        #[graphql(desc = "Narrows the list.")] filter: Option<AccessLogFilter>,
    ) -> ApiResult<AccessLogEntryConnection> {
        let rc = request(ctx)?;
        let f = filter.unwrap_or_default();
        let mut filter = service::AccessLogFilter {
            user_id: f.user_id.map(|i| id::decode_as("filter.userId", &i, NodeType::User)).transpose()?,
            object_types: f.object_type.map(|t| vec![t.as_str().to_owned()]),
            action: f.action,
            from: f.from.map(|t| t.0),
            until: f.until.map(|t| t.0),
            ..Default::default()
        };
        if let Some(object) = f.object_id {
            let (t, n) = id::decode("filter.objectId", &object)?;
            // Every kind logged about objects of this type: a petition's reads of its reporter too.
            let kinds: Vec<String> = <LoggedObjectType as async_graphql::resolver_utils::EnumType>::items()
                .iter()
                .map(|item| item.value.as_str())
                .filter(|k| id::of_kind(k) == Some(t))
                .map(str::to_owned)
                .collect();
            if kinds.is_empty() {
                return Err(
                    ServiceError::bad_input("filter.objectId", "the access log has no entries for this type").into()
                );
            }
            if filter.object_types.is_none() {
                filter.object_types = Some(kinds);
            }
            filter.object_id = Some(n);
        }
        let page = service::list(&rc.db, &rc.access, filter, &page_request(first, after)).await?;
        Ok(AccessLogEntryConnection(page.map(AccessLogEntry::from)))
    }
}
