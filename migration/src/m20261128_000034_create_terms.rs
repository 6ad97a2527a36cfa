//! Committee terms (届) and their plans: coverage (全覆盖) is counted per term against its plan.
//! Rounds belong to a term and record the day they actually started.
//!
//! Rounds made before terms were recorded are put in one term spanning them, named so that the
//! office sees it is to be corrected; a database without rounds gets no term.

use sea_orm_migration::{prelude::*, schema::*};

use crate::{Organizations, Rounds, only_on_postgres_reference, stamps};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261128_000034_create_terms"
    }
}

#[derive(DeriveIden)]
pub(crate) enum Terms {
    Table,
    Id,
    Name,
    StartsOn,
    EndsOn,
}

#[derive(DeriveIden)]
enum PlanEntries {
    Table,
    Id,
    TermId,
    UnitId,
    Year,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Round {
    TermId,
    StartedOn,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut table = Table::create();
        table
            .table(Terms::Table)
            .col(pk_auto(Terms::Id))
            .col(string_len_uniq(Terms::Name, 200))
            .col(date(Terms::StartsOn))
            .col(date(Terms::EndsOn));
        manager.create_table(stamps(&mut table).to_owned()).await?;
        manager
            .create_table(
                Table::create()
                    .table(PlanEntries::Table)
                    .col(pk_auto(PlanEntries::Id))
                    .col(integer(PlanEntries::TermId))
                    .col(integer(PlanEntries::UnitId))
                    .col(integer(PlanEntries::Year))
                    .col(timestamp_with_time_zone(PlanEntries::CreatedAt))
                    .foreign_key(
                        ForeignKey::create().from(PlanEntries::Table, PlanEntries::TermId).to(Terms::Table, Terms::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(PlanEntries::Table, PlanEntries::UnitId)
                            .to(Organizations::Table, Organizations::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_plan_entries_term_unit")
                    .table(PlanEntries::Table)
                    .col(PlanEntries::TermId)
                    .col(PlanEntries::UnitId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(Table::alter().table(Rounds::Table).add_column(integer_null(Round::TermId)).to_owned())
            .await?;
        manager
            .alter_table(Table::alter().table(Rounds::Table).add_column(date_null(Round::StartedOn)).to_owned())
            .await?;
        only_on_postgres_reference(manager, "rounds", "term_id", "terms").await?;
        manager
            .create_index(Index::create().name("idx_rounds_term").table(Rounds::Table).col(Round::TermId).to_owned())
            .await?;
        let db = manager.get_connection();
        let now = match manager.get_database_backend() {
            sea_orm::DatabaseBackend::Sqlite => "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
            _ => "CURRENT_TIMESTAMP",
        };
        db.execute_unprepared("UPDATE rounds SET started_on = starts_on WHERE status IN ('IN_PROGRESS', 'CLOSED')")
            .await?;
        db.execute_unprepared(&format!(
            "INSERT INTO terms (name, starts_on, ends_on, created_at, updated_at, version) \
             SELECT '届期未录入的轮次（请更正）', MIN(starts_on), MAX(ends_on), {now}, {now}, 1 FROM rounds HAVING COUNT(*) > 0"
        ))
        .await?;
        db.execute_unprepared("UPDATE rounds SET term_id = (SELECT MIN(id) FROM terms) WHERE term_id IS NULL").await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name("idx_rounds_term").table(Rounds::Table).to_owned()).await?;
        for column in [Round::TermId, Round::StartedOn] {
            manager.alter_table(Table::alter().table(Rounds::Table).drop_column(column).to_owned()).await?;
        }
        manager.drop_table(Table::drop().table(PlanEntries::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(Terms::Table).to_owned()).await
    }
}
