//! The tables of the inspection system as sea-orm entities.
//!
//! Rows, not API types: this crate knows nothing of GraphQL or of who may read a row. The API
//! builds its own types `From` these models. Enumerations are stored as short English strings so
//! that both SQLite and PostgreSQL keep them readable.

pub mod access_log;
pub mod accountability_record;
pub mod change_counter;
pub mod clue;
pub mod clue_person;
pub mod disposition;
pub mod enums;
pub mod evidence_content;
pub mod evidence_file;
pub mod expert;
pub mod expert_conflict;
pub mod feedback;
pub mod finding;
pub mod idempotency_key;
pub mod inspection;
pub mod interview_session;
pub mod interviewee;
pub mod organization;
pub mod petition;
pub mod progress_report;
pub mod recommendation;
pub mod recommendation_finding;
pub mod rectification_task;
pub mod referral;
pub mod regulation;
pub mod report;
pub mod role_assignment;
pub mod roster_entry;
pub mod round;
pub mod user;

pub use enums::*;
