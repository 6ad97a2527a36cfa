//! Which interview sessions, and seats in them, each assignment reaches. A team learns of a
//! session through its own work only: the seats of units it inspected (beyond planning) in the
//! round the session was on; a unit, the sessions it sat in and, of their seats, only its own.

use entities::{Role, interview_session, interviewee};
use sea_orm::{ColumnTrait, Condition, sea_query::Expr, sea_query::SimpleExpr};

use crate::gate::{Grant, Guarded, RecordKind, narrowing};

/// The seats of units the team inspected, in a round that has begun, on whose results the session
/// was held.
fn team_seats(g: &Grant, user_id: i32) -> SimpleExpr {
    let bound = g.round_id.map(|r| format!(" AND i.round_id = {r}")).unwrap_or_default();
    Expr::cust(format!(
        "EXISTS (SELECT 1 FROM inspections i JOIN interview_sessions s ON s.id = interviewees.session_id \
         WHERE i.team_id = {team} AND i.unit_id = interviewees.unit_id AND i.status <> 'PLANNED' \
         AND (s.round_id IS NULL OR s.round_id = i.round_id){bound} \
         AND i.unit_id NOT IN (SELECT c.unit_id FROM expert_conflicts c JOIN experts e ON e.id = c.expert_id \
         WHERE e.user_id = {user_id}))",
        team = g.organization_id,
    ))
}

impl Guarded for interviewee::Entity {
    type Entity = Self;
    const KIND: RecordKind = RecordKind::Interviewee;

    /// The seats of sessions not withdrawn.
    fn live() -> Option<Condition> {
        Some(Condition::all().add(interviewee::Column::SessionId.in_subquery(narrowing::<interview_session::Entity>(
            interview_session::Column::Id,
            interview_session::Column::WithdrawnAt.is_null(),
        ))))
    }

    fn reach(g: &Grant, user_id: i32) -> Option<Condition> {
        match g.role {
            Role::TeamLeader | Role::TeamMember => Some(Condition::all().add(team_seats(g, user_id))),
            Role::UnitLeader => Some(Condition::all().add(interviewee::Column::UnitId.eq(g.organization_id))),
            _ => None,
        }
    }
}

impl Guarded for interview_session::Entity {
    type Entity = Self;
    const KIND: RecordKind = RecordKind::InterviewSession;

    fn live() -> Option<Condition> {
        Some(Condition::all().add(interview_session::Column::WithdrawnAt.is_null()))
    }

    fn reach(g: &Grant, user_id: i32) -> Option<Condition> {
        let seats = interviewee::Entity::reach(g, user_id)?;
        Some(
            Condition::all().add(
                interview_session::Column::Id
                    .in_subquery(narrowing::<interviewee::Entity>(interviewee::Column::SessionId, seats)),
            ),
        )
    }
}
