//! Inspections (巡察): one team inspects one unit in one round, from planning through stationing,
//! the report, the feedback and rectification to its close. The team's authority over the record is
//! bounded in time (一次一授权).

pub mod channels;
pub mod documents;
pub mod graphql;
pub mod recusal;
pub mod scope;
pub mod service;
