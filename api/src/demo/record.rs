//! The demo inspection record, sized to the article's table: over the six rounds, 1742 findings
//! (1090 in the three political categories), 246 clues found, 651 recommendations, 22 cases
//! filed, 33 persons disciplined (8 division-level), 3 collective interview sessions with 50 units
//! and 278 regulations. Every figure is a count of the rows written here, spread over the
//! inspections; nothing stores a total. Every record is dated on the day it happened, from its
//! round's dates (see [`Days`]).
//!
//! The story on top: rounds 1–5 are closed, their tasks struck off, their comprehensive reports
//! decided on; the cases the article tells are in them (see `referrals.rs`). Round 6 is under way:
//! `unit1`'s feedback is released; `unit2`'s follow-up report was returned once for revision and
//! is submitted again, awaiting the leadership group (its round-2 feedback is released); one of
//! team 3's units is rectifying; one of team 4's was heard and awaits the district committee; one
//! of team 5's is decided on and awaits release; the rest are stationed, with their channels
//! published. Petitions are registered, accepted, passed on, answered and closed; clues are in
//! every state their inspection's stage allows.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use entities::*;
use sea_orm::{
    ColumnTrait, DatabaseTransaction, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set, sea_query::Expr,
};

use super::texts;

/// The article's figures that the record must add up to.
const FINDINGS: usize = 1742;
/// Findings in the three political categories.
const POLITICAL_FINDINGS: usize = 1090;
/// Violation clues found: submitted to the leadership group.
const CLUES: usize = 246;
/// Clues drafted and not yet submitted, beyond the article's 246 found.
const DRAFT_CLUES: usize = 12;
/// Recommendations.
const RECOMMENDATIONS: usize = 651;

/// The `k`-th of `parts` shares of `total`, as even as whole numbers allow.
pub(super) fn share(total: usize, parts: usize, k: usize) -> usize {
    total / parts.max(1) + usize::from(k < total % parts.max(1))
}

/// A day's business hour as an instant: 10:00 in the district (02:00 UTC).
pub(super) fn at(day: NaiveDate) -> DateTime<Utc> {
    day.and_hms_opt(2, 0, 0).unwrap_or_default().and_utc()
}

/// The days an inspection's record is dated by, from its round: the team works from the round's
/// first day to its last, reports three days before the end; the leadership group hears the report
/// ten days after the end, the district committee decides ten days later, the feedback is released
/// five days after that; rectification runs over the next months.
#[derive(Debug, Clone, Copy)]
pub(super) struct Days {
    /// The round's first day.
    pub start: NaiveDate,
    /// The round's last day.
    pub end: NaiveDate,
}

impl Days {
    /// The days of an inspection of `round`.
    pub fn of(round: &round::Model) -> Days {
        Days { start: round.starts_on, end: round.ends_on }
    }

    /// The `k`-th of `n` days spread over the stationing (from a week in to a week before the end).
    pub fn during(self, k: usize, n: usize) -> NaiveDate {
        let span = (self.end - self.start).num_days().max(15) - 14;
        self.start + chrono::Duration::days(7 + (k as i64 * span) / n.max(1) as i64)
    }

    /// `n` days after the round's last day.
    pub fn after(self, n: i64) -> NaiveDate {
        self.end + chrono::Duration::days(n)
    }

    /// The day the team submitted its report.
    pub fn reported(self) -> NaiveDate {
        self.after(-3)
    }

    /// The day the leadership group heard it (and decided on the clues).
    pub fn heard(self) -> NaiveDate {
        self.after(10)
    }

    /// The day the district committee decided.
    pub fn decided(self) -> NaiveDate {
        self.after(20)
    }

    /// The day the feedback was released.
    pub fn released(self) -> NaiveDate {
        self.after(25)
    }
}

/// Who and what the record is written about.
pub struct Story {
    /// When the demo was loaded.
    pub now: DateTime<Utc>,
    /// Round 6, in progress.
    pub round6: i32,
    /// `unit1`'s unit.
    pub unit1: i32,
    /// `unit2`'s unit.
    pub unit2: i32,
    /// Team 3.
    pub team3: i32,
    /// Each team's leader.
    pub team_leaders: HashMap<i32, i32>,
    /// Each unit leader's account, by unit.
    pub unit_leaders: HashMap<i32, i32>,
    /// The office's account.
    pub office_user: i32,
    /// The ten partner agencies.
    pub agencies: Vec<organization::Model>,
    /// The five teams, in order.
    pub teams: Vec<i32>,
    /// The leadership group's account.
    pub leader_user: i32,
}

const REPORTERS: [(&str, &str); 3] = [("李某某", "138****1024"), ("王某", "139****2048"), ("张某某", "137****4096")];

/// The finding categories, in the order of `FindingCategory`.
const CATEGORIES: [FindingCategory; 8] = [
    FindingCategory::PartyLeadershipWeakened,
    FindingCategory::PartyBuildingMissing,
    FindingCategory::StrictGovernanceIneffective,
    FindingCategory::FundsAndProjects,
    FindingCategory::PovertyAlleviation,
    FindingCategory::Livelihood,
    FindingCategory::WorkStyle,
    FindingCategory::Other,
];

/// Posts of persons named in clues, by rank.
const SECTION_POSTS: [&str; 6] = ["财务科科长", "办公室主任", "项目科科长", "经发办主任", "财政所所长", "采购部经理"];
const STAFF_POSTS: [&str; 4] = ["会计", "出纳", "科员", "村会计"];

/// Writes the record of every inspection that has begun.
pub async fn load(txn: &DatabaseTransaction, story: &Story) -> Result<(), DbErr> {
    let now = story.now;
    // Round 6's inspections, as the story goes.
    let round6_inspections = inspection::Entity::find()
        .filter(inspection::Column::RoundId.eq(story.round6))
        .order_by_asc(inspection::Column::Id);
    let (mut rectifying_done, mut heard_done, mut decided_done) = (false, false, false);
    let team = |k: usize| story.teams.get(k).copied().unwrap_or_default();
    for i in round6_inspections.all(txn).await? {
        let regular = i.kind == InspectionKind::Regular;
        let status = if i.unit_id == story.unit1 {
            InspectionStatus::FeedbackGiven
        } else if i.unit_id == story.unit2 {
            InspectionStatus::Reported
        } else if i.team_id == story.team3 && !rectifying_done {
            rectifying_done = true;
            InspectionStatus::Rectifying
        } else if i.team_id == team(3) && regular && !heard_done {
            // Heard by the leadership group, awaiting the district committee.
            heard_done = true;
            InspectionStatus::Heard
        } else if i.team_id == team(4) && regular && !decided_done {
            // Decided on, its feedback awaiting release.
            decided_done = true;
            InspectionStatus::Decided
        } else {
            continue;
        };
        inspection::Entity::update_many()
            .col_expr(inspection::Column::Status, Expr::value(status))
            .filter(inspection::Column::Id.eq(i.id))
            .exec(txn)
            .await?;
    }

    let begun: Vec<inspection::Model> = inspection::Entity::find()
        .filter(inspection::Column::Status.ne(InspectionStatus::Planned))
        .order_by_asc(inspection::Column::Id)
        .all(txn)
        .await?;
    let rounds: HashMap<i32, round::Model> =
        round::Entity::find().all(txn).await?.into_iter().map(|r| (r.id, r)).collect();
    let days = |i: &inspection::Model| {
        rounds.get(&i.round_id).map(Days::of).unwrap_or(Days { start: now.date_naive(), end: now.date_naive() })
    };
    let units: HashMap<i32, organization::Model> = organization::Entity::find()
        .filter(organization::Column::Kind.eq(OrganizationKind::AuditedUnit))
        .all(txn)
        .await?
        .into_iter()
        .map(|o| (o.id, o))
        .collect();
    let category_of =
        |unit: i32| units.get(&unit).and_then(|u| u.unit_category).unwrap_or(UnitCategory::DistrictDepartment);
    let author = |i: &inspection::Model| story.team_leaders.get(&i.team_id).copied().unwrap_or(story.office_user);
    let cases = super::referrals::case_inspections(txn, &begun).await?;

    petitions(txn, story, &begun, &days).await?;
    let mut petition_of: HashMap<i32, i32> = HashMap::new();
    for p in petition::Entity::find().order_by_asc(petition::Column::Id).all(txn).await? {
        petition_of.entry(p.inspection_id).or_insert(p.id);
    }

    // Findings: the article's 1742 shared out over the inspections, 1090 of them political, spread
    // evenly through the record, their texts chosen for the category and the kind of unit; each
    // inspection's last one stays with the leadership. A case's inspection opens with the case.
    let mut findings = Vec::new();
    let mut used: HashMap<(FindingCategory, UnitCategory), usize> = HashMap::new();
    let (mut political, mut other) = (0, 0);
    for (n, i) in begun.iter().enumerate() {
        let count = share(FINDINGS, begun.len(), n);
        let case = cases.get(&i.id).map(|&k| texts::CASES[k]);
        let mut case_placed = false;
        for k in 0..count {
            let g = findings.len();
            let is_political = (g + 1) * POLITICAL_FINDINGS / FINDINGS > g * POLITICAL_FINDINGS / FINDINGS;
            let category = if is_political {
                political += 1;
                CATEGORIES[(political - 1) % 3]
            } else {
                other += 1;
                CATEGORIES[3 + (other - 1) % 5]
            };
            let (category, description) = match case {
                Some(c) if !case_placed && c.category.is_political() == is_political => {
                    case_placed = true;
                    (c.category, c.finding.to_owned())
                }
                _ => {
                    let unit = category_of(i.unit_id);
                    let pool = texts::finding_texts(category, unit);
                    let next = used.entry((category, unit)).or_default();
                    *next += 1;
                    (category, pool[(*next - 1) % pool.len()].to_owned())
                }
            };
            let evidence = texts::evidence_texts(category);
            let on = at(days(i).during(k, count));
            findings.push(finding::ActiveModel {
                inspection_id: Set(i.id),
                category: Set(category),
                description: Set(description),
                evidence: Set(evidence[g % evidence.len()].to_owned()),
                include_in_feedback: Set(k + 1 < count),
                petition_id: Set((k == 0).then(|| petition_of.get(&i.id).copied()).flatten()),
                created_by: Set(author(i)),
                created_at: Set(on),
                updated_at: Set(on),
                version: Set(1),
                ..Default::default()
            });
        }
    }
    for chunk in findings.chunks(500) {
        finding::Entity::insert_many(chunk.to_vec()).exec(txn).await?;
    }
    let mut findings_of: HashMap<i32, Vec<(i32, FindingCategory)>> = HashMap::new();
    for (id, inspection_id, category) in finding::Entity::find()
        .select_only()
        .columns([finding::Column::Id, finding::Column::InspectionId, finding::Column::Category])
        .order_by_asc(finding::Column::Id)
        .into_tuple::<(i32, i32, FindingCategory)>()
        .all(txn)
        .await?
    {
        findings_of.entry(inspection_id).or_default().push((id, category));
    }

    // Recommendations: the article's 651 shared out, each answering two of the findings, in words
    // fitting the first one's category.
    let mut recommendations = Vec::new();
    let mut answers: Vec<Vec<i32>> = Vec::new();
    for (n, i) in begun.iter().enumerate() {
        let of = findings_of.get(&i.id).cloned().unwrap_or_default();
        for k in 0..share(RECOMMENDATIONS, begun.len(), n) {
            let answered: Vec<(i32, FindingCategory)> = of.iter().skip(k * 2).take(2).copied().collect();
            let category = answered.first().map_or(FindingCategory::Other, |f| f.1);
            let pool = texts::recommendation_for(category);
            let on = at(days(i).reported());
            recommendations.push(recommendation::ActiveModel {
                inspection_id: Set(i.id),
                content: Set(pool[(n + k) % pool.len()].to_owned()),
                created_by: Set(author(i)),
                created_at: Set(on),
                updated_at: Set(on),
                version: Set(1),
                ..Default::default()
            });
            answers.push(answered.into_iter().map(|f| f.0).collect());
        }
    }
    recommendation::Entity::insert_many(recommendations).exec(txn).await?;
    let ids: Vec<i32> = recommendation::Entity::find()
        .select_only()
        .column(recommendation::Column::Id)
        .order_by_asc(recommendation::Column::Id)
        .into_tuple()
        .all(txn)
        .await?;
    let links: Vec<recommendation_finding::ActiveModel> = ids
        .iter()
        .zip(answers)
        .flat_map(|(&r, fs)| {
            fs.into_iter()
                .map(move |f| recommendation_finding::ActiveModel { recommendation_id: Set(r), finding_id: Set(f) })
        })
        .collect();
    recommendation_finding::Entity::insert_many(links).exec(txn).await?;

    // Clues: the article's 246 found (submitted to the leadership group) shared out, in the states
    // their inspection's stage allows — where the inspection is rectifying or closed, each was
    // referred (see `referrals.rs`) or rejected; where the feedback is out, some approved ones
    // await referral; before it, every decision is still possible. And a draft each in a dozen
    // stationed inspections: written, not yet submitted, not counted among the clues found. A
    // case's inspection holds the case's clue.
    let mut clues = Vec::new();
    let mut persons_of: Vec<Vec<(String, PersonRank, String)>> = Vec::new();
    let mut drafts = 0;
    let mut named = 0;
    for (n, i) in begun.iter().enumerate() {
        let count = share(CLUES, begun.len(), n);
        let with_draft = i.status == InspectionStatus::Stationed && drafts < DRAFT_CLUES;
        drafts += usize::from(with_draft);
        let case = cases.get(&i.id).map(|&k| (k, texts::CASES[k]));
        for k in 0..count + usize::from(with_draft) {
            let g = clues.len();
            let status = if k == count {
                ClueStatus::Draft
            } else {
                match i.status {
                    InspectionStatus::Closed | InspectionStatus::Rectifying => {
                        if g % 5 == 4 && !(k == 0 && case.is_some()) {
                            ClueStatus::Rejected
                        } else {
                            ClueStatus::Approved
                        }
                    }
                    InspectionStatus::FeedbackGiven => [ClueStatus::Approved, ClueStatus::Rejected][g % 2],
                    _ => [ClueStatus::Submitted, ClueStatus::Approved, ClueStatus::Rejected][g % 3],
                }
            };
            let from_petition = g % 2 == 0;
            let (alleged, evidence, persons) = match case {
                Some((c, case)) if k == 0 && case.clue.is_some() => {
                    let (alleged, evidence) = case.clue.unwrap_or_default();
                    (alleged, evidence, super::referrals::case_persons(c))
                }
                _ => {
                    let (alleged, evidence) = texts::CLUE_TEXTS[g % texts::CLUE_TEXTS.len()];
                    let persons = (0..1 + g % 2)
                        .map(|_| {
                            named += 1;
                            // Persons of generic clues are section-level or staff; a division-level
                            // one is named where a case is told.
                            if named % 3 == 0 {
                                (
                                    texts::person(named),
                                    PersonRank::Staff,
                                    STAFF_POSTS[named % STAFF_POSTS.len()].to_owned(),
                                )
                            } else {
                                (
                                    texts::person(named),
                                    PersonRank::SectionLevel,
                                    SECTION_POSTS[named % SECTION_POSTS.len()].to_owned(),
                                )
                            }
                        })
                        .collect();
                    (alleged, evidence, persons)
                }
            };
            let d = days(i);
            let on = at(d.during(k, count + 1));
            let decided = matches!(status, ClueStatus::Approved | ClueStatus::Rejected | ClueStatus::Referred);
            clues.push(clue::ActiveModel {
                inspection_id: Set(i.id),
                status: Set(status),
                alleged_violation: Set(alleged.to_owned()),
                evidence: Set(evidence.to_owned()),
                source: Set(if from_petition { ClueSource::Petition } else { ClueSource::DocumentReview }),
                petition_id: Set(from_petition.then(|| petition_of.get(&i.id).copied()).flatten()),
                rejection_reason: Set((status == ClueStatus::Rejected).then(|| "证据不足，转由巡察组继续了解。".into())),
                created_by: Set(author(i)),
                created_at: Set(on),
                updated_at: Set(if decided { at(d.heard()) } else { on }),
                version: Set(match status {
                    ClueStatus::Draft => 1,
                    ClueStatus::Submitted => 2,
                    _ => 3,
                }),
                ..Default::default()
            });
            persons_of.push(persons);
        }
    }
    clue::Entity::insert_many(clues).exec(txn).await?;
    let clue_ids: Vec<i32> = clue::Entity::find()
        .select_only()
        .column(clue::Column::Id)
        .order_by_asc(clue::Column::Id)
        .into_tuple()
        .all(txn)
        .await?;
    let persons: Vec<clue_person::ActiveModel> = clue_ids
        .iter()
        .zip(persons_of)
        .flat_map(|(&clue_id, persons)| {
            persons.into_iter().map(move |(name, rank, position)| clue_person::ActiveModel {
                clue_id: Set(clue_id),
                name: Set(name),
                rank: Set(rank),
                position: Set(position),
                ..Default::default()
            })
        })
        .collect();
    clue_person::Entity::insert_many(persons).exec(txn).await?;

    // Reports and both feedback documents: submitted once reported, released once feedback was
    // given, each on its day.
    let statuses: HashMap<i32, InspectionStatus> = inspection::Entity::find()
        .filter(inspection::Column::Status.ne(InspectionStatus::Planned))
        .all(txn)
        .await?
        .into_iter()
        .map(|i| (i.id, i.status))
        .collect();
    let reported = |s: InspectionStatus| s != InspectionStatus::Stationed;
    let released = |s: InspectionStatus| {
        matches!(s, InspectionStatus::FeedbackGiven | InspectionStatus::Rectifying | InspectionStatus::Closed)
    };
    let mut reports = Vec::new();
    let mut feedbacks = Vec::new();
    let mut principal = Vec::new();
    for i in &begun {
        let s = statuses.get(&i.id).copied().unwrap_or(i.status);
        let d = days(i);
        let unit = units.get(&i.unit_id).map(|u| u.name.as_str()).unwrap_or_default();
        let drafted = at(d.after(-10));
        let submitted = reported(s).then(|| at(d.reported()));
        let out = released(s).then(|| at(d.released()));
        reports.push(report::ActiveModel {
            inspection_id: Set(i.id),
            body: Set(format!("关于{unit}党组织的巡察情况报告：发现的主要问题、问题线索及处置建议。")),
            submitted_at: Set(submitted),
            created_at: Set(drafted),
            updated_at: Set(submitted.unwrap_or(drafted)),
            version: Set(1 + i32::from(submitted.is_some())),
            ..Default::default()
        });
        feedbacks.push(feedback::ActiveModel {
            inspection_id: Set(i.id),
            body: Set(format!("区委巡察组向{unit}党组织领导班子反馈巡察意见：指出问题，提出整改意见建议。")),
            released_at: Set(out),
            created_at: Set(drafted),
            updated_at: Set(out.unwrap_or(drafted)),
            version: Set(1 + i32::from(out.is_some())),
            ..Default::default()
        });
        principal.push(principal_feedback::ActiveModel {
            inspection_id: Set(i.id),
            body: Set(format!(
                "区委巡察组向{unit}党组织主要负责人单独反馈：指出其履行第一责任人职责方面的问题，提出整改要求。"
            )),
            released_at: Set(out),
            created_at: Set(drafted),
            updated_at: Set(out.unwrap_or(drafted)),
            version: Set(1 + i32::from(out.is_some())),
            ..Default::default()
        });
    }
    report::Entity::insert_many(reports).exec(txn).await?;
    feedback::Entity::insert_many(feedbacks).exec(txn).await?;
    principal_feedback::Entity::insert_many(principal).exec(txn).await?;
    super::decisions::load(txn, story).await?;
    super::referrals::load(txn, story, &cases).await?;
    super::rectification::load(txn, story).await
}

/// Petitions: one per inspection about the inspected unit, every third anonymous, taken up by the
/// team (closed once the feedback is out); and in the inspections still at work, one more about
/// another body's business, passed on (转办) to 区信访办 or to the unit concerned.
async fn petitions(
    txn: &DatabaseTransaction,
    story: &Story,
    begun: &[inspection::Model],
    days: &impl Fn(&inspection::Model) -> Days,
) -> Result<(), DbErr> {
    let units_all: Vec<i32> = organization::Entity::find()
        .filter(organization::Column::Kind.eq(OrganizationKind::AuditedUnit))
        .order_by_asc(organization::Column::Id)
        .all(txn)
        .await?
        .into_iter()
        .map(|o| o.id)
        .collect();
    let petitions_office = story.agencies.iter().find(|a| a.name == "区信访办").map_or(0, |a| a.id);
    let author = |i: &inspection::Model| story.team_leaders.get(&i.team_id).copied().unwrap_or(story.office_user);
    let mut petitions: Vec<petition::ActiveModel> = Vec::new();
    let own_texts = &texts::PETITION_TEXTS[..texts::PETITIONS_PASSED_ON_FROM];
    let other_texts = &texts::PETITION_TEXTS[texts::PETITIONS_PASSED_ON_FROM..];
    let cases = super::referrals::case_inspections(txn, begun).await?;
    let mut passed = 0;
    for (n, i) in begun.iter().enumerate() {
        let d = days(i);
        let received = d.during(n % 5, 6);
        let reporter = (n % 3 != 2).then(|| REPORTERS[n % REPORTERS.len()]);
        let done = !matches!(i.status, InspectionStatus::Stationed | InspectionStatus::Reported);
        let status = if done {
            PetitionStatus::Closed
        } else {
            [PetitionStatus::Registered, PetitionStatus::Accepted, PetitionStatus::Closed][n % 3]
        };
        // A case told from a petition (the gas company's storage spheres) opens with it.
        let content =
            cases.get(&i.id).and_then(|&k| texts::CASES[k].petition).unwrap_or(own_texts[n % own_texts.len()]);
        let closed_on = received + chrono::Duration::days(20);
        petitions.push(petition::ActiveModel {
            inspection_id: Set(i.id),
            unit_id: Set(i.unit_id),
            content: Set(content.to_owned()),
            reporter_name: Set(reporter.map(|r| r.0.to_owned())),
            reporter_contact: Set(reporter.map(|r| r.1.to_owned())),
            received_on: Set(received),
            status: Set(status),
            handling_note: Set(
                (status != PetitionStatus::Registered).then(|| "属本次巡察范围，由巡察组受理核实。".to_owned())
            ),
            outcome: Set((status == PetitionStatus::Closed)
                .then(|| "经核实，反映问题部分属实，已纳入巡察反馈意见督促整改，并向信访人反馈。".to_owned())),
            closed_on: Set((status == PetitionStatus::Closed).then_some(closed_on)),
            created_by: Set(author(i)),
            created_at: Set(at(received)),
            updated_at: Set(at(if status == PetitionStatus::Closed { closed_on } else { received })),
            version: Set(match status {
                PetitionStatus::Registered => 1,
                PetitionStatus::Closed => 3,
                _ => 2,
            }),
            ..Default::default()
        });
        if i.status == InspectionStatus::Stationed && passed < other_texts.len() {
            let status = [
                PetitionStatus::PassedOn,
                PetitionStatus::Answered,
                PetitionStatus::Closed,
                PetitionStatus::Registered,
            ][passed % 4];
            // About a unit this inspection does not inspect; half go to the petitions office.
            let about = units_all[(passed * 7 + 3) % units_all.len()];
            let about = if about == i.unit_id { units_all[(passed * 7 + 4) % units_all.len()] } else { about };
            let to = if passed % 2 == 0 { petitions_office } else { about };
            let moved = status != PetitionStatus::Registered;
            let answered = matches!(status, PetitionStatus::Answered | PetitionStatus::Closed);
            let (passed_on, answered_on, closed_on) = (
                received + chrono::Duration::days(2),
                received + chrono::Duration::days(25),
                received + chrono::Duration::days(30),
            );
            petitions.push(petition::ActiveModel {
                inspection_id: Set(i.id),
                unit_id: Set(about),
                content: Set(other_texts[passed].to_owned()),
                reporter_name: Set(None),
                reporter_contact: Set(None),
                received_on: Set(received),
                status: Set(status),
                passed_to_id: Set(moved.then_some(to)),
                passed_on: Set(moved.then_some(passed_on)),
                handling_note: Set(moved.then(|| "不属本次巡察范围，转请有关单位依法依规办理并反馈结果。".to_owned())),
                answer: Set(answered.then(|| "已调查核实并依法处理，已向信访人答复。".to_owned())),
                answered_on: Set(answered.then_some(answered_on)),
                outcome: Set((status == PetitionStatus::Closed)
                    .then(|| "有关单位已办结并答复，巡察组审核后予以办结。".to_owned())),
                closed_on: Set((status == PetitionStatus::Closed).then_some(closed_on)),
                created_by: Set(author(i)),
                created_at: Set(at(received)),
                updated_at: Set(at(match status {
                    PetitionStatus::Closed => closed_on,
                    PetitionStatus::Answered => answered_on,
                    PetitionStatus::PassedOn => passed_on,
                    _ => received,
                })),
                version: Set(1 + i32::from(moved) + i32::from(answered)),
                ..Default::default()
            });
            passed += 1;
        }
    }
    petition::Entity::insert_many(petitions).exec(txn).await?;
    Ok(())
}
