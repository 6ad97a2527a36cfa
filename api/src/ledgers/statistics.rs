//! The statistics ledger (统计台账): every figure of `statistics`, over all rounds and for each
//! round the caller can see, counted in the caller's scope.

use entities::{PlanStatus, RectificationGrade, RectificationReportStatus, round};
use sea_orm::{DatabaseConnection, QueryOrder};

use crate::{
    error::{ServiceError, ServiceResult},
    gate::Access,
    statistics::service::{Figures, compute},
};

/// The rows of the sheet: a label and how to read the figure.
fn rows(f: &Figures) -> Vec<(&'static str, Option<f64>)> {
    let n = |v: Option<u64>| v.map(|v| v as f64);
    let coverage = |k: usize, covered: bool| {
        f.coverage.as_ref().and_then(|c| c.get(k)).map(|c| if covered { c.covered } else { c.total } as f64)
    };
    let tasks = f.tasks.as_ref();
    let rect = f.rectification.as_ref();
    let plan = |s: PlanStatus| rect.map(|r| r.plans.iter().filter(|p| p.0 == s).map(|p| p.1).sum::<u64>() as f64);
    let report = |s: RectificationReportStatus| {
        rect.map(|r| r.reports.iter().filter(|p| p.0 == s).map(|p| p.1).sum::<u64>() as f64)
    };
    let grade =
        |g: RectificationGrade| rect.map(|r| r.grades.iter().filter(|p| p.0 == g).map(|p| p.1).sum::<u64>() as f64);
    vec![
        ("巡察轮次 Rounds", n(f.rounds)),
        ("巡察 Inspections", n(f.inspections)),
        ("覆盖单位 Units covered", coverage(0, true)),
        ("单位总数 Units in all", coverage(0, false)),
        ("区级部门 District departments covered", coverage(1, true)),
        ("镇乡街道 Townships and streets covered", coverage(2, true)),
        ("国有企事业单位 State enterprises and institutions covered", coverage(3, true)),
        (
            "规划单位 Units in the term's plan",
            f.coverage.as_ref().and_then(|c| c.first()).and_then(|c| c.planned).map(|p| p as f64),
        ),
        ("村社区 Villages and communities covered", coverage(4, true)),
        ("村社区总数 Villages and communities in all", coverage(4, false)),
        ("人才库 Experts", n(f.experts)),
        ("协作单位 Partner agencies", n(f.partner_agencies)),
        ("发现问题 Findings", n(f.findings)),
        ("政治类问题 Political findings", n(f.political_findings)),
        ("问题线索 Clues found", n(f.clue_figures.as_ref().map(|c| c.found()))),
        ("其中未提交 Drafts (not counted)", n(f.clue_figures.as_ref().map(|c| c.draft))),
        ("整改意见建议 Recommendations", n(f.recommendations)),
        ("移交 Referrals", n(f.referrals)),
        ("立案 Cases filed", n(f.cases_filed)),
        ("处理人数 Persons disciplined", n(f.persons_disciplined)),
        ("其中处级 Of them division-level", n(f.division_level_disciplined)),
        ("集体约谈场次 Interview sessions", n(f.interview_sessions)),
        ("约谈单位 Units interviewed", n(f.units_interviewed)),
        ("问责 Accountability records", n(f.accountability_records)),
        ("建立制度 Regulations", n(f.regulations)),
        ("整改任务 Rectification tasks", tasks.map(|t| t.total as f64)),
        ("已交办 Assigned", tasks.map(|t| t.assigned as f64)),
        ("整改中 In progress", tasks.map(|t| t.in_progress as f64)),
        ("申请销号 Submitted", tasks.map(|t| t.submitted as f64)),
        ("退回 Returned", tasks.map(|t| t.returned as f64)),
        ("已销号 Closed", tasks.map(|t| t.closed as f64)),
        ("逾期 Overdue", tasks.map(|t| t.overdue as f64)),
        ("完成率 Completion rate", tasks.and_then(|t| t.completion_rate())),
        ("回头看重新整改 Reopened", tasks.map(|t| t.reopened as f64)),
        ("整改方案 Plans", rect.map(|r| r.plans.iter().map(|p| p.1).sum::<u64>() as f64)),
        ("方案已批准 Plans approved", plan(PlanStatus::Approved)),
        ("方案逾期未报 Plans overdue", rect.map(|r| r.plans_overdue as f64)),
        ("整改报告已审核 Two-month reports accepted", report(RectificationReportStatus::Accepted)),
        ("整改报告已报送 Two-month reports submitted", report(RectificationReportStatus::Submitted)),
        ("整改报告逾期 Two-month reports overdue", rect.map(|r| r.reports_overdue as f64)),
        ("整改情况公开 Published", rect.map(|r| r.published as f64)),
        ("评估：好 Evaluated excellent", grade(RectificationGrade::Excellent)),
        ("评估：较好 Evaluated good", grade(RectificationGrade::Good)),
        ("评估：一般 Evaluated fair", grade(RectificationGrade::Fair)),
        ("评估：差 Evaluated poor", grade(RectificationGrade::Poor)),
        ("督办 Supervision notes", rect.map(|r| r.supervision_notes as f64)),
    ]
}

/// The ledger as an .xlsx workbook; `round_id` limits it to that round's column.
pub async fn workbook(db: &DatabaseConnection, access: &Access, round_id: Option<i32>) -> ServiceResult<Vec<u8>> {
    let mut columns = Vec::new();
    if round_id.is_none() {
        columns.push(("全部轮次 All rounds".to_owned(), compute(db, access, None, None).await?));
    }
    let rounds = match access.visible::<round::Entity>()? {
        Some(visible) => visible.order_by_asc(round::Column::StartsOn).all(db).await?,
        None => Vec::new(),
    };
    if let Some(r) = round_id
        && !rounds.iter().any(|m| m.id == r)
    {
        return Err(ServiceError::NotFound("round"));
    }
    for r in rounds.iter().filter(|m| round_id.is_none_or(|id| id == m.id)) {
        columns.push((r.name.clone(), compute(db, access, Some(r.id), None).await?));
    }
    let mut headers: Vec<(&str, f64)> = vec![("指标 Figure", 44.0)];
    headers.extend(columns.iter().map(|(name, _)| (name.as_str(), 18.0)));
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = super::sheet(&mut book, "统计", &headers)?;
    for (c, (_, figures)) in columns.iter().enumerate() {
        for (r, (label, value)) in rows(figures).into_iter().enumerate() {
            let row = r as u32 + 1;
            if c == 0 {
                sheet.write_string(row, 0, label)?;
            }
            let col = c as u16 + 1;
            match value {
                Some(v) => sheet.write_number(row, col, v)?,
                None => sheet.write_string(row, col, "—")?,
            };
        }
    }
    Ok(book.save_to_buffer()?)
}
