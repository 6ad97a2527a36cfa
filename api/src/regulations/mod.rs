//! Regulations (制度): what a unit builds or revises to close a loophole an inspection found —
//! part of using the results (成果运用).

pub mod graphql;
pub mod scope;
pub mod service;
