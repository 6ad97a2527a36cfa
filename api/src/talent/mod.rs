//! The talent pool (人才库): experts, and the units each must recuse from (回避).

pub mod graphql;
pub mod service;
