//! Circulations (党内通报): the office circulates a round's rectification summary within the party,
//! to the leaders of the units inspected in that round.

pub mod graphql;
pub mod scope;
pub mod service;
