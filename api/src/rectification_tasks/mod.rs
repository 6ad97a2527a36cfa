//! Rectification tasks (整改任务): what the unit must put right, each worked, submitted and struck
//! off (销号) or returned for a second round.

pub mod graphql;
pub mod scope;
pub mod service;
