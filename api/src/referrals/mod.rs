//! Referrals (移交) to the partner agencies of the "1+10" mechanism: the office sends an approved
//! clue to one agency, which acknowledges it (签收), chooses a disposal method, reports whether a
//! case was filed (立案), records dispositions (处理) and concludes. Agencies' systems pull the
//! stream of changes and push outcomes with idempotency keys.

pub mod competence;
pub mod graphql;
pub mod loader;
pub mod scope;
pub mod service;
