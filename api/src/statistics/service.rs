//! Counting the records in the caller's scope.

use entities::{
    ClueStatus, FindingCategory, InspectionKind, InspectionStatus, Measure, OrganizationKind, PersonRank, PlanStatus,
    RectificationGrade, RectificationReportKind, RectificationReportStatus, ReferralStatus, Role, TaskStatus,
    UnitCategory, accountability_record, clue, disposition, expert, finding, inspection, interview_session,
    interviewee, organization, plan_entry, recommendation, rectification_plan, rectification_report,
    rectification_task, referral, regulation, round, supervision_note, term,
};
use sea_orm::{
    ActiveEnum, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, Iterable, JoinType,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait,
    sea_query::{Alias, Expr, Query, SelectStatement},
};

use crate::{
    error::{ServiceError, ServiceResult},
    gate::{Access, Action, RecordKind, narrowing},
};

/// Units covered in one category.
#[derive(Debug, Clone)]
pub struct Coverage {
    /// The category; `None` for all the district's own units (villages and communities apart).
    pub category: Option<UnitCategory>,
    /// Units inspected in a started round of those counted.
    pub covered: u64,
    /// Units in the term's plan; `None` without a term, or for a caller who may not read plans.
    pub planned: Option<u64>,
    /// All units.
    pub total: u64,
}

/// Clues by state.
#[derive(Debug, Clone, Default)]
pub struct ClueFigures {
    /// Drafts the team has not submitted.
    pub draft: u64,
    /// Submitted, awaiting the leadership group.
    pub submitted: u64,
    /// Approved for referral, not yet referred.
    pub approved: u64,
    /// Rejected by the leadership group.
    pub rejected: u64,
    /// Referred to an agency.
    pub referred: u64,
}

impl ClueFigures {
    /// The clues found (发现问题线索): every clue the team submitted to the leadership group,
    /// whatever was decided on it — all but the drafts.
    pub fn found(&self) -> u64 {
        self.submitted + self.approved + self.rejected + self.referred
    }

    /// Every clue, drafts included.
    pub fn total(&self) -> u64 {
        self.found() + self.draft
    }
}

/// Rectification tasks by state.
#[derive(Debug, Clone, Default)]
pub struct Tasks {
    /// All tasks.
    pub total: u64,
    /// Assigned, not started.
    pub assigned: u64,
    /// In progress.
    pub in_progress: u64,
    /// Submitted for verification.
    pub submitted: u64,
    /// Returned for a second round.
    pub returned: u64,
    /// Reopened by a follow-up inspection.
    pub reopened: u64,
    /// Closed (销号).
    pub closed: u64,
    /// Past their deadline and not closed.
    pub overdue: u64,
}

impl Tasks {
    /// Closed over all, 0 to 1; `None` when there are none.
    pub fn completion_rate(&self) -> Option<f64> {
        (self.total > 0).then(|| self.closed as f64 / self.total as f64)
    }
}

/// The units' own rectification: plans, the two-month reports, publication, evaluation, supervision.
#[derive(Debug, Clone, Default)]
pub struct RectificationFigures {
    /// Plans by state (every state, in order).
    pub plans: Vec<(PlanStatus, u64)>,
    /// Plans past their day and not submitted.
    pub plans_overdue: u64,
    /// The two-month reports (the unit's and its principal leader's) by state (every state but
    /// `PUBLISHED`, in order).
    pub reports: Vec<(RectificationReportStatus, u64)>,
    /// Two-month reports past their day and not submitted.
    pub reports_overdue: u64,
    /// Rectifications published.
    pub published: u64,
    /// Rectifications evaluated, by grade (every grade, in order).
    pub grades: Vec<(RectificationGrade, u64)>,
    /// Supervision notes written.
    pub supervision_notes: u64,
}

/// The referrals of one partner agency and what came of them.
#[derive(Debug, Clone, Default)]
pub struct AgencyFigures {
    /// The agency.
    pub agency_id: i32,
    /// Referrals not withdrawn.
    pub referrals: u64,
    /// Sent or acknowledged: awaiting the agency's outcome.
    pub open: u64,
    /// Shelved pending further facts (暂存待查).
    pub shelved: u64,
    /// Concluded.
    pub concluded: u64,
    /// Referrals on which the agency filed a case.
    pub cases_filed: u64,
    /// Persons with at least one recorded outcome, once per referral.
    pub persons_with_outcome: u64,
}

/// The figures; `None` for a figure whose records the caller may not read.
#[derive(Debug, Clone, Default)]
pub struct Figures {
    /// The term whose plan coverage is counted against.
    pub term_id: Option<i32>,
    /// Coverage: the district's own units first, then by category, villages and communities last.
    pub coverage: Option<Vec<Coverage>>,
    /// Inspections begun, by kind (every kind, in order).
    pub inspections_by_kind: Option<Vec<(InspectionKind, u64)>>,
    /// Clues by state.
    pub clue_figures: Option<ClueFigures>,
    /// Rounds.
    pub rounds: Option<u64>,
    /// Inspections.
    pub inspections: Option<u64>,
    /// Findings.
    pub findings: Option<u64>,
    /// Findings in the three political categories.
    pub political_findings: Option<u64>,
    /// Recommendations.
    pub recommendations: Option<u64>,
    /// Referrals (not withdrawn).
    pub referrals: Option<u64>,
    /// Referrals on which a case was filed.
    pub cases_filed: Option<u64>,
    /// Persons disciplined.
    pub persons_disciplined: Option<u64>,
    /// Of them, division-level.
    pub division_level_disciplined: Option<u64>,
    /// Persons per measure (every measure, in order), once per referral.
    pub outcomes: Option<Vec<(Measure, u64)>>,
    /// Referrals per partner agency, in the order of the agencies' ids.
    pub agencies: Option<Vec<AgencyFigures>>,
    /// Rectification tasks.
    pub tasks: Option<Tasks>,
    /// The units' own rectification.
    pub rectification: Option<RectificationFigures>,
    /// Regulations built or revised.
    pub regulations: Option<u64>,
    /// Collective interview sessions.
    pub interview_sessions: Option<u64>,
    /// Units whose heads were interviewed (each once, however many sessions).
    pub units_interviewed: Option<u64>,
    /// Accountability records.
    pub accountability_records: Option<u64>,
    /// Experts in the talent pool (every round).
    pub experts: Option<u64>,
    /// Partner agencies (every round).
    pub partner_agencies: Option<u64>,
}

/// The inspections counted: of one round, of one term's rounds, or all.
fn inspections_of(round_id: Option<i32>, term_id: Option<i32>) -> Condition {
    let mut c = Condition::all();
    if let Some(r) = round_id {
        c = c.add(inspection::Column::RoundId.eq(r));
    }
    if let Some(t) = term_id {
        c = c.add(
            inspection::Column::RoundId
                .in_subquery(narrowing::<round::Entity>(round::Column::Id, round::Column::TermId.eq(t))),
        );
    }
    c
}

/// The term coverage is counted against: the one asked for, the round's, or the latest that has
/// begun (the latest of all, if none has); `None` when there is none the caller may read.
async fn coverage_term(
    db: &DatabaseConnection,
    access: &Access,
    term_id: Option<i32>,
    round: Option<&round::Model>,
) -> ServiceResult<Option<i32>> {
    if let Some(t) = term_id.or(round.and_then(|r| r.term_id)) {
        return Ok(Some(t));
    }
    if round.is_some() {
        return Ok(None);
    }
    let Some(terms) = access.visible::<term::Entity>()? else {
        return Ok(None);
    };
    let begun = terms
        .clone()
        .filter(term::Column::StartsOn.lte(crate::clock::today()))
        .order_by_desc(term::Column::StartsOn)
        .one(db)
        .await?;
    Ok(match begun {
        Some(t) => Some(t.id),
        None => terms.order_by_desc(term::Column::StartsOn).one(db).await?.map(|t| t.id),
    })
}

/// Counts the figures in the caller's scope, for one round, one term's rounds, or all.
pub async fn compute(
    db: &DatabaseConnection,
    access: &Access,
    round_id: Option<i32>,
    term_id: Option<i32>,
) -> ServiceResult<Figures> {
    access.principal()?;
    let mut f = Figures::default();
    // A round or a term the caller cannot see (or may see none at all) is not found.
    let round = match round_id {
        Some(r) => Some(
            access
                .visible::<round::Entity>()?
                .ok_or(ServiceError::NotFound("round"))?
                .filter(round::Column::Id.eq(r))
                .one(db)
                .await?
                .ok_or(ServiceError::NotFound("round"))?,
        ),
        None => None,
    };
    if let Some(t) = term_id {
        access
            .visible::<term::Entity>()?
            .ok_or(ServiceError::NotFound("term"))?
            .filter(term::Column::Id.eq(t))
            .one(db)
            .await?
            .ok_or(ServiceError::NotFound("term"))?;
        if round.as_ref().is_some_and(|r| r.term_id != Some(t)) {
            return Err(ServiceError::bad_input("roundId", "is not a round of this term"));
        }
    }
    let counted = inspections_of(round_id, term_id);
    let inspection_ids = || narrowing::<inspection::Entity>(inspection::Column::Id, counted.clone());

    // Rounds that have started and inspections that have begun: a plan is not yet work done.
    if let Some(visible) = access.visible::<round::Entity>()? {
        let mut q = visible.filter(round::Column::Status.is_in(crate::gate::scope::STARTED));
        if let Some(r) = round_id {
            q = q.filter(round::Column::Id.eq(r));
        }
        if let Some(t) = term_id {
            q = q.filter(round::Column::TermId.eq(t));
        }
        f.rounds = Some(q.count(db).await?);
    }
    if let (Some(units), Some(inspections)) =
        (access.visible::<organization::Entity>()?, access.visible_reach::<inspection::Entity>()?)
    {
        let term = coverage_term(db, access, term_id, round.as_ref()).await?;
        f.term_id = term;
        let covered_units = narrowing::<inspection::Entity>(
            inspection::Column::UnitId,
            inspections
                .clone()
                .add(inspections_of(round_id, term.or(term_id)))
                .add(inspection::Column::RoundId.in_subquery(crate::gate::scope::started_rounds())),
        );
        let plans = match term {
            Some(t) => access.visible::<plan_entry::Entity>()?.map(|p| {
                p.select_only().column(plan_entry::Column::UnitId).filter(plan_entry::Column::TermId.eq(t)).into_query()
            }),
            None => None,
        };
        let mut coverage = Vec::new();
        for category in [
            None,
            Some(UnitCategory::DistrictDepartment),
            Some(UnitCategory::TownshipStreet),
            Some(UnitCategory::StateEnterpriseInstitution),
            Some(UnitCategory::VillageCommunity),
        ] {
            let mut all = units.clone().filter(organization::Column::Kind.eq(OrganizationKind::AuditedUnit));
            all = match category {
                Some(c) => all.filter(organization::Column::UnitCategory.eq(c)),
                None => all.filter(organization::Column::UnitCategory.is_in(UnitCategory::DISTRICT_LEVEL)),
            };
            let total = all.clone().count(db).await?;
            let covered =
                all.clone().filter(organization::Column::Id.in_subquery(covered_units.clone())).count(db).await?;
            let planned = match &plans {
                Some(p) => Some(all.filter(organization::Column::Id.in_subquery(p.clone())).count(db).await?),
                None => None,
            };
            coverage.push(Coverage { category, covered, planned, total });
        }
        f.coverage = Some(coverage);
        let begun = access
            .select::<inspection::Entity>(Action::Read)?
            .filter(counted.clone())
            .filter(inspection::Column::Status.ne(InspectionStatus::Planned));
        f.inspections = Some(begun.clone().count(db).await?);
        let by_kind: Vec<(InspectionKind, i64)> = begun
            .select_only()
            .column(inspection::Column::Kind)
            .column_as(inspection::Column::Id.count(), "n")
            .group_by(inspection::Column::Kind)
            .into_tuple()
            .all(db)
            .await?;
        f.inspections_by_kind = Some(
            InspectionKind::iter()
                .map(|k| (k, by_kind.iter().find(|(kind, _)| *kind == k).map_or(0, |(_, n)| *n as u64)))
                .collect(),
        );
    }
    if let Some(visible) = access.visible::<finding::Entity>()? {
        let q = visible.filter(finding::Column::InspectionId.in_subquery(inspection_ids()));
        f.findings = Some(q.clone().count(db).await?);
        f.political_findings =
            Some(q.filter(finding::Column::Category.is_in(FindingCategory::POLITICAL)).count(db).await?);
    }
    if let Some(visible) = access.visible::<clue::Entity>()? {
        let by_status: Vec<(ClueStatus, i64)> = visible
            .filter(clue::Column::InspectionId.in_subquery(inspection_ids()))
            .select_only()
            .column(clue::Column::Status)
            .column_as(clue::Column::Id.count(), "n")
            .group_by(clue::Column::Status)
            .into_tuple()
            .all(db)
            .await?;
        let mut clues = ClueFigures::default();
        for (status, n) in by_status {
            *match status {
                ClueStatus::Draft => &mut clues.draft,
                ClueStatus::Submitted => &mut clues.submitted,
                ClueStatus::Approved => &mut clues.approved,
                ClueStatus::Rejected => &mut clues.rejected,
                ClueStatus::Referred => &mut clues.referred,
            } = n as u64;
        }
        f.clue_figures = Some(clues);
    }
    if let Some(visible) = access.visible::<recommendation::Entity>()? {
        f.recommendations =
            Some(visible.filter(recommendation::Column::InspectionId.in_subquery(inspection_ids())).count(db).await?);
    }
    // A referral belongs to the inspection of its clue, or of its finding (问题移交).
    let of_round = Condition::any()
        .add(referral::Column::ClueId.in_subquery(narrowing::<clue::Entity>(
            clue::Column::Id,
            clue::Column::InspectionId.in_subquery(inspection_ids()),
        )))
        .add(referral::Column::FindingId.in_subquery(narrowing::<finding::Entity>(
            finding::Column::Id,
            finding::Column::InspectionId.in_subquery(inspection_ids()),
        )));
    // Counted by round or term, an agency's referrals would tell it where they came from: its
    // referral figures are over all rounds only (null when narrowed).
    let narrowed = round_id.is_some() || term_id.is_some();
    let origin_hidden = narrowed && access.acting_roles(RecordKind::Referral, Action::Read).contains(&Role::Partner);
    let referrals_visible = if origin_hidden { None } else { access.visible::<referral::Entity>()? };
    let dispositions_visible = if origin_hidden { None } else { access.visible::<disposition::Entity>()? };
    if let Some(visible) = referrals_visible {
        let q = visible.filter(referral::Column::Status.ne(ReferralStatus::Withdrawn)).filter(of_round.clone());
        f.referrals = Some(q.clone().count(db).await?);
        f.cases_filed = Some(q.clone().filter(referral::Column::CaseFiledOn.is_not_null()).count(db).await?);
        // Per agency: one grouped count by state, one of cases filed.
        let by_state: Vec<(i32, ReferralStatus, i64)> = q
            .clone()
            .select_only()
            .column(referral::Column::AgencyId)
            .column(referral::Column::Status)
            .column_as(referral::Column::Id.count(), "n")
            .group_by(referral::Column::AgencyId)
            .group_by(referral::Column::Status)
            .into_tuple()
            .all(db)
            .await?;
        let filed: Vec<(i32, i64)> = q
            .filter(referral::Column::CaseFiledOn.is_not_null())
            .select_only()
            .column(referral::Column::AgencyId)
            .column_as(referral::Column::Id.count(), "n")
            .group_by(referral::Column::AgencyId)
            .into_tuple()
            .all(db)
            .await?;
        let mut agencies = std::collections::BTreeMap::<i32, AgencyFigures>::new();
        for (agency, status, n) in by_state {
            let a = agencies.entry(agency).or_insert_with(|| AgencyFigures { agency_id: agency, ..Default::default() });
            let n = n as u64;
            a.referrals += n;
            match status {
                ReferralStatus::Sent | ReferralStatus::Acknowledged => a.open += n,
                ReferralStatus::Shelved => a.shelved += n,
                ReferralStatus::Concluded => a.concluded += n,
                ReferralStatus::Withdrawn => {}
            }
        }
        for (agency, n) in filed {
            agencies
                .entry(agency)
                .or_insert_with(|| AgencyFigures { agency_id: agency, ..Default::default() })
                .cases_filed = n as u64;
        }
        f.agencies = Some(agencies.into_values().collect());
    }
    if let Some(visible) = dispositions_visible {
        let referrals_of_round = narrowing::<referral::Entity>(referral::Column::Id, of_round);
        // A person is disciplined once per referral, whatever the number of measures.
        let persons = |division: bool| {
            let mut q = visible
                .clone()
                .select_only()
                .column(disposition::Column::ReferralId)
                .column(disposition::Column::PersonName)
                .distinct()
                .filter(disposition::Column::ReferralId.in_subquery(referrals_of_round.clone()));
            if division {
                q = q.filter(disposition::Column::Rank.eq(PersonRank::DivisionLevel));
            }
            q
        };
        f.persons_disciplined = Some(persons(false).count(db).await?);
        f.division_level_disciplined = Some(persons(true).count(db).await?);
        // Persons per measure: the distinct (measure, referral, person), counted per measure.
        let per_measure = persons(false).column(disposition::Column::Measure).into_query();
        let counted: Vec<(String, i64)> = count_per(db, per_measure, "measure").await?;
        let mut outcomes: Vec<(Measure, u64)> = Measure::iter().map(|m| (m, 0)).collect();
        for (value, n) in counted {
            let measure = Measure::try_from_value(&value)?;
            if let Some(o) = outcomes.iter_mut().find(|(m, _)| *m == measure) {
                o.1 = n as u64;
            }
        }
        f.outcomes = Some(outcomes);
        // Persons per agency: the distinct (agency, referral, person), counted per agency. The
        // agency comes from the referral the disposition belongs to.
        let per_agency = persons(false)
            .join(
                JoinType::InnerJoin,
                disposition::Entity::belongs_to(referral::Entity)
                    .from(disposition::Column::ReferralId)
                    .to(referral::Column::Id)
                    .into(),
            )
            .column_as(Expr::col((referral::Entity, referral::Column::AgencyId)), "agency_id")
            .into_query();
        let counted: Vec<(i32, i64)> = count_per(db, per_agency, "agency_id").await?;
        if let Some(agencies) = f.agencies.as_mut() {
            for (agency, n) in counted {
                if let Some(a) = agencies.iter_mut().find(|a| a.agency_id == agency) {
                    a.persons_with_outcome = n as u64;
                }
            }
        }
    }
    if let Some(visible) = access.visible::<rectification_task::Entity>()? {
        let base = visible.filter(rectification_task::Column::InspectionId.in_subquery(inspection_ids()));
        // Every state in one grouped count.
        let mut tasks = Tasks::default();
        let by_status: Vec<(TaskStatus, i64)> = base
            .clone()
            .select_only()
            .column(rectification_task::Column::Status)
            .column_as(rectification_task::Column::Id.count(), "n")
            .group_by(rectification_task::Column::Status)
            .into_tuple()
            .all(db)
            .await?;
        for (status, n) in by_status {
            let n = n as u64;
            tasks.total += n;
            *match status {
                TaskStatus::Assigned => &mut tasks.assigned,
                TaskStatus::InProgress => &mut tasks.in_progress,
                TaskStatus::Submitted => &mut tasks.submitted,
                TaskStatus::Returned => &mut tasks.returned,
                TaskStatus::Reopened => &mut tasks.reopened,
                TaskStatus::Closed => &mut tasks.closed,
            } = n;
        }
        f.tasks = Some(Tasks {
            overdue: base
                .filter(rectification_task::Column::Status.ne(TaskStatus::Closed))
                .filter(rectification_task::Column::Deadline.lt(crate::clock::today()))
                .count(db)
                .await?,
            ..tasks
        });
    }
    if let Some(visible) = access.visible::<rectification_plan::Entity>()? {
        let plans = visible.filter(rectification_plan::Column::InspectionId.in_subquery(inspection_ids()));
        let by_status: Vec<(PlanStatus, i64)> = plans
            .clone()
            .select_only()
            .column(rectification_plan::Column::Status)
            .column_as(rectification_plan::Column::Id.count(), "n")
            .group_by(rectification_plan::Column::Status)
            .into_tuple()
            .all(db)
            .await?;
        let by_grade: Vec<(Option<RectificationGrade>, i64)> = plans
            .clone()
            .select_only()
            .column(rectification_plan::Column::Grade)
            .column_as(rectification_plan::Column::Id.count(), "n")
            .group_by(rectification_plan::Column::Grade)
            .into_tuple()
            .all(db)
            .await?;
        let plans_overdue = plans
            .filter(rectification_plan::Column::Status.is_in([PlanStatus::Drafting, PlanStatus::Returned]))
            .filter(rectification_plan::Column::DueOn.lt(crate::clock::today()))
            .count(db)
            .await?;
        let count =
            |rows: &[(PlanStatus, i64)], s: PlanStatus| rows.iter().find(|r| r.0 == s).map_or(0, |r| r.1 as u64);
        let mut r = RectificationFigures {
            plans: PlanStatus::iter().map(|s| (s, count(&by_status, s))).collect(),
            plans_overdue,
            grades: RectificationGrade::iter()
                .map(|g| (g, by_grade.iter().find(|r| r.0 == Some(g)).map_or(0, |r| r.1 as u64)))
                .collect(),
            ..Default::default()
        };
        if let Some(visible) = access.visible::<rectification_report::Entity>()? {
            let reports = visible.filter(rectification_report::Column::InspectionId.in_subquery(inspection_ids()));
            let by_kind: Vec<(RectificationReportKind, RectificationReportStatus, i64)> = reports
                .clone()
                .select_only()
                .column(rectification_report::Column::Kind)
                .column(rectification_report::Column::Status)
                .column_as(rectification_report::Column::Id.count(), "n")
                .group_by(rectification_report::Column::Kind)
                .group_by(rectification_report::Column::Status)
                .into_tuple()
                .all(db)
                .await?;
            let two_month = |s: RectificationReportStatus| {
                by_kind
                    .iter()
                    .filter(|r| r.0 != RectificationReportKind::Public && r.1 == s)
                    .map(|r| r.2 as u64)
                    .sum::<u64>()
            };
            r.reports = RectificationReportStatus::iter()
                .filter(|s| *s != RectificationReportStatus::Published)
                .map(|s| (s, two_month(s)))
                .collect();
            r.published =
                by_kind.iter().filter(|x| x.1 == RectificationReportStatus::Published).map(|x| x.2 as u64).sum();
            r.reports_overdue =
                reports.filter(crate::rectification_reports::service::overdue_condition()).count(db).await?;
        }
        if let Some(visible) = access.visible::<supervision_note::Entity>()? {
            r.supervision_notes =
                visible.filter(supervision_note::Column::InspectionId.in_subquery(inspection_ids())).count(db).await?;
        }
        f.rectification = Some(r);
    }
    if let Some(visible) = access.visible::<regulation::Entity>()? {
        f.regulations = Some(
            visible.filter(entities::regulation::Column::InspectionId.in_subquery(inspection_ids())).count(db).await?,
        );
    }
    let rounds_of_term = |t: i32| narrowing::<round::Entity>(round::Column::Id, round::Column::TermId.eq(t));
    if let Some(visible) = access.visible::<interview_session::Entity>()? {
        let mut q = visible;
        if let Some(r) = round_id {
            q = q.filter(interview_session::Column::RoundId.eq(r));
        }
        if let Some(t) = term_id {
            q = q.filter(interview_session::Column::RoundId.in_subquery(rounds_of_term(t)));
        }
        f.interview_sessions = Some(q.count(db).await?);
    }
    if let Some(visible) = access.visible::<interviewee::Entity>()? {
        let mut q = visible.select_only().column(interviewee::Column::UnitId).distinct();
        if let Some(r) = round_id {
            q = q.filter(interviewee::Column::SessionId.in_subquery(narrowing::<interview_session::Entity>(
                interview_session::Column::Id,
                interview_session::Column::RoundId.eq(r),
            )));
        }
        if let Some(t) = term_id {
            q = q.filter(interviewee::Column::SessionId.in_subquery(narrowing::<interview_session::Entity>(
                interview_session::Column::Id,
                interview_session::Column::RoundId.in_subquery(rounds_of_term(t)),
            )));
        }
        f.units_interviewed = Some(q.count(db).await?);
    }
    if let Some(visible) = access.visible::<accountability_record::Entity>()? {
        f.accountability_records = Some(
            visible.filter(accountability_record::Column::InspectionId.in_subquery(inspection_ids())).count(db).await?,
        );
    }
    if let Some(visible) = access.visible::<expert::Entity>()? {
        f.experts = Some(visible.count(db).await?);
    }
    if let Some(visible) = access.visible::<organization::Entity>()? {
        f.partner_agencies =
            Some(visible.filter(organization::Column::Kind.eq(OrganizationKind::PartnerAgency)).count(db).await?);
    }
    Ok(f)
}

/// `SELECT key, COUNT(*) FROM (inner) GROUP BY key`: counts the distinct rows of `inner` per value
/// of its column `key`, in one statement on either database.
async fn count_per<K: sea_orm::TryGetable>(
    db: &DatabaseConnection,
    inner: SelectStatement,
    key: &str,
) -> ServiceResult<Vec<(K, i64)>> {
    let rows = Query::select()
        .column(Alias::new(key))
        .expr_as(Expr::cust("COUNT(*)"), Alias::new("n"))
        .from_subquery(inner, Alias::new("counted"))
        .group_by_col(Alias::new(key))
        .to_owned();
    let rows = db.query_all(&rows).await?;
    let mut counted = Vec::with_capacity(rows.len());
    for row in rows {
        counted.push((row.try_get::<K>("", key)?, row.try_get::<i64>("", "n")?));
    }
    Ok(counted)
}
