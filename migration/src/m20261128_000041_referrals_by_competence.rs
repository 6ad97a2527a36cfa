//! Referrals to the body that may decide: each partner agency's competence; a referral's matter
//! (a violation, a cadre question, a general problem), from a clue or from a finding (a problem
//! that is not a clue, passed to the department responsible); a shelved state; outcomes named as
//! the rules name them, with a note (a court's judgment).
//!
//! Agencies are given their competence from their names (纪委/监委: the commission; 组织部: the
//! organisation department; 检察院, 法院, 公安: judicial bodies; any other: a department); the
//! office corrects any with `updateOrganization`. Measures recorded before are renamed: 诫勉谈话
//! (`ADMONISHMENT_TALK`) is `ADMONISHMENT`, 检查 (`WRITTEN_SELF_CRITICISM`) is
//! `ORDERED_SELF_CRITICISM`, 移送司法机关 (`TRANSFER_TO_JUDICIAL_ORGANS`) is
//! `TRANSFER_TO_PROCURATORATE`. A referral acknowledged and shelved (暂存待查) is `SHELVED`.
//!
//! A referral's clue becomes optional (a finding's referral has none): PostgreSQL drops the NOT
//! NULL; SQLite, which cannot alter a column, takes the documented path for removing a NOT NULL
//! constraint (the table's definition rewritten in the schema, its version moved on, inside this
//! migration's transaction; the rows on disk are untouched).

use sea_orm_migration::{prelude::*, schema::*};

use crate::{Organizations, only_on_postgres_reference};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261128_000041_referrals_by_competence"
    }
}

#[derive(DeriveIden)]
enum Organization {
    Competence,
}

#[derive(DeriveIden)]
enum Referrals {
    Table,
    Matter,
    FindingId,
}

#[derive(DeriveIden)]
enum Dispositions {
    Table,
    Note,
}

/// The statements that take the NOT NULL off `referrals.clue_id` on SQLite.
async fn sqlite_clue_optional(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let db = manager.get_connection();
    let backend = manager.get_database_backend();
    let version: i64 = db
        .query_one_raw(sea_orm::Statement::from_string(backend, "PRAGMA schema_version"))
        .await?
        .ok_or_else(|| DbErr::Migration("no schema version".into()))?
        .try_get_by_index(0)?;
    db.execute_unprepared("PRAGMA writable_schema = ON").await?;
    let changed = db
        .execute_unprepared(
            "UPDATE sqlite_master SET sql = replace(sql, '\"clue_id\" integer NOT NULL', '\"clue_id\" integer') \
             WHERE type = 'table' AND name = 'referrals' AND sql LIKE '%\"clue_id\" integer NOT NULL%'",
        )
        .await?
        .rows_affected();
    db.execute_unprepared(&format!("PRAGMA schema_version = {}", version + 1)).await?;
    db.execute_unprepared("PRAGMA writable_schema = OFF").await?;
    if changed != 1 {
        return Err(DbErr::Migration("referrals.clue_id is not as migration 20 made it".into()));
    }
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    /// One transaction on both databases: on SQLite, the schema rewrite is on one connection.
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Organizations::Table)
                    .add_column(string_len_null(Organization::Competence, 32))
                    .to_owned(),
            )
            .await?;
        for mut column in
            [string_len(Referrals::Matter, 16).default("VIOLATION").to_owned(), integer_null(Referrals::FindingId)]
        {
            manager.alter_table(Table::alter().table(Referrals::Table).add_column(&mut column).to_owned()).await?;
        }
        only_on_postgres_reference(manager, "referrals", "finding_id", "findings").await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_referrals_finding")
                    .table(Referrals::Table)
                    .col(Referrals::FindingId)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(Table::alter().table(Dispositions::Table).add_column(text_null(Dispositions::Note)).to_owned())
            .await?;
        let db = manager.get_connection();
        match manager.get_database_backend() {
            sea_orm::DatabaseBackend::Sqlite => sqlite_clue_optional(manager).await?,
            _ => {
                db.execute_unprepared("ALTER TABLE referrals ALTER COLUMN clue_id DROP NOT NULL").await?;
            }
        }
        for sql in [
            "UPDATE organizations SET competence = 'GENERAL' WHERE kind = 'PARTNER_AGENCY'",
            "UPDATE organizations SET competence = 'JUDICIAL' WHERE kind = 'PARTNER_AGENCY' \
             AND (name LIKE '%检察院%' OR name LIKE '%法院%' OR name LIKE '%公安%')",
            "UPDATE organizations SET competence = 'ORGANIZATION' WHERE kind = 'PARTNER_AGENCY' AND name LIKE '%组织部%'",
            "UPDATE organizations SET competence = 'DISCIPLINE_SUPERVISION' WHERE kind = 'PARTNER_AGENCY' \
             AND (name LIKE '%纪委%' OR name LIKE '%监委%')",
            "UPDATE dispositions SET measure = 'ADMONISHMENT' WHERE measure = 'ADMONISHMENT_TALK'",
            "UPDATE dispositions SET measure = 'ORDERED_SELF_CRITICISM' WHERE measure = 'WRITTEN_SELF_CRITICISM'",
            "UPDATE dispositions SET measure = 'TRANSFER_TO_PROCURATORATE' WHERE measure = 'TRANSFER_TO_JUDICIAL_ORGANS'",
            "UPDATE referrals SET status = 'SHELVED' WHERE status = 'ACKNOWLEDGED' AND disposal_method = 'SHELVED_PENDING'",
        ] {
            db.execute_unprepared(sql).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        for sql in [
            "UPDATE referrals SET status = 'ACKNOWLEDGED' WHERE status = 'SHELVED'",
            "UPDATE dispositions SET measure = 'ADMONISHMENT_TALK' WHERE measure = 'ADMONISHMENT'",
            "UPDATE dispositions SET measure = 'WRITTEN_SELF_CRITICISM' WHERE measure = 'ORDERED_SELF_CRITICISM'",
            "UPDATE dispositions SET measure = 'TRANSFER_TO_JUDICIAL_ORGANS' WHERE measure = 'TRANSFER_TO_PROCURATORATE'",
        ] {
            db.execute_unprepared(sql).await?;
        }
        manager
            .alter_table(Table::alter().table(Dispositions::Table).drop_column(Dispositions::Note).to_owned())
            .await?;
        manager.drop_index(Index::drop().name("idx_referrals_finding").table(Referrals::Table).to_owned()).await?;
        for column in [Referrals::Matter, Referrals::FindingId] {
            manager.alter_table(Table::alter().table(Referrals::Table).drop_column(column).to_owned()).await?;
        }
        manager
            .alter_table(Table::alter().table(Organizations::Table).drop_column(Organization::Competence).to_owned())
            .await
    }
}
