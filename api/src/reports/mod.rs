//! Reports (巡察报告): the team's report on an inspection to the leadership group. Never shown to
//! the unit.

pub mod graphql;
pub mod scope;
pub mod service;
