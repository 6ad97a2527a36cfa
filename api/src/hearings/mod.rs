//! Hearings (听取汇报): the leadership group hears a team's report on an inspection, or the
//! office's comprehensive report on a round, records its opinion and the handling it proposes,
//! and accepts the report for the district committee or returns it for revision.

pub mod graphql;
pub mod scope;
pub mod service;
