//! Which rectification reports each assignment reaches: the rectification of the inspections it
//! reads (`gate::scope::of_rectification`). Anyone, even without a token, reads the published
//! public versions through `publishedRectifications`, which shows nothing else.

use entities::rectification_report;
use sea_orm::Condition;

use crate::gate::{Grant, Guarded, RecordKind, scope::of_rectification};

impl Guarded for rectification_report::Entity {
    type Entity = Self;
    const KIND: RecordKind = RecordKind::RectificationReport;

    fn reach(g: &Grant, user_id: i32) -> Option<Condition> {
        of_rectification(g, user_id, rectification_report::Column::InspectionId)
    }
}
