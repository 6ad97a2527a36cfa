//! The rules of rectification plans: `DRAFTING` → `SUBMITTED` (the unit, every carried
//! recommendation and finding answered by a line) → `APPROVED` (the office: the lines become
//! tasks) or `RETURNED` with comments → `SUBMITTED` again. Each submission is kept as a version.

use chrono::NaiveDate;
use entities::{
    InspectionStatus, PlanStatus, RectificationGrade, RectificationReportKind, RectificationReportStatus, TaskStatus,
    finding, inspection, recommendation, recommendation_finding, rectification_plan, rectification_plan_item,
    rectification_plan_version, rectification_report, rectification_task,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};

use crate::{
    config::RectificationPeriods,
    error::{ServiceError, ServiceResult},
    gate::{Access, Action, RecordKind, log, narrowing, unscoped},
    graphql::id,
    pagination::{self, Ordering, Page, PageRequest},
    validate,
};

/// Whether a plan is past its day and not yet submitted or approved.
pub fn is_overdue(p: &rectification_plan::Model, today: NaiveDate) -> bool {
    matches!(p.status, PlanStatus::Drafting | PlanStatus::Returned) && p.due_on < today
}

/// Opens the unit's plan when its feedback is released on `released_on`: `DRAFTING`, due after the
/// district's period.
pub async fn open(
    txn: &impl ConnectionTrait,
    inspection_id: i32,
    released_on: NaiveDate,
    periods: RectificationPeriods,
) -> ServiceResult<rectification_plan::Model> {
    let now = crate::clock::now();
    Ok(rectification_plan::ActiveModel {
        inspection_id: Set(inspection_id),
        status: Set(PlanStatus::Drafting),
        summary: Set(String::new()),
        due_on: Set(released_on + chrono::Duration::days(i64::from(periods.plan_days))),
        submission_count: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    }
    .insert(txn)
    .await?)
}

/// Narrows the plan list.
#[derive(Debug, Clone, Default)]
pub struct PlanFilter {
    /// Only this inspection's.
    pub inspection_id: Option<i32>,
    /// Only this unit's.
    pub unit_id: Option<i32>,
    /// Only this round's.
    pub round_id: Option<i32>,
    /// Only plans in one of these states.
    pub statuses: Option<Vec<PlanStatus>>,
    /// Only overdue (true) or only not overdue (false) plans.
    pub overdue: Option<bool>,
}

/// `inspection_id IN (the inspections of this unit and round)`, for the lists of the rectification.
pub fn of_unit_and_round(column: impl ColumnTrait, unit_id: Option<i32>, round_id: Option<i32>) -> Option<Condition> {
    if unit_id.is_none() && round_id.is_none() {
        return None;
    }
    let mut c = Condition::all();
    if let Some(u) = unit_id {
        c = c.add(inspection::Column::UnitId.eq(u));
    }
    if let Some(r) = round_id {
        c = c.add(inspection::Column::RoundId.eq(r));
    }
    Some(Condition::all().add(column.in_subquery(narrowing::<inspection::Entity>(inspection::Column::Id, c))))
}

/// The orders of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanOrder {
    /// Due soonest first.
    DueOnAsc,
    /// Due latest first.
    DueOnDesc,
    /// Last changed first.
    UpdatedAtDesc,
}

/// How the list is sorted in `order` (ties broken by the id, so the cursor is stable).
pub fn ordering(order: PlanOrder) -> Ordering<rectification_plan::Entity> {
    match order {
        PlanOrder::DueOnAsc => crate::ordered_by!(rectification_plan, "due_on", DueOn, due_on, Asc),
        PlanOrder::DueOnDesc => crate::ordered_by!(rectification_plan, "due_on_desc", DueOn, due_on, Desc),
        PlanOrder::UpdatedAtDesc => crate::ordered_by!(rectification_plan, "updated_desc", UpdatedAt, updated_at, Desc),
    }
}

/// A page of the plans the caller may see, soonest due first.
pub async fn list(
    db: &DatabaseConnection,
    access: &Access,
    filter: PlanFilter,
    order: PlanOrder,
    page: &PageRequest,
) -> ServiceResult<Page<rectification_plan::Model>> {
    let mut q = access.select::<rectification_plan::Entity>(Action::Read)?;
    if let Some(i) = filter.inspection_id {
        q = q.filter(rectification_plan::Column::InspectionId.eq(i));
    }
    if let Some(c) = of_unit_and_round(rectification_plan::Column::InspectionId, filter.unit_id, filter.round_id) {
        q = q.filter(c);
    }
    if let Some(v) = filter.statuses {
        if v.is_empty() {
            return Err(ServiceError::bad_input("filter.statuses", "name at least one state, or leave it out"));
        }
        q = q.filter(rectification_plan::Column::Status.is_in(v));
    }
    let overdue = Condition::all()
        .add(rectification_plan::Column::Status.is_in([PlanStatus::Drafting, PlanStatus::Returned]))
        .add(rectification_plan::Column::DueOn.lt(crate::clock::today()));
    match filter.overdue {
        Some(true) => q = q.filter(overdue),
        Some(false) => q = q.filter(overdue.not()),
        None => {}
    }
    pagination::fetch(db, q, &ordering(order), page).await
}

/// `INVALID_TRANSITION` unless the plan is the unit's to write (`DRAFTING` or `RETURNED`).
fn check_writable(plan: &rectification_plan::Model, verb: &'static str) -> ServiceResult<()> {
    match plan.status {
        PlanStatus::Drafting | PlanStatus::Returned => Ok(()),
        other => Err(ServiceError::InvalidTransition { kind: "rectification plan", action: verb, from: other.name() }),
    }
}

/// `INVALID_TRANSITION` once the inspection is closed: the unit's plan and reports are final then.
pub async fn check_open(txn: &impl ConnectionTrait, inspection_id: i32, verb: &'static str) -> ServiceResult<()> {
    let status: Option<InspectionStatus> =
        unscoped::<inspection::Entity>("the state of the inspection of a record in reach")
            .select_only()
            .column(inspection::Column::Status)
            .filter(inspection::Column::Id.eq(inspection_id))
            .into_tuple()
            .one(txn)
            .await?;
    match status {
        Some(InspectionStatus::Closed) => Err(ServiceError::InvalidTransition {
            kind: "inspection",
            action: verb,
            from: InspectionStatus::Closed.name(),
        }),
        _ => Ok(()),
    }
}

/// Bumps the plan's version and stamp inside `txn`, checking no one moved it meanwhile.
async fn touch(
    txn: &impl ConnectionTrait,
    plan: &rectification_plan::Model,
    change: impl FnOnce(&mut rectification_plan::ActiveModel),
) -> ServiceResult<rectification_plan::Model> {
    let mut row: rectification_plan::ActiveModel = plan.clone().into();
    change(&mut row);
    row.updated_at = Set(crate::clock::now());
    row.version = Set(plan.version + 1);
    rectification_plan::Entity::update_many()
        .set(row)
        .filter(rectification_plan::Column::Id.eq(plan.id))
        .filter(rectification_plan::Column::Version.eq(plan.version))
        .exec_with_returning(txn)
        .await?
        .pop()
        .ok_or_else(|| ServiceError::conflict("the plan changed under you; reload and try again"))
}

/// Writes the plan's summary (the unit, while drafting or returned).
pub async fn update(
    db: &DatabaseConnection,
    access: &Access,
    id: i32,
    summary: &str,
    expected_version: Option<i32>,
) -> ServiceResult<rectification_plan::Model> {
    access.permit::<rectification_plan::Entity>(Action::Update)?;
    let summary = validate::prose("summary", summary, 20_000)?;
    let txn = crate::store::begin(db).await?;
    let plan = access.find_locked::<rectification_plan::Entity>(&txn, Action::Update, id).await?;
    validate::version(expected_version, plan.version)?;
    check_writable(&plan, "write")?;
    check_open(&txn, plan.inspection_id, "write the rectification plan of").await?;
    let updated = touch(&txn, &plan, |row| row.summary = Set(summary)).await?;
    log::record(&txn, access, RecordKind::RectificationPlan, Action::Update, id).await?;
    txn.commit().await?;
    Ok(updated)
}

/// A plan line as the unit writes it.
#[derive(Debug, Clone)]
pub struct Line {
    /// The carried recommendation it answers.
    pub recommendation_id: i32,
    /// The carried finding it answers, if any.
    pub finding_id: Option<i32>,
    /// The problem.
    pub problem: String,
    /// The task.
    pub content: String,
    /// The measures.
    pub measures: String,
    /// The responsible leader.
    pub responsible_leader: String,
    /// The responsible person.
    pub responsible_person: String,
    /// The deadline.
    pub deadline: NaiveDate,
    /// A long-term task.
    pub long_term: bool,
}

/// The checked texts of a line, and its recommendation and finding checked to be of `inspection_id`
/// and in the caller's reach (the carried ones, for the unit).
async fn checked(
    txn: &impl ConnectionTrait,
    access: &Access,
    inspection_id: i32,
    line: Line,
) -> ServiceResult<rectification_plan_item::ActiveModel> {
    let problem = validate::prose("problem", &line.problem, 5_000)?;
    let content = validate::prose("content", &line.content, 5_000)?;
    let measures = validate::prose("measures", &line.measures, 10_000)?;
    let leader = validate::text("responsibleLeader", &line.responsible_leader, 100)?;
    let person = validate::text("responsiblePerson", &line.responsible_person, 100)?;
    let today = crate::clock::today();
    if line.deadline < today || line.deadline > today + chrono::Duration::days(3 * 366) {
        return Err(ServiceError::bad_input("deadline", "must be from today to three years ahead"));
    }
    let rec = access.find::<recommendation::Entity>(txn, Action::Read, line.recommendation_id).await?;
    if rec.inspection_id != inspection_id {
        return Err(ServiceError::bad_input("recommendationId", "is not a recommendation of this plan's feedback"));
    }
    if let Some(f) = line.finding_id {
        let finding = access.find::<finding::Entity>(txn, Action::Read, f).await?;
        if finding.inspection_id != inspection_id || !finding.include_in_feedback {
            return Err(ServiceError::bad_input("findingId", "is not a finding this plan's feedback carries"));
        }
    }
    Ok(rectification_plan_item::ActiveModel {
        inspection_id: Set(inspection_id),
        finding_id: Set(line.finding_id),
        recommendation_id: Set(line.recommendation_id),
        problem: Set(problem),
        content: Set(content),
        measures: Set(measures),
        responsible_leader: Set(leader),
        responsible_person: Set(person),
        deadline: Set(line.deadline),
        long_term: Set(line.long_term),
        ..Default::default()
    })
}

/// Adds a line to a plan (the unit, while drafting or returned).
pub async fn add_item(
    db: &DatabaseConnection,
    access: &Access,
    plan_id: i32,
    line: Line,
) -> ServiceResult<rectification_plan_item::Model> {
    access.permit::<rectification_plan_item::Entity>(Action::Create)?;
    let txn = crate::store::begin(db).await?;
    let plan = access
        .find_over::<rectification_plan_item::Entity, rectification_plan::Entity>(&txn, Action::Create, plan_id)
        .await?;
    check_writable(&plan, "add a line to")?;
    check_open(&txn, plan.inspection_id, "write the rectification plan of").await?;
    let mut row = checked(&txn, access, plan.inspection_id, line).await?;
    let now = crate::clock::now();
    row.plan_id = Set(plan.id);
    row.created_at = Set(now);
    row.updated_at = Set(now);
    row.version = Set(1);
    let created = row.insert(&txn).await?;
    touch(&txn, &plan, |_| {}).await?;
    log::record(&txn, access, RecordKind::RectificationPlanItem, Action::Create, created.id).await?;
    txn.commit().await?;
    Ok(created)
}

/// Rewrites a line of a plan (the unit, while drafting or returned).
pub async fn update_item(
    db: &DatabaseConnection,
    access: &Access,
    id: i32,
    line: Line,
    expected_version: Option<i32>,
) -> ServiceResult<rectification_plan_item::Model> {
    access.permit::<rectification_plan_item::Entity>(Action::Update)?;
    let txn = crate::store::begin(db).await?;
    let current = access.find_locked::<rectification_plan_item::Entity>(&txn, Action::Update, id).await?;
    validate::version(expected_version, current.version)?;
    let plan = plan_of(&txn, current.plan_id).await?;
    check_writable(&plan, "change a line of")?;
    check_open(&txn, plan.inspection_id, "write the rectification plan of").await?;
    let mut row = checked(&txn, access, plan.inspection_id, line).await?;
    row.id = sea_orm::ActiveValue::Unchanged(id);
    row.updated_at = Set(crate::clock::now());
    row.version = Set(current.version + 1);
    let updated = row.update(&txn).await?;
    touch(&txn, &plan, |_| {}).await?;
    log::record(&txn, access, RecordKind::RectificationPlanItem, Action::Update, id).await?;
    txn.commit().await?;
    Ok(updated)
}

/// Removes a line from a plan (the unit, while drafting or returned); the versions already
/// submitted keep it.
pub async fn remove_item(db: &DatabaseConnection, access: &Access, id: i32) -> ServiceResult<i32> {
    access.permit::<rectification_plan_item::Entity>(Action::Delete)?;
    let txn = crate::store::begin(db).await?;
    let current = access.find_locked::<rectification_plan_item::Entity>(&txn, Action::Delete, id).await?;
    let plan = plan_of(&txn, current.plan_id).await?;
    check_writable(&plan, "remove a line of")?;
    check_open(&txn, plan.inspection_id, "write the rectification plan of").await?;
    rectification_plan_item::Entity::delete_by_id(id).exec(&txn).await?;
    touch(&txn, &plan, |_| {}).await?;
    log::record(&txn, access, RecordKind::RectificationPlanItem, Action::Delete, id).await?;
    txn.commit().await?;
    Ok(id)
}

/// The plan of a line in reach, locked.
async fn plan_of(txn: &impl ConnectionTrait, plan_id: i32) -> ServiceResult<rectification_plan::Model> {
    unscoped::<rectification_plan::Entity>("the plan of a line in reach")
        .filter(rectification_plan::Column::Id.eq(plan_id))
        .lock_exclusive()
        .one(txn)
        .await?
        .ok_or(ServiceError::NotFound("rectification plan"))
}

/// The lines of a plan, in order.
async fn lines(txn: &impl ConnectionTrait, plan_id: i32) -> ServiceResult<Vec<rectification_plan_item::Model>> {
    Ok(unscoped::<rectification_plan_item::Entity>("the lines of a plan in reach")
        .filter(rectification_plan_item::Column::PlanId.eq(plan_id))
        .order_by_asc(rectification_plan_item::Column::Id)
        .all(txn)
        .await?)
}

/// What the feedback of `inspection_id` carries that no line answers: the recommendations and the
/// findings, as global ids.
async fn uncovered(
    txn: &impl ConnectionTrait,
    inspection_id: i32,
    lines: &[rectification_plan_item::Model],
) -> ServiceResult<Vec<String>> {
    let carried = Condition::all()
        .add(finding::Column::InspectionId.eq(inspection_id))
        .add(finding::Column::IncludeInFeedback.eq(true));
    let findings: Vec<i32> = unscoped::<finding::Entity>("the coverage rule reads what the feedback carries")
        .select_only()
        .column(finding::Column::Id)
        .filter(carried.clone())
        .order_by_asc(finding::Column::Id)
        .into_tuple()
        .all(txn)
        .await?;
    let recommendations: Vec<i32> =
        unscoped::<recommendation::Entity>("the coverage rule reads what the feedback carries")
            .select_only()
            .column(recommendation::Column::Id)
            .filter(recommendation::Column::InspectionId.eq(inspection_id))
            .filter(
                recommendation::Column::Id.in_subquery(narrowing::<recommendation_finding::Entity>(
                    recommendation_finding::Column::RecommendationId,
                    recommendation_finding::Column::FindingId
                        .in_subquery(narrowing::<finding::Entity>(finding::Column::Id, carried)),
                )),
            )
            .order_by_asc(recommendation::Column::Id)
            .into_tuple()
            .all(txn)
            .await?;
    let mut missing: Vec<String> = recommendations
        .into_iter()
        .filter(|r| !lines.iter().any(|l| l.recommendation_id == *r))
        .map(|r| id::encode(RecordKind::Recommendation, r).to_string())
        .collect();
    missing.extend(
        findings
            .into_iter()
            .filter(|f| !lines.iter().any(|l| l.finding_id == Some(*f)))
            .map(|f| id::encode(RecordKind::Finding, f).to_string()),
    );
    Ok(missing)
}

/// What may be done next with a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanTransition {
    /// Write its summary and lines (`updateRectificationPlan`, `…RectificationPlanItem`).
    Write,
    /// Submit it (`submitRectificationPlan`).
    Submit,
    /// Approve it (`approveRectificationPlan`).
    Approve,
    /// Return it (`returnRectificationPlan`).
    Return,
}

/// The transitions the caller may take on plan `p` now, by the rules the mutations apply: the
/// policy, the state and, to submit, a summary and every carried recommendation and finding
/// answered (read only when the rest allows it: for the unit, one statement per plan).
pub async fn available(
    db: &DatabaseConnection,
    access: &Access,
    p: &rectification_plan::Model,
) -> ServiceResult<Vec<PlanTransition>> {
    let may = |action: Action| access.permit::<rectification_plan::Entity>(action).is_ok();
    let writable = check_writable(p, "write").is_ok()
        && (may(Action::Update) || may(Action::Submit))
        && check_open(db, p.inspection_id, "write the rectification plan of").await.is_ok();
    let submitted = p.status == PlanStatus::Submitted;
    let mut next = Vec::new();
    if writable && may(Action::Update) {
        next.push(PlanTransition::Write);
    }
    if writable && may(Action::Submit) && !p.summary.trim().is_empty() {
        let lines = lines(db, p.id).await?;
        if uncovered(db, p.inspection_id, &lines).await?.is_empty() {
            next.push(PlanTransition::Submit);
        }
    }
    if submitted && may(Action::Approve) {
        next.push(PlanTransition::Approve);
    }
    if submitted && may(Action::Return) {
        next.push(PlanTransition::Return);
    }
    Ok(next)
}

/// Submits the plan to the office (the unit): refused, naming what is uncovered, unless every
/// recommendation and every finding the feedback carries is answered by a line; the submission is
/// kept as a version.
pub async fn submit(
    db: &DatabaseConnection,
    access: &Access,
    id: i32,
    expected_version: Option<i32>,
) -> ServiceResult<rectification_plan::Model> {
    access.permit::<rectification_plan::Entity>(Action::Submit)?;
    let txn = crate::store::begin(db).await?;
    let plan = access.find_locked::<rectification_plan::Entity>(&txn, Action::Submit, id).await?;
    validate::version(expected_version, plan.version)?;
    check_writable(&plan, "submit")?;
    check_open(&txn, plan.inspection_id, "submit the rectification plan of").await?;
    if plan.summary.trim().is_empty() {
        return Err(ServiceError::Unmet {
            kind: "rectification plan",
            action: "submit",
            missing: "the plan has no summary (updateRectificationPlan)".into(),
        });
    }
    let lines = lines(&txn, id).await?;
    let missing = uncovered(&txn, plan.inspection_id, &lines).await?;
    if !missing.is_empty() {
        return Err(ServiceError::Unmet {
            kind: "rectification plan",
            action: "submit",
            missing: format!("no line answers {}", missing.join(", ")),
        });
    }
    let now = crate::clock::now();
    let number = plan.submission_count + 1;
    rectification_plan_version::ActiveModel {
        plan_id: Set(id),
        inspection_id: Set(plan.inspection_id),
        number: Set(number),
        summary: Set(plan.summary.clone()),
        items: Set(serde_json::to_string(&lines).map_err(|e| ServiceError::Internal(e.into()))?),
        submitted_at: Set(now),
        submitted_by: Set(access.principal()?.user_id),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let updated = touch(&txn, &plan, |row| {
        row.status = Set(PlanStatus::Submitted);
        row.submitted_at = Set(Some(now));
        row.submission_count = Set(number);
    })
    .await?;
    log::record(&txn, access, RecordKind::RectificationPlan, Action::Submit, id).await?;
    txn.commit().await?;
    Ok(updated)
}

/// The office's answer to a submitted plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// Approved: its lines become the unit's tasks.
    Approve,
    /// Returned with comments.
    Return,
}

/// Approves a submitted plan, its lines becoming the unit's rectification tasks (`ASSIGNED`), or
/// returns it with comments (the office).
pub async fn answer(
    db: &DatabaseConnection,
    access: &Access,
    id: i32,
    answer: Answer,
    comment: Option<String>,
    expected_version: Option<i32>,
) -> ServiceResult<rectification_plan::Model> {
    let (action, verb, to) = match answer {
        Answer::Approve => (Action::Approve, "approve", PlanStatus::Approved),
        Answer::Return => (Action::Return, "return", PlanStatus::Returned),
    };
    access.permit::<rectification_plan::Entity>(action)?;
    let comment = match (answer, comment.as_deref().map(str::trim).filter(|c| !c.is_empty())) {
        (Answer::Return, None) => return Err(ServiceError::bad_input("comment", "say what the unit must revise")),
        (_, Some(c)) => Some(validate::prose("comment", c, 5_000)?),
        (_, None) => None,
    };
    let txn = crate::store::begin(db).await?;
    let plan = access.find_locked::<rectification_plan::Entity>(&txn, action, id).await?;
    validate::version(expected_version, plan.version)?;
    if plan.status != PlanStatus::Submitted {
        return Err(ServiceError::InvalidTransition {
            kind: "rectification plan",
            action: verb,
            from: plan.status.name(),
        });
    }
    let now = crate::clock::now();
    if answer == Answer::Approve {
        let i = unscoped::<inspection::Entity>("the inspection of a plan in reach")
            .filter(inspection::Column::Id.eq(plan.inspection_id))
            .one(&txn)
            .await?
            .ok_or(ServiceError::NotFound("inspection"))?;
        if i.status == InspectionStatus::Closed {
            return Err(ServiceError::InvalidTransition {
                kind: "inspection",
                action: "approve the rectification plan of",
                from: i.status.name(),
            });
        }
        let mut created = Vec::new();
        for line in lines(&txn, id).await? {
            let task = rectification_task::ActiveModel {
                inspection_id: Set(plan.inspection_id),
                recommendation_id: Set(line.recommendation_id),
                content: Set(line.content.clone()),
                responsible_person: Set(line.responsible_person.clone()),
                responsible_leader: Set(Some(line.responsible_leader.clone())),
                measures: Set(Some(line.measures.clone())),
                deadline: Set(line.deadline),
                long_term: Set(line.long_term),
                fix_at_once: Set(false),
                status: Set(TaskStatus::Assigned),
                return_count: Set(0),
                reopen_count: Set(0),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            let mut row: rectification_plan_item::ActiveModel = line.into();
            row.task_id = Set(Some(task.id));
            row.update(&txn).await?;
            created.push(task.id);
        }
        log::record_many(&txn, access, RecordKind::RectificationTask, Action::Create, &created).await?;
    }
    rectification_plan_version::Entity::update_many()
        .col_expr(rectification_plan_version::Column::Outcome, sea_orm::sea_query::Expr::value(to))
        .col_expr(rectification_plan_version::Column::Comment, sea_orm::sea_query::Expr::value(comment.clone()))
        .col_expr(rectification_plan_version::Column::DecidedAt, sea_orm::sea_query::Expr::value(now))
        .filter(rectification_plan_version::Column::PlanId.eq(id))
        .filter(rectification_plan_version::Column::Number.eq(plan.submission_count))
        .exec(&txn)
        .await?;
    let updated = touch(&txn, &plan, |row| {
        row.status = Set(to);
        row.office_comment = Set(comment);
        if to == PlanStatus::Approved {
            row.approved_at = Set(Some(now));
        }
    })
    .await?;
    log::record(&txn, access, RecordKind::RectificationPlan, action, id).await?;
    txn.commit().await?;
    Ok(updated)
}

/// Evaluates a unit's rectification (整改评估, the office) once it is done: the plan approved, both
/// two-month reports accepted, every task but the long-term ones closed. Once per plan.
pub async fn evaluate(
    db: &DatabaseConnection,
    access: &Access,
    id: i32,
    grade: RectificationGrade,
    reasons: &str,
    expected_version: Option<i32>,
) -> ServiceResult<rectification_plan::Model> {
    access.permit::<rectification_plan::Entity>(Action::Evaluate)?;
    let reasons = validate::prose("reasons", reasons, 5_000)?;
    let txn = crate::store::begin(db).await?;
    let plan = access.find_locked::<rectification_plan::Entity>(&txn, Action::Evaluate, id).await?;
    validate::version(expected_version, plan.version)?;
    if plan.grade.is_some() {
        return Err(ServiceError::InvalidTransition {
            kind: "rectification plan",
            action: "evaluate",
            from: "EVALUATED",
        });
    }
    let mut missing = Vec::new();
    if plan.status != PlanStatus::Approved {
        missing.push("the plan is not approved".to_owned());
    }
    let reports: Vec<rectification_report::Model> =
        unscoped::<rectification_report::Entity>("the reports of a plan in reach")
            .filter(rectification_report::Column::InspectionId.eq(plan.inspection_id))
            .all(&txn)
            .await?;
    for kind in [RectificationReportKind::Rectification, RectificationReportKind::Principal] {
        if !reports.iter().any(|r| r.kind == kind && r.status == RectificationReportStatus::Accepted) {
            missing.push(format!("the {} report is not accepted", kind.name()));
        }
    }
    let open = unscoped::<rectification_task::Entity>("the tasks of a plan in reach")
        .filter(rectification_task::Column::InspectionId.eq(plan.inspection_id))
        .filter(rectification_task::Column::Status.ne(TaskStatus::Closed))
        .filter(rectification_task::Column::LongTerm.eq(false))
        .count(&txn)
        .await?;
    if open > 0 {
        missing.push(format!("{open} task(s) other than long-term ones are not closed"));
    }
    if !missing.is_empty() {
        return Err(ServiceError::Unmet { kind: "rectification", action: "evaluate", missing: missing.join("; ") });
    }
    let now = crate::clock::now();
    let updated = touch(&txn, &plan, |row| {
        row.grade = Set(Some(grade));
        row.evaluation_reasons = Set(Some(reasons));
        row.evaluated_at = Set(Some(now));
    })
    .await?;
    log::record(&txn, access, RecordKind::RectificationPlan, Action::Evaluate, id).await?;
    txn.commit().await?;
    Ok(updated)
}
