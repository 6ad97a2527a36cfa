//! Referrals as the rules have them, each on its day, and the cases the article tells.
//!
//! Every approved clue of an inspection rectifying or closed is referred to the agency competent
//! for it: a violation to the commission (区纪委监察局), a cadre question — one clue in twelve — to
//! the organisation department (区委组织部); no judicial body receives one from the office. A few
//! findings about a failing system are passed to the department responsible (问题移交) and
//! answered. The article's figures come out by counting: 22 cases filed, 33 persons disciplined, 8
//! of them division-level — the four cases told with clues (the agriculture commission's
//! resettlement fraud, ending in expulsion, transfer to the procuratorate and, later, a court's
//! judgment; the department's unjustified "work fees", with self-criticisms and admonishments; the
//! township's poverty-alleviation case; the township whose secretary was removed from party post
//! and whose head was expelled), 17 other cases with one person each, two cases still under
//! investigation, and two persons the organisation department removed or reassigned.

use std::collections::HashMap;

use chrono::NaiveDate;
use entities::*;
use sea_orm::{
    ColumnTrait, DatabaseTransaction, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait, Set,
    sea_query::{Expr, ExprTrait},
};

use super::{
    record::{Days, Story, at},
    texts,
};

/// One person's outcome: the person, the measure, its day and its words.
type Outcome = (clue_person::Model, Measure, NaiveDate, Option<String>);

/// Cases filed beyond those the article tells, each disposing of one person.
const OTHER_CASES_CONCLUDED: usize = 17;
/// Cases filed and still under investigation.
const CASES_PENDING: usize = 2;
/// Of the other cases' persons, division-level.
const OTHER_DIVISION_LEVEL: usize = 2;

/// The inspection of each case the article tells (by the case's index in [`texts::CASES`]): the
/// unit's inspection in a closed round.
pub async fn case_inspections(
    txn: &DatabaseTransaction,
    begun: &[inspection::Model],
) -> Result<HashMap<i32, usize>, DbErr> {
    let mut found = HashMap::new();
    for (k, case) in texts::CASES.iter().enumerate() {
        let Some(unit) =
            organization::Entity::find().filter(organization::Column::Name.eq(case.unit_hint)).one(txn).await?
        else {
            continue;
        };
        if let Some(i) = begun.iter().find(|i| i.unit_id == unit.id && i.status == InspectionStatus::Closed) {
            found.insert(i.id, k);
        }
    }
    Ok(found)
}

/// The ranks of the persons of each case, in the order the case names them.
fn case_ranks(k: usize) -> &'static [PersonRank] {
    use PersonRank::*;
    match k {
        0 => &[DivisionLevel],
        1 => &[DivisionLevel, SectionLevel, SectionLevel, SectionLevel, SectionLevel, SectionLevel, SectionLevel],
        2 => &[DivisionLevel, DivisionLevel, SectionLevel, SectionLevel],
        _ => &[DivisionLevel, DivisionLevel],
    }
}

/// The persons a case's clue names: fictional names, the posts the article gives.
pub fn case_persons(k: usize) -> Vec<(String, PersonRank, String)> {
    texts::CASES[k]
        .persons
        .iter()
        .enumerate()
        .map(|(j, (post, _))| {
            let rank = case_ranks(k).get(j).copied().unwrap_or(PersonRank::SectionLevel);
            (texts::person(300 + 10 * k + j), rank, (*post).to_owned())
        })
        .collect()
}

/// What each case's persons received, as the article tells it: (measures, a note).
fn case_measures(k: usize, j: usize) -> &'static [Measure] {
    use Measure::*;
    match (k, j) {
        (0, _) => &[ExpulsionFromParty, DismissalFromPublicOffice, TransferToProcuratorate],
        (1, 0 | 1) => &[OrderedSelfCriticism],
        (1, _) => &[Admonishment],
        (2, 0) => &[SeriousPartyWarning],
        (2, _) => &[PartyWarning],
        (_, 0) => &[RemovalFromPartyPost],
        _ => &[ExpulsionFromParty, DismissalFromPublicOffice],
    }
}

/// How a referral ends in the demo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Course {
    /// A case the article tells.
    Case(usize),
    /// A case filed, one person disposed of.
    Filed,
    /// A case filed, still under investigation.
    Pending,
    /// Concluded by a talk or letter inquiry, or closed without action.
    Inquiry,
    /// Shelved pending further checks.
    Shelved,
    /// Sent, or acknowledged, not yet concluded.
    Open(ReferralStatus),
    /// A cadre question, with an organisational measure on one person.
    CadreMeasure(Measure),
    /// A cadre question, concluded with no measure.
    Cadre,
}

/// Writes the referrals, their dispositions and the finding referrals.
pub async fn load(txn: &DatabaseTransaction, story: &Story, cases: &HashMap<i32, usize>) -> Result<(), DbErr> {
    let today = story.now.date_naive();
    let agency = |name: &str| story.agencies.iter().find(|a| a.name == name).map_or(0, |a| a.id);
    let (commission, organisation) = (agency("区纪委监察局"), agency("区委组织部"));
    let inspections: HashMap<i32, inspection::Model> =
        inspection::Entity::find().all(txn).await?.into_iter().map(|i| (i.id, i)).collect();
    let rounds: HashMap<i32, round::Model> =
        round::Entity::find().all(txn).await?.into_iter().map(|r| (r.id, r)).collect();
    let days_of = |inspection_id: i32| {
        inspections
            .get(&inspection_id)
            .and_then(|i| rounds.get(&i.round_id))
            .map(Days::of)
            .unwrap_or(Days { start: today, end: today })
    };
    let approved: Vec<clue::Model> = clue::Entity::find()
        .filter(clue::Column::Status.eq(ClueStatus::Approved))
        .filter(
            clue::Column::InspectionId.in_subquery(
                inspection::Entity::find()
                    .select_only()
                    .column(inspection::Column::Id)
                    .filter(inspection::Column::Status.is_in([InspectionStatus::Closed, InspectionStatus::Rectifying]))
                    .into_query(),
            ),
        )
        .order_by_asc(clue::Column::Id)
        .all(txn)
        .await?;
    let mut persons_of: HashMap<i32, Vec<clue_person::Model>> = HashMap::new();
    for p in clue_person::Entity::find().order_by_asc(clue_person::Column::Id).all(txn).await? {
        persons_of.entry(p.clue_id).or_default().push(p);
    }

    // Each clue's course: the cases told; one clue in twelve a cadre question; of the rest, the
    // first seventeen filed and concluded, the last two filed and pending, the few before those
    // still open, and of the others two shelved and the rest concluded by an inquiry.
    let case_clue = |c: &clue::Model| {
        cases
            .get(&c.inspection_id)
            .copied()
            .filter(|&k| texts::CASES[k].clue.is_some_and(|(alleged, _)| alleged == c.alleged_violation))
    };
    let mut courses: Vec<(clue::Model, i32, Course)> = Vec::new();
    let (mut cadre, mut generic) = (0, Vec::new());
    for (n, c) in approved.into_iter().enumerate() {
        if let Some(k) = case_clue(&c) {
            courses.push((c, commission, Course::Case(k)));
        } else if n % 12 == 5 {
            let course = match cadre {
                0 => Course::CadreMeasure(Measure::RemovalFromOffice),
                1 => Course::CadreMeasure(Measure::Reassignment),
                _ => Course::Cadre,
            };
            cadre += 1;
            courses.push((c, organisation, course));
        } else {
            generic.push(c);
        }
    }
    let g = generic.len();
    for (n, c) in generic.into_iter().enumerate() {
        let course = if n < OTHER_CASES_CONCLUDED {
            Course::Filed
        } else if n + CASES_PENDING >= g {
            Course::Pending
        } else if n + CASES_PENDING + 6 >= g {
            Course::Open(if n % 2 == 0 { ReferralStatus::Sent } else { ReferralStatus::Acknowledged })
        } else if n % 23 == 7 {
            Course::Shelved
        } else {
            Course::Inquiry
        };
        courses.push((c, commission, course));
    }
    courses.sort_by_key(|(c, _, _)| (days_of(c.inspection_id).end, c.id));

    // The two other cases whose person was division-level.
    let mut division_left = OTHER_DIVISION_LEVEL;
    let mut referrals = Vec::new();
    let mut outcomes: Vec<Vec<Outcome>> = Vec::new();
    let mut seq = 0i64;
    let mut open = 0;
    for (c, agency_id, course) in &courses {
        let d = days_of(c.inspection_id);
        let sent = d.after(30);
        let acknowledged = sent + chrono::Duration::days(3);
        let filed_on = sent + chrono::Duration::days(30);
        let decided_on = filed_on + chrono::Duration::days(75);
        let concluded_on = decided_on + chrono::Duration::days(15);
        let mut persons = persons_of.get(&c.id).cloned().unwrap_or_default();
        if *course == Course::Filed && division_left > 0 {
            // Raise the first person to division level, as the rules' count has it.
            division_left -= 1;
            if let Some(p) = persons.first_mut() {
                p.rank = PersonRank::DivisionLevel;
                p.position = "副局长".to_owned();
                clue_person::Entity::update_many()
                    .col_expr(clue_person::Column::Rank, Expr::value(PersonRank::DivisionLevel))
                    .col_expr(clue_person::Column::Position, Expr::value("副局长"))
                    .filter(clue_person::Column::Id.eq(p.id))
                    .exec(txn)
                    .await?;
            }
        }
        let (status, method, filed, conclusion) = match course {
            Course::Case(k) => {
                let filed = *k != 1;
                (ReferralStatus::Concluded, DisposalMethod::PreliminaryVerification, filed, texts::CASES[*k].outcome)
            }
            Course::Filed => (
                ReferralStatus::Concluded,
                DisposalMethod::PreliminaryVerification,
                true,
                "经立案审查，问题属实，已依纪依法作出处理。",
            ),
            Course::Pending => (ReferralStatus::Acknowledged, DisposalMethod::PreliminaryVerification, true, ""),
            Course::Inquiry => (
                ReferralStatus::Concluded,
                if c.id % 3 == 0 { DisposalMethod::ClosedWithoutAction } else { DisposalMethod::TalkOrLetterInquiry },
                false,
                "经谈话函询，本人作出说明，问题情节轻微，予以了结，并进行谈话提醒。",
            ),
            Course::Shelved => (ReferralStatus::Shelved, DisposalMethod::ShelvedPending, false, ""),
            Course::Open(s) => (*s, DisposalMethod::PreliminaryVerification, false, ""),
            Course::CadreMeasure(_) | Course::Cadre => (
                ReferralStatus::Concluded,
                DisposalMethod::PreliminaryVerification,
                false,
                "经核查，干部选拔任用程序存在瑕疵，已督促整改并对相关人员作出组织处理。",
            ),
        };
        let commission_course = *agency_id == commission;
        let concluded = status == ReferralStatus::Concluded;
        let acknowledged_yet = status != ReferralStatus::Sent;
        // The open ones fall due around the day the demo is loaded: some are overdue.
        let deadline = if concluded || status == ReferralStatus::Shelved {
            sent.checked_add_months(chrono::Months::new(3)).unwrap_or(sent)
        } else {
            open += 1;
            today + chrono::Duration::days(if open % 2 == 0 { 40 } else { -10 })
        };
        let mut measures = Vec::new();
        match course {
            Course::Case(k) => {
                for (j, p) in persons.iter().enumerate() {
                    for &m in case_measures(*k, j) {
                        measures.push((p.clone(), m, decided_on, None));
                    }
                }
            }
            Course::Filed => {
                let m =
                    [Measure::PartyWarning, Measure::SeriousPartyWarning, Measure::GovernmentWarning, Measure::Demerit]
                        [referrals.len() % 4];
                if let Some(p) = persons.first() {
                    measures.push((p.clone(), m, decided_on, None));
                }
            }
            Course::CadreMeasure(m) => {
                if let Some(p) = persons.first() {
                    measures.push((p.clone(), *m, decided_on, None));
                }
            }
            _ => {}
        }
        let last = if concluded {
            concluded_on
        } else if acknowledged_yet {
            acknowledged
        } else {
            sent
        };
        seq += 1;
        let carried: Vec<serde_json::Value> = persons
            .iter()
            .map(|p| serde_json::json!({ "name": p.name, "rank": p.rank, "position": p.position }))
            .collect();
        referrals.push(referral::ActiveModel {
            clue_id: Set(Some(c.id)),
            finding_id: Set(None),
            matter: Set(if commission_course { ReferralMatter::Violation } else { ReferralMatter::Cadre }),
            agency_id: Set(*agency_id),
            status: Set(status),
            deadline: Set(deadline),
            alleged_violation: Set(c.alleged_violation.clone()),
            evidence: Set(c.evidence.clone()),
            persons: Set(serde_json::Value::Array(carried).to_string()),
            disposal_method: Set((commission_course
                && (concluded || status == ReferralStatus::Shelved || *course == Course::Pending))
                .then_some(method)),
            case_filed_on: Set(filed.then_some(filed_on)),
            conclusion: Set(concluded.then(|| conclusion.to_owned())),
            acknowledged_at: Set(acknowledged_yet.then(|| at(acknowledged))),
            concluded_at: Set(concluded.then(|| at(concluded_on))),
            change_seq: Set(seq),
            created_at: Set(at(sent)),
            updated_at: Set(at(last)),
            version: Set(1 + i32::from(acknowledged_yet) + i32::from(concluded) + measures.len() as i32),
            ..Default::default()
        });
        outcomes.push(measures);
    }

    // Findings about a failing system, passed to the department responsible and answered.
    let departments: Vec<i32> =
        story.agencies.iter().filter(|a| a.competence == Some(AgencyCompetence::General)).map(|a| a.id).collect();
    let systems: Vec<finding::Model> = finding::Entity::find()
        .filter(finding::Column::Category.eq(FindingCategory::Other))
        .filter(
            finding::Column::InspectionId.in_subquery(
                inspection::Entity::find()
                    .select_only()
                    .column(inspection::Column::Id)
                    .filter(
                        inspection::Column::Status.is_in([InspectionStatus::Closed, InspectionStatus::FeedbackGiven]),
                    )
                    .into_query(),
            ),
        )
        .order_by_asc(finding::Column::Id)
        .all(txn)
        .await?;
    let passed: Vec<&finding::Model> = systems.iter().step_by(systems.len().max(1) / 8 + 1).take(8).collect();
    let mut finding_referrals = Vec::new();
    for (n, f) in passed.iter().enumerate() {
        let d = days_of(f.inspection_id);
        let open = inspections.get(&f.inspection_id).is_some_and(|i| i.status != InspectionStatus::Closed);
        let sent = d.after(30);
        let answered = sent + chrono::Duration::days(60);
        seq += 1;
        finding_referrals.push(referral::ActiveModel {
            clue_id: Set(None),
            finding_id: Set(Some(f.id)),
            matter: Set(ReferralMatter::General),
            agency_id: Set(departments[n % departments.len().max(1)]),
            status: Set(if open { ReferralStatus::Sent } else { ReferralStatus::Concluded }),
            deadline: Set(if open {
                today + chrono::Duration::days(30)
            } else {
                sent.checked_add_months(chrono::Months::new(3)).unwrap_or(sent)
            }),
            alleged_violation: Set(f.description.clone()),
            evidence: Set(f.evidence.clone()),
            persons: Set("[]".to_owned()),
            disposal_method: Set(None),
            case_filed_on: Set(None),
            conclusion: Set((!open)
                .then(|| "已完成制度修订和系统整改，建立定期检查机制，整改情况已书面报送区委巡察办。".to_owned())),
            acknowledged_at: Set((!open).then(|| at(sent + chrono::Duration::days(3)))),
            concluded_at: Set((!open).then(|| at(answered))),
            change_seq: Set(seq),
            created_at: Set(at(sent)),
            updated_at: Set(at(if open { sent } else { answered })),
            version: Set(if open { 1 } else { 3 }),
            ..Default::default()
        });
    }

    referral::Entity::insert_many(referrals).exec(txn).await?;
    if !finding_referrals.is_empty() {
        referral::Entity::insert_many(finding_referrals).exec(txn).await?;
    }
    clue::Entity::update_many()
        .col_expr(clue::Column::Status, Expr::value(ClueStatus::Referred))
        .filter(clue::Column::Id.is_in(courses.iter().map(|(c, _, _)| c.id)))
        .exec(txn)
        .await?;
    let ids: Vec<i32> = referral::Entity::find()
        .select_only()
        .column(referral::Column::Id)
        .filter(referral::Column::ClueId.is_not_null())
        .order_by_asc(referral::Column::Id)
        .into_tuple()
        .all(txn)
        .await?;
    let mut dispositions = Vec::new();
    for (id, measures) in ids.iter().zip(&outcomes) {
        for (p, m, on, note) in measures {
            dispositions.push(disposition::ActiveModel {
                referral_id: Set(*id),
                person_name: Set(p.name.clone()),
                rank: Set(p.rank),
                measure: Set(*m),
                note: Set(note.clone()),
                decided_on: Set(*on),
                created_at: Set(at(*on)),
                ..Default::default()
            });
        }
    }
    disposition::Entity::insert_many(dispositions).exec(txn).await?;

    // The court's judgment came months after the agriculture case was concluded: a late outcome,
    // the last change of the stream.
    if let Some((index, (_, _, _))) = courses.iter().enumerate().find(|(_, (_, _, course))| *course == Course::Case(0))
    {
        let id = ids[index];
        let transfer = disposition::Entity::find()
            .filter(disposition::Column::ReferralId.eq(id))
            .filter(disposition::Column::Measure.eq(Measure::TransferToProcuratorate))
            .one(txn)
            .await?;
        if let Some(t) = transfer {
            let judged = t.decided_on + chrono::Duration::days(210);
            seq += 1;
            sea_orm::ActiveModelTrait::insert(
                disposition::ActiveModel {
                    referral_id: Set(id),
                    person_name: Set(t.person_name.clone()),
                    rank: Set(t.rank),
                    measure: Set(Measure::CourtJudgment),
                    note: Set(Some("区法院以受贿罪、诈骗罪判处其有期徒刑，并处罚金，追缴违法所得。".to_owned())),
                    decided_on: Set(judged),
                    created_at: Set(at(judged)),
                    ..Default::default()
                },
                txn,
            )
            .await?;
            referral::Entity::update_many()
                .col_expr(referral::Column::ChangeSeq, Expr::value(seq))
                .col_expr(referral::Column::UpdatedAt, Expr::value(at(judged)))
                .col_expr(referral::Column::Version, Expr::col(referral::Column::Version).add(1))
                .filter(referral::Column::Id.eq(id))
                .exec(txn)
                .await?;
        }
    }
    change_counter::Entity::update_many()
        .col_expr(change_counter::Column::Value, Expr::value(seq))
        .filter(change_counter::Column::Name.eq("referrals"))
        .exec(txn)
        .await?;
    Ok(())
}
