//! The term's plan (巡察工作规划): which unit is to be inspected in which year of the term. Read by
//! the office and the leadership group only: a unit is not told when its turn comes.

pub mod graphql;
pub mod scope;
pub mod service;
