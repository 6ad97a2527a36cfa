//! The rules of rectification tasks: `ASSIGNED` → `IN_PROGRESS` → `SUBMITTED` → `CLOSED` (销号)
//! or `RETURNED` with a reason → `IN_PROGRESS` again (二次整改), the returns counted.

use chrono::NaiveDate;
use entities::{InspectionStatus, Role, TaskStatus, inspection, recommendation, rectification_task, round};
use sea_orm::{ActiveModelTrait, ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter, Set};

use crate::{
    error::{ServiceError, ServiceResult},
    gate::{Access, Action, RecordKind, log, narrowing},
    pagination::{self, Also, Ordering, Page, PageRequest, SortValue},
    validate,
};

/// Whether a task is past its deadline and not closed.
pub fn is_overdue(t: &rectification_task::Model, today: NaiveDate) -> bool {
    t.status != TaskStatus::Closed && t.deadline < today
}

/// Narrows the task list.
#[derive(Debug, Clone, Default)]
pub struct TaskFilter {
    /// Only this inspection's.
    pub inspection_id: Option<i32>,
    /// Only this unit's.
    pub unit_id: Option<i32>,
    /// Only this round's.
    pub round_id: Option<i32>,
    /// Only tasks in this state.
    pub status: Option<TaskStatus>,
    /// Only tasks in one of these states.
    pub statuses: Option<Vec<TaskStatus>>,
    /// Only overdue (true) or only not overdue (false) tasks.
    pub overdue: Option<bool>,
    /// Only tasks due on or before this day.
    pub deadline_before: Option<chrono::NaiveDate>,
    /// Only tasks due on or after this day.
    pub deadline_after: Option<chrono::NaiveDate>,
    /// Only tasks whose text holds this (ASCII letters in either case).
    pub search: Option<String>,
    /// Only long-term tasks (true) or only the others (false).
    pub long_term: Option<bool>,
}

/// How the task list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TaskOrder {
    /// Soonest deadline first.
    #[default]
    DeadlineAsc,
    /// Latest deadline first.
    DeadlineDesc,
    /// Newest first.
    CreatedAtDesc,
}

/// A page of the tasks the caller may see, soonest deadline first.
pub async fn list(
    db: &DatabaseConnection,
    access: &Access,
    filter: TaskFilter,
    order: TaskOrder,
    page: &PageRequest,
    also: &[&dyn Also],
) -> ServiceResult<Page<rectification_task::Model>> {
    let mut q = access.select::<rectification_task::Entity>(Action::Read)?;
    if let Some(v) = filter.inspection_id {
        q = q.filter(rectification_task::Column::InspectionId.eq(v));
    }
    if let Some(v) = filter.status {
        q = q.filter(rectification_task::Column::Status.eq(v));
    }
    if let Some(v) = filter.statuses {
        if v.is_empty() {
            return Err(ServiceError::bad_input("statuses", "name at least one state, or leave it out"));
        }
        q = q.filter(rectification_task::Column::Status.is_in(v));
    }
    if let Some(d) = filter.deadline_before {
        q = q.filter(rectification_task::Column::Deadline.lte(d));
    }
    if let Some(d) = filter.deadline_after {
        q = q.filter(rectification_task::Column::Deadline.gte(d));
    }
    if let Some(v) = filter.long_term {
        q = q.filter(rectification_task::Column::LongTerm.eq(v));
    }
    if let Some(s) = filter.search.filter(|s| !s.is_empty()) {
        q = q.filter(validate::contains(db.get_database_backend(), rectification_task::Column::Content, &s));
    }
    if filter.unit_id.is_some() || filter.round_id.is_some() {
        let mut inspections = Condition::all();
        if let Some(u) = filter.unit_id {
            inspections = inspections.add(inspection::Column::UnitId.eq(u));
        }
        if let Some(r) = filter.round_id {
            inspections = inspections.add(inspection::Column::RoundId.eq(r));
        }
        q = q.filter(
            rectification_task::Column::InspectionId
                .in_subquery(narrowing::<inspection::Entity>(inspection::Column::Id, inspections)),
        );
    }
    let overdue = Condition::all()
        .add(rectification_task::Column::Status.ne(TaskStatus::Closed))
        .add(rectification_task::Column::Deadline.lt(crate::clock::today()));
    match filter.overdue {
        Some(true) => q = q.filter(overdue),
        Some(false) => q = q.filter(overdue.not()),
        None => {}
    }
    let ordering = ordering(order);
    pagination::fetch_also(db, q, &ordering, page, also).await
}

/// A task as the office draws it up.
#[derive(Debug, Clone)]
pub struct NewTask {
    /// The released recommendation it answers.
    pub recommendation_id: i32,
    /// What the unit must do.
    pub content: String,
    /// Who at the unit answers for it.
    pub responsible_person: String,
    /// The deadline.
    pub deadline: NaiveDate,
    /// To be fixed at once (立行立改).
    pub fix_at_once: bool,
}

/// Puts a task on the unit's list, from a recommendation: the office, once the feedback is
/// released (beside the tasks of the unit's approved plan); the office or the team's leader, a
/// fix-at-once notice (立行立改) while the team is stationed, due before the round ends, which the
/// unit sees at once.
pub async fn create(
    db: &DatabaseConnection,
    access: &Access,
    new: NewTask,
) -> ServiceResult<rectification_task::Model> {
    access.permit::<rectification_task::Entity>(Action::Create)?;
    let today = crate::clock::today();
    let deadline = if new.deadline < today || new.deadline > today + chrono::Duration::days(3 * 366) {
        Err(ServiceError::bad_input("deadline", "must be from today to three years ahead"))
    } else {
        Ok(())
    };
    let (content, responsible, ()) = validate::all((
        validate::prose("content", &new.content, 5_000),
        validate::text("responsiblePerson", &new.responsible_person, 100),
        deadline,
    ))?;
    let by_office = access.acts_district_wide(RecordKind::RectificationTask, Action::Create);
    let txn = crate::store::begin(db).await?;
    let rec = access
        .find_over::<rectification_task::Entity, recommendation::Entity>(&txn, Action::Create, new.recommendation_id)
        .await?;
    let i = access
        .find_over::<rectification_task::Entity, inspection::Entity>(&txn, Action::Create, rec.inspection_id)
        .await?;
    let released = matches!(i.status, InspectionStatus::FeedbackGiven | InspectionStatus::Rectifying);
    if !(by_office && released) {
        // A fix-at-once notice while stationed: the office's, or the team's on its own inspection
        // (not one it only follows up).
        if i.status != InspectionStatus::Stationed || !(by_office || access.holds_in(Role::TeamLeader, i.team_id)) {
            return Err(ServiceError::InvalidTransition {
                kind: "inspection",
                action: if by_office { "add a rectification task to" } else { "issue a fix-at-once notice on" },
                from: i.status.name(),
            });
        }
        if !new.fix_at_once {
            return Err(ServiceError::bad_input(
                "fixAtOnce",
                "while the team is stationed, only fix-at-once notices (立行立改) are issued",
            ));
        }
        let ends_on = crate::gate::unscoped::<round::Entity>("the end of the round of an inspection in reach")
            .filter(round::Column::Id.eq(i.round_id))
            .one(&txn)
            .await?
            .map(|r| r.ends_on)
            .unwrap_or(today);
        if new.deadline > ends_on {
            return Err(ServiceError::bad_input(
                "deadline",
                format!("a fix-at-once notice is due before the team leaves: by {ends_on}"),
            ));
        }
    }
    let now = crate::clock::now();
    let created = rectification_task::ActiveModel {
        inspection_id: Set(i.id),
        recommendation_id: Set(rec.id),
        content: Set(content),
        responsible_person: Set(responsible),
        deadline: Set(new.deadline),
        fix_at_once: Set(new.fix_at_once),
        status: Set(TaskStatus::Assigned),
        return_count: Set(0),
        reopen_count: Set(0),
        long_term: Set(false),
        return_reason: Set(None),
        closed_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    log::record(&txn, access, RecordKind::RectificationTask, Action::Create, created.id).await?;
    txn.commit().await?;
    Ok(created)
}

/// A transition of a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskTransition {
    /// ASSIGNED, RETURNED or REOPENED → IN_PROGRESS (the unit).
    Start,
    /// IN_PROGRESS → SUBMITTED: the unit asks for verification.
    Submit,
    /// SUBMITTED → CLOSED: the office strikes it off (销号).
    Close,
    /// SUBMITTED → RETURNED with a reason (the office).
    Return,
}

/// Reopens a closed task (the leader of a follow-up inspection, 回头看, of the same unit, while it
/// is stationed): its rectification was false or incomplete. The task goes back to the unit as
/// `REOPENED`, with the reason, a new deadline and the follow-up inspection that reopened it.
pub async fn reopen(
    db: &DatabaseConnection,
    access: &Access,
    id: i32,
    follow_up_id: i32,
    reason: &str,
    deadline: NaiveDate,
    expected_version: Option<i32>,
) -> ServiceResult<rectification_task::Model> {
    access.permit::<rectification_task::Entity>(Action::Reopen)?;
    let today = crate::clock::today();
    let in_time = if deadline < today || deadline > today + chrono::Duration::days(3 * 366) {
        Err(ServiceError::bad_input("deadline", "must be from today to three years ahead"))
    } else {
        Ok(())
    };
    let (reason, ()) = validate::all((validate::prose("reason", reason, 2_000), in_time))?;
    let txn = crate::store::begin(db).await?;
    let current = access.find_locked::<rectification_task::Entity>(&txn, Action::Reopen, id).await?;
    validate::version(expected_version, current.version)?;
    let follow_up =
        access.find_over::<rectification_task::Entity, inspection::Entity>(&txn, Action::Reopen, follow_up_id).await?;
    if follow_up.follows_inspection_id != Some(current.inspection_id)
        || !access.holds_in(Role::TeamLeader, follow_up.team_id)
    {
        return Err(ServiceError::bad_input("followUpInspectionId", "is not your follow-up of this task's inspection"));
    }
    if follow_up.status != InspectionStatus::Stationed {
        return Err(ServiceError::InvalidTransition {
            kind: "inspection",
            action: "reopen a task from",
            from: follow_up.status.name(),
        });
    }
    if current.status != TaskStatus::Closed {
        return Err(ServiceError::InvalidTransition {
            kind: "rectification task",
            action: "reopen",
            from: current.status.name(),
        });
    }
    let now = crate::clock::now();
    let mut row: rectification_task::ActiveModel = current.clone().into();
    row.status = Set(TaskStatus::Reopened);
    row.deadline = Set(deadline);
    row.closed_at = Set(None);
    row.reopen_count = Set(current.reopen_count + 1);
    row.reopen_reason = Set(Some(reason));
    row.reopened_at = Set(Some(now));
    row.reopened_by_inspection_id = Set(Some(follow_up.id));
    row.updated_at = Set(now);
    row.version = Set(current.version + 1);
    let updated = rectification_task::Entity::update_many()
        .set(row)
        .filter(rectification_task::Column::Id.eq(id))
        .filter(rectification_task::Column::Version.eq(current.version))
        .exec_with_returning(&txn)
        .await?
        .pop()
        .ok_or_else(|| ServiceError::conflict("the task changed under you; reload and try again"))?;
    log::record(&txn, access, RecordKind::RectificationTask, Action::Reopen, id).await?;
    txn.commit().await?;
    Ok(updated)
}

/// What a transition is: the policy's action, the verb its refusal says, the states it starts
/// from, and the state it ends in.
struct Rule {
    action: Action,
    verb: &'static str,
    from: &'static [TaskStatus],
    to: TaskStatus,
}

fn rule(t: TaskTransition) -> Rule {
    let (action, verb, from, to): (Action, &str, &'static [TaskStatus], TaskStatus) = match t {
        TaskTransition::Start => (
            Action::Start,
            "start",
            &[TaskStatus::Assigned, TaskStatus::Returned, TaskStatus::Reopened],
            TaskStatus::InProgress,
        ),
        TaskTransition::Submit => (Action::Submit, "submit", &[TaskStatus::InProgress], TaskStatus::Submitted),
        TaskTransition::Close => (Action::Close, "close", &[TaskStatus::Submitted], TaskStatus::Closed),
        TaskTransition::Return => (Action::Return, "return", &[TaskStatus::Submitted], TaskStatus::Returned),
    };
    Rule { action, verb, from, to }
}

/// The transitions the caller may take on task `t` now, by the rules `transition` applies: the
/// policy allows one of its roles the action, and the task is in a state it starts from. (The
/// roles that move tasks reach for each action the tasks they read.)
pub fn available(access: &Access, t: &rectification_task::Model) -> Vec<TaskTransition> {
    [TaskTransition::Start, TaskTransition::Submit, TaskTransition::Close, TaskTransition::Return]
        .into_iter()
        .filter(|tr| {
            let r = rule(*tr);
            r.from.contains(&t.status) && access.permit::<rectification_task::Entity>(r.action).is_ok()
        })
        .collect()
}

/// Moves a task; from any other state, `INVALID_TRANSITION`. Two concurrent moves of one task
/// end with one of them; the other gets `CONFLICT`.
pub async fn transition(
    db: &DatabaseConnection,
    access: &Access,
    id: i32,
    t: TaskTransition,
    reason: Option<String>,
    expected_version: Option<i32>,
) -> ServiceResult<rectification_task::Model> {
    let Rule { action, verb, from, to } = rule(t);
    access.permit::<rectification_task::Entity>(action)?;
    let reason = match t {
        TaskTransition::Return => Some(validate::prose("reason", reason.as_deref().unwrap_or(""), 2_000)?),
        _ => None,
    };
    let txn = crate::store::begin(db).await?;
    let current = access.find::<rectification_task::Entity>(&txn, action, id).await?;
    validate::version(expected_version, current.version)?;
    if !from.contains(&current.status) {
        return Err(ServiceError::InvalidTransition {
            kind: "rectification task",
            action: verb,
            from: current.status.name(),
        });
    }
    let now = crate::clock::now();
    let mut row: rectification_task::ActiveModel = current.clone().into();
    row.status = Set(to);
    if let Some(r) = reason {
        row.return_reason = Set(Some(r));
        row.return_count = Set(current.return_count + 1);
    }
    if to == TaskStatus::Closed {
        row.closed_at = Set(Some(now));
    }
    row.updated_at = Set(now);
    row.version = Set(current.version + 1);
    let updated = rectification_task::Entity::update_many()
        .set(row)
        .filter(rectification_task::Column::Id.eq(id))
        .filter(rectification_task::Column::Version.eq(current.version))
        .exec_with_returning(&txn)
        .await?
        .pop()
        .ok_or_else(|| ServiceError::conflict("the task changed under you; reload and try again"))?;
    log::record(&txn, access, RecordKind::RectificationTask, action, id).await?;
    txn.commit().await?;
    Ok(updated)
}

/// The orders of the list.
pub fn ordering(order: TaskOrder) -> Ordering<rectification_task::Entity> {
    match order {
        TaskOrder::DeadlineAsc => Ordering::<rectification_task::Entity> {
            name: "deadline",
            column: rectification_task::Column::Deadline,
            order: sea_orm::Order::Asc,
            value: |m| SortValue::Date(m.deadline),
            id_column: rectification_task::Column::Id,
            id: |m| m.id,
        },
        TaskOrder::DeadlineDesc => Ordering::<rectification_task::Entity> {
            name: "deadline_desc",
            column: rectification_task::Column::Deadline,
            order: sea_orm::Order::Desc,
            value: |m| SortValue::Date(m.deadline),
            id_column: rectification_task::Column::Id,
            id: |m| m.id,
        },
        TaskOrder::CreatedAtDesc => Ordering::<rectification_task::Entity> {
            name: "created_desc",
            column: rectification_task::Column::Id,
            order: sea_orm::Order::Desc,
            value: |m| SortValue::Int(m.id.into()),
            id_column: rectification_task::Column::Id,
            id: |m| m.id,
        },
    }
}
