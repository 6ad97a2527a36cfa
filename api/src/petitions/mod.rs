//! Petitions (信访): what the public reports to a team. The reporter's identity is read only by
//! the inspection's team and the office; every other caller gets `null`, and every read of it is
//! logged.

pub mod graphql;
pub mod loader;
pub mod scope;
pub mod service;
