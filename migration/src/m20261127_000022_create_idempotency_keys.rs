//! Idempotency keys of pushes, so that a repeated push does its work once.

use sea_orm_migration::{prelude::*, schema::*};

#[allow(unused_imports)]
use crate::{Organizations, Users, stamps};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261127_000022_create_idempotency_keys"
    }
}

#[derive(DeriveIden)]
pub(crate) enum IdempotencyKeys {
    Table,
    Id,
    UserId,
    Key,
    Request,
    Response,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(IdempotencyKeys::Table)
                    .col(pk_auto(IdempotencyKeys::Id))
                    .col(integer(IdempotencyKeys::UserId))
                    .col(string_len(IdempotencyKeys::Key, 200))
                    .col(text(IdempotencyKeys::Request))
                    .col(text(IdempotencyKeys::Response))
                    .col(timestamp_with_time_zone(IdempotencyKeys::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(IdempotencyKeys::Table, IdempotencyKeys::UserId)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_idempotency_keys_user_key")
                    .table(IdempotencyKeys::Table)
                    .col(IdempotencyKeys::UserId)
                    .col(IdempotencyKeys::Key)
                    .unique()
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(IdempotencyKeys::Table).to_owned()).await
    }
}
