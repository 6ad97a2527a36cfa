//! The talent pool (人才库).

use sea_orm_migration::{prelude::*, schema::*};

use crate::{Experts, stamps};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261127_000005_create_experts"
    }
}

#[derive(DeriveIden)]
enum Expert {
    Name,
    Specialty,
    BirthYear,
    ExperienceYears,
    Employer,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut table = Table::create();
        table
            .table(Experts::Table)
            .col(pk_auto(Experts::Id))
            .col(string_len(Expert::Name, 100))
            .col(string_len(Expert::Specialty, 32))
            .col(integer(Expert::BirthYear))
            .col(integer(Expert::ExperienceYears))
            .col(string_len(Expert::Employer, 200));
        manager.create_table(stamps(&mut table).to_owned()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Experts::Table).to_owned()).await
    }
}
