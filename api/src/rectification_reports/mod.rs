//! A unit's rectification reports: the report on its rectification (整改情况报告) and its principal
//! leader's report on organising it (主要负责人组织落实情况报告), due two months after the feedback
//! (addressed to the commission and the organisation department, copied to the office, who accepts
//! or returns them); and the public version (整改情况公开), readable by anyone once the office
//! approves it.

pub mod graphql;
pub mod scope;
pub mod service;
