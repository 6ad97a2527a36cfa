//! Role assignments (角色分配): a role a user holds in one organisation, a team role perhaps
//! bounded to one round.

pub mod graphql;
pub mod scope;
pub mod service;
