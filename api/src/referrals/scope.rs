//! Which referrals and dispositions each assignment reaches: the team, those of the clues it reads
//! (until its inspection closes) and of the findings it reads; an agency, its own (never a
//! withdrawn one, except as a tombstone in its change stream). Every referral read is logged.

use entities::{ReferralStatus, Role, clue, disposition, finding, inspection, referral};
use sea_orm::{ColumnTrait, Condition, sea_query::SelectStatement};

use crate::gate::{
    Grant, Guarded, RecordKind, narrowing,
    scope::{team_open_record, team_record},
};

/// `SELECT id FROM clues WHERE inspection_id IN (the team's open record)`.
fn team_clues(g: &Grant, user_id: i32) -> SelectStatement {
    narrowing::<clue::Entity>(
        clue::Column::Id,
        clue::Column::InspectionId.in_subquery(team_open_record(g, user_id, inspection::Column::Id)),
    )
}

impl Guarded for referral::Entity {
    type Entity = Self;
    const KIND: RecordKind = RecordKind::Referral;
    const LOG_READS: bool = true;

    fn reach(g: &Grant, user_id: i32) -> Option<Condition> {
        match g.role {
            Role::TeamLeader | Role::TeamMember => {
                Some(Condition::any().add(referral::Column::ClueId.in_subquery(team_clues(g, user_id))).add(
                    referral::Column::FindingId.in_subquery(narrowing::<finding::Entity>(
                        finding::Column::Id,
                        finding::Column::InspectionId.in_subquery(team_record(g, user_id, inspection::Column::Id)),
                    )),
                ))
            }
            Role::Partner => Some(
                Condition::all()
                    .add(referral::Column::AgencyId.eq(g.organization_id))
                    .add(referral::Column::Status.ne(ReferralStatus::Withdrawn)),
            ),
            _ => None,
        }
    }
}

/// The change stream's reach: the referrals' own, and for an agency its withdrawn ones too, as
/// tombstones, so that a partner's copy built from the stream alone learns of a withdrawal.
pub struct ReferralStream;

impl Guarded for ReferralStream {
    type Entity = referral::Entity;
    const KIND: RecordKind = RecordKind::Referral;
    const LOG_READS: bool = true;

    fn reach(g: &Grant, user_id: i32) -> Option<Condition> {
        match g.role {
            Role::Partner => Some(Condition::all().add(referral::Column::AgencyId.eq(g.organization_id))),
            _ => referral::Entity::reach(g, user_id),
        }
    }
}

impl Guarded for disposition::Entity {
    type Entity = Self;
    const KIND: RecordKind = RecordKind::Disposition;

    fn reach(g: &Grant, user_id: i32) -> Option<Condition> {
        let referrals = referral::Entity::reach(g, user_id)?;
        Some(Condition::all().add(
            disposition::Column::ReferralId.in_subquery(narrowing::<referral::Entity>(referral::Column::Id, referrals)),
        ))
    }
}
