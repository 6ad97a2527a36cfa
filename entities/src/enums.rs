//! The enumerations stored in the tables, shared by several entities.
//!
//! Each is stored, and named by the API and the policy, as its variant in `SCREAMING_SNAKE_CASE`
//! (`RemovalFromPartyPost` is `REMOVAL_FROM_PARTY_POST`): derived, never spelled by hand.
//! Each value's `name()` gives that spelling without allocating.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};
use strum::IntoStaticStr;

/// Gives each enumeration `name()`: the value as it is stored and as the API spells it.
macro_rules! named {
    ($($enum:ident),* $(,)?) => {$(
        impl $enum {
            /// The value as it is stored and as the API spells it.
            pub fn name(self) -> &'static str {
                self.into()
            }
        }
    )*};
}

named!(
    OrganizationKind,
    UnitCategory,
    Role,
    Specialty,
    ConflictKind,
    RoundStatus,
    InspectionStatus,
    RosterPosition,
    FindingCategory,
    ClueStatus,
    ClueSource,
    PersonRank,
    ReferralStatus,
    DisposalMethod,
    Measure,
    MeasureGroup,
    AgencyCompetence,
    ReferralMatter,
    TaskStatus,
    RegulationCategory,
    AccountabilityTarget,
    InspectionKind,
    PetitionStatus,
    HearingOutcome,
    RoundReportStatus,
    PlanStatus,
    RectificationReportKind,
    RectificationReportStatus,
    RectificationGrade
);

/// What kind of body an organisation is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, EnumIter, DeriveActiveEnum, IntoStaticStr, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))", rename_all = "SCREAMING_SNAKE_CASE")]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum OrganizationKind {
    /// 区委巡察工作领导小组.
    #[default]
    LeadershipGroup,
    /// 区委巡察办.
    Office,
    /// 区委巡察组.
    InspectionTeam,
    /// 协作单位.
    PartnerAgency,
    /// 被巡察单位.
    AuditedUnit,
}

/// The three categories of audited unit.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, EnumIter, DeriveActiveEnum, IntoStaticStr, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(48))", rename_all = "SCREAMING_SNAKE_CASE")]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum UnitCategory {
    /// 区级部门.
    #[default]
    DistrictDepartment,
    /// 镇乡街道.
    TownshipStreet,
    /// 区管国有企事业单位.
    StateEnterpriseInstitution,
    /// 村、社区: below the district, under a township or street.
    VillageCommunity,
}

impl UnitCategory {
    /// The categories the district inspects as its own units (区管单位); villages and communities
    /// are counted apart.
    pub const DISTRICT_LEVEL: [UnitCategory; 3] =
        [UnitCategory::DistrictDepartment, UnitCategory::TownshipStreet, UnitCategory::StateEnterpriseInstitution];
}

/// A role a user holds in one organisation.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, EnumIter, DeriveActiveEnum, IntoStaticStr, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))", rename_all = "SCREAMING_SNAKE_CASE")]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum Role {
    /// Member of the leadership group.
    #[default]
    Leadership,
    /// Staff of the inspection office.
    Office,
    /// Leader of an inspection team.
    TeamLeader,
    /// Member of an inspection team.
    TeamMember,
    /// Officer of a partner agency.
    Partner,
    /// Leader of an audited unit.
    UnitLeader,
}

/// An expert's field in the talent pool.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, EnumIter, DeriveActiveEnum, IntoStaticStr, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))", rename_all = "SCREAMING_SNAKE_CASE")]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum Specialty {
    /// 组织.
    #[default]
    Organization,
    /// 人事.
    Personnel,
    /// 纪检.
    Discipline,
    /// 监察.
    Supervision,
    /// 财政.
    Finance,
    /// 审计.
    Audit,
    /// 司法.
    Law,
}

/// Why an expert may not inspect a unit.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, EnumIter, DeriveActiveEnum, IntoStaticStr, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))", rename_all = "SCREAMING_SNAKE_CASE")]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum ConflictKind {
    /// The expert has worked in the unit.
    #[default]
    WorkedIn,
    /// The expert declared another conflict of interest with the unit.
    Declared,
}

/// Where a round stands.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, EnumIter, DeriveActiveEnum, IntoStaticStr, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))", rename_all = "SCREAMING_SNAKE_CASE")]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum RoundStatus {
    /// Being planned by the office.
    #[default]
    Planned,
    /// Approved by the leadership group.
    Approved,
    /// Teams are stationed.
    InProgress,
    /// Finished.
    Closed,
}

/// Where an inspection stands.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, EnumIter, DeriveActiveEnum, IntoStaticStr, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))", rename_all = "SCREAMING_SNAKE_CASE")]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum InspectionStatus {
    /// Planned, not yet stationed.
    #[default]
    Planned,
    /// The team is stationed at the unit (进驻).
    Stationed,
    /// The team has reported to the leadership group.
    Reported,
    /// The leadership group has heard the report and accepted it (听取汇报).
    Heard,
    /// The district committee's secretary meeting has decided on it (书记专题会).
    Decided,
    /// Feedback has been given to the unit.
    FeedbackGiven,
    /// The unit is rectifying.
    Rectifying,
    /// Done.
    Closed,
}

/// An expert's place on a team's roster.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, EnumIter, DeriveActiveEnum, IntoStaticStr, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))", rename_all = "SCREAMING_SNAKE_CASE")]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum RosterPosition {
    /// 组长.
    #[default]
    Leader,
    /// 副组长.
    DeputyLeader,
    /// 组员.
    Member,
}

/// The category of a finding (发现问题类别). The first three are the political categories.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, EnumIter, DeriveActiveEnum, IntoStaticStr, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(48))", rename_all = "SCREAMING_SNAKE_CASE")]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum FindingCategory {
    /// 党的领导弱化.
    #[default]
    PartyLeadershipWeakened,
    /// 党的建设缺失.
    PartyBuildingMissing,
    /// 全面从严治党不力.
    StrictGovernanceIneffective,
    /// 资金和项目.
    FundsAndProjects,
    /// 扶贫.
    PovertyAlleviation,
    /// 民生.
    Livelihood,
    /// 作风.
    WorkStyle,
    /// 其他.
    Other,
}

impl FindingCategory {
    /// The three political categories.
    pub const POLITICAL: [FindingCategory; 3] = [
        FindingCategory::PartyLeadershipWeakened,
        FindingCategory::PartyBuildingMissing,
        FindingCategory::StrictGovernanceIneffective,
    ];

    /// Whether this is one of the three political categories.
    pub fn is_political(self) -> bool {
        Self::POLITICAL.contains(&self)
    }
}

/// Where a clue stands.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, EnumIter, DeriveActiveEnum, IntoStaticStr, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))", rename_all = "SCREAMING_SNAKE_CASE")]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum ClueStatus {
    /// Being written by the team.
    #[default]
    Draft,
    /// Submitted by the team leader to the leadership group.
    Submitted,
    /// Approved for referral by the leadership group.
    Approved,
    /// Rejected by the leadership group.
    Rejected,
    /// Referred to a partner agency by the office.
    Referred,
}

/// How a clue came to the team.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, EnumIter, DeriveActiveEnum, IntoStaticStr, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))", rename_all = "SCREAMING_SNAKE_CASE")]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum ClueSource {
    /// From a petition.
    #[default]
    Petition,
    /// From an individual talk.
    Interview,
    /// From reviewing documents and accounts.
    DocumentReview,
    /// From a field visit.
    FieldVisit,
    /// Anything else.
    Other,
}

/// The rank of a person named in a clue.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, EnumIter, DeriveActiveEnum, IntoStaticStr, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))", rename_all = "SCREAMING_SNAKE_CASE")]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum PersonRank {
    /// 处级.
    #[default]
    DivisionLevel,
    /// 科级.
    SectionLevel,
    /// 一般干部.
    Staff,
    /// Anyone else.
    Other,
}

/// Where a referral stands.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, EnumIter, DeriveActiveEnum, IntoStaticStr, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))", rename_all = "SCREAMING_SNAKE_CASE")]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum ReferralStatus {
    /// Sent to the agency, not yet acknowledged.
    #[default]
    Sent,
    /// Acknowledged by the agency (签收).
    Acknowledged,
    /// Shelved pending further checks (暂存待查); it may be reopened.
    Shelved,
    /// Concluded by the agency (办结).
    Concluded,
    /// Withdrawn by the office before acknowledgement.
    Withdrawn,
}

/// How an agency disposes of a referred clue (处置方式).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, EnumIter, DeriveActiveEnum, IntoStaticStr, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))", rename_all = "SCREAMING_SNAKE_CASE")]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum DisposalMethod {
    /// 谈话函询.
    #[default]
    TalkOrLetterInquiry,
    /// 初步核实.
    PreliminaryVerification,
    /// 暂存待查.
    ShelvedPending,
    /// 予以了结.
    ClosedWithoutAction,
}

/// A measure decided for a person on a referral (处理), as the rules name it.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, EnumIter, DeriveActiveEnum, IntoStaticStr, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(48))", rename_all = "SCREAMING_SNAKE_CASE")]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum Measure {
    /// 党内警告 (party sanction).
    #[default]
    PartyWarning,
    /// 党内严重警告 (party sanction).
    SeriousPartyWarning,
    /// 撤销党内职务 (party sanction).
    RemovalFromPartyPost,
    /// 留党察看 (party sanction).
    PartyProbation,
    /// 开除党籍 (party sanction).
    ExpulsionFromParty,
    /// 警告 (government sanction, 政务处分).
    GovernmentWarning,
    /// 记过 (government sanction).
    Demerit,
    /// 记大过 (government sanction).
    MajorDemerit,
    /// 降级 (government sanction).
    Demotion,
    /// 撤职 (government sanction).
    RemovalFromPost,
    /// 开除 (government sanction: dismissal from public office).
    DismissalFromPublicOffice,
    /// 停职 (organisational measure).
    Suspension,
    /// 免职 (organisational measure).
    RemovalFromOffice,
    /// 降职 (organisational measure).
    DemotionInRank,
    /// 调整 (organisational measure: reassigned).
    Reassignment,
    /// 谈话提醒 (criticism and education).
    ReminderTalk,
    /// 批评教育 (criticism and education).
    CriticismAndEducation,
    /// 责令检查 (criticism and education).
    OrderedSelfCriticism,
    /// 诫勉 (criticism and education; an organisational measure too).
    Admonishment,
    /// 移送检察机关 (transfer to judicial organs).
    TransferToProcuratorate,
    /// 法院判决 (the court's outcome, after a transfer).
    CourtJudgment,
}

/// The kind of a measure, as the rules group them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, IntoStaticStr, Serialize, Deserialize)]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum MeasureGroup {
    /// 党纪处分.
    PartySanction,
    /// 政务处分.
    GovernmentSanction,
    /// 组织处理.
    OrganizationalMeasure,
    /// 批评教育.
    CriticismAndEducation,
    /// 移送司法机关.
    TransferToJudicialOrgans,
    /// 法院判决.
    CourtOutcome,
}

impl Measure {
    /// Its kind.
    pub fn group(self) -> MeasureGroup {
        use Measure::*;
        match self {
            PartyWarning | SeriousPartyWarning | RemovalFromPartyPost | PartyProbation | ExpulsionFromParty => {
                MeasureGroup::PartySanction
            }
            GovernmentWarning | Demerit | MajorDemerit | Demotion | RemovalFromPost | DismissalFromPublicOffice => {
                MeasureGroup::GovernmentSanction
            }
            Suspension | RemovalFromOffice | DemotionInRank | Reassignment => MeasureGroup::OrganizationalMeasure,
            ReminderTalk | CriticismAndEducation | OrderedSelfCriticism | Admonishment => {
                MeasureGroup::CriticismAndEducation
            }
            TransferToProcuratorate => MeasureGroup::TransferToJudicialOrgans,
            CourtJudgment => MeasureGroup::CourtOutcome,
        }
    }
}

/// What a partner agency may decide (职责范围).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, EnumIter, DeriveActiveEnum, IntoStaticStr, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))", rename_all = "SCREAMING_SNAKE_CASE")]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum AgencyCompetence {
    /// 纪委监委: violations by party members and public officials.
    #[default]
    DisciplineSupervision,
    /// 组织部: cadre selection and appointment.
    Organization,
    /// 检察院, 法院, 公安: only through the commission's transfer.
    Judicial,
    /// Other departments: general problems passed to them for handling.
    General,
}

impl AgencyCompetence {
    /// The competences whose agencies supervise every unit's rectification day to day (日常监督):
    /// the commission's and the organisation department's.
    pub const SUPERVISING: [AgencyCompetence; 2] =
        [AgencyCompetence::DisciplineSupervision, AgencyCompetence::Organization];
}

/// What kind of matter a referral is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, EnumIter, DeriveActiveEnum, IntoStaticStr, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))", rename_all = "SCREAMING_SNAKE_CASE")]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum ReferralMatter {
    /// A clue of a violation by party members or public officials (违纪违法问题线索).
    #[default]
    Violation,
    /// A problem of cadre selection and appointment (选人用人问题).
    Cadre,
    /// A general problem passed to the department responsible (问题移交).
    General,
}

/// Where a rectification task stands.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, EnumIter, DeriveActiveEnum, IntoStaticStr, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))", rename_all = "SCREAMING_SNAKE_CASE")]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum TaskStatus {
    /// Put on the unit's list.
    #[default]
    Assigned,
    /// The unit is working on it.
    InProgress,
    /// The unit asks for verification.
    Submitted,
    /// Verified and struck off by the office (销号).
    Closed,
    /// Returned by the office with a reason, for a second round (二次整改).
    Returned,
    /// Reopened by a follow-up inspection (回头看) that found its rectification false or
    /// incomplete.
    Reopened,
}

impl TaskStatus {
    /// The state as the district says it: the word the schema's description and the ledgers use.
    pub fn label(self) -> &'static str {
        match self {
            TaskStatus::Assigned => "已交办",
            TaskStatus::InProgress => "整改中",
            TaskStatus::Submitted => "申请销号",
            TaskStatus::Closed => "已销号",
            TaskStatus::Returned => "退回",
            TaskStatus::Reopened => "回头看重新整改",
        }
    }
}

/// What field a regulation governs (制度类别).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, EnumIter, DeriveActiveEnum, IntoStaticStr, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))", rename_all = "SCREAMING_SNAKE_CASE")]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum RegulationCategory {
    /// 党建.
    #[default]
    PartyBuilding,
    /// 财经.
    Finance,
    /// 审批.
    Approval,
    /// 人事.
    Personnel,
    /// 其他.
    Other,
}

/// Whom an accountability record (问责) holds to account.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, EnumIter, DeriveActiveEnum, IntoStaticStr, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))", rename_all = "SCREAMING_SNAKE_CASE")]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum AccountabilityTarget {
    /// A person of the unit.
    #[default]
    Person,
    /// The unit itself (its party organisation).
    Unit,
}

/// What kind of inspection it is (巡察方式).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, EnumIter, DeriveActiveEnum, IntoStaticStr, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))", rename_all = "SCREAMING_SNAKE_CASE")]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum InspectionKind {
    /// 常规巡察.
    #[default]
    Regular,
    /// 专项巡察, with a theme.
    Special,
    /// 机动巡察, at short notice.
    Mobile,
    /// 回头看: a follow-up of an earlier inspection of the same unit.
    FollowUp,
    /// 提级巡察: a unit below the district inspected by the district.
    Escalated,
    /// 延伸巡察: a village or community reached from its township's inspection.
    Extended,
    /// 联动巡察: joint with a municipal inspection.
    Joint,
}

/// Where a petition stands (信访办理).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, EnumIter, DeriveActiveEnum, IntoStaticStr, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))", rename_all = "SCREAMING_SNAKE_CASE")]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum PetitionStatus {
    /// Registered (登记), not yet sorted.
    #[default]
    Registered,
    /// Accepted by the team: within its inspection, handled by it (受理).
    Accepted,
    /// Passed on to the body responsible (转办), its answer awaited.
    PassedOn,
    /// The body it was passed on to has answered.
    Answered,
    /// Closed (办结).
    Closed,
}

/// What the leadership group made of a report it heard.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, EnumIter, DeriveActiveEnum, IntoStaticStr, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))", rename_all = "SCREAMING_SNAKE_CASE")]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum HearingOutcome {
    /// Accepted, to go to the district committee.
    #[default]
    Accepted,
    /// Returned for revision.
    Returned,
}

/// Where a round's comprehensive report stands.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, EnumIter, DeriveActiveEnum, IntoStaticStr, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))", rename_all = "SCREAMING_SNAKE_CASE")]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum RoundReportStatus {
    /// Being written by the office (or returned for revision).
    #[default]
    Draft,
    /// Submitted to the leadership group.
    Submitted,
    /// Heard and accepted by the leadership group.
    Heard,
    /// Decided on by the district committee.
    Decided,
}

/// Where a unit's rectification plan (整改方案) stands.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, EnumIter, DeriveActiveEnum, IntoStaticStr, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))", rename_all = "SCREAMING_SNAKE_CASE")]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum PlanStatus {
    /// The unit is drafting it.
    #[default]
    Drafting,
    /// Submitted to the office.
    Submitted,
    /// Returned by the office with comments, for the unit to revise.
    Returned,
    /// Approved by the office: its tasks are the unit's rectification list.
    Approved,
}

/// Which of a unit's rectification reports a report is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, EnumIter, DeriveActiveEnum, IntoStaticStr, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))", rename_all = "SCREAMING_SNAKE_CASE")]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum RectificationReportKind {
    /// 整改情况报告: the unit's report on its rectification, due two months after the feedback.
    #[default]
    Rectification,
    /// 主要负责人组织落实情况报告: the principal leader's report on organising it, due with it.
    Principal,
    /// 整改情况公开: the public version, published once the office approves it.
    Public,
}

/// Where a rectification report stands.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, EnumIter, DeriveActiveEnum, IntoStaticStr, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))", rename_all = "SCREAMING_SNAKE_CASE")]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum RectificationReportStatus {
    /// The unit is writing it.
    #[default]
    Drafting,
    /// Submitted (to the commission and the organisation department, copied to the office).
    Submitted,
    /// Returned by the office, for the unit to revise.
    Returned,
    /// Accepted by the office.
    Accepted,
    /// The public version, approved by the office and readable by anyone.
    Published,
}

/// The office's grade of a unit's rectification (整改评估).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, EnumIter, DeriveActiveEnum, IntoStaticStr, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))", rename_all = "SCREAMING_SNAKE_CASE")]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum RectificationGrade {
    /// 好.
    #[default]
    Excellent,
    /// 较好.
    Good,
    /// 一般.
    Fair,
    /// 差.
    Poor,
}
