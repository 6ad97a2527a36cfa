//! Petitions (信访) received by a team; the reporter's identity is confidential.

use sea_orm_migration::{prelude::*, schema::*};

#[allow(unused_imports)]
use crate::{Organizations, Users, stamps};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261127_000009_create_petitions"
    }
}

#[derive(DeriveIden)]
pub(crate) enum Petitions {
    Table,
    Id,
    InspectionId,
    UnitId,
    Content,
    ReporterName,
    ReporterContact,
    ReceivedOn,
    CreatedBy,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut table = Table::create();
        table
            .table(Petitions::Table)
            .col(pk_auto(Petitions::Id))
            .col(integer(Petitions::InspectionId))
            .col(integer(Petitions::UnitId))
            .col(text(Petitions::Content))
            .col(string_len_null(Petitions::ReporterName, 100))
            .col(string_len_null(Petitions::ReporterContact, 200))
            .col(date(Petitions::ReceivedOn))
            .col(integer(Petitions::CreatedBy))
            .foreign_key(ForeignKey::create().from(Petitions::Table, Petitions::InspectionId).to(
                crate::m20261127_000007_create_inspections::Inspections::Table,
                crate::m20261127_000007_create_inspections::Inspections::Id,
            ))
            .foreign_key(
                ForeignKey::create()
                    .from(Petitions::Table, Petitions::UnitId)
                    .to(Organizations::Table, Organizations::Id),
            )
            .foreign_key(ForeignKey::create().from(Petitions::Table, Petitions::CreatedBy).to(Users::Table, Users::Id));
        manager.create_table(stamps(&mut table).to_owned()).await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_petitions_inspection")
                    .table(Petitions::Table)
                    .col(Petitions::InspectionId)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Petitions::Table).to_owned()).await
    }
}
