//! The rectification ledger (整改台账): one row per task the caller can see, optionally for one
//! unit, with what each answers and where it stands.

use std::collections::HashMap;

use entities::{
    OrganizationKind, evidence_file, inspection, organization, recommendation, rectification_task, round,
    supervision_note,
};
use sea_orm::{ColumnTrait, DatabaseConnection, QueryFilter, QueryOrder, QuerySelect};

use crate::{
    error::{ServiceError, ServiceResult},
    gate::{Access, Action, narrowing},
    rectification_tasks::service::is_overdue,
};

const HEADERS: [(&str, f64); 19] = [
    ("序号 No.", 8.0),
    ("被巡察单位 Unit", 28.0),
    ("巡察轮次 Round", 22.0),
    ("整改意见建议 Recommendation", 40.0),
    ("整改任务 Task", 40.0),
    ("责任人 Responsible", 16.0),
    ("完成时限 Deadline", 14.0),
    ("立行立改 Fix at once", 12.0),
    ("状态 Status", 14.0),
    ("逾期 Overdue", 10.0),
    ("退回次数 Returns", 10.0),
    ("退回原因 Return reason", 30.0),
    ("佐证材料 Evidence files", 12.0),
    ("销号时间 Closed at", 20.0),
    ("长期整改 Long-term", 10.0),
    ("责任领导 Responsible leader", 16.0),
    ("回头看重新整改 Reopened", 30.0),
    ("督办意见 Supervision notes", 50.0),
    ("任务编号 Task id", 24.0),
];

/// The ledger as an .xlsx workbook. `unit_id` narrows it to one unit, which must be in the
/// caller's view (`NOT_FOUND` otherwise, as for a unit that does not exist).
pub async fn workbook(db: &DatabaseConnection, access: &Access, unit_id: Option<i32>) -> ServiceResult<Vec<u8>> {
    let mut tasks = access.select::<rectification_task::Entity>(Action::Read)?;
    if let Some(unit) = unit_id {
        access
            .visible::<organization::Entity>()?
            .ok_or(ServiceError::NotFound("unit"))?
            .filter(organization::Column::Id.eq(unit))
            .filter(organization::Column::Kind.eq(OrganizationKind::AuditedUnit))
            .one(db)
            .await?
            .ok_or(ServiceError::NotFound("unit"))?;
        tasks =
            tasks.filter(rectification_task::Column::InspectionId.in_subquery(narrowing::<inspection::Entity>(
                inspection::Column::Id,
                inspection::Column::UnitId.eq(unit),
            )));
    }
    let tasks = tasks
        .order_by_asc(rectification_task::Column::InspectionId)
        .order_by_asc(rectification_task::Column::Id)
        .all(db)
        .await?;

    // What the rows name, each read in one statement and in the caller's scope.
    let inspection_ids: Vec<i32> = tasks.iter().map(|t| t.inspection_id).collect();
    let inspections: HashMap<i32, inspection::Model> = match access.visible::<inspection::Entity>()? {
        Some(visible) => visible
            .filter(inspection::Column::Id.is_in(inspection_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|i| (i.id, i))
            .collect(),
        None => HashMap::new(),
    };
    let names = |rows: Vec<(i32, String)>| rows.into_iter().collect::<HashMap<i32, String>>();
    let units = match access.visible::<organization::Entity>()? {
        Some(visible) => names(
            visible
                .select_only()
                .columns([organization::Column::Id, organization::Column::Name])
                .filter(organization::Column::Id.is_in(inspections.values().map(|i| i.unit_id)))
                .into_tuple()
                .all(db)
                .await?,
        ),
        None => HashMap::new(),
    };
    let rounds = match access.visible::<round::Entity>()? {
        Some(visible) => names(
            visible
                .select_only()
                .columns([round::Column::Id, round::Column::Name])
                .filter(round::Column::Id.is_in(inspections.values().map(|i| i.round_id)))
                .into_tuple()
                .all(db)
                .await?,
        ),
        None => HashMap::new(),
    };
    let recommendations = match access.visible::<recommendation::Entity>()? {
        Some(visible) => names(
            visible
                .select_only()
                .columns([recommendation::Column::Id, recommendation::Column::Content])
                .filter(recommendation::Column::Id.is_in(tasks.iter().map(|t| t.recommendation_id)))
                .into_tuple()
                .all(db)
                .await?,
        ),
        None => HashMap::new(),
    };
    let evidence: HashMap<i32, i64> = match access.visible::<evidence_file::Entity>()? {
        Some(visible) => visible
            .select_only()
            .column(evidence_file::Column::TaskId)
            .column_as(evidence_file::Column::Id.count(), "files")
            .filter(evidence_file::Column::TaskId.is_in(tasks.iter().map(|t| t.id)))
            .group_by(evidence_file::Column::TaskId)
            .into_tuple::<(i32, i64)>()
            .all(db)
            .await?
            .into_iter()
            .collect(),
        None => HashMap::new(),
    };
    let mut notes: HashMap<i32, Vec<String>> = HashMap::new();
    if let Some(visible) = access.visible::<supervision_note::Entity>()? {
        for n in visible
            .filter(supervision_note::Column::TaskId.is_in(tasks.iter().map(|t| t.id)))
            .order_by_asc(supervision_note::Column::Id)
            .all(db)
            .await?
        {
            if let Some(task) = n.task_id {
                let day = crate::clock::day_of(n.created_at);
                notes.entry(task).or_default().push(format!("{day} {}：{}", n.signed_by, n.body));
            }
        }
    }

    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = super::sheet(&mut book, "整改台账", &HEADERS)?;
    let today = crate::clock::today();
    let yes_no = |b: bool| if b { "是 yes" } else { "否 no" };
    for (n, t) in tasks.iter().enumerate() {
        let row = n as u32 + 1;
        let i = inspections.get(&t.inspection_id);
        let unit = i.and_then(|i| units.get(&i.unit_id)).map_or("", String::as_str);
        let round = i.and_then(|i| rounds.get(&i.round_id)).map_or("", String::as_str);
        sheet.write_number(row, 0, f64::from(row))?;
        sheet.write_string(row, 1, unit)?;
        sheet.write_string(row, 2, round)?;
        sheet.write_string(row, 3, recommendations.get(&t.recommendation_id).map_or("", String::as_str))?;
        sheet.write_string(row, 4, &t.content)?;
        sheet.write_string(row, 5, &t.responsible_person)?;
        sheet.write_string(row, 6, t.deadline.to_string())?;
        sheet.write_string(row, 7, yes_no(t.fix_at_once))?;
        sheet.write_string(row, 8, format!("{} {}", t.status.label(), t.status.name()))?;
        sheet.write_string(row, 9, yes_no(is_overdue(t, today)))?;
        sheet.write_number(row, 10, f64::from(t.return_count))?;
        sheet.write_string(row, 11, t.return_reason.as_deref().unwrap_or(""))?;
        sheet.write_number(row, 12, evidence.get(&t.id).copied().unwrap_or(0) as f64)?;
        let closed = t.closed_at.map(|c| c.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)).unwrap_or_default();
        sheet.write_string(row, 13, closed)?;
        sheet.write_string(row, 14, yes_no(t.long_term))?;
        sheet.write_string(row, 15, t.responsible_leader.as_deref().unwrap_or(""))?;
        sheet.write_string(row, 16, t.reopen_reason.as_deref().unwrap_or(""))?;
        sheet.write_string(row, 17, notes.get(&t.id).map(|n| n.join("\n")).unwrap_or_default())?;
        sheet.write_string(
            row,
            18,
            crate::graphql::id::encode(entities::RecordKind::RectificationTask, t.id).as_str(),
        )?;
    }
    Ok(book.save_to_buffer()?)
}
