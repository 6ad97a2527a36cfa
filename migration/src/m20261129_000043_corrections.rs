//! Corrections that forget nothing: every version of a corrected record is kept in `revisions`
//! (who, when, why, the fields before and after), and a record entered by mistake is withdrawn —
//! stamped with when, by whom and why — instead of deleted. The records a unit or the office
//! writes once and could not correct before (regulations, progress reports, evidence files,
//! accountability records) gain a `version` for concurrent corrections and the withdrawal stamp.

use sea_orm_migration::{prelude::*, schema::*};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261129_000043_corrections"
    }
}

#[derive(DeriveIden)]
enum Revisions {
    Table,
    Id,
    ObjectKind,
    ObjectId,
    Version,
    Change,
    Reason,
    Fields,
    UserId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Correctable {
    Version,
    WithdrawnAt,
    WithdrawnBy,
    WithdrawalReason,
}

/// The tables whose rows are corrected and withdrawn here.
const TABLES: [&str; 4] = ["regulations", "progress_reports", "evidence_files", "accountability_records"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Revisions::Table)
                    .col(pk_auto(Revisions::Id))
                    .col(string_len(Revisions::ObjectKind, 40))
                    .col(integer(Revisions::ObjectId))
                    .col(integer(Revisions::Version))
                    .col(string_len(Revisions::Change, 16))
                    .col(text(Revisions::Reason))
                    .col(text(Revisions::Fields))
                    .col(integer(Revisions::UserId))
                    .col(timestamp_with_time_zone(Revisions::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_revisions_object")
                    .table(Revisions::Table)
                    .col(Revisions::ObjectKind)
                    .col(Revisions::ObjectId)
                    .to_owned(),
            )
            .await?;
        for table in TABLES {
            for mut column in [
                integer(Correctable::Version).default(1).to_owned(),
                timestamp_with_time_zone_null(Correctable::WithdrawnAt),
                integer_null(Correctable::WithdrawnBy),
                text_null(Correctable::WithdrawalReason),
            ] {
                manager.alter_table(Table::alter().table(Alias::new(table)).add_column(&mut column).to_owned()).await?;
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in TABLES {
            for column in [
                Correctable::Version,
                Correctable::WithdrawnAt,
                Correctable::WithdrawnBy,
                Correctable::WithdrawalReason,
            ] {
                manager.alter_table(Table::alter().table(Alias::new(table)).drop_column(column).to_owned()).await?;
            }
        }
        manager.drop_table(Table::drop().table(Revisions::Table).to_owned()).await
    }
}
