//! Rounds (巡察轮次): planned by the office, approved by the leadership group, started and
//! closed; once approved, the plan is fixed.

pub mod graphql;
pub mod scope;
pub mod service;
