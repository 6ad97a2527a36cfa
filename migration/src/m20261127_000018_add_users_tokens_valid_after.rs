//! Users: tokens issued before this instant no longer work (set when the office resets a
//! password), so a reset ends every session the old password opened.

use sea_orm_migration::{prelude::*, schema::*};

use crate::Users;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261127_000018_add_users_tokens_valid_after"
    }
}

#[derive(DeriveIden)]
enum User {
    TokensValidAfter,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .add_column(timestamp_with_time_zone_null(User::TokensValidAfter))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table(Users::Table).drop_column(User::TokensValidAfter).to_owned()).await
    }
}
