//! Rounds (巡察轮次), the inspections planned in them, and the teams' rosters from the talent pool.

pub mod graphql;
pub mod service;
