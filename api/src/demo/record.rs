//! The demo inspection record: findings in every category, clues in every state before referral,
//! petitions with and without reporters, recommendations, reports and feedback, submitted and
//! released. Round 5 is in progress: `unit1`'s feedback is released, `unit2`'s is submitted but
//! not released (its round-2 feedback is), one of team 3's units is rectifying, the rest stationed.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use entities::*;
use sea_orm::{
    ColumnTrait, DatabaseTransaction, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait, Set,
    sea_query::Expr,
};

const CATEGORIES: [(FindingCategory, &str); 8] = [
    (FindingCategory::PartyLeadershipWeakened, "党组会议研究重大事项不规范，贯彻落实上级决策部署打折扣"),
    (FindingCategory::PartyBuildingMissing, "基层党组织“三会一课”制度落实不到位，党员发展程序不规范"),
    (FindingCategory::StrictGovernanceIneffective, "主体责任落实不力，对苗头性问题提醒谈话不及时"),
    (FindingCategory::FundsAndProjects, "项目资金拨付审核不严，部分工程未按规定招投标"),
    (FindingCategory::PovertyAlleviation, "扶贫资金使用管理不规范，精准识别存在偏差"),
    (FindingCategory::Livelihood, "惠民政策落实不到位，群众反映强烈的问题久拖不决"),
    (FindingCategory::WorkStyle, "违规发放津补贴，公务接待超标准"),
    (FindingCategory::Other, "档案管理混乱，内部控制制度不健全"),
];

const REPORTERS: [(&str, &str); 3] = [("李某某", "138****1024"), ("王某", "139****2048"), ("张某某", "137****4096")];

const PERSONS: [(&str, PersonRank, &str); 4] = [
    ("陈某", PersonRank::DivisionLevel, "党组书记、主任"),
    ("刘某某", PersonRank::SectionLevel, "财务科科长"),
    ("黄某", PersonRank::Staff, "出纳"),
    ("赵某", PersonRank::DivisionLevel, "副主任"),
];

const CLUE_STATES: [ClueStatus; 4] =
    [ClueStatus::Draft, ClueStatus::Submitted, ClueStatus::Approved, ClueStatus::Rejected];

/// Writes the record of every inspection that has begun.
#[allow(clippy::too_many_arguments)]
pub async fn load(
    txn: &DatabaseTransaction,
    now: DateTime<Utc>,
    round5: i32,
    unit1: i32,
    unit2: i32,
    team3: i32,
    team_leaders: &HashMap<i32, i32>,
    agencies: &[i32],
) -> Result<(), DbErr> {
    // Round 5's inspections, as the story goes.
    let round5_inspections =
        inspection::Entity::find().filter(inspection::Column::RoundId.eq(round5)).order_by_asc(inspection::Column::Id);
    let mut rectifying_done = false;
    for i in round5_inspections.all(txn).await? {
        let status = if i.unit_id == unit1 {
            InspectionStatus::FeedbackGiven
        } else if i.unit_id == unit2 {
            InspectionStatus::Reported
        } else if i.team_id == team3 && !rectifying_done {
            rectifying_done = true;
            InspectionStatus::Rectifying
        } else {
            continue;
        };
        inspection::Entity::update_many()
            .col_expr(inspection::Column::Status, Expr::value(status))
            .filter(inspection::Column::Id.eq(i.id))
            .exec(txn)
            .await?;
    }

    let begun: Vec<inspection::Model> = inspection::Entity::find()
        .filter(inspection::Column::Status.ne(InspectionStatus::Planned))
        .order_by_asc(inspection::Column::Id)
        .all(txn)
        .await?;
    let author = |i: &inspection::Model| team_leaders.get(&i.team_id).copied().unwrap_or(1);
    let received = NaiveDate::from_ymd_opt(2016, 10, 20).unwrap_or_default();

    // Petitions: one per inspection, every third anonymous.
    let petitions: Vec<petition::ActiveModel> = begun
        .iter()
        .enumerate()
        .map(|(n, i)| {
            let reporter = (n % 3 != 2).then(|| REPORTERS[n % REPORTERS.len()]);
            petition::ActiveModel {
                inspection_id: Set(i.id),
                unit_id: Set(i.unit_id),
                content: Set("反映该单位负责人在项目审批中插手干预、收受好处。".into()),
                reporter_name: Set(reporter.map(|r| r.0.to_owned())),
                reporter_contact: Set(reporter.map(|r| r.1.to_owned())),
                received_on: Set(received),
                created_by: Set(author(i)),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
                ..Default::default()
            }
        })
        .collect();
    petition::Entity::insert_many(petitions).exec(txn).await?;
    let petition_of: HashMap<i32, i32> = petition::Entity::find()
        .order_by_asc(petition::Column::Id)
        .all(txn)
        .await?
        .into_iter()
        .map(|p| (p.inspection_id, p.id))
        .collect();

    // Findings: three per inspection, four in round 5, through every category in turn.
    let mut findings = Vec::new();
    let mut next_category = 0;
    for i in &begun {
        let count = if i.round_id == round5 { 4 } else { 3 };
        for k in 0..count {
            let (category, text) = CATEGORIES[next_category % CATEGORIES.len()];
            next_category += 1;
            findings.push(finding::ActiveModel {
                inspection_id: Set(i.id),
                category: Set(category),
                description: Set(text.to_owned()),
                evidence: Set("查阅会议记录、财务凭证，个别谈话印证。".into()),
                // The last finding of each inspection stays with the leadership group.
                include_in_feedback: Set(k + 1 < count),
                petition_id: Set((k == 0).then(|| petition_of.get(&i.id).copied()).flatten()),
                created_by: Set(author(i)),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
                ..Default::default()
            });
        }
    }
    finding::Entity::insert_many(findings).exec(txn).await?;
    let mut findings_of: HashMap<i32, Vec<i32>> = HashMap::new();
    for f in finding::Entity::find().order_by_asc(finding::Column::Id).all(txn).await? {
        findings_of.entry(f.inspection_id).or_default().push(f.id);
    }

    // Recommendations: two per inspection, answering its findings.
    let recommendations: Vec<recommendation::ActiveModel> = begun
        .iter()
        .flat_map(|i| {
            [
                "严格执行“三重一大”集体决策制度，规范党组议事规则。",
                "建立健全财务管理和项目资金监管制度，限期整改违规问题。",
            ]
            .map(|text| recommendation::ActiveModel {
                inspection_id: Set(i.id),
                content: Set(text.to_owned()),
                created_by: Set(author(i)),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
                ..Default::default()
            })
        })
        .collect();
    recommendation::Entity::insert_many(recommendations).exec(txn).await?;
    let mut links = Vec::new();
    let mut seen: HashMap<i32, usize> = HashMap::new();
    for r in recommendation::Entity::find().order_by_asc(recommendation::Column::Id).all(txn).await? {
        let k = seen.entry(r.inspection_id).or_default();
        let of = findings_of.get(&r.inspection_id).cloned().unwrap_or_default();
        for f in of.iter().skip(*k * 2).take(2) {
            links.push(recommendation_finding::ActiveModel { recommendation_id: Set(r.id), finding_id: Set(*f) });
        }
        *k += 1;
    }
    recommendation_finding::Entity::insert_many(links).exec(txn).await?;

    // Clues: one per inspection, in every state before referral.
    let clues: Vec<clue::ActiveModel> =
        begun
            .iter()
            .enumerate()
            .map(|(n, i)| {
                let status =
                    if i.round_id == round5 { CLUE_STATES[n % CLUE_STATES.len()] } else { ClueStatus::Approved };
                clue::ActiveModel {
                    inspection_id: Set(i.id),
                    status: Set(status),
                    alleged_violation: Set("利用职务便利为他人谋取利益，收受礼金。".into()),
                    evidence: Set("信访举报及相关银行流水。".into()),
                    source: Set(if n % 2 == 0 { ClueSource::Petition } else { ClueSource::DocumentReview }),
                    petition_id: Set((n % 2 == 0).then(|| petition_of.get(&i.id).copied()).flatten()),
                    rejection_reason: Set(
                        (status == ClueStatus::Rejected).then(|| "证据不足，转由巡察组继续了解。".into())
                    ),
                    created_by: Set(author(i)),
                    created_at: Set(now),
                    updated_at: Set(now),
                    version: Set(1),
                    ..Default::default()
                }
            })
            .collect();
    clue::Entity::insert_many(clues).exec(txn).await?;
    let persons: Vec<clue_person::ActiveModel> = clue::Entity::find()
        .order_by_asc(clue::Column::Id)
        .all(txn)
        .await?
        .into_iter()
        .enumerate()
        .flat_map(|(n, c)| {
            (0..1 + n % 2).map(move |k| {
                let (name, rank, position) = PERSONS[(n + k) % PERSONS.len()];
                clue_person::ActiveModel {
                    clue_id: Set(c.id),
                    name: Set(name.to_owned()),
                    rank: Set(rank),
                    position: Set(position.to_owned()),
                    ..Default::default()
                }
            })
        })
        .collect();
    clue_person::Entity::insert_many(persons).exec(txn).await?;

    // Reports and feedback: submitted once reported, released once feedback was given.
    let statuses: Vec<(i32, InspectionStatus)> = inspection::Entity::find()
        .filter(inspection::Column::Status.ne(InspectionStatus::Planned))
        .all(txn)
        .await?
        .into_iter()
        .map(|i| (i.id, i.status))
        .collect();
    let reported = |s: InspectionStatus| s != InspectionStatus::Stationed;
    let released = |s: InspectionStatus| {
        matches!(s, InspectionStatus::FeedbackGiven | InspectionStatus::Rectifying | InspectionStatus::Closed)
    };
    let reports: Vec<report::ActiveModel> = statuses
        .iter()
        .map(|&(id, s)| report::ActiveModel {
            inspection_id: Set(id),
            body: Set("巡察组关于被巡察单位党组织的巡察情况报告：发现的主要问题、问题线索及处置建议。".into()),
            submitted_at: Set(reported(s).then_some(now)),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
            ..Default::default()
        })
        .collect();
    report::Entity::insert_many(reports).exec(txn).await?;
    let feedbacks: Vec<feedback::ActiveModel> = statuses
        .iter()
        .map(|&(id, s)| feedback::ActiveModel {
            inspection_id: Set(id),
            body: Set("区委巡察组向被巡察单位党组织反馈巡察意见：指出问题，提出整改意见建议。".into()),
            released_at: Set(released(s).then_some(now)),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
            ..Default::default()
        })
        .collect();
    feedback::Entity::insert_many(feedbacks).exec(txn).await?;
    refer(txn, now, round5, agencies).await?;
    rectify(txn, now).await
}

/// A rectification task for every recommendation whose feedback is out: closed in closed
/// inspections, and in every state for the inspections still rectifying or just given feedback.
async fn rectify(txn: &DatabaseTransaction, now: DateTime<Utc>) -> Result<(), DbErr> {
    let inspections: HashMap<i32, InspectionStatus> = inspection::Entity::find()
        .filter(inspection::Column::Status.is_in([
            InspectionStatus::FeedbackGiven,
            InspectionStatus::Rectifying,
            InspectionStatus::Closed,
        ]))
        .all(txn)
        .await?
        .into_iter()
        .map(|i| (i.id, i.status))
        .collect();
    let today = now.date_naive();
    let open = [TaskStatus::Assigned, TaskStatus::InProgress, TaskStatus::Submitted, TaskStatus::Returned];
    let tasks: Vec<rectification_task::ActiveModel> = recommendation::Entity::find()
        .order_by_asc(recommendation::Column::Id)
        .all(txn)
        .await?
        .into_iter()
        .filter_map(|r| inspections.get(&r.inspection_id).map(|s| (r, *s)))
        .enumerate()
        .map(|(n, (r, s))| {
            let status = if s == InspectionStatus::Closed { TaskStatus::Closed } else { open[n % open.len()] };
            // Every third open task is overdue.
            let deadline = if status != TaskStatus::Closed && n % 3 == 0 {
                today - chrono::Duration::days(15)
            } else {
                today + chrono::Duration::days(60)
            };
            rectification_task::ActiveModel {
                inspection_id: Set(r.inspection_id),
                recommendation_id: Set(r.id),
                content: Set(format!("落实整改：{}", r.content)),
                responsible_person: Set("单位主要负责人".to_owned()),
                deadline: Set(deadline),
                fix_at_once: Set(n % 4 == 0),
                status: Set(status),
                return_count: Set(i32::from(status == TaskStatus::Returned)),
                return_reason: Set((status == TaskStatus::Returned).then(|| "佐证材料不足，请补充。".to_owned())),
                closed_at: Set((status == TaskStatus::Closed).then_some(now)),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
                ..Default::default()
            }
        })
        .collect();
    if !tasks.is_empty() {
        rectification_task::Entity::insert_many(tasks).exec(txn).await?;
    }
    Ok(())
}

/// Refers thirty approved clues of the closed rounds, three to each agency: one concluded (with a
/// case filed and dispositions for every other one), one acknowledged, one just sent; some overdue.
async fn refer(txn: &DatabaseTransaction, now: DateTime<Utc>, round5: i32, agencies: &[i32]) -> Result<(), DbErr> {
    let closed: Vec<clue::Model> = clue::Entity::find()
        .filter(clue::Column::Status.eq(ClueStatus::Approved))
        .filter(
            clue::Column::InspectionId.in_subquery(
                inspection::Entity::find()
                    .select_only()
                    .column(inspection::Column::Id)
                    .filter(inspection::Column::RoundId.ne(round5))
                    .into_query(),
            ),
        )
        .order_by_asc(clue::Column::Id)
        .all(txn)
        .await?;
    let persons_of: HashMap<i32, Vec<clue_person::Model>> =
        clue_person::Entity::find().all(txn).await?.into_iter().fold(HashMap::new(), |mut m, p| {
            m.entry(p.clue_id).or_default().push(p);
            m
        });
    let today = now.date_naive();
    let day = |days: i64| today - chrono::Duration::days(days);
    let mut referrals = Vec::new();
    for (n, c) in closed.iter().take(30).enumerate() {
        // Each agency gets one of each: concluded, acknowledged, just sent; some overdue.
        let overdue = n % 2 == 1;
        let (status, deadline) = match n / agencies.len() {
            0 => (ReferralStatus::Concluded, day(30)),
            1 => (ReferralStatus::Acknowledged, if overdue { day(10) } else { day(-40) }),
            _ => (ReferralStatus::Sent, if overdue { day(5) } else { day(-60) }),
        };
        let persons: Vec<serde_json::Value> = persons_of
            .get(&c.id)
            .into_iter()
            .flatten()
            .map(|p| serde_json::json!({ "name": p.name, "rank": p.rank, "position": p.position }))
            .collect();
        let concluded = status == ReferralStatus::Concluded;
        referrals.push(referral::ActiveModel {
            clue_id: Set(c.id),
            agency_id: Set(agencies[n % agencies.len()]),
            status: Set(status),
            deadline: Set(deadline),
            alleged_violation: Set(c.alleged_violation.clone()),
            evidence: Set(c.evidence.clone()),
            persons: Set(serde_json::Value::Array(persons).to_string()),
            disposal_method: Set(concluded.then_some(if n % 2 == 0 {
                DisposalMethod::PreliminaryVerification
            } else {
                DisposalMethod::TalkOrLetterInquiry
            })),
            case_filed_on: Set((concluded && n % 2 == 0).then(|| day(60))),
            conclusion: Set(concluded.then(|| "经初步核实，问题属实，已作出处理。".to_owned())),
            acknowledged_at: Set((status != ReferralStatus::Sent).then_some(now)),
            concluded_at: Set(concluded.then_some(now)),
            change_seq: Set(n as i64 + 1),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
            ..Default::default()
        });
    }
    let count = referrals.len() as i64;
    referral::Entity::insert_many(referrals).exec(txn).await?;
    clue::Entity::update_many()
        .col_expr(clue::Column::Status, Expr::value(ClueStatus::Referred))
        .filter(clue::Column::Id.is_in(closed.iter().take(30).map(|c| c.id)))
        .exec(txn)
        .await?;
    change_counter::Entity::update_many()
        .col_expr(change_counter::Column::Value, Expr::value(count))
        .filter(change_counter::Column::Name.eq("referrals"))
        .exec(txn)
        .await?;
    // Dispositions on the concluded referrals with a case filed.
    let filed = referral::Entity::find().filter(referral::Column::CaseFiledOn.is_not_null()).all(txn).await?;
    let dispositions: Vec<disposition::ActiveModel> = filed
        .iter()
        .flat_map(|r| {
            service_persons(r).into_iter().map(move |(name, rank)| disposition::ActiveModel {
                referral_id: Set(r.id),
                person_name: Set(name),
                rank: Set(rank),
                measure: Set(if rank == PersonRank::DivisionLevel {
                    DisciplinaryMeasure::SeriousPartyWarning
                } else {
                    DisciplinaryMeasure::AdmonishmentTalk
                }),
                decided_on: Set(r.case_filed_on.unwrap_or_default()),
                created_at: Set(now),
                ..Default::default()
            })
        })
        .collect();
    if !dispositions.is_empty() {
        disposition::Entity::insert_many(dispositions).exec(txn).await?;
    }
    Ok(())
}

fn service_persons(r: &referral::Model) -> Vec<(String, PersonRank)> {
    crate::referrals::service::carried_persons(r).into_iter().map(|p| (p.name, p.rank)).collect()
}
