//! Which rectification tasks each assignment reaches: the team's own inspections' (and those it
//! follows up); the unit's own once its feedback is released, and the fix-at-once notices (立行立改)
//! a team gave it while stationed; for an agency that supervises rectification, every unit's once
//! released.

use entities::{Role, inspection, rectification_task};
use sea_orm::{ColumnTrait, Condition};

use crate::gate::{
    Grant, Guarded, RecordKind,
    scope::{of_rectification, started_unit_inspections, unit_inspections},
};

impl Guarded for rectification_task::Entity {
    type Entity = Self;
    const KIND: RecordKind = RecordKind::RectificationTask;

    fn reach(g: &Grant, user_id: i32) -> Option<Condition> {
        let released = of_rectification(g, user_id, rectification_task::Column::InspectionId)?;
        match g.role {
            Role::UnitLeader => Some(
                Condition::all()
                    // Implied by both branches below. Said first, it lets the database read the
                    // unit's inspections' tasks by index instead of testing every task of the
                    // district against the two (about seven times less work on the demo data).
                    .add(rectification_task::Column::InspectionId.in_subquery(unit_inspections(g.organization_id)))
                    .add(
                        Condition::any().add(released).add(
                            Condition::all().add(rectification_task::Column::FixAtOnce.eq(true)).add(
                                rectification_task::Column::InspectionId
                                    .in_subquery(started_unit_inspections(g.organization_id, inspection::Column::Id)),
                            ),
                        ),
                    ),
            ),
            _ => Some(released),
        }
    }
}
