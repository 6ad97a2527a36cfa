//! Rectification tasks (整改任务) on the unit's list.

use sea_orm_migration::{prelude::*, schema::*};

#[allow(unused_imports)]
use crate::{Organizations, Users, stamps};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261127_000024_create_rectification_tasks"
    }
}

#[derive(DeriveIden)]
pub(crate) enum RectificationTasks {
    Table,
    Id,
    InspectionId,
    RecommendationId,
    Content,
    ResponsiblePerson,
    Deadline,
    FixAtOnce,
    Status,
    ReturnCount,
    ReturnReason,
    ClosedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut table = Table::create();
        table
            .table(RectificationTasks::Table)
            .col(pk_auto(RectificationTasks::Id))
            .col(integer(RectificationTasks::InspectionId))
            .col(integer(RectificationTasks::RecommendationId))
            .col(text(RectificationTasks::Content))
            .col(string_len(RectificationTasks::ResponsiblePerson, 100))
            .col(date(RectificationTasks::Deadline))
            .col(boolean(RectificationTasks::FixAtOnce).default(false))
            .col(string_len(RectificationTasks::Status, 32))
            .col(integer(RectificationTasks::ReturnCount).default(0))
            .col(text_null(RectificationTasks::ReturnReason))
            .col(timestamp_with_time_zone_null(RectificationTasks::ClosedAt))
            .foreign_key(ForeignKey::create().from(RectificationTasks::Table, RectificationTasks::InspectionId).to(
                crate::m20261127_000007_create_inspections::Inspections::Table,
                crate::m20261127_000007_create_inspections::Inspections::Id,
            ))
            .foreign_key(
                ForeignKey::create().from(RectificationTasks::Table, RectificationTasks::RecommendationId).to(
                    crate::m20261127_000013_create_recommendations::Recommendations::Table,
                    crate::m20261127_000013_create_recommendations::Recommendations::Id,
                ),
            );
        manager.create_table(stamps(&mut table).to_owned()).await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_rectification_tasks_inspection")
                    .table(RectificationTasks::Table)
                    .col(RectificationTasks::InspectionId)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(RectificationTasks::Table).to_owned()).await
    }
}
