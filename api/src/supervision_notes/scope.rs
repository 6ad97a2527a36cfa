//! Which supervision notes each assignment reaches: the rectification of the inspections it reads
//! (`gate::scope::of_rectification`).

use entities::supervision_note;
use sea_orm::Condition;

use crate::gate::{Grant, Guarded, RecordKind, scope::of_rectification};

impl Guarded for supervision_note::Entity {
    type Entity = Self;
    const KIND: RecordKind = RecordKind::SupervisionNote;

    fn reach(g: &Grant, user_id: i32) -> Option<Condition> {
        of_rectification(g, user_id, supervision_note::Column::InspectionId)
    }
}
