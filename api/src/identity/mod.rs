//! Identity: users, passwords, tokens, role assignments, and who the caller is.
//!
//! The token identifies; the database authorizes: a request's grants are read afresh from the
//! `role_assignments` table, so disabling a user or revoking a role takes effect at once.

pub mod graphql;
pub mod password;
pub mod service;
pub mod throttle;
pub mod token;
