//! Collective interviews (集体约谈): sessions, and the units whose heads were interviewed.

use sea_orm_migration::{prelude::*, schema::*};

use crate::{Organizations, Rounds, Users};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261127_000028_create_interviews"
    }
}

#[derive(DeriveIden)]
enum InterviewSessions {
    Table,
    Id,
    RoundId,
    HeldOn,
    Subject,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Interviewees {
    Table,
    Id,
    SessionId,
    UnitId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(InterviewSessions::Table)
                    .col(pk_auto(InterviewSessions::Id))
                    .col(integer_null(InterviewSessions::RoundId))
                    .col(date(InterviewSessions::HeldOn))
                    .col(string_len(InterviewSessions::Subject, 200))
                    .col(integer(InterviewSessions::CreatedBy))
                    .col(timestamp_with_time_zone(InterviewSessions::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(InterviewSessions::Table, InterviewSessions::RoundId)
                            .to(Rounds::Table, Rounds::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(InterviewSessions::Table, InterviewSessions::CreatedBy)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Interviewees::Table)
                    .col(pk_auto(Interviewees::Id))
                    .col(integer(Interviewees::SessionId))
                    .col(integer(Interviewees::UnitId))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Interviewees::Table, Interviewees::SessionId)
                            .to(InterviewSessions::Table, InterviewSessions::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Interviewees::Table, Interviewees::UnitId)
                            .to(Organizations::Table, Organizations::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_interviewees_session_unit")
                    .table(Interviewees::Table)
                    .col(Interviewees::SessionId)
                    .col(Interviewees::UnitId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_interviewees_unit")
                    .table(Interviewees::Table)
                    .col(Interviewees::UnitId)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Interviewees::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(InterviewSessions::Table).to_owned()).await
    }
}
