//! Which recommendations each assignment reaches.

use entities::{Role, finding, recommendation, recommendation_finding};
use sea_orm::{ColumnTrait, Condition};

use crate::gate::{
    Grant, Guarded, RecordKind, narrowing,
    scope::{of_released_unit_inspections, of_team_record},
};

impl Guarded for recommendation::Entity {
    type Entity = Self;
    const KIND: RecordKind = RecordKind::Recommendation;

    fn reach(g: &Grant, user_id: i32) -> Option<Condition> {
        match g.role {
            Role::TeamLeader | Role::TeamMember => {
                Some(of_team_record(g, user_id, recommendation::Column::InspectionId))
            }
            // The unit's own once released, and answering at least one finding the feedback carries.
            Role::UnitLeader => {
                Some(of_released_unit_inspections(g.organization_id, recommendation::Column::InspectionId).add(
                    recommendation::Column::Id.in_subquery(narrowing::<recommendation_finding::Entity>(
                        recommendation_finding::Column::RecommendationId,
                        recommendation_finding::Column::FindingId.in_subquery(narrowing::<finding::Entity>(
                            finding::Column::Id,
                            finding::Column::IncludeInFeedback.eq(true),
                        )),
                    )),
                ))
            }
            _ => None,
        }
    }
}
