//! Evidence files of progress reports: their descriptions, and their bytes in a table of their own.

use sea_orm_migration::{prelude::*, schema::*};

use crate::Users;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261127_000030_create_evidence_files"
    }
}

#[derive(DeriveIden)]
enum EvidenceFiles {
    Table,
    Id,
    ProgressReportId,
    TaskId,
    FileName,
    ContentType,
    Size,
    Sha256,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum EvidenceContents {
    Table,
    EvidenceFileId,
    Bytes,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use EvidenceFiles as E;
        manager
            .create_table(
                Table::create()
                    .table(E::Table)
                    .col(pk_auto(E::Id))
                    .col(integer(E::ProgressReportId))
                    .col(integer(E::TaskId))
                    .col(string_len(E::FileName, 200))
                    .col(string_len(E::ContentType, 100))
                    .col(big_integer(E::Size))
                    .col(string_len(E::Sha256, 64))
                    .col(integer(E::CreatedBy))
                    .col(timestamp_with_time_zone(E::CreatedAt))
                    .foreign_key(ForeignKey::create().from(E::Table, E::ProgressReportId).to(
                        crate::m20261127_000025_create_progress_reports::ProgressReports::Table,
                        crate::m20261127_000025_create_progress_reports::ProgressReports::Id,
                    ))
                    .foreign_key(ForeignKey::create().from(E::Table, E::TaskId).to(
                        crate::m20261127_000024_create_rectification_tasks::RectificationTasks::Table,
                        crate::m20261127_000024_create_rectification_tasks::RectificationTasks::Id,
                    ))
                    .foreign_key(ForeignKey::create().from(E::Table, E::CreatedBy).to(Users::Table, Users::Id))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("idx_evidence_files_task").table(E::Table).col(E::TaskId).to_owned())
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_evidence_files_progress_report")
                    .table(E::Table)
                    .col(E::ProgressReportId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(EvidenceContents::Table)
                    .col(integer(EvidenceContents::EvidenceFileId).primary_key())
                    .col(blob(EvidenceContents::Bytes))
                    .foreign_key(
                        ForeignKey::create()
                            .from(EvidenceContents::Table, EvidenceContents::EvidenceFileId)
                            .to(E::Table, E::Id),
                    )
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(EvidenceContents::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(EvidenceFiles::Table).to_owned()).await
    }
}
