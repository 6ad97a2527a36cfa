//! Scope rules: which rows of a kind each role assignment reaches, as a SQL condition.
//!
//! The table in `policies/README.md` is this file in words. A (kind, role) pair with no rule here
//! reaches no row, whatever the policy says: deny by default at both levels.

use entities::{
    ReferralStatus, RoundStatus, accountability_record, clue, clue_person, disposition, evidence_file, feedback,
    finding, inspection, interview_session, interviewee, organization, petition, progress_report, recommendation,
    recommendation_finding, rectification_task, referral, regulation, report, role_assignment, roster_entry, round,
    user,
};
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter, QuerySelect, QueryTrait, sea_query::Expr};

use super::{Grant, RecordKind};
use entities::Role;

/// Rounds whose plan is shown to the units they inspect: the teams are stationed or done.
pub const STARTED: [RoundStatus; 2] = [RoundStatus::InProgress, RoundStatus::Closed];

/// The union of what each grant reaches.
pub fn condition(kind: RecordKind, user_id: i32, grants: &[&Grant]) -> Condition {
    grants.iter().fold(Condition::any(), |any, g| any.add(grant_condition(kind, user_id, g)))
}

/// A condition no row meets.
pub fn nothing() -> Condition {
    Condition::all().add(Expr::cust("1 = 0"))
}

fn grant_condition(kind: RecordKind, user_id: i32, g: &Grant) -> Condition {
    use RecordKind::*;
    use Role::*;
    let org = g.organization_id;
    match (kind, g.role) {
        (_, Leadership | Office) => Condition::all(),

        (User, _) => Condition::all().add(user::Column::Id.eq(user_id)),
        (RoleAssignment, _) => Condition::all().add(role_assignment::Column::UserId.eq(user_id)),

        (Organization, TeamLeader | TeamMember) => Condition::any()
            .add(organization::Column::Id.eq(org))
            .add(organization::Column::Id.in_subquery(team_inspections(g, inspection::Column::UnitId))),
        (Organization, Partner) => Condition::all().add(organization::Column::Id.eq(org)),
        (Organization, UnitLeader) => Condition::any()
            .add(organization::Column::Id.eq(org))
            .add(organization::Column::Id.in_subquery(started_unit_inspections(org, inspection::Column::TeamId))),

        (Round, TeamLeader | TeamMember) => {
            let rounds = Condition::any()
                .add(round::Column::Id.in_subquery(team_inspections(g, inspection::Column::RoundId)))
                .add(round::Column::Id.in_subquery(team_roster(g, roster_entry::Column::RoundId)));
            bounded(rounds, g, round::Column::Id)
        }
        (Round, UnitLeader) => Condition::all()
            .add(round::Column::Status.is_in(STARTED))
            .add(round::Column::Id.in_subquery(started_unit_inspections(org, inspection::Column::RoundId))),

        (Inspection, TeamLeader | TeamMember) => {
            bounded(Condition::all().add(inspection::Column::TeamId.eq(org)), g, inspection::Column::RoundId)
        }
        (Inspection, UnitLeader) => Condition::all()
            .add(inspection::Column::UnitId.eq(org))
            .add(inspection::Column::RoundId.in_subquery(started_rounds())),

        (RosterEntry, TeamLeader | TeamMember) => {
            bounded(Condition::all().add(roster_entry::Column::TeamId.eq(org)), g, roster_entry::Column::RoundId)
        }
        (Expert, TeamLeader | TeamMember) => Condition::all()
            .add(entities::expert::Column::Id.in_subquery(team_roster(g, roster_entry::Column::ExpertId))),

        (Finding, TeamLeader | TeamMember) => {
            Condition::all().add(finding::Column::InspectionId.in_subquery(team_inspections(g, inspection::Column::Id)))
        }
        (Finding, UnitLeader) => Condition::all()
            .add(finding::Column::IncludeInFeedback.eq(true))
            .add(finding::Column::InspectionId.in_subquery(released_unit_inspections(org))),

        (Clue, TeamLeader | TeamMember) => {
            Condition::all().add(clue::Column::InspectionId.in_subquery(team_inspections(g, inspection::Column::Id)))
        }
        (CluePerson, TeamLeader | TeamMember) => Condition::all().add(
            clue_person::Column::ClueId.in_subquery(
                clue::Entity::find()
                    .select_only()
                    .column(clue::Column::Id)
                    .filter(clue::Column::InspectionId.in_subquery(team_inspections(g, inspection::Column::Id)))
                    .into_query(),
            ),
        ),

        (Petition | PetitionIdentity, TeamLeader | TeamMember) => Condition::all()
            .add(petition::Column::InspectionId.in_subquery(team_inspections(g, inspection::Column::Id))),

        (Recommendation, TeamLeader | TeamMember) => Condition::all()
            .add(recommendation::Column::InspectionId.in_subquery(team_inspections(g, inspection::Column::Id))),
        // Released, and answering at least one finding the feedback carries.
        (Recommendation, UnitLeader) => {
            Condition::all().add(recommendation::Column::InspectionId.in_subquery(released_unit_inspections(org))).add(
                recommendation::Column::Id.in_subquery(
                    recommendation_finding::Entity::find()
                        .select_only()
                        .column(recommendation_finding::Column::RecommendationId)
                        .filter(
                            recommendation_finding::Column::FindingId.in_subquery(
                                finding::Entity::find()
                                    .select_only()
                                    .column(finding::Column::Id)
                                    .filter(finding::Column::IncludeInFeedback.eq(true))
                                    .into_query(),
                            ),
                        )
                        .into_query(),
                ),
            )
        }

        (Report, TeamLeader | TeamMember) => {
            Condition::all().add(report::Column::InspectionId.in_subquery(team_inspections(g, inspection::Column::Id)))
        }
        (Feedback, TeamLeader | TeamMember) => Condition::all()
            .add(feedback::Column::InspectionId.in_subquery(team_inspections(g, inspection::Column::Id))),
        (Feedback, UnitLeader) => {
            Condition::all().add(feedback::Column::InspectionId.in_subquery(released_unit_inspections(org)))
        }

        (Referral, TeamLeader | TeamMember) => {
            Condition::all().add(referral::Column::ClueId.in_subquery(team_clues(g)))
        }
        (Referral, Partner) => Condition::all()
            .add(referral::Column::AgencyId.eq(org))
            .add(referral::Column::Status.ne(ReferralStatus::Withdrawn)),
        (Disposition, TeamLeader | TeamMember) => Condition::all().add(
            disposition::Column::ReferralId.in_subquery(
                referral::Entity::find()
                    .select_only()
                    .column(referral::Column::Id)
                    .filter(referral::Column::ClueId.in_subquery(team_clues(g)))
                    .into_query(),
            ),
        ),
        (Disposition, Partner) => Condition::all().add(
            disposition::Column::ReferralId.in_subquery(
                referral::Entity::find()
                    .select_only()
                    .column(referral::Column::Id)
                    .filter(referral::Column::AgencyId.eq(org))
                    .filter(referral::Column::Status.ne(ReferralStatus::Withdrawn))
                    .into_query(),
            ),
        ),

        (RectificationTask, TeamLeader | TeamMember) => Condition::all()
            .add(rectification_task::Column::InspectionId.in_subquery(team_inspections(g, inspection::Column::Id))),
        (RectificationTask, UnitLeader) => {
            Condition::all().add(rectification_task::Column::InspectionId.in_subquery(released_unit_inspections(org)))
        }
        (Regulation, TeamLeader | TeamMember) => Condition::all()
            .add(regulation::Column::InspectionId.in_subquery(team_inspections(g, inspection::Column::Id))),
        (Regulation, UnitLeader) => {
            Condition::all().add(regulation::Column::InspectionId.in_subquery(released_unit_inspections(org)))
        }
        (InterviewSession, TeamLeader | TeamMember) => {
            Condition::all().add(interview_session::Column::Id.in_subquery(sessions_of(team_seats(g))))
        }
        (InterviewSession, UnitLeader) => Condition::all()
            .add(interview_session::Column::Id.in_subquery(sessions_of(interviewee::Column::UnitId.eq(org)))),
        (Interviewee, TeamLeader | TeamMember) => Condition::all().add(team_seats(g)),
        (Interviewee, UnitLeader) => Condition::all().add(interviewee::Column::UnitId.eq(org)),
        (AccountabilityRecord, TeamLeader | TeamMember) => Condition::all()
            .add(accountability_record::Column::InspectionId.in_subquery(team_inspections(g, inspection::Column::Id))),
        // What concerns the unit, once the inspection's feedback is released to it.
        (AccountabilityRecord, UnitLeader) => Condition::all()
            .add(accountability_record::Column::UnitId.eq(org))
            .add(accountability_record::Column::InspectionId.in_subquery(released_unit_inspections(org))),
        (EvidenceFile, TeamLeader | TeamMember | UnitLeader) => {
            let tasks = grant_condition(RectificationTask, user_id, g);
            Condition::all().add(
                evidence_file::Column::TaskId.in_subquery(
                    rectification_task::Entity::find()
                        .select_only()
                        .column(rectification_task::Column::Id)
                        .filter(tasks)
                        .into_query(),
                ),
            )
        }
        (ProgressReport, TeamLeader | TeamMember | UnitLeader) => {
            let tasks = grant_condition(RectificationTask, user_id, g);
            Condition::all().add(
                progress_report::Column::TaskId.in_subquery(
                    rectification_task::Entity::find()
                        .select_only()
                        .column(rectification_task::Column::Id)
                        .filter(tasks)
                        .into_query(),
                ),
            )
        }

        _ => nothing(),
    }
}

/// The seats (interviewees rows) of units the team inspected, in a round that has begun, on whose
/// results the session was held: a team learns of a session through its own work only, never
/// through a plan or another team's round.
fn team_seats(g: &Grant) -> sea_orm::sea_query::SimpleExpr {
    let bound = g.round_id.map(|r| format!(" AND i.round_id = {r}")).unwrap_or_default();
    Expr::cust(format!(
        "EXISTS (SELECT 1 FROM inspections i JOIN interview_sessions s ON s.id = interviewees.session_id \
         WHERE i.team_id = {team} AND i.unit_id = interviewees.unit_id AND i.status <> 'PLANNED' \
         AND (s.round_id IS NULL OR s.round_id = i.round_id){bound})",
        team = g.organization_id,
    ))
}

/// `SELECT session_id FROM interviewees WHERE <units>`.
fn sessions_of(units: sea_orm::sea_query::SimpleExpr) -> sea_orm::sea_query::SelectStatement {
    interviewee::Entity::find().select_only().column(interviewee::Column::SessionId).filter(units).into_query()
}

/// `SELECT id FROM clues WHERE inspection_id IN (the team's inspections)`.
fn team_clues(g: &Grant) -> sea_orm::sea_query::SelectStatement {
    clue::Entity::find()
        .select_only()
        .column(clue::Column::Id)
        .filter(clue::Column::InspectionId.in_subquery(team_inspections(g, inspection::Column::Id)))
        .into_query()
}

/// `SELECT inspection_id FROM feedbacks WHERE released_at IS NOT NULL AND inspection_id IN
/// (the unit's inspections)`: what the unit may see of its record, once released.
fn released_unit_inspections(unit: i32) -> sea_orm::sea_query::SelectStatement {
    feedback::Entity::find()
        .select_only()
        .column(feedback::Column::InspectionId)
        .filter(feedback::Column::ReleasedAt.is_not_null())
        .filter(
            feedback::Column::InspectionId.in_subquery(
                inspection::Entity::find()
                    .select_only()
                    .column(inspection::Column::Id)
                    .filter(inspection::Column::UnitId.eq(unit))
                    .into_query(),
            ),
        )
        .into_query()
}

/// Narrows a team grant bounded to one round to that round.
fn bounded(c: Condition, g: &Grant, round_column: impl ColumnTrait) -> Condition {
    match g.round_id {
        Some(r) => c.add(round_column.eq(r)),
        None => c,
    }
}

/// `SELECT <column> FROM inspections WHERE team_id = <team> [AND round_id = <round>]`.
fn team_inspections(g: &Grant, column: inspection::Column) -> sea_orm::sea_query::SelectStatement {
    let mut q = inspection::Entity::find()
        .select_only()
        .column(column)
        .filter(inspection::Column::TeamId.eq(g.organization_id));
    if let Some(r) = g.round_id {
        q = q.filter(inspection::Column::RoundId.eq(r));
    }
    q.into_query()
}

/// `SELECT <column> FROM roster_entries WHERE team_id = <team> [AND round_id = <round>]`.
fn team_roster(g: &Grant, column: roster_entry::Column) -> sea_orm::sea_query::SelectStatement {
    let mut q = roster_entry::Entity::find()
        .select_only()
        .column(column)
        .filter(roster_entry::Column::TeamId.eq(g.organization_id));
    if let Some(r) = g.round_id {
        q = q.filter(roster_entry::Column::RoundId.eq(r));
    }
    q.into_query()
}

/// `SELECT id FROM rounds WHERE status IN (started)`.
fn started_rounds() -> sea_orm::sea_query::SelectStatement {
    round::Entity::find()
        .select_only()
        .column(round::Column::Id)
        .filter(round::Column::Status.is_in(STARTED))
        .into_query()
}

/// `SELECT <column> FROM inspections WHERE unit_id = <unit> AND round_id IN (started rounds)`.
fn started_unit_inspections(unit: i32, column: inspection::Column) -> sea_orm::sea_query::SelectStatement {
    inspection::Entity::find()
        .select_only()
        .column(column)
        .filter(inspection::Column::UnitId.eq(unit))
        .filter(inspection::Column::RoundId.in_subquery(started_rounds()))
        .into_query()
}
