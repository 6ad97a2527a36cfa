//! Service credentials (服务凭证): the accounts partner agencies' systems log in with, each acting
//! with the `PARTNER` role of one agency.

pub mod graphql;
pub mod scope;
pub mod service;
