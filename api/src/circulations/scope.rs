//! Which circulations each assignment reaches: a unit's leaders, those of the rounds in which their
//! unit was inspected and its feedback released. Teams and agencies read none.

use entities::{Role, circulation, inspection};
use sea_orm::{ColumnTrait, Condition};

use crate::gate::{Grant, Guarded, RecordKind, narrowing, scope::released_unit_inspections};

impl Guarded for circulation::Entity {
    type Entity = Self;
    const KIND: RecordKind = RecordKind::Circulation;

    fn reach(g: &Grant, _user_id: i32) -> Option<Condition> {
        match g.role {
            Role::UnitLeader => {
                Some(Condition::all().add(circulation::Column::RoundId.in_subquery(narrowing::<inspection::Entity>(
                    inspection::Column::RoundId,
                    inspection::Column::Id.in_subquery(released_unit_inspections(g.organization_id)),
                ))))
            }
            _ => None,
        }
    }
}
