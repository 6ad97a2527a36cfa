//! The enumerations of the schema, each mirroring a stored enumeration of `entities`.

use async_graphql::Enum;

/// What kind of body an organisation is.
#[derive(Enum, Clone, Copy, PartialEq, Eq, Debug)]
#[graphql(remote = "entities::OrganizationKind")]
pub enum OrganizationKind {
    /// The district committee's inspection leadership group (区委巡察工作领导小组).
    LeadershipGroup,
    /// The inspection office (区委巡察办).
    Office,
    /// An inspection team (区委巡察组).
    InspectionTeam,
    /// A partner agency of the "1+10" mechanism (协作单位).
    PartnerAgency,
    /// An audited unit (被巡察单位).
    AuditedUnit,
}

/// The category of an audited unit.
#[derive(Enum, Clone, Copy, PartialEq, Eq, Debug)]
#[graphql(remote = "entities::UnitCategory")]
pub enum UnitCategory {
    /// A district-level department (区级部门).
    DistrictDepartment,
    /// A township, town or street (镇乡街道).
    TownshipStreet,
    /// A district-managed state enterprise or public institution (区管国有企事业单位).
    StateEnterpriseInstitution,
    /// A village or community (村、社区), below the district, under its township or street; its
    /// coverage is counted apart.
    VillageCommunity,
}

/// A role a user holds in one organisation.
#[derive(Enum, Clone, Copy, PartialEq, Eq, Debug)]
#[graphql(remote = "entities::Role")]
pub enum Role {
    /// Member of the leadership group (领导小组): reads everything, approves rounds.
    Leadership,
    /// Staff of the inspection office (巡察办): runs the work.
    Office,
    /// Leader of an inspection team (巡察组组长).
    TeamLeader,
    /// Member of an inspection team (巡察组组员).
    TeamMember,
    /// Officer of a partner agency (协作单位).
    Partner,
    /// Leader of an audited unit (被巡察单位负责人).
    UnitLeader,
}

/// An expert's field (人才库专业).
#[derive(Enum, Clone, Copy, PartialEq, Eq, Debug)]
#[graphql(remote = "entities::Specialty")]
pub enum Specialty {
    /// Organisation work (组织).
    Organization,
    /// Personnel (人事).
    Personnel,
    /// Discipline inspection (纪检).
    Discipline,
    /// Supervision (监察).
    Supervision,
    /// Finance (财政).
    Finance,
    /// Audit (审计).
    Audit,
    /// Law (司法).
    Law,
}

/// Why an expert must recuse from inspecting a unit (回避).
#[derive(Enum, Clone, Copy, PartialEq, Eq, Debug)]
#[graphql(remote = "entities::ConflictKind")]
pub enum ConflictKind {
    /// The expert has worked in the unit.
    WorkedIn,
    /// The expert declared another conflict of interest with the unit.
    Declared,
}

/// Where a round stands: `PLANNED` → `APPROVED` → `IN_PROGRESS` → `CLOSED`.
#[derive(Enum, Clone, Copy, PartialEq, Eq, Debug)]
#[graphql(remote = "entities::RoundStatus")]
pub enum RoundStatus {
    /// Being planned by the office (计划).
    Planned,
    /// Approved by the leadership group (批准).
    Approved,
    /// Teams are stationed (进行中).
    InProgress,
    /// Finished (结束).
    Closed,
}

/// Where an inspection stands.
#[derive(Enum, Clone, Copy, PartialEq, Eq, Debug)]
#[graphql(remote = "entities::InspectionStatus")]
pub enum InspectionStatus {
    /// Planned, not yet stationed.
    Planned,
    /// The team is stationed at the unit (进驻).
    Stationed,
    /// The team has reported to the leadership group (报告).
    Reported,
    /// The leadership group has heard the report and accepted it (听取汇报).
    Heard,
    /// The district committee's secretary meeting has decided on it (书记专题会); the office may
    /// now release the feedback.
    Decided,
    /// Feedback has been given to the unit (反馈).
    FeedbackGiven,
    /// The unit is rectifying (整改).
    Rectifying,
    /// Done (结束).
    Closed,
}

/// An expert's place on a team (巡察组职务).
#[derive(Enum, Clone, Copy, PartialEq, Eq, Debug)]
#[graphql(remote = "entities::RosterPosition")]
pub enum RosterPosition {
    /// Team leader (组长).
    Leader,
    /// Deputy team leader (副组长).
    DeputyLeader,
    /// Team member (组员).
    Member,
}

/// The category of a finding (发现问题类别). The first three are the political categories.
#[derive(Enum, Clone, Copy, PartialEq, Eq, Debug)]
#[graphql(remote = "entities::FindingCategory")]
pub enum FindingCategory {
    /// Weakened party leadership (党的领导弱化). Political.
    PartyLeadershipWeakened,
    /// Missing party building (党的建设缺失). Political.
    PartyBuildingMissing,
    /// Ineffective strict governance of the party (全面从严治党不力). Political.
    StrictGovernanceIneffective,
    /// Funds and projects (资金项目).
    FundsAndProjects,
    /// Poverty alleviation (扶贫).
    PovertyAlleviation,
    /// People's livelihood (民生).
    Livelihood,
    /// Work style (作风).
    WorkStyle,
    /// Anything else (其他).
    Other,
}

/// Where a clue stands: `DRAFT` → `SUBMITTED` → `APPROVED` or `REJECTED`; `APPROVED` → `REFERRED`.
#[derive(Enum, Clone, Copy, PartialEq, Eq, Debug)]
#[graphql(remote = "entities::ClueStatus")]
pub enum ClueStatus {
    /// Being written by the team (草稿).
    Draft,
    /// Submitted by the team leader to the leadership group (已报送).
    Submitted,
    /// Approved for referral by the leadership group (已批准).
    Approved,
    /// Rejected by the leadership group (未批准).
    Rejected,
    /// Referred to a partner agency by the office (已移交).
    Referred,
}

/// How a clue came to the team (线索来源).
#[derive(Enum, Clone, Copy, PartialEq, Eq, Debug)]
#[graphql(remote = "entities::ClueSource")]
pub enum ClueSource {
    /// From a petition (信访).
    Petition,
    /// From an individual talk (个别谈话).
    Interview,
    /// From reviewing documents and accounts (查阅资料).
    DocumentReview,
    /// From a field visit (实地走访).
    FieldVisit,
    /// Anything else (其他).
    Other,
}

/// The rank of a person named in a clue (职级).
#[derive(Enum, Clone, Copy, PartialEq, Eq, Debug)]
#[graphql(remote = "entities::PersonRank")]
pub enum PersonRank {
    /// Division level (处级).
    DivisionLevel,
    /// Section level (科级).
    SectionLevel,
    /// Staff (一般干部).
    Staff,
    /// Anyone else (其他).
    Other,
}

/// Where a referral stands: `SENT` → `ACKNOWLEDGED` → `CONCLUDED`; `SENT` → `WITHDRAWN`.
#[derive(Enum, Clone, Copy, PartialEq, Eq, Debug)]
#[graphql(remote = "entities::ReferralStatus")]
pub enum ReferralStatus {
    /// Sent to the agency, not yet acknowledged (已移交).
    Sent,
    /// Acknowledged by the agency (已签收).
    Acknowledged,
    /// Shelved pending further checks (暂存待查); the commission may reopen it.
    Shelved,
    /// Concluded by the agency (已办结); a late outcome (a court's judgment) may still come.
    Concluded,
    /// Withdrawn by the office before acknowledgement (已撤回).
    Withdrawn,
}

/// How an agency disposes of a referred clue (处置方式).
#[derive(Enum, Clone, Copy, PartialEq, Eq, Debug)]
#[graphql(remote = "entities::DisposalMethod")]
pub enum DisposalMethod {
    /// Talk or letter inquiry (谈话函询).
    TalkOrLetterInquiry,
    /// Preliminary verification (初步核实).
    PreliminaryVerification,
    /// Shelved, pending (暂存待查).
    ShelvedPending,
    /// Closed without action (予以了结).
    ClosedWithoutAction,
}

/// A measure decided for a person on a referral (处理), as the rules name it. Who may record which
/// follows from the agency's competence (see `AgencyCompetence`).
#[derive(Enum, Clone, Copy, PartialEq, Eq, Debug)]
#[graphql(remote = "entities::Measure")]
pub enum Measure {
    /// Party warning (党内警告): a party sanction.
    PartyWarning,
    /// Serious party warning (党内严重警告): a party sanction.
    SeriousPartyWarning,
    /// Removal from party post (撤销党内职务): a party sanction.
    RemovalFromPartyPost,
    /// Party probation (留党察看): a party sanction.
    PartyProbation,
    /// Expulsion from the party (开除党籍): a party sanction.
    ExpulsionFromParty,
    /// Warning (警告): a government sanction (政务处分).
    GovernmentWarning,
    /// Demerit (记过): a government sanction.
    Demerit,
    /// Major demerit (记大过): a government sanction.
    MajorDemerit,
    /// Demotion (降级): a government sanction.
    Demotion,
    /// Removal from post (撤职): a government sanction.
    RemovalFromPost,
    /// Dismissal from public office (开除): a government sanction.
    DismissalFromPublicOffice,
    /// Suspension (停职): an organisational measure.
    Suspension,
    /// Removal from office (免职): an organisational measure.
    RemovalFromOffice,
    /// Demotion in rank (降职): an organisational measure.
    DemotionInRank,
    /// Reassignment (调整): an organisational measure.
    Reassignment,
    /// Reminder talk (谈话提醒): criticism and education.
    ReminderTalk,
    /// Criticism and education (批评教育).
    CriticismAndEducation,
    /// Ordered self-criticism (责令检查): criticism and education.
    OrderedSelfCriticism,
    /// Admonishment (诫勉): criticism and education, or an organisational measure.
    Admonishment,
    /// Transfer to the procuratorate (移送检察机关).
    TransferToProcuratorate,
    /// The court's judgment (法院判决), after a transfer; its `note` says what it decided.
    CourtJudgment,
}

/// The kind of a measure, as the rules group them.
#[derive(Enum, Clone, Copy, PartialEq, Eq, Debug)]
#[graphql(remote = "entities::MeasureGroup")]
pub enum MeasureGroup {
    /// Party sanctions (党纪处分).
    PartySanction,
    /// Government sanctions (政务处分).
    GovernmentSanction,
    /// Organisational measures (组织处理).
    OrganizationalMeasure,
    /// Criticism and education (批评教育).
    CriticismAndEducation,
    /// Transfer to judicial organs (移送司法机关).
    TransferToJudicialOrgans,
    /// The court's outcome (法院判决).
    CourtOutcome,
}

/// What a partner agency may decide (职责范围).
#[derive(Enum, Clone, Copy, PartialEq, Eq, Debug)]
#[graphql(remote = "entities::AgencyCompetence")]
pub enum AgencyCompetence {
    /// The discipline inspection and supervisory commission (纪委监委): receives clues of violations
    /// by party members and public officials; files cases; records party and government sanctions,
    /// criticism and education, transfers to the procuratorate and the court's judgment.
    DisciplineSupervision,
    /// The organisation department (组织部): receives problems of cadre selection and appointment;
    /// records organisational measures and criticism and education.
    Organization,
    /// A judicial body (检察院, 法院, 公安): receives matters only through the commission's transfer.
    Judicial,
    /// A department: receives general problems passed to it for handling (问题移交) and answers with
    /// what it did.
    General,
}

/// What kind of matter a referral is.
#[derive(Enum, Clone, Copy, PartialEq, Eq, Debug)]
#[graphql(remote = "entities::ReferralMatter")]
pub enum ReferralMatter {
    /// A clue of a violation by party members or public officials (违纪违法问题线索): to the commission.
    Violation,
    /// A problem of cadre selection and appointment (选人用人问题): to the organisation department.
    Cadre,
    /// A general problem passed to the department responsible (问题移交).
    General,
}

/// Where a rectification task stands: `ASSIGNED` → `IN_PROGRESS` → `SUBMITTED` → `CLOSED`, or
/// `RETURNED` → `IN_PROGRESS` again.
#[derive(Enum, Clone, Copy, PartialEq, Eq, Debug)]
#[graphql(remote = "entities::TaskStatus")]
pub enum TaskStatus {
    /// On the unit's list (已交办).
    Assigned,
    /// The unit is working on it (整改中).
    InProgress,
    /// The unit asks for verification (申请销号).
    Submitted,
    /// Verified and struck off by the office (已销号).
    Closed,
    /// Returned by the office with a reason, for a second round (退回, 二次整改).
    Returned,
    /// Reopened by a follow-up inspection (回头看) that found its rectification false or
    /// incomplete (回头看重新整改); the unit starts it again.
    Reopened,
}

/// What field a regulation governs (制度类别).
#[derive(Enum, Clone, Copy, PartialEq, Eq, Debug)]
#[graphql(remote = "entities::RegulationCategory")]
pub enum RegulationCategory {
    /// Party building (党建).
    PartyBuilding,
    /// Finance (财经).
    Finance,
    /// Approvals (审批).
    Approval,
    /// Personnel (人事).
    Personnel,
    /// Anything else (其他).
    Other,
}

/// Whom an accountability record holds to account.
#[derive(Enum, Clone, Copy, PartialEq, Eq, Debug)]
#[graphql(remote = "entities::AccountabilityTarget")]
pub enum AccountabilityTarget {
    /// A person of the unit.
    Person,
    /// The unit itself (its party organisation).
    Unit,
}

/// What kind of inspection it is (巡察方式).
#[derive(Enum, Clone, Copy, PartialEq, Eq, Debug)]
#[graphql(remote = "entities::InspectionKind")]
pub enum InspectionKind {
    /// Regular (常规巡察).
    Regular,
    /// Special, on a theme (专项巡察).
    Special,
    /// Mobile, at short notice (机动巡察): may be planned into a round already approved or under way.
    Mobile,
    /// Follow-up (回头看) of an earlier inspection of the same unit, whose record the team reads in
    /// full (but for petitioners' identities) to check its rectification.
    FollowUp,
    /// Escalated (提级巡察): a village or community inspected by the district.
    Escalated,
    /// Extended (延伸巡察): a village or community reached from its township's inspection.
    Extended,
    /// Joint with a municipal inspection (联动巡察).
    Joint,
}

/// Where a petition stands (信访办理).
#[derive(Enum, Clone, Copy, PartialEq, Eq, Debug)]
#[graphql(remote = "entities::PetitionStatus")]
pub enum PetitionStatus {
    /// Registered (登记), not yet sorted.
    Registered,
    /// Accepted by the team: within its inspection, handled by it (受理).
    Accepted,
    /// Passed on to the body responsible (转办), its answer awaited.
    PassedOn,
    /// The body it was passed on to has answered (回复).
    Answered,
    /// Closed (办结).
    Closed,
}

/// What the leadership group made of a report it heard.
#[derive(Enum, Clone, Copy, PartialEq, Eq, Debug)]
#[graphql(remote = "entities::HearingOutcome")]
pub enum HearingOutcome {
    /// Accepted, to go to the district committee.
    Accepted,
    /// Returned to its authors for revision.
    Returned,
}

/// Where a round's comprehensive report stands (综合报告).
#[derive(Enum, Clone, Copy, PartialEq, Eq, Debug)]
#[graphql(remote = "entities::RoundReportStatus")]
pub enum RoundReportStatus {
    /// Being written by the office, or returned to it for revision.
    Draft,
    /// Submitted to the leadership group.
    Submitted,
    /// Heard and accepted by the leadership group.
    Heard,
    /// Decided on by the district committee.
    Decided,
}

/// Orders of a list of records by when they were made.
#[derive(async_graphql::Enum, Clone, Copy, PartialEq, Eq, Default, Debug)]
pub enum CreationOrder {
    /// Oldest first.
    #[default]
    CreatedAtAsc,
    /// Newest first.
    CreatedAtDesc,
}

impl CreationOrder {
    /// Whether the newest come first.
    pub fn newest_first(self) -> bool {
        self == CreationOrder::CreatedAtDesc
    }
}

/// Where a unit's rectification plan (整改方案) stands: `DRAFTING` → `SUBMITTED` → `APPROVED`, or
/// `RETURNED` with the office's comments → `SUBMITTED` again.
#[derive(Enum, Clone, Copy, PartialEq, Eq, Debug)]
#[graphql(remote = "entities::PlanStatus")]
pub enum RectificationPlanStatus {
    /// The unit is drafting it (起草中).
    Drafting,
    /// Submitted to the office (已报送).
    Submitted,
    /// Returned by the office with comments, for the unit to revise (退回修改).
    Returned,
    /// Approved by the office: its lines are the unit's rectification tasks (已批准).
    Approved,
}

/// Which of a unit's rectification reports a report is.
#[derive(Enum, Clone, Copy, PartialEq, Eq, Debug)]
#[graphql(remote = "entities::RectificationReportKind")]
pub enum RectificationReportKind {
    /// The unit's report on its rectification (整改情况报告), due two months after the feedback,
    /// to the commission and the organisation department, copied to the office.
    Rectification,
    /// The principal leader's report on organising the rectification (主要负责人组织落实情况报告),
    /// due with it; only the principal leader submits it.
    Principal,
    /// The public version of the rectification report (整改情况公开), readable by anyone once the
    /// office approves it.
    Public,
}

/// Where a rectification report stands: `DRAFTING` → `SUBMITTED` → `ACCEPTED` (the public version:
/// `PUBLISHED`), or `RETURNED` → `SUBMITTED` again.
#[derive(Enum, Clone, Copy, PartialEq, Eq, Debug)]
#[graphql(remote = "entities::RectificationReportStatus")]
pub enum RectificationReportStatus {
    /// The unit is writing it (起草中).
    Drafting,
    /// Submitted (已报送).
    Submitted,
    /// Returned by the office, for the unit to revise (退回修改).
    Returned,
    /// Accepted by the office (已审核).
    Accepted,
    /// The public version, published (已公开).
    Published,
}

/// The office's grade of a unit's rectification (整改评估).
#[derive(Enum, Clone, Copy, PartialEq, Eq, Debug)]
#[graphql(remote = "entities::RectificationGrade")]
pub enum RectificationGrade {
    /// 好.
    Excellent,
    /// 较好.
    Good,
    /// 一般.
    Fair,
    /// 差.
    Poor,
}
