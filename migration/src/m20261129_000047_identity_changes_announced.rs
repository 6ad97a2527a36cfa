//! On PostgreSQL, every change to who may do what is announced: a statement that writes `users`
//! or `role_assignments` sends a notification on the channel `identity_changed` when its
//! transaction commits. Each server listens and forgets the grants it keeps between requests, so
//! a role revoked by another server, or by hand in the database, takes effect at once there too.
//! SQLite has no such channel; there the grants are read on every request.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261129_000047_identity_changes_announced"
    }
}

/// The tables whose rows say who a token names and what they may do.
const TABLES: [&str; 2] = ["users", "role_assignments"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != sea_orm::DatabaseBackend::Postgres {
            return Ok(());
        }
        let db = manager.get_connection();
        db.execute_unprepared(
            "CREATE FUNCTION announce_identity_change() RETURNS trigger LANGUAGE plpgsql AS $$ \
             BEGIN PERFORM pg_notify('identity_changed', TG_TABLE_NAME); RETURN NULL; END $$",
        )
        .await?;
        for table in TABLES {
            db.execute_unprepared(&format!(
                "CREATE TRIGGER {table}_identity_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} \
                 FOR EACH STATEMENT EXECUTE FUNCTION announce_identity_change()"
            ))
            .await?;
            // Even in a session that replays changes (`session_replication_role = replica`).
            db.execute_unprepared(&format!("ALTER TABLE {table} ENABLE ALWAYS TRIGGER {table}_identity_changed"))
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != sea_orm::DatabaseBackend::Postgres {
            return Ok(());
        }
        let db = manager.get_connection();
        for table in TABLES {
            db.execute_unprepared(&format!("DROP TRIGGER {table}_identity_changed ON {table}")).await?;
        }
        db.execute_unprepared("DROP FUNCTION announce_identity_change()").await?;
        Ok(())
    }
}
