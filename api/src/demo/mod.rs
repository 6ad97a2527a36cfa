//! Demo data: the organisations of the article (120 units in three categories, ten partner
//! agencies, the office, the leadership group, five teams), 230 experts, six rounds with their
//! inspections and rosters, and an account for every role.
//!
//! Loaded only into an empty database, on request; never a migration. Deterministic, so that
//! tests and the README can name what is there.

mod decisions;
pub mod names;
mod plans;
mod record;
mod rectification;
mod referrals;
mod structure;
pub mod texts;

use chrono::NaiveDate;
use entities::*;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
};

/// The password of every demo account.
pub const DEMO_PASSWORD: &str = "inspect-demo-2026";

/// The demo accounts: user name, display name, role, and what they hold it in.
pub const DEMO_ACCOUNTS: [(&str, &str); 16] = [
    ("leader", "leadership group (LEADERSHIP)"),
    ("office", "inspection office (OFFICE)"),
    ("team1", "leader of 区委第一巡察组 (TEAM_LEADER)"),
    ("team2", "leader of 区委第二巡察组 (TEAM_LEADER)"),
    ("team3", "leader of 区委第三巡察组 (TEAM_LEADER)"),
    ("team4", "leader of 区委第四巡察组 (TEAM_LEADER)"),
    ("team5", "leader of 区委第五巡察组 (TEAM_LEADER)"),
    ("team1.member", "member of 区委第一巡察组 (TEAM_MEMBER)"),
    ("team3.member", "member of 区委第三巡察组, for round 6 only (TEAM_MEMBER)"),
    ("agency1", "区纪委监察局 (PARTNER)"),
    ("agency2", "区委组织部 (PARTNER)"),
    ("agency3", "区审计局, an agency that does not supervise rectification (PARTNER)"),
    ("unit1", "principal leader of a township inspected by team 1 in round 6, feedback released (UNIT_LEADER)"),
    ("unit1.deputy", "another leader of unit1's township, not its principal leader (UNIT_LEADER)"),
    ("unit2", "leader of a unit inspected in round 2 (released) and followed up in round 6 (not yet) (UNIT_LEADER)"),
    ("unit3", "leader of a unit inspected in round 6, the team stationed, nothing released (UNIT_LEADER)"),
];

/// Positions (see [`unit_at`]) of the units led by `unit1`, `unit2` and `unit3`, all inspected in
/// round 6, the one under way: team 1's third unit (a township), team 2's first, team 1's first.
const UNIT1: usize = 5 * UNITS_PER_ROUND + 2;
const UNIT2: usize = 5 * UNITS_PER_ROUND + UNITS_PER_TEAM;
const UNIT3: usize = 5 * UNITS_PER_ROUND;

/// Units per round, teams, and units each team inspects in a round.
const UNITS_PER_ROUND: usize = 20;
const UNITS_PER_TEAM: usize = 4;
const ROSTER_SIZE: usize = 6;

/// The position (0..120) of the unit inspected as the `slot`-th of a round: the article's three
/// categories are interleaved so that every round mixes them.
fn unit_at(position: usize) -> usize {
    (position * 37) % 120
}

/// Whether the database has no organisations yet.
pub async fn is_empty(db: &DatabaseConnection) -> Result<bool, DbErr> {
    Ok(organization::Entity::find().count(db).await? == 0)
}

/// Loads the demo data in one transaction.
pub async fn load(db: &DatabaseConnection) -> Result<(), DbErr> {
    let txn = crate::store::begin(db).await?;
    let now = crate::clock::now();
    let org = |kind: OrganizationKind, name: &str, category: Option<UnitCategory>| organization::ActiveModel {
        kind: Set(kind),
        name: Set(name.to_owned()),
        unit_category: Set(category),
        competence: Set((kind == OrganizationKind::PartnerAgency).then(|| names::competence_of(name))),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    };
    let leadership = org(OrganizationKind::LeadershipGroup, "区委巡察工作领导小组", None).insert(&txn).await?;
    let office = org(OrganizationKind::Office, "区委巡察办", None).insert(&txn).await?;
    let mut teams = Vec::new();
    for name in names::TEAMS {
        teams.push(org(OrganizationKind::InspectionTeam, name, None).insert(&txn).await?);
    }
    let mut agencies = Vec::new();
    for name in names::PARTNER_AGENCIES {
        agencies.push(org(OrganizationKind::PartnerAgency, name, None).insert(&txn).await?);
    }
    let categorized = names::DISTRICT_DEPARTMENTS
        .iter()
        .map(|n| (*n, UnitCategory::DistrictDepartment))
        .chain(names::TOWNSHIPS_STREETS.iter().map(|n| (*n, UnitCategory::TownshipStreet)))
        .chain(names::STATE_ENTERPRISES_INSTITUTIONS.iter().map(|n| (*n, UnitCategory::StateEnterpriseInstitution)));
    organization::Entity::insert_many(
        categorized.map(|(n, c)| org(OrganizationKind::AuditedUnit, n, Some(c))).collect::<Vec<_>>(),
    )
    .exec(&txn)
    .await?;
    let units: Vec<organization::Model> = organization::Entity::find()
        .filter(organization::Column::Kind.eq(OrganizationKind::AuditedUnit))
        .order_by_asc(organization::Column::Id)
        .all(&txn)
        .await?;

    // Experts, with a unit each has worked in, and some declared conflicts.
    let employers = ["区委组织部", "区人力社保局", "区纪委监察局", "区纪委监察局", "区财政局", "区审计局", "区司法局"];
    let specialties = [
        Specialty::Organization,
        Specialty::Personnel,
        Specialty::Discipline,
        Specialty::Supervision,
        Specialty::Finance,
        Specialty::Audit,
        Specialty::Law,
    ];
    let experts_rows = (0..230).map(|i: usize| {
        let (a, b) = (i % 40, i / 40);
        expert::ActiveModel {
            name: Set(format!("{}{}", names::SURNAMES[a], names::GIVEN_NAMES[(7 * a + 41 * b) % 60])),
            specialty: Set(specialties[i % 7]),
            birth_year: Set(1960 + ((i * 7) % 30) as i32),
            experience_years: Set(3 + ((i * 11) % 25) as i32),
            employer: Set(employers[i % 7].to_owned()),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
            ..Default::default()
        }
    });
    expert::Entity::insert_many(experts_rows.collect::<Vec<_>>()).exec(&txn).await?;
    let experts = expert::Entity::find().all(&txn).await?;
    let mut conflicts = Vec::new();
    for (i, e) in experts.iter().enumerate() {
        conflicts.push((e.id, units[(i * 17) % 120].id, ConflictKind::WorkedIn));
        if i % 5 == 0 {
            conflicts.push((e.id, units[(i * 29 + 5) % 120].id, ConflictKind::Declared));
        }
    }
    conflicts.sort_by_key(|c| (c.0, c.1));
    conflicts.dedup_by_key(|c| (c.0, c.1));
    expert_conflict::Entity::insert_many(
        conflicts
            .iter()
            .map(|&(expert_id, unit_id, kind)| expert_conflict::ActiveModel {
                expert_id: Set(expert_id),
                unit_id: Set(unit_id),
                kind: Set(kind),
                created_at: Set(now),
                ..Default::default()
            })
            .collect::<Vec<_>>(),
    )
    .exec(&txn)
    .await?;

    // The committee term, and six rounds in it covering all 120 units: all closed but the latest.
    let term = structure::term(&txn, now).await?;
    let mut rounds = Vec::new();
    for (i, (name, (starts, ends))) in names::ROUND_NAMES.iter().zip(names::ROUND_DATES).enumerate() {
        let status = if i + 1 < names::ROUND_NAMES.len() { RoundStatus::Closed } else { RoundStatus::InProgress };
        let date = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|e| DbErr::Custom(e.to_string()));
        rounds.push(
            round::ActiveModel {
                name: Set((*name).to_owned()),
                starts_on: Set(date(starts)?),
                ends_on: Set(date(ends)?),
                term_id: Set(Some(term.id)),
                started_on: Set(Some(date(starts)?)),
                status: Set(status),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
                ..Default::default()
            }
            .insert(&txn)
            .await?,
        );
    }

    // Inspections: 20 units a round, 4 for each team; rosters of six experts, none of whom
    // must recuse from a unit their team inspects in that round.
    let mut inspections = Vec::new();
    let mut roster = Vec::new();
    for (r, round) in rounds.iter().enumerate() {
        let status = match round.status {
            RoundStatus::Closed => InspectionStatus::Closed,
            RoundStatus::InProgress => InspectionStatus::Stationed,
            _ => InspectionStatus::Planned,
        };
        let mut used = std::collections::HashSet::new();
        let mut next_expert = r * 37;
        for (t, team) in teams.iter().enumerate() {
            let mut team_units: Vec<i32> =
                (0..UNITS_PER_TEAM).map(|k| units[unit_at(r * UNITS_PER_ROUND + t * UNITS_PER_TEAM + k)].id).collect();
            // unit2 was inspected once before, by team 2 in round 2 (a follow-up, 回头看).
            if (r, t) == (1, 1) {
                team_units.push(units[unit_at(UNIT2)].id);
            }
            for &unit_id in &team_units {
                inspections.push(inspection::ActiveModel {
                    round_id: Set(round.id),
                    team_id: Set(team.id),
                    unit_id: Set(unit_id),
                    status: Set(status),
                    created_at: Set(now),
                    updated_at: Set(now),
                    version: Set(1),
                    ..Default::default()
                });
            }
            let mut placed = 0;
            while placed < ROSTER_SIZE {
                let e = &experts[next_expert % experts.len()];
                next_expert += 1;
                let conflicted = conflicts.iter().any(|c| c.0 == e.id && team_units.contains(&c.1));
                if conflicted || !used.insert(e.id) {
                    continue;
                }
                let position = match placed {
                    0 => RosterPosition::Leader,
                    1 => RosterPosition::DeputyLeader,
                    _ => RosterPosition::Member,
                };
                roster.push(roster_entry::ActiveModel {
                    round_id: Set(round.id),
                    team_id: Set(team.id),
                    expert_id: Set(e.id),
                    position: Set(position),
                    created_at: Set(now),
                    ..Default::default()
                });
                placed += 1;
            }
        }
    }
    inspection::Entity::insert_many(inspections).exec(&txn).await?;
    roster_entry::Entity::insert_many(roster).exec(&txn).await?;

    // Villages and communities under some townships; the kinds of inspection; the term's plan.
    let villages = structure::villages(&txn, now, &units).await?;
    structure::kinds(&txn, now, &rounds, &teams, &units, &villages, units[unit_at(UNIT2)].id).await?;
    structure::plan(&txn, now, &term, &rounds, &units, &villages).await?;

    // Accounts, all with the one demo password (hashed once).
    let hash = crate::identity::password::hash(DEMO_PASSWORD).map_err(|e| DbErr::Custom(e.to_string()))?;
    let unit_of = |position: usize| units[unit_at(position)].id;
    let round6 = rounds[5].id;
    let accounts: [(&str, &str, Role, i32, Option<i32>); 16] = [
        ("leader", "王领导", Role::Leadership, leadership.id, None),
        ("office", "李巡察", Role::Office, office.id, None),
        ("team1", "张组长", Role::TeamLeader, teams[0].id, None),
        ("team2", "赵组长", Role::TeamLeader, teams[1].id, None),
        ("team3", "孙组长", Role::TeamLeader, teams[2].id, None),
        ("team4", "钱组长", Role::TeamLeader, teams[3].id, None),
        ("team5", "冯组长", Role::TeamLeader, teams[4].id, None),
        ("team1.member", "刘组员", Role::TeamMember, teams[0].id, None),
        ("team3.member", "陈组员", Role::TeamMember, teams[2].id, Some(round6)),
        ("agency1", "杨协作", Role::Partner, agencies[0].id, None),
        ("agency2", "黄协作", Role::Partner, agencies[1].id, None),
        ("agency3", "马协作", Role::Partner, agencies[6].id, None),
        ("unit1", "周书记", Role::UnitLeader, unit_of(UNIT1), None),
        ("unit1.deputy", "何镇长", Role::UnitLeader, unit_of(UNIT1), None),
        ("unit2", "吴书记", Role::UnitLeader, unit_of(UNIT2), None),
        ("unit3", "郑书记", Role::UnitLeader, unit_of(UNIT3), None),
    ];
    let mut team_leaders = std::collections::HashMap::new();
    let mut office_user = 0;
    let mut leader_user = 0;
    let mut unit_leaders = std::collections::HashMap::new();
    let mut team1_member = 0;
    for (username, display, role, org_id, round_id) in accounts {
        let u = user::ActiveModel {
            username: Set(username.to_owned()),
            display_name: Set(display.to_owned()),
            password_hash: Set(hash.clone()),
            disabled: Set(false),
            session_generation: Set(0),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        match role {
            Role::TeamLeader => {
                team_leaders.insert(org_id, u.id);
            }
            Role::Office => office_user = u.id,
            Role::Leadership => leader_user = u.id,
            Role::UnitLeader => {
                unit_leaders.insert(org_id, u.id);
            }
            _ => {}
        }
        role_assignment::ActiveModel {
            user_id: Set(u.id),
            role: Set(role),
            organization_id: Set(org_id),
            round_id: Set(round_id),
            // The unit leaders are their units' principal leaders (书记), but for unit1's deputy.
            is_principal: Set(role == Role::UnitLeader && !username.ends_with(".deputy")),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        if username == "team1.member" {
            team1_member = u.id;
        }
    }
    structure::link_account(&txn, &rounds[5], &teams[0], &units, team1_member).await?;

    let story = record::Story {
        now,
        round6,
        unit1: unit_of(UNIT1),
        unit2: unit_of(UNIT2),
        team3: teams[2].id,
        team_leaders,
        unit_leaders,
        office_user,
        agencies: agencies.clone(),
        teams: teams.iter().map(|t| t.id).collect(),
        leader_user,
    };
    record::load(&txn, &story).await?;
    txn.commit().await
}
