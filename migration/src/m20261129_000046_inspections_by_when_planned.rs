//! Inspections are listed by when they were planned (`created_at`), newest first by default, ties
//! broken by the id ascending as in every list: an index in exactly that order, so that the
//! default page is read from it rather than sorted.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261129_000046_inspections_by_when_planned"
    }
}

#[derive(DeriveIden)]
enum Inspections {
    Table,
    CreatedAt,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name("idx_inspections_created_at")
                    .table(Inspections::Table)
                    .col((Inspections::CreatedAt, IndexOrder::Desc))
                    .col((Inspections::Id, IndexOrder::Asc))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name("idx_inspections_created_at").table(Inspections::Table).to_owned()).await
    }
}
