//! Statistics (统计): the figures of the work, per round or over all rounds, counted from the
//! records in the caller's own scope — never from stored totals — so that every figure agrees
//! with the lists the caller can read.

pub mod graphql;
pub mod service;
