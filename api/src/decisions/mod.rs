//! Decisions (书记专题会决定): the district committee's secretary meeting decides on a report the
//! leadership group has heard and accepted; only then is an inspection's feedback released, or a
//! round closed. The leadership group or the office records the decision.

pub mod graphql;
pub mod scope;
pub mod service;
