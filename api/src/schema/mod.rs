//! The schema: every area's queries, mutations and objects, merged. Nothing an area uses lives
//! here; this module only assembles them (areas → kit, root → areas: one way).
//!
//! # A new kind of record
//!
//! 1. `entities/src/<table>.rs`, its line in `entities/src/lib.rs` (`pub mod`) and in the list of
//!    record kinds there;
//! 2. a migration;
//! 3. a folder `api/src/<records>/`: `scope.rs` (its [`Guarded`](crate::gate::Guarded) reach),
//!    `service.rs` (its rules), `graphql.rs` (its object, queries and mutations), declared in
//!    `api/src/lib.rs`;
//! 4. here: its query and mutation in [`Query`] and [`Mutation`], its object in the `nodes!` list;
//! 5. its lines in `policies/policy.csv` and its row in `policies/README.md`;
//! 6. tests: its area's test file, and its lines in `tests/api/access.rs` and
//!    `tests/api/scoping.rs`.

pub mod labels;
pub mod node;

use async_graphql::{Context, EmptySubscription, ID, Interface, MergedObject, Schema};
use entities::RecordKind;

use crate::{
    access_log::graphql::AccessLogQuery,
    accountability_records::graphql::{AccountabilityRecordMutation, AccountabilityRecordQuery},
    circulations::graphql::{CirculationMutation, CirculationQuery},
    clues::graphql::{ClueMutation, ClueQuery},
    config::{Limits, Mode},
    decisions::graphql::{DecisionMutation, DecisionQuery},
    error::ApiResult,
    evidence_files::graphql::EvidenceFileMutation,
    experts::graphql::{ExpertMutation, ExpertQuery},
    feedback::graphql::FeedbackMutation,
    findings::graphql::{FindingMutation, FindingQuery},
    graphql::loader::optional,
    hearings::graphql::{HearingMutation, HearingQuery},
    identity::{
        graphql::{IdentityMutation, IdentityQuery},
        token::Tokens,
    },
    inspections::graphql::{InspectionMutation, InspectionQuery},
    interview_sessions::graphql::{InterviewSessionMutation, InterviewSessionQuery},
    organizations::graphql::{OrganizationMutation, OrganizationQuery},
    petitions::graphql::{PetitionMutation, PetitionQuery},
    plan_entries::graphql::{PlanEntryMutation, PlanEntryQuery},
    progress_reports::graphql::ProgressReportMutation,
    recommendations::graphql::{RecommendationMutation, RecommendationQuery},
    rectification_plans::graphql::{RectificationPlanMutation, RectificationPlanQuery},
    rectification_reports::graphql::{RectificationReportMutation, RectificationReportQuery},
    rectification_tasks::graphql::{RectificationTaskMutation, RectificationTaskQuery},
    referrals::graphql::{ReferralMutation, ReferralQuery},
    regulations::graphql::{RegulationMutation, RegulationQuery},
    reports::graphql::ReportMutation,
    role_assignments::graphql::RoleAssignmentMutation,
    roster_entries::graphql::{RosterEntryMutation, RosterEntryQuery},
    round_reports::graphql::{RoundReportMutation, RoundReportQuery},
    rounds::graphql::{RoundMutation, RoundQuery},
    service_credentials::graphql::{ServiceCredentialMutation, ServiceCredentialQuery},
    statistics::graphql::StatisticsQuery,
    supervision_notes::graphql::{SupervisionNoteMutation, SupervisionNoteQuery},
    terms::graphql::{TermMutation, TermQuery},
    users::graphql::{UserMutation, UserQuery},
};

// Every object of the API, by its kind of record: `Node`, and what `node(id)` loads.
node::nodes! {
    Organization => crate::organizations::graphql::Organization,
    User => crate::users::graphql::User,
    RoleAssignment => crate::role_assignments::graphql::RoleAssignment,
    Expert => crate::experts::graphql::Expert,
    ExpertConflict => crate::experts::graphql::ExpertConflict,
    Term => crate::terms::graphql::Term,
    PlanEntry => crate::plan_entries::graphql::PlanEntry,
    Round => crate::rounds::graphql::Round,
    Inspection => crate::inspections::graphql::Inspection,
    RosterEntry => crate::roster_entries::graphql::RosterEntry,
    Finding => crate::findings::graphql::Finding,
    Clue => crate::clues::graphql::Clue,
    CluePerson => crate::clues::graphql::CluePerson,
    Petition => crate::petitions::graphql::Petition,
    Recommendation => crate::recommendations::graphql::Recommendation,
    Report => crate::reports::graphql::Report,
    Feedback => crate::feedback::graphql::Feedback,
    PrincipalFeedback => crate::feedback::graphql::PrincipalFeedback,
    RoundReport => crate::round_reports::graphql::RoundReport,
    Hearing => crate::hearings::graphql::Hearing,
    Decision => crate::decisions::graphql::Decision,
    AccessLogEntry => crate::access_log::graphql::AccessLogEntry,
    Referral => crate::referrals::graphql::Referral,
    Disposition => crate::referrals::graphql::Disposition,
    ServiceCredential => crate::service_credentials::graphql::ServiceCredential,
    RectificationTask => crate::rectification_tasks::graphql::RectificationTask,
    ProgressReport => crate::progress_reports::graphql::ProgressReport,
    Regulation => crate::regulations::graphql::Regulation,
    InterviewSession => crate::interview_sessions::graphql::InterviewSession,
    AccountabilityRecord => crate::accountability_records::graphql::AccountabilityRecord,
    EvidenceFile => crate::evidence_files::graphql::EvidenceFile,
    RectificationPlan => crate::rectification_plans::graphql::RectificationPlan,
    RectificationPlanItem => crate::rectification_plans::graphql::RectificationPlanItem,
    RectificationReport => crate::rectification_reports::graphql::RectificationReport,
    SupervisionNote => crate::supervision_notes::graphql::SupervisionNote,
    Circulation => crate::circulations::graphql::Circulation,
}

/// Every query of the API.
#[derive(MergedObject, Default)]
pub struct Query(
    node::NodeQuery,
    labels::LabelQuery,
    IdentityQuery,
    UserQuery,
    OrganizationQuery,
    ExpertQuery,
    TermQuery,
    PlanEntryQuery,
    RoundQuery,
    InspectionQuery,
    RosterEntryQuery,
    FindingQuery,
    ClueQuery,
    PetitionQuery,
    RecommendationQuery,
    ReferralQuery,
    AccessLogQuery,
    ServiceCredentialQuery,
    RectificationTaskQuery,
    StatisticsQuery,
    RegulationQuery,
    InterviewSessionQuery,
    AccountabilityRecordQuery,
    RoundReportQuery,
    HearingQuery,
    DecisionQuery,
    RectificationPlanQuery,
    RectificationReportQuery,
    SupervisionNoteQuery,
    CirculationQuery,
);

/// Every mutation of the API.
#[derive(MergedObject, Default)]
pub struct Mutation(
    IdentityMutation,
    UserMutation,
    RoleAssignmentMutation,
    OrganizationMutation,
    ExpertMutation,
    TermMutation,
    PlanEntryMutation,
    RoundMutation,
    InspectionMutation,
    RosterEntryMutation,
    FindingMutation,
    ClueMutation,
    PetitionMutation,
    RecommendationMutation,
    ReportMutation,
    FeedbackMutation,
    ReferralMutation,
    ServiceCredentialMutation,
    RectificationTaskMutation,
    ProgressReportMutation,
    EvidenceFileMutation,
    RegulationMutation,
    InterviewSessionMutation,
    AccountabilityRecordMutation,
    RoundReportMutation,
    HearingMutation,
    DecisionMutation,
    RectificationPlanMutation,
    RectificationReportMutation,
    SupervisionNoteMutation,
    CirculationMutation,
);

/// The schema type.
pub type ApiSchema = Schema<Query, Mutation, EmptySubscription>;

/// What the schema needs that lives as long as the server.
pub struct SchemaDeps {
    /// Signs and checks tokens.
    pub tokens: std::sync::Arc<Tokens>,
    /// Seals and opens the cursors of every list.
    pub cursor_key: std::sync::Arc<crate::pagination::CursorKey>,
    /// Development or production.
    pub mode: Mode,
    /// Request limits.
    pub limits: Limits,
    /// The district's periods for rectification.
    pub rectification: crate::config::RectificationPeriods,
}

/// Builds the schema with its limits; in production, without introspection or suggestions. The
/// depth of a query is measured before the schema sees it (`graphql::limits`), introspection
/// apart; the schema's own depth limit, which counts introspection, is not used.
pub fn build_schema(deps: SchemaDeps) -> ApiSchema {
    let mut builder = Schema::build(Query::default(), Mutation::default(), EmptySubscription)
        .limit_complexity(deps.limits.max_complexity)
        .limit_directives(deps.limits.max_directives)
        .limit_recursive_depth(32)
        .data(deps.tokens)
        .data(deps.cursor_key)
        .data(deps.rectification);
    if deps.mode == Mode::Production {
        builder = builder.disable_introspection().disable_suggestions();
    }
    builder.finish()
}

/// The schema as the frontend team sees it (`api/schema.graphql`).
pub fn sdl() -> String {
    Schema::build(Query::default(), Mutation::default(), EmptySubscription).finish().sdl()
}
