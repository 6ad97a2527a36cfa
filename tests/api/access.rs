//! Every operation, every role: allowed or refused exactly as `policies/policy.csv` says, with the
//! database unchanged after a refusal; and no operation exists that the table below (and so the
//! policy) does not cover.

use std::collections::{BTreeSet, HashSet};

use serde_json::{Value, json};
use tests::{ROLE_ACCOUNTS, TestApp, code, gid, row_of};

/// Who an operation is for: a policy pair, or everyone.
#[derive(Clone, Copy)]
enum Rule {
    /// Anyone, even without a token.
    Public,
    /// Anyone with a valid token.
    Authenticated,
    /// The roles with this (kind, action) line in the policy.
    Policy(&'static str, &'static str),
}

/// One operation: its rule, its document, and how to make its variables (run as needed).
struct Operation {
    name: &'static str,
    rule: Rule,
    document: &'static str,
}

const OPERATIONS: &[Operation] = &[
    // Queries
    Operation { name: "me", rule: Rule::Authenticated, document: "{ me { id } }" },
    Operation { name: "enumLabels", rule: Rule::Public, document: "{ enumLabels { enum value label } }" },
    Operation { name: "node", rule: Rule::Authenticated, document: "query($id: ID!) { node(id: $id) { id } }" },
    Operation { name: "nodes", rule: Rule::Authenticated, document: "query($id: ID!) { nodes(ids: [$id]) { id } }" },
    Operation { name: "users", rule: Rule::Policy("user", "read"), document: "{ users { totalCount } }" },
    Operation { name: "statistics", rule: Rule::Authenticated, document: "{ statistics { findings } }" },
    Operation {
        name: "organizations",
        rule: Rule::Policy("organization", "read"),
        document: "{ organizations { totalCount } }",
    },
    Operation { name: "experts", rule: Rule::Policy("expert", "read"), document: "{ experts { totalCount } }" },
    Operation { name: "rounds", rule: Rule::Policy("round", "read"), document: "{ rounds { totalCount } }" },
    Operation {
        name: "inspections",
        rule: Rule::Policy("inspection", "read"),
        document: "{ inspections { totalCount } }",
    },
    Operation {
        name: "rosterEntries",
        rule: Rule::Policy("roster_entry", "read"),
        document: "{ rosterEntries { totalCount } }",
    },
    Operation { name: "findings", rule: Rule::Policy("finding", "read"), document: "{ findings { totalCount } }" },
    Operation { name: "clues", rule: Rule::Policy("clue", "read"), document: "{ clues { totalCount } }" },
    Operation { name: "petitions", rule: Rule::Policy("petition", "read"), document: "{ petitions { totalCount } }" },
    Operation {
        name: "recommendations",
        rule: Rule::Policy("recommendation", "read"),
        document: "{ recommendations { totalCount } }",
    },
    Operation {
        name: "accessLog",
        rule: Rule::Policy("access_log_entry", "read"),
        document: "{ accessLog { totalCount } }",
    },
    Operation { name: "referrals", rule: Rule::Policy("referral", "read"), document: "{ referrals { totalCount } }" },
    Operation {
        name: "referralChanges",
        rule: Rule::Policy("referral", "read"),
        document: "{ referralChanges { totalCount } }",
    },
    Operation {
        name: "rectificationTasks",
        rule: Rule::Policy("rectification_task", "read"),
        document: "{ rectificationTasks { totalCount } }",
    },
    Operation {
        name: "regulations",
        rule: Rule::Policy("regulation", "read"),
        document: "{ regulations { totalCount } }",
    },
    Operation {
        name: "serviceCredentials",
        rule: Rule::Policy("service_credential", "read"),
        document: "{ serviceCredentials { totalCount } }",
    },
    Operation {
        name: "rectificationPlans",
        rule: Rule::Policy("rectification_plan", "read"),
        document: "{ rectificationPlans { totalCount } }",
    },
    Operation {
        name: "rectificationReports",
        rule: Rule::Policy("rectification_report", "read"),
        document: "{ rectificationReports { totalCount } }",
    },
    Operation {
        name: "publishedRectifications",
        rule: Rule::Public,
        document: "{ publishedRectifications { totalCount nodes { unitName } } }",
    },
    Operation {
        name: "supervisionNotes",
        rule: Rule::Policy("supervision_note", "read"),
        document: "{ supervisionNotes { totalCount } }",
    },
    Operation {
        name: "circulations",
        rule: Rule::Policy("circulation", "read"),
        document: "{ circulations { totalCount } }",
    },
    // Mutations
    Operation {
        name: "login",
        rule: Rule::Public,
        document: "mutation($u: String!, $p: String!) { login(input: { username: $u, password: $p }) { token } }",
    },
    Operation {
        name: "createUser",
        rule: Rule::Policy("user", "create"),
        document: "mutation($i: CreateUserInput!) { createUser(input: $i) { user { id } } }",
    },
    Operation {
        name: "updateUser",
        rule: Rule::Policy("user", "update"),
        document: "mutation($i: UpdateUserInput!) { updateUser(input: $i) { user { id } } }",
    },
    Operation {
        name: "disableUser",
        rule: Rule::Policy("user", "disable"),
        document: "mutation($i: DisableUserInput!) { disableUser(input: $i) { user { id } } }",
    },
    Operation {
        name: "enableUser",
        rule: Rule::Policy("user", "enable"),
        document: "mutation($i: EnableUserInput!) { enableUser(input: $i) { user { id } } }",
    },
    Operation {
        name: "assignRole",
        rule: Rule::Policy("role_assignment", "create"),
        document: "mutation($i: AssignRoleInput!) { assignRole(input: $i) { roleAssignment { id } } }",
    },
    Operation {
        name: "revokeRole",
        rule: Rule::Policy("role_assignment", "delete"),
        document: "mutation($i: RevokeRoleInput!) { revokeRole(input: $i) { deletedId } }",
    },
    Operation {
        name: "createOrganization",
        rule: Rule::Policy("organization", "create"),
        document: "mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { organization { id } } }",
    },
    Operation {
        name: "updateOrganization",
        rule: Rule::Policy("organization", "update"),
        document: "mutation($i: UpdateOrganizationInput!) { updateOrganization(input: $i) { organization { id } } }",
    },
    Operation {
        name: "createExpert",
        rule: Rule::Policy("expert", "create"),
        document: "mutation($i: CreateExpertInput!) { createExpert(input: $i) { expert { id } } }",
    },
    Operation {
        name: "updateExpert",
        rule: Rule::Policy("expert", "update"),
        document: "mutation($i: UpdateExpertInput!) { updateExpert(input: $i) { expert { id } } }",
    },
    Operation {
        name: "addExpertConflict",
        rule: Rule::Policy("expert_conflict", "create"),
        document: "mutation($i: AddExpertConflictInput!) { addExpertConflict(input: $i) { expertConflict { id } } }",
    },
    Operation {
        name: "removeExpertConflict",
        rule: Rule::Policy("expert_conflict", "delete"),
        document: "mutation($i: RemoveExpertConflictInput!) { removeExpertConflict(input: $i) { deletedId } }",
    },
    Operation {
        name: "createRound",
        rule: Rule::Policy("round", "create"),
        document: "mutation($i: CreateRoundInput!) { createRound(input: $i) { round { id } } }",
    },
    Operation {
        name: "updateRound",
        rule: Rule::Policy("round", "update"),
        document: "mutation($i: UpdateRoundInput!) { updateRound(input: $i) { round { id } } }",
    },
    Operation {
        name: "approveRound",
        rule: Rule::Policy("round", "approve"),
        document: "mutation($i: ApproveRoundInput!) { approveRound(input: $i) { round { status } } }",
    },
    Operation {
        name: "returnRoundToPlanning",
        rule: Rule::Policy("round", "reopen"),
        document: "mutation($i: ReturnRoundToPlanningInput!) { returnRoundToPlanning(input: $i) { round { status } } }",
    },
    Operation {
        name: "startRound",
        rule: Rule::Policy("round", "start"),
        document: "mutation($i: StartRoundInput!) { startRound(input: $i) { round { status } } }",
    },
    Operation {
        name: "closeRound",
        rule: Rule::Policy("round", "close"),
        document: "mutation($i: CloseRoundInput!) { closeRound(input: $i) { round { status } } }",
    },
    Operation {
        name: "createInspection",
        rule: Rule::Policy("inspection", "create"),
        document: "mutation($i: CreateInspectionInput!) { createInspection(input: $i) { inspection { id } } }",
    },
    Operation {
        name: "removeInspection",
        rule: Rule::Policy("inspection", "delete"),
        document: "mutation($i: RemoveInspectionInput!) { removeInspection(input: $i) { deletedId } }",
    },
    Operation {
        name: "addRosterEntry",
        rule: Rule::Policy("roster_entry", "create"),
        document: "mutation($i: AddRosterEntryInput!) { addRosterEntry(input: $i) { rosterEntry { id } } }",
    },
    Operation {
        name: "removeRosterEntry",
        rule: Rule::Policy("roster_entry", "delete"),
        document: "mutation($i: RemoveRosterEntryInput!) { removeRosterEntry(input: $i) { deletedId } }",
    },
    Operation {
        name: "stationInspection",
        rule: Rule::Policy("inspection", "station"),
        document: "mutation($i: StationInspectionInput!) { stationInspection(input: $i) { inspection { status } } }",
    },
    Operation {
        name: "beginRectification",
        rule: Rule::Policy("inspection", "rectify"),
        document: "mutation($i: BeginRectificationInput!) { beginRectification(input: $i) { inspection { status } } }",
    },
    Operation {
        name: "closeInspection",
        rule: Rule::Policy("inspection", "close"),
        document: "mutation($i: CloseInspectionInput!) { closeInspection(input: $i) { inspection { status } } }",
    },
    Operation {
        name: "createFinding",
        rule: Rule::Policy("finding", "create"),
        document: "mutation($i: CreateFindingInput!) { createFinding(input: $i) { finding { id } } }",
    },
    Operation {
        name: "updateFinding",
        rule: Rule::Policy("finding", "update"),
        document: "mutation($i: UpdateFindingInput!) { updateFinding(input: $i) { finding { id } } }",
    },
    Operation {
        name: "deleteFinding",
        rule: Rule::Policy("finding", "delete"),
        document: "mutation($i: DeleteFindingInput!) { deleteFinding(input: $i) { deletedId } }",
    },
    Operation {
        name: "createClue",
        rule: Rule::Policy("clue", "create"),
        document: "mutation($i: CreateClueInput!) { createClue(input: $i) { clue { id } } }",
    },
    Operation {
        name: "updateClue",
        rule: Rule::Policy("clue", "update"),
        document: "mutation($i: UpdateClueInput!) { updateClue(input: $i) { clue { id } } }",
    },
    Operation {
        name: "deleteClue",
        rule: Rule::Policy("clue", "delete"),
        document: "mutation($i: DeleteClueInput!) { deleteClue(input: $i) { deletedId } }",
    },
    Operation {
        name: "submitClue",
        rule: Rule::Policy("clue", "submit"),
        document: "mutation($i: SubmitClueInput!) { submitClue(input: $i) { clue { status } } }",
    },
    Operation {
        name: "approveClue",
        rule: Rule::Policy("clue", "approve"),
        document: "mutation($i: ApproveClueInput!) { approveClue(input: $i) { clue { status } } }",
    },
    Operation {
        name: "rejectClue",
        rule: Rule::Policy("clue", "reject"),
        document: "mutation($i: RejectClueInput!) { rejectClue(input: $i) { clue { status } } }",
    },
    Operation {
        name: "createPetition",
        rule: Rule::Policy("petition", "create"),
        document: "mutation($i: CreatePetitionInput!) { createPetition(input: $i) { petition { id } } }",
    },
    Operation {
        name: "updatePetition",
        rule: Rule::Policy("petition", "update"),
        document: "mutation($i: UpdatePetitionInput!) { updatePetition(input: $i) { petition { id version } } }",
    },
    Operation {
        name: "withdrawPetition",
        rule: Rule::Policy("petition", "withdraw"),
        document: "mutation($i: WithdrawPetitionInput!) { withdrawPetition(input: $i) { petition { id withdrawnAt } } }",
    },
    Operation {
        name: "createRecommendation",
        rule: Rule::Policy("recommendation", "create"),
        document: "mutation($i: CreateRecommendationInput!) { createRecommendation(input: $i) { recommendation { id } } }",
    },
    Operation {
        name: "updateRecommendation",
        rule: Rule::Policy("recommendation", "update"),
        document: "mutation($i: UpdateRecommendationInput!) { updateRecommendation(input: $i) { recommendation { id } } }",
    },
    Operation {
        name: "deleteRecommendation",
        rule: Rule::Policy("recommendation", "delete"),
        document: "mutation($i: DeleteRecommendationInput!) { deleteRecommendation(input: $i) { deletedId } }",
    },
    Operation {
        name: "saveReport",
        rule: Rule::Policy("report", "update"),
        document: "mutation($i: SaveReportInput!) { saveReport(input: $i) { report { id } } }",
    },
    Operation {
        name: "saveFeedback",
        rule: Rule::Policy("feedback", "update"),
        document: "mutation($i: SaveFeedbackInput!) { saveFeedback(input: $i) { feedback { id } } }",
    },
    Operation {
        name: "submitInspectionReport",
        rule: Rule::Policy("report", "submit"),
        document: "mutation($i: SubmitInspectionReportInput!) { submitInspectionReport(input: $i) { inspection { status } } }",
    },
    Operation {
        name: "releaseFeedback",
        rule: Rule::Policy("feedback", "release"),
        document: "mutation($i: ReleaseFeedbackInput!) { releaseFeedback(input: $i) { inspection { status } } }",
    },
    Operation {
        name: "referClue",
        rule: Rule::Policy("referral", "refer"),
        document: "mutation($i: ReferClueInput!) { referClue(input: $i) { referral { id } } }",
    },
    Operation {
        name: "withdrawReferral",
        rule: Rule::Policy("referral", "withdraw"),
        document: "mutation($i: WithdrawReferralInput!) { withdrawReferral(input: $i) { referral { status } } }",
    },
    Operation {
        name: "acknowledgeReferral",
        rule: Rule::Policy("referral", "acknowledge"),
        document: "mutation($i: AcknowledgeReferralInput!) { acknowledgeReferral(input: $i) { referral { status } } }",
    },
    Operation {
        name: "setDisposalMethod",
        rule: Rule::Policy("referral", "report"),
        document: "mutation($i: SetDisposalMethodInput!) { setDisposalMethod(input: $i) { referral { status } } }",
    },
    Operation {
        name: "reportCaseFiled",
        rule: Rule::Policy("referral", "report"),
        document: "mutation($i: ReportCaseFiledInput!) { reportCaseFiled(input: $i) { referral { status } } }",
    },
    Operation {
        name: "addDisposition",
        rule: Rule::Policy("referral", "report"),
        document: "mutation($i: AddDispositionInput!) { addDisposition(input: $i) { referral { status } } }",
    },
    Operation {
        name: "concludeReferral",
        rule: Rule::Policy("referral", "conclude"),
        document: "mutation($i: ConcludeReferralInput!) { concludeReferral(input: $i) { referral { status } } }",
    },
    Operation {
        name: "createServiceCredential",
        rule: Rule::Policy("service_credential", "create"),
        document: "mutation($i: CreateServiceCredentialInput!) { createServiceCredential(input: $i) { clientId } }",
    },
    Operation {
        name: "revokeServiceCredential",
        rule: Rule::Policy("service_credential", "revoke"),
        document: "mutation($i: RevokeServiceCredentialInput!) { revokeServiceCredential(input: $i) { serviceCredential { status } } }",
    },
    Operation {
        name: "createRectificationTask",
        rule: Rule::Policy("rectification_task", "create"),
        document: "mutation($i: CreateRectificationTaskInput!) { createRectificationTask(input: $i) { rectificationTask { id } } }",
    },
    Operation {
        name: "startRectificationTask",
        rule: Rule::Policy("rectification_task", "start"),
        document: "mutation($i: StartRectificationTaskInput!) { startRectificationTask(input: $i) { rectificationTask { status } } }",
    },
    Operation {
        name: "reportRectificationProgress",
        rule: Rule::Policy("progress_report", "create"),
        document: "mutation($i: ReportRectificationProgressInput!) { reportRectificationProgress(input: $i) { progressReport { id } } }",
    },
    Operation {
        name: "amendProgressReport",
        rule: Rule::Policy("progress_report", "update"),
        document: "mutation($i: AmendProgressReportInput!) { amendProgressReport(input: $i) { progressReport { id version } } }",
    },
    Operation {
        name: "withdrawProgressReport",
        rule: Rule::Policy("progress_report", "withdraw"),
        document: "mutation($i: WithdrawProgressReportInput!) { withdrawProgressReport(input: $i) { progressReport { id withdrawnAt } } }",
    },
    Operation {
        name: "withdrawEvidenceFile",
        rule: Rule::Policy("evidence_file", "withdraw"),
        document: "mutation($i: WithdrawEvidenceFileInput!) { withdrawEvidenceFile(input: $i) { evidenceFile { id withdrawnAt } } }",
    },
    Operation {
        name: "submitRectificationTask",
        rule: Rule::Policy("rectification_task", "submit"),
        document: "mutation($i: SubmitRectificationTaskInput!) { submitRectificationTask(input: $i) { rectificationTask { status } } }",
    },
    Operation {
        name: "closeRectificationTask",
        rule: Rule::Policy("rectification_task", "close"),
        document: "mutation($i: CloseRectificationTaskInput!) { closeRectificationTask(input: $i) { rectificationTask { status } } }",
    },
    Operation {
        name: "returnRectificationTask",
        rule: Rule::Policy("rectification_task", "return"),
        document: "mutation($i: ReturnRectificationTaskInput!) { returnRectificationTask(input: $i) { rectificationTask { status } } }",
    },
    Operation {
        name: "updateRectificationPlan",
        rule: Rule::Policy("rectification_plan", "update"),
        document: "mutation($i: UpdateRectificationPlanInput!) { updateRectificationPlan(input: $i) { rectificationPlan { id } } }",
    },
    Operation {
        name: "addRectificationPlanItem",
        rule: Rule::Policy("rectification_plan_item", "create"),
        document: "mutation($i: AddRectificationPlanItemInput!) { addRectificationPlanItem(input: $i) { rectificationPlanItem { id } } }",
    },
    Operation {
        name: "updateRectificationPlanItem",
        rule: Rule::Policy("rectification_plan_item", "update"),
        document: "mutation($i: UpdateRectificationPlanItemInput!) { updateRectificationPlanItem(input: $i) { rectificationPlanItem { id } } }",
    },
    Operation {
        name: "deleteRectificationPlanItem",
        rule: Rule::Policy("rectification_plan_item", "delete"),
        document: "mutation($i: DeleteRectificationPlanItemInput!) { deleteRectificationPlanItem(input: $i) { deletedId } }",
    },
    Operation {
        name: "submitRectificationPlan",
        rule: Rule::Policy("rectification_plan", "submit"),
        document: "mutation($i: SubmitRectificationPlanInput!) { submitRectificationPlan(input: $i) { rectificationPlan { status } } }",
    },
    Operation {
        name: "approveRectificationPlan",
        rule: Rule::Policy("rectification_plan", "approve"),
        document: "mutation($i: ApproveRectificationPlanInput!) { approveRectificationPlan(input: $i) { rectificationPlan { status } } }",
    },
    Operation {
        name: "returnRectificationPlan",
        rule: Rule::Policy("rectification_plan", "return"),
        document: "mutation($i: ReturnRectificationPlanInput!) { returnRectificationPlan(input: $i) { rectificationPlan { status } } }",
    },
    Operation {
        name: "evaluateRectification",
        rule: Rule::Policy("rectification_plan", "evaluate"),
        document: "mutation($i: EvaluateRectificationInput!) { evaluateRectification(input: $i) { rectificationPlan { grade } } }",
    },
    Operation {
        name: "updateRectificationReport",
        rule: Rule::Policy("rectification_report", "update"),
        document: "mutation($i: UpdateRectificationReportInput!) { updateRectificationReport(input: $i) { rectificationReport { id } } }",
    },
    Operation {
        name: "submitRectificationReport",
        rule: Rule::Policy("rectification_report", "submit"),
        document: "mutation($i: SubmitRectificationReportInput!) { submitRectificationReport(input: $i) { rectificationReport { status } } }",
    },
    Operation {
        name: "acceptRectificationReport",
        rule: Rule::Policy("rectification_report", "accept"),
        document: "mutation($i: AcceptRectificationReportInput!) { acceptRectificationReport(input: $i) { rectificationReport { status } } }",
    },
    Operation {
        name: "returnRectificationReport",
        rule: Rule::Policy("rectification_report", "return"),
        document: "mutation($i: ReturnRectificationReportInput!) { returnRectificationReport(input: $i) { rectificationReport { status } } }",
    },
    Operation {
        name: "writeSupervisionNote",
        rule: Rule::Policy("supervision_note", "create"),
        document: "mutation($i: WriteSupervisionNoteInput!) { writeSupervisionNote(input: $i) { supervisionNote { id } } }",
    },
    Operation {
        name: "circulateRectificationSummary",
        rule: Rule::Policy("circulation", "create"),
        document: "mutation($i: CirculateRectificationSummaryInput!) { circulateRectificationSummary(input: $i) { circulation { id } } }",
    },
    Operation {
        name: "reopenRectificationTask",
        rule: Rule::Policy("rectification_task", "reopen"),
        document: "mutation($i: ReopenRectificationTaskInput!) { reopenRectificationTask(input: $i) { rectificationTask { status } } }",
    },
    Operation {
        name: "recordRegulation",
        rule: Rule::Policy("regulation", "create"),
        document: "mutation($i: RecordRegulationInput!) { recordRegulation(input: $i) { regulation { id } } }",
    },
    Operation {
        name: "amendRegulation",
        rule: Rule::Policy("regulation", "update"),
        document: "mutation($i: AmendRegulationInput!) { amendRegulation(input: $i) { regulation { id version } } }",
    },
    Operation {
        name: "withdrawRegulation",
        rule: Rule::Policy("regulation", "withdraw"),
        document: "mutation($i: WithdrawRegulationInput!) { withdrawRegulation(input: $i) { regulation { id withdrawnAt } } }",
    },
    Operation {
        name: "interviewSessions",
        rule: Rule::Policy("interview_session", "read"),
        document: "{ interviewSessions { totalCount } }",
    },
    Operation {
        name: "accountabilityRecords",
        rule: Rule::Policy("accountability_record", "read"),
        document: "{ accountabilityRecords { totalCount } }",
    },
    Operation {
        name: "recordInterviewSession",
        rule: Rule::Policy("interview_session", "create"),
        document: "mutation($i: RecordInterviewSessionInput!) { recordInterviewSession(input: $i) { interviewSession { id } } }",
    },
    Operation {
        name: "recordAccountability",
        rule: Rule::Policy("accountability_record", "create"),
        document: "mutation($i: RecordAccountabilityInput!) { recordAccountability(input: $i) { accountabilityRecord { id } } }",
    },
    Operation {
        name: "amendInterviewSession",
        rule: Rule::Policy("interview_session", "update"),
        document: "mutation($i: AmendInterviewSessionInput!) { amendInterviewSession(input: $i) { interviewSession { id version } } }",
    },
    Operation {
        name: "withdrawInterviewSession",
        rule: Rule::Policy("interview_session", "withdraw"),
        document: "mutation($i: WithdrawInterviewSessionInput!) { withdrawInterviewSession(input: $i) { interviewSession { id withdrawnAt } } }",
    },
    Operation {
        name: "amendAccountabilityRecord",
        rule: Rule::Policy("accountability_record", "update"),
        document: "mutation($i: AmendAccountabilityRecordInput!) { amendAccountabilityRecord(input: $i) { accountabilityRecord { id version } } }",
    },
    Operation {
        name: "withdrawAccountabilityRecord",
        rule: Rule::Policy("accountability_record", "withdraw"),
        document: "mutation($i: WithdrawAccountabilityRecordInput!) { withdrawAccountabilityRecord(input: $i) { accountabilityRecord { id withdrawnAt } } }",
    },
    // Before the feedback, and the structure of the work.
    Operation { name: "terms", rule: Rule::Policy("term", "read"), document: "{ terms { totalCount } }" },
    Operation {
        name: "planEntries",
        rule: Rule::Policy("plan_entry", "read"),
        document: "{ planEntries { totalCount } }",
    },
    Operation {
        name: "roundReports",
        rule: Rule::Policy("round_report", "read"),
        document: "{ roundReports { totalCount } }",
    },
    Operation { name: "hearings", rule: Rule::Policy("hearing", "read"), document: "{ hearings { totalCount } }" },
    Operation { name: "decisions", rule: Rule::Policy("decision", "read"), document: "{ decisions { totalCount } }" },
    Operation { name: "inspectionNotices", rule: Rule::Public, document: "{ inspectionNotices { totalCount } }" },
    Operation {
        name: "createTerm",
        rule: Rule::Policy("term", "create"),
        document: "mutation($i: CreateTermInput!) { createTerm(input: $i) { term { id } } }",
    },
    Operation {
        name: "updateTerm",
        rule: Rule::Policy("term", "update"),
        document: "mutation($i: UpdateTermInput!) { updateTerm(input: $i) { term { id } } }",
    },
    Operation {
        name: "planUnit",
        rule: Rule::Policy("plan_entry", "create"),
        document: "mutation($i: PlanUnitInput!) { planUnit(input: $i) { planEntry { id } } }",
    },
    Operation {
        name: "removePlanEntry",
        rule: Rule::Policy("plan_entry", "delete"),
        document: "mutation($i: RemovePlanEntryInput!) { removePlanEntry(input: $i) { deletedId } }",
    },
    Operation {
        name: "saveRoundReport",
        rule: Rule::Policy("round_report", "update"),
        document: "mutation($i: SaveRoundReportInput!) { saveRoundReport(input: $i) { roundReport { id } } }",
    },
    Operation {
        name: "submitRoundReport",
        rule: Rule::Policy("round_report", "submit"),
        document: "mutation($i: SubmitRoundReportInput!) { submitRoundReport(input: $i) { roundReport { id } } }",
    },
    Operation {
        name: "recordHearing",
        rule: Rule::Policy("hearing", "create"),
        document: "mutation($i: RecordHearingInput!) { recordHearing(input: $i) { hearing { id } } }",
    },
    Operation {
        name: "recordDecision",
        rule: Rule::Policy("decision", "create"),
        document: "mutation($i: RecordDecisionInput!) { recordDecision(input: $i) { decision { id } } }",
    },
    Operation {
        name: "savePrincipalFeedback",
        rule: Rule::Policy("principal_feedback", "update"),
        document: "mutation($i: SavePrincipalFeedbackInput!) { savePrincipalFeedback(input: $i) { principalFeedback { id } } }",
    },
    Operation {
        name: "publishInspectionChannels",
        rule: Rule::Policy("inspection", "publish"),
        document: "mutation($i: PublishInspectionChannelsInput!) { publishInspectionChannels(input: $i) { inspection { id } } }",
    },
    Operation {
        name: "acceptPetition",
        rule: Rule::Policy("petition", "accept"),
        document: "mutation($i: AcceptPetitionInput!) { acceptPetition(input: $i) { petition { id } } }",
    },
    Operation {
        name: "passPetitionOn",
        rule: Rule::Policy("petition", "pass_on"),
        document: "mutation($i: PassPetitionOnInput!) { passPetitionOn(input: $i) { petition { id } } }",
    },
    Operation {
        name: "recordPetitionAnswer",
        rule: Rule::Policy("petition", "answer"),
        document: "mutation($i: RecordPetitionAnswerInput!) { recordPetitionAnswer(input: $i) { petition { id } } }",
    },
    Operation {
        name: "closePetition",
        rule: Rule::Policy("petition", "close"),
        document: "mutation($i: ClosePetitionInput!) { closePetition(input: $i) { petition { id } } }",
    },
    Operation {
        name: "linkExpertAccount",
        rule: Rule::Policy("expert", "update"),
        document: "mutation($i: LinkExpertAccountInput!) { linkExpertAccount(input: $i) { expert { id } } }",
    },
    Operation {
        name: "referFinding",
        rule: Rule::Policy("referral", "refer"),
        document: "mutation($i: ReferFindingInput!) { referFinding(input: $i) { referral { id } } }",
    },
    Operation {
        name: "reopenReferral",
        rule: Rule::Policy("referral", "reopen"),
        document: "mutation($i: ReopenReferralInput!) { reopenReferral(input: $i) { referral { id } } }",
    },
    // Last: it ends every other session of the account that runs it.
    Operation {
        name: "changePassword",
        rule: Rule::Authenticated,
        document: "mutation($i: ChangePasswordInput!) { changePassword(input: $i) { token } }",
    },
];

/// The inspection a finding belongs to.
const FINDING_INSPECTION: &str = r#"query($f: ID!) {
  node(id: $f) { ... on Finding { inspection { id } } }
}"#;

/// Sets a unit a rectification task answering one of its recommendations.
const CREATE_TASK: &str = r#"mutation($i: CreateRectificationTaskInput!) {
  createRectificationTask(input: $i) { rectificationTask { id } }
}"#;

/// A task on unit 1's list, moved as far as `steps` say (start, submit).
async fn task(app: &TestApp, steps: &[&str]) -> String {
    let unit = app.org_of("unit1").await;
    let rec = app
        .first_id(&format!(
            "SELECT r.id FROM recommendations r JOIN inspections i ON i.id = r.inspection_id WHERE i.unit_id = {unit} AND i.status IN ('FEEDBACK_GIVEN', 'RECTIFYING') ORDER BY r.id"
        ))
        .await;
    let d = app
        .data(
            "office",
            CREATE_TASK,
            json!({ "i": { "recommendationId": gid("Recommendation", rec), "content": "建立制度", "responsiblePerson": "周书记", "deadline": "2027-06-30" } }),
        )
        .await;
    let id = d["createRectificationTask"]["rectificationTask"]["id"].as_str().unwrap().to_owned();
    for step in steps {
        let t = step[..1].to_uppercase() + &step[1..];
        app.data(
            "unit1",
            &format!("mutation($i: {t}Input!) {{ {step}(input: $i) {{ rectificationTask {{ id }} }} }}"),
            json!({ "i": { "id": id } }),
        )
        .await;
    }
    id
}

/// Refers an approved clue to a partner agency.
const REFER_CLUE: &str = r#"mutation($i: ReferClueInput!) {
  referClue(input: $i) { referral { id } }
}"#;

/// Acknowledges receipt of a referral.
const ACKNOWLEDGE_REFERRAL: &str = r#"mutation($i: AcknowledgeReferralInput!) {
  acknowledgeReferral(input: $i) { referral { id } }
}"#;

/// An approved clue not yet referred (one the leadership group rejected is approved again, when
/// the demo's run out).
async fn approved_clue(app: &TestApp) -> String {
    if app.count_where("clues", "status = 'APPROVED'").await == 0 {
        app.sql(
            "UPDATE clues SET status = 'APPROVED' WHERE id = (SELECT MIN(id) FROM clues WHERE status = 'REJECTED')",
        )
        .await;
    }
    gid("Clue", app.first_id("SELECT id FROM clues WHERE status = 'APPROVED' ORDER BY id").await)
}

/// A referral to agency 1 (the commission) of an approved clue, acknowledged or not.
async fn referral(app: &TestApp, acknowledged: bool) -> String {
    let clue = approved_clue(app).await;
    let agency = gid("Organization", app.org_of("agency1").await);
    let d = app.data("office", REFER_CLUE, json!({ "i": { "clueId": clue, "agencyId": agency } })).await;
    let id = d["referClue"]["referral"]["id"].as_str().unwrap().to_owned();
    if acknowledged {
        app.data("agency1", ACKNOWLEDGE_REFERRAL, json!({ "i": { "id": id } })).await;
    }
    id
}

/// A petition `team1` registered just now, on a new stationed inspection of its own.
async fn new_petition(app: &TestApp) -> String {
    let input =
        json!({ "i": { "inspectionId": stationed(app).await, "content": "反映问题", "receivedOn": "2026-01-02" } });
    let d =
        as_team1(app, "mutation($i: CreatePetitionInput!) { createPetition(input: $i) { petition { id } } }", input)
            .await;
    d["createPetition"]["petition"]["id"].as_str().unwrap().to_owned()
}

/// A progress report `unit1` filed just now, on a task in progress.
async fn new_progress_report(app: &TestApp) -> String {
    let task = task(app, &["startRectificationTask"]).await;
    let d = app
        .data(
            "unit1",
            "mutation($i: ReportRectificationProgressInput!) { reportRectificationProgress(input: $i) { progressReport { id } } }",
            json!({ "i": { "taskId": task, "content": "已完成制度修订" } }),
        )
        .await;
    d["reportRectificationProgress"]["progressReport"]["id"].as_str().unwrap().to_owned()
}

/// An evidence file `unit1` uploaded just now, to a new progress report.
async fn new_evidence_file(app: &TestApp) -> String {
    let report = new_progress_report(app).await;
    let response = app
        .client()
        .post(app.url("/evidence"))
        .query(&[("progressReportId", report.as_str()), ("fileName", "a.pdf")])
        .header("content-type", "application/pdf")
        .bearer_auth(app.token("unit1").await)
        .body(b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\nstartxref\n9\n%%EOF\n".to_vec())
        .send()
        .await
        .unwrap();
    let body: Value = response.json().await.unwrap();
    body["data"]["evidenceFile"]["id"].as_str().unwrap_or_else(|| panic!("upload: {body}")).to_owned()
}

/// A regulation `unit1` recorded just now, on its inspection whose feedback is released and which
/// is not closed.
async fn new_regulation(app: &TestApp) -> String {
    let unit = app.org_of("unit1").await;
    let inspection = app
        .first_id(&format!(
            "SELECT inspection_id AS id FROM feedbacks WHERE released_at IS NOT NULL AND inspection_id IN \
             (SELECT id FROM inspections WHERE unit_id = {unit} AND status <> 'CLOSED') ORDER BY inspection_id"
        ))
        .await;
    let d = app
        .data(
            "unit1",
            "mutation($i: RecordRegulationInput!) { recordRegulation(input: $i) { regulation { id } } }",
            json!({ "i": { "inspectionId": gid("Inspection", inspection), "title": "财务报销管理办法", "category": "FINANCE", "effectiveOn": tests::today() } }),
        )
        .await;
    d["recordRegulation"]["regulation"]["id"].as_str().unwrap().to_owned()
}

/// A new stationed inspection of team 1 (whose record `team1` and `team1.member` write) in the
/// round under way, of a unit neither must recuse from: each call its own, so that an operation
/// that moves one on leaves the next operation a stationed one.
async fn stationed(app: &TestApp) -> String {
    let team = app.org_of("team1").await;
    let round = app.first_id("SELECT id FROM rounds WHERE status = 'IN_PROGRESS'").await;
    let unit = app
        .first_id(&format!(
            "SELECT id FROM organizations WHERE kind = 'AUDITED_UNIT' \
             AND id NOT IN (SELECT unit_id FROM inspections WHERE round_id = {round}) \
             AND id NOT IN (SELECT c.unit_id FROM expert_conflicts c JOIN experts e ON e.id = c.expert_id \
             JOIN users u ON u.id = e.user_id WHERE u.username IN ('team1', 'team1.member')) ORDER BY id"
        ))
        .await;
    app.sql(&format!(
        "INSERT INTO inspections (round_id, team_id, unit_id, status, created_at, updated_at, version) \
         VALUES ({round}, {team}, {unit}, 'STATIONED', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 1)"
    ))
    .await;
    gid(
        "Inspection",
        app.first_id(&format!("SELECT id FROM inspections WHERE round_id = {round} AND unit_id = {unit}")).await,
    )
}

/// A stationed inspection of team 1 whose report and both feedback documents are submitted.
async fn reported(app: &TestApp) -> String {
    let inspection = stationed(app).await;
    for op in ["saveReport", "saveFeedback", "savePrincipalFeedback"] {
        let t = op[..1].to_uppercase() + &op[1..];
        as_team1(
            app,
            &format!("mutation($i: {t}Input!) {{ {op}(input: $i) {{ __typename }} }}"),
            json!({ "i": { "inspectionId": inspection, "body": "正文" } }),
        )
        .await;
    }
    as_team1(
        app,
        "mutation($i: SubmitInspectionReportInput!) { submitInspectionReport(input: $i) { __typename } }",
        json!({ "i": { "id": inspection } }),
    )
    .await;
    inspection
}

/// The input of a hearing that accepts the report of `subject`.
fn accepting(subject: &str) -> Value {
    json!({ "subjectId": subject, "heardOn": tests::today(), "opinion": "同意", "proposedHandling": "按程序反馈", "outcome": "ACCEPTED" })
}

/// A reported inspection of team 1, heard and accepted by the leadership group.
async fn heard(app: &TestApp) -> String {
    let inspection = reported(app).await;
    app.data(
        "leader",
        "mutation($i: RecordHearingInput!) { recordHearing(input: $i) { __typename } }",
        json!({ "i": accepting(&inspection) }),
    )
    .await;
    inspection
}

/// A heard inspection of team 1, decided on by the district committee.
async fn decided(app: &TestApp) -> String {
    let inspection = heard(app).await;
    app.data(
        "office",
        "mutation($i: RecordDecisionInput!) { recordDecision(input: $i) { __typename } }",
        json!({ "i": { "subjectId": inspection, "decidedOn": tests::today(), "text": "同意反馈" } }),
    )
    .await;
    inspection
}

/// A petition just registered on a stationed inspection of team 1, about its unit.
async fn registered_petition(app: &TestApp) -> String {
    let d = as_team1(
        app,
        "mutation($i: CreatePetitionInput!) { createPetition(input: $i) { petition { id } } }",
        json!({ "i": { "inspectionId": stationed(app).await, "content": "反映问题", "receivedOn": tests::today() } }),
    )
    .await;
    d["createPetition"]["petition"]["id"].as_str().unwrap().to_owned()
}

/// Takes a petition one step of its handling, as team 1.
async fn petition_step(app: &TestApp, op: &str, input: Value) {
    let t = op[..1].to_uppercase() + &op[1..];
    as_team1(app, &format!("mutation($i: {t}Input!) {{ {op}(input: $i) {{ __typename }} }}"), json!({ "i": input }))
        .await;
}

/// The demo's committee term.
async fn demo_term(app: &TestApp) -> String {
    gid("Term", app.first_id("SELECT id FROM terms ORDER BY starts_on").await)
}

async fn as_team1(app: &TestApp, doc: &str, vars: Value) -> Value {
    app.data("team1", doc, vars).await
}

/// Records a finding of an inspection.
const CREATE_FINDING: &str = r#"mutation($i: CreateFindingInput!) {
  createFinding(input: $i) { finding { id } }
}"#;

async fn new_finding(app: &TestApp) -> String {
    let d = as_team1(
        app,
        CREATE_FINDING,
        json!({ "i": { "inspectionId": stationed(app).await, "category": "WORK_STYLE", "description": "超标准接待", "evidence": "接待清单" } }),
    )
    .await;
    d["createFinding"]["finding"]["id"].as_str().unwrap().to_owned()
}

/// Writes a draft clue.
const CREATE_CLUE: &str = r#"mutation($i: CreateClueInput!) {
  createClue(input: $i) { clue { id } }
}"#;

async fn new_clue(app: &TestApp) -> String {
    let d = as_team1(
        app,
        CREATE_CLUE,
        json!({ "i": {
            "inspectionId": stationed(app).await,
            "persons": [{ "name": "某某", "rank": "DIVISION_LEVEL", "position": "主任" }],
            "allegedViolation": "收受礼金", "evidence": "银行流水", "source": "INTERVIEW"
        } }),
    )
    .await;
    d["createClue"]["clue"]["id"].as_str().unwrap().to_owned()
}

/// Submits a draft clue for approval.
const SUBMIT_CLUE: &str = r#"mutation($i: SubmitClueInput!) {
  submitClue(input: $i) { clue { id } }
}"#;

async fn submitted_clue(app: &TestApp) -> String {
    let clue = new_clue(app).await;
    as_team1(app, SUBMIT_CLUE, json!({ "i": { "id": clue } })).await;
    clue
}

/// Writes a recommendation answering some findings.
const CREATE_RECOMMENDATION: &str = r#"mutation($i: CreateRecommendationInput!) {
  createRecommendation(input: $i) { recommendation { id } }
}"#;

async fn new_recommendation(app: &TestApp) -> String {
    let finding = new_finding(app).await;
    let inspection =
        app.data("office", FINDING_INSPECTION, json!({ "f": finding })).await["node"]["inspection"]["id"].clone();
    let d = as_team1(
        app,
        CREATE_RECOMMENDATION,
        json!({ "i": { "inspectionId": inspection, "content": "整改", "findingIds": [finding] } }),
    )
    .await;
    d["createRecommendation"]["recommendation"]["id"].as_str().unwrap().to_owned()
}

/// The (role, kind, action) lines of the policy file.
fn policy() -> HashSet<(String, String, String)> {
    let text = std::fs::read_to_string(format!("{}/policy.csv", tests::POLICY_DIR)).unwrap();
    text.lines()
        .map(str::trim)
        .filter(|l| l.starts_with("p,"))
        .map(|l| {
            let f: Vec<&str> = l.split(',').map(str::trim).collect();
            (f[1].trim_start_matches("role:").to_owned(), f[2].to_owned(), f[3].to_owned())
        })
        .collect()
}

async fn office(app: &TestApp, doc: &str, vars: Value) -> Value {
    app.data("office", doc, vars).await
}

/// Plans a round of inspections.
const CREATE_ROUND: &str = r#"mutation($i: CreateRoundInput!) {
  createRound(input: $i) { round { id } }
}"#;

async fn new_round(app: &TestApp) -> String {
    app.test_term().await;
    let name = format!("test round {}", uuid::Uuid::new_v4());
    let d =
        office(app, CREATE_ROUND, json!({ "i": { "name": name, "startsOn": "2026-01-01", "endsOn": "2026-02-01" } }))
            .await;
    d["createRound"]["round"]["id"].as_str().unwrap().to_owned()
}

/// Plans an inspection of a unit by a team in a round.
const CREATE_INSPECTION: &str = r#"mutation($i: CreateInspectionInput!) {
  createInspection(input: $i) { inspection { id } }
}"#;

async fn new_inspection(app: &TestApp, round: &str, unit_name: &str) -> String {
    let team = gid("Organization", app.org_of("team1").await);
    let unit = gid("Organization", app.row_id("organizations", "name", unit_name).await);
    let d = office(app, CREATE_INSPECTION, json!({ "i": { "roundId": round, "teamId": team, "unitId": unit } })).await;
    d["createInspection"]["inspection"]["id"].as_str().unwrap().to_owned()
}

/// Creates a user account.
const CREATE_USER: &str = r#"mutation($i: CreateUserInput!) {
  createUser(input: $i) { user { id } }
}"#;

async fn new_user(app: &TestApp) -> String {
    let d = office(
        app,
        CREATE_USER,
        json!({ "i": { "username": format!("u{}", &uuid::Uuid::new_v4().simple().to_string()[..12]), "displayName": "测试用户", "password": "a-long-password" } }),
    )
    .await;
    d["createUser"]["user"]["id"].as_str().unwrap().to_owned()
}

/// Adds an expert to the pool.
const CREATE_EXPERT: &str = r#"mutation($i: CreateExpertInput!) {
  createExpert(input: $i) { expert { id } }
}"#;

async fn new_expert(app: &TestApp) -> String {
    let d = office(
        app,
        CREATE_EXPERT,
        json!({ "i": { "name": "新专家", "specialty": "AUDIT", "birthYear": 1980, "experienceYears": 10, "employer": "区审计局" } }),
    )
    .await;
    d["createExpert"]["expert"]["id"].as_str().unwrap().to_owned()
}

/// Disables a user's account.
const DISABLE_USER: &str = r#"mutation($i: DisableUserInput!) {
  disableUser(input: $i) { user { id } }
}"#;

/// Gives a user a role in an organization.
const ASSIGN_ROLE: &str = r#"mutation($i: AssignRoleInput!) {
  assignRole(input: $i) { roleAssignment { id } }
}"#;

/// Records an expert's conflict of interest with a unit.
const ADD_EXPERT_CONFLICT: &str = r#"mutation($i: AddExpertConflictInput!) {
  addExpertConflict(input: $i) { expertConflict { id } }
}"#;

/// Places an expert on a team for a round.
const ADD_ROSTER_ENTRY: &str = r#"mutation($i: AddRosterEntryInput!) {
  addRosterEntry(input: $i) { rosterEntry { id } }
}"#;

/// Says how the agency will handle a referral.
const SET_DISPOSAL_METHOD: &str = r#"mutation($i: SetDisposalMethodInput!) {
  setDisposalMethod(input: $i) { referral { id } }
}"#;

/// Issues a credential for a partner agency's system.
const CREATE_SERVICE_CREDENTIAL: &str = r#"mutation($i: CreateServiceCredentialInput!) {
  createServiceCredential(input: $i) { serviceCredential { id } }
}"#;

/// Makes what the operation acts on, and returns its variables.
async fn variables(app: &TestApp, name: &str) -> Value {
    let unit = || async { gid("Organization", app.org_of("unit1").await) };
    let team1 = || async { gid("Organization", app.org_of("team1").await) };
    let unique = uuid::Uuid::new_v4().simple().to_string()[..12].to_owned();
    match name {
        "node" | "nodes" => json!({ "id": gid("Organization", app.org_of("unit1").await) }),
        "login" => json!({ "u": "office", "p": api::demo::DEMO_PASSWORD }),
        "createUser" => {
            json!({ "i": { "username": format!("new.{unique}"), "displayName": "新用户", "password": "a-long-password" } })
        }
        "updateUser" => json!({ "i": { "id": new_user(app).await, "displayName": "改名" } }),
        "disableUser" => json!({ "i": { "id": new_user(app).await } }),
        "enableUser" => {
            let id = new_user(app).await;
            office(app, DISABLE_USER, json!({ "i": { "id": id } })).await;
            json!({ "i": { "id": id } })
        }
        "assignRole" => {
            json!({ "i": { "userId": new_user(app).await, "role": "TEAM_MEMBER", "organizationId": team1().await } })
        }
        "revokeRole" => {
            let d = office(
                app,
                ASSIGN_ROLE,
                json!({ "i": { "userId": new_user(app).await, "role": "TEAM_MEMBER", "organizationId": team1().await } }),
            )
            .await;
            json!({ "i": { "id": d["assignRole"]["roleAssignment"]["id"] } })
        }
        "createOrganization" => {
            json!({ "i": { "kind": "AUDITED_UNIT", "name": format!("新单位{unique}"), "unitCategory": "DISTRICT_DEPARTMENT" } })
        }
        "updateOrganization" => json!({ "i": { "id": unit().await, "name": format!("改名单位{unique}") } }),
        "createExpert" => {
            json!({ "i": { "name": "专家", "specialty": "LAW", "birthYear": 1975, "experienceYears": 20, "employer": "区司法局" } })
        }
        "updateExpert" => json!({ "i": { "id": new_expert(app).await, "experienceYears": 21 } }),
        "addExpertConflict" => {
            json!({ "i": { "expertId": new_expert(app).await, "unitId": unit().await, "kind": "DECLARED" } })
        }
        "removeExpertConflict" => {
            let d = office(
                app,
                ADD_EXPERT_CONFLICT,
                json!({ "i": { "expertId": new_expert(app).await, "unitId": unit().await, "kind": "WORKED_IN" } }),
            )
            .await;
            json!({ "i": { "id": d["addExpertConflict"]["expertConflict"]["id"] } })
        }
        "createRound" => {
            app.test_term().await;
            json!({ "i": { "name": format!("轮次{unique}"), "startsOn": "2027-03-01", "endsOn": "2027-05-01" } })
        }
        "updateRound" => json!({ "i": { "id": new_round(app).await, "endsOn": "2026-03-01" } }),
        "returnRoundToPlanning" => {
            let round = new_round(app).await;
            new_inspection(app, &round, "区教委").await;
            app.data(
                "leader",
                "mutation($i: ApproveRoundInput!) { approveRound(input: $i) { round { id } } }",
                json!({ "i": { "id": round } }),
            )
            .await;
            json!({ "i": { "id": round, "reason": "增补巡察对象" } })
        }
        "approveRound" | "startRound" | "closeRound" => {
            let round = new_round(app).await;
            new_inspection(app, &round, "区教委").await;
            let steps: &[(&str, &str)] = match name {
                "approveRound" => &[],
                "startRound" => &[("leader", "approveRound")],
                _ => &[("leader", "approveRound"), ("office", "startRound")],
            };
            for (who, step) in steps {
                let t = step[..1].to_uppercase() + &step[1..];
                app.data(
                    who,
                    &format!("mutation($i: {t}Input!) {{ {step}(input: $i) {{ round {{ id }} }} }}"),
                    json!({ "i": { "id": round } }),
                )
                .await;
            }
            if name == "closeRound" {
                // A round closes once its inspections' feedback is out and the district committee
                // has decided on its comprehensive report.
                let n = tests::row_of(&round);
                app.sql(&format!("UPDATE inspections SET status = 'FEEDBACK_GIVEN' WHERE round_id = {n}")).await;
                app.sql(&format!(
                    "INSERT INTO round_reports (round_id, body, status, submitted_at, created_at, updated_at, version) \
                     VALUES ({n}, '综合报告', 'DECIDED', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 4)"
                ))
                .await;
            }
            json!({ "i": { "id": round } })
        }
        "createInspection" => {
            json!({ "i": { "roundId": new_round(app).await, "teamId": team1().await, "unitId": unit().await } })
        }
        "removeInspection" => {
            let round = new_round(app).await;
            json!({ "i": { "id": new_inspection(app, &round, "区民政局").await } })
        }
        "addRosterEntry" => json!({ "i": {
            "roundId": new_round(app).await, "teamId": team1().await, "expertId": new_expert(app).await, "position": "MEMBER"
        } }),
        "removeRosterEntry" => {
            let d = office(
                app,
                ADD_ROSTER_ENTRY,
                json!({ "i": {
                    "roundId": new_round(app).await, "teamId": team1().await, "expertId": new_expert(app).await, "position": "LEADER"
                } }),
            )
            .await;
            json!({ "i": { "id": d["addRosterEntry"]["rosterEntry"]["id"] } })
        }
        "stationInspection" => {
            // A planned inspection in round 5, which is in progress.
            let round = app.first_id("SELECT id FROM rounds WHERE status = 'IN_PROGRESS'").await;
            let team = app.org_of("team1").await;
            let unit = app
                .first_id(&format!(
                    "SELECT id FROM organizations WHERE kind = 'AUDITED_UNIT' AND id NOT IN (SELECT unit_id FROM inspections WHERE round_id = {round}) ORDER BY id"
                ))
                .await;
            app.sql(&format!(
                "INSERT INTO inspections (round_id, team_id, unit_id, status, created_at, updated_at, version) VALUES ({round}, {team}, {unit}, 'PLANNED', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 1)"
            ))
            .await;
            let id = app
                .first_id(&format!(
                    "SELECT id FROM inspections WHERE round_id = {round} AND status = 'PLANNED' ORDER BY id DESC"
                ))
                .await;
            json!({ "i": { "id": gid("Inspection", id) } })
        }
        "beginRectification" => {
            // Not unit1's inspection, whose rectification list other operations use.
            let team5 = app.org_of("team5").await;
            let id = app
                .first_id(&format!(
                    "SELECT id FROM inspections WHERE team_id = {team5} AND status = 'STATIONED' ORDER BY id"
                ))
                .await;
            app.sql(&format!("UPDATE inspections SET status = 'FEEDBACK_GIVEN' WHERE id = {id}")).await;
            json!({ "i": { "id": gid("Inspection", id) } })
        }
        "closeInspection" => {
            let team3 = app.org_of("team3").await;
            let id = app
                .first_id(&format!(
                    "SELECT id FROM inspections WHERE team_id = {team3} AND status = 'RECTIFYING' ORDER BY id"
                ))
                .await;
            json!({ "i": { "id": gid("Inspection", id) } })
        }
        "createFinding" => json!({ "i": {
            "inspectionId": stationed(app).await, "category": "PARTY_BUILDING_MISSING", "description": "三会一课不落实", "evidence": "会议记录"
        } }),
        "updateFinding" => json!({ "i": { "id": new_finding(app).await, "description": "改" } }),
        "deleteFinding" => json!({ "i": { "id": new_finding(app).await } }),
        "createClue" => json!({ "i": {
            "inspectionId": stationed(app).await,
            "persons": [{ "name": "某", "rank": "SECTION_LEVEL", "position": "科长" }],
            "allegedViolation": "违规", "evidence": "证据", "source": "FIELD_VISIT"
        } }),
        "updateClue" => json!({ "i": { "id": new_clue(app).await, "evidence": "补充证据" } }),
        "submitClue" => json!({ "i": { "id": new_clue(app).await } }),
        "deleteClue" => json!({ "i": { "id": new_clue(app).await } }),
        "approveClue" => json!({ "i": { "id": submitted_clue(app).await } }),
        "rejectClue" => json!({ "i": { "id": submitted_clue(app).await, "reason": "证据不足" } }),
        "createPetition" => json!({ "i": {
            "inspectionId": stationed(app).await, "content": "反映问题", "reporterName": "某人", "receivedOn": "2026-01-02"
        } }),
        "updatePetition" => {
            json!({ "i": { "id": new_petition(app).await, "content": "反映问题（补充）", "reason": "补录来信内容" } })
        }
        "withdrawPetition" => json!({ "i": { "id": new_petition(app).await, "reason": "重复登记" } }),
        "createRecommendation" => {
            let finding = new_finding(app).await;
            let inspection =
                app.data("office", FINDING_INSPECTION, json!({ "f": finding })).await["node"]["inspection"]["id"]
                    .clone();
            json!({ "i": { "inspectionId": inspection, "content": "建议", "findingIds": [finding] } })
        }
        "updateRecommendation" => json!({ "i": { "id": new_recommendation(app).await, "content": "改" } }),
        "deleteRecommendation" => json!({ "i": { "id": new_recommendation(app).await } }),
        "saveReport" => json!({ "i": { "inspectionId": stationed(app).await, "body": "报告" } }),
        "saveFeedback" => json!({ "i": { "inspectionId": stationed(app).await, "body": "反馈" } }),
        "submitInspectionReport" => {
            let inspection = stationed(app).await;
            for (op, t) in [
                ("saveReport", "SaveReportInput"),
                ("saveFeedback", "SaveFeedbackInput"),
                ("savePrincipalFeedback", "SavePrincipalFeedbackInput"),
            ] {
                as_team1(
                    app,
                    &format!("mutation($i: {t}!) {{ {op}(input: $i) {{ __typename }} }}"),
                    json!({ "i": { "inspectionId": inspection, "body": "正文" } }),
                )
                .await;
            }
            json!({ "i": { "id": inspection } })
        }
        "releaseFeedback" => json!({ "i": { "id": decided(app).await } }),
        "savePrincipalFeedback" => json!({ "i": { "inspectionId": stationed(app).await, "body": "单独反馈" } }),
        "recordHearing" => json!({ "i": accepting(&reported(app).await) }),
        "recordDecision" => {
            json!({ "i": { "subjectId": heard(app).await, "decidedOn": tests::today(), "text": "同意反馈" } })
        }
        "publishInspectionChannels" => json!({ "i": {
            "inspectionId": stationed(app).await, "noticeFrom": tests::today(), "noticeUntil": tests::today(),
            "telephone": "023-58120000", "mailbox": "万州区邮政200号信箱"
        } }),
        "acceptPetition" => json!({ "i": { "id": registered_petition(app).await, "note": "属本组巡察范围" } }),
        "passPetitionOn" => json!({ "i": {
            "id": registered_petition(app).await,
            "toId": gid("Organization", app.row_id("organizations", "name", "区信访办").await),
            "note": "请依法办理并反馈"
        } }),
        "recordPetitionAnswer" => {
            let id = registered_petition(app).await;
            let to = gid("Organization", app.row_id("organizations", "name", "区信访办").await);
            petition_step(app, "passPetitionOn", json!({ "id": id, "toId": to, "note": "请依法办理" })).await;
            json!({ "i": { "id": id, "answer": "已办理并答复", "answeredOn": tests::today() } })
        }
        "closePetition" => {
            let id = registered_petition(app).await;
            petition_step(app, "acceptPetition", json!({ "id": id })).await;
            json!({ "i": { "id": id, "outcome": "已核实处理" } })
        }
        "createTerm" => {
            json!({ "i": { "name": format!("届{unique}"), "startsOn": "2090-01-01", "endsOn": "2090-12-31" } })
        }
        "updateTerm" => json!({ "i": { "id": app.test_term().await, "name": format!("测试届{unique}") } }),
        "planUnit" => {
            let village = app
                .first_id("SELECT id FROM organizations WHERE unit_category = 'VILLAGE_COMMUNITY' AND id NOT IN (SELECT unit_id FROM plan_entries) ORDER BY id")
                .await;
            json!({ "i": { "termId": demo_term(app).await, "unitId": gid("Organization", village), "year": 2018 } })
        }
        "removePlanEntry" => {
            let village = app
                .first_id("SELECT id FROM organizations WHERE unit_category = 'VILLAGE_COMMUNITY' AND id NOT IN (SELECT unit_id FROM plan_entries) ORDER BY id DESC")
                .await;
            let d = office(
                app,
                "mutation($i: PlanUnitInput!) { planUnit(input: $i) { planEntry { id } } }",
                json!({ "i": { "termId": demo_term(app).await, "unitId": gid("Organization", village), "year": 2018 } }),
            )
            .await;
            json!({ "i": { "id": d["planUnit"]["planEntry"]["id"] } })
        }
        "saveRoundReport" => {
            let round = app
                .first_id("SELECT id FROM rounds WHERE status = 'IN_PROGRESS' AND id NOT IN (SELECT round_id FROM round_reports) ORDER BY id")
                .await;
            json!({ "i": { "roundId": gid("Round", round), "body": "综合报告" } })
        }
        "submitRoundReport" => {
            // A round under way whose every inspection has reported.
            let round = new_round(app).await;
            new_inspection(app, &round, "区教委").await;
            for (who, step) in [("leader", "approveRound"), ("office", "startRound")] {
                let t = step[..1].to_uppercase() + &step[1..];
                app.data(
                    who,
                    &format!("mutation($i: {t}Input!) {{ {step}(input: $i) {{ round {{ id }} }} }}"),
                    json!({ "i": { "id": round } }),
                )
                .await;
            }
            app.sql(&format!("UPDATE inspections SET status = 'REPORTED' WHERE round_id = {}", tests::row_of(&round)))
                .await;
            let d = office(
                app,
                "mutation($i: SaveRoundReportInput!) { saveRoundReport(input: $i) { roundReport { id } } }",
                json!({ "i": { "roundId": round, "body": "综合报告" } }),
            )
            .await;
            json!({ "i": { "id": d["saveRoundReport"]["roundReport"]["id"] } })
        }
        "linkExpertAccount" => json!({ "i": { "expertId": new_expert(app).await, "userId": new_user(app).await } }),
        "referClue" => json!({ "i": {
            "clueId": approved_clue(app).await,
            "agencyId": gid("Organization", app.org_of("agency1").await)
        } }),
        "referFinding" => json!({ "i": {
            "findingId": gid("Finding", app.first_id("SELECT id FROM findings WHERE id NOT IN (SELECT finding_id FROM referrals WHERE finding_id IS NOT NULL) ORDER BY id").await),
            "agencyId": gid("Organization", app.row_id("organizations", "name", "区审计局").await)
        } }),
        "reopenReferral" => {
            let id = referral(app, true).await;
            app.data("agency1", SET_DISPOSAL_METHOD, json!({ "i": { "id": id, "method": "SHELVED_PENDING" } })).await;
            json!({ "i": { "id": id } })
        }
        "withdrawReferral" => json!({ "i": { "id": referral(app, false).await } }),
        "acknowledgeReferral" => json!({ "i": { "id": referral(app, false).await } }),
        "setDisposalMethod" => {
            json!({ "i": { "id": referral(app, true).await, "method": "PRELIMINARY_VERIFICATION" } })
        }
        "reportCaseFiled" => json!({ "i": { "id": referral(app, true).await, "filedOn": tests::today() } }),
        "addDisposition" => json!({ "i": {
            "id": referral(app, true).await, "personName": "某", "rank": "DIVISION_LEVEL", "measure": "PARTY_WARNING", "decidedOn": tests::today()
        } }),
        "concludeReferral" => {
            let id = referral(app, true).await;
            app.data("agency1", SET_DISPOSAL_METHOD, json!({ "i": { "id": id, "method": "TALK_OR_LETTER_INQUIRY" } }))
                .await;
            json!({ "i": { "id": id, "conclusion": "谈话提醒，予以了结" } })
        }
        "createServiceCredential" => {
            json!({ "i": { "agencyId": gid("Organization", app.org_of("agency1").await), "label": "案件系统" } })
        }
        "revokeServiceCredential" => {
            let d = office(
                app,
                CREATE_SERVICE_CREDENTIAL,
                json!({ "i": { "agencyId": gid("Organization", app.org_of("agency1").await), "label": "待撤销" } }),
            )
            .await;
            json!({ "i": { "id": d["createServiceCredential"]["serviceCredential"]["id"] } })
        }
        // A fix-at-once notice on team 1's stationed inspection, which the office and the team's
        // leader both may issue.
        "createRectificationTask" => {
            let (_, _, rec) = app.recommended_at("unit3").await;
            json!({ "i": { "recommendationId": rec, "content": "整改", "responsiblePerson": "某", "deadline": tests::local_day(5), "fixAtOnce": true } })
        }
        "updateRectificationPlan" => {
            json!({ "i": { "id": app.released_at("unit1").await.plan, "summary": "整改方案" } })
        }
        "addRectificationPlanItem" => {
            let r = app.released_at("unit1").await;
            json!({ "i": { "planId": r.plan, "line": r.line() } })
        }
        "updateRectificationPlanItem" | "deleteRectificationPlanItem" => {
            let r = app.released_at("unit1").await;
            let item = app
                .run(
                    "unit1",
                    "addRectificationPlanItem",
                    json!({ "planId": r.plan, "line": r.line() }),
                    "{ rectificationPlanItem { id } }",
                )
                .await;
            if name == "deleteRectificationPlanItem" {
                json!({ "i": { "id": item["rectificationPlanItem"]["id"] } })
            } else {
                json!({ "i": { "id": item["rectificationPlanItem"]["id"], "line": r.line() } })
            }
        }
        "submitRectificationPlan" => json!({ "i": { "id": app.planned_at("unit1", false).await.plan } }),
        "approveRectificationPlan" => json!({ "i": { "id": app.planned_at("unit1", true).await.plan } }),
        "returnRectificationPlan" => {
            json!({ "i": { "id": app.planned_at("unit1", true).await.plan, "comment": "措施不具体" } })
        }
        "evaluateRectification" => {
            let r = app.planned_at("unit1", true).await;
            app.run("office", "approveRectificationPlan", json!({ "id": r.plan }), "{ __typename }").await;
            for report in [&r.report, &r.principal_report] {
                app.run(
                    "unit1",
                    "updateRectificationReport",
                    json!({ "id": report, "body": "整改情况" }),
                    "{ __typename }",
                )
                .await;
                app.run("unit1", "submitRectificationReport", json!({ "id": report }), "{ __typename }").await;
                app.run("office", "acceptRectificationReport", json!({ "id": report }), "{ __typename }").await;
            }
            let plan = row_of(&r.plan);
            app.sql(&format!(
                "UPDATE rectification_tasks SET status = 'CLOSED' WHERE inspection_id = (SELECT inspection_id FROM rectification_plans WHERE id = {plan})"
            ))
            .await;
            json!({ "i": { "id": r.plan, "grade": "GOOD", "reasons": "整改到位" } })
        }
        "updateRectificationReport" => {
            json!({ "i": { "id": app.released_at("unit1").await.report, "body": "整改情况" } })
        }
        "submitRectificationReport" => {
            let r = app.released_at("unit1").await;
            app.run(
                "unit1",
                "updateRectificationReport",
                json!({ "id": r.principal_report, "body": "组织落实情况" }),
                "{ __typename }",
            )
            .await;
            json!({ "i": { "id": r.principal_report } })
        }
        "acceptRectificationReport" | "returnRectificationReport" => {
            let r = app.released_at("unit1").await;
            app.run(
                "unit1",
                "updateRectificationReport",
                json!({ "id": r.public_report, "body": "整改情况公开" }),
                "{ __typename }",
            )
            .await;
            app.run("unit1", "submitRectificationReport", json!({ "id": r.public_report }), "{ __typename }").await;
            json!({ "i": { "id": r.public_report, "comment": "请补充" } })
        }
        "writeSupervisionNote" => {
            json!({ "i": { "inspectionId": app.released_at("unit1").await.inspection, "body": "请加快整改进度" } })
        }
        "circulateRectificationSummary" => {
            json!({ "i": { "roundId": gid("Round", app.first_id("SELECT id FROM rounds WHERE status = 'CLOSED' ORDER BY id").await), "body": "通报" } })
        }
        "reopenRectificationTask" => {
            // A closed task of unit 2's round-2 inspection, which team 1 now follows up while stationed.
            let earlier = app.planned_at("unit2", true).await;
            app.run("office", "approveRectificationPlan", json!({ "id": earlier.plan }), "{ __typename }").await;
            let task = app
                .first_id(&format!(
                    "SELECT id FROM rectification_tasks WHERE inspection_id = {} ORDER BY id",
                    row_of(&earlier.inspection)
                ))
                .await;
            app.sql(&format!("UPDATE rectification_tasks SET status = 'CLOSED' WHERE id = {task}")).await;
            let follow_up = app.stationed_at("unit2").await;
            app.sql(&format!(
                "UPDATE inspections SET kind = 'FOLLOW_UP', follows_inspection_id = {} WHERE id = {}",
                row_of(&earlier.inspection),
                row_of(&follow_up)
            ))
            .await;
            json!({ "i": { "id": gid("RectificationTask", task), "followUpInspectionId": follow_up, "reason": "整改不实", "deadline": tests::local_day(30) } })
        }
        "startRectificationTask" => json!({ "i": { "id": task(app, &[]).await } }),
        "reportRectificationProgress" => {
            json!({ "i": { "taskId": task(app, &["startRectificationTask"]).await, "content": "已完成制度修订" } })
        }
        "submitRectificationTask" => json!({ "i": { "id": task(app, &["startRectificationTask"]).await } }),
        "closeRectificationTask" => {
            json!({ "i": { "id": task(app, &["startRectificationTask", "submitRectificationTask"]).await } })
        }
        "returnRectificationTask" => json!({ "i": {
            "id": task(app, &["startRectificationTask", "submitRectificationTask"]).await, "reason": "证据不足"
        } }),
        "recordRegulation" => {
            let unit = app.org_of("unit1").await;
            let inspection = app
                .first_id(&format!(
                    "SELECT inspection_id AS id FROM feedbacks WHERE released_at IS NOT NULL AND inspection_id IN (SELECT id FROM inspections WHERE unit_id = {unit}) ORDER BY inspection_id"
                ))
                .await;
            json!({ "i": { "inspectionId": gid("Inspection", inspection), "title": "财务报销管理办法", "category": "FINANCE", "effectiveOn": tests::today() } })
        }
        "amendRegulation" => json!({ "i": {
            "id": new_regulation(app).await, "title": "财务报销管理办法（修订稿）", "reason": "标题录入有误"
        } }),
        "amendInterviewSession" => {
            let session =
                app.first_id("SELECT id FROM interview_sessions WHERE withdrawn_at IS NULL ORDER BY id DESC").await;
            json!({ "i": { "id": gid("InterviewSession", session), "subject": "巡察整改集体约谈（更正）", "reason": "主题录入有误" } })
        }
        "withdrawInterviewSession" => {
            let session =
                app.first_id("SELECT id FROM interview_sessions WHERE withdrawn_at IS NULL ORDER BY id DESC").await;
            json!({ "i": { "id": gid("InterviewSession", session), "reason": "重复录入" } })
        }
        "amendAccountabilityRecord" => {
            let record =
                app.first_id("SELECT id FROM accountability_records WHERE withdrawn_at IS NULL ORDER BY id DESC").await;
            json!({ "i": { "id": gid("AccountabilityRecord", record), "decision": "责令作出书面检查（更正）", "reason": "决定内容录入不全" } })
        }
        "withdrawAccountabilityRecord" => {
            let record =
                app.first_id("SELECT id FROM accountability_records WHERE withdrawn_at IS NULL ORDER BY id DESC").await;
            json!({ "i": { "id": gid("AccountabilityRecord", record), "reason": "重复录入" } })
        }
        "amendProgressReport" => json!({ "i": {
            "id": new_progress_report(app).await, "content": "已完成制度修订并印发", "reason": "补充印发情况"
        } }),
        "withdrawProgressReport" => json!({ "i": { "id": new_progress_report(app).await, "reason": "误报" } }),
        "withdrawEvidenceFile" => json!({ "i": { "id": new_evidence_file(app).await, "reason": "上传错文件" } }),
        "withdrawRegulation" => json!({ "i": { "id": new_regulation(app).await, "reason": "重复录入" } }),
        "changePassword" => {
            json!({ "i": { "currentPassword": "inspect-demo-2026", "newPassword": "a-new-password-2027" } })
        }
        "recordInterviewSession" => json!({ "i": {
            "heldOn": tests::today(), "subject": "集体约谈", "unitIds": [gid("Organization", app.org_of("unit1").await)]
        } }),
        "recordAccountability" => {
            let inspection = app.first_id("SELECT id FROM inspections WHERE status = 'CLOSED' ORDER BY id").await;
            json!({ "i": {
                "inspectionId": gid("Inspection", inspection), "target": "PERSON", "personName": "某某",
                "personRank": "SECTION_LEVEL", "decision": "诫勉谈话", "decidedOn": tests::today(), "inPersonalFile": true
            } })
        }
        _ => json!({}),
    }
}

/// The names of every query and mutation the schema offers.
const SCHEMA_OPERATIONS: &str = r#"{
  __schema { queryType { fields { name } } mutationType { fields { name } } }
}"#;

#[tokio::test]
async fn every_operation_is_in_the_table_and_every_table_line_in_the_policy() {
    let app = TestApp::spawn().await;
    let body = app.gql(None, SCHEMA_OPERATIONS, json!({})).await;
    let mut in_schema = BTreeSet::new();
    for t in ["queryType", "mutationType"] {
        for f in body["data"]["__schema"][t]["fields"].as_array().unwrap() {
            in_schema.insert(f["name"].as_str().unwrap().to_owned());
        }
    }
    let in_table: BTreeSet<String> = OPERATIONS.iter().map(|o| o.name.to_owned()).collect();
    assert_eq!(in_schema, in_table, "every operation of the schema needs a line in OPERATIONS (and a policy line)");
    let policy = policy();
    for op in OPERATIONS {
        if let Rule::Policy(kind, action) = op.rule {
            assert!(
                policy.iter().any(|(_, k, a)| k == kind && a == action),
                "{}: no policy line allows ({kind}, {action}) to any role",
                op.name
            );
        }
    }
    // Subjects are always prefixed, so no user name can act as a role.
    let text = std::fs::read_to_string(format!("{}/policy.csv", tests::POLICY_DIR)).unwrap();
    for line in text.lines().filter(|l| l.starts_with("p,")) {
        assert!(line.split(',').nth(1).unwrap().trim().starts_with("role:"), "{line}");
    }
}

#[tokio::test]
async fn every_role_is_allowed_or_refused_exactly_as_the_policy_says() {
    let app = TestApp::spawn().await;
    let policy = policy();
    for op in OPERATIONS {
        // Refusals first, on an unchanged database.
        let vars = variables(&app, op.name).await;
        let before = app.digest().await;
        for (role, account) in ROLE_ACCOUNTS {
            let allowed = match op.rule {
                Rule::Public | Rule::Authenticated => true,
                Rule::Policy(kind, action) => policy.contains(&(role.into(), kind.into(), action.into())),
            };
            if allowed {
                continue;
            }
            let body = app.as_user(account, op.document, vars.clone()).await;
            assert_eq!(code(&body), Some("FORBIDDEN"), "{} as {role}: {body}", op.name);
            assert!(body["data"].is_null(), "{} as {role}: data leaked: {body}", op.name);
            assert_eq!(app.digest().await, before, "{} as {role} changed the database", op.name);
        }
        if !matches!(op.rule, Rule::Public) {
            let body = app.gql(None, op.document, vars.clone()).await;
            assert_eq!(code(&body), Some("UNAUTHENTICATED"), "{} without a token: {body}", op.name);
            assert_eq!(app.digest().await, before, "{} without a token changed the database", op.name);
        }
        // Then each allowed role, on fresh variables.
        for (role, account) in ROLE_ACCOUNTS {
            let allowed = match op.rule {
                Rule::Public | Rule::Authenticated => true,
                Rule::Policy(kind, action) => policy.contains(&(role.into(), kind.into(), action.into())),
            };
            if !allowed {
                continue;
            }
            let vars = variables(&app, op.name).await;
            let logged = app.count("access_log").await;
            let body = app.as_user(account, op.document, vars).await;
            assert!(body.get("errors").is_none(), "{} as {role} should be allowed: {body}", op.name);
            if op.document.starts_with("mutation") {
                let user = app.row_id("users", "username", account).await;
                let last = app
                    .first_id(&format!("SELECT id, user_id FROM access_log WHERE user_id = {user} ORDER BY id DESC"))
                    .await;
                assert!(
                    app.count("access_log").await > logged && last > 0,
                    "{} as {role} left no access log entry",
                    op.name
                );
            }
        }
    }
}
