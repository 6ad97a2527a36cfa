//! Progress reports (整改进展): what the unit reports of its work on a rectification task, with
//! evidence files attached.

pub mod graphql;
pub mod scope;
pub mod service;
