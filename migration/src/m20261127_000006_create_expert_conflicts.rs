//! Experts' conflicts of interest with audited units, the basis of recusal (回避).

use sea_orm_migration::{prelude::*, schema::*};

use crate::{Experts, Organizations};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261127_000006_create_expert_conflicts"
    }
}

#[derive(DeriveIden)]
enum ExpertConflicts {
    Table,
    Id,
    ExpertId,
    UnitId,
    Kind,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ExpertConflicts::Table)
                    .col(pk_auto(ExpertConflicts::Id))
                    .col(integer(ExpertConflicts::ExpertId))
                    .col(integer(ExpertConflicts::UnitId))
                    .col(string_len(ExpertConflicts::Kind, 32))
                    .col(timestamp_with_time_zone(ExpertConflicts::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ExpertConflicts::Table, ExpertConflicts::ExpertId)
                            .to(Experts::Table, Experts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ExpertConflicts::Table, ExpertConflicts::UnitId)
                            .to(Organizations::Table, Organizations::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_expert_conflicts_expert_unit")
                    .table(ExpertConflicts::Table)
                    .col(ExpertConflicts::ExpertId)
                    .col(ExpertConflicts::UnitId)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(ExpertConflicts::Table).to_owned()).await
    }
}
