//! Experts of the talent pool (人才库), and the units each must recuse from (回避).

pub mod graphql;
pub mod scope;
pub mod service;
