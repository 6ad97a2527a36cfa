//! Petitions as they arrive: every one registered, then accepted by the team, or passed on (转办)
//! to the body responsible with its answer tracked, and closed. Petitions recorded before this
//! were all about the inspected unit and taken up by the team: they are accepted ones.

use sea_orm_migration::{prelude::*, schema::*};

use crate::only_on_postgres_reference;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261128_000039_petition_handling"
    }
}

#[derive(DeriveIden)]
enum Petitions {
    Table,
    Status,
    PassedToId,
    PassedOn,
    HandlingNote,
    Answer,
    AnsweredOn,
    Outcome,
    ClosedOn,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let columns = [
            string_len(Petitions::Status, 16).default("REGISTERED").to_owned(),
            integer_null(Petitions::PassedToId),
            date_null(Petitions::PassedOn),
            text_null(Petitions::HandlingNote),
            text_null(Petitions::Answer),
            date_null(Petitions::AnsweredOn),
            text_null(Petitions::Outcome),
            date_null(Petitions::ClosedOn),
        ];
        for mut column in columns {
            manager.alter_table(Table::alter().table(Petitions::Table).add_column(&mut column).to_owned()).await?;
        }
        only_on_postgres_reference(manager, "petitions", "passed_to_id", "organizations").await?;
        manager.get_connection().execute_unprepared("UPDATE petitions SET status = 'ACCEPTED'").await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_petitions_passed_to")
                    .table(Petitions::Table)
                    .col(Petitions::PassedToId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name("idx_petitions_passed_to").table(Petitions::Table).to_owned()).await?;
        for column in [
            Petitions::Status,
            Petitions::PassedToId,
            Petitions::PassedOn,
            Petitions::HandlingNote,
            Petitions::Answer,
            Petitions::AnsweredOn,
            Petitions::Outcome,
            Petitions::ClosedOn,
        ] {
            manager.alter_table(Table::alter().table(Petitions::Table).drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}
