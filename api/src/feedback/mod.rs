//! Feedback (反馈意见): what the team tells the unit it inspected, released by the office; before
//! release the unit sees nothing of its record.

pub mod graphql;
pub mod scope;
pub mod service;
