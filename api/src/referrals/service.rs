//! The rules of referrals.
//!
//! Every change to a referral takes the next number of the `referrals` change stream inside its
//! transaction; the counter row is locked until commit, so numbers become visible in order and a
//! client pulling "changes after N" never misses one that commits later with a smaller number.

use chrono::{Months, NaiveDate};
use entities::{
    AgencyCompetence, ClueStatus, DisposalMethod, Measure, OrganizationKind, PersonRank, ReferralMatter,
    ReferralStatus, change_counter, clue, clue_person, disposition, finding, organization, referral,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, DatabaseTransaction, EntityTrait,
    QueryFilter, QueryOrder, Set,
    sea_query::{Expr, ExprTrait, Query},
};
use serde::{Deserialize, Serialize};

use super::competence;
use crate::{
    error::{ServiceError, ServiceResult},
    gate::{Access, Action, RecordKind, log, narrowing, unscoped},
    graphql::offers::{Offer, always},
    idempotency,
    pagination::{self, Ordering, Page, PageRequest, SortValue},
    validate,
};

/// A person named in a referred clue, as the referral carries them.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CarriedPerson {
    /// Full name.
    pub name: String,
    /// Rank.
    pub rank: PersonRank,
    /// Post held.
    pub position: String,
}

/// The persons a referral carries.
pub fn carried_persons(r: &referral::Model) -> Vec<CarriedPerson> {
    serde_json::from_str(&r.persons).unwrap_or_default()
}

/// Whether a referral is past its deadline without a conclusion.
pub fn is_overdue(r: &referral::Model, today: NaiveDate) -> bool {
    matches!(r.status, ReferralStatus::Sent | ReferralStatus::Acknowledged) && r.deadline < today
}

/// Takes the next number of the referral change stream (locking the counter until commit).
async fn next_change(txn: &DatabaseTransaction) -> ServiceResult<i64> {
    let stmt = Query::update()
        .table(change_counter::Entity)
        .value(change_counter::Column::Value, Expr::col(change_counter::Column::Value).add(1))
        .and_where(change_counter::Column::Name.eq("referrals"))
        .returning_col(change_counter::Column::Value)
        .to_owned();
    let row = txn
        .query_one(&stmt)
        .await?
        .ok_or_else(|| ServiceError::Internal(anyhow::anyhow!("the referral change counter is missing")))?;
    Ok(row.try_get("", "value")?)
}

/// Narrows the referral list.
#[derive(Debug, Clone, Default)]
pub struct ReferralFilter {
    /// Only this agency's.
    pub agency_id: Option<i32>,
    /// Only referrals in this state.
    pub status: Option<ReferralStatus>,
    /// Only overdue (true) or only not overdue (false) referrals.
    pub overdue: Option<bool>,
    /// Only this clue's.
    pub clue_id: Option<i32>,
    /// Only this finding's.
    pub finding_id: Option<i32>,
    /// Only this kind of matter.
    pub matter: Option<ReferralMatter>,
    /// Only those of this inspection's clues and findings.
    pub inspection_id: Option<i32>,
}

/// How the referral list can be ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReferralOrder {
    /// Newest first.
    CreatedAtDesc,
    /// Soonest deadline first.
    DeadlineAsc,
    /// In the order of the change stream: for machines pulling changes after a cursor.
    ChangeSeqAsc,
}

fn overdue_condition(today: NaiveDate) -> Condition {
    Condition::all()
        .add(referral::Column::Status.is_in([ReferralStatus::Sent, ReferralStatus::Acknowledged]))
        .add(referral::Column::Deadline.lt(today))
}

/// A page of the referrals the caller may see. Each one read is logged.
pub async fn list(
    db: &DatabaseConnection,
    access: &Access,
    filter: ReferralFilter,
    order: ReferralOrder,
    page: &PageRequest,
) -> ServiceResult<Page<referral::Model>> {
    let mut q = if order == ReferralOrder::ChangeSeqAsc {
        access.select::<super::scope::ReferralStream>(Action::Read)?
    } else {
        access.select::<referral::Entity>(Action::Read)?
    };
    if let Some(v) = filter.agency_id {
        q = q.filter(referral::Column::AgencyId.eq(v));
    }
    if let Some(v) = filter.status {
        q = q.filter(referral::Column::Status.eq(v));
    }
    if let Some(v) = filter.clue_id {
        // Filtering by clue tells which clue is behind a referral: only for those who read clues.
        access.permit::<clue::Entity>(Action::Read)?;
        q = q.filter(referral::Column::ClueId.eq(v));
    }
    if let Some(v) = filter.finding_id {
        access.permit::<finding::Entity>(Action::Read)?;
        q = q.filter(referral::Column::FindingId.eq(v));
    }
    if let Some(v) = filter.matter {
        q = q.filter(referral::Column::Matter.eq(v));
    }
    if let Some(v) = filter.inspection_id {
        // Filtering by inspection tells where a referral comes from: only for those who read the
        // findings it may come from (never an agency, though a supervising one reads inspections).
        access.permit::<finding::Entity>(Action::Read)?;
        q = q.filter(
            Condition::any()
                .add(referral::Column::ClueId.in_subquery(crate::gate::narrowing::<clue::Entity>(
                    clue::Column::Id,
                    clue::Column::InspectionId.eq(v),
                )))
                .add(referral::Column::FindingId.in_subquery(crate::gate::narrowing::<finding::Entity>(
                    finding::Column::Id,
                    finding::Column::InspectionId.eq(v),
                ))),
        );
    }
    let today = crate::clock::today();
    match filter.overdue {
        Some(true) => q = q.filter(overdue_condition(today)),
        Some(false) => q = q.filter(overdue_condition(today).not()),
        None => {}
    }
    let ordering = ordering(order);
    let mut page = pagination::fetch(db, q, &ordering, page).await?;
    // Logged when the rows are returned, not when the list is only counted.
    let ids: Vec<i32> = page.rows.iter().map(|(_, m)| m.id).collect();
    page.read_log = Some(log::on_return(db, access, RecordKind::Referral, ids));
    Ok(page)
}

/// The deadline asked for, or three months from today.
fn deadline_of(deadline: Option<NaiveDate>) -> ServiceResult<NaiveDate> {
    let today = crate::clock::today();
    match deadline {
        Some(d) if d <= today => Err(ServiceError::bad_input("deadline", "must be after today")),
        Some(d) if d > today + chrono::Duration::days(366) => {
            Err(ServiceError::bad_input("deadline", "must be within a year"))
        }
        Some(d) => Ok(d),
        None => Ok(today.checked_add_months(Months::new(3)).unwrap_or(today)),
    }
}

/// The partner agency `id`, which must be competent for `matter` (`BAD_USER_INPUT` on
/// `agencyId`, saying why, otherwise).
async fn competent_agency(
    db: &impl ConnectionTrait,
    access: &Access,
    id: i32,
    matter: ReferralMatter,
) -> ServiceResult<organization::Model> {
    let agency = access
        .select::<organization::Entity>(Action::Read)?
        .filter(organization::Column::Id.eq(id))
        .one(db)
        .await?
        .filter(|a| a.kind == OrganizationKind::PartnerAgency)
        .ok_or_else(|| ServiceError::bad_input("agencyId", "is not a partner agency"))?;
    let competence = agency.competence.unwrap_or(AgencyCompetence::General);
    if let Some(why) = competence::refuses_matter(competence, matter) {
        return Err(ServiceError::bad_input("agencyId", format!("{} {why}", agency.name)));
    }
    Ok(agency)
}

/// Refuses a second live referral of the same clue or finding to the same agency.
async fn refuse_twice(db: &impl ConnectionTrait, source: Condition, agency_id: i32) -> ServiceResult<()> {
    let live = unscoped::<referral::Entity>("one live referral of a matter to an agency, whoever may read it")
        .filter(source)
        .filter(referral::Column::AgencyId.eq(agency_id))
        .filter(referral::Column::Status.ne(ReferralStatus::Withdrawn))
        .one(db)
        .await?;
    if live.is_some() {
        return Err(ServiceError::conflict_on("agencyId", "it is already referred to this agency"));
    }
    Ok(())
}

/// A clue's referral as the office makes it.
#[derive(Debug, Clone)]
pub struct NewReferral {
    /// The clue: `APPROVED`, or already `REFERRED` in part.
    pub clue_id: i32,
    /// The agency competent for the matter.
    pub agency_id: i32,
    /// The kind of matter.
    pub matter: ReferralMatter,
    /// The persons of the clue it carries; all of them when `None`.
    pub person_ids: Option<Vec<i32>>,
    /// The reply deadline; three months by default.
    pub deadline: Option<NaiveDate>,
}

/// Refers an approved clue, or part of it, to the partner agency competent for it (office): a
/// violation to the commission, a cadre question to the organisation department, a general
/// problem to a department. Clue `APPROVED` → `REFERRED`; a clue already referred may be referred
/// again, in another part, to another agency (a split). The deadline defaults to three months.
pub async fn refer(db: &DatabaseConnection, access: &Access, new: NewReferral) -> ServiceResult<referral::Model> {
    access.permit::<referral::Entity>(Action::Refer)?;
    let deadline = deadline_of(new.deadline)?;
    let txn = crate::store::begin(db).await?;
    let found = access.find_over::<referral::Entity, clue::Entity>(&txn, Action::Refer, new.clue_id).await?;
    if !matches!(found.status, ClueStatus::Approved | ClueStatus::Referred) {
        return Err(ServiceError::InvalidTransition { kind: "clue", action: "refer", from: found.status.name() });
    }
    competent_agency(&txn, access, new.agency_id, new.matter).await?;
    refuse_twice(&txn, Condition::all().add(referral::Column::ClueId.eq(new.clue_id)), new.agency_id).await?;
    let all = unscoped::<clue_person::Entity>("the persons of a clue in reach, copied")
        .filter(clue_person::Column::ClueId.eq(new.clue_id))
        .order_by_asc(clue_person::Column::Id)
        .all(&txn)
        .await?;
    let carried: Vec<clue_person::Model> = match &new.person_ids {
        None => all,
        Some(ids) => {
            if ids.is_empty() || ids.iter().any(|i| !all.iter().any(|p| p.id == *i)) {
                return Err(ServiceError::bad_input("personIds", "name one or more persons of this clue"));
            }
            all.into_iter().filter(|p| ids.contains(&p.id)).collect()
        }
    };
    let persons: Vec<CarriedPerson> =
        carried.into_iter().map(|p| CarriedPerson { name: p.name, rank: p.rank, position: p.position }).collect();
    clue::Entity::update_many()
        .col_expr(clue::Column::Status, Expr::value(ClueStatus::Referred))
        .col_expr(clue::Column::Version, Expr::col(clue::Column::Version).add(1))
        .col_expr(clue::Column::UpdatedAt, Expr::value(crate::clock::now()))
        .filter(clue::Column::Id.eq(new.clue_id))
        .filter(clue::Column::Status.eq(ClueStatus::Approved))
        .exec(&txn)
        .await?;
    let persons =
        serde_json::to_string(&persons).map_err(|e| ServiceError::internal(e, "copying the persons of a clue"))?;
    let created = insert(
        &txn,
        Source { clue_id: Some(new.clue_id), finding_id: None, matter: new.matter },
        new.agency_id,
        deadline,
        (found.alleged_violation, found.evidence, persons),
    )
    .await?;
    log::record(&txn, access, RecordKind::Referral, Action::Refer, created.id).await?;
    txn.commit().await?;
    Ok(created)
}

/// Passes a finding — a problem that is not a clue, such as a failure of a system — to the
/// department responsible for it, with a deadline and its answer tracked (office).
pub async fn refer_finding(
    db: &DatabaseConnection,
    access: &Access,
    finding_id: i32,
    agency_id: i32,
    deadline: Option<NaiveDate>,
) -> ServiceResult<referral::Model> {
    access.permit::<referral::Entity>(Action::Refer)?;
    let deadline = deadline_of(deadline)?;
    let txn = crate::store::begin(db).await?;
    let found = access.find_over::<referral::Entity, finding::Entity>(&txn, Action::Refer, finding_id).await?;
    competent_agency(&txn, access, agency_id, ReferralMatter::General).await?;
    refuse_twice(&txn, Condition::all().add(referral::Column::FindingId.eq(finding_id)), agency_id).await?;
    let created = insert(
        &txn,
        Source { clue_id: None, finding_id: Some(finding_id), matter: ReferralMatter::General },
        agency_id,
        deadline,
        (found.description, found.evidence, "[]".to_owned()),
    )
    .await?;
    log::record(&txn, access, RecordKind::Referral, Action::Refer, created.id).await?;
    txn.commit().await?;
    Ok(created)
}

/// What a referral is of.
struct Source {
    clue_id: Option<i32>,
    finding_id: Option<i32>,
    matter: ReferralMatter,
}

/// Writes a new referral, `SENT`, carrying `(what, evidence, persons)`.
async fn insert(
    txn: &DatabaseTransaction,
    source: Source,
    agency_id: i32,
    deadline: NaiveDate,
    (what, evidence, persons): (String, String, String),
) -> ServiceResult<referral::Model> {
    let now = crate::clock::now();
    Ok(referral::ActiveModel {
        clue_id: Set(source.clue_id),
        finding_id: Set(source.finding_id),
        matter: Set(source.matter),
        agency_id: Set(agency_id),
        status: Set(ReferralStatus::Sent),
        deadline: Set(deadline),
        alleged_violation: Set(what),
        evidence: Set(evidence),
        persons: Set(persons),
        disposal_method: Set(None),
        case_filed_on: Set(None),
        conclusion: Set(None),
        acknowledged_at: Set(None),
        concluded_at: Set(None),
        change_seq: Set(next_change(txn).await?),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    }
    .insert(txn)
    .await?)
}

/// Withdraws a referral the agency has not yet acknowledged (office): `SENT` → `WITHDRAWN`, and it
/// vanishes from the agency's view. A clue with no other live referral is `APPROVED` again.
pub async fn withdraw(
    db: &DatabaseConnection,
    access: &Access,
    id: i32,
    expected_version: Option<i32>,
) -> ServiceResult<referral::Model> {
    access.permit::<referral::Entity>(Action::Withdraw)?;
    let txn = crate::store::begin(db).await?;
    let current = access.find::<referral::Entity>(&txn, Action::Withdraw, id).await?;
    validate::version(expected_version, current.version)?;
    let updated =
        move_referral(&txn, &current, "withdraw", ReferralStatus::Sent, ReferralStatus::Withdrawn, |_| {}).await?;
    if let Some(clue_id) = current.clue_id {
        let others = unscoped::<referral::Entity>("the clue's other referrals, whoever may read them")
            .filter(referral::Column::ClueId.eq(clue_id))
            .filter(referral::Column::Status.ne(ReferralStatus::Withdrawn))
            .one(&txn)
            .await?;
        if others.is_none() {
            clue::Entity::update_many()
                .col_expr(clue::Column::Status, Expr::value(ClueStatus::Approved))
                .col_expr(clue::Column::Version, Expr::col(clue::Column::Version).add(1))
                .col_expr(clue::Column::UpdatedAt, Expr::value(crate::clock::now()))
                .filter(clue::Column::Id.eq(clue_id))
                .exec(&txn)
                .await?;
        }
    }
    log::record(&txn, access, RecordKind::Referral, Action::Withdraw, id).await?;
    txn.commit().await?;
    Ok(updated)
}

/// Moves a referral from `from` to `to`, applying `change`, taking the next change number.
async fn move_referral(
    txn: &DatabaseTransaction,
    current: &referral::Model,
    verb: &'static str,
    from: ReferralStatus,
    to: ReferralStatus,
    change: impl FnOnce(&mut referral::ActiveModel),
) -> ServiceResult<referral::Model> {
    if current.status != from {
        return Err(ServiceError::InvalidTransition { kind: "referral", action: verb, from: current.status.name() });
    }
    let mut row: referral::ActiveModel = current.clone().into();
    row.status = Set(to);
    change(&mut row);
    row.change_seq = Set(next_change(txn).await?);
    row.updated_at = Set(crate::clock::now());
    row.version = Set(current.version + 1);
    referral::Entity::update_many()
        .set(row)
        .filter(referral::Column::Id.eq(current.id))
        .filter(referral::Column::Version.eq(current.version))
        .exec_with_returning(txn)
        .await?
        .pop()
        .ok_or_else(|| ServiceError::conflict("the referral changed under you; reload and try again"))
}

/// An outcome an agency pushes.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub enum Outcome {
    /// Receipt acknowledged (签收): `SENT` → `ACKNOWLEDGED`.
    Acknowledge,
    /// The disposal method chosen (may change until concluded).
    DisposalMethod(DisposalMethod),
    /// A case filed (立案) on this day.
    CaseFiled(NaiveDate),
    /// A measure decided for a person; on a concluded referral too (a court's judgment after a
    /// transfer).
    Disposition {
        /// The person.
        person_name: String,
        /// Their rank.
        rank: PersonRank,
        /// The measure.
        measure: Measure,
        /// When it was decided.
        decided_on: NaiveDate,
        /// What it says in words (required for a court's judgment).
        note: Option<String>,
    },
    /// Concluded (办结) with a summary, or a department's answer: `ACKNOWLEDGED` → `CONCLUDED`.
    Conclude(String),
    /// A shelved referral taken up again: `SHELVED` → `ACKNOWLEDGED`.
    Reopen,
}

impl Outcome {
    fn action(&self) -> Action {
        match self {
            Outcome::Acknowledge => Action::Acknowledge,
            Outcome::Conclude(_) => Action::Conclude,
            Outcome::Reopen => Action::Reopen,
            _ => Action::Report,
        }
    }
}

/// What `availableTransitions` offers on a referral.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReferralOffer {
    /// `withdrawReferral`.
    Withdraw,
    /// `acknowledgeReferral`.
    Acknowledge,
    /// `setDisposalMethod`.
    SetDisposalMethod,
    /// `reportCaseFiled`.
    ReportCaseFiled,
    /// `addDisposition`.
    AddDisposition,
    /// `concludeReferral`.
    Conclude,
    /// `reopenReferral`.
    Reopen,
}

/// The referral transitions, as `availableTransitions` weighs them, by the rules of `withdraw`,
/// `report` and the agency's competence.
pub static OFFERS: [Offer<referral::Entity, ReferralOffer, ReferralStatus>; 7] = [
    Offer {
        transition: ReferralOffer::Withdraw,
        from: &[ReferralStatus::Sent],
        reach: |a| a.select::<referral::Entity>(Action::Withdraw),
        holds: always,
    },
    Offer {
        transition: ReferralOffer::Acknowledge,
        from: &[ReferralStatus::Sent],
        reach: |a| a.select::<referral::Entity>(Action::Acknowledge),
        holds: always,
    },
    Offer {
        transition: ReferralOffer::SetDisposalMethod,
        from: &[ReferralStatus::Acknowledged],
        reach: |a| a.select::<referral::Entity>(Action::Report),
        holds: |_| to_case_filing_agency(),
    },
    Offer {
        transition: ReferralOffer::ReportCaseFiled,
        from: &[ReferralStatus::Acknowledged],
        reach: |a| a.select::<referral::Entity>(Action::Report),
        holds: |_| to_case_filing_agency(),
    },
    Offer {
        transition: ReferralOffer::AddDisposition,
        from: &[ReferralStatus::Acknowledged, ReferralStatus::Concluded],
        reach: |a| a.select::<referral::Entity>(Action::Report),
        holds: |_| {
            // Only the commission and the organisation department record measures.
            Condition::all().add(referral::Column::FindingId.is_null()).add(
                referral::Column::AgencyId.in_subquery(narrowing::<organization::Entity>(
                    organization::Column::Id,
                    organization::Column::Competence
                        .is_in([AgencyCompetence::DisciplineSupervision, AgencyCompetence::Organization]),
                )),
            )
        },
    },
    Offer {
        transition: ReferralOffer::Conclude,
        from: &[ReferralStatus::Acknowledged],
        reach: |a| a.select::<referral::Entity>(Action::Conclude),
        // The commission concludes once it has chosen a disposal method.
        holds: |_| {
            Condition::any().add(referral::Column::DisposalMethod.is_not_null()).add(to_case_filing_agency().not())
        },
    },
    Offer {
        transition: ReferralOffer::Reopen,
        from: &[ReferralStatus::Shelved],
        reach: |a| a.select::<referral::Entity>(Action::Reopen),
        holds: |_| to_case_filing_agency(),
    },
];

/// Referrals to the agency that files cases and disposes of clues (the commission).
fn to_case_filing_agency() -> Condition {
    Condition::all().add(referral::Column::AgencyId.in_subquery(narrowing::<organization::Entity>(
        organization::Column::Id,
        organization::Column::Competence.eq(AgencyCompetence::DisciplineSupervision),
    )))
}

/// Refuses what an agency of competence `c` may not do (`FORBIDDEN`, naming the competence).
fn within_competence(agency: &organization::Model, outcome: &Outcome) -> ServiceResult<()> {
    let c = agency.competence.unwrap_or(AgencyCompetence::General);
    let refused = |what: String| {
        Err(ServiceError::OutsideCompetence(format!("{} is {}: {what}", agency.name, competence::called(c))))
    };
    match outcome {
        Outcome::DisposalMethod(_) | Outcome::CaseFiled(_) | Outcome::Reopen if !competence::files_cases(c) => refused(
            "only the discipline inspection and supervisory commission files cases and disposes of clues".into(),
        ),
        Outcome::Disposition { measure, .. } if !competence::records(c, *measure) => {
            refused(format!("it may not record {}", measure.name()))
        }
        _ => Ok(()),
    }
}

/// Records an outcome the agency reports (partner). With an idempotency key, the same key and
/// outcome again does nothing and answers the same; the same key with another outcome is
/// `CONFLICT`.
pub async fn report(
    db: &DatabaseConnection,
    access: &Access,
    id: i32,
    outcome: Outcome,
    idempotency_key: Option<&str>,
    expected_version: Option<i32>,
) -> ServiceResult<referral::Model> {
    let action = outcome.action();
    access.permit::<referral::Entity>(action)?;
    let today = crate::clock::today();
    let dated = match &outcome {
        Outcome::CaseFiled(d) => Some(("filedOn", *d)),
        Outcome::Disposition { decided_on, .. } => Some(("decidedOn", *decided_on)),
        _ => None,
    };
    let outcome = match outcome {
        Outcome::Disposition { person_name, rank, measure, decided_on, note } => {
            let note = note
                .as_deref()
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(|n| validate::prose("note", n, 2_000))
                .transpose()
                .and_then(|note| match note {
                    None if measure == Measure::CourtJudgment => {
                        Err(ServiceError::bad_input("note", "a court's judgment says what the court decided"))
                    }
                    note => Ok(note),
                });
            let (person_name, note) = validate::all((validate::text("personName", &person_name, 100), note))?;
            Outcome::Disposition { person_name, rank, measure, decided_on, note }
        }
        Outcome::Conclude(text) => Outcome::Conclude(validate::prose("conclusion", &text, 5_000)?),
        other => other,
    };
    let user_id = access.principal()?.user_id;
    let key = idempotency::key(access, idempotency_key, &(id, &outcome))?;
    let txn = match idempotency::begin(db, user_id, key.as_ref()).await? {
        idempotency::Begun::Replay(first) => return replayed(db, access, action, first).await,
        idempotency::Begun::Work(txn) => txn,
    };
    let current = access.find::<referral::Entity>(&txn, action, id).await?;
    validate::version(expected_version, current.version)?;
    let agency = unscoped::<organization::Entity>("the agency of a referral in reach, for its competence")
        .filter(organization::Column::Id.eq(current.agency_id))
        .one(&txn)
        .await?
        .ok_or(ServiceError::NotFound("referral"))?;
    within_competence(&agency, &outcome)?;
    if let Some((field, d)) = dated
        && (d > today || d < crate::clock::day_of(current.created_at))
    {
        return Err(ServiceError::bad_input(field, "must be a day from the referral to today"));
    }
    let updated = match &outcome {
        Outcome::Acknowledge => {
            let now = crate::clock::now();
            move_referral(&txn, &current, "acknowledge", ReferralStatus::Sent, ReferralStatus::Acknowledged, |r| {
                r.acknowledged_at = Set(Some(now));
            })
            .await?
        }
        Outcome::DisposalMethod(m)
            if current.disposal_method == Some(*m) && current.status == ReferralStatus::Acknowledged =>
        {
            // Nothing changes: no new version, no entry in the change stream.
            current.clone()
        }
        Outcome::DisposalMethod(m) => {
            // Shelving (暂存待查) sets the referral aside until it is reopened.
            let m = *m;
            let to = if m == DisposalMethod::ShelvedPending {
                ReferralStatus::Shelved
            } else {
                ReferralStatus::Acknowledged
            };
            move_referral(&txn, &current, "choose a disposal method for", ReferralStatus::Acknowledged, to, |r| {
                r.disposal_method = Set(Some(m));
            })
            .await?
        }
        Outcome::Reopen => {
            move_referral(&txn, &current, "reopen", ReferralStatus::Shelved, ReferralStatus::Acknowledged, |r| {
                r.disposal_method = Set(None);
            })
            .await?
        }
        Outcome::CaseFiled(d) => {
            let d = *d;
            move_referral(
                &txn,
                &current,
                "report a case filed on",
                ReferralStatus::Acknowledged,
                ReferralStatus::Acknowledged,
                |r| {
                    r.case_filed_on = Set(Some(d));
                },
            )
            .await?
        }
        Outcome::Disposition { person_name, rank, measure, decided_on, note } => {
            if current.finding_id.is_some() {
                return Err(ServiceError::bad_input(
                    "measure",
                    "a problem passed on for handling records no measure on persons: conclude it with the answer",
                ));
            }
            if *measure == Measure::CourtJudgment
                && unscoped::<disposition::Entity>("the referral's transfers, for the court's judgment on them")
                    .filter(disposition::Column::ReferralId.eq(id))
                    .filter(disposition::Column::PersonName.eq(person_name.as_str()))
                    .filter(disposition::Column::Measure.eq(Measure::TransferToProcuratorate))
                    .one(&txn)
                    .await?
                    .is_none()
            {
                return Err(ServiceError::bad_input(
                    "measure",
                    "a court's judgment follows a transfer of the same person to the procuratorate",
                ));
            }
            // On a concluded referral the outcome comes late (a judgment): it stays concluded, and
            // the change stream delivers it.
            let state = if current.status == ReferralStatus::Concluded {
                ReferralStatus::Concluded
            } else {
                ReferralStatus::Acknowledged
            };
            let updated = move_referral(&txn, &current, "record a disposition on", state, state, |_| {}).await?;
            disposition::ActiveModel {
                referral_id: Set(id),
                person_name: Set(person_name.clone()),
                rank: Set(*rank),
                measure: Set(*measure),
                note: Set(note.clone()),
                decided_on: Set(*decided_on),
                created_at: Set(crate::clock::now()),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            updated
        }
        Outcome::Conclude(text) => {
            let commission = competence::files_cases(agency.competence.unwrap_or(AgencyCompetence::General));
            if commission && current.status == ReferralStatus::Acknowledged && current.disposal_method.is_none() {
                return Err(ServiceError::bad_input("disposalMethod", "choose a disposal method before concluding"));
            }
            let (text, now) = (text.clone(), crate::clock::now());
            move_referral(&txn, &current, "conclude", ReferralStatus::Acknowledged, ReferralStatus::Concluded, |r| {
                r.conclusion = Set(Some(text));
                r.concluded_at = Set(Some(now));
            })
            .await?
        }
    };
    if let Some(k) = &key {
        idempotency::answer(&txn, k, &updated).await?;
    }
    log::record(&txn, access, RecordKind::Referral, action, id).await?;
    txn.commit().await?;
    Ok(updated)
}

/// The first answer again, if the caller may still see the referral; the read is logged.
async fn replayed(
    db: &DatabaseConnection,
    access: &Access,
    action: Action,
    answer: referral::Model,
) -> ServiceResult<referral::Model> {
    access.find::<referral::Entity>(db, action, answer.id).await?;
    log::record_many(db, access, RecordKind::Referral, Action::Read, &[answer.id]).await?;
    Ok(answer)
}

/// The orders of the list.
pub fn ordering(order: ReferralOrder) -> Ordering<referral::Entity> {
    match order {
        ReferralOrder::CreatedAtDesc => Ordering::<referral::Entity> {
            name: "created_desc",
            column: referral::Column::Id,
            order: sea_orm::Order::Desc,
            value: |m| SortValue::Int(m.id.into()),
            id_column: referral::Column::Id,
            id: |m| m.id,
        },
        ReferralOrder::DeadlineAsc => Ordering::<referral::Entity> {
            name: "deadline",
            column: referral::Column::Deadline,
            order: sea_orm::Order::Asc,
            value: |m| SortValue::Date(m.deadline),
            id_column: referral::Column::Id,
            id: |m| m.id,
        },
        ReferralOrder::ChangeSeqAsc => Ordering::<referral::Entity> {
            name: "changes",
            column: referral::Column::ChangeSeq,
            order: sea_orm::Order::Asc,
            value: |m| SortValue::Int(m.change_seq),
            id_column: referral::Column::Id,
            id: |m| m.id,
        },
    }
}
