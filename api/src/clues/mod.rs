//! Clues (问题线索): confidential leads about named persons. Seen by the team that wrote them, the
//! office and the leadership group, by nobody else through any path; every read is logged.

pub mod graphql;
pub mod scope;
pub mod service;
