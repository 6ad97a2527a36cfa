//! Rectification plans (整改方案): the unit's own plan, opened when its feedback is released, with
//! the three lists — problems, tasks with measures, responsibilities and deadlines — as its lines;
//! submitted to the office within the district's period, approved (its lines become the unit's
//! rectification tasks) or returned with comments; each submission kept as a version. The office
//! evaluates the rectification on the plan when it is done (整改评估).

pub mod graphql;
pub mod scope;
pub mod service;
