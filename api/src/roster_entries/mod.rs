//! Roster entries (巡察组成员): the experts a team is staffed with for one round, with recusal
//! (回避) enforced.

pub mod graphql;
pub mod scope;
pub mod service;
