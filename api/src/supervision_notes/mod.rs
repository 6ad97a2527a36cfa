//! Supervision notes (督办): the commission and the organisation department supervise every unit's
//! rectification day to day; what they write on a unit's rectification or on one of its tasks, the
//! unit, the office and the leadership group read.

pub mod graphql;
pub mod scope;
pub mod service;
