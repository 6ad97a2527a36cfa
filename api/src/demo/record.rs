//! The demo inspection record, sized to the article's table: over the six rounds, 1742 findings
//! (1090 in the three political categories), 246 clues, 651 recommendations, 22 cases filed, 33
//! persons disciplined (8 division-level), 3 collective interview sessions with 50 units and 278
//! regulations. Every figure is a count of the rows written here, spread evenly over the
//! inspections; nothing stores a total.
//!
//! The story on top: rounds 1–4 are closed, their tasks struck off, their comprehensive reports
//! decided on. Round 5 is in progress: `unit1`'s feedback is released; `unit2`'s follow-up report
//! was returned once for revision and is submitted again, awaiting the leadership group (its
//! round-2 feedback is released); one of team 3's units is rectifying; one of team 4's was heard
//! and awaits the district committee; one of team 5's is decided on and awaits release; the rest
//! are stationed, with their channels published. Round 6's teams are stationed. Petitions are
//! registered, accepted, passed on, answered and closed; clues are in every state their
//! inspection's stage allows.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use entities::*;
use sea_orm::{
    ColumnTrait, DatabaseTransaction, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait, Set,
    sea_query::Expr,
};

use super::{names, texts};

/// The article's figures that the record must add up to.
const FINDINGS: usize = 1742;
/// Findings in the three political categories.
const POLITICAL_FINDINGS: usize = 1090;
/// Violation clues.
const CLUES: usize = 246;
/// Recommendations.
const RECOMMENDATIONS: usize = 651;
/// Cases filed by the agencies.
const CASES_FILED: usize = 22;
/// Persons disciplined.
const PERSONS_DISCIPLINED: usize = 33;
/// Of them, division-level.
const DIVISION_LEVEL: usize = 8;
/// Units whose heads were interviewed, over three sessions.
const INTERVIEWED: [usize; 3] = [17, 17, 16];
/// Regulations built or revised.
const REGULATIONS: usize = 278;

/// The `k`-th of `parts` shares of `total`, as even as whole numbers allow.
fn share(total: usize, parts: usize, k: usize) -> usize {
    total / parts.max(1) + usize::from(k < total % parts.max(1))
}

/// Who and what the record is written about.
pub struct Story {
    /// When the demo was loaded.
    pub now: DateTime<Utc>,
    /// Round 5, in progress.
    pub round5: i32,
    /// `unit1`'s unit.
    pub unit1: i32,
    /// `unit2`'s unit.
    pub unit2: i32,
    /// Team 3.
    pub team3: i32,
    /// Each team's leader.
    pub team_leaders: HashMap<i32, i32>,
    /// Each unit leader's account, by unit.
    pub unit_leaders: HashMap<i32, i32>,
    /// The office's account.
    pub office_user: i32,
    /// The ten partner agencies.
    pub agencies: Vec<i32>,
    /// The five teams, in order.
    pub teams: Vec<i32>,
    /// The leadership group's account.
    pub leader_user: i32,
}

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

const RECOMMENDATION_TEXTS: [&str; 6] = [
    "严格执行“三重一大”集体决策制度，规范党组议事规则。",
    "建立健全财务管理和项目资金监管制度，限期整改违规问题。",
    "落实基层党建工作责任制，规范“三会一课”和党员发展。",
    "压实全面从严治党主体责任，加强对苗头性问题的提醒谈话。",
    "专项清理违规发放的津补贴，严格执行公务接待标准。",
    "健全内部控制和档案管理制度，堵塞管理漏洞。",
];

const REGULATION_TITLES: [(RegulationCategory, &str); 5] = [
    (RegulationCategory::PartyBuilding, "党组议事规则"),
    (RegulationCategory::Finance, "财务报销管理办法"),
    (RegulationCategory::Approval, "项目审批工作规程"),
    (RegulationCategory::Personnel, "干部选拔任用工作细则"),
    (RegulationCategory::Other, "公务接待管理规定"),
];

const REPORTERS: [(&str, &str); 3] = [("李某某", "138****1024"), ("王某", "139****2048"), ("张某某", "137****4096")];

const PERSONS: [(&str, PersonRank, &str); 4] = [
    ("陈某", PersonRank::DivisionLevel, "党组书记、主任"),
    ("刘某某", PersonRank::SectionLevel, "财务科科长"),
    ("黄某", PersonRank::Staff, "出纳"),
    ("赵某", PersonRank::DivisionLevel, "副主任"),
];

/// Clues drafted and not yet submitted, beyond the article's 246 found.
const DRAFT_CLUES: usize = 12;

/// Writes the record of every inspection that has begun.
pub async fn load(txn: &DatabaseTransaction, story: &Story) -> Result<(), DbErr> {
    let now = story.now;
    // Round 5's inspections, as the story goes.
    let round5_inspections = inspection::Entity::find()
        .filter(inspection::Column::RoundId.eq(story.round5))
        .order_by_asc(inspection::Column::Id);
    let (mut rectifying_done, mut heard_done, mut decided_done) = (false, false, false);
    let team = |k: usize| story.teams.get(k).copied().unwrap_or_default();
    for i in round5_inspections.all(txn).await? {
        let regular = i.kind == InspectionKind::Regular;
        let status = if i.unit_id == story.unit1 {
            InspectionStatus::FeedbackGiven
        } else if i.unit_id == story.unit2 {
            InspectionStatus::Reported
        } else if i.team_id == story.team3 && !rectifying_done {
            rectifying_done = true;
            InspectionStatus::Rectifying
        } else if i.team_id == team(3) && regular && !heard_done {
            // Heard by the leadership group, awaiting the district committee.
            heard_done = true;
            InspectionStatus::Heard
        } else if i.team_id == team(4) && regular && !decided_done {
            // Decided on, its feedback awaiting release.
            decided_done = true;
            InspectionStatus::Decided
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
    let author = |i: &inspection::Model| story.team_leaders.get(&i.team_id).copied().unwrap_or(story.office_user);
    let received = NaiveDate::from_ymd_opt(2016, 10, 20).unwrap_or_default();

    // Petitions: one per inspection about the inspected unit, every third anonymous, taken up by
    // the team (closed once the feedback is out); and in the inspections still at work, one more
    // about another body's business, passed on (转办) to 区信访办 or to the unit concerned.
    let units_all: Vec<i32> = organization::Entity::find()
        .filter(organization::Column::Kind.eq(OrganizationKind::AuditedUnit))
        .order_by_asc(organization::Column::Id)
        .all(txn)
        .await?
        .into_iter()
        .map(|o| o.id)
        .collect();
    let petitions_office = story.agencies.get(8).copied().unwrap_or_default();
    let mut petitions: Vec<petition::ActiveModel> = Vec::new();
    let own_texts = &texts::PETITION_TEXTS[..texts::PETITIONS_PASSED_ON_FROM];
    let other_texts = &texts::PETITION_TEXTS[texts::PETITIONS_PASSED_ON_FROM..];
    let mut passed = 0;
    for (n, i) in begun.iter().enumerate() {
        let reporter = (n % 3 != 2).then(|| REPORTERS[n % REPORTERS.len()]);
        let done = !matches!(i.status, InspectionStatus::Stationed | InspectionStatus::Reported);
        let status = if done {
            PetitionStatus::Closed
        } else {
            [PetitionStatus::Registered, PetitionStatus::Accepted, PetitionStatus::Closed][n % 3]
        };
        petitions.push(petition::ActiveModel {
            inspection_id: Set(i.id),
            unit_id: Set(i.unit_id),
            content: Set(own_texts[n % own_texts.len()].to_owned()),
            reporter_name: Set(reporter.map(|r| r.0.to_owned())),
            reporter_contact: Set(reporter.map(|r| r.1.to_owned())),
            received_on: Set(received),
            status: Set(status),
            handling_note: Set(
                (status != PetitionStatus::Registered).then(|| "属本次巡察范围，由巡察组受理核实。".to_owned())
            ),
            outcome: Set((status == PetitionStatus::Closed)
                .then(|| "经核实，反映问题部分属实，已纳入巡察反馈意见督促整改，并向信访人反馈。".to_owned())),
            closed_on: Set((status == PetitionStatus::Closed).then_some(received + chrono::Duration::days(20))),
            created_by: Set(author(i)),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(match status {
                PetitionStatus::Registered => 1,
                PetitionStatus::Closed => 3,
                _ => 2,
            }),
            ..Default::default()
        });
        if i.status == InspectionStatus::Stationed && passed < other_texts.len() {
            let status = [
                PetitionStatus::PassedOn,
                PetitionStatus::Answered,
                PetitionStatus::Closed,
                PetitionStatus::Registered,
            ][passed % 4];
            // About a unit this inspection does not inspect; half go to the petitions office.
            let about = units_all[(passed * 7 + 3) % units_all.len()];
            let about = if about == i.unit_id { units_all[(passed * 7 + 4) % units_all.len()] } else { about };
            let to = if passed % 2 == 0 { petitions_office } else { about };
            let moved = status != PetitionStatus::Registered;
            let answered = matches!(status, PetitionStatus::Answered | PetitionStatus::Closed);
            petitions.push(petition::ActiveModel {
                inspection_id: Set(i.id),
                unit_id: Set(about),
                content: Set(other_texts[passed].to_owned()),
                reporter_name: Set(None),
                reporter_contact: Set(None),
                received_on: Set(received),
                status: Set(status),
                passed_to_id: Set(moved.then_some(to)),
                passed_on: Set(moved.then_some(received + chrono::Duration::days(2))),
                handling_note: Set(moved.then(|| "不属本次巡察范围，转请有关单位依法依规办理并反馈结果。".to_owned())),
                answer: Set(answered.then(|| "已调查核实并依法处理，已向信访人答复。".to_owned())),
                answered_on: Set(answered.then_some(received + chrono::Duration::days(25))),
                outcome: Set((status == PetitionStatus::Closed)
                    .then(|| "有关单位已办结并答复，巡察组审核后予以办结。".to_owned())),
                closed_on: Set((status == PetitionStatus::Closed).then_some(received + chrono::Duration::days(30))),
                created_by: Set(author(i)),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1 + usize::from(moved) as i32 + usize::from(answered) as i32),
                ..Default::default()
            });
            passed += 1;
        }
    }
    petition::Entity::insert_many(petitions).exec(txn).await?;
    let mut petition_of: HashMap<i32, i32> = HashMap::new();
    for p in petition::Entity::find().order_by_asc(petition::Column::Id).all(txn).await? {
        petition_of.entry(p.inspection_id).or_insert(p.id);
    }

    // Findings: the article's 1742 shared out over the inspections, 1090 of them political,
    // spread evenly through the record; each inspection's last one stays with the leadership.
    let mut findings = Vec::new();
    let (mut political, mut other) = (0, 0);
    for (n, i) in begun.iter().enumerate() {
        let count = share(FINDINGS, begun.len(), n);
        for k in 0..count {
            let g = findings.len();
            let is_political = (g + 1) * POLITICAL_FINDINGS / FINDINGS > g * POLITICAL_FINDINGS / FINDINGS;
            let (category, text) = if is_political {
                political += 1;
                CATEGORIES[(political - 1) % 3]
            } else {
                other += 1;
                CATEGORIES[3 + (other - 1) % 5]
            };
            findings.push(finding::ActiveModel {
                inspection_id: Set(i.id),
                category: Set(category),
                description: Set(text.to_owned()),
                evidence: Set("查阅会议记录、财务凭证，个别谈话印证。".into()),
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
    for chunk in findings.chunks(500) {
        finding::Entity::insert_many(chunk.to_vec()).exec(txn).await?;
    }
    let mut findings_of: HashMap<i32, Vec<i32>> = HashMap::new();
    for (id, inspection_id) in finding::Entity::find()
        .select_only()
        .columns([finding::Column::Id, finding::Column::InspectionId])
        .order_by_asc(finding::Column::Id)
        .into_tuple::<(i32, i32)>()
        .all(txn)
        .await?
    {
        findings_of.entry(inspection_id).or_default().push(id);
    }

    // Recommendations: the article's 651 shared out, each answering two of the findings.
    let recommendations: Vec<recommendation::ActiveModel> = begun
        .iter()
        .enumerate()
        .flat_map(|(n, i)| {
            (0..share(RECOMMENDATIONS, begun.len(), n)).map(move |k| recommendation::ActiveModel {
                inspection_id: Set(i.id),
                content: Set(RECOMMENDATION_TEXTS[k % RECOMMENDATION_TEXTS.len()].to_owned()),
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

    // Clues: the article's 246 found (submitted to the leadership group) shared out, in the states
    // their inspection's stage allows — where the inspection is rectifying or closed, each was
    // referred (below) or rejected; where the feedback is out, some approved ones await referral;
    // before it, every decision is still possible. And a draft each in a dozen stationed
    // inspections: written, not yet submitted, not counted among the clues found.
    let mut clues = Vec::new();
    let mut drafts = 0;
    for (n, i) in begun.iter().enumerate() {
        let count = share(CLUES, begun.len(), n);
        let with_draft = i.status == InspectionStatus::Stationed && drafts < DRAFT_CLUES;
        drafts += usize::from(with_draft);
        for k in 0..count + usize::from(with_draft) {
            let g = clues.len();
            let status = if k == count {
                ClueStatus::Draft
            } else {
                match i.status {
                    InspectionStatus::Closed | InspectionStatus::Rectifying => {
                        if g % 5 == 4 {
                            ClueStatus::Rejected
                        } else {
                            ClueStatus::Approved
                        }
                    }
                    InspectionStatus::FeedbackGiven => [ClueStatus::Approved, ClueStatus::Rejected][g % 2],
                    _ => [ClueStatus::Submitted, ClueStatus::Approved, ClueStatus::Rejected][g % 3],
                }
            };
            let from_petition = g % 2 == 0;
            let (alleged, evidence) = texts::CLUE_TEXTS[g % texts::CLUE_TEXTS.len()];
            clues.push(clue::ActiveModel {
                inspection_id: Set(i.id),
                status: Set(status),
                alleged_violation: Set(alleged.to_owned()),
                evidence: Set(evidence.to_owned()),
                source: Set(if from_petition { ClueSource::Petition } else { ClueSource::DocumentReview }),
                petition_id: Set(from_petition.then(|| petition_of.get(&i.id).copied()).flatten()),
                rejection_reason: Set((status == ClueStatus::Rejected).then(|| "证据不足，转由巡察组继续了解。".into())),
                created_by: Set(author(i)),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
                ..Default::default()
            });
        }
    }
    clue::Entity::insert_many(clues).exec(txn).await?;
    let persons: Vec<clue_person::ActiveModel> = clue::Entity::find()
        .select_only()
        .column(clue::Column::Id)
        .order_by_asc(clue::Column::Id)
        .into_tuple::<i32>()
        .all(txn)
        .await?
        .into_iter()
        .enumerate()
        .flat_map(|(n, clue_id)| {
            (0..1 + n % 2).map(move |k| {
                let (name, rank, position) = PERSONS[(n + k) % PERSONS.len()];
                clue_person::ActiveModel {
                    clue_id: Set(clue_id),
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
    let statuses: Vec<(i32, InspectionStatus)> = begun.iter().map(|i| (i.id, i.status)).collect();
    let statuses: Vec<(i32, InspectionStatus)> = {
        // Round 5's statuses changed above; read them back.
        let current: HashMap<i32, InspectionStatus> = inspection::Entity::find()
            .filter(inspection::Column::Id.is_in(statuses.iter().map(|s| s.0)))
            .all(txn)
            .await?
            .into_iter()
            .map(|i| (i.id, i.status))
            .collect();
        statuses.into_iter().map(|(id, s)| (id, current.get(&id).copied().unwrap_or(s))).collect()
    };
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
    let principal: Vec<principal_feedback::ActiveModel> = statuses
        .iter()
        .map(|&(id, s)| principal_feedback::ActiveModel {
            inspection_id: Set(id),
            body: Set(
                "巡察组向被巡察单位党组织主要负责人单独反馈：指出其履行第一责任人职责方面的问题，提出整改要求。".into()
            ),
            released_at: Set(released(s).then_some(now)),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
            ..Default::default()
        })
        .collect();
    principal_feedback::Entity::insert_many(principal).exec(txn).await?;
    decide(txn, story).await?;
    refer(txn, now, &story.agencies).await?;
    rectify(txn, story).await?;
    use_results(txn, story).await
}

/// A rectification task for every recommendation whose feedback is out: closed in closed
/// inspections, and in every state for the inspections still rectifying or just given feedback.
async fn rectify(txn: &DatabaseTransaction, story: &Story) -> Result<(), DbErr> {
    let now = story.now;
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
    let mut n_open = 0;
    let tasks: Vec<rectification_task::ActiveModel> = recommendation::Entity::find()
        .order_by_asc(recommendation::Column::Id)
        .all(txn)
        .await?
        .into_iter()
        .filter_map(|r| inspections.get(&r.inspection_id).map(|s| (r, *s)))
        .enumerate()
        .map(|(n, (r, s))| {
            let status = if s == InspectionStatus::Closed {
                TaskStatus::Closed
            } else {
                n_open += 1;
                open[(n_open - 1) % open.len()]
            };
            // Every third open task is overdue.
            let deadline = if status != TaskStatus::Closed && n_open % 3 == 1 {
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
                // One version for each transition that brought it here.
                version: Set(match status {
                    TaskStatus::Assigned => 1,
                    TaskStatus::InProgress => 2,
                    TaskStatus::Submitted => 3,
                    TaskStatus::Returned | TaskStatus::Closed => 4,
                }),
                ..Default::default()
            }
        })
        .collect();
    if tasks.is_empty() {
        return Ok(());
    }
    rectification_task::Entity::insert_many(tasks).exec(txn).await?;

    // The unit's progress report on every task it has worked, with a note of evidence attached
    // where the unit has an account.
    let worked: HashMap<i32, rectification_task::Model> = rectification_task::Entity::find()
        .filter(rectification_task::Column::Status.ne(TaskStatus::Assigned))
        .all(txn)
        .await?
        .into_iter()
        .map(|t| (t.id, t))
        .collect();
    let units: HashMap<i32, i32> = inspection::Entity::find()
        .select_only()
        .columns([inspection::Column::Id, inspection::Column::UnitId])
        .into_tuple::<(i32, i32)>()
        .all(txn)
        .await?
        .into_iter()
        .collect();
    let author =
        |t: &rectification_task::Model| units.get(&t.inspection_id).and_then(|u| story.unit_leaders.get(u)).copied();
    let mut ids: Vec<&i32> = worked.keys().collect();
    ids.sort_unstable();
    let reports: Vec<progress_report::ActiveModel> = ids
        .into_iter()
        .filter_map(|id| worked.get(id))
        .map(|t| progress_report::ActiveModel {
            task_id: Set(t.id),
            content: Set("已对照整改要求逐项落实：修订相关制度，完成问题清理，附整改说明。".to_owned()),
            created_by: Set(author(t).unwrap_or(story.office_user)),
            created_at: Set(now),
            ..Default::default()
        })
        .collect();
    progress_report::Entity::insert_many(reports).exec(txn).await?;
    let note = "整改说明：已修订财务报销管理办法，清退违规发放津补贴，相关责任人作出书面检查。\n".as_bytes();
    let sha256 = crate::evidence_files::service::sha256_hex(note);
    for report in progress_report::Entity::find().order_by_asc(progress_report::Column::Id).all(txn).await? {
        let Some(task) = worked.get(&report.task_id) else { continue };
        let Some(uploader) = author(task) else { continue };
        let file = sea_orm::ActiveModelTrait::insert(
            evidence_file::ActiveModel {
                progress_report_id: Set(report.id),
                task_id: Set(task.id),
                file_name: Set("整改说明.txt".to_owned()),
                content_type: Set("text/plain".to_owned()),
                size: Set(note.len() as i64),
                sha256: Set(sha256.clone()),
                created_by: Set(uploader),
                created_at: Set(now),
                ..Default::default()
            },
            txn,
        )
        .await?;
        sea_orm::ActiveModelTrait::insert(
            evidence_content::ActiveModel { evidence_file_id: Set(file.id), bytes: Set(note.to_vec()) },
            txn,
        )
        .await?;
    }
    Ok(())
}

/// Refers every approved clue of the inspections rectifying or closed. The first thirty go three to
/// each agency (one concluded, one acknowledged, one just sent; some overdue), the rest are
/// concluded. Of the concluded, the first 22 had a case filed, with the article's 33 persons
/// disciplined, 8 division-level; the others were closed by a talk or letter inquiry.
async fn refer(txn: &DatabaseTransaction, now: DateTime<Utc>, agencies: &[i32]) -> Result<(), DbErr> {
    let closed: Vec<clue::Model> = clue::Entity::find()
        .filter(clue::Column::Status.eq(ClueStatus::Approved))
        .filter(
            clue::Column::InspectionId.in_subquery(
                inspection::Entity::find()
                    .select_only()
                    .column(inspection::Column::Id)
                    .filter(inspection::Column::Status.is_in([InspectionStatus::Closed, InspectionStatus::Rectifying]))
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
    let mut cases = 0;
    for (n, c) in closed.iter().enumerate() {
        let overdue = n % 2 == 1;
        let (status, deadline) = match n / agencies.len() {
            1 => (ReferralStatus::Acknowledged, if overdue { day(10) } else { day(-40) }),
            2 => (ReferralStatus::Sent, if overdue { day(5) } else { day(-60) }),
            _ => (ReferralStatus::Concluded, day(30)),
        };
        let persons: Vec<serde_json::Value> = persons_of
            .get(&c.id)
            .into_iter()
            .flatten()
            .map(|p| serde_json::json!({ "name": p.name, "rank": p.rank, "position": p.position }))
            .collect();
        let concluded = status == ReferralStatus::Concluded;
        // The last concluded were closed by a talk or letter inquiry, without a case.
        let filed = concluded && cases < CASES_FILED;
        cases += usize::from(filed);
        referrals.push(referral::ActiveModel {
            clue_id: Set(c.id),
            agency_id: Set(agencies[n % agencies.len()]),
            status: Set(status),
            deadline: Set(deadline),
            alleged_violation: Set(c.alleged_violation.clone()),
            evidence: Set(c.evidence.clone()),
            persons: Set(serde_json::Value::Array(persons).to_string()),
            disposal_method: Set(concluded.then_some(if filed {
                DisposalMethod::PreliminaryVerification
            } else {
                DisposalMethod::TalkOrLetterInquiry
            })),
            case_filed_on: Set(filed.then(|| day(60))),
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
        .filter(clue::Column::Id.is_in(closed.iter().map(|c| c.id)))
        .exec(txn)
        .await?;
    change_counter::Entity::update_many()
        .col_expr(change_counter::Column::Value, Expr::value(count))
        .filter(change_counter::Column::Name.eq("referrals"))
        .exec(txn)
        .await?;
    // Dispositions: two persons on each of the first eleven cases, one on the rest; every fourth
    // of the first thirty persons is division-level.
    let filed = referral::Entity::find()
        .filter(referral::Column::CaseFiledOn.is_not_null())
        .order_by_asc(referral::Column::Id)
        .all(txn)
        .await?;
    let mut dispositions = Vec::new();
    for (f, r) in filed.iter().enumerate() {
        for _ in 0..1 + usize::from(f < PERSONS_DISCIPLINED - filed.len()) {
            let p = dispositions.len();
            let division = p % 4 == 0 && p < 4 * DIVISION_LEVEL;
            let (rank, measure) = match (division, p % 3) {
                (true, 0) => (PersonRank::DivisionLevel, DisciplinaryMeasure::RemovalFromPartyPost),
                (true, _) => (PersonRank::DivisionLevel, DisciplinaryMeasure::SeriousPartyWarning),
                (false, 0) => (PersonRank::SectionLevel, DisciplinaryMeasure::PartyWarning),
                (false, 1) => (PersonRank::SectionLevel, DisciplinaryMeasure::AdmonishmentTalk),
                (false, _) => (PersonRank::Staff, DisciplinaryMeasure::WrittenSelfCriticism),
            };
            dispositions.push(disposition::ActiveModel {
                referral_id: Set(r.id),
                person_name: Set(format!("{}某", names::SURNAMES[p % names::SURNAMES.len()])),
                rank: Set(rank),
                measure: Set(measure),
                decided_on: Set(r.case_filed_on.unwrap_or_default()),
                created_at: Set(now),
                ..Default::default()
            });
        }
    }
    if !dispositions.is_empty() {
        disposition::Entity::insert_many(dispositions).exec(txn).await?;
    }
    Ok(())
}

/// Using the results: regulations the closed inspections' units built, three collective
/// interview sessions, and accountability records.
async fn use_results(txn: &DatabaseTransaction, story: &Story) -> Result<(), DbErr> {
    let now = story.now;
    let rounds: HashMap<i32, round::Model> =
        round::Entity::find().all(txn).await?.into_iter().map(|r| (r.id, r)).collect();
    let closed: Vec<inspection::Model> = inspection::Entity::find()
        .filter(inspection::Column::Status.eq(InspectionStatus::Closed))
        .order_by_asc(inspection::Column::Id)
        .all(txn)
        .await?;
    let ended = |i: &inspection::Model| rounds.get(&i.round_id).map_or(now.date_naive(), |r| r.ends_on);
    let mut tasks_of: HashMap<i32, Vec<i32>> = HashMap::new();
    for (id, inspection_id) in rectification_task::Entity::find()
        .select_only()
        .columns([rectification_task::Column::Id, rectification_task::Column::InspectionId])
        .order_by_asc(rectification_task::Column::Id)
        .into_tuple::<(i32, i32)>()
        .all(txn)
        .await?
    {
        tasks_of.entry(inspection_id).or_default().push(id);
    }

    // Regulations: the article's 278, shared out over the closed inspections, each answering a task.
    let mut regulations = Vec::new();
    for (n, i) in closed.iter().enumerate() {
        let tasks = tasks_of.get(&i.id).cloned().unwrap_or_default();
        for k in 0..share(REGULATIONS, closed.len(), n) {
            let (category, title) = REGULATION_TITLES[(n + k) % REGULATION_TITLES.len()];
            regulations.push(regulation::ActiveModel {
                inspection_id: Set(i.id),
                task_id: Set(tasks.get(k % tasks.len().max(1)).copied()),
                finding_id: Set(None),
                title: Set(title.to_owned()),
                category: Set(category),
                is_new: Set(k % 3 != 2),
                effective_on: Set(ended(i) + chrono::Duration::days(90 + k as i64)),
                created_by: Set(story.office_user),
                created_at: Set(now),
                ..Default::default()
            });
        }
    }
    regulation::Entity::insert_many(regulations).exec(txn).await?;

    // Three collective interview sessions, after rounds 2, 3 and 4, with the article's 50 units:
    // each the heads of units that round inspected, `unit2` among the first.
    let mut round_ids: Vec<i32> = rounds.keys().copied().collect();
    round_ids.sort_unstable();
    let mut interviewed = HashSet::new();
    for (s, (&round_id, &size)) in round_ids.iter().skip(1).zip(INTERVIEWED.iter()).enumerate() {
        let held_on = rounds.get(&round_id).map_or(now.date_naive(), |r| r.ends_on) + chrono::Duration::days(45);
        let session = interview_session::ActiveModel {
            round_id: Set(Some(round_id)),
            held_on: Set(held_on),
            subject: Set(format!("第{}次集体约谈：巡察反馈问题整改推进不力的单位主要负责人", ["一", "二", "三"][s])),
            created_by: Set(story.office_user),
            created_at: Set(now),
            ..Default::default()
        };
        let session = sea_orm::ActiveModelTrait::insert(session, txn).await?;
        let mut units: Vec<i32> = closed.iter().filter(|i| i.round_id == round_id).map(|i| i.unit_id).collect();
        units.sort_by_key(|&u| (u != story.unit2, u));
        let chosen: Vec<i32> = units.into_iter().filter(|u| interviewed.insert(*u)).take(size).collect();
        interviewee::Entity::insert_many(chosen.into_iter().map(|unit_id| interviewee::ActiveModel {
            session_id: Set(session.id),
            unit_id: Set(unit_id),
            ..Default::default()
        }))
        .exec(txn)
        .await?;
    }

    // Accountability: a dozen decisions on the closed inspections, `unit2`'s round-2 one among them.
    let mut picked: Vec<&inspection::Model> = closed.iter().step_by(7).take(11).collect();
    picked.extend(closed.iter().find(|i| i.unit_id == story.unit2));
    let records: Vec<accountability_record::ActiveModel> = picked
        .iter()
        .enumerate()
        .map(|(n, i)| {
            let person = n % 3 != 2;
            accountability_record::ActiveModel {
                inspection_id: Set(i.id),
                unit_id: Set(i.unit_id),
                target: Set(if person { AccountabilityTarget::Person } else { AccountabilityTarget::Unit }),
                person_name: Set(person.then(|| format!("{}某", names::SURNAMES[(n * 7 + 3) % names::SURNAMES.len()]))),
                person_rank: Set(person.then_some(if n % 2 == 0 {
                    PersonRank::DivisionLevel
                } else {
                    PersonRank::SectionLevel
                })),
                decision: Set(if person {
                    "履行主体责任不力，对整改工作推进缓慢负有领导责任，予以诫勉。".to_owned()
                } else {
                    "党组织整改不力，年度党风廉政建设考核降档。".to_owned()
                }),
                decided_on: Set(ended(i) + chrono::Duration::days(120)),
                in_personal_file: Set(person),
                in_annual_assessment: Set(!person),
                assessment_veto: Set(n == 5),
                created_by: Set(story.office_user),
                created_at: Set(now),
                ..Default::default()
            }
        })
        .collect();
    accountability_record::Entity::insert_many(records).exec(txn).await?;
    Ok(())
}

/// The decisions before the feedback: the leadership group heard every report past `REPORTED`
/// (and returned `unit2`'s follow-up report once for revision, which its team resubmitted), the
/// district committee decided on every one past `HEARD`; each closed round's comprehensive report
/// was heard and decided on, round 5's is a draft. And every stationed team has published its
/// channels for petitions.
async fn decide(txn: &DatabaseTransaction, story: &Story) -> Result<(), DbErr> {
    let now = story.now;
    let rounds: HashMap<i32, round::Model> =
        round::Entity::find().all(txn).await?.into_iter().map(|r| (r.id, r)).collect();
    let ended = |round_id: i32| rounds.get(&round_id).map_or(now.date_naive(), |r| r.ends_on);
    let inspections = inspection::Entity::find()
        .filter(inspection::Column::Status.ne(InspectionStatus::Planned))
        .order_by_asc(inspection::Column::Id)
        .all(txn)
        .await?;
    let heard = |s: InspectionStatus| {
        !matches!(s, InspectionStatus::Planned | InspectionStatus::Stationed | InspectionStatus::Reported)
    };
    let decided = |s: InspectionStatus| heard(s) && s != InspectionStatus::Heard;
    let hearing = |inspection_id: Option<i32>,
                   round_report_id: Option<i32>,
                   heard_on: NaiveDate,
                   outcome: HearingOutcome| hearing::ActiveModel {
        inspection_id: Set(inspection_id),
        round_report_id: Set(round_report_id),
        heard_on: Set(heard_on),
        opinion: Set(match outcome {
            HearingOutcome::Accepted => "报告反映问题客观准确，所提处置建议可行，同意提交区委书记专题会。".into(),
            HearingOutcome::Returned => "报告对整改落实情况的分析不够具体，请巡察组补充后重新报送。".into(),
        }),
        proposed_handling: Set("按程序向被巡察党组织反馈；问题线索按规定移交；督促被巡察单位限期整改。".into()),
        outcome: Set(outcome),
        recorded_by: Set(story.leader_user),
        created_at: Set(now),
        ..Default::default()
    };
    let decision = |inspection_id: Option<i32>, round_report_id: Option<i32>, decided_on: NaiveDate| {
        decision::ActiveModel {
            inspection_id: Set(inspection_id),
            round_report_id: Set(round_report_id),
            decided_on: Set(decided_on),
            text: Set("区委书记专题会研究同意巡察报告，同意向被巡察党组织反馈巡察意见，问题线索按规定移交处置。".into()),
            recorded_by: Set(story.office_user),
            created_at: Set(now),
            ..Default::default()
        }
    };
    let mut hearings = Vec::new();
    let mut decisions = Vec::new();
    for i in &inspections {
        let end = ended(i.round_id);
        if i.unit_id == story.unit2 && i.status == InspectionStatus::Reported {
            hearings.push(hearing(Some(i.id), None, end + chrono::Duration::days(8), HearingOutcome::Returned));
        }
        if heard(i.status) {
            hearings.push(hearing(Some(i.id), None, end + chrono::Duration::days(10), HearingOutcome::Accepted));
        }
        if decided(i.status) {
            decisions.push(decision(Some(i.id), None, end + chrono::Duration::days(20)));
        }
    }
    // The rounds' comprehensive reports.
    let mut ids: Vec<i32> = rounds.keys().copied().collect();
    ids.sort_unstable();
    for id in ids {
        let Some(r) = rounds.get(&id) else { continue };
        let status = match r.status {
            RoundStatus::Closed => RoundReportStatus::Decided,
            _ if id == story.round5 => RoundReportStatus::Draft,
            _ => continue,
        };
        let report = sea_orm::ActiveModelTrait::insert(
            round_report::ActiveModel {
                round_id: Set(id),
                body: Set(format!(
                    "区委巡察办关于{}情况的综合报告：各巡察组发现的主要问题、问题线索移交和整改督促情况。",
                    r.name
                )),
                status: Set(status),
                submitted_at: Set((status == RoundReportStatus::Decided).then_some(now)),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(if status == RoundReportStatus::Decided { 4 } else { 1 }),
                ..Default::default()
            },
            txn,
        )
        .await?;
        if status == RoundReportStatus::Decided {
            hearings.push(hearing(
                None,
                Some(report.id),
                r.ends_on + chrono::Duration::days(30),
                HearingOutcome::Accepted,
            ));
            decisions.push(decision(None, Some(report.id), r.ends_on + chrono::Duration::days(40)));
        }
    }
    hearing::Entity::insert_many(hearings).exec(txn).await?;
    decision::Entity::insert_many(decisions).exec(txn).await?;

    // The channels of every stationed team.
    for (n, i) in inspections.iter().filter(|i| i.status == InspectionStatus::Stationed).enumerate() {
        let starts = rounds.get(&i.round_id).map_or(now.date_naive(), |r| r.starts_on);
        inspection::Entity::update_many()
            .col_expr(inspection::Column::NoticeFrom, Expr::value(starts))
            .col_expr(inspection::Column::NoticeUntil, Expr::value(starts + chrono::Duration::days(30)))
            .col_expr(inspection::Column::ChannelTelephone, Expr::value(format!("023-5812{:04}", 3100 + n)))
            .col_expr(inspection::Column::ChannelMailbox, Expr::value(format!("万州区邮政{}号信箱", 201 + n)))
            .col_expr(inspection::Column::ChannelAddress, Expr::value("万州区白岩路区委巡察办接待室"))
            .col_expr(inspection::Column::ChannelsPublishedAt, Expr::value(now))
            .filter(inspection::Column::Id.eq(i.id))
            .exec(txn)
            .await?;
    }
    Ok(())
}
