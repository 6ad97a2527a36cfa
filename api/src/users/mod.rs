//! Users (用户): the people who log in, as the office manages them.

pub mod graphql;
pub mod scope;
pub mod service;
