//! Which progress reports each assignment reaches: those on the tasks it reaches.

use entities::{progress_report, rectification_task};
use sea_orm::{ColumnTrait, Condition};

use crate::gate::{Grant, Guarded, RecordKind, Within, within};

impl Guarded for progress_report::Entity {
    type Entity = Self;
    const KIND: RecordKind = RecordKind::ProgressReport;

    fn reach(g: &Grant, user_id: i32) -> Option<Condition> {
        within::<Self, rectification_task::Entity>(g, user_id)
    }

    fn live() -> Option<Condition> {
        Some(Condition::all().add(progress_report::Column::WithdrawnAt.is_null()))
    }
}

impl Within<rectification_task::Entity> for progress_report::Entity {
    const COLUMN: progress_report::Column = progress_report::Column::TaskId;
}
