//! Rectification (列单式整改, 逐一销号): the unit's list of tasks drawn from its released
//! recommendations, worked by the unit and verified task by task by the office. A unit never
//! closes its own task.

pub mod graphql;
pub mod service;
