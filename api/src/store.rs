//! How services open a write transaction.
//!
//! On SQLite a transaction that starts by reading and later writes can fail at once with "database
//! is locked" when another writer got in between; starting it `IMMEDIATE` takes the write lock up
//! front, so concurrent writers wait their turn (up to the busy timeout) instead. PostgreSQL
//! ignores the mode.

use sea_orm::{
    DatabaseConnection, DatabaseTransaction, DbErr, SqliteTransactionMode, TransactionOptions, TransactionTrait,
};

/// Begins a transaction that will write.
pub async fn begin(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..Default::default()
    })
    .await
}
