//! Findings (发现问题) recorded by a team.

use sea_orm_migration::{prelude::*, schema::*};

#[allow(unused_imports)]
use crate::{Organizations, Users, stamps};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261127_000010_create_findings"
    }
}

#[derive(DeriveIden)]
pub(crate) enum Findings {
    Table,
    Id,
    InspectionId,
    Category,
    Description,
    Evidence,
    IncludeInFeedback,
    PetitionId,
    CreatedBy,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut table = Table::create();
        table
            .table(Findings::Table)
            .col(pk_auto(Findings::Id))
            .col(integer(Findings::InspectionId))
            .col(string_len(Findings::Category, 48))
            .col(text(Findings::Description))
            .col(text(Findings::Evidence))
            .col(boolean(Findings::IncludeInFeedback).default(true))
            .col(integer_null(Findings::PetitionId))
            .col(integer(Findings::CreatedBy))
            .foreign_key(ForeignKey::create().from(Findings::Table, Findings::InspectionId).to(
                crate::m20261127_000007_create_inspections::Inspections::Table,
                crate::m20261127_000007_create_inspections::Inspections::Id,
            ))
            .foreign_key(ForeignKey::create().from(Findings::Table, Findings::PetitionId).to(
                crate::m20261127_000009_create_petitions::Petitions::Table,
                crate::m20261127_000009_create_petitions::Petitions::Id,
            ))
            .foreign_key(ForeignKey::create().from(Findings::Table, Findings::CreatedBy).to(Users::Table, Users::Id));
        manager.create_table(stamps(&mut table).to_owned()).await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_findings_inspection")
                    .table(Findings::Table)
                    .col(Findings::InspectionId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("idx_findings_category").table(Findings::Table).col(Findings::Category).to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Findings::Table).to_owned()).await
    }
}
