//! Dual feedback (双反馈): the team's report to the leadership group, never shown to the unit,
//! and its feedback document for the unit, shown to the unit once the office releases it.

pub mod graphql;
pub mod service;
