//! Inspections: one team inspects one unit in one round.

use sea_orm_migration::{prelude::*, schema::*};

use crate::{Organizations, Rounds, stamps};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261127_000007_create_inspections"
    }
}

#[derive(DeriveIden)]
pub(crate) enum Inspections {
    Table,
    Id,
    RoundId,
    TeamId,
    UnitId,
    Status,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut table = Table::create();
        table
            .table(Inspections::Table)
            .col(pk_auto(Inspections::Id))
            .col(integer(Inspections::RoundId))
            .col(integer(Inspections::TeamId))
            .col(integer(Inspections::UnitId))
            .col(string_len(Inspections::Status, 32))
            .foreign_key(
                ForeignKey::create().from(Inspections::Table, Inspections::RoundId).to(Rounds::Table, Rounds::Id),
            )
            .foreign_key(
                ForeignKey::create()
                    .from(Inspections::Table, Inspections::TeamId)
                    .to(Organizations::Table, Organizations::Id),
            )
            .foreign_key(
                ForeignKey::create()
                    .from(Inspections::Table, Inspections::UnitId)
                    .to(Organizations::Table, Organizations::Id),
            );
        manager.create_table(stamps(&mut table).to_owned()).await?;
        // A unit is inspected at most once in a round.
        manager
            .create_index(
                Index::create()
                    .name("uq_inspections_round_unit")
                    .table(Inspections::Table)
                    .col(Inspections::RoundId)
                    .col(Inspections::UnitId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_inspections_team")
                    .table(Inspections::Table)
                    .col(Inspections::TeamId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_inspections_unit")
                    .table(Inspections::Table)
                    .col(Inspections::UnitId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Inspections::Table).to_owned()).await
    }
}
