//! Committee terms (届): the span in which every unit is to be inspected once (一届任期内巡察全
//! 覆盖), each with its plan (in `plan_entries`). Rounds belong to a term; coverage is counted per
//! term against its plan.

pub mod graphql;
pub mod scope;
pub mod service;
