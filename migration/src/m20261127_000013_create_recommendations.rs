//! Recommendations (整改意见建议) for the unit.

use sea_orm_migration::{prelude::*, schema::*};

#[allow(unused_imports)]
use crate::{Organizations, Users, stamps};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261127_000013_create_recommendations"
    }
}

#[derive(DeriveIden)]
pub(crate) enum Recommendations {
    Table,
    Id,
    InspectionId,
    Content,
    CreatedBy,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut table = Table::create();
        table
            .table(Recommendations::Table)
            .col(pk_auto(Recommendations::Id))
            .col(integer(Recommendations::InspectionId))
            .col(text(Recommendations::Content))
            .col(integer(Recommendations::CreatedBy))
            .foreign_key(ForeignKey::create().from(Recommendations::Table, Recommendations::InspectionId).to(
                crate::m20261127_000007_create_inspections::Inspections::Table,
                crate::m20261127_000007_create_inspections::Inspections::Id,
            ))
            .foreign_key(
                ForeignKey::create()
                    .from(Recommendations::Table, Recommendations::CreatedBy)
                    .to(Users::Table, Users::Id),
            );
        manager.create_table(stamps(&mut table).to_owned()).await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_recommendations_inspection")
                    .table(Recommendations::Table)
                    .col(Recommendations::InspectionId)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Recommendations::Table).to_owned()).await
    }
}
