//! Users: a session generation, carried in every token and compared on every request; a password
//! change or reset, disabling, revoking a role or a credential moves it on, which ends every
//! session at once and exactly. It replaces the instant after which tokens were valid, which at one
//! second's precision let a login racing a password change keep its session.

use sea_orm_migration::{prelude::*, schema::*};

use crate::Users;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261128_000032_users_session_generation"
    }
}

#[derive(DeriveIden)]
enum User {
    SessionGeneration,
    TokensValidAfter,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .add_column(big_integer(User::SessionGeneration).default(0))
                    .to_owned(),
            )
            .await?;
        manager.alter_table(Table::alter().table(Users::Table).drop_column(User::TokensValidAfter).to_owned()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .add_column(timestamp_with_time_zone_null(User::TokensValidAfter))
                    .to_owned(),
            )
            .await?;
        manager.alter_table(Table::alter().table(Users::Table).drop_column(User::SessionGeneration).to_owned()).await
    }
}
