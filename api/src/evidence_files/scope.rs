//! Which evidence files each assignment reaches: those on the tasks it reaches.

use entities::{evidence_file, rectification_task};
use sea_orm::{ColumnTrait, Condition};

use crate::gate::{Grant, Guarded, RecordKind, Within, within};

impl Guarded for evidence_file::Entity {
    type Entity = Self;
    const KIND: RecordKind = RecordKind::EvidenceFile;

    fn reach(g: &Grant, user_id: i32) -> Option<Condition> {
        within::<Self, rectification_task::Entity>(g, user_id)
    }

    fn live() -> Option<Condition> {
        Some(Condition::all().add(evidence_file::Column::WithdrawnAt.is_null()))
    }
}

impl Within<rectification_task::Entity> for evidence_file::Entity {
    const COLUMN: evidence_file::Column = evidence_file::Column::TaskId;
}
