//! The units' own rectification, on its days: every released inspection's plan, approved (one in
//! five after a first version returned), its lines answering every recommendation and finding the
//! feedback carries; the two-month reports, accepted in the closed inspections, submitted, accepted
//! or overdue in the others; the closed inspections evaluated and their rectification published;
//! the supervising agencies' notes on overdue tasks; each closed round's summary circulated.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use entities::*;
use sea_orm::{ColumnTrait, DatabaseTransaction, DbErr, EntityTrait, QueryFilter, QueryOrder, Set};

use super::record::{Story, at};

/// The grades of the closed inspections' rectification, in turn.
const GRADES: [RectificationGrade; 10] = [
    RectificationGrade::Good,
    RectificationGrade::Excellent,
    RectificationGrade::Good,
    RectificationGrade::Good,
    RectificationGrade::Excellent,
    RectificationGrade::Fair,
    RectificationGrade::Good,
    RectificationGrade::Excellent,
    RectificationGrade::Good,
    RectificationGrade::Poor,
];

/// Writes the plans, their lines and versions, the reports, the notes and the circulations.
pub async fn load(txn: &DatabaseTransaction, story: &Story) -> Result<(), DbErr> {
    let today = story.now.date_naive();
    let released: BTreeMap<i32, NaiveDate> = feedback::Entity::find()
        .filter(feedback::Column::ReleasedAt.is_not_null())
        .all(txn)
        .await?
        .into_iter()
        .filter_map(|f| f.released_at.map(|r| (f.inspection_id, r.date_naive())))
        .collect();
    let inspections: HashMap<i32, inspection::Model> =
        inspection::Entity::find().all(txn).await?.into_iter().map(|i| (i.id, i)).collect();
    let tasks = rectification_task::Entity::find().order_by_asc(rectification_task::Column::Id).all(txn).await?;
    let carried: Vec<(i32, i32)> = recommendation_finding::Entity::find()
        .filter(recommendation_finding::Column::FindingId.in_subquery(crate::gate::narrowing::<finding::Entity>(
            finding::Column::Id,
            finding::Column::IncludeInFeedback.eq(true),
        )))
        .order_by_asc(recommendation_finding::Column::FindingId)
        .all(txn)
        .await?
        .into_iter()
        .map(|l| (l.recommendation_id, l.finding_id))
        .collect();
    let mut findings_of: HashMap<i32, Vec<i32>> = HashMap::new();
    for (r, f) in &carried {
        findings_of.entry(*r).or_default().push(*f);
    }
    let names: HashMap<i32, String> =
        organization::Entity::find().all(txn).await?.into_iter().map(|o| (o.id, o.name)).collect();
    let problems: HashMap<i32, String> = finding::Entity::find()
        .filter(finding::Column::IncludeInFeedback.eq(true))
        .all(txn)
        .await?
        .into_iter()
        .map(|f| (f.id, f.description))
        .collect();
    let unit_user =
        |inspection_id: i32| inspections.get(&inspection_id).and_then(|i| story.unit_leaders.get(&i.unit_id)).copied();

    // The plans, approved on their days.
    let mut plans = Vec::new();
    for (n, (&inspection_id, &out)) in released.iter().enumerate() {
        let returned_once = n % 5 == 4;
        plans.push(rectification_plan::ActiveModel {
            inspection_id: Set(inspection_id),
            status: Set(PlanStatus::Approved),
            summary: Set("坚持把抓好巡察整改作为重大政治任务，成立以书记为组长的整改工作领导小组，对照反馈意见逐条制定整改措施，明确责任领导、责任人和完成时限，做到问题不解决不松手、整改不到位不销号。".to_owned()),
            due_on: Set(out + chrono::Duration::days(15)),
            submitted_at: Set(Some(at(out + chrono::Duration::days(if returned_once { 13 } else { 10 })))),
            approved_at: Set(Some(at(out + chrono::Duration::days(14)))),
            office_comment: Set(None),
            submission_count: Set(if returned_once { 2 } else { 1 }),
            created_at: Set(at(out)),
            updated_at: Set(at(out + chrono::Duration::days(14))),
            version: Set(if returned_once { 6 } else { 4 }),
            ..Default::default()
        });
    }
    for chunk in plans.chunks(200) {
        rectification_plan::Entity::insert_many(chunk.to_vec()).exec(txn).await?;
    }
    let plan_of: HashMap<i32, rectification_plan::Model> =
        rectification_plan::Entity::find().all(txn).await?.into_iter().map(|p| (p.inspection_id, p)).collect();

    // Its lines: one for each task, answering its recommendation and a finding it carries, and one
    // more for each carried finding not answered yet (the task of its recommendation carries it).
    let mut lines = Vec::new();
    let mut answered = std::collections::HashSet::new();
    for t in &tasks {
        let Some(plan) = plan_of.get(&t.inspection_id) else { continue };
        let findings = findings_of.get(&t.recommendation_id).cloned().unwrap_or_default();
        let mut first = true;
        for f in findings.iter().map(Some).chain(std::iter::once(None)) {
            let f = f.copied();
            if f.is_some_and(|f| !answered.insert(f)) || (f.is_none() && !first) {
                continue;
            }
            first = false;
            lines.push(rectification_plan_item::ActiveModel {
                plan_id: Set(plan.id),
                inspection_id: Set(t.inspection_id),
                finding_id: Set(f),
                recommendation_id: Set(t.recommendation_id),
                problem: Set(match f.and_then(|f| problems.get(&f)) {
                    Some(p) => p.clone(),
                    None => "反馈指出的问题：".to_owned() + t.content.trim_start_matches("落实整改："),
                }),
                content: Set(t.content.clone()),
                measures: Set(
                    "一是召开专题民主生活会，深刻剖析根源；二是修订完善相关制度；三是建立整改台账，逐项对账销号。"
                        .to_owned(),
                ),
                responsible_leader: Set("单位党组织书记".to_owned()),
                responsible_person: Set(t.responsible_person.clone()),
                deadline: Set(t.deadline),
                long_term: Set(false),
                task_id: Set(Some(t.id)),
                created_at: Set(plan.created_at),
                updated_at: Set(plan.created_at),
                version: Set(1),
                ..Default::default()
            });
        }
    }
    for chunk in lines.chunks(500) {
        rectification_plan_item::Entity::insert_many(chunk.to_vec()).exec(txn).await?;
    }
    let mut lines_of: HashMap<i32, Vec<rectification_plan_item::Model>> = HashMap::new();
    for l in rectification_plan_item::Entity::find().order_by_asc(rectification_plan_item::Column::Id).all(txn).await? {
        lines_of.entry(l.plan_id).or_default().push(l);
    }

    // The versions the units submitted, and the office's answers.
    let mut versions = Vec::new();
    for plan in plan_of.values() {
        let out = plan.created_at.date_naive();
        let items = serde_json::to_string(lines_of.get(&plan.id).map(Vec::as_slice).unwrap_or_default())
            .map_err(|e| DbErr::Custom(e.to_string()))?;
        let by = unit_user(plan.inspection_id).unwrap_or(story.office_user);
        let mut version = |number: i32, submitted: i64, outcome: PlanStatus, comment: Option<&str>, decided: i64| {
            versions.push(rectification_plan_version::ActiveModel {
                plan_id: Set(plan.id),
                inspection_id: Set(plan.inspection_id),
                number: Set(number),
                summary: Set(plan.summary.clone()),
                items: Set(items.clone()),
                submitted_at: Set(at(out + chrono::Duration::days(submitted))),
                submitted_by: Set(by),
                outcome: Set(Some(outcome)),
                comment: Set(comment.map(str::to_owned)),
                decided_at: Set(Some(at(out + chrono::Duration::days(decided)))),
                ..Default::default()
            })
        };
        if plan.submission_count == 2 {
            version(1, 8, PlanStatus::Returned, Some("整改措施不够具体，责任未落实到人，请修改后重新报送。"), 10);
            version(2, 13, PlanStatus::Approved, None, 14);
        } else {
            version(1, 10, PlanStatus::Approved, None, 14);
        }
    }
    for chunk in versions.chunks(200) {
        rectification_plan_version::Entity::insert_many(chunk.to_vec()).exec(txn).await?;
    }

    // The reports: accepted and published in the closed inspections; submitted, accepted or overdue
    // in the others once due.
    let mut reports = Vec::new();
    let mut evaluated = Vec::new();
    for (n, (&inspection_id, &out)) in released.iter().enumerate() {
        let Some(i) = inspections.get(&inspection_id) else { continue };
        let due = out.checked_add_months(chrono::Months::new(2)).unwrap_or(out);
        let closed = i.status == InspectionStatus::Closed;
        let state = if closed {
            RectificationReportStatus::Accepted
        } else if due >= today {
            RectificationReportStatus::Drafting
        } else {
            [
                RectificationReportStatus::Drafting,
                RectificationReportStatus::Submitted,
                RectificationReportStatus::Accepted,
            ][n % 3]
        };
        for kind in [
            RectificationReportKind::Rectification,
            RectificationReportKind::Principal,
            RectificationReportKind::Public,
        ] {
            let public = kind == RectificationReportKind::Public;
            let status = match (public, closed, state) {
                (true, true, _) => RectificationReportStatus::Published,
                (true, false, _) => RectificationReportStatus::Drafting,
                (false, _, s) => s,
            };
            let written = status != RectificationReportStatus::Drafting;
            let submitted = if public { out + chrono::Duration::days(65) } else { due - chrono::Duration::days(3) };
            let decided = submitted + chrono::Duration::days(5);
            let body = match (kind, written) {
                (_, false) => String::new(),
                (RectificationReportKind::Rectification, true) => "按照区委巡察组反馈意见，我单位逐条研究制定整改措施。截至目前，反馈问题已基本整改到位，建立完善制度若干项；长期整改事项明确了时限，持续推进。".to_owned(),
                (RectificationReportKind::Principal, true) => "本人作为整改第一责任人，亲自部署、亲自推动，主持召开整改专题会议，逐项审定整改措施，对整改不力的责任人进行了约谈。".to_owned(),
                (RectificationReportKind::Public, true) => format!("{}关于巡察整改情况的通报：根据区委统一部署，区委巡察组对我单位进行了巡察，并反馈了巡察意见。我单位高度重视，对反馈问题逐项整改，现将整改情况予以公布，欢迎广大干部群众监督。", names.get(&i.unit_id).map(String::as_str).unwrap_or("本单位")),
            };
            reports.push(rectification_report::ActiveModel {
                inspection_id: Set(inspection_id),
                kind: Set(kind),
                status: Set(status),
                body: Set(body),
                due_on: Set((!public).then_some(due)),
                submitted_at: Set(written.then(|| at(submitted))),
                decided_at: Set(matches!(
                    status,
                    RectificationReportStatus::Accepted | RectificationReportStatus::Published
                )
                .then(|| at(decided))),
                office_comment: Set(None),
                published_at: Set((status == RectificationReportStatus::Published).then(|| at(decided))),
                created_at: Set(at(out)),
                updated_at: Set(at(if written { decided } else { out })),
                version: Set(if written { 4 } else { 1 }),
                ..Default::default()
            });
        }
        if closed {
            evaluated.push((inspection_id, GRADES[evaluated.len() % GRADES.len()], due + chrono::Duration::days(20)));
        }
    }
    for chunk in reports.chunks(200) {
        rectification_report::Entity::insert_many(chunk.to_vec()).exec(txn).await?;
    }
    for (inspection_id, grade, on) in evaluated {
        rectification_plan::Entity::update_many()
            .col_expr(rectification_plan::Column::Grade, sea_orm::sea_query::Expr::value(grade))
            .col_expr(
                rectification_plan::Column::EvaluationReasons,
                sea_orm::sea_query::Expr::value(match grade {
                    RectificationGrade::Excellent => "整改责任落实到位，问题全部整改销号，建章立制成效明显。",
                    RectificationGrade::Good => "整改总体到位，个别问题整改成效有待巩固。",
                    RectificationGrade::Fair => "整改进度滞后，部分问题整改不彻底。",
                    RectificationGrade::Poor => "整改敷衍应付，多项问题反复出现。",
                }),
            )
            .col_expr(rectification_plan::Column::EvaluatedAt, sea_orm::sea_query::Expr::value(at(on)))
            .col_expr(rectification_plan::Column::Version, sea_orm::sea_query::Expr::value(5))
            .filter(rectification_plan::Column::InspectionId.eq(inspection_id))
            .exec(txn)
            .await?;
    }

    // The supervising agencies' notes, in turn by the commission and the organisation department:
    // on every overdue task, and on the rectification of every inspection whose reports are overdue.
    let supervisors: Vec<&organization::Model> = story
        .agencies
        .iter()
        .filter(|a| a.competence.is_some_and(|c| AgencyCompetence::SUPERVISING.contains(&c)))
        .collect();
    let officers: HashMap<i32, i32> = role_assignment::Entity::find()
        .filter(role_assignment::Column::Role.eq(Role::Partner))
        .all(txn)
        .await?
        .into_iter()
        .map(|a| (a.organization_id, a.user_id))
        .collect();
    let mut notes = Vec::new();
    let overdue = tasks
        .iter()
        .filter(|t| t.status != TaskStatus::Closed && t.deadline < today && released.contains_key(&t.inspection_id));
    for (n, t) in overdue.enumerate() {
        let agency = supervisors[n % supervisors.len()];
        notes.push(supervision_note::ActiveModel {
            inspection_id: Set(t.inspection_id),
            task_id: Set(Some(t.id)),
            agency_id: Set(agency.id),
            signed_by: Set(agency.name.clone()),
            body: Set("该项整改已超期，请于十个工作日内说明原因并报送整改进展，逾期将启动问责程序。".to_owned()),
            created_by: Set(officers.get(&agency.id).copied().unwrap_or(story.office_user)),
            created_at: Set(at(t.deadline + chrono::Duration::days(3))),
            ..Default::default()
        });
    }
    for (n, (&inspection_id, &out)) in released.iter().enumerate() {
        let due = out.checked_add_months(chrono::Months::new(2)).unwrap_or(out);
        let Some(i) = inspections.get(&inspection_id) else { continue };
        if i.status == InspectionStatus::Closed || due >= today || n % 3 != 0 {
            continue;
        }
        let agency = supervisors[n % supervisors.len()];
        notes.push(supervision_note::ActiveModel {
            inspection_id: Set(inspection_id),
            task_id: Set(None),
            agency_id: Set(agency.id),
            signed_by: Set(agency.name.clone()),
            body: Set("整改情况报告和主要负责人组织落实情况报告已逾期未报送，请立即报送并说明逾期原因。".to_owned()),
            created_by: Set(officers.get(&agency.id).copied().unwrap_or(story.office_user)),
            created_at: Set(at(due + chrono::Duration::days(2))),
            ..Default::default()
        });
    }
    for chunk in notes.chunks(200) {
        supervision_note::Entity::insert_many(chunk.to_vec()).exec(txn).await?;
    }

    // Each closed round's summary, circulated to its units' leaders.
    let rounds = round::Entity::find()
        .filter(round::Column::Status.eq(RoundStatus::Closed))
        .order_by_asc(round::Column::Id)
        .all(txn)
        .await?;
    let circulations: Vec<circulation::ActiveModel> = rounds
        .iter()
        .map(|r| circulation::ActiveModel {
            round_id: Set(r.id),
            body: Set(format!(
                "关于{}巡察整改情况的通报：各被巡察单位均已报送整改方案和整改情况报告，整改评估结果已纳入年度考核。",
                r.name
            )),
            circulated_by: Set(story.office_user),
            created_at: Set(at(r.ends_on + chrono::Duration::days(120).min(today - r.ends_on))),
            ..Default::default()
        })
        .collect();
    if !circulations.is_empty() {
        circulation::Entity::insert_many(circulations).exec(txn).await?;
    }
    Ok(())
}
