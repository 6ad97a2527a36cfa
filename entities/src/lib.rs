//! The tables of the inspection system as sea-orm entities.
//!
//! Rows, not API types: this crate knows nothing of GraphQL or of who may read a row. The API
//! builds its own types `From` these models. Enumerations are stored as short English strings so
//! that both SQLite and PostgreSQL keep them readable.
//!
//! Every model and enumeration has a `Default`: the blank a read of only some columns fills in
//! (a list reads only the columns its client's fields need), never a value a row is made with.

#[macro_use]
mod kind;

pub mod access_log;
pub mod accountability_record;
pub mod change_counter;
pub mod circulation;
pub mod clue;
pub mod clue_person;
pub mod decision;
pub mod disposition;
pub mod enums;
pub mod evidence_content;
pub mod evidence_file;
pub mod expert;
pub mod expert_conflict;
pub mod feedback;
pub mod finding;
pub mod hearing;
pub mod idempotency_key;
pub mod inspection;
pub mod interview_session;
pub mod interviewee;
pub mod login_attempt;
pub mod organization;
pub mod petition;
pub mod plan_entry;
pub mod principal_feedback;
pub mod progress_report;
pub mod recommendation;
pub mod recommendation_finding;
pub mod rectification_plan;
pub mod rectification_plan_item;
pub mod rectification_plan_version;
pub mod rectification_report;
pub mod rectification_task;
pub mod referral;
pub mod regulation;
pub mod report;
pub mod revision;
pub mod role_assignment;
pub mod roster_entry;
pub mod round;
pub mod round_report;
pub mod supervision_note;
pub mod term;
pub mod user;

pub use enums::*;
pub use kind::Action;
use sea_orm::sea_query::StringLen;

record_kinds! {
    /// An organisation: the leadership group, the office, a team, a partner agency or a unit.
    object Organization,
    /// A user account.
    object User,
    /// A role a user holds in an organisation.
    object RoleAssignment,
    /// An expert of the talent pool (人才库).
    object Expert,
    /// An expert's conflict of interest with a unit (回避).
    object ExpertConflict,
    /// A committee term (届), with its plan.
    object Term,
    /// A unit planned for a year of a term (巡察规划).
    object PlanEntry,
    /// An inspection round (巡察轮次).
    object Round,
    /// An inspection: one team, one unit, one round (巡察).
    object Inspection,
    /// An expert on a team's roster for a round.
    object RosterEntry,
    /// A finding (发现问题).
    object Finding,
    /// A clue (问题线索).
    object Clue,
    /// A person named in a clue.
    object CluePerson,
    /// A petition (信访).
    object Petition,
    /// The reporter's identity on a petition, read apart from it.
    part PetitionIdentity of Petition,
    /// A recommendation (整改意见建议).
    object Recommendation,
    /// A team's report to the leadership group (巡察报告).
    object Report,
    /// The feedback to the unit's leadership team (向领导班子反馈).
    object Feedback,
    /// The feedback to the unit's principal leader, given separately (向主要负责人单独反馈).
    object PrincipalFeedback,
    /// A round's comprehensive report to the district committee (综合报告).
    object RoundReport,
    /// The leadership group's hearing of a report (听取汇报).
    object Hearing,
    /// The district committee's decision on a heard report (书记专题会决定).
    object Decision,
    /// An entry of the access log.
    object AccessLogEntry,
    /// A referral of a clue to a partner agency (移交).
    object Referral,
    /// A disposition an agency reports on a referral (处理).
    object Disposition,
    /// A partner system's service credential (a service account, with ids of its own).
    object ServiceCredential,
    /// A rectification task (整改任务).
    object RectificationTask,
    /// A progress report on a rectification task.
    object ProgressReport,
    /// A regulation a unit built (制度).
    object Regulation,
    /// A collective interview session (集体约谈).
    object InterviewSession,
    /// A unit interviewed in a session.
    part Interviewee of InterviewSession,
    /// An accountability record (问责).
    object AccountabilityRecord,
    /// An evidence file of a progress report.
    object EvidenceFile,
    /// A unit's rectification plan (整改方案), with its three lists.
    object RectificationPlan,
    /// A line of a rectification plan: a problem, its measures, who answers for it, by when.
    object RectificationPlanItem,
    /// A version of a plan as the unit submitted it, with the office's answer.
    part RectificationPlanVersion of RectificationPlan,
    /// A unit's rectification report, its principal leader's, or the public version.
    object RectificationReport,
    /// A supervising agency's note on a unit's rectification or one of its tasks (督办).
    object SupervisionNote,
    /// A round's rectification summary circulated to its units' leaders (党内通报).
    object Circulation,
}

#[cfg(test)]
mod tests {
    use sea_orm::{ActiveEnum, Iterable};

    use super::*;

    #[test]
    fn each_kind_is_stored_as_the_policy_names_it() {
        for k in RecordKind::iter() {
            assert_eq!(k.to_value(), k.name());
            assert_eq!(RecordKind::of_type_name(k.type_name()).is_some(), k.is_object());
            assert!(k.object().is_object());
        }
        assert_eq!(RecordKind::RectificationTask.name(), "rectification_task");
        assert_eq!(RecordKind::RectificationTask.type_name(), "RectificationTask");
        assert_eq!(RecordKind::ALL.len(), RecordKind::iter().count());
    }

    #[test]
    fn stored_enumerations_keep_their_spelling() {
        assert_eq!(Measure::DismissalFromPublicOffice.to_value(), "DISMISSAL_FROM_PUBLIC_OFFICE");
        assert_eq!(Measure::DismissalFromPublicOffice.name(), "DISMISSAL_FROM_PUBLIC_OFFICE");
        assert_eq!(Measure::TransferToProcuratorate.group(), MeasureGroup::TransferToJudicialOrgans);
        assert_eq!(UnitCategory::StateEnterpriseInstitution.to_value(), "STATE_ENTERPRISE_INSTITUTION");
        for r in Role::iter() {
            assert_eq!(r.to_value(), r.name());
        }
        for a in Action::iter() {
            assert_eq!(a.to_value(), a.name());
        }
    }
}
