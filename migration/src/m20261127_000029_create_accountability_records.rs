//! Accountability records (问责) on an inspection's results.

use sea_orm_migration::{prelude::*, schema::*};

use crate::{Organizations, Users};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261127_000029_create_accountability_records"
    }
}

#[derive(DeriveIden)]
enum AccountabilityRecords {
    Table,
    Id,
    InspectionId,
    UnitId,
    Target,
    PersonName,
    PersonRank,
    Decision,
    DecidedOn,
    InPersonalFile,
    InAnnualAssessment,
    AssessmentVeto,
    CreatedBy,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use AccountabilityRecords as A;
        manager
            .create_table(
                Table::create()
                    .table(A::Table)
                    .col(pk_auto(A::Id))
                    .col(integer(A::InspectionId))
                    .col(integer(A::UnitId))
                    .col(string_len(A::Target, 16))
                    .col(string_len_null(A::PersonName, 100))
                    .col(string_len_null(A::PersonRank, 32))
                    .col(text(A::Decision))
                    .col(date(A::DecidedOn))
                    .col(boolean(A::InPersonalFile).default(false))
                    .col(boolean(A::InAnnualAssessment).default(false))
                    .col(boolean(A::AssessmentVeto).default(false))
                    .col(integer(A::CreatedBy))
                    .col(timestamp_with_time_zone(A::CreatedAt))
                    .foreign_key(ForeignKey::create().from(A::Table, A::InspectionId).to(
                        crate::m20261127_000007_create_inspections::Inspections::Table,
                        crate::m20261127_000007_create_inspections::Inspections::Id,
                    ))
                    .foreign_key(
                        ForeignKey::create().from(A::Table, A::UnitId).to(Organizations::Table, Organizations::Id),
                    )
                    .foreign_key(ForeignKey::create().from(A::Table, A::CreatedBy).to(Users::Table, Users::Id))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("idx_accountability_records_unit").table(A::Table).col(A::UnitId).to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_accountability_records_inspection")
                    .table(A::Table)
                    .col(A::InspectionId)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(AccountabilityRecords::Table).to_owned()).await
    }
}
