//! The decisions before the feedback, each on its day: the leadership group heard every report
//! past `REPORTED` (and returned `unit2`'s follow-up report once for revision, which its team
//! resubmitted), the district committee decided on every one past `HEARD`; each closed round's
//! comprehensive report was heard and decided on, round 6's is a draft. And every stationed team
//! has published its channels for petitions.

use std::collections::HashMap;

use chrono::NaiveDate;
use entities::*;
use sea_orm::{ColumnTrait, DatabaseTransaction, DbErr, EntityTrait, QueryFilter, QueryOrder, Set, sea_query::Expr};

use super::record::{Days, Story, at};

/// Writes the hearings, decisions, round reports and published channels.
pub async fn load(txn: &DatabaseTransaction, story: &Story) -> Result<(), DbErr> {
    let rounds: HashMap<i32, round::Model> =
        round::Entity::find().all(txn).await?.into_iter().map(|r| (r.id, r)).collect();
    let today = story.now.date_naive();
    let days = |round_id: i32| rounds.get(&round_id).map(Days::of).unwrap_or(Days { start: today, end: today });
    let inspections = inspection::Entity::find()
        .filter(inspection::Column::Status.ne(InspectionStatus::Planned))
        .order_by_asc(inspection::Column::Id)
        .all(txn)
        .await?;
    let heard = |s: InspectionStatus| {
        !matches!(s, InspectionStatus::Planned | InspectionStatus::Stationed | InspectionStatus::Reported)
    };
    let decided = |s: InspectionStatus| heard(s) && s != InspectionStatus::Heard;
    let hearing = |inspection_id: Option<i32>, round_report_id: Option<i32>, on: NaiveDate, outcome: HearingOutcome| {
        hearing::ActiveModel {
            inspection_id: Set(inspection_id),
            round_report_id: Set(round_report_id),
            heard_on: Set(on),
            opinion: Set(match outcome {
                HearingOutcome::Accepted => "报告反映问题客观准确，所提处置建议可行，同意提交区委书记专题会。".into(),
                HearingOutcome::Returned => "报告对整改落实情况的分析不够具体，请巡察组补充后重新报送。".into(),
            }),
            proposed_handling: Set("按程序向被巡察党组织反馈；问题线索按规定移交；督促被巡察单位限期整改。".into()),
            outcome: Set(outcome),
            recorded_by: Set(story.leader_user),
            created_at: Set(at(on)),
            ..Default::default()
        }
    };
    let decision = |inspection_id: Option<i32>, round_report_id: Option<i32>, on: NaiveDate| decision::ActiveModel {
        inspection_id: Set(inspection_id),
        round_report_id: Set(round_report_id),
        decided_on: Set(on),
        text: Set("区委书记专题会研究同意巡察报告，同意向被巡察党组织反馈巡察意见，问题线索按规定移交处置。".into()),
        recorded_by: Set(story.office_user),
        created_at: Set(at(on)),
        ..Default::default()
    };
    let mut hearings = Vec::new();
    let mut decisions = Vec::new();
    for i in &inspections {
        let d = days(i.round_id);
        if i.unit_id == story.unit2 && i.status == InspectionStatus::Reported {
            // Returned eight days after the first submission; resubmitted since.
            hearings.push(hearing(Some(i.id), None, d.after(-8), HearingOutcome::Returned));
        }
        if heard(i.status) {
            hearings.push(hearing(Some(i.id), None, d.heard(), HearingOutcome::Accepted));
        }
        if decided(i.status) {
            decisions.push(decision(Some(i.id), None, d.decided()));
        }
    }
    // The rounds' comprehensive reports.
    let mut ids: Vec<i32> = rounds.keys().copied().collect();
    ids.sort_unstable();
    for id in ids {
        let Some(r) = rounds.get(&id) else { continue };
        let status = match r.status {
            RoundStatus::Closed => RoundReportStatus::Decided,
            _ if id == story.round6 => RoundReportStatus::Draft,
            _ => continue,
        };
        let d = Days::of(r);
        let decided_report = status == RoundReportStatus::Decided;
        let report = sea_orm::ActiveModelTrait::insert(
            round_report::ActiveModel {
                round_id: Set(id),
                body: Set(format!(
                    "区委巡察办关于{}情况的综合报告：各巡察组发现的主要问题、问题线索移交和整改督促情况。",
                    r.name
                )),
                status: Set(status),
                submitted_at: Set(decided_report.then(|| at(d.after(28)))),
                created_at: Set(at(d.after(21))),
                updated_at: Set(at(if decided_report { d.after(40) } else { d.after(21) })),
                version: Set(if decided_report { 4 } else { 1 }),
                ..Default::default()
            },
            txn,
        )
        .await?;
        if decided_report {
            hearings.push(hearing(None, Some(report.id), d.after(30), HearingOutcome::Accepted));
            decisions.push(decision(None, Some(report.id), d.after(40)));
        }
    }
    hearing::Entity::insert_many(hearings).exec(txn).await?;
    decision::Entity::insert_many(decisions).exec(txn).await?;

    // The channels of every stationed team, published the day it was stationed.
    for (n, i) in inspections.iter().filter(|i| i.status == InspectionStatus::Stationed).enumerate() {
        let d = days(i.round_id);
        inspection::Entity::update_many()
            .col_expr(inspection::Column::NoticeFrom, Expr::value(d.start))
            .col_expr(inspection::Column::NoticeUntil, Expr::value(d.start + chrono::Duration::days(30)))
            .col_expr(inspection::Column::ChannelTelephone, Expr::value(format!("023-5812{:04}", 3100 + n)))
            .col_expr(inspection::Column::ChannelMailbox, Expr::value(format!("万州区邮政{}号信箱", 201 + n)))
            .col_expr(inspection::Column::ChannelAddress, Expr::value("万州区白岩路区委巡察办接待室"))
            .col_expr(inspection::Column::ChannelsPublishedAt, Expr::value(at(d.start)))
            .filter(inspection::Column::Id.eq(i.id))
            .exec(txn)
            .await?;
    }
    // Rounds and inspections carry the day of their last step.
    for r in rounds.values() {
        let d = Days::of(r);
        let last = if r.status == RoundStatus::Closed { d.after(200) } else { d.start };
        round::Entity::update_many()
            .col_expr(round::Column::CreatedAt, Expr::value(at(d.start - chrono::Duration::days(45))))
            .col_expr(round::Column::UpdatedAt, Expr::value(at(last)))
            .filter(round::Column::Id.eq(r.id))
            .exec(txn)
            .await?;
    }
    for i in &inspections {
        let d = days(i.round_id);
        let last = match i.status {
            InspectionStatus::Closed => d.after(180),
            InspectionStatus::Rectifying => d.after(30),
            InspectionStatus::FeedbackGiven => d.released(),
            InspectionStatus::Decided => d.decided(),
            InspectionStatus::Heard => d.heard(),
            InspectionStatus::Reported => d.after(-1),
            _ => d.start,
        };
        inspection::Entity::update_many()
            .col_expr(inspection::Column::CreatedAt, Expr::value(at(d.start - chrono::Duration::days(40))))
            .col_expr(inspection::Column::UpdatedAt, Expr::value(at(last)))
            .filter(inspection::Column::Id.eq(i.id))
            .exec(txn)
            .await?;
    }
    Ok(())
}
