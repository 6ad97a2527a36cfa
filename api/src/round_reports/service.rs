//! The rules of a round's comprehensive report: written by the office while the round is under
//! way, submitted once every inspection of the round has reported, then heard and decided on.

use entities::{InspectionStatus, RoundReportStatus, RoundStatus, decision, hearing, inspection, round, round_report};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
    sea_query::{Expr, ExprTrait},
};

use crate::{
    error::{ServiceError, ServiceResult},
    gate::{Access, Action, RecordKind, log, narrowing, unscoped},
    graphql::offers::{Offer, always},
    inspections::documents::MAX_BODY,
    pagination::{self, Ordering, Page, PageRequest},
    rounds::service::round_in,
    validate,
};

/// The orders of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoundReportOrder {
    /// Newest first.
    CreatedAtDesc,
    /// Oldest first.
    CreatedAtAsc,
    /// Last changed first.
    UpdatedAtDesc,
}

/// How the list is sorted in `order` (ties broken by the id, so the cursor is stable).
pub fn ordering(order: RoundReportOrder) -> Ordering<round_report::Entity> {
    match order {
        RoundReportOrder::CreatedAtDesc => {
            crate::ordered_by!(round_report, "created_at_desc", CreatedAt, created_at, Desc)
        }
        RoundReportOrder::CreatedAtAsc => crate::ordered_by!(round_report, "created_at", CreatedAt, created_at, Asc),
        RoundReportOrder::UpdatedAtDesc => {
            crate::ordered_by!(round_report, "updated_desc", UpdatedAt, updated_at, Desc)
        }
    }
}

/// A page of the round reports, newest first, optionally in one state.
pub async fn list(
    db: &DatabaseConnection,
    access: &Access,
    status: Option<RoundReportStatus>,
    order: RoundReportOrder,
    page: &PageRequest,
) -> ServiceResult<Page<round_report::Model>> {
    let mut q = access.select::<round_report::Entity>(Action::Read)?;
    if let Some(s) = status {
        q = q.filter(round_report::Column::Status.eq(s));
    }
    pagination::fetch(db, q, &ordering(order), page).await
}

/// Writes the round's comprehensive report, creating it or replacing the draft (office), while the
/// round is under way.
pub async fn save(
    db: &DatabaseConnection,
    access: &Access,
    round_id: i32,
    body: &str,
) -> ServiceResult<round_report::Model> {
    access.permit::<round_report::Entity>(Action::Update)?;
    let body = validate::prose("body", body, MAX_BODY)?;
    let txn = crate::store::begin(db).await?;
    round_in(&txn, access, round_id, &[RoundStatus::InProgress], "write the comprehensive report of").await?;
    let existing = access
        .select::<round_report::Entity>(Action::Update)?
        .filter(round_report::Column::RoundId.eq(round_id))
        .one(&txn)
        .await?;
    let now = crate::clock::now();
    let saved = match existing {
        Some(r) if r.status != RoundReportStatus::Draft => {
            return Err(ServiceError::InvalidTransition {
                kind: "round report",
                action: "change",
                from: r.status.name(),
            });
        }
        Some(r) => {
            let version = r.version;
            let mut row: round_report::ActiveModel = r.into();
            row.body = Set(body);
            row.updated_at = Set(now);
            row.version = Set(version + 1);
            row.update(&txn).await?
        }
        None => {
            round_report::ActiveModel {
                round_id: Set(round_id),
                body: Set(body),
                status: Set(RoundReportStatus::Draft),
                submitted_at: Set(None),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
                ..Default::default()
            }
            .insert(&txn)
            .await?
        }
    };
    log::record(&txn, access, RecordKind::RoundReport, Action::Update, saved.id).await?;
    txn.commit().await?;
    Ok(saved)
}

/// Submits the round's comprehensive report to the leadership group (office): `DRAFT` →
/// `SUBMITTED`, once every inspection of the round has reported; the refusal names those that
/// have not.
pub async fn submit(
    db: &DatabaseConnection,
    access: &Access,
    id: i32,
    expected_version: Option<i32>,
) -> ServiceResult<round_report::Model> {
    access.permit::<round_report::Entity>(Action::Submit)?;
    let txn = crate::store::begin(db).await?;
    let current = access.find_locked::<round_report::Entity>(&txn, Action::Submit, id).await?;
    validate::version(expected_version, current.version)?;
    if current.status != RoundReportStatus::Draft {
        return Err(ServiceError::InvalidTransition {
            kind: "round report",
            action: "submit",
            from: current.status.name(),
        });
    }
    let unreported: Vec<i32> = unscoped::<inspection::Entity>("the comprehensive report covers every inspection")
        .select_only()
        .column(inspection::Column::Id)
        .filter(inspection::Column::RoundId.eq(current.round_id))
        .filter(inspection::Column::Status.is_in([InspectionStatus::Planned, InspectionStatus::Stationed]))
        .order_by_asc(inspection::Column::Id)
        .into_tuple()
        .all(&txn)
        .await?;
    if !unreported.is_empty() {
        let ids: Vec<String> =
            unreported.into_iter().map(|i| crate::graphql::id::encode(RecordKind::Inspection, i).to_string()).collect();
        return Err(ServiceError::Unmet {
            kind: "round report",
            action: "submit",
            missing: format!("these inspections of the round have not reported: {}", ids.join(", ")),
        });
    }
    let updated = move_report(&txn, &current, "submit", RoundReportStatus::Draft, RoundReportStatus::Submitted).await?;
    log::record(&txn, access, RecordKind::RoundReport, Action::Submit, id).await?;
    txn.commit().await?;
    Ok(updated)
}

/// What `availableTransitions` offers on a round's report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoundReportOffer {
    /// `saveRoundReport`.
    Write,
    /// `submitRoundReport`.
    Submit,
    /// `recordHearing`.
    RecordHearing,
    /// `recordDecision`.
    RecordDecision,
}

/// The round report's transitions, as `availableTransitions` weighs them, by the rules of `save`,
/// `submit`, `hearings::record` and `decisions::record`.
pub static OFFERS: [Offer<round_report::Entity, RoundReportOffer, RoundReportStatus>; 4] = [
    Offer {
        transition: RoundReportOffer::Write,
        from: &[RoundReportStatus::Draft],
        reach: |a| a.select::<round_report::Entity>(Action::Update),
        holds: |_| {
            Condition::all().add(round_report::Column::RoundId.in_subquery(narrowing::<round::Entity>(
                round::Column::Id,
                round::Column::Status.eq(RoundStatus::InProgress),
            )))
        },
    },
    Offer {
        transition: RoundReportOffer::Submit,
        from: &[RoundReportStatus::Draft],
        reach: |a| a.select::<round_report::Entity>(Action::Submit),
        holds: |_| {
            Condition::all().add(round_report::Column::RoundId.not_in_subquery(narrowing::<inspection::Entity>(
                inspection::Column::RoundId,
                inspection::Column::Status.is_in([InspectionStatus::Planned, InspectionStatus::Stationed]),
            )))
        },
    },
    Offer {
        transition: RoundReportOffer::RecordHearing,
        from: &[RoundReportStatus::Submitted],
        reach: |a| a.select_over::<hearing::Entity, round_report::Entity>(Action::Create),
        holds: always,
    },
    Offer {
        transition: RoundReportOffer::RecordDecision,
        from: &[RoundReportStatus::Heard],
        reach: |a| a.select_over::<decision::Entity, round_report::Entity>(Action::Create),
        holds: always,
    },
];

/// Moves a round report from `from` to `to`, re-checking the state in the UPDATE itself; a move to
/// `SUBMITTED` stamps the submission, a move back to `DRAFT` clears it.
pub async fn move_report(
    db: &impl ConnectionTrait,
    current: &round_report::Model,
    verb: &'static str,
    from: RoundReportStatus,
    to: RoundReportStatus,
) -> ServiceResult<round_report::Model> {
    if current.status != from {
        return Err(ServiceError::InvalidTransition {
            kind: "round report",
            action: verb,
            from: current.status.name(),
        });
    }
    let now = crate::clock::now();
    let mut update = round_report::Entity::update_many();
    match to {
        RoundReportStatus::Submitted => {
            update = update.col_expr(round_report::Column::SubmittedAt, Expr::value(now));
        }
        RoundReportStatus::Draft => {
            update = update.col_expr(
                round_report::Column::SubmittedAt,
                Expr::value(Option::<chrono::DateTime<chrono::Utc>>::None),
            );
        }
        _ => {}
    }
    update
        .col_expr(round_report::Column::Status, Expr::value(to))
        .col_expr(round_report::Column::Version, Expr::col(round_report::Column::Version).add(1))
        .col_expr(round_report::Column::UpdatedAt, Expr::value(now))
        .filter(round_report::Column::Id.eq(current.id))
        .filter(round_report::Column::Status.eq(from))
        .exec_with_returning(db)
        .await?
        .pop()
        .ok_or_else(|| ServiceError::conflict("the round report changed under you; reload and try again"))
}
