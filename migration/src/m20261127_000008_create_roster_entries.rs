//! Team rosters: experts staffed on a team for one round.

use sea_orm_migration::{prelude::*, schema::*};

use crate::{Experts, Organizations, Rounds};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261127_000008_create_roster_entries"
    }
}

#[derive(DeriveIden)]
enum RosterEntries {
    Table,
    Id,
    RoundId,
    TeamId,
    ExpertId,
    Position,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(RosterEntries::Table)
                    .col(pk_auto(RosterEntries::Id))
                    .col(integer(RosterEntries::RoundId))
                    .col(integer(RosterEntries::TeamId))
                    .col(integer(RosterEntries::ExpertId))
                    .col(string_len(RosterEntries::Position, 32))
                    .col(timestamp_with_time_zone(RosterEntries::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(RosterEntries::Table, RosterEntries::RoundId)
                            .to(Rounds::Table, Rounds::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(RosterEntries::Table, RosterEntries::TeamId)
                            .to(Organizations::Table, Organizations::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(RosterEntries::Table, RosterEntries::ExpertId)
                            .to(Experts::Table, Experts::Id),
                    )
                    .to_owned(),
            )
            .await?;
        // An expert serves on one team at a time: once per round.
        manager
            .create_index(
                Index::create()
                    .name("uq_roster_entries_round_expert")
                    .table(RosterEntries::Table)
                    .col(RosterEntries::RoundId)
                    .col(RosterEntries::ExpertId)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(RosterEntries::Table).to_owned()).await
    }
}
