//! Progress reports (整改进展) the unit files on its tasks.

use sea_orm_migration::{prelude::*, schema::*};

#[allow(unused_imports)]
use crate::{Organizations, Users, stamps};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261127_000025_create_progress_reports"
    }
}

#[derive(DeriveIden)]
pub(crate) enum ProgressReports {
    Table,
    Id,
    TaskId,
    Content,
    CreatedBy,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ProgressReports::Table)
                    .col(pk_auto(ProgressReports::Id))
                    .col(integer(ProgressReports::TaskId))
                    .col(text(ProgressReports::Content))
                    .col(integer(ProgressReports::CreatedBy))
                    .col(timestamp_with_time_zone(ProgressReports::CreatedAt))
                    .foreign_key(ForeignKey::create().from(ProgressReports::Table, ProgressReports::TaskId).to(
                        crate::m20261127_000024_create_rectification_tasks::RectificationTasks::Table,
                        crate::m20261127_000024_create_rectification_tasks::RectificationTasks::Id,
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ProgressReports::Table, ProgressReports::CreatedBy)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_progress_reports_task")
                    .table(ProgressReports::Table)
                    .col(ProgressReports::TaskId)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(ProgressReports::Table).to_owned()).await
    }
}
