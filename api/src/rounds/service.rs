//! The rules of rounds: the lifecycle, and the plan that is fixed once approved.

use chrono::NaiveDate;
use entities::{InspectionStatus, RoundReportStatus, RoundStatus, clue, inspection, round, round_report};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Set,
    sea_query::{Expr, ExprTrait},
};

use crate::{
    error::{ServiceError, ServiceResult, conflict_on_unique},
    gate::{Access, Action, RecordKind, narrowing, unscoped},
    graphql::offers::{Offer, always},
    pagination::{self, Ordering, Page, PageRequest, SortValue},
    terms::service::term_for_round,
    validate,
};

/// Narrows the round list.
#[derive(Debug, Clone, Default)]
pub struct RoundFilter {
    /// Only rounds in this state.
    pub status: Option<RoundStatus>,
    /// Only this term's.
    pub term_id: Option<i32>,
}

/// How the round list can be ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoundOrder {
    /// Earliest first.
    StartsOnAsc,
    /// Latest first.
    StartsOnDesc,
}

/// A page of the rounds the caller may see.
pub async fn list_rounds(
    db: &DatabaseConnection,
    access: &Access,
    filter: RoundFilter,
    order: RoundOrder,
    page: &PageRequest,
) -> ServiceResult<Page<round::Model>> {
    let mut q = access.select::<round::Entity>(Action::Read)?;
    if let Some(s) = filter.status {
        q = q.filter(round::Column::Status.eq(s));
    }
    if let Some(t) = filter.term_id {
        q = q.filter(round::Column::TermId.eq(t));
    }
    let (name, order) = match order {
        RoundOrder::StartsOnAsc => ("starts_asc", sea_orm::Order::Asc),
        RoundOrder::StartsOnDesc => ("starts_desc", sea_orm::Order::Desc),
    };
    let ordering = Ordering::<round::Entity> {
        name,
        column: round::Column::StartsOn,
        order,
        value: |m| SortValue::Date(m.starts_on),
        id_column: round::Column::Id,
        id: |m| m.id,
    };
    pagination::fetch(db, q, &ordering, page).await
}

fn check_dates(starts_on: NaiveDate, ends_on: NaiveDate) -> ServiceResult<()> {
    validate::period(starts_on, ends_on)?;
    if (ends_on - starts_on).num_days() > 366 {
        return Err(ServiceError::bad_input("endsOn", "a round lasts at most a year"));
    }
    Ok(())
}

/// Plans a round (office).
pub async fn create_round(
    db: &DatabaseConnection,
    access: &Access,
    name: &str,
    starts_on: NaiveDate,
    ends_on: NaiveDate,
    term_id: Option<i32>,
) -> ServiceResult<round::Model> {
    access.permit::<round::Entity>(Action::Create)?;
    let name = validate::text("name", name, 200)?;
    check_dates(starts_on, ends_on)?;
    let now = crate::clock::now();
    let txn = crate::store::begin(db).await?;
    let term = term_for_round(&txn, access, term_id, starts_on, ends_on).await?;
    let created = round::ActiveModel {
        name: Set(name),
        starts_on: Set(starts_on),
        ends_on: Set(ends_on),
        term_id: Set(Some(term.id)),
        started_on: Set(None),
        status: Set(RoundStatus::Planned),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|e| conflict_on_unique(e, "name", "is taken"))?;
    crate::gate::log::record(&txn, access, RecordKind::Round, Action::Create, created.id).await?;
    txn.commit().await?;
    Ok(created)
}

/// Changes a planned round's name or dates (office). Once approved, the plan is fixed.
pub async fn update_round(
    db: &DatabaseConnection,
    access: &Access,
    id: i32,
    name: Option<String>,
    starts_on: Option<NaiveDate>,
    ends_on: Option<NaiveDate>,
    expected_version: Option<i32>,
) -> ServiceResult<round::Model> {
    access.permit::<round::Entity>(Action::Update)?;
    let name = name.map(|n| validate::text("name", &n, 200)).transpose()?;
    let txn = crate::store::begin(db).await?;
    let current = access.find::<round::Entity>(&txn, Action::Update, id).await?;
    validate::version(expected_version, current.version)?;
    if current.status != RoundStatus::Planned {
        return Err(ServiceError::InvalidTransition { kind: "round", action: "update", from: current.status.name() });
    }
    let (s, e) = (starts_on.unwrap_or(current.starts_on), ends_on.unwrap_or(current.ends_on));
    check_dates(s, e)?;
    // The round's dates hold its inspections' published stationing periods.
    let outside: Vec<i32> = unscoped::<inspection::Entity>("a round's dates are checked against all its inspections")
        .filter(inspection::Column::RoundId.eq(id))
        .filter(
            sea_orm::Condition::any()
                .add(inspection::Column::NoticeFrom.lt(s))
                .add(inspection::Column::NoticeUntil.gt(e)),
        )
        .all(&txn)
        .await?
        .into_iter()
        .map(|i| i.id)
        .collect();
    if !outside.is_empty() {
        let ids: Vec<String> =
            outside.iter().map(|i| crate::graphql::id::encode(RecordKind::Inspection, *i).to_string()).collect();
        return Err(ServiceError::bad_input(
            if starts_on.is_some() { "startsOn" } else { "endsOn" },
            format!("leaves out the stationing of inspections {}", ids.join(", ")),
        ));
    }
    // The round stays within its term (or finds one, if it had none).
    let term = term_for_round(&txn, access, current.term_id, s, e).await?;
    let mut row: round::ActiveModel = current.clone().into();
    if let Some(n) = name {
        row.name = Set(n);
    }
    if let Some(d) = starts_on {
        row.starts_on = Set(d);
    }
    if let Some(d) = ends_on {
        row.ends_on = Set(d);
    }
    row.term_id = Set(Some(term.id));
    row.updated_at = Set(crate::clock::now());
    row.version = Set(current.version + 1);
    let updated = row.update(&txn).await.map_err(|e| conflict_on_unique(e, "name", "is taken"))?;
    let revision = (RecordKind::Round, id, updated.version);
    crate::revisions::service::keep(&txn, access, revision, (&current, &updated), None).await?;
    crate::gate::log::record(&txn, access, RecordKind::Round, Action::Update, id).await?;
    txn.commit().await?;
    Ok(updated)
}

/// A transition of a round's lifecycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoundTransition {
    /// PLANNED → APPROVED, by the leadership group.
    Approve,
    /// APPROVED → IN_PROGRESS, by the office: the teams are stationed.
    Start,
    /// IN_PROGRESS → CLOSED, by the office.
    Close,
}

impl RoundTransition {
    fn action(self) -> (Action, &'static str, RoundStatus, RoundStatus) {
        match self {
            RoundTransition::Approve => (Action::Approve, "approve", RoundStatus::Planned, RoundStatus::Approved),
            RoundTransition::Start => (Action::Start, "start", RoundStatus::Approved, RoundStatus::InProgress),
            RoundTransition::Close => (Action::Close, "close", RoundStatus::InProgress, RoundStatus::Closed),
        }
    }
}

/// What `availableTransitions` offers on a round, by the rules `transition_round` and
/// `return_to_planning` apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoundOffer {
    /// `approveRound`.
    Approve,
    /// `returnRoundToPlanning`.
    ReturnToPlanning,
    /// `startRound`.
    Start,
    /// `closeRound`.
    Close,
}

/// The round transitions, as `availableTransitions` weighs them.
pub static OFFERS: [Offer<round::Entity, RoundOffer, RoundStatus>; 4] = [
    Offer {
        transition: RoundOffer::Approve,
        from: &[RoundStatus::Planned],
        reach: |a| a.select::<round::Entity>(Action::Approve),
        holds: |_| {
            Condition::all().add(
                round::Column::Id
                    .in_subquery(narrowing::<inspection::Entity>(inspection::Column::RoundId, Condition::all())),
            )
        },
    },
    Offer {
        transition: RoundOffer::ReturnToPlanning,
        from: &[RoundStatus::Approved],
        reach: |a| a.select::<round::Entity>(Action::Reopen),
        holds: always,
    },
    Offer {
        transition: RoundOffer::Start,
        from: &[RoundStatus::Approved],
        reach: |a| a.select::<round::Entity>(Action::Start),
        holds: always,
    },
    Offer {
        transition: RoundOffer::Close,
        from: &[RoundStatus::InProgress],
        reach: |a| a.select::<round::Entity>(Action::Close),
        holds: |_| closable(),
    },
];

/// What closing a round requires: no inspection before its feedback, the round's report decided
/// on, no clue of it pending.
fn closable() -> Condition {
    let unfinished = narrowing::<inspection::Entity>(
        inspection::Column::RoundId,
        inspection::Column::Status.is_in([
            InspectionStatus::Planned,
            InspectionStatus::Stationed,
            InspectionStatus::Reported,
        ]),
    );
    let decided = narrowing::<round_report::Entity>(
        round_report::Column::RoundId,
        round_report::Column::Status.eq(RoundReportStatus::Decided),
    );
    let with_pending_clues = narrowing::<inspection::Entity>(
        inspection::Column::RoundId,
        inspection::Column::Id.in_subquery(crate::clues::service::pending_clue_inspections()),
    );
    Condition::all()
        .add(round::Column::Id.not_in_subquery(unfinished))
        .add(round::Column::Id.in_subquery(decided))
        .add(round::Column::Id.not_in_subquery(with_pending_clues))
}

/// Moves a round along its lifecycle; from any other state, `INVALID_TRANSITION`.
pub async fn transition_round(
    db: &DatabaseConnection,
    access: &Access,
    id: i32,
    transition: RoundTransition,
    expected_version: Option<i32>,
) -> ServiceResult<round::Model> {
    let (action, verb, from, to) = transition.action();
    access.permit::<round::Entity>(action)?;
    let txn = crate::store::begin(db).await?;
    let current = access.find::<round::Entity>(&txn, action, id).await?;
    validate::version(expected_version, current.version)?;
    if current.status != from {
        return Err(ServiceError::InvalidTransition { kind: "round", action: verb, from: current.status.name() });
    }
    if transition == RoundTransition::Close
        && unscoped::<inspection::Entity>("a round closes only when all its inspections may")
            .filter(inspection::Column::RoundId.eq(id))
            .filter(inspection::Column::Status.is_in([
                InspectionStatus::Planned,
                InspectionStatus::Stationed,
                InspectionStatus::Reported,
            ]))
            .one(&txn)
            .await?
            .is_some()
    {
        return Err(ServiceError::bad_input(
            "id",
            "the round still has inspections planned, stationed or reporting; their feedback must be released first",
        ));
    }
    if transition == RoundTransition::Close {
        refuse_undecided_report(&txn, id).await?;
        let of_round =
            crate::gate::narrowing::<inspection::Entity>(inspection::Column::Id, inspection::Column::RoundId.eq(id));
        crate::clues::service::refuse_pending(&txn, "close", "round", clue::Column::InspectionId.in_subquery(of_round))
            .await?;
    }
    if transition == RoundTransition::Approve
        && unscoped::<inspection::Entity>("a round is approved with its whole plan")
            .filter(inspection::Column::RoundId.eq(id))
            .one(&txn)
            .await?
            .is_none()
    {
        return Err(ServiceError::bad_input("id", "a round with no inspections planned cannot be approved"));
    }
    // The state is re-checked by the UPDATE itself, so two concurrent transitions cannot both win.
    let mut update = round::Entity::update_many();
    if transition == RoundTransition::Start {
        update = update.col_expr(round::Column::StartedOn, Expr::value(crate::clock::today()));
    }
    let updated = update
        .col_expr(round::Column::Status, Expr::value(to))
        .col_expr(round::Column::Version, Expr::col(round::Column::Version).add(1))
        .col_expr(round::Column::UpdatedAt, Expr::value(crate::clock::now()))
        .filter(round::Column::Id.eq(id))
        .filter(round::Column::Status.eq(from))
        .exec_with_returning(&txn)
        .await?
        .pop()
        .ok_or_else(|| ServiceError::conflict("the round changed under you; reload and try again"))?;
    crate::gate::log::record(&txn, access, RecordKind::Round, action, id).await?;
    txn.commit().await?;
    Ok(updated)
}

/// The round `id`, if it is in one of the `allowed` states (for `verb`, which says what is done
/// in it); `INVALID_TRANSITION` otherwise.
pub async fn round_in(
    db: &impl ConnectionTrait,
    access: &Access,
    id: i32,
    allowed: &[RoundStatus],
    verb: &'static str,
) -> ServiceResult<round::Model> {
    // Locked: what is planned in a round is checked and written under it.
    let r = access.find_locked::<round::Entity>(db, Action::Read, id).await?;
    if !allowed.contains(&r.status) {
        return Err(ServiceError::InvalidTransition { kind: "round", action: verb, from: r.status.name() });
    }
    Ok(r)
}

/// Refuses a change to the plan of an approved round (its rosters, its inspections) unless the
/// caller acts as the leadership group, whose approval the plan carries: the office changes an
/// approved plan only by asking the leadership group to return the round to planning.
pub fn check_plan_change(access: &Access, kind: RecordKind, action: Action, round: &round::Model) -> ServiceResult<()> {
    if round.status == RoundStatus::Planned {
        return Ok(());
    }
    let by_leadership =
        access.grants(kind, action).is_ok_and(|grants| grants.iter().any(|g| g.role == entities::Role::Leadership));
    if by_leadership {
        return Ok(());
    }
    Err(ServiceError::Unmet {
        kind: "round",
        action: "change the plan of",
        missing: format!(
            "the round is {}: its plan changes only by the leadership group, or after it returns the round to \
             planning (returnRoundToPlanning)",
            round.status.name()
        ),
    })
}

/// Returns an approved round to planning (the leadership group), with the reason, kept in the
/// round's history: the office may then change its plan, and the leadership group approves it
/// again.
pub async fn return_to_planning(
    db: &DatabaseConnection,
    access: &Access,
    id: i32,
    reason: &str,
    expected_version: Option<i32>,
) -> ServiceResult<round::Model> {
    access.permit::<round::Entity>(Action::Reopen)?;
    let reason = crate::revisions::service::reason(reason)?;
    let txn = crate::store::begin(db).await?;
    let current = access.find_locked::<round::Entity>(&txn, Action::Reopen, id).await?;
    validate::version(expected_version, current.version)?;
    if current.status != RoundStatus::Approved {
        return Err(ServiceError::InvalidTransition {
            kind: "round",
            action: "return to planning",
            from: current.status.name(),
        });
    }
    let mut row: round::ActiveModel = current.clone().into();
    row.status = Set(RoundStatus::Planned);
    row.updated_at = Set(crate::clock::now());
    row.version = Set(current.version + 1);
    let updated = row.update(&txn).await?;
    let fields = vec![serde_json::json!({ "field": "status", "before": "APPROVED", "after": "PLANNED" })];
    let revision = (RecordKind::Round, id, updated.version);
    crate::revisions::service::record(
        &txn,
        access,
        revision,
        crate::revisions::service::Change::Amended,
        &reason,
        fields,
    )
    .await?;
    crate::gate::log::record(&txn, access, RecordKind::Round, Action::Reopen, id).await?;
    txn.commit().await?;
    Ok(updated)
}

/// Refuses to close round `id` until the district committee has decided on its comprehensive
/// report.
async fn refuse_undecided_report(db: &impl ConnectionTrait, id: i32) -> ServiceResult<()> {
    let report = unscoped::<round_report::Entity>("the round's report, for closing the round")
        .filter(round_report::Column::RoundId.eq(id))
        .one(db)
        .await?;
    match report.map(|r| r.status) {
        Some(RoundReportStatus::Decided) => Ok(()),
        status => Err(ServiceError::Unmet {
            kind: "round",
            action: "close",
            missing: match status {
                None => "the office has not written the round's comprehensive report (saveRoundReport)".into(),
                Some(RoundReportStatus::Draft) => "the round's comprehensive report is not submitted".into(),
                Some(RoundReportStatus::Submitted) => {
                    "the leadership group has not heard the round's comprehensive report".into()
                }
                Some(_) => "the district committee has not decided on the round's comprehensive report".into(),
            },
        }),
    }
}

/// The first day records of a round may bear: the day it actually started, or the planned first
/// day, whichever is earlier.
pub fn first_day(r: &round::Model) -> NaiveDate {
    r.started_on.map_or(r.starts_on, |s| std::cmp::min(s, r.starts_on))
}
