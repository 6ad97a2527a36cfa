//! Which evidence files each assignment reaches: those on the tasks it reaches.

use entities::{evidence_file, rectification_task};
use sea_orm::{ColumnTrait, Condition};

use crate::gate::{Grant, Guarded, RecordKind, narrowing};

impl Guarded for evidence_file::Entity {
    type Entity = Self;
    const KIND: RecordKind = RecordKind::EvidenceFile;

    fn reach(g: &Grant, user_id: i32) -> Option<Condition> {
        let tasks = rectification_task::Entity::reach(g, user_id)?;
        Some(
            Condition::all().add(
                evidence_file::Column::TaskId
                    .in_subquery(narrowing::<rectification_task::Entity>(rectification_task::Column::Id, tasks)),
            ),
        )
    }

    fn live() -> Option<Condition> {
        Some(Condition::all().add(evidence_file::Column::WithdrawnAt.is_null()))
    }
}
