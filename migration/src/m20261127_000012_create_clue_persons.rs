//! The persons named in a clue, with their rank.

use sea_orm_migration::{prelude::*, schema::*};

#[allow(unused_imports)]
use crate::{Organizations, Users, stamps};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261127_000012_create_clue_persons"
    }
}

#[derive(DeriveIden)]
pub(crate) enum CluePersons {
    Table,
    Id,
    ClueId,
    Name,
    Rank,
    Position,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CluePersons::Table)
                    .col(pk_auto(CluePersons::Id))
                    .col(integer(CluePersons::ClueId))
                    .col(string_len(CluePersons::Name, 100))
                    .col(string_len(CluePersons::Rank, 32))
                    .col(string_len(CluePersons::Position, 200))
                    .foreign_key(
                        ForeignKey::create()
                            .from(CluePersons::Table, CluePersons::ClueId)
                            .to(
                                crate::m20261127_000011_create_clues::Clues::Table,
                                crate::m20261127_000011_create_clues::Clues::Id,
                            )
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_clue_persons_clue")
                    .table(CluePersons::Table)
                    .col(CluePersons::ClueId)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(CluePersons::Table).to_owned()).await
    }
}
