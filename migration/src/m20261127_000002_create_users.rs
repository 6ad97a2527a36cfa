//! Users and their password hashes.

use sea_orm_migration::{prelude::*, schema::*};

use crate::{Users, stamps};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261127_000002_create_users"
    }
}

#[derive(DeriveIden)]
enum User {
    Username,
    DisplayName,
    PasswordHash,
    Disabled,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut table = Table::create();
        table
            .table(Users::Table)
            .col(pk_auto(Users::Id))
            .col(string_len_uniq(User::Username, 64))
            .col(string_len(User::DisplayName, 200))
            .col(string_len(User::PasswordHash, 255))
            .col(boolean(User::Disabled).default(false));
        manager.create_table(stamps(&mut table).to_owned()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Users::Table).to_owned()).await
    }
}
