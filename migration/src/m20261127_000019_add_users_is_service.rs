//! Users: a flag for partner systems' service accounts (their credentials), which are not people.

use sea_orm_migration::{prelude::*, schema::*};

use crate::Users;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261127_000019_add_users_is_service"
    }
}

#[derive(DeriveIden)]
enum User {
    IsService,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter().table(Users::Table).add_column(boolean(User::IsService).default(false)).to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table(Users::Table).drop_column(User::IsService).to_owned()).await
    }
}
