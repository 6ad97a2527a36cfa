//! Which organisations each assignment reaches.

use entities::{OrganizationKind, Role, inspection, organization};
use sea_orm::{ColumnTrait, Condition};

use crate::gate::{
    Grant, Guarded, RecordKind, narrowing,
    scope::{released_inspections, started_unit_inspections, supervises, team_record},
};

/// `SELECT <column> FROM inspections WHERE id IN (released)`.
fn released_frame(column: inspection::Column) -> sea_orm::sea_query::SelectStatement {
    narrowing::<inspection::Entity>(column, inspection::Column::Id.in_subquery(released_inspections()))
}

impl Guarded for organization::Entity {
    type Entity = Self;
    const KIND: RecordKind = RecordKind::Organization;

    fn reach(g: &Grant, user_id: i32) -> Option<Condition> {
        let own = organization::Column::Id.eq(g.organization_id);
        match g.role {
            // Itself; the district's directory of units and partner agencies, to which it passes
            // petitions on (转办); and the team of an inspection it follows up.
            Role::TeamLeader | Role::TeamMember => Some(
                Condition::any()
                    .add(own)
                    .add(
                        organization::Column::Kind
                            .is_in([OrganizationKind::AuditedUnit, OrganizationKind::PartnerAgency]),
                    )
                    .add(organization::Column::Id.in_subquery(team_record(g, user_id, inspection::Column::TeamId))),
            ),
            // Itself.
            // Its own; for an agency that supervises rectification, also the units and teams of the
            // inspections whose feedback is released.
            Role::Partner => Some(
                Condition::any().add(own).add(
                    supervises(g).add(
                        Condition::any()
                            .add(organization::Column::Id.in_subquery(released_frame(inspection::Column::UnitId)))
                            .add(organization::Column::Id.in_subquery(released_frame(inspection::Column::TeamId))),
                    ),
                ),
            ),
            // Itself, and the teams inspecting it in a round that has started.
            Role::UnitLeader => Some(
                Condition::any().add(own).add(
                    organization::Column::Id
                        .in_subquery(started_unit_inspections(g.organization_id, inspection::Column::TeamId)),
                ),
            ),
            Role::Leadership | Role::Office => None,
        }
    }
}
