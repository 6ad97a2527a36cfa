//! Counters of change streams (the referral stream that partner systems pull).

use sea_orm_migration::{prelude::*, schema::*};

#[allow(unused_imports)]
use crate::{Organizations, Users, stamps};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261127_000023_create_change_counters"
    }
}

#[derive(DeriveIden)]
pub(crate) enum ChangeCounters {
    Table,
    Name,
    Value,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ChangeCounters::Table)
                    .col(string_len(ChangeCounters::Name, 64).primary_key())
                    .col(big_integer(ChangeCounters::Value))
                    .to_owned(),
            )
            .await?;
        let mut insert = Query::insert();
        insert
            .into_table(ChangeCounters::Table)
            .columns([ChangeCounters::Name, ChangeCounters::Value])
            .values(["referrals".into(), 0i64.into()])
            .map_err(|e| DbErr::Custom(e.to_string()))?;
        manager.exec_stmt(insert).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(ChangeCounters::Table).to_owned()).await
    }
}
