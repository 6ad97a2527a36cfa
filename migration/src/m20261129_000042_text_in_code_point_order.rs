//! Text in code-point order on both databases. SQLite compares text byte by byte (UTF-8, so by
//! code point); a PostgreSQL database created with a language's collation (`en_US.UTF-8`,
//! `zh_CN.UTF-8`) would order the names lists are sorted by — and their keyset cursors compare —
//! by that language's rules. The columns lists order by take the `C` collation, so that
//! `orderBy: NAME_ASC` answers the same on both, whatever the database's default.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261129_000042_text_in_code_point_order"
    }
}

/// `(table, column, its type)`: every text column a list is ordered by.
const ORDERED: [(&str, &str, &str); 3] = [
    ("organizations", "name", "varchar(200)"),
    ("users", "username", "varchar(64)"),
    ("experts", "name", "varchar(100)"),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != sea_orm::DatabaseBackend::Postgres {
            return Ok(());
        }
        for (table, column, ty) in ORDERED {
            manager
                .get_connection()
                .execute_unprepared(&format!("ALTER TABLE {table} ALTER COLUMN {column} TYPE {ty} COLLATE \"C\""))
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != sea_orm::DatabaseBackend::Postgres {
            return Ok(());
        }
        for (table, column, ty) in ORDERED {
            manager
                .get_connection()
                .execute_unprepared(&format!("ALTER TABLE {table} ALTER COLUMN {column} TYPE {ty} COLLATE \"default\""))
                .await?;
        }
        Ok(())
    }
}
