//! Chinese (zh-CN) words of the error messages: what a client that asks for `Accept-Language:
//! zh-CN` reads. A test keeps these tables complete against the sources.

/// Kinds of record as error messages name them (`ServiceError::NotFound`, the `kind` of
/// `InvalidTransition` and `Unmet`), in Chinese.
pub const KINDS: &[(&str, &str)] = &[
    ("access_log_entry", "访问日志条目"),
    ("accountability_record", "问责记录"),
    ("circulation", "党内通报"),
    ("clue", "问题线索"),
    ("clue_person", "问题线索涉及人员"),
    ("decision", "书记专题会决定"),
    ("disposition", "处理结果"),
    ("evidence file", "佐证材料"),
    ("evidence_file", "佐证材料"),
    ("expert", "人才库专家"),
    ("expert_conflict", "回避关系"),
    ("feedback", "反馈"),
    ("finding", "发现问题"),
    ("hearing", "听取汇报记录"),
    ("inspection", "巡察"),
    ("interview_session", "集体约谈"),
    ("interviewee", "被约谈单位"),
    ("organization", "组织"),
    ("petition", "信访"),
    ("petition_identity", "信访人身份信息"),
    ("plan_entry", "巡察规划条目"),
    ("principal_feedback", "向主要负责人单独反馈"),
    ("progress report", "整改进展"),
    ("progress_report", "整改进展"),
    ("recommendation", "整改意见建议"),
    ("rectification", "整改"),
    ("rectification plan", "整改方案"),
    ("rectification report", "整改报告"),
    ("rectification task", "整改任务"),
    ("rectification_plan", "整改方案"),
    ("rectification_plan_item", "整改方案条目"),
    ("rectification_plan_version", "整改方案版本"),
    ("rectification_report", "整改报告"),
    ("rectification_task", "整改任务"),
    ("referral", "移交事项"),
    ("regulation", "制度"),
    ("report", "巡察报告"),
    ("role_assignment", "角色分配"),
    ("roster_entry", "巡察组成员"),
    ("round", "巡察轮次"),
    ("round report", "综合报告"),
    ("round_report", "综合报告"),
    ("service credential", "系统凭证"),
    ("service_credential", "系统凭证"),
    ("supervision_note", "督办意见"),
    ("term", "届次"),
    ("unit", "被巡察单位"),
    ("user", "用户"),
];

/// Transitions as error messages name them (the `action` of `InvalidTransition` and `Unmet`).
pub const ACTIONS: &[(&str, &str)] = &[
    ("accept", "受理"),
    ("acknowledge", "签收"),
    ("add a line to", "添加条目"),
    ("add a rectification task to", "添加整改任务"),
    ("add an inspection to", "添加巡察"),
    ("add evidence to", "添加佐证材料"),
    ("approve", "批准"),
    ("approve the rectification plan of", "批准整改方案"),
    ("begin rectification of", "进入整改"),
    ("change", "修改"),
    ("change a line of", "修改条目"),
    ("change the plan of", "调整计划"),
    ("change the report or feedback of", "修改巡察报告或反馈"),
    ("change the roster of", "调整巡察组成员"),
    ("choose a disposal method for", "确定处置方式"),
    ("circulate the rectification summary of", "通报整改情况"),
    ("close", "结束"),
    ("conclude", "办结"),
    ("correct a progress report of", "更正整改进展"),
    ("decide on", "作出决定"),
    ("disable", "停用"),
    ("discard", "删除草稿"),
    ("enable", "启用"),
    ("evaluate", "评估"),
    ("hear", "听取汇报"),
    ("hear the report of", "听取巡察报告"),
    ("hold anyone to account on", "进行问责"),
    ("issue a fix-at-once notice on", "下发立行立改通知"),
    ("pass on", "转办"),
    ("publish the channels of", "公布信访渠道"),
    ("record a disposition on", "记录处理结果"),
    ("record the answer to", "记录答复"),
    ("refer", "移交"),
    ("reject", "不予批准"),
    ("release the feedback of", "发布反馈"),
    ("remove a line of", "删除条目"),
    ("remove an inspection from", "移出巡察"),
    ("reopen", "重新启动"),
    ("reopen a task from", "重新启动整改任务"),
    ("report a case filed on", "报告立案"),
    ("report progress on", "报告整改进展"),
    ("return", "退回"),
    ("return the report of", "退回巡察报告"),
    ("return to planning", "退回计划"),
    ("revoke", "吊销"),
    ("staff a team in", "配备巡察组成员"),
    ("start", "启动"),
    ("station", "进驻"),
    ("station a team in", "派驻巡察组"),
    ("submit", "报送"),
    ("submit a rectification report of", "报送整改报告"),
    ("submit the rectification plan of", "报送整改方案"),
    ("submit the report of", "报送巡察报告"),
    ("update", "修改"),
    ("withdraw", "撤回"),
    ("withdraw a progress report of", "撤回整改进展"),
    ("withdraw evidence of", "撤回佐证材料"),
    ("write", "编写"),
    ("write a rectification report of", "编写整改报告"),
    ("write a supervision note on", "撰写督办意见"),
    ("write the comprehensive report of", "撰写综合报告"),
    ("write the record of", "录入巡察记录"),
    ("write the rectification plan of", "编写整改方案"),
];

/// Whole messages (of `bad_input`, `conflict`, `conflict_on`, `Unauthenticated`, `OutsideCompetence`,
/// the `missing` of `Unmet`, and refusals made at the HTTP level), English → Chinese.
pub const MESSAGES: &[(&str, &str)] = &[
    // a part that fills a placeholder of another message
    ("Excel workbook (.xlsx)", "Excel 工作簿（.xlsx）"),
    ("GraphiQL is off in production", "生产环境不提供 GraphiQL"),
    // a part that fills a placeholder of another message
    ("JPEG image", "JPEG 图片"),
    // a part that fills a placeholder of another message
    ("PDF", "PDF 文件"),
    // a part that fills a placeholder of another message
    ("PNG image", "PNG 图片"),
    ("PersistedQueryNotFound", "PersistedQueryNotFound"),
    // a part that fills a placeholder of another message
    ("UTF-8 text", "UTF-8 文本"),
    // a part that fills a placeholder of another message
    ("Word document (.docx)", "Word 文档（.docx）"),
    // format!
    ("`{}` is not an enum of the schema", "`{}` 不是本接口的枚举"),
    ("a conflict of this expert with this unit is already recorded", "该专家与该单位的回避关系已登记"),
    (
        "a court's judgment follows a transfer of the same person to the procuratorate",
        "登记法院判决前，须已将同一人员移送检察机关",
    ),
    ("a court's judgment says what the court decided", "法院判决须写明判决内容"),
    // a part that fills a placeholder of another message
    ("a department", "职能部门"),
    // format!
    ("a fix-at-once notice is due before the team leaves: by {}", "立行立改通知须在巡察组撤离前完成，最迟 {}"),
    ("a follow-up names the inspection it checks", "回头看须指明所检查的巡察"),
    // a part that fills a placeholder of another message
    ("a judicial body", "司法机关"),
    ("a notice period lasts at most a year", "公告期最长为一年"),
    ("a person needs a name", "人员须填写姓名"),
    ("a person needs a rank", "人员须填写职级"),
    (
        "a problem passed on for handling records no measure on persons: conclude it with the answer",
        "移交办理的问题不登记对人员的处理措施，请填写办理结果后办结",
    ),
    (
        "a recommendation answers only this finding; change or delete the recommendation first",
        "有整改意见建议仅针对该问题，请先修改或删除该整改意见建议",
    ),
    ("a record about a unit names no person", "针对单位的问责记录不填写人员"),
    ("a record about the unit names no person", "针对单位的问责记录不填写人员"),
    ("a round lasts at most a year", "巡察轮次最长为一年"),
    ("a round with no inspections planned cannot be approved", "未安排巡察的巡察轮次不能批准"),
    ("a special inspection (专项巡察) needs its theme", "专项巡察须填写巡察主题"),
    ("a term lasts at most five years and a part", "一届最长为五年零数月"),
    (
        "a unit does not become a village or community, nor the reverse; create the organisation anew",
        "单位与村（社区）不能相互转换，请重新创建该组织",
    ),
    ("a valid bearer token is required", "须提供有效的令牌"),
    ("a veto is part of the annual assessment", "一票否决须纳入年度考核"),
    (
        "a village or community is inspected by escalation (ESCALATED), from its township's inspection (EXTENDED), or followed up (FOLLOW_UP)",
        "村（社区）只能提级巡察（ESCALATED）、由所属镇乡街道的巡察延伸（EXTENDED）或回头看（FOLLOW_UP）",
    ),
    ("a village or community names its township or street", "村（社区）须指明所属镇乡街道"),
    // format!
    ("already has {} files, the most one report may have", "已有 {} 个文件，已达每份整改进展的上限"),
    // a part that fills a placeholder of another message
    ("an audited unit", "被巡察单位"),
    // a part that fills a placeholder of another message
    ("an audited unit or a partner agency", "被巡察单位或协作单位"),
    ("an extended inspection names the township's inspection it extends from", "延伸巡察须指明所延伸的镇乡街道巡察"),
    // format!
    ("approved clues not yet referred: {}", "已批准但尚未移交的问题线索：{}"),
    // format!
    ("at most {} ids at once", "一次最多 {} 个 ID"),
    ("batched requests are not accepted; send one operation", "不接受批量请求，请每次发送一个操作"),
    ("choose a disposal method before concluding", "办结前须先确定处置方式"),
    // format!
    ("clues awaiting the leadership group's decision: {}", "待领导小组决定的问题线索：{}"),
    // a part that fills a placeholder of another message
    ("endlessly many", "无限多"),
    ("every finding must be of the same inspection", "所有发现问题须属于同一巡察"),
    // format!
    (
        "expands out of proportion: an Office document may hold at most {} parts and expand to at most {} MiB and {} times its own size",
        "解压后大小异常：Office 文档最多包含 {} 个部件，解压后最多 {} MiB，且不超过自身大小的 {} 倍",
    ),
    ("holds invisible or direction-changing characters", "含有不可见字符或文字方向控制字符"),
    // format!
    ("internal error; correlation id {}", "内部错误；关联 ID {}"),
    // a part that fills a placeholder of another message
    (
        "is a judicial body: matters reach it only through the commission's transfer",
        "是司法机关：事项只能经纪委监委移送",
    ),
    (
        "is a partner system's service credential; manage it with createServiceCredential and revokeServiceCredential",
        "是协作单位系统的系统凭证，请通过 createServiceCredential 和 revokeServiceCredential 管理",
    ),
    ("is already decided on", "已作出决定"),
    ("is before the inspection's round began", "早于该巡察所在巡察轮次的开始日期"),
    ("is before the round began", "早于巡察轮次的开始日期"),
    ("is before the round it was held on began", "早于其所在巡察轮次的开始日期"),
    ("is empty", "为空"),
    // format!
    ("is larger than {} bytes", "超过 {} 字节"),
    ("is more than the years since the expert turned 16", "超过该专家年满 16 周岁以来的年数"),
    ("is not a cursor of this list and order", "不是此列表及排序方式的游标"),
    ("is not a finding of this inspection's feedback", "不是该巡察反馈中的问题"),
    ("is not a finding this plan's feedback carries", "不是该整改方案所对应反馈中的问题"),
    ("is not a partner agency", "不是协作单位"),
    ("is not a petition of this inspection", "不是该巡察的信访"),
    ("is not a recommendation of this plan's feedback", "不是该整改方案所对应反馈中的整改意见建议"),
    ("is not a round of this term", "不是本届的巡察轮次"),
    ("is not a task of this inspection", "不是该巡察的整改任务"),
    ("is not a township or street", "不是镇乡街道"),
    ("is not a valid id", "不是有效的 ID"),
    // format!
    ("is not a whole, valid {}", "不是完整有效的{}"),
    ("is not an audited unit", "不是被巡察单位"),
    // format!
    ("is not an id of type {}", "不是 {} 类型的 ID"),
    ("is not an inspection", "不是巡察"),
    // format!
    ("is not an organization of kind {}", "不是类型为 {} 的组织"),
    ("is not the id of an Inspection or a RoundReport", "不是 Inspection 或 RoundReport 的 ID"),
    ("is not your current password", "与当前密码不符"),
    ("is not your follow-up of this task's inspection", "不是本巡察组对该任务所属巡察开展的回头看"),
    // format!
    ("is not {}", "不是{}"),
    ("is only for a village or community", "仅适用于村（社区）"),
    // format!
    ("is only for a {} inspection", "仅适用于 {} 类巡察"),
    ("is only for audited units", "仅适用于被巡察单位"),
    ("is only for partner agencies", "仅适用于协作单位"),
    ("is required", "为必填项"),
    ("is required for a partner agency", "协作单位须填写此项"),
    ("is required for an audited unit", "被巡察单位须填写此项"),
    ("is taken", "已被占用"),
    ("is too far ahead", "日期过远"),
    // format!; a part that fills a placeholder of another message
    ("is {}: it receives {} matters only, not {}", "是{}：只接收 {} 类事项，不接收 {} 类事项"),
    ("it is already referred to this agency", "已移交该协作单位"),
    // format!; a part that fills a placeholder of another message
    ("it may not record {}", "不能登记 {}"),
    // format!
    ("its task already has {} files, the most one task may have", "所属整改任务已有 {} 个文件，已达每项整改任务的上限"),
    // format!
    ("leaves out the stationing of inspections {}", "未涵盖以下巡察的进驻期：{}"),
    ("may hold only letters, digits, '.', '_' and '-'", "只能包含字母、数字、'.'、'_' 和 '-'"),
    ("must be a day between 2000 and 2100", "须为 2000 年至 2100 年之间的日期"),
    ("must be a day from the referral to today", "须为移交之日至今天之间的日期"),
    ("must be a day since 2000, not in the future", "须为 2000 年以来、今天或之前的日期"),
    ("must be a plain file name, without folders", "须为不含文件夹的文件名"),
    // format!
    ("must be a year of the term, {} to {}", "须为本届内的年份（{} 至 {}）"),
    ("must be after today", "须晚于今天"),
    (
        "must be an inspection of the same unit in an earlier round, its feedback released",
        "须为此前轮次对同一单位且已反馈的巡察",
    ),
    // format!
    ("must be at most {} characters", "最多 {} 个字符"),
    // format!
    ("must be between 0 and {}", "须在 0 至 {} 之间"),
    ("must be between 10 and 128 characters, not counting spaces at the ends", "须为 10 至 128 个字符（不计首尾空格）"),
    // format!
    ("must be between {} and {}", "须在 {} 至 {} 之间"),
    ("must be from today to three years ahead", "须为今天至三年后之间的日期"),
    // format!
    ("must be one of {}", "须为以下之一：{}"),
    (
        "must be the same team's inspection, in the same round, of the township or street the village or community belongs to",
        "须为同一巡察组在同一轮次对该村（社区）所属镇乡街道的巡察",
    ),
    ("must be within a year", "须在一年以内"),
    ("must differ from the current password", "不能与当前密码相同"),
    // format!
    ("must end in {} for a {}", "文件名须以 {} 结尾（{}）"),
    // format!
    ("must name 1 to {} persons", "须列明 1 至 {} 名人员"),
    ("must name at least one finding", "须至少列明一个发现问题"),
    ("must not be before noticeFrom", "不能早于 noticeFrom"),
    ("must not be before startsOn", "不能早于 startsOn"),
    ("must not be before the hearing", "不能早于听取汇报的日期"),
    ("must not be before the petition was passed on", "不能早于信访转办的日期"),
    ("must not be before the report was submitted", "不能早于报告报送的日期"),
    ("must not be before the round started", "不能早于巡察轮次开始的日期"),
    ("must not be empty", "不能为空"),
    ("must not contain NUL characters", "不能包含 NUL 字符"),
    ("must not contain control characters", "不能包含控制字符"),
    ("must not contain control characters other than line breaks and tabs", "除换行符和制表符外，不能包含控制字符"),
    ("must not contain direction-changing characters", "不能包含文字方向控制字符"),
    ("must not start with a dot", "不能以“.”开头"),
    // format!
    ("name 1 to {} units", "须列明 1 至 {} 个单位"),
    ("name at least one kind, or leave it out", "请至少指定一个类型，或不填此项"),
    ("name at least one state, or leave it out", "请至少指定一个状态，或不填此项"),
    ("name one or more persons of this clue", "请列明该问题线索涉及的一名或多名人员"),
    ("name the municipal inspection it is joined with", "请指明所联动的市级巡察"),
    ("names a unit twice", "重复列出了同一单位"),
    (
        "no committee term holds this day; record the term first (createTerm)",
        "该日期不在任何一届之内，请先登记届次（createTerm）",
    ),
    // format!
    ("no line answers {}", "尚无条目对应 {}"),
    ("no such page", "页面不存在"),
    ("only a person has a personal file", "只有针对个人的问责才能记入个人档案"),
    ("only a unit leader is a unit's principal leader", "只有被巡察单位负责人才能担任单位主要负责人"),
    (
        "only a village or community (below the district) is inspected by escalation or extension",
        "只有村（社区）才能提级巡察或延伸巡察",
    ),
    ("only team roles can be bounded to a round", "只有巡察组角色才能限定于某一巡察轮次"),
    // a part that fills a placeholder of another message
    (
        "only the discipline inspection and supervisory commission files cases and disposes of clues",
        "只有纪委监委才能立案和处置问题线索",
    ),
    (
        "only the registered operations run on this server; send one by its hash",
        "本服务器只执行已登记的操作，请按其哈希发送",
    ),
    // format!
    ("overlaps the term {}", "与届次 {} 重叠"),
    ("publish a telephone or a mailbox at least", "请至少公布一部电话或一个信箱"),
    // format!
    (
        "recusal (回避): expert {} has a conflict with unit {} and cannot inspect it",
        "回避：专家 {} 与单位 {} 存在利害关系，不能参加对该单位的巡察",
    ),
    (
        "recusal (回避): the expert is on the roster of a team inspecting this unit; take them off it first",
        "回避：该专家在巡察该单位的巡察组名单中，请先将其移出",
    ),
    ("say what the unit must revise", "请写明单位须修改的内容"),
    ("say why the record is corrected or withdrawn", "请写明更正或撤回该记录的理由"),
    // format!
    (
        "separation of duties: the user already holds {}; one person works on one side only",
        "职责分离：该用户已担任 {}，一人只能在一方任职",
    ),
    ("the account is already linked to another expert", "该账号已关联其他专家"),
    ("the bearer token is not valid; log in again", "令牌无效，请重新登录"),
    ("the body is not a GraphQL request", "请求体不是 GraphQL 请求"),
    ("the body is not valid JSON", "请求体不是有效的 JSON"),
    ("the body must be application/json", "请求体须为 application/json"),
    ("the clue changed under you; reload and try again", "该问题线索已被修改，请刷新后重试"),
    // a part that fills a placeholder of another message
    ("the discipline inspection and supervisory commission", "纪委监委"),
    ("the district committee has not decided on the round's comprehensive report", "区委尚未对本轮综合报告作出决定"),
    ("the district committee's decision is not recorded (recordDecision)", "尚未记录区委的决定（recordDecision）"),
    ("the expert is already on a team in this round", "该专家已在本轮次的巡察组中"),
    ("the first request with this key is still running", "使用该键的首个请求仍在处理中"),
    ("the inspection changed under you; reload and try again", "该巡察已被修改，请刷新后重试"),
    (
        "the leadership group has not heard and accepted the report (recordHearing)",
        "领导小组尚未听取并同意巡察报告（recordHearing）",
    ),
    (
        "the leadership group has not heard the report (recordHearing), nor has the district committee decided on it (recordDecision)",
        "领导小组尚未听取巡察报告（recordHearing），区委也尚未作出决定（recordDecision）",
    ),
    ("the leadership group has not heard the round's comprehensive report", "领导小组尚未听取本轮综合报告"),
    // format!
    (
        "the object changed since version {} (now {}); reload and try again",
        "该对象在版本 {} 之后已被修改（现为 {}），请刷新后重试",
    ),
    ("the office cannot reset the password of a leadership group member", "巡察办不能重置领导小组成员的密码"),
    (
        "the office has not written the round's comprehensive report (saveRoundReport)",
        "巡察办尚未撰写本轮综合报告（saveRoundReport）",
    ),
    // a part that fills a placeholder of another message
    ("the organisation department", "组织部"),
    ("the persistedQuery sha256Hash is not the document's", "persistedQuery 的 sha256Hash 与文档不符"),
    (
        "the petition concerns a unit this inspection does not inspect: pass it on (passPetitionOn)",
        "该信访涉及的单位不在本巡察范围内，请转办（passPetitionOn）",
    ),
    ("the plan changed under you; reload and try again", "该整改方案已被修改，请刷新后重试"),
    ("the plan has no summary (updateRectificationPlan)", "整改方案尚无概述（updateRectificationPlan）"),
    ("the plan is not approved", "整改方案尚未批准"),
    // format!
    ("the query has {} aliases; at most {} are allowed", "查询包含 {} 个别名，最多允许 {} 个"),
    // format!
    ("the query is nested {} fields deep; at most {} are allowed", "查询嵌套深度为 {} 层，最多允许 {} 层"),
    ("the query must not contain NUL characters", "查询不能包含 NUL 字符"),
    // format!
    (
        "the query selects {} fields once its fragments are expanded; at most {} are allowed",
        "展开片段后，查询选取了 {} 个字段，最多允许 {} 个",
    ),
    ("the referral changed under you; reload and try again", "该移交事项已被修改，请刷新后重试"),
    ("the report changed under you; reload and try again", "该报告已被修改，请刷新后重试"),
    ("the report has no text (updateRectificationReport)", "报告尚无正文（updateRectificationReport）"),
    ("the request body is too large", "请求体过大"),
    // format!
    ("the request took too long; correlation id {}", "请求处理超时；关联 ID {}"),
    ("the round changed under you; reload and try again", "该巡察轮次已被修改，请刷新后重试"),
    ("the round has not started", "巡察轮次尚未启动"),
    // format!
    (
        "the round is {}: its plan changes only by the leadership group, or after it returns the round to planning (returnRoundToPlanning)",
        "巡察轮次处于 {} 状态：其计划只能由领导小组调整，或待领导小组将其退回计划（returnRoundToPlanning）后调整",
    ),
    // format!
    ("the round must fall within the term {}", "巡察轮次须在届次 {} 之内"),
    ("the round report changed under you; reload and try again", "该综合报告已被修改，请刷新后重试"),
    (
        "the round still has inspections planned, stationed or reporting; their feedback must be released first",
        "本轮次仍有处于计划、进驻或报告阶段的巡察，须先完成反馈",
    ),
    ("the round's comprehensive report is not submitted", "本轮综合报告尚未报送"),
    ("the server is stopping", "服务器正在停止"),
    ("the service is unavailable for a moment; retry shortly", "服务暂时不可用，请稍后重试"),
    ("the task changed under you; reload and try again", "该整改任务已被修改，请刷新后重试"),
    ("the team already has a leader in this round", "该巡察组在本轮次已有组长"),
    // format!
    ("the term's round {} would fall outside it", "本届的巡察轮次 {} 将超出届期"),
    ("the unit already has a principal leader; revoke that assignment first", "该单位已有主要负责人，请先撤销该角色"),
    ("the unit is already in this term's plan", "该单位已列入本届巡察规划"),
    ("the unit is already inspected in this round", "该单位在本轮次已安排巡察"),
    ("the user already holds this role there", "该用户在该组织已担任此角色"),
    // format!
    ("the {} report is not accepted", "{} 报告尚未审核通过"),
    // format!
    ("there is already one organization of kind {}", "类型为 {} 的组织只能有一个，且已存在"),
    // format!
    ("these inspections of the round have not reported: {}", "本轮次以下巡察尚未报送巡察报告：{}"),
    ("this operation is not allowed for your roles", "你的角色无权执行此操作"),
    // format!
    ("this role is held in an organization of kind {}, not {}", "该角色须在类型为 {} 的组织中担任，而非 {}"),
    // format!
    ("too many failed attempts; try again in {} s", "失败次数过多，请 {} 秒后重试"),
    ("was already used with a different request", "已用于另一个不同的请求"),
    (
        "while the team is stationed, only fix-at-once notices (立行立改) are issued",
        "巡察组进驻期间，只能下发立行立改通知",
    ),
    (
        "write the report, the feedback to the leadership team and the feedback to the principal leader before submitting",
        "报送前须写好巡察报告、向领导班子的反馈和向主要负责人的反馈",
    ),
    ("wrong user name or password", "用户名或密码错误"),
    ("you cannot assign roles to yourself", "不能为自己分配角色"),
    ("you cannot disable yourself", "不能停用自己的账号"),
    ("you cannot revoke your own office role", "不能撤销自己的巡察办角色"),
    ("your account changed meanwhile; try again", "你的账号刚刚发生变更，请重试"),
    (
        "your account has as many requests in flight as it may; retry when one has finished",
        "你的账号正在处理的请求已达上限，请待其中一个完成后重试",
    ),
    (
        "your account is already running as many expensive requests as it may; retry when one has finished",
        "你的账号正在运行的高开销请求已达上限，请待其中一个完成后重试",
    ),
    // format!
    ("{} is not an audited unit", "{} 不是被巡察单位"),
    // format!
    ("{} is {}: {}", "{}是{}：{}"),
    // format!
    ("{} task(s) other than long-term ones are not closed", "有 {} 项非长期整改任务尚未销号"),
    // format!
    ("{} was not inspected in that round", "{} 在该轮次中未被巡察"),
];
