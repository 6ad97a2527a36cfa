//! Feedback documents for the unit, one per inspection.

use sea_orm_migration::{prelude::*, schema::*};

#[allow(unused_imports)]
use crate::{Organizations, Users, stamps};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261127_000016_create_feedbacks"
    }
}

#[derive(DeriveIden)]
pub(crate) enum Feedbacks {
    Table,
    Id,
    InspectionId,
    Body,
    ReleasedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut table = Table::create();
        table
            .table(Feedbacks::Table)
            .col(pk_auto(Feedbacks::Id))
            .col(integer_uniq(Feedbacks::InspectionId))
            .col(text(Feedbacks::Body))
            .col(timestamp_with_time_zone_null(Feedbacks::ReleasedAt))
            .foreign_key(ForeignKey::create().from(Feedbacks::Table, Feedbacks::InspectionId).to(
                crate::m20261127_000007_create_inspections::Inspections::Table,
                crate::m20261127_000007_create_inspections::Inspections::Id,
            ));
        manager.create_table(stamps(&mut table).to_owned()).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Feedbacks::Table).to_owned()).await
    }
}
