//! Two kinds of record take the names of their API types, so that one name serves the folder,
//! the kind, the GraphQL type and the policy: `accountability` becomes `accountability_record`,
//! `access_log` becomes `access_log_entry`. The access log keeps its entries; only these two
//! names in it change, with its append-only triggers lifted for the length of this migration.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261128_000031_access_log_kind_names"
    }
}

const POSTGRES_TRIGGER: &str = "CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE ON access_log \
     FOR EACH ROW EXECUTE FUNCTION access_log_is_append_only();";
const SQLITE_TRIGGER: &str = "CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log \
     BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;";

async fn rename(manager: &SchemaManager<'_>, renames: &[(&str, &str)]) -> Result<(), DbErr> {
    let db = manager.get_connection();
    let postgres = manager.get_database_backend() == sea_orm::DatabaseBackend::Postgres;
    db.execute_unprepared(if postgres {
        "DROP TRIGGER access_log_append_only ON access_log;"
    } else {
        "DROP TRIGGER access_log_no_update;"
    })
    .await?;
    for (from, to) in renames {
        db.execute_unprepared(&format!("UPDATE access_log SET object_type = '{to}' WHERE object_type = '{from}';"))
            .await?;
    }
    db.execute_unprepared(if postgres { POSTGRES_TRIGGER } else { SQLITE_TRIGGER }).await?;
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    /// On both databases: the log is never without its triggers outside this transaction.
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        rename(manager, &[("accountability", "accountability_record"), ("access_log", "access_log_entry")]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        rename(manager, &[("accountability_record", "accountability"), ("access_log_entry", "access_log")]).await
    }
}
