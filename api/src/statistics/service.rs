//! Counting the records in the caller's scope.

use entities::{
    FindingCategory, InspectionStatus, OrganizationKind, PersonRank, TaskStatus, UnitCategory, accountability_record,
    clue, disposition, expert, finding, inspection, interview_session, interviewee, organization, recommendation,
    rectification_task, referral, regulation, round,
};
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, PaginatorTrait, QueryFilter, QuerySelect, sea_query::SelectStatement,
};

use crate::{
    error::{ServiceError, ServiceResult},
    gate::{Access, Action, narrowing},
};

/// Units covered in one category.
#[derive(Debug, Clone)]
pub struct Coverage {
    /// The category; `None` for all units.
    pub category: Option<UnitCategory>,
    /// Units inspected in a round that has started.
    pub covered: u64,
    /// All units.
    pub total: u64,
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

/// The figures; `None` for a figure whose records the caller may not read.
#[derive(Debug, Clone, Default)]
pub struct Figures {
    /// Coverage: all units first, then by category.
    pub coverage: Option<Vec<Coverage>>,
    /// Rounds.
    pub rounds: Option<u64>,
    /// Inspections.
    pub inspections: Option<u64>,
    /// Findings.
    pub findings: Option<u64>,
    /// Findings in the three political categories.
    pub political_findings: Option<u64>,
    /// Clues.
    pub clues: Option<u64>,
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
    /// Rectification tasks.
    pub tasks: Option<Tasks>,
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

/// `SELECT id FROM inspections WHERE round_id = r` (all inspections when no round).
fn inspections_of(round_id: Option<i32>) -> Condition {
    match round_id {
        Some(r) => Condition::all().add(inspection::Column::RoundId.eq(r)),
        None => Condition::all(),
    }
}

fn inspection_ids(round_id: Option<i32>) -> SelectStatement {
    narrowing::<inspection::Entity>(inspection::Column::Id, inspections_of(round_id))
}

/// Counts the figures in the caller's scope, for one round or all.
pub async fn compute(db: &DatabaseConnection, access: &Access, round_id: Option<i32>) -> ServiceResult<Figures> {
    access.principal()?;
    let mut f = Figures::default();
    // A round the caller cannot see (or may see no round at all) is not found.
    if let Some(r) = round_id {
        access
            .visible::<round::Entity>()?
            .ok_or(ServiceError::NotFound("round"))?
            .filter(round::Column::Id.eq(r))
            .one(db)
            .await?
            .ok_or(ServiceError::NotFound("round"))?;
    }

    // Rounds that have started and inspections that have begun: a plan is not yet work done.
    if let Some(visible) = access.visible::<round::Entity>()? {
        let mut q = visible.filter(round::Column::Status.is_in(crate::gate::scope::STARTED));
        if let Some(r) = round_id {
            q = q.filter(round::Column::Id.eq(r));
        }
        f.rounds = Some(q.count(db).await?);
    }
    if let (Some(units), Some(inspections)) =
        (access.visible::<organization::Entity>()?, access.visible_reach::<inspection::Entity>()?)
    {
        let covered_units = narrowing::<inspection::Entity>(
            inspection::Column::UnitId,
            inspections
                .clone()
                .add(inspections_of(round_id))
                .add(inspection::Column::RoundId.in_subquery(crate::gate::scope::started_rounds())),
        );
        let mut coverage = Vec::new();
        for category in [
            None,
            Some(UnitCategory::DistrictDepartment),
            Some(UnitCategory::TownshipStreet),
            Some(UnitCategory::StateEnterpriseInstitution),
        ] {
            let mut all = units.clone().filter(organization::Column::Kind.eq(OrganizationKind::AuditedUnit));
            if let Some(c) = category {
                all = all.filter(organization::Column::UnitCategory.eq(c));
            }
            let total = all.clone().count(db).await?;
            let covered = all.filter(organization::Column::Id.in_subquery(covered_units.clone())).count(db).await?;
            coverage.push(Coverage { category, covered, total });
        }
        f.coverage = Some(coverage);
        f.inspections = Some(
            access
                .select::<inspection::Entity>(Action::Read)?
                .filter(inspections_of(round_id))
                .filter(inspection::Column::Status.ne(InspectionStatus::Planned))
                .count(db)
                .await?,
        );
    }
    if let Some(visible) = access.visible::<finding::Entity>()? {
        let q = visible.filter(finding::Column::InspectionId.in_subquery(inspection_ids(round_id)));
        f.findings = Some(q.clone().count(db).await?);
        f.political_findings =
            Some(q.filter(finding::Column::Category.is_in(FindingCategory::POLITICAL)).count(db).await?);
    }
    if let Some(visible) = access.visible::<clue::Entity>()? {
        f.clues =
            Some(visible.filter(clue::Column::InspectionId.in_subquery(inspection_ids(round_id))).count(db).await?);
    }
    if let Some(visible) = access.visible::<recommendation::Entity>()? {
        f.recommendations = Some(
            visible
                .filter(recommendation::Column::InspectionId.in_subquery(inspection_ids(round_id)))
                .count(db)
                .await?,
        );
    }
    let clues_of_round =
        narrowing::<clue::Entity>(clue::Column::Id, clue::Column::InspectionId.in_subquery(inspection_ids(round_id)));
    if let Some(visible) = access.visible::<referral::Entity>()? {
        let q = visible
            .filter(referral::Column::Status.ne(entities::ReferralStatus::Withdrawn))
            .filter(referral::Column::ClueId.in_subquery(clues_of_round.clone()));
        f.referrals = Some(q.clone().count(db).await?);
        f.cases_filed = Some(q.filter(referral::Column::CaseFiledOn.is_not_null()).count(db).await?);
    }
    if let Some(visible) = access.visible::<disposition::Entity>()? {
        let referrals_of_round =
            narrowing::<referral::Entity>(referral::Column::Id, referral::Column::ClueId.in_subquery(clues_of_round));
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
    }
    if let Some(visible) = access.visible::<rectification_task::Entity>()? {
        let base = visible.filter(rectification_task::Column::InspectionId.in_subquery(inspection_ids(round_id)));
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
                TaskStatus::Closed => &mut tasks.closed,
            } = n;
        }
        f.tasks = Some(Tasks {
            overdue: base
                .filter(rectification_task::Column::Status.ne(TaskStatus::Closed))
                .filter(rectification_task::Column::Deadline.lt(crate::clock::now().date_naive()))
                .count(db)
                .await?,
            ..tasks
        });
    }
    if let Some(visible) = access.visible::<regulation::Entity>()? {
        f.regulations = Some(
            visible
                .filter(entities::regulation::Column::InspectionId.in_subquery(inspection_ids(round_id)))
                .count(db)
                .await?,
        );
    }
    if let Some(visible) = access.visible::<interview_session::Entity>()? {
        let mut q = visible;
        if let Some(r) = round_id {
            q = q.filter(interview_session::Column::RoundId.eq(r));
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
        f.units_interviewed = Some(q.count(db).await?);
    }
    if let Some(visible) = access.visible::<accountability_record::Entity>()? {
        f.accountability_records = Some(
            visible
                .filter(accountability_record::Column::InspectionId.in_subquery(inspection_ids(round_id)))
                .count(db)
                .await?,
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
