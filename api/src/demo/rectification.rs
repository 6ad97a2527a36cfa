//! Rectification and the use of the results, each on its day: a task for every recommendation
//! whose feedback is out, struck off in the closed inspections, in every state where the unit is
//! still at work (their deadlines around the day the demo is loaded, some overdue); the unit's
//! progress reports with evidence; the article's 278 regulations; three collective interview
//! sessions with 50 units; and accountability, the township of the article's last case vetoed in
//! its annual assessment.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use entities::*;
use sea_orm::{ColumnTrait, DatabaseTransaction, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};

use super::{
    record::{Days, Story, at, share},
    texts,
};

/// Regulations built or revised.
const REGULATIONS: usize = 278;
/// Units whose heads were interviewed, over three sessions.
const INTERVIEWED: [usize; 3] = [17, 17, 16];

/// The regulation categories, in order.
const REGULATION_CATEGORIES: [RegulationCategory; 5] = [
    RegulationCategory::PartyBuilding,
    RegulationCategory::Finance,
    RegulationCategory::Approval,
    RegulationCategory::Personnel,
    RegulationCategory::Other,
];

/// Writes the tasks, progress reports, evidence, regulations, sessions and accountability.
pub async fn load(txn: &DatabaseTransaction, story: &Story) -> Result<(), DbErr> {
    rectify(txn, story).await?;
    super::plans::load(txn, story).await?;
    use_results(txn, story).await
}

/// The days of each inspection, by id.
async fn days_by_inspection(txn: &DatabaseTransaction, story: &Story) -> Result<HashMap<i32, Days>, DbErr> {
    let rounds: HashMap<i32, round::Model> =
        round::Entity::find().all(txn).await?.into_iter().map(|r| (r.id, r)).collect();
    let today = story.now.date_naive();
    Ok(inspection::Entity::find()
        .all(txn)
        .await?
        .into_iter()
        .map(|i| (i.id, rounds.get(&i.round_id).map(Days::of).unwrap_or(Days { start: today, end: today })))
        .collect())
}

/// A task for every recommendation whose feedback is out.
async fn rectify(txn: &DatabaseTransaction, story: &Story) -> Result<(), DbErr> {
    let today = story.now.date_naive();
    let days = days_by_inspection(txn, story).await?;
    let day_of = |inspection_id: i32| days.get(&inspection_id).copied().unwrap_or(Days { start: today, end: today });
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
    let gas = super::referrals::case_inspections(txn, &inspection::Entity::find().all(txn).await?)
        .await?
        .into_iter()
        .find(|(_, k)| texts::CASES[*k].petition.is_some())
        .map(|(i, _)| i);
    let open = [TaskStatus::Assigned, TaskStatus::InProgress, TaskStatus::Submitted, TaskStatus::Returned];
    let mut n_open = 0;
    let mut gas_task_done = false;
    let tasks: Vec<rectification_task::ActiveModel> = recommendation::Entity::find()
        .order_by_asc(recommendation::Column::Id)
        .all(txn)
        .await?
        .into_iter()
        .filter_map(|r| inspections.get(&r.inspection_id).map(|s| (r, *s)))
        .enumerate()
        .map(|(n, (r, s))| {
            let d = day_of(r.inspection_id);
            let created = d.released() + chrono::Duration::days(5);
            let status = if s == InspectionStatus::Closed {
                TaskStatus::Closed
            } else {
                n_open += 1;
                open[(n_open - 1) % open.len()]
            };
            // Closed tasks fell due two months after; every third open task is overdue.
            let deadline = if status == TaskStatus::Closed {
                created + chrono::Duration::days(60)
            } else if n_open % 3 == 1 {
                today - chrono::Duration::days(15)
            } else {
                today + chrono::Duration::days(60)
            };
            let closed_on = created + chrono::Duration::days(55);
            // The gas company's first task: the storage spheres removed after half a year.
            let content = if Some(r.inspection_id) == gas && !gas_task_done {
                gas_task_done = true;
                "拆除某街道6000平方米储配站球罐，消除周边居民区安全隐患".to_owned()
            } else {
                format!("落实整改：{}", r.content)
            };
            rectification_task::ActiveModel {
                inspection_id: Set(r.inspection_id),
                recommendation_id: Set(r.id),
                content: Set(content),
                responsible_person: Set("单位主要负责人".to_owned()),
                deadline: Set(deadline),
                fix_at_once: Set(n % 4 == 0),
                status: Set(status),
                return_count: Set(i32::from(status == TaskStatus::Returned)),
                return_reason: Set((status == TaskStatus::Returned).then(|| "佐证材料不足，请补充。".to_owned())),
                closed_at: Set((status == TaskStatus::Closed).then(|| at(closed_on))),
                created_at: Set(at(created)),
                updated_at: Set(at(if status == TaskStatus::Closed {
                    closed_on
                } else {
                    created + chrono::Duration::days(10)
                })),
                // One version for each transition that brought it here.
                version: Set(match status {
                    TaskStatus::Assigned => 1,
                    TaskStatus::InProgress => 2,
                    TaskStatus::Submitted => 3,
                    TaskStatus::Returned | TaskStatus::Closed => 4,
                    TaskStatus::Reopened => 5,
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
    let reported_on = |t: &rectification_task::Model| t.created_at.date_naive() + chrono::Duration::days(20);
    let mut ids: Vec<&i32> = worked.keys().collect();
    ids.sort_unstable();
    let reports: Vec<progress_report::ActiveModel> = ids
        .into_iter()
        .filter_map(|id| worked.get(id))
        .map(|t| progress_report::ActiveModel {
            task_id: Set(t.id),
            content: Set(if t.content.contains("储配站球罐") {
                "经过半年整改，储配站球罐已顺利拆除，周边居民安全隐患已解除。".to_owned()
            } else {
                "已对照整改要求逐项落实：修订相关制度，完成问题清理，附整改说明。".to_owned()
            }),
            created_by: Set(author(t).unwrap_or(story.office_user)),
            created_at: Set(at(reported_on(t))),
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
                created_at: Set(report.created_at),
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

/// Using the results: regulations the closed inspections' units built, three collective
/// interview sessions, and accountability records.
async fn use_results(txn: &DatabaseTransaction, story: &Story) -> Result<(), DbErr> {
    let today = story.now.date_naive();
    let rounds: HashMap<i32, round::Model> =
        round::Entity::find().all(txn).await?.into_iter().map(|r| (r.id, r)).collect();
    let closed: Vec<inspection::Model> = inspection::Entity::find()
        .filter(inspection::Column::Status.eq(InspectionStatus::Closed))
        .order_by_asc(inspection::Column::Id)
        .all(txn)
        .await?;
    let ended = |i: &inspection::Model| rounds.get(&i.round_id).map_or(today, |r| r.ends_on);
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
    let mut used: HashMap<RegulationCategory, usize> = HashMap::new();
    for (n, i) in closed.iter().enumerate() {
        let tasks = tasks_of.get(&i.id).cloned().unwrap_or_default();
        for k in 0..share(REGULATIONS, closed.len(), n) {
            let category = REGULATION_CATEGORIES[(n + k) % REGULATION_CATEGORIES.len()];
            let titles = texts::regulation_titles(category);
            let next = used.entry(category).or_default();
            *next += 1;
            let effective = ended(i) + chrono::Duration::days(90 + k as i64);
            regulations.push(regulation::ActiveModel {
                inspection_id: Set(i.id),
                task_id: Set(tasks.get(k % tasks.len().max(1)).copied()),
                finding_id: Set(None),
                title: Set(titles[(*next - 1) % titles.len()].to_owned()),
                category: Set(category),
                is_new: Set(k % 3 != 2),
                effective_on: Set(effective),
                created_by: Set(story.office_user),
                created_at: Set(super::record::at(effective)),
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
        let held_on = rounds.get(&round_id).map_or(today, |r| r.ends_on) + chrono::Duration::days(45);
        let session = interview_session::ActiveModel {
            round_id: Set(Some(round_id)),
            held_on: Set(held_on),
            subject: Set(texts::INTERVIEW_SUBJECTS[s % texts::INTERVIEW_SUBJECTS.len()].to_owned()),
            created_by: Set(story.office_user),
            created_at: Set(at(held_on)),
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

    // Accountability: a dozen decisions on the closed inspections, `unit2`'s round-2 one among
    // them; the township of the article's last case vetoed in its annual assessment.
    let vetoed = super::referrals::case_inspections(txn, &closed)
        .await?
        .into_iter()
        .find(|(_, k)| *k == texts::CASES.len() - 1)
        .map(|(i, _)| i);
    let mut picked: Vec<&inspection::Model> = closed.iter().step_by(7).take(10).collect();
    picked.extend(closed.iter().find(|i| i.unit_id == story.unit2));
    picked.extend(closed.iter().find(|i| Some(i.id) == vetoed));
    let records: Vec<accountability_record::ActiveModel> = picked
        .iter()
        .enumerate()
        .map(|(n, i)| {
            let veto = Some(i.id) == vetoed;
            let person = !veto && n % 3 != 2;
            let decisions = if person {
                &texts::ACCOUNTABILITY_DECISIONS[..texts::UNIT_ACCOUNTABILITY_FROM]
            } else {
                &texts::ACCOUNTABILITY_DECISIONS[texts::UNIT_ACCOUNTABILITY_FROM..]
            };
            let decided_on: NaiveDate = ended(i) + chrono::Duration::days(120);
            accountability_record::ActiveModel {
                inspection_id: Set(i.id),
                unit_id: Set(i.unit_id),
                target: Set(if person { AccountabilityTarget::Person } else { AccountabilityTarget::Unit }),
                person_name: Set(person.then(|| texts::person(400 + n))),
                person_rank: Set(person.then_some(if n % 2 == 0 {
                    PersonRank::DivisionLevel
                } else {
                    PersonRank::SectionLevel
                })),
                decision: Set(if veto {
                    "该乡党委落实全面从严治党主体责任不力，党风廉政建设年度考核实行“一票否决”。".to_owned()
                } else {
                    decisions[n % decisions.len()].to_owned()
                }),
                decided_on: Set(decided_on),
                in_personal_file: Set(person),
                in_annual_assessment: Set(!person),
                assessment_veto: Set(veto),
                created_by: Set(story.office_user),
                created_at: Set(at(decided_on)),
                ..Default::default()
            }
        })
        .collect();
    accountability_record::Entity::insert_many(records).exec(txn).await?;
    Ok(())
}
