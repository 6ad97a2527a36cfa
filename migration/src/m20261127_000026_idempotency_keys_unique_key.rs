//! Idempotency keys are namespaced by the partner agency (not by the user who sent them), so a
//! key is unique on its own: two systems of one agency cannot do the same work twice.

use sea_orm_migration::prelude::*;

use crate::m20261127_000022_create_idempotency_keys::IdempotencyKeys;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261127_000026_idempotency_keys_unique_key"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name("uq_idempotency_keys_key")
                    .table(IdempotencyKeys::Table)
                    .col(IdempotencyKeys::Key)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name("uq_idempotency_keys_key").table(IdempotencyKeys::Table).to_owned()).await
    }
}
