//! Clues (问题线索): confidential leads about named persons.

use sea_orm_migration::{prelude::*, schema::*};

#[allow(unused_imports)]
use crate::{Organizations, Users, stamps};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261127_000011_create_clues"
    }
}

#[derive(DeriveIden)]
pub(crate) enum Clues {
    Table,
    Id,
    InspectionId,
    Status,
    AllegedViolation,
    Evidence,
    Source,
    PetitionId,
    RejectionReason,
    CreatedBy,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut table = Table::create();
        table
            .table(Clues::Table)
            .col(pk_auto(Clues::Id))
            .col(integer(Clues::InspectionId))
            .col(string_len(Clues::Status, 32))
            .col(text(Clues::AllegedViolation))
            .col(text(Clues::Evidence))
            .col(string_len(Clues::Source, 32))
            .col(integer_null(Clues::PetitionId))
            .col(text_null(Clues::RejectionReason))
            .col(integer(Clues::CreatedBy))
            .foreign_key(ForeignKey::create().from(Clues::Table, Clues::InspectionId).to(
                crate::m20261127_000007_create_inspections::Inspections::Table,
                crate::m20261127_000007_create_inspections::Inspections::Id,
            ))
            .foreign_key(ForeignKey::create().from(Clues::Table, Clues::PetitionId).to(
                crate::m20261127_000009_create_petitions::Petitions::Table,
                crate::m20261127_000009_create_petitions::Petitions::Id,
            ))
            .foreign_key(ForeignKey::create().from(Clues::Table, Clues::CreatedBy).to(Users::Table, Users::Id));
        manager.create_table(stamps(&mut table).to_owned()).await?;
        manager
            .create_index(
                Index::create().name("idx_clues_inspection").table(Clues::Table).col(Clues::InspectionId).to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Clues::Table).to_owned()).await
    }
}
