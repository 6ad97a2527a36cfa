//! Opaque global ids: `base64url("Type:number")`. Clients must not build or parse them.

use async_graphql::ID;
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};

use crate::error::{ServiceError, ServiceResult};

/// The object types that have global ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeType {
    /// `Organization`.
    Organization,
    /// `User`.
    User,
    /// `RoleAssignment`.
    RoleAssignment,
    /// `Expert`.
    Expert,
    /// `ExpertConflict`.
    ExpertConflict,
    /// `Round`.
    Round,
    /// `Inspection`.
    Inspection,
    /// `RosterEntry`.
    RosterEntry,
    /// `Finding`.
    Finding,
    /// `Clue`.
    Clue,
    /// `CluePerson`.
    CluePerson,
    /// `Petition`.
    Petition,
    /// `Recommendation`.
    Recommendation,
    /// `Report`.
    Report,
    /// `Feedback`.
    Feedback,
    /// `AccessLogEntry`.
    AccessLogEntry,
    /// `Referral`.
    Referral,
    /// `Disposition`.
    Disposition,
    /// `RectificationTask`.
    RectificationTask,
    /// `ProgressReport`.
    ProgressReport,
    /// `Regulation`.
    Regulation,
    /// `InterviewSession`.
    InterviewSession,
    /// `AccountabilityRecord`.
    AccountabilityRecord,
    /// `EvidenceFile`.
    EvidenceFile,
}

const ALL: [NodeType; 24] = [
    NodeType::Organization,
    NodeType::User,
    NodeType::RoleAssignment,
    NodeType::Expert,
    NodeType::ExpertConflict,
    NodeType::Round,
    NodeType::Inspection,
    NodeType::RosterEntry,
    NodeType::Finding,
    NodeType::Clue,
    NodeType::CluePerson,
    NodeType::Petition,
    NodeType::Recommendation,
    NodeType::Report,
    NodeType::Feedback,
    NodeType::AccessLogEntry,
    NodeType::Referral,
    NodeType::Disposition,
    NodeType::RectificationTask,
    NodeType::ProgressReport,
    NodeType::Regulation,
    NodeType::InterviewSession,
    NodeType::AccountabilityRecord,
    NodeType::EvidenceFile,
];

impl NodeType {
    /// The GraphQL type name.
    pub fn name(self) -> &'static str {
        match self {
            NodeType::Organization => "Organization",
            NodeType::User => "User",
            NodeType::RoleAssignment => "RoleAssignment",
            NodeType::Expert => "Expert",
            NodeType::ExpertConflict => "ExpertConflict",
            NodeType::Round => "Round",
            NodeType::Inspection => "Inspection",
            NodeType::RosterEntry => "RosterEntry",
            NodeType::Finding => "Finding",
            NodeType::Clue => "Clue",
            NodeType::CluePerson => "CluePerson",
            NodeType::Petition => "Petition",
            NodeType::Recommendation => "Recommendation",
            NodeType::Report => "Report",
            NodeType::Feedback => "Feedback",
            NodeType::AccessLogEntry => "AccessLogEntry",
            NodeType::Referral => "Referral",
            NodeType::Disposition => "Disposition",
            NodeType::RectificationTask => "RectificationTask",
            NodeType::ProgressReport => "ProgressReport",
            NodeType::Regulation => "Regulation",
            NodeType::InterviewSession => "InterviewSession",
            NodeType::AccountabilityRecord => "AccountabilityRecord",
            NodeType::EvidenceFile => "EvidenceFile",
        }
    }
}

/// The node type of the rows of a kind of object, as the access log names kinds.
pub fn of_kind(kind: &str) -> Option<NodeType> {
    Some(match kind {
        "organization" => NodeType::Organization,
        "user" => NodeType::User,
        "role_assignment" => NodeType::RoleAssignment,
        "expert" => NodeType::Expert,
        "expert_conflict" => NodeType::ExpertConflict,
        "round" => NodeType::Round,
        "inspection" => NodeType::Inspection,
        "roster_entry" => NodeType::RosterEntry,
        "finding" => NodeType::Finding,
        "clue" => NodeType::Clue,
        "clue_person" => NodeType::CluePerson,
        "petition" | "petition_identity" => NodeType::Petition,
        "recommendation" => NodeType::Recommendation,
        "report" => NodeType::Report,
        "feedback" => NodeType::Feedback,
        "access_log" => NodeType::AccessLogEntry,
        "referral" => NodeType::Referral,
        "service_credential" => NodeType::User,
        "disposition" => NodeType::Disposition,
        "rectification_task" => NodeType::RectificationTask,
        "progress_report" => NodeType::ProgressReport,
        "regulation" => NodeType::Regulation,
        "interview_session" => NodeType::InterviewSession,
        "accountability" => NodeType::AccountabilityRecord,
        "evidence_file" => NodeType::EvidenceFile,
        _ => return None,
    })
}

/// The global id of a row.
pub fn encode(t: NodeType, id: i32) -> ID {
    ID(URL_SAFE_NO_PAD.encode(format!("{}:{id}", t.name())))
}

/// The type and row id of a global id; `BAD_USER_INPUT` when it is not one of ours.
pub fn decode(field: &str, id: &ID) -> ServiceResult<(NodeType, i32)> {
    let bad = || ServiceError::bad_input(field, "is not a valid id");
    let text = URL_SAFE_NO_PAD.decode(id.as_str()).ok().and_then(|b| String::from_utf8(b).ok()).ok_or_else(bad)?;
    let (name, number) = text.split_once(':').ok_or_else(bad)?;
    let t = ALL.into_iter().find(|t| t.name() == name).ok_or_else(bad)?;
    let n: i32 = number.parse().map_err(|_| bad())?;
    // One spelling per id: no signs, no leading zeros.
    if n <= 0 || n.to_string() != number {
        return Err(bad());
    }
    Ok((t, n))
}

/// The row id of a global id that must be of type `t`.
pub fn decode_as(field: &str, id: &ID, t: NodeType) -> ServiceResult<i32> {
    match decode(field, id)? {
        (found, n) if found == t => Ok(n),
        _ => Err(ServiceError::bad_input(field, format!("is not an id of type {}", t.name()))),
    }
}
