//! Collective interviews (集体约谈): the leadership summons the heads of several units at once,
//! on what the inspections found — part of using the results (成果运用).

pub mod graphql;
pub mod scope;
pub mod service;
