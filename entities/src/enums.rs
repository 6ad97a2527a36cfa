//! The enumerations stored in the tables, shared by several entities.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// What kind of body an organisation is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
pub enum OrganizationKind {
    /// 区委巡察工作领导小组.
    #[sea_orm(string_value = "LEADERSHIP_GROUP")]
    LeadershipGroup,
    /// 区委巡察办.
    #[sea_orm(string_value = "OFFICE")]
    Office,
    /// 区委巡察组.
    #[sea_orm(string_value = "INSPECTION_TEAM")]
    InspectionTeam,
    /// 协作单位.
    #[sea_orm(string_value = "PARTNER_AGENCY")]
    PartnerAgency,
    /// 被巡察单位.
    #[sea_orm(string_value = "AUDITED_UNIT")]
    AuditedUnit,
}

/// The three categories of audited unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(48))")]
pub enum UnitCategory {
    /// 区级部门.
    #[sea_orm(string_value = "DISTRICT_DEPARTMENT")]
    DistrictDepartment,
    /// 镇乡街道.
    #[sea_orm(string_value = "TOWNSHIP_STREET")]
    TownshipStreet,
    /// 区管国有企事业单位.
    #[sea_orm(string_value = "STATE_ENTERPRISE_INSTITUTION")]
    StateEnterpriseInstitution,
}

/// A role a user holds in one organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
pub enum Role {
    /// Member of the leadership group.
    #[sea_orm(string_value = "LEADERSHIP")]
    Leadership,
    /// Staff of the inspection office.
    #[sea_orm(string_value = "OFFICE")]
    Office,
    /// Leader of an inspection team.
    #[sea_orm(string_value = "TEAM_LEADER")]
    TeamLeader,
    /// Member of an inspection team.
    #[sea_orm(string_value = "TEAM_MEMBER")]
    TeamMember,
    /// Officer of a partner agency.
    #[sea_orm(string_value = "PARTNER")]
    Partner,
    /// Leader of an audited unit.
    #[sea_orm(string_value = "UNIT_LEADER")]
    UnitLeader,
}

/// An expert's field in the talent pool.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
pub enum Specialty {
    /// 组织.
    #[sea_orm(string_value = "ORGANIZATION")]
    Organization,
    /// 人事.
    #[sea_orm(string_value = "PERSONNEL")]
    Personnel,
    /// 纪检.
    #[sea_orm(string_value = "DISCIPLINE")]
    Discipline,
    /// 监察.
    #[sea_orm(string_value = "SUPERVISION")]
    Supervision,
    /// 财政.
    #[sea_orm(string_value = "FINANCE")]
    Finance,
    /// 审计.
    #[sea_orm(string_value = "AUDIT")]
    Audit,
    /// 司法.
    #[sea_orm(string_value = "LAW")]
    Law,
}

/// Why an expert may not inspect a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
pub enum ConflictKind {
    /// The expert has worked in the unit.
    #[sea_orm(string_value = "WORKED_IN")]
    WorkedIn,
    /// The expert declared another conflict of interest with the unit.
    #[sea_orm(string_value = "DECLARED")]
    Declared,
}

/// Where a round stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
pub enum RoundStatus {
    /// Being planned by the office.
    #[sea_orm(string_value = "PLANNED")]
    Planned,
    /// Approved by the leadership group.
    #[sea_orm(string_value = "APPROVED")]
    Approved,
    /// Teams are stationed.
    #[sea_orm(string_value = "IN_PROGRESS")]
    InProgress,
    /// Finished.
    #[sea_orm(string_value = "CLOSED")]
    Closed,
}

/// Where an inspection stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
pub enum InspectionStatus {
    /// Planned, not yet stationed.
    #[sea_orm(string_value = "PLANNED")]
    Planned,
    /// The team is stationed at the unit (进驻).
    #[sea_orm(string_value = "STATIONED")]
    Stationed,
    /// The team has reported to the leadership group.
    #[sea_orm(string_value = "REPORTED")]
    Reported,
    /// Feedback has been given to the unit.
    #[sea_orm(string_value = "FEEDBACK_GIVEN")]
    FeedbackGiven,
    /// The unit is rectifying.
    #[sea_orm(string_value = "RECTIFYING")]
    Rectifying,
    /// Done.
    #[sea_orm(string_value = "CLOSED")]
    Closed,
}

/// An expert's place on a team's roster.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
pub enum RosterPosition {
    /// 组长.
    #[sea_orm(string_value = "LEADER")]
    Leader,
    /// 副组长.
    #[sea_orm(string_value = "DEPUTY_LEADER")]
    DeputyLeader,
    /// 组员.
    #[sea_orm(string_value = "MEMBER")]
    Member,
}

/// The category of a finding (发现问题类别). The first three are the political categories.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(48))")]
pub enum FindingCategory {
    /// 党的领导弱化.
    #[sea_orm(string_value = "PARTY_LEADERSHIP_WEAKENED")]
    PartyLeadershipWeakened,
    /// 党的建设缺失.
    #[sea_orm(string_value = "PARTY_BUILDING_MISSING")]
    PartyBuildingMissing,
    /// 全面从严治党不力.
    #[sea_orm(string_value = "STRICT_GOVERNANCE_INEFFECTIVE")]
    StrictGovernanceIneffective,
    /// 资金和项目.
    #[sea_orm(string_value = "FUNDS_AND_PROJECTS")]
    FundsAndProjects,
    /// 扶贫.
    #[sea_orm(string_value = "POVERTY_ALLEVIATION")]
    PovertyAlleviation,
    /// 民生.
    #[sea_orm(string_value = "LIVELIHOOD")]
    Livelihood,
    /// 作风.
    #[sea_orm(string_value = "WORK_STYLE")]
    WorkStyle,
    /// 其他.
    #[sea_orm(string_value = "OTHER")]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
pub enum ClueStatus {
    /// Being written by the team.
    #[sea_orm(string_value = "DRAFT")]
    Draft,
    /// Submitted by the team leader to the leadership group.
    #[sea_orm(string_value = "SUBMITTED")]
    Submitted,
    /// Approved for referral by the leadership group.
    #[sea_orm(string_value = "APPROVED")]
    Approved,
    /// Rejected by the leadership group.
    #[sea_orm(string_value = "REJECTED")]
    Rejected,
    /// Referred to a partner agency by the office.
    #[sea_orm(string_value = "REFERRED")]
    Referred,
}

/// How a clue came to the team.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
pub enum ClueSource {
    /// From a petition.
    #[sea_orm(string_value = "PETITION")]
    Petition,
    /// From an individual talk.
    #[sea_orm(string_value = "INTERVIEW")]
    Interview,
    /// From reviewing documents and accounts.
    #[sea_orm(string_value = "DOCUMENT_REVIEW")]
    DocumentReview,
    /// From a field visit.
    #[sea_orm(string_value = "FIELD_VISIT")]
    FieldVisit,
    /// Anything else.
    #[sea_orm(string_value = "OTHER")]
    Other,
}

/// The rank of a person named in a clue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
pub enum PersonRank {
    /// 处级.
    #[sea_orm(string_value = "DIVISION_LEVEL")]
    DivisionLevel,
    /// 科级.
    #[sea_orm(string_value = "SECTION_LEVEL")]
    SectionLevel,
    /// 一般干部.
    #[sea_orm(string_value = "STAFF")]
    Staff,
    /// Anyone else.
    #[sea_orm(string_value = "OTHER")]
    Other,
}

/// Where a referral stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
pub enum ReferralStatus {
    /// Sent to the agency, not yet acknowledged.
    #[sea_orm(string_value = "SENT")]
    Sent,
    /// Acknowledged by the agency (签收).
    #[sea_orm(string_value = "ACKNOWLEDGED")]
    Acknowledged,
    /// Concluded by the agency (办结).
    #[sea_orm(string_value = "CONCLUDED")]
    Concluded,
    /// Withdrawn by the office before acknowledgement.
    #[sea_orm(string_value = "WITHDRAWN")]
    Withdrawn,
}

/// How an agency disposes of a referred clue (处置方式).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
pub enum DisposalMethod {
    /// 谈话函询.
    #[sea_orm(string_value = "TALK_OR_LETTER_INQUIRY")]
    TalkOrLetterInquiry,
    /// 初步核实.
    #[sea_orm(string_value = "PRELIMINARY_VERIFICATION")]
    PreliminaryVerification,
    /// 暂存待查.
    #[sea_orm(string_value = "SHELVED_PENDING")]
    ShelvedPending,
    /// 予以了结.
    #[sea_orm(string_value = "CLOSED_WITHOUT_ACTION")]
    ClosedWithoutAction,
}

/// The measure a disposition imposes (处理).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(48))")]
pub enum DisciplinaryMeasure {
    /// 党内警告.
    #[sea_orm(string_value = "PARTY_WARNING")]
    PartyWarning,
    /// 党内严重警告.
    #[sea_orm(string_value = "SERIOUS_PARTY_WARNING")]
    SeriousPartyWarning,
    /// 撤销党内职务.
    #[sea_orm(string_value = "REMOVAL_FROM_PARTY_POST")]
    RemovalFromPartyPost,
    /// 留党察看.
    #[sea_orm(string_value = "PARTY_PROBATION")]
    PartyProbation,
    /// 开除党籍.
    #[sea_orm(string_value = "EXPULSION_FROM_PARTY")]
    ExpulsionFromParty,
    /// 开除公职.
    #[sea_orm(string_value = "DISMISSAL_FROM_PUBLIC_OFFICE")]
    DismissalFromPublicOffice,
    /// 诫勉谈话.
    #[sea_orm(string_value = "ADMONISHMENT_TALK")]
    AdmonishmentTalk,
    /// 检查.
    #[sea_orm(string_value = "WRITTEN_SELF_CRITICISM")]
    WrittenSelfCriticism,
    /// 移送司法机关.
    #[sea_orm(string_value = "TRANSFER_TO_JUDICIAL_ORGANS")]
    TransferToJudicialOrgans,
}

/// Where a rectification task stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
pub enum TaskStatus {
    /// Put on the unit's list.
    #[sea_orm(string_value = "ASSIGNED")]
    Assigned,
    /// The unit is working on it.
    #[sea_orm(string_value = "IN_PROGRESS")]
    InProgress,
    /// The unit asks for verification.
    #[sea_orm(string_value = "SUBMITTED")]
    Submitted,
    /// Verified and struck off by the office (销号).
    #[sea_orm(string_value = "CLOSED")]
    Closed,
    /// Returned by the office with a reason, for a second round (二次整改).
    #[sea_orm(string_value = "RETURNED")]
    Returned,
}

/// What field a regulation governs (制度类别).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
pub enum RegulationCategory {
    /// 党建.
    #[sea_orm(string_value = "PARTY_BUILDING")]
    PartyBuilding,
    /// 财经.
    #[sea_orm(string_value = "FINANCE")]
    Finance,
    /// 审批.
    #[sea_orm(string_value = "APPROVAL")]
    Approval,
    /// 人事.
    #[sea_orm(string_value = "PERSONNEL")]
    Personnel,
    /// 其他.
    #[sea_orm(string_value = "OTHER")]
    Other,
}

/// Whom an accountability record (问责) holds to account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum AccountabilityTarget {
    /// A person of the unit.
    #[sea_orm(string_value = "PERSON")]
    Person,
    /// The unit itself (its party organisation).
    #[sea_orm(string_value = "UNIT")]
    Unit,
}
