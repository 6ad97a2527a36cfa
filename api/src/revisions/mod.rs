//! Revisions (修订记录): every correction and withdrawal of a record, kept with who, when, why and
//! the fields before and after, and read as the record's `history`.

pub mod graphql;
pub mod service;
