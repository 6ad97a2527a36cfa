//! End-to-end tests of the API: the real server, real tokens, a real database per test.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod access;
mod after_feedback;
mod auth;
mod before_feedback;
mod budget;
mod columns;
mod competence;
mod corrections;
mod evidence;
mod house;
mod input;
mod ledgers;
mod nested;
mod offers;
mod record;
mod rectification;
mod referrals;
mod results;
mod rounds;
mod schema;
mod scoping;
mod security;
mod statistics;
mod transitions;
mod transport;
