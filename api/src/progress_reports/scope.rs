//! Which progress reports each assignment reaches: those on the tasks it reaches.

use entities::{progress_report, rectification_task};
use sea_orm::{ColumnTrait, Condition};

use crate::gate::{Grant, Guarded, RecordKind, narrowing};

impl Guarded for progress_report::Entity {
    type Entity = Self;
    const KIND: RecordKind = RecordKind::ProgressReport;

    fn reach(g: &Grant, user_id: i32) -> Option<Condition> {
        let tasks = rectification_task::Entity::reach(g, user_id)?;
        Some(
            Condition::all().add(
                progress_report::Column::TaskId
                    .in_subquery(narrowing::<rectification_task::Entity>(rectification_task::Column::Id, tasks)),
            ),
        )
    }

    fn live() -> Option<Condition> {
        Some(Condition::all().add(progress_report::Column::WithdrawnAt.is_null()))
    }
}
