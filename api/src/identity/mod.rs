//! Identity: users, passwords, tokens, role assignments, and who the caller is.
//!
//! The token identifies; the database authorizes: a request's grants are those in the
//! `role_assignments` table now, so disabling a user or revoking a role takes effect at once. They
//! are read on every request, or kept between requests where the database announces every change
//! to them ([`principals`]).

pub mod graphql;
pub mod password;
pub mod principals;
pub mod service;
pub mod throttle;
pub mod token;
