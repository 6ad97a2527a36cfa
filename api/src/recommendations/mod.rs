//! Recommendations (整改意见建议): what the team asks the unit to put right, each answering
//! findings. The unit reads them once its feedback is released.

pub mod graphql;
pub mod loader;
pub mod scope;
pub mod service;
