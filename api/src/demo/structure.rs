//! The structure the office works in: the committee term and its plan (the five-year plan the
//! article mentions), villages and communities under some townships, and the kinds of inspection
//! — special ones on a theme, a joint one, a mobile one, a follow-up, and villages reached by
//! extension and by escalation.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use entities::*;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseTransaction, DbErr, EntityTrait, PaginatorTrait, QueryFilter, Set,
    sea_query::Expr,
};

/// The committee term the article's six rounds fall in.
pub const TERM: (&str, &str, &str) = ("区委第四届（2014—2018年）", "2014-01-01", "2018-12-31");

/// The villages and communities (村、社区) of five townships, by the township's position in the
/// unit list (see [`super::unit_at`]'s list): round 6's team 1 extends to the first two of the
/// first township (`unit1`'s); round 5's team 1 to the first of the second; round 5's team 4
/// escalates the one of the fourth; the others are planned for later, or not yet planned.
pub const VILLAGES: [(usize, &[&str]); 5] = [
    (54, &["团结村", "新华村", "双河社区", "石桥村"]),
    (80, &["长岭村", "青龙村", "滨江社区"]),
    (44, &["黄柏村", "白岩村", "凉水村"]),
    (64, &["向阳村"]),
    (37, &["红星村", "桥亭社区"]),
];

/// Themes of the special inspections (专项巡察), one a round.
const THEMES: [&str; 6] = [
    "扶贫领域专项巡察",
    "民生资金专项巡察",
    "选人用人专项巡察",
    "国有企业专项巡察",
    "惠民政策落实专项巡察",
    "政府投资项目专项巡察",
];

fn date(s: &str) -> Result<NaiveDate, DbErr> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|e| DbErr::Custom(e.to_string()))
}

/// Records the term.
pub async fn term(txn: &DatabaseTransaction, now: DateTime<Utc>) -> Result<term::Model, DbErr> {
    term::ActiveModel {
        name: Set(TERM.0.to_owned()),
        starts_on: Set(date(TERM.1)?),
        ends_on: Set(date(TERM.2)?),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    }
    .insert(txn)
    .await
}

/// Records the villages and communities under their townships; by township position, in order.
pub async fn villages(
    txn: &DatabaseTransaction,
    now: DateTime<Utc>,
    units: &[organization::Model],
) -> Result<HashMap<usize, Vec<organization::Model>>, DbErr> {
    let mut made = HashMap::new();
    for (township, names) in VILLAGES {
        let parent = &units[township];
        let mut list = Vec::new();
        for name in names {
            list.push(
                organization::ActiveModel {
                    kind: Set(OrganizationKind::AuditedUnit),
                    name: Set(format!("{}{name}", parent.name)),
                    unit_category: Set(Some(UnitCategory::VillageCommunity)),
                    parent_id: Set(Some(parent.id)),
                    created_at: Set(now),
                    updated_at: Set(now),
                    version: Set(1),
                    ..Default::default()
                }
                .insert(txn)
                .await?,
            );
        }
        made.insert(township, list);
    }
    Ok(made)
}

/// The inspection of `unit` in `round`.
async fn inspection_of(txn: &DatabaseTransaction, round: i32, unit: i32) -> Result<inspection::Model, DbErr> {
    inspection::Entity::find()
        .filter(inspection::Column::RoundId.eq(round))
        .filter(inspection::Column::UnitId.eq(unit))
        .one(txn)
        .await?
        .ok_or_else(|| DbErr::Custom(format!("no inspection of unit {unit} in round {round}")))
}

/// Whether no expert on the team's roster in the round must recuse from the unit.
async fn roster_free(txn: &DatabaseTransaction, round: i32, team: i32, unit: i32) -> Result<bool, DbErr> {
    let experts = roster_entry::Entity::find()
        .filter(roster_entry::Column::RoundId.eq(round))
        .filter(roster_entry::Column::TeamId.eq(team))
        .all(txn)
        .await?
        .into_iter()
        .map(|r| r.expert_id);
    Ok(expert_conflict::Entity::find()
        .filter(expert_conflict::Column::UnitId.eq(unit))
        .filter(expert_conflict::Column::ExpertId.is_in(experts))
        .count(txn)
        .await?
        == 0)
}

/// Plans one more inspection, as the office would (its state that of its round's others).
#[allow(clippy::too_many_arguments)]
async fn add(
    txn: &DatabaseTransaction,
    now: DateTime<Utc>,
    round: &round::Model,
    team: i32,
    unit: i32,
    kind: InspectionKind,
    parent: Option<i32>,
    theme: Option<&str>,
) -> Result<inspection::Model, DbErr> {
    inspection::ActiveModel {
        round_id: Set(round.id),
        team_id: Set(team),
        unit_id: Set(unit),
        status: Set(if round.status == RoundStatus::Closed {
            InspectionStatus::Closed
        } else {
            InspectionStatus::Stationed
        }),
        kind: Set(kind),
        theme: Set(theme.map(str::to_owned)),
        parent_inspection_id: Set(parent),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    }
    .insert(txn)
    .await
}

/// Gives the inspections their kinds, and adds the village and mobile inspections.
pub async fn kinds(
    txn: &DatabaseTransaction,
    now: DateTime<Utc>,
    rounds: &[round::Model],
    teams: &[organization::Model],
    units: &[organization::Model],
    villages: &HashMap<usize, Vec<organization::Model>>,
    unit2: i32,
) -> Result<(), DbErr> {
    // One special inspection a round: team 3's first unit.
    for (r, round) in rounds.iter().enumerate() {
        let unit = units[super::unit_at(r * super::UNITS_PER_ROUND + 2 * super::UNITS_PER_TEAM)].id;
        inspection::Entity::update_many()
            .col_expr(inspection::Column::Kind, Expr::value(InspectionKind::Special))
            .col_expr(inspection::Column::Theme, Expr::value(THEMES[r % THEMES.len()]))
            .filter(inspection::Column::Id.eq(inspection_of(txn, round.id, unit).await?.id))
            .exec(txn)
            .await?;
    }
    // Round 4's team 5 inspected its first unit jointly with the municipal committee's team.
    let joint = inspection_of(txn, rounds[3].id, units[super::unit_at(3 * super::UNITS_PER_ROUND + 16)].id).await?;
    inspection::Entity::update_many()
        .col_expr(inspection::Column::Kind, Expr::value(InspectionKind::Joint))
        .col_expr(inspection::Column::JointWith, Expr::value("市委第二巡察组"))
        .filter(inspection::Column::Id.eq(joint.id))
        .exec(txn)
        .await?;
    // Round 6's inspection of unit2 follows up its round-2 inspection (回头看).
    let earlier = inspection_of(txn, rounds[1].id, unit2).await?;
    let follow_up = inspection_of(txn, rounds[5].id, unit2).await?;
    inspection::Entity::update_many()
        .col_expr(inspection::Column::Kind, Expr::value(InspectionKind::FollowUp))
        .col_expr(inspection::Column::FollowsInspectionId, Expr::value(earlier.id))
        .filter(inspection::Column::Id.eq(follow_up.id))
        .exec(txn)
        .await?;
    // Extended inspections: round 6's team 1 from unit1's township to two villages, round 5's team
    // 1 from its township to one; an escalated one by round 5's team 4.
    let village = |township: usize, k: usize| villages.get(&township).and_then(|v| v.get(k)).map(|v| v.id);
    let extended = [(5, 0, 54, [0, 1].as_slice()), (4, 0, 80, [0].as_slice())];
    for (r, t, township, which) in extended {
        let parent = inspection_of(txn, rounds[r].id, units[township].id).await?;
        for &k in which {
            if let Some(v) = village(township, k) {
                add(txn, now, &rounds[r], teams[t].id, v, InspectionKind::Extended, Some(parent.id), None).await?;
            }
        }
    }
    if let Some(v) = village(64, 0) {
        add(txn, now, &rounds[4], teams[3].id, v, InspectionKind::Escalated, None, None).await?;
    }
    // A mobile inspection at short notice in round 6, by team 5, of a unit inspected in round 4.
    for position in 3 * super::UNITS_PER_ROUND..4 * super::UNITS_PER_ROUND {
        let unit = units[super::unit_at(position)].id;
        if roster_free(txn, rounds[5].id, teams[4].id, unit).await? {
            add(
                txn,
                now,
                &rounds[5],
                teams[4].id,
                unit,
                InspectionKind::Mobile,
                None,
                Some("群众反映集中问题机动巡察"),
            )
            .await?;
            break;
        }
    }
    Ok(())
}

/// The term's plan: every district unit in the year of the round that inspected it; the villages
/// reached in the year they were, two more for the term's last year, the rest not yet planned.
pub async fn plan(
    txn: &DatabaseTransaction,
    now: DateTime<Utc>,
    term: &term::Model,
    rounds: &[round::Model],
    units: &[organization::Model],
    villages: &HashMap<usize, Vec<organization::Model>>,
) -> Result<(), DbErr> {
    let mut entries = Vec::new();
    for (r, round) in rounds.iter().enumerate() {
        for slot in 0..super::UNITS_PER_ROUND {
            entries.push((units[super::unit_at(r * super::UNITS_PER_ROUND + slot)].id, round.starts_on.year()));
        }
    }
    let village = |township: usize, k: usize| villages.get(&township).and_then(|v| v.get(k)).map(|v| v.id);
    for (township, k, year) in
        [(54, 0, 2017), (54, 1, 2017), (80, 0, 2016), (64, 0, 2016), (44, 0, 2018), (44, 1, 2018)]
    {
        if let Some(v) = village(township, k) {
            entries.push((v, year));
        }
    }
    plan_entry::Entity::insert_many(entries.into_iter().map(|(unit_id, year)| plan_entry::ActiveModel {
        term_id: Set(term.id),
        unit_id: Set(unit_id),
        year: Set(year),
        created_at: Set(now),
        ..Default::default()
    }))
    .exec(txn)
    .await?;
    Ok(())
}

/// Links `team1.member`'s account to an expert of the pool who is not on team 1's roster in round
/// 6 and has worked in one of the units team 1 inspects there: the account does not reach that
/// inspection (回避), and the office sees it flagged (`Inspection.recusedAccounts`).
pub async fn link_account(
    txn: &DatabaseTransaction,
    round6: &round::Model,
    team1: &organization::Model,
    units: &[organization::Model],
    user_id: i32,
) -> Result<(), DbErr> {
    let inspected: Vec<i32> = inspection::Entity::find()
        .filter(inspection::Column::RoundId.eq(round6.id))
        .filter(inspection::Column::TeamId.eq(team1.id))
        .filter(inspection::Column::Kind.eq(InspectionKind::Regular))
        .all(txn)
        .await?
        .into_iter()
        .map(|i| i.unit_id)
        .filter(|u| units.iter().any(|d| d.id == *u && d.unit_category == Some(UnitCategory::DistrictDepartment)))
        .collect();
    let rostered: Vec<i32> = roster_entry::Entity::find()
        .filter(roster_entry::Column::RoundId.eq(round6.id))
        .filter(roster_entry::Column::TeamId.eq(team1.id))
        .all(txn)
        .await?
        .into_iter()
        .map(|r| r.expert_id)
        .collect();
    let conflict = expert_conflict::Entity::find()
        .filter(expert_conflict::Column::UnitId.is_in(inspected))
        .filter(expert_conflict::Column::ExpertId.is_not_in(rostered))
        .filter(expert_conflict::Column::Kind.eq(ConflictKind::WorkedIn))
        .one(txn)
        .await?
        .ok_or_else(|| DbErr::Custom("no expert to link team1.member to".into()))?;
    expert::Entity::update_many()
        .col_expr(expert::Column::UserId, Expr::value(user_id))
        .filter(expert::Column::Id.eq(conflict.expert_id))
        .exec(txn)
        .await?;
    Ok(())
}
