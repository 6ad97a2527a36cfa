//! Statistics in the schema.

use async_graphql::{ComplexObject, Context, ID, Object, SimpleObject};
use entities::RecordKind;

use super::service;
use crate::{
    error::ApiResult,
    graphql::{context::request, enums::UnitCategory, id, loader::optional},
    rounds::graphql::Round,
};

/// Coverage (全覆盖) of the audited units, overall or in one category.
#[derive(SimpleObject, Clone)]
pub struct UnitCoverage {
    /// The category; null for all units.
    pub category: Option<UnitCategory>,
    /// Units inspected in a round that has started.
    pub covered: u64,
    /// All units in the caller's view.
    pub total: u64,
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
    /// Closed (销号).
    pub closed: u64,
    /// Past their deadline and not closed.
    pub overdue: u64,
    /// Closed over all, 0 to 1; null when there are none.
    pub completion_rate: Option<f64>,
}

/// The figures of the work (统计), counted from the records the caller may read. A figure is null
/// when the caller may not read those records at all.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct Statistics {
    #[graphql(skip)]
    round_id: Option<i32>,
    /// Coverage: all units first, then the three categories.
    pub coverage: Option<Vec<UnitCoverage>>,
    /// Rounds (巡察轮次) that have started: in progress or closed.
    pub rounds: Option<u64>,
    /// Inspections (巡察) that have begun: the team was stationed.
    pub inspections: Option<u64>,
    /// Findings (发现问题).
    pub findings: Option<u64>,
    /// Findings in the three political categories.
    pub political_findings: Option<u64>,
    /// Clues (问题线索).
    pub clues: Option<u64>,
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
    /// Rectification tasks by state.
    pub rectification_tasks: Option<TaskFigures>,
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
}

/// Statistics queries.
#[derive(Default)]
pub struct StatisticsQuery;

#[Object]
impl StatisticsQuery {
    /// The figures of the work, per round or over all rounds, in the caller's own scope: the
    /// district for the office and leadership, a team's own inspections, an agency's own
    /// referrals, a unit's own record. It counts over every table: its cost is that of 500
    /// fields, and an account runs one such request at a time.
    #[graphql(complexity = 500)]
    async fn statistics(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only this round; omit for all rounds.")] round_id: Option<ID>,
    ) -> ApiResult<Statistics> {
        let rc = request(ctx)?;
        let round = round_id.as_ref().map(|r| id::decode_as("roundId", r, RecordKind::Round)).transpose()?;
        let f = service::compute(&rc.db, &rc.access, round).await?;
        Ok(Statistics {
            round_id: round,
            coverage: f.coverage.map(|c| {
                c.into_iter()
                    .map(|c| UnitCoverage { category: c.category.map(Into::into), covered: c.covered, total: c.total })
                    .collect()
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
            clues: f.clues,
            recommendations: f.recommendations,
            referrals: f.referrals,
            cases_filed: f.cases_filed,
            persons_disciplined: f.persons_disciplined,
            division_level_disciplined: f.division_level_disciplined,
            rectification_tasks: f.tasks.map(|t| TaskFigures {
                completion_rate: t.completion_rate(),
                total: t.total,
                assigned: t.assigned,
                in_progress: t.in_progress,
                submitted: t.submitted,
                returned: t.returned,
                closed: t.closed,
                overdue: t.overdue,
            }),
        })
    }
}
