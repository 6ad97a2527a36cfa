//! Inspection rounds.

use sea_orm_migration::{prelude::*, schema::*};

use crate::{Rounds, stamps};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261127_000003_create_rounds"
    }
}

#[derive(DeriveIden)]
enum Round {
    Name,
    StartsOn,
    EndsOn,
    Status,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut table = Table::create();
        table
            .table(Rounds::Table)
            .col(pk_auto(Rounds::Id))
            .col(string_len_uniq(Round::Name, 200))
            .col(date(Round::StartsOn))
            .col(date(Round::EndsOn))
            .col(string_len(Round::Status, 32));
        manager.create_table(stamps(&mut table).to_owned()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Rounds::Table).to_owned()).await
    }
}
