//! Organisations: the leadership group, the office, teams, partner agencies and audited units.

pub mod graphql;
pub mod scope;
pub mod service;
