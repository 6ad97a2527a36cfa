//! `Node`: every object has a global id, and `node(id)` / `nodes(ids)` fetch any of them
//! through the same scoped loaders as relation fields, so an object out of scope is `null`.

use async_graphql::{Context, ID, Interface, Object};
use entities::RecordKind;

use super::{id, loader::loaders};
use crate::{
    accountability::graphql::AccountabilityRecord,
    audit::graphql::AccessLogEntry,
    clues::graphql::{Clue, CluePerson},
    error::{ApiResult, ServiceError},
    evidence::graphql::EvidenceFile,
    findings::graphql::Finding,
    identity::graphql::{RoleAssignment, User},
    interviews::graphql::InterviewSession,
    organizations::graphql::Organization,
    petitions::graphql::Petition,
    recommendations::graphql::Recommendation,
    rectification::graphql::{ProgressReport, RectificationTask},
    referrals::graphql::{Disposition, Referral},
    regulations::graphql::Regulation,
    reports::graphql::{Feedback, Report},
    rounds::graphql::{Inspection, RosterEntry, Round},
    talent::graphql::{Expert, ExpertConflict},
};

/// An object with a global id.
#[derive(Interface)]
#[graphql(field(name = "id", ty = "&ID", desc = "Global id: opaque, stable, unique across all types."))]
pub enum Node {
    /// An organisation.
    Organization(Organization),
    /// A user.
    User(User),
    /// A role assignment.
    RoleAssignment(RoleAssignment),
    /// An expert.
    Expert(Expert),
    /// An expert's conflict with a unit.
    ExpertConflict(ExpertConflict),
    /// A round.
    Round(Round),
    /// An inspection.
    Inspection(Inspection),
    /// A roster entry.
    RosterEntry(RosterEntry),
    /// A finding.
    Finding(Finding),
    /// A clue.
    Clue(Clue),
    /// A person named in a clue.
    CluePerson(CluePerson),
    /// A petition.
    Petition(Petition),
    /// A recommendation.
    Recommendation(Recommendation),
    /// A report to the leadership group.
    Report(Report),
    /// A feedback document.
    Feedback(Feedback),
    /// An access log entry.
    AccessLogEntry(AccessLogEntry),
    /// A referral.
    Referral(Referral),
    /// A disposition.
    Disposition(Disposition),
    /// A rectification task.
    RectificationTask(RectificationTask),
    /// A progress report on a rectification task.
    ProgressReport(ProgressReport),
    /// A regulation a unit built.
    Regulation(Regulation),
    /// A collective interview session.
    InterviewSession(InterviewSession),
    /// An accountability record.
    AccountabilityRecord(AccountabilityRecord),
    /// An evidence file of a progress report.
    EvidenceFile(EvidenceFile),
}

/// Most ids one `nodes` call may ask for.
pub const MAX_NODES: usize = 100;

async fn load(ctx: &Context<'_>, t: RecordKind, n: i32) -> ApiResult<Option<Node>> {
    let l = loaders(ctx)?;
    Ok(match t {
        RecordKind::Organization => l.organizations.load_one(n).await?.map(|m| Node::Organization(m.into())),
        RecordKind::User => l.users.load_one(n).await?.map(|m| Node::User(m.into())),
        RecordKind::RoleAssignment => l.role_assignments.load_one(n).await?.map(|m| Node::RoleAssignment(m.into())),
        RecordKind::Expert => l.experts.load_one(n).await?.map(|m| Node::Expert(m.into())),
        RecordKind::ExpertConflict => l.expert_conflicts.load_one(n).await?.map(|m| Node::ExpertConflict(m.into())),
        RecordKind::Round => l.rounds.load_one(n).await?.map(|m| Node::Round(m.into())),
        RecordKind::Inspection => l.inspections.load_one(n).await?.map(|m| Node::Inspection(m.into())),
        RecordKind::RosterEntry => l.roster_entries.load_one(n).await?.map(|m| Node::RosterEntry(m.into())),
        RecordKind::Finding => l.findings.load_one(n).await?.map(|m| Node::Finding(m.into())),
        RecordKind::Clue => l.clues.load_one(n).await?.map(|m| Node::Clue(m.into())),
        RecordKind::CluePerson => l.clue_persons.load_one(n).await?.map(|m| Node::CluePerson(m.into())),
        RecordKind::Petition => l.petitions.load_one(n).await?.map(|m| Node::Petition(m.into())),
        RecordKind::Recommendation => l.recommendations.load_one(n).await?.map(|m| Node::Recommendation(m.into())),
        RecordKind::Report => l.reports.load_one(n).await?.map(|m| Node::Report(m.into())),
        RecordKind::Feedback => l.feedbacks.load_one(n).await?.map(|m| Node::Feedback(m.into())),
        RecordKind::AccessLogEntry => l.access_log.load_one(n).await?.map(|m| Node::AccessLogEntry(m.into())),
        RecordKind::Referral => l.referrals.load_one(n).await?.map(|m| Node::Referral(m.into())),
        RecordKind::Disposition => l.dispositions.load_one(n).await?.map(|m| Node::Disposition(m.into())),
        RecordKind::RectificationTask => {
            l.rectification_tasks.load_one(n).await?.map(|m| Node::RectificationTask(m.into()))
        }
        RecordKind::ProgressReport => l.progress_reports.load_one(n).await?.map(|m| Node::ProgressReport(m.into())),
        RecordKind::Regulation => l.regulations.load_one(n).await?.map(|m| Node::Regulation(m.into())),
        RecordKind::InterviewSession => {
            l.interview_sessions.load_one(n).await?.map(|m| Node::InterviewSession(m.into()))
        }
        RecordKind::AccountabilityRecord => {
            l.accountability_records.load_one(n).await?.map(|m| Node::AccountabilityRecord(m.into()))
        }
        RecordKind::EvidenceFile => l.evidence_files.load_one(n).await?.map(|m| Node::EvidenceFile(m.into())),
        RecordKind::PetitionIdentity | RecordKind::ServiceCredential | RecordKind::Interviewee => None,
    })
}

/// `node` and `nodes`.
#[derive(Default)]
pub struct NodeQuery;

#[Object]
impl NodeQuery {
    /// Any object by its global id; `null` when it does not exist or the caller may not see it.
    async fn node(&self, ctx: &Context<'_>, #[graphql(desc = "A global id.")] id: ID) -> ApiResult<Option<Node>> {
        super::context::request(ctx)?.access.principal()?;
        let (t, n) = id::decode("id", &id)?;
        load(ctx, t, n).await
    }

    /// Several objects by global id, in the order asked (at most 100); `null` for each that does
    /// not exist or that the caller may not see.
    #[graphql(complexity = "ids.len().min(100) * child_complexity")]
    async fn nodes(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global ids, at most 100.")] ids: Vec<ID>,
    ) -> ApiResult<Vec<Option<Node>>> {
        super::context::request(ctx)?.access.principal()?;
        if ids.len() > MAX_NODES {
            return Err(ServiceError::bad_input("ids", format!("at most {MAX_NODES} ids at once")).into());
        }
        let decoded =
            ids.iter().enumerate().map(|(n, i)| id::decode(&format!("ids[{n}]"), i)).collect::<Result<Vec<_>, _>>()?;
        let loads = decoded.into_iter().map(|(t, n)| load(ctx, t, n));
        futures::future::try_join_all(loads).await
    }
}
