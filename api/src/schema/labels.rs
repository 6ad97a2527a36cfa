//! The Chinese label of every enum value of the schema (`enumLabels`): the words the screens and
//! the ledgers show. A test keeps this table and the schema's enums the same, value for value.

use async_graphql::{Context, Object, SimpleObject};

use crate::error::{ApiResult, ServiceError};

/// The Chinese label of one enum value.
#[derive(SimpleObject, Clone)]
pub struct EnumLabel {
    /// The enum's name (`TaskStatus`).
    pub r#enum: String,
    /// The value (`ASSIGNED`).
    pub value: String,
    /// Its label (`已交办`), as the screens and the ledgers say it.
    pub label: String,
}

/// `enumLabels`.
#[derive(Default)]
pub struct LabelQuery;

#[Object]
impl LabelQuery {
    /// The Chinese label of every value of every enum of the schema, or of one enum: no token
    /// needed (it holds no data). Each enum's values come in the schema's order.
    async fn enum_labels(
        &self,
        _ctx: &Context<'_>,
        #[graphql(name = "enum", desc = "Only this enum's values (`TaskStatus`).")] only: Option<String>,
    ) -> ApiResult<Vec<EnumLabel>> {
        if let Some(name) = &only
            && !LABELS.iter().any(|(e, _, _)| e == name)
        {
            return Err(ServiceError::bad_input("enum", format!("`{name}` is not an enum of the schema")).into());
        }
        Ok(LABELS
            .iter()
            .filter(|(e, _, _)| only.as_deref().is_none_or(|o| o == *e))
            .map(|(e, v, l)| EnumLabel { r#enum: (*e).into(), value: (*v).into(), label: (*l).into() })
            .collect())
    }
}

/// `(enum, value, label)`, by enum name, each enum's values in the schema's order.
pub const LABELS: &[(&str, &str, &str)] = &[
    ("AccountabilityTarget", "PERSON", "个人"),
    ("AccountabilityTarget", "UNIT", "单位"),
    ("Action", "LOGIN", "登录"),
    ("Action", "READ", "查阅"),
    ("Action", "CREATE", "新建"),
    ("Action", "UPDATE", "修改"),
    ("Action", "DELETE", "删除"),
    ("Action", "APPROVE", "批准"),
    ("Action", "START", "启动"),
    ("Action", "CLOSE", "关闭"),
    ("Action", "DISABLE", "停用"),
    ("Action", "ENABLE", "启用"),
    ("Action", "SUBMIT", "提交"),
    ("Action", "REJECT", "驳回"),
    ("Action", "STATION", "进驻"),
    ("Action", "RELEASE", "反馈"),
    ("Action", "RECTIFY", "开始整改"),
    ("Action", "REFER", "移交"),
    ("Action", "WITHDRAW", "撤回"),
    ("Action", "ACKNOWLEDGE", "签收"),
    ("Action", "REPORT", "报告处理结果"),
    ("Action", "CONCLUDE", "办结"),
    ("Action", "REVOKE", "吊销"),
    ("Action", "RETURN", "退回"),
    ("Action", "PUBLISH", "公开"),
    ("Action", "ACCEPT", "受理"),
    ("Action", "PASS_ON", "转办"),
    ("Action", "ANSWER", "登记办理结果"),
    ("Action", "REOPEN", "重新启动"),
    ("Action", "EVALUATE", "评估"),
    ("AgencyCompetence", "DISCIPLINE_SUPERVISION", "纪委监委"),
    ("AgencyCompetence", "ORGANIZATION", "组织部"),
    ("AgencyCompetence", "JUDICIAL", "检察院"),
    ("AgencyCompetence", "GENERAL", "问题移交"),
    ("ClueSource", "PETITION", "信访"),
    ("ClueSource", "INTERVIEW", "个别谈话"),
    ("ClueSource", "DOCUMENT_REVIEW", "查阅资料"),
    ("ClueSource", "FIELD_VISIT", "实地走访"),
    ("ClueSource", "OTHER", "其他"),
    ("ClueStatus", "DRAFT", "草稿"),
    ("ClueStatus", "SUBMITTED", "已报送"),
    ("ClueStatus", "APPROVED", "已批准"),
    ("ClueStatus", "REJECTED", "未批准"),
    ("ClueStatus", "REFERRED", "已移交"),
    ("ClueTransition", "SUBMIT", "报送"),
    ("ClueTransition", "APPROVE", "批准"),
    ("ClueTransition", "REJECT", "不予批准"),
    ("ClueTransition", "DISCARD", "删除草稿"),
    ("ClueTransition", "REFER", "移交"),
    ("ConflictKind", "WORKED_IN", "曾在该单位工作"),
    ("ConflictKind", "DECLARED", "申报的其他利害关系"),
    ("CreationOrder", "CREATED_AT_ASC", "最早在前"),
    ("CreationOrder", "CREATED_AT_DESC", "最新在前"),
    ("DisposalMethod", "TALK_OR_LETTER_INQUIRY", "谈话函询"),
    ("DisposalMethod", "PRELIMINARY_VERIFICATION", "初步核实"),
    ("DisposalMethod", "SHELVED_PENDING", "暂存待查"),
    ("DisposalMethod", "CLOSED_WITHOUT_ACTION", "予以了结"),
    ("ExpertOrder", "NAME_ASC", "按姓名"),
    ("ExpertOrder", "BIRTH_YEAR_DESC", "年轻在前"),
    ("ExpertOrder", "EXPERIENCE_DESC", "经验丰富在前"),
    ("FindingCategory", "PARTY_LEADERSHIP_WEAKENED", "党的领导弱化"),
    ("FindingCategory", "PARTY_BUILDING_MISSING", "党的建设缺失"),
    ("FindingCategory", "STRICT_GOVERNANCE_INEFFECTIVE", "全面从严治党不力"),
    ("FindingCategory", "FUNDS_AND_PROJECTS", "资金项目"),
    ("FindingCategory", "POVERTY_ALLEVIATION", "扶贫"),
    ("FindingCategory", "LIVELIHOOD", "民生"),
    ("FindingCategory", "WORK_STYLE", "作风"),
    ("FindingCategory", "OTHER", "其他"),
    ("HearingOutcome", "ACCEPTED", "同意"),
    ("HearingOutcome", "RETURNED", "退回修改"),
    ("InspectionKind", "REGULAR", "常规巡察"),
    ("InspectionKind", "SPECIAL", "专项巡察"),
    ("InspectionKind", "MOBILE", "机动巡察"),
    ("InspectionKind", "FOLLOW_UP", "回头看"),
    ("InspectionKind", "ESCALATED", "提级巡察"),
    ("InspectionKind", "EXTENDED", "延伸巡察"),
    ("InspectionKind", "JOINT", "联动巡察"),
    ("InspectionOrder", "CREATED_AT_DESC", "最新在前"),
    ("InspectionOrder", "CREATED_AT_ASC", "最早在前"),
    ("InspectionStatus", "PLANNED", "已计划"),
    ("InspectionStatus", "STATIONED", "进驻"),
    ("InspectionStatus", "REPORTED", "报告"),
    ("InspectionStatus", "HEARD", "听取汇报"),
    ("InspectionStatus", "DECIDED", "书记专题会"),
    ("InspectionStatus", "FEEDBACK_GIVEN", "反馈"),
    ("InspectionStatus", "RECTIFYING", "整改"),
    ("InspectionStatus", "CLOSED", "结束"),
    ("InspectionTransition", "REMOVE", "移出计划"),
    ("InspectionTransition", "STATION", "进驻"),
    ("InspectionTransition", "SUBMIT_REPORT", "报送巡察报告"),
    ("InspectionTransition", "RECORD_HEARING", "听取汇报"),
    ("InspectionTransition", "RECORD_DECISION", "记录决定"),
    ("InspectionTransition", "RELEASE_FEEDBACK", "反馈"),
    ("InspectionTransition", "BEGIN_RECTIFICATION", "进入整改"),
    ("InspectionTransition", "CLOSE", "结束"),
    ("Measure", "PARTY_WARNING", "党内警告"),
    ("Measure", "SERIOUS_PARTY_WARNING", "党内严重警告"),
    ("Measure", "REMOVAL_FROM_PARTY_POST", "撤销党内职务"),
    ("Measure", "PARTY_PROBATION", "留党察看"),
    ("Measure", "EXPULSION_FROM_PARTY", "开除党籍"),
    ("Measure", "GOVERNMENT_WARNING", "政务处分"),
    ("Measure", "DEMERIT", "记过"),
    ("Measure", "MAJOR_DEMERIT", "记大过"),
    ("Measure", "DEMOTION", "降级"),
    ("Measure", "REMOVAL_FROM_POST", "撤职"),
    ("Measure", "DISMISSAL_FROM_PUBLIC_OFFICE", "开除"),
    ("Measure", "SUSPENSION", "停职"),
    ("Measure", "REMOVAL_FROM_OFFICE", "免职"),
    ("Measure", "DEMOTION_IN_RANK", "降职"),
    ("Measure", "REASSIGNMENT", "调整"),
    ("Measure", "REMINDER_TALK", "谈话提醒"),
    ("Measure", "CRITICISM_AND_EDUCATION", "批评教育"),
    ("Measure", "ORDERED_SELF_CRITICISM", "责令检查"),
    ("Measure", "ADMONISHMENT", "诫勉"),
    ("Measure", "TRANSFER_TO_PROCURATORATE", "移送检察机关"),
    ("Measure", "COURT_JUDGMENT", "法院判决"),
    ("MeasureGroup", "PARTY_SANCTION", "党纪处分"),
    ("MeasureGroup", "GOVERNMENT_SANCTION", "政务处分"),
    ("MeasureGroup", "ORGANIZATIONAL_MEASURE", "组织处理"),
    ("MeasureGroup", "CRITICISM_AND_EDUCATION", "批评教育"),
    ("MeasureGroup", "TRANSFER_TO_JUDICIAL_ORGANS", "移送司法机关"),
    ("MeasureGroup", "COURT_OUTCOME", "法院判决"),
    ("OrganizationKind", "LEADERSHIP_GROUP", "区委巡察工作领导小组"),
    ("OrganizationKind", "OFFICE", "区委巡察办"),
    ("OrganizationKind", "INSPECTION_TEAM", "区委巡察组"),
    ("OrganizationKind", "PARTNER_AGENCY", "协作单位"),
    ("OrganizationKind", "AUDITED_UNIT", "被巡察单位"),
    ("OrganizationOrder", "NAME_ASC", "按名称"),
    ("OrganizationOrder", "CREATED_AT_ASC", "最早在前"),
    ("PersonRank", "DIVISION_LEVEL", "处级"),
    ("PersonRank", "SECTION_LEVEL", "科级"),
    ("PersonRank", "STAFF", "一般干部"),
    ("PersonRank", "OTHER", "其他"),
    ("PetitionStatus", "REGISTERED", "登记"),
    ("PetitionStatus", "ACCEPTED", "受理"),
    ("PetitionStatus", "PASSED_ON", "转办"),
    ("PetitionStatus", "ANSWERED", "回复"),
    ("PetitionStatus", "CLOSED", "办结"),
    ("PetitionTransition", "ACCEPT", "受理"),
    ("PetitionTransition", "PASS_ON", "转办"),
    ("PetitionTransition", "RECORD_ANSWER", "记录答复"),
    ("PetitionTransition", "CLOSE", "办结"),
    ("RecordKind", "ORGANIZATION", "组织"),
    ("RecordKind", "USER", "用户"),
    ("RecordKind", "ROLE_ASSIGNMENT", "角色"),
    ("RecordKind", "EXPERT", "人才库"),
    ("RecordKind", "EXPERT_CONFLICT", "回避"),
    ("RecordKind", "TERM", "届"),
    ("RecordKind", "PLAN_ENTRY", "巡察规划"),
    ("RecordKind", "ROUND", "巡察轮次"),
    ("RecordKind", "INSPECTION", "巡察"),
    ("RecordKind", "ROSTER_ENTRY", "巡察组成员"),
    ("RecordKind", "FINDING", "发现问题"),
    ("RecordKind", "CLUE", "问题线索"),
    ("RecordKind", "CLUE_PERSON", "涉及人员"),
    ("RecordKind", "PETITION", "信访"),
    ("RecordKind", "PETITION_IDENTITY", "信访人身份"),
    ("RecordKind", "RECOMMENDATION", "整改意见建议"),
    ("RecordKind", "REPORT", "巡察报告"),
    ("RecordKind", "FEEDBACK", "向领导班子反馈"),
    ("RecordKind", "PRINCIPAL_FEEDBACK", "向主要负责人单独反馈"),
    ("RecordKind", "ROUND_REPORT", "综合报告"),
    ("RecordKind", "HEARING", "听取汇报"),
    ("RecordKind", "DECISION", "书记专题会决定"),
    ("RecordKind", "ACCESS_LOG_ENTRY", "访问日志"),
    ("RecordKind", "REFERRAL", "移交"),
    ("RecordKind", "DISPOSITION", "处理"),
    ("RecordKind", "SERVICE_CREDENTIAL", "系统凭证"),
    ("RecordKind", "RECTIFICATION_TASK", "整改任务"),
    ("RecordKind", "PROGRESS_REPORT", "整改进展"),
    ("RecordKind", "REGULATION", "制度"),
    ("RecordKind", "INTERVIEW_SESSION", "集体约谈"),
    ("RecordKind", "INTERVIEWEE", "被约谈单位"),
    ("RecordKind", "ACCOUNTABILITY_RECORD", "问责"),
    ("RecordKind", "EVIDENCE_FILE", "佐证材料"),
    ("RecordKind", "RECTIFICATION_PLAN", "整改方案"),
    ("RecordKind", "RECTIFICATION_PLAN_ITEM", "整改方案条目"),
    ("RecordKind", "RECTIFICATION_PLAN_VERSION", "整改方案版本"),
    ("RecordKind", "RECTIFICATION_REPORT", "整改报告"),
    ("RecordKind", "SUPERVISION_NOTE", "督办"),
    ("RecordKind", "CIRCULATION", "党内通报"),
    ("RectificationGrade", "EXCELLENT", "好"),
    ("RectificationGrade", "GOOD", "较好"),
    ("RectificationGrade", "FAIR", "一般"),
    ("RectificationGrade", "POOR", "差"),
    ("RectificationPlanStatus", "DRAFTING", "起草中"),
    ("RectificationPlanStatus", "SUBMITTED", "已报送"),
    ("RectificationPlanStatus", "RETURNED", "退回修改"),
    ("RectificationPlanStatus", "APPROVED", "已批准"),
    ("RectificationPlanTransition", "WRITE", "编写"),
    ("RectificationPlanTransition", "SUBMIT", "报送"),
    ("RectificationPlanTransition", "APPROVE", "批准"),
    ("RectificationPlanTransition", "RETURN", "退回"),
    ("RectificationReportKind", "RECTIFICATION", "整改情况报告"),
    ("RectificationReportKind", "PRINCIPAL", "主要负责人组织落实情况报告"),
    ("RectificationReportKind", "PUBLIC", "整改情况公开"),
    ("RectificationReportStatus", "DRAFTING", "起草中"),
    ("RectificationReportStatus", "SUBMITTED", "已报送"),
    ("RectificationReportStatus", "RETURNED", "退回修改"),
    ("RectificationReportStatus", "ACCEPTED", "已审核"),
    ("RectificationReportStatus", "PUBLISHED", "已公开"),
    ("RectificationReportTransition", "WRITE", "编写"),
    ("RectificationReportTransition", "SUBMIT", "报送"),
    ("RectificationReportTransition", "ACCEPT", "审核通过"),
    ("RectificationReportTransition", "RETURN", "退回"),
    ("RectificationTaskOrder", "DEADLINE_ASC", "时限最近在前"),
    ("RectificationTaskOrder", "DEADLINE_DESC", "时限最远在前"),
    ("RectificationTaskOrder", "CREATED_AT_DESC", "最新在前"),
    ("RectificationTaskTransition", "START", "开始整改"),
    ("RectificationTaskTransition", "SUBMIT", "申请销号"),
    ("RectificationTaskTransition", "CLOSE", "销号"),
    ("RectificationTaskTransition", "RETURN", "退回"),
    ("ReferralMatter", "VIOLATION", "违纪违法问题线索"),
    ("ReferralMatter", "CADRE", "选人用人问题"),
    ("ReferralMatter", "GENERAL", "问题移交"),
    ("ReferralOrder", "CREATED_AT_DESC", "最新在前"),
    ("ReferralOrder", "DEADLINE_ASC", "时限最近在前"),
    ("ReferralStatus", "SENT", "已移交"),
    ("ReferralStatus", "ACKNOWLEDGED", "已签收"),
    ("ReferralStatus", "SHELVED", "暂存待查"),
    ("ReferralStatus", "CONCLUDED", "已办结"),
    ("ReferralStatus", "WITHDRAWN", "已撤回"),
    ("ReferralTransition", "WITHDRAW", "撤回"),
    ("ReferralTransition", "ACKNOWLEDGE", "签收"),
    ("ReferralTransition", "SET_DISPOSAL_METHOD", "确定处置方式"),
    ("ReferralTransition", "REPORT_CASE_FILED", "报告立案"),
    ("ReferralTransition", "ADD_DISPOSITION", "记录处理结果"),
    ("ReferralTransition", "CONCLUDE", "办结"),
    ("ReferralTransition", "REOPEN", "重新启用"),
    ("RegulationCategory", "PARTY_BUILDING", "党建"),
    ("RegulationCategory", "FINANCE", "财经"),
    ("RegulationCategory", "APPROVAL", "审批"),
    ("RegulationCategory", "PERSONNEL", "人事"),
    ("RegulationCategory", "OTHER", "其他"),
    ("RevisionChange", "AMENDED", "更正"),
    ("RevisionChange", "WITHDRAWN", "撤回"),
    ("Role", "LEADERSHIP", "领导小组"),
    ("Role", "OFFICE", "巡察办"),
    ("Role", "TEAM_LEADER", "巡察组组长"),
    ("Role", "TEAM_MEMBER", "巡察组组员"),
    ("Role", "PARTNER", "协作单位"),
    ("Role", "UNIT_LEADER", "被巡察单位负责人"),
    ("RosterPosition", "LEADER", "组长"),
    ("RosterPosition", "DEPUTY_LEADER", "副组长"),
    ("RosterPosition", "MEMBER", "组员"),
    ("RoundOrder", "STARTS_ON_DESC", "最近在前"),
    ("RoundOrder", "STARTS_ON_ASC", "最早在前"),
    ("RoundReportStatus", "DRAFT", "起草中"),
    ("RoundReportStatus", "SUBMITTED", "已报送"),
    ("RoundReportStatus", "HEARD", "已听取汇报"),
    ("RoundReportStatus", "DECIDED", "已决定"),
    ("RoundStatus", "PLANNED", "计划"),
    ("RoundStatus", "APPROVED", "批准"),
    ("RoundStatus", "IN_PROGRESS", "进行中"),
    ("RoundStatus", "CLOSED", "结束"),
    ("RoundTransition", "APPROVE", "批准"),
    ("RoundTransition", "RETURN_TO_PLANNING", "退回计划"),
    ("RoundTransition", "START", "启动"),
    ("RoundTransition", "CLOSE", "结束"),
    ("Specialty", "ORGANIZATION", "组织"),
    ("Specialty", "PERSONNEL", "人事"),
    ("Specialty", "DISCIPLINE", "纪检"),
    ("Specialty", "SUPERVISION", "监察"),
    ("Specialty", "FINANCE", "财政"),
    ("Specialty", "AUDIT", "审计"),
    ("Specialty", "LAW", "司法"),
    ("TaskStatus", "ASSIGNED", "已交办"),
    ("TaskStatus", "IN_PROGRESS", "整改中"),
    ("TaskStatus", "SUBMITTED", "申请销号"),
    ("TaskStatus", "CLOSED", "已销号"),
    ("TaskStatus", "RETURNED", "退回"),
    ("TaskStatus", "REOPENED", "回头看重新整改"),
    ("UnitCategory", "DISTRICT_DEPARTMENT", "区级部门"),
    ("UnitCategory", "TOWNSHIP_STREET", "镇乡街道"),
    ("UnitCategory", "STATE_ENTERPRISE_INSTITUTION", "区管国有企事业单位"),
    ("UnitCategory", "VILLAGE_COMMUNITY", "村、社区"),
    ("UserOrder", "USERNAME_ASC", "按用户名"),
    ("UserOrder", "CREATED_AT_DESC", "最新在前"),
    ("UserStatus", "ACTIVE", "正常"),
    ("UserStatus", "DISABLED", "已停用"),
];

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::LABELS;

    #[test]
    fn every_value_of_every_enum_has_exactly_one_label() {
        let doc = async_graphql::parser::parse_schema(crate::schema::sdl()).expect("the schema parses");
        let mut in_schema = BTreeSet::new();
        for def in doc.definitions {
            if let async_graphql::parser::types::TypeSystemDefinition::Type(t) = def
                && let async_graphql::parser::types::TypeKind::Enum(e) = &t.node.kind
            {
                for v in &e.values {
                    in_schema.insert((t.node.name.node.to_string(), v.node.value.node.to_string()));
                }
            }
        }
        let labelled: BTreeSet<(String, String)> =
            LABELS.iter().map(|(e, v, _)| ((*e).to_owned(), (*v).to_owned())).collect();
        assert_eq!(labelled.len(), LABELS.len(), "a value is labelled twice");
        assert_eq!(in_schema, labelled, "the labels and the schema's enums differ");
        assert!(LABELS.iter().all(|(_, _, l)| l.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))));
    }

    #[test]
    fn the_ledgers_say_a_task_state_with_its_label() {
        use sea_orm::Iterable;
        for s in entities::TaskStatus::iter() {
            assert!(LABELS.contains(&("TaskStatus", s.name(), s.label())), "{s:?}");
        }
    }
}
