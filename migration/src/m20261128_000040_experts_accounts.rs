//! An expert's user account: a team member who logs in is the expert on the roster, so that the
//! recusal rules (回避) follow the account.

use sea_orm_migration::{prelude::*, schema::*};

use crate::{Experts, only_on_postgres_reference};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261128_000040_experts_accounts"
    }
}

#[derive(DeriveIden)]
enum Expert {
    UserId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table(Experts::Table).add_column(integer_null(Expert::UserId)).to_owned())
            .await?;
        only_on_postgres_reference(manager, "experts", "user_id", "users").await?;
        manager
            .create_index(
                Index::create().name("idx_experts_user").table(Experts::Table).col(Expert::UserId).unique().to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name("idx_experts_user").table(Experts::Table).to_owned()).await?;
        manager.alter_table(Table::alter().table(Experts::Table).drop_column(Expert::UserId).to_owned()).await
    }
}
