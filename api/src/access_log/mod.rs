//! The access log (访问日志): who did what to which object, when, under which roles, in which
//! request. Every mutation writes its entry in its own transaction, and every read of a clue or
//! of a petition's reporter writes one before the data leaves; if the entry cannot be written,
//! the operation fails. Nothing in the API changes or deletes an entry, and the database refuses
//! to (triggers in the migration).

pub mod graphql;
pub mod scope;
pub mod service;
