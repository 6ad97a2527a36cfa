//! Feedback (双反馈): what the team tells the unit it inspected — to its leadership team, and
//! separately to its principal leader — released by the office once the district committee has
//! decided; before release the unit sees nothing of its record.

pub mod graphql;
pub mod scope;
pub mod service;
