//! A round's comprehensive report (综合报告): the office's report to the district committee over
//! all the round's inspections, heard by the leadership group and decided on like an inspection's
//! report. A round closes once it is decided.

pub mod graphql;
pub mod scope;
pub mod service;
