//! Reports to the leadership group, one per inspection.

use sea_orm_migration::{prelude::*, schema::*};

#[allow(unused_imports)]
use crate::{Organizations, Users, stamps};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261127_000015_create_reports"
    }
}

#[derive(DeriveIden)]
pub(crate) enum Reports {
    Table,
    Id,
    InspectionId,
    Body,
    SubmittedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut table = Table::create();
        table
            .table(Reports::Table)
            .col(pk_auto(Reports::Id))
            .col(integer_uniq(Reports::InspectionId))
            .col(text(Reports::Body))
            .col(timestamp_with_time_zone_null(Reports::SubmittedAt))
            .foreign_key(ForeignKey::create().from(Reports::Table, Reports::InspectionId).to(
                crate::m20261127_000007_create_inspections::Inspections::Table,
                crate::m20261127_000007_create_inspections::Inspections::Id,
            ));
        manager.create_table(stamps(&mut table).to_owned()).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Reports::Table).to_owned()).await
    }
}
