//! Accountability (问责): what was decided about a person or a unit on an inspection's results,
//! and whether it went into the person's file or the unit's annual assessment, up to a veto.

pub mod graphql;
pub mod scope;
pub mod service;
