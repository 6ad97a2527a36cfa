//! The access log, append-only: the database itself refuses to change or delete an entry.

use sea_orm_migration::{prelude::*, schema::*};

#[allow(unused_imports)]
use crate::{Organizations, Users, stamps};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261127_000017_create_access_log"
    }
}

#[derive(DeriveIden)]
pub(crate) enum AccessLog {
    Table,
    Id,
    At,
    UserId,
    Roles,
    Action,
    ObjectType,
    ObjectId,
    CorrelationId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AccessLog::Table)
                    .col(pk_auto(AccessLog::Id))
                    .col(timestamp_with_time_zone(AccessLog::At))
                    .col(integer(AccessLog::UserId))
                    .col(string_len(AccessLog::Roles, 200))
                    .col(string_len(AccessLog::Action, 64))
                    .col(string_len(AccessLog::ObjectType, 64))
                    .col(integer(AccessLog::ObjectId))
                    .col(string_len(AccessLog::CorrelationId, 64))
                    .foreign_key(
                        ForeignKey::create().from(AccessLog::Table, AccessLog::UserId).to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("idx_access_log_user").table(AccessLog::Table).col(AccessLog::UserId).to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_access_log_object")
                    .table(AccessLog::Table)
                    .col(AccessLog::ObjectType)
                    .col(AccessLog::ObjectId)
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        match manager.get_database_backend() {
            sea_orm::DatabaseBackend::Postgres => {
                db.execute_unprepared(
                    "CREATE FUNCTION access_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ \
                     BEGIN RAISE EXCEPTION 'the access log is append-only'; END $$; \
                     CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE ON access_log \
                     FOR EACH ROW EXECUTE FUNCTION access_log_is_append_only();",
                )
                .await?;
            }
            _ => {
                db.execute_unprepared(
                    "CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log \
                     BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END; \
                     CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log \
                     BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;",
                )
                .await?;
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
            manager
                .get_connection()
                .execute_unprepared(
                    "DROP TRIGGER IF EXISTS access_log_append_only ON access_log; \
                     DROP FUNCTION IF EXISTS access_log_is_append_only();",
                )
                .await?;
        }
        manager.drop_table(Table::drop().table(AccessLog::Table).to_owned()).await
    }
}
