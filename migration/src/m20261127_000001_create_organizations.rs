//! Organisations: the leadership group, the office, teams, partner agencies and audited units.

use sea_orm_migration::{prelude::*, schema::*};

use crate::{Organizations, stamps};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261127_000001_create_organizations"
    }
}

#[derive(DeriveIden)]
enum Org {
    Kind,
    Name,
    UnitCategory,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut table = Table::create();
        table
            .table(Organizations::Table)
            .col(pk_auto(Organizations::Id))
            .col(string_len(Org::Kind, 32))
            .col(string_len_uniq(Org::Name, 200))
            .col(string_len_null(Org::UnitCategory, 48));
        manager.create_table(stamps(&mut table).to_owned()).await?;
        manager
            .create_index(
                Index::create().name("idx_organizations_kind").table(Organizations::Table).col(Org::Kind).to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Organizations::Table).to_owned()).await
    }
}
