//! Login attempts, counted in the database so that the limits hold across several server
//! processes behind one load balancer, and counted before the password is checked so that
//! concurrent guesses cannot slip past them.

use sea_orm_migration::{prelude::*, schema::*};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261128_000033_create_login_attempts"
    }
}

#[derive(DeriveIden)]
enum LoginAttempts {
    Table,
    Key,
    Attempts,
    WindowStartedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(LoginAttempts::Table)
                    .col(string_len(LoginAttempts::Key, 400).primary_key())
                    .col(integer(LoginAttempts::Attempts))
                    .col(timestamp_with_time_zone(LoginAttempts::WindowStartedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(LoginAttempts::Table).to_owned()).await
    }
}
