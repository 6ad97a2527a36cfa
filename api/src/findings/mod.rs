//! Findings (发现问题): what a team finds at the unit it inspects, each in a category.

pub mod graphql;
pub mod scope;
pub mod service;
