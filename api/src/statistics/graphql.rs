//! Statistics in the schema.

use async_graphql::{ComplexObject, Context, ID, Object, SimpleObject};
use entities::RecordKind;

use super::service;
use crate::{
    error::ApiResult,
    graphql::{
        context::request,
        enums::{
            InspectionKind, Measure, MeasureGroup, RectificationGrade, RectificationPlanStatus,
            RectificationReportStatus, UnitCategory,
        },
        id,
        loader::optional,
    },
    organizations::graphql::Organization,
    rounds::graphql::Round,
    terms::graphql::Term,
};

/// Coverage (全覆盖) of the audited units in one category, or of all the district's own units,
/// against the term's plan.
#[derive(SimpleObject, Clone)]
pub struct UnitCoverage {
    /// The category; null for all the district's own units (district departments, townships and
    /// streets, state enterprises and institutions: villages and communities are counted apart).
    pub category: Option<UnitCategory>,
    /// Units inspected (the team stationed, or the round started) in the rounds counted: the
    /// term's, or the one round's.
    pub covered: u64,
    /// Units in the term's plan (all its years); null without a term, or for callers who may not
    /// read plans.
    pub planned: Option<u64>,
    /// Units not yet in the term's plan: `total` − `planned`.
    pub not_yet_planned: Option<u64>,
    /// All units in the caller's view.
    pub total: u64,
}

/// Clues (问题线索) by state.
#[derive(SimpleObject, Clone)]
pub struct ClueFigures {
    /// Drafts the team has not submitted.
    pub draft: u64,
    /// Submitted, awaiting the leadership group's decision.
    pub submitted: u64,
    /// Approved for referral, not yet referred.
    pub approved: u64,
    /// Rejected by the leadership group.
    pub rejected: u64,
    /// Referred to an agency.
    pub referred: u64,
    /// Every clue, drafts included.
    pub total: u64,
}

/// Inspections begun of one kind.
#[derive(SimpleObject, Clone)]
pub struct KindCount {
    /// The kind.
    pub kind: InspectionKind,
    /// Inspections of that kind begun (the team stationed).
    pub count: u64,
}

/// The persons who received one measure (处理结果), once per referral: a person who received two
/// measures counts under each.
#[derive(SimpleObject, Clone)]
pub struct OutcomeCount {
    /// The measure.
    pub measure: Measure,
    /// Its group (party sanction, government sanction, organisational measure, …).
    pub group: MeasureGroup,
    /// Persons who received it.
    pub persons: u64,
}

/// The referrals (移交) to one partner agency and what came of them.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct AgencyFigures {
    #[graphql(skip)]
    agency_id: i32,
    /// Referrals not withdrawn.
    pub referrals: u64,
    /// Sent or acknowledged: the agency's outcome awaited.
    pub open: u64,
    /// Shelved pending further facts (暂存待查).
    pub shelved: u64,
    /// Concluded (办结).
    pub concluded: u64,
    /// Referrals on which the agency filed a case (立案).
    pub cases_filed: u64,
    /// Persons with at least one outcome recorded, once per referral.
    pub persons_with_outcome: u64,
}

#[ComplexObject]
impl AgencyFigures {
    /// The agency; null if the caller may not read it.
    async fn agency(&self, ctx: &Context<'_>) -> ApiResult<Option<Organization>> {
        optional(ctx, Some(self.agency_id)).await
    }
}

/// Rectification tasks (整改任务) by state.
#[derive(SimpleObject, Clone)]
pub struct TaskFigures {
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
    /// Reopened by a follow-up inspection (回头看).
    pub reopened: u64,
    /// Closed (销号).
    pub closed: u64,
    /// Past their deadline and not closed.
    pub overdue: u64,
    /// Closed over all, 0 to 1; null when there are none.
    pub completion_rate: Option<f64>,
}

/// Plans in one state.
#[derive(SimpleObject, Clone)]
pub struct PlanStatusCount {
    /// The state.
    pub status: RectificationPlanStatus,
    /// How many plans are in it.
    pub count: u64,
}

/// Two-month reports in one state.
#[derive(SimpleObject, Clone)]
pub struct ReportStatusCount {
    /// The state.
    pub status: RectificationReportStatus,
    /// How many of the units' reports and principal leaders' reports are in it.
    pub count: u64,
}

/// Rectifications evaluated with one grade.
#[derive(SimpleObject, Clone)]
pub struct GradeCount {
    /// The grade.
    pub grade: RectificationGrade,
    /// How many rectifications the office gave it.
    pub count: u64,
}

/// The units' own rectification (整改): plans, the two-month reports, publication, evaluation and
/// supervision, counted from the rows the caller may read.
#[derive(SimpleObject, Clone)]
pub struct RectificationFigures {
    /// Plans by state, every state in the enum's order (zero where none).
    pub plans: Vec<PlanStatusCount>,
    /// Plans past their day and not submitted.
    pub plans_overdue: u64,
    /// The two-month reports (the unit's and its principal leader's) by state, every state but
    /// `PUBLISHED` in the enum's order.
    pub reports: Vec<ReportStatusCount>,
    /// Two-month reports past their day and not submitted.
    pub reports_overdue: u64,
    /// Rectifications published (整改情况公开).
    pub published: u64,
    /// Rectifications evaluated (整改评估), by grade, every grade in the enum's order.
    pub grades: Vec<GradeCount>,
    /// Supervision notes written by the supervising agencies (督办).
    pub supervision_notes: u64,
}

/// The figures of the work (统计), counted from the records the caller may read. A figure is null
/// when the caller may not read those records at all.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct Statistics {
    #[graphql(skip)]
    round_id: Option<i32>,
    #[graphql(skip)]
    term_id: Option<i32>,
    /// Coverage against the term's plan: all the district's own units first, then the three
    /// categories, then villages and communities (counted apart).
    pub coverage: Option<Vec<UnitCoverage>>,
    /// Inspections begun, by kind (every kind, in the enum's order).
    pub inspections_by_kind: Option<Vec<KindCount>>,
    /// Rounds (巡察轮次) that have started: in progress or closed.
    pub rounds: Option<u64>,
    /// Inspections (巡察) that have begun: the team was stationed.
    pub inspections: Option<u64>,
    /// Findings (发现问题).
    pub findings: Option<u64>,
    /// Findings in the three political categories.
    pub political_findings: Option<u64>,
    /// Clues found (发现问题线索): every clue the team submitted to the leadership group —
    /// `SUBMITTED`, `APPROVED`, `REJECTED` and `REFERRED` — drafts not counted. The article's 246.
    pub clues: Option<u64>,
    /// Clues by state, drafts included.
    pub clue_statuses: Option<ClueFigures>,
    /// Recommendations (整改意见建议).
    pub recommendations: Option<u64>,
    /// Referrals to partner agencies (移交), not withdrawn.
    pub referrals: Option<u64>,
    /// Cases filed (立案).
    pub cases_filed: Option<u64>,
    /// Persons disciplined (处理人数).
    pub persons_disciplined: Option<u64>,
    /// Of them, division-level (处级).
    pub division_level_disciplined: Option<u64>,
    /// Persons per measure, every measure in the enum's order (zero where none).
    pub outcomes: Option<Vec<OutcomeCount>>,
    /// Referrals per partner agency that has any, in the order of the agencies' ids; a partner
    /// agency sees its own line only.
    pub agencies: Option<Vec<AgencyFigures>>,
    /// Rectification tasks by state.
    pub rectification_tasks: Option<TaskFigures>,
    /// The units' own rectification: plans, reports, publication, evaluation, supervision.
    pub rectification: Option<RectificationFigures>,
    /// Regulations built or revised (制度).
    pub regulations: Option<u64>,
    /// Collective interview sessions (集体约谈场次).
    pub interview_sessions: Option<u64>,
    /// Units whose heads were interviewed (约谈单位), each once however many sessions.
    pub units_interviewed: Option<u64>,
    /// Accountability records (问责).
    pub accountability_records: Option<u64>,
    /// Experts in the talent pool (人才库); the same for every round.
    pub experts: Option<u64>,
    /// Partner agencies (协作单位); the same for every round.
    pub partner_agencies: Option<u64>,
}

#[ComplexObject]
impl Statistics {
    /// The round counted; null for all rounds.
    async fn round(&self, ctx: &Context<'_>) -> ApiResult<Option<Round>> {
        optional(ctx, self.round_id).await
    }
    /// The term whose plan coverage is counted against (the one asked for, the round's, or the
    /// latest that has begun); null when there is none the caller may read.
    async fn term(&self, ctx: &Context<'_>) -> ApiResult<Option<Term>> {
        optional(ctx, self.term_id).await
    }
}

/// Statistics queries.
#[derive(Default)]
pub struct StatisticsQuery;

#[Object]
impl StatisticsQuery {
    /// The figures of the work — per round, per committee term, or over all rounds — in the
    /// caller's own scope: the district for the office and leadership, a team's own inspections,
    /// an agency's own referrals, a unit's own record. Coverage is always counted against one
    /// term's plan (see `Statistics.term`). It counts over every table: its cost is that of 1,000
    /// fields, and an account runs one such request at a time.
    #[graphql(complexity = 1000)]
    async fn statistics(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only this round; omit for all rounds (of the term, if one is given).")] round_id: Option<ID>,
        #[graphql(desc = "Only this committee term's rounds; omit for all terms (coverage then counts the \
                          latest term that has begun).")]
        term_id: Option<ID>,
    ) -> ApiResult<Statistics> {
        let rc = request(ctx)?;
        let round = id::decode_opt("roundId", round_id, RecordKind::Round)?;
        let term = id::decode_opt("termId", term_id, RecordKind::Term)?;
        let f = service::compute(&rc.db, &rc.access, round, term).await?;
        Ok(Statistics {
            round_id: round,
            term_id: f.term_id,
            coverage: f.coverage.map(|c| {
                c.into_iter()
                    .map(|c| UnitCoverage {
                        category: c.category.map(Into::into),
                        covered: c.covered,
                        planned: c.planned,
                        not_yet_planned: c.planned.map(|p| c.total.saturating_sub(p)),
                        total: c.total,
                    })
                    .collect()
            }),
            inspections_by_kind: f
                .inspections_by_kind
                .map(|k| k.into_iter().map(|(kind, count)| KindCount { kind: kind.into(), count }).collect()),
            clues: f.clue_figures.as_ref().map(service::ClueFigures::found),
            clue_statuses: f.clue_figures.map(|c| ClueFigures {
                total: c.total(),
                draft: c.draft,
                submitted: c.submitted,
                approved: c.approved,
                rejected: c.rejected,
                referred: c.referred,
            }),
            rounds: f.rounds,
            regulations: f.regulations,
            interview_sessions: f.interview_sessions,
            units_interviewed: f.units_interviewed,
            accountability_records: f.accountability_records,
            experts: f.experts,
            partner_agencies: f.partner_agencies,
            inspections: f.inspections,
            findings: f.findings,
            political_findings: f.political_findings,
            recommendations: f.recommendations,
            referrals: f.referrals,
            cases_filed: f.cases_filed,
            persons_disciplined: f.persons_disciplined,
            division_level_disciplined: f.division_level_disciplined,
            outcomes: f.outcomes.map(|o| {
                o.into_iter()
                    .map(|(measure, persons)| OutcomeCount {
                        measure: measure.into(),
                        group: measure.group().into(),
                        persons,
                    })
                    .collect()
            }),
            agencies: f.agencies.map(|a| {
                a.into_iter()
                    .map(|a| AgencyFigures {
                        agency_id: a.agency_id,
                        referrals: a.referrals,
                        open: a.open,
                        shelved: a.shelved,
                        concluded: a.concluded,
                        cases_filed: a.cases_filed,
                        persons_with_outcome: a.persons_with_outcome,
                    })
                    .collect()
            }),
            rectification: f.rectification.map(|r| RectificationFigures {
                plans: r.plans.into_iter().map(|(s, count)| PlanStatusCount { status: s.into(), count }).collect(),
                plans_overdue: r.plans_overdue,
                reports: r
                    .reports
                    .into_iter()
                    .map(|(s, count)| ReportStatusCount { status: s.into(), count })
                    .collect(),
                reports_overdue: r.reports_overdue,
                published: r.published,
                grades: r.grades.into_iter().map(|(g, count)| GradeCount { grade: g.into(), count }).collect(),
                supervision_notes: r.supervision_notes,
            }),
            rectification_tasks: f.tasks.map(|t| TaskFigures {
                completion_rate: t.completion_rate(),
                total: t.total,
                assigned: t.assigned,
                in_progress: t.in_progress,
                submitted: t.submitted,
                returned: t.returned,
                reopened: t.reopened,
                closed: t.closed,
                overdue: t.overdue,
            }),
        })
    }
}
