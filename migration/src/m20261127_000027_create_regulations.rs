//! Regulations (制度) units build or revise to close loopholes.

use sea_orm_migration::{prelude::*, schema::*};

#[allow(unused_imports)]
use crate::{Organizations, Users, stamps};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261127_000027_create_regulations"
    }
}

#[derive(DeriveIden)]
pub(crate) enum Regulations {
    Table,
    Id,
    InspectionId,
    TaskId,
    FindingId,
    Title,
    Category,
    IsNew,
    EffectiveOn,
    CreatedBy,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Regulations::Table)
                    .col(pk_auto(Regulations::Id))
                    .col(integer(Regulations::InspectionId))
                    .col(integer_null(Regulations::TaskId))
                    .col(integer_null(Regulations::FindingId))
                    .col(string_len(Regulations::Title, 200))
                    .col(string_len(Regulations::Category, 32))
                    .col(boolean(Regulations::IsNew).default(true))
                    .col(date(Regulations::EffectiveOn))
                    .col(integer(Regulations::CreatedBy))
                    .col(timestamp_with_time_zone(Regulations::CreatedAt))
                    .foreign_key(ForeignKey::create().from(Regulations::Table, Regulations::InspectionId).to(
                        crate::m20261127_000007_create_inspections::Inspections::Table,
                        crate::m20261127_000007_create_inspections::Inspections::Id,
                    ))
                    .foreign_key(ForeignKey::create().from(Regulations::Table, Regulations::TaskId).to(
                        crate::m20261127_000024_create_rectification_tasks::RectificationTasks::Table,
                        crate::m20261127_000024_create_rectification_tasks::RectificationTasks::Id,
                    ))
                    .foreign_key(ForeignKey::create().from(Regulations::Table, Regulations::FindingId).to(
                        crate::m20261127_000010_create_findings::Findings::Table,
                        crate::m20261127_000010_create_findings::Findings::Id,
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Regulations::Table, Regulations::CreatedBy)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_regulations_inspection")
                    .table(Regulations::Table)
                    .col(Regulations::InspectionId)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Regulations::Table).to_owned()).await
    }
}
