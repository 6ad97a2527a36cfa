//! Which plans, plan lines and plan versions each assignment reaches: the rectification of the
//! inspections it reads (`gate::scope::of_rectification`): a team's own record, the unit's own once
//! released, every released one for an agency that supervises rectification.

use entities::{rectification_plan, rectification_plan_item, rectification_plan_version};
use sea_orm::Condition;

use crate::gate::{Grant, Guarded, RecordKind, scope::of_rectification};

impl Guarded for rectification_plan::Entity {
    type Entity = Self;
    const KIND: RecordKind = RecordKind::RectificationPlan;

    fn reach(g: &Grant, user_id: i32) -> Option<Condition> {
        of_rectification(g, user_id, rectification_plan::Column::InspectionId)
    }
}

impl Guarded for rectification_plan_item::Entity {
    type Entity = Self;
    const KIND: RecordKind = RecordKind::RectificationPlanItem;

    fn reach(g: &Grant, user_id: i32) -> Option<Condition> {
        of_rectification(g, user_id, rectification_plan_item::Column::InspectionId)
    }
}

impl Guarded for rectification_plan_version::Entity {
    type Entity = Self;
    const KIND: RecordKind = RecordKind::RectificationPlanVersion;

    fn reach(g: &Grant, user_id: i32) -> Option<Condition> {
        of_rectification(g, user_id, rectification_plan_version::Column::InspectionId)
    }
}
