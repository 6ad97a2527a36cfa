//! The rules of inspections: planned in a planned round (a mobile one at any time before the
//! round closes) with no conflicted expert on the team, each kind with what it links to; stationed
//! once the round is in progress, its channels published by the team; its record written by the
//! team from stationing until the feedback is released; closed once no clue awaits a decision.

use entities::{
    InspectionKind, InspectionStatus, OrganizationKind, RoundStatus, UnitCategory, clue, decision, expert, feedback,
    hearing, inspection, organization, principal_feedback, report, roster_entry, round,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
    sea_query::{Expr, ExprTrait},
};

use crate::{
    error::{ServiceError, ServiceResult, conflict_on_unique},
    gate::{Access, Action, Guarded, RecordKind, narrowing, unscoped},
    graphql::offers::{Offer, always},
    pagination::{self, Also, Ordering, Page, PageRequest},
    roster_entries::service::refuse_conflicts,
    rounds::service::round_in,
    validate,
};

/// Narrows the inspection list.
#[derive(Debug, Clone, Default)]
pub struct InspectionFilter {
    /// Only this round.
    pub round_id: Option<i32>,
    /// Only this team.
    pub team_id: Option<i32>,
    /// Only this unit.
    pub unit_id: Option<i32>,
    /// Only this state.
    pub status: Option<InspectionStatus>,
    /// Only this kind.
    pub kind: Option<InspectionKind>,
}

/// How the inspection list can be ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InspectionOrder {
    /// Oldest planned first.
    CreatedAtAsc,
    /// Newest planned first.
    CreatedAtDesc,
}

/// A page of the inspections the caller may see.
pub async fn list_inspections(
    db: &DatabaseConnection,
    access: &Access,
    filter: InspectionFilter,
    order: InspectionOrder,
    page: &PageRequest,
    also: &[&dyn Also],
) -> ServiceResult<Page<inspection::Model>> {
    let mut q = access.select::<inspection::Entity>(Action::Read)?;
    if let Some(v) = filter.round_id {
        q = q.filter(inspection::Column::RoundId.eq(v));
    }
    if let Some(v) = filter.team_id {
        q = q.filter(inspection::Column::TeamId.eq(v));
    }
    if let Some(v) = filter.unit_id {
        q = q.filter(inspection::Column::UnitId.eq(v));
    }
    if let Some(v) = filter.status {
        q = q.filter(inspection::Column::Status.eq(v));
    }
    if let Some(v) = filter.kind {
        q = q.filter(inspection::Column::Kind.eq(v));
    }
    let ordering = ordering(order);
    pagination::fetch_also(db, q, &ordering, page, also).await
}

/// The organisation `id`, which must be of `kind` (`BAD_USER_INPUT` on `field` otherwise).
pub async fn organization_of_kind(
    db: &impl ConnectionTrait,
    access: &Access,
    id: i32,
    kind: OrganizationKind,
    field: &str,
) -> ServiceResult<organization::Model> {
    let org = access.find::<organization::Entity>(db, Action::Read, id).await?;
    if org.kind != kind {
        return Err(ServiceError::bad_input(field, format!("is not an organization of kind {}", kind.name())));
    }
    Ok(org)
}

/// An inspection as the office plans it.
#[derive(Debug, Clone)]
pub struct NewInspection {
    /// The round.
    pub round_id: i32,
    /// The team.
    pub team_id: i32,
    /// The unit.
    pub unit_id: i32,
    /// Its kind.
    pub kind: InspectionKind,
    /// Its theme (required for a special inspection).
    pub theme: Option<String>,
    /// For a follow-up: the earlier inspection of the same unit.
    pub follows_inspection_id: Option<i32>,
    /// For an extended inspection: the township's inspection it extends from.
    pub parent_inspection_id: Option<i32>,
    /// For a joint inspection: the municipal inspection.
    pub joint_with: Option<String>,
}

/// The states in which an inspection's feedback has been released.
pub const RELEASED: [InspectionStatus; 3] =
    [InspectionStatus::FeedbackGiven, InspectionStatus::Rectifying, InspectionStatus::Closed];

/// Checks what each kind of inspection needs and links to (see `README.md`, "The rules of each
/// step"): a theme for a special one; the earlier inspection, released, of the same unit for a
/// follow-up; the township's inspection in the same round by the same team for an extended one;
/// a village or community, and only then, for an escalated or extended one; the municipal
/// inspection for a joint one.
async fn check_kind(
    db: &impl ConnectionTrait,
    access: &Access,
    new: &NewInspection,
    unit: &organization::Model,
    round: &round::Model,
) -> ServiceResult<()> {
    let village = unit.unit_category == Some(UnitCategory::VillageCommunity);
    let only = |given: bool, field: &str, kind: InspectionKind| {
        if given && new.kind != kind {
            return Err(ServiceError::bad_input(field, format!("is only for a {} inspection", kind.name())));
        }
        Ok(())
    };
    only(new.follows_inspection_id.is_some(), "followsInspectionId", InspectionKind::FollowUp)?;
    only(new.parent_inspection_id.is_some(), "parentInspectionId", InspectionKind::Extended)?;
    only(new.joint_with.is_some(), "jointWith", InspectionKind::Joint)?;
    match new.kind {
        InspectionKind::Escalated | InspectionKind::Extended if !village => {
            return Err(ServiceError::bad_input(
                "kind",
                "only a village or community (below the district) is inspected by escalation or extension",
            ));
        }
        InspectionKind::Regular | InspectionKind::Special | InspectionKind::Mobile | InspectionKind::Joint
            if village =>
        {
            return Err(ServiceError::bad_input(
                "kind",
                "a village or community is inspected by escalation (ESCALATED), from its township's inspection \
                 (EXTENDED), or followed up (FOLLOW_UP)",
            ));
        }
        _ => {}
    }
    match new.kind {
        InspectionKind::Special if new.theme.is_none() => {
            return Err(ServiceError::bad_input("theme", "a special inspection (专项巡察) needs its theme"));
        }
        InspectionKind::Joint if new.joint_with.is_none() => {
            return Err(ServiceError::bad_input("jointWith", "name the municipal inspection it is joined with"));
        }
        InspectionKind::FollowUp => {
            let Some(id) = new.follows_inspection_id else {
                return Err(ServiceError::bad_input(
                    "followsInspectionId",
                    "a follow-up names the inspection it checks",
                ));
            };
            let earlier = access
                .find::<inspection::Entity>(db, Action::Read, id)
                .await
                .map_err(|_| ServiceError::bad_input("followsInspectionId", "is not an inspection"))?;
            let earlier_round = access.find::<round::Entity>(db, Action::Read, earlier.round_id).await?;
            if earlier.unit_id != new.unit_id
                || earlier_round.starts_on >= round.starts_on
                || !RELEASED.contains(&earlier.status)
            {
                return Err(ServiceError::bad_input(
                    "followsInspectionId",
                    "must be an inspection of the same unit in an earlier round, its feedback released",
                ));
            }
        }
        InspectionKind::Extended => {
            let Some(id) = new.parent_inspection_id else {
                return Err(ServiceError::bad_input(
                    "parentInspectionId",
                    "an extended inspection names the township's inspection it extends from",
                ));
            };
            let parent = access
                .find::<inspection::Entity>(db, Action::Read, id)
                .await
                .map_err(|_| ServiceError::bad_input("parentInspectionId", "is not an inspection"))?;
            if parent.round_id != new.round_id
                || parent.team_id != new.team_id
                || Some(parent.unit_id) != unit.parent_id
            {
                return Err(ServiceError::bad_input(
                    "parentInspectionId",
                    "must be the same team's inspection, in the same round, of the township or street the village \
                     or community belongs to",
                ));
            }
        }
        _ => {}
    }
    Ok(())
}

/// Plans an inspection: a team inspects a unit in a planned round, or — a mobile inspection (机动
/// 巡察), at short notice — in a round already approved or under way (office).
pub async fn create_inspection(
    db: &DatabaseConnection,
    access: &Access,
    new: NewInspection,
) -> ServiceResult<inspection::Model> {
    access.permit::<inspection::Entity>(Action::Create)?;
    let theme = new.theme.as_deref().map(|t| validate::text("theme", t, 200)).transpose()?;
    let joint_with = new.joint_with.as_deref().map(|t| validate::text("jointWith", t, 200)).transpose()?;
    let new = NewInspection { theme, joint_with, ..new };
    let (round_id, team_id, unit_id) = (new.round_id, new.team_id, new.unit_id);
    let txn = crate::store::begin(db).await?;
    let open: &[RoundStatus] = if new.kind == InspectionKind::Mobile {
        &[RoundStatus::Planned, RoundStatus::Approved, RoundStatus::InProgress]
    } else {
        &[RoundStatus::Planned]
    };
    let round = round_in(&txn, access, round_id, open, "add an inspection to").await?;
    crate::rounds::service::check_plan_change(access, RecordKind::Inspection, Action::Create, &round)?;
    organization_of_kind(&txn, access, team_id, OrganizationKind::InspectionTeam, "teamId").await?;
    let unit = organization_of_kind(&txn, access, unit_id, OrganizationKind::AuditedUnit, "unitId").await?;
    check_kind(&txn, access, &new, &unit, &round).await?;
    let roster: Vec<i32> = unscoped::<roster_entry::Entity>("recusal is checked against the team's whole roster")
        .select_only()
        .column(roster_entry::Column::ExpertId)
        .filter(roster_entry::Column::RoundId.eq(round_id))
        .filter(roster_entry::Column::TeamId.eq(team_id))
        .into_tuple()
        .all(&txn)
        .await?;
    // The roster's experts are locked, as recording a conflict locks its expert: recusal holds
    // however the two are interleaved.
    unscoped::<expert::Entity>("a lock on the experts whose recusal is checked")
        .filter(expert::Column::Id.is_in(roster.clone()))
        .order_by_asc(expert::Column::Id)
        .lock_exclusive()
        .all(&txn)
        .await?;
    refuse_conflicts(&txn, "unitId", roster, vec![unit_id]).await?;
    let now = crate::clock::now();
    let created = inspection::ActiveModel {
        round_id: Set(round_id),
        team_id: Set(team_id),
        unit_id: Set(unit_id),
        status: Set(InspectionStatus::Planned),
        kind: Set(new.kind),
        theme: Set(new.theme),
        follows_inspection_id: Set(new.follows_inspection_id),
        parent_inspection_id: Set(new.parent_inspection_id),
        joint_with: Set(new.joint_with),
        notice_from: Set(None),
        notice_until: Set(None),
        channel_telephone: Set(None),
        channel_mailbox: Set(None),
        channel_address: Set(None),
        channels_published_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|e| conflict_on_unique(e, "unitId", "the unit is already inspected in this round"))?;
    crate::gate::log::record(&txn, access, RecordKind::Inspection, Action::Create, created.id).await?;
    txn.commit().await?;
    Ok(created)
}

/// Removes an inspection from a planned round (office).
pub async fn remove_inspection(db: &DatabaseConnection, access: &Access, id: i32) -> ServiceResult<inspection::Model> {
    access.permit::<inspection::Entity>(Action::Delete)?;
    let txn = crate::store::begin(db).await?;
    let found = access.find::<inspection::Entity>(&txn, Action::Delete, id).await?;
    round_in(&txn, access, found.round_id, &[RoundStatus::Planned], "remove an inspection from").await?;
    inspection::Entity::delete_by_id(id).exec(&txn).await?;
    crate::gate::log::record(&txn, access, RecordKind::Inspection, Action::Delete, id).await?;
    txn.commit().await?;
    Ok(found)
}

/// The inspection a team may write its record on (findings, clues, petitions, recommendations,
/// report, feedback): reached by the caller's grants that may take `action` on `G`, and stationed,
/// its feedback not yet released — authority bounded in time (一次一授权). Out of reach:
/// `NOT_FOUND`; out of time: `INVALID_TRANSITION`.
pub async fn writable_inspection<G: Guarded>(
    db: &impl ConnectionTrait,
    access: &Access,
    action: Action,
    inspection_id: i32,
) -> ServiceResult<inspection::Model> {
    let found = access.find_over::<G, inspection::Entity>(db, action, inspection_id).await?;
    check_writable(&found)?;
    Ok(found)
}

/// Refuses a write to the record of inspection `id` unless it is writable ([`WRITABLE`]).
pub async fn check_writable_by_id(db: &impl ConnectionTrait, id: i32) -> ServiceResult<()> {
    let found = unscoped::<inspection::Entity>("the inspection of a record already read in reach")
        .filter(inspection::Column::Id.eq(id))
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound("inspection"))?;
    check_writable(&found)
}

/// The states in which the team writes an inspection's record: from stationing until the feedback
/// is released.
pub const WRITABLE: [InspectionStatus; 4] =
    [InspectionStatus::Stationed, InspectionStatus::Reported, InspectionStatus::Heard, InspectionStatus::Decided];

/// The inspections whose record is writable ([`WRITABLE`]), for a condition on a record of them.
pub fn writable_inspections() -> sea_orm::sea_query::SelectStatement {
    narrowing::<inspection::Entity>(inspection::Column::Id, inspection::Column::Status.is_in(WRITABLE))
}

/// Refuses a write to the record of an inspection that is not stationed, or whose feedback is
/// released.
pub fn check_writable(i: &inspection::Model) -> ServiceResult<()> {
    match i.status {
        s if WRITABLE.contains(&s) => Ok(()),
        other => Err(ServiceError::InvalidTransition {
            kind: "inspection",
            action: "write the record of",
            from: other.name(),
        }),
    }
}

/// A transition of an inspection's lifecycle that the office owns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InspectionTransition {
    /// PLANNED → STATIONED (进驻), once the round is in progress.
    Station,
    /// FEEDBACK_GIVEN → RECTIFYING (整改).
    BeginRectification,
    /// RECTIFYING → CLOSED.
    Close,
}

/// What `availableTransitions` offers on an inspection: its lifecycle, whichever area's mutation
/// takes each step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InspectionOffer {
    /// `removeInspection`.
    Remove,
    /// `stationInspection`.
    Station,
    /// `submitInspectionReport`.
    SubmitReport,
    /// `recordHearing`.
    RecordHearing,
    /// `recordDecision`.
    RecordDecision,
    /// `releaseFeedback`.
    ReleaseFeedback,
    /// `beginRectification`.
    BeginRectification,
    /// `closeInspection`.
    Close,
}

/// The inspection transitions, as `availableTransitions` weighs them, by the rules of
/// `remove_inspection`, `transition_inspection`, `reports::submit`, `hearings::record`,
/// `decisions::record` and `feedback::release`.
pub static OFFERS: [Offer<inspection::Entity, InspectionOffer, InspectionStatus>; 8] = [
    Offer {
        transition: InspectionOffer::Remove,
        from: &[InspectionStatus::Planned],
        reach: |a| a.select::<inspection::Entity>(Action::Delete),
        holds: |_| in_rounds(RoundStatus::Planned),
    },
    Offer {
        transition: InspectionOffer::Station,
        from: &[InspectionStatus::Planned],
        reach: |a| a.select::<inspection::Entity>(Action::Station),
        holds: |_| in_rounds(RoundStatus::InProgress),
    },
    Offer {
        transition: InspectionOffer::SubmitReport,
        from: &[InspectionStatus::Stationed],
        reach: |a| a.select_over::<report::Entity, inspection::Entity>(Action::Submit),
        holds: |_| {
            Condition::all()
                .add(
                    inspection::Column::Id
                        .in_subquery(narrowing::<report::Entity>(report::Column::InspectionId, Condition::all())),
                )
                .add(
                    inspection::Column::Id
                        .in_subquery(narrowing::<feedback::Entity>(feedback::Column::InspectionId, Condition::all())),
                )
                .add(inspection::Column::Id.in_subquery(narrowing::<principal_feedback::Entity>(
                    principal_feedback::Column::InspectionId,
                    Condition::all(),
                )))
        },
    },
    Offer {
        transition: InspectionOffer::RecordHearing,
        from: &[InspectionStatus::Reported],
        reach: |a| a.select_over::<hearing::Entity, inspection::Entity>(Action::Create),
        holds: always,
    },
    Offer {
        transition: InspectionOffer::RecordDecision,
        from: &[InspectionStatus::Heard],
        reach: |a| a.select_over::<decision::Entity, inspection::Entity>(Action::Create),
        holds: always,
    },
    Offer {
        transition: InspectionOffer::ReleaseFeedback,
        from: &[InspectionStatus::Decided],
        reach: |a| a.select_over::<feedback::Entity, inspection::Entity>(Action::Release),
        holds: |_| {
            Condition::all().add(
                inspection::Column::Id
                    .in_subquery(narrowing::<feedback::Entity>(feedback::Column::InspectionId, Condition::all())),
            )
        },
    },
    Offer {
        transition: InspectionOffer::BeginRectification,
        from: &[InspectionStatus::FeedbackGiven],
        reach: |a| a.select::<inspection::Entity>(Action::Rectify),
        holds: always,
    },
    Offer {
        transition: InspectionOffer::Close,
        from: &[InspectionStatus::Rectifying],
        reach: |a| a.select::<inspection::Entity>(Action::Close),
        holds: |_| {
            Condition::all()
                .add(inspection::Column::Id.not_in_subquery(crate::clues::service::pending_clue_inspections()))
        },
    },
];

/// Inspections of rounds in `status`.
fn in_rounds(status: RoundStatus) -> Condition {
    Condition::all().add(
        inspection::Column::RoundId
            .in_subquery(narrowing::<round::Entity>(round::Column::Id, round::Column::Status.eq(status))),
    )
}

/// Moves an inspection along its lifecycle (office); from any other state, `INVALID_TRANSITION`.
/// Submitting the report and releasing the feedback are in `reports`.
pub async fn transition_inspection(
    db: &DatabaseConnection,
    access: &Access,
    id: i32,
    transition: InspectionTransition,
    expected_version: Option<i32>,
) -> ServiceResult<inspection::Model> {
    let (action, verb, from, to) = match transition {
        InspectionTransition::Station => {
            (Action::Station, "station", InspectionStatus::Planned, InspectionStatus::Stationed)
        }
        InspectionTransition::BeginRectification => {
            (Action::Rectify, "begin rectification of", InspectionStatus::FeedbackGiven, InspectionStatus::Rectifying)
        }
        InspectionTransition::Close => (Action::Close, "close", InspectionStatus::Rectifying, InspectionStatus::Closed),
    };
    access.permit::<inspection::Entity>(action)?;
    let txn = crate::store::begin(db).await?;
    let current = access.find::<inspection::Entity>(&txn, action, id).await?;
    validate::version(expected_version, current.version)?;
    if transition == InspectionTransition::Station {
        round_in(&txn, access, current.round_id, &[RoundStatus::InProgress], "station a team in").await?;
    }
    if transition == InspectionTransition::Close && current.status == InspectionStatus::Rectifying {
        crate::clues::service::refuse_pending(&txn, "close", "inspection", clue::Column::InspectionId.eq(id)).await?;
    }
    let updated = move_inspection(&txn, &current, verb, from, to).await?;
    crate::gate::log::record(&txn, access, RecordKind::Inspection, action, id).await?;
    txn.commit().await?;
    Ok(updated)
}

/// Moves an inspection from `from` to `to`, re-checking the state in the UPDATE itself.
pub async fn move_inspection(
    db: &impl ConnectionTrait,
    current: &inspection::Model,
    verb: &'static str,
    from: InspectionStatus,
    to: InspectionStatus,
) -> ServiceResult<inspection::Model> {
    if current.status != from {
        return Err(ServiceError::InvalidTransition { kind: "inspection", action: verb, from: current.status.name() });
    }
    inspection::Entity::update_many()
        .col_expr(inspection::Column::Status, Expr::value(to))
        .col_expr(inspection::Column::Version, Expr::col(inspection::Column::Version).add(1))
        .col_expr(inspection::Column::UpdatedAt, Expr::value(crate::clock::now()))
        .filter(inspection::Column::Id.eq(current.id))
        .filter(inspection::Column::Status.eq(from))
        .exec_with_returning(db)
        .await?
        .pop()
        .ok_or_else(|| ServiceError::conflict("the inspection changed under you; reload and try again"))
}

/// The orders of the list: by when each inspection was planned (`created_at`), ties broken by
/// the id.
pub fn ordering(order: InspectionOrder) -> Ordering<inspection::Entity> {
    match order {
        InspectionOrder::CreatedAtAsc => crate::ordered_by!(inspection, "created_at", CreatedAt, created_at, Asc),
        InspectionOrder::CreatedAtDesc => {
            crate::ordered_by!(inspection, "created_at_desc", CreatedAt, created_at, Desc)
        }
    }
}
