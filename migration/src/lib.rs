//! Schema migrations, one change per file, each with a working `down`.
//!
//! A migration is never edited once it has landed: a change to the schema is a new file.
//! Demo data is not a migration; it lives in the API crate and is loaded on request.

pub use sea_orm_migration::prelude::*;

mod m20261127_000001_create_organizations;
mod m20261127_000002_create_users;
mod m20261127_000003_create_rounds;
mod m20261127_000004_create_role_assignments;
mod m20261127_000005_create_experts;
mod m20261127_000006_create_expert_conflicts;
mod m20261127_000007_create_inspections;
mod m20261127_000008_create_roster_entries;
mod m20261127_000009_create_petitions;
mod m20261127_000010_create_findings;
mod m20261127_000011_create_clues;
mod m20261127_000012_create_clue_persons;
mod m20261127_000013_create_recommendations;
mod m20261127_000014_create_recommendation_findings;
mod m20261127_000015_create_reports;
mod m20261127_000016_create_feedbacks;
mod m20261127_000017_create_access_log;
mod m20261127_000018_add_users_tokens_valid_after;
mod m20261127_000019_add_users_is_service;
mod m20261127_000020_create_referrals;
mod m20261127_000021_create_dispositions;
mod m20261127_000022_create_idempotency_keys;
mod m20261127_000023_create_change_counters;
mod m20261127_000024_create_rectification_tasks;
mod m20261127_000025_create_progress_reports;
mod m20261127_000026_idempotency_keys_unique_key;
mod m20261127_000027_create_regulations;
mod m20261127_000028_create_interviews;
mod m20261127_000029_create_accountability_records;
mod m20261127_000030_create_evidence_files;
mod m20261128_000031_access_log_kind_names;
mod m20261128_000032_users_session_generation;
mod m20261128_000033_create_login_attempts;
mod m20261128_000034_create_terms;
mod m20261128_000035_organizations_parent;
mod m20261128_000036_inspection_kinds_and_channels;
mod m20261128_000037_create_hearings_and_decisions;
mod m20261128_000038_principal_feedback;
mod m20261128_000039_petition_handling;
mod m20261128_000040_experts_accounts;
mod m20261128_000041_referrals_by_competence;
mod m20261129_000042_text_in_code_point_order;
mod m20261129_000043_corrections;
mod m20261129_000044_corrections_of_sessions_and_petitions;
mod m20261129_000045_rectification_owned_by_the_unit;
mod m20261129_000046_inspections_by_when_planned;
mod m20261129_000047_identity_changes_announced;

/// Every migration of the system, in order.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261127_000001_create_organizations::Migration),
            Box::new(m20261127_000002_create_users::Migration),
            Box::new(m20261127_000003_create_rounds::Migration),
            Box::new(m20261127_000004_create_role_assignments::Migration),
            Box::new(m20261127_000005_create_experts::Migration),
            Box::new(m20261127_000006_create_expert_conflicts::Migration),
            Box::new(m20261127_000007_create_inspections::Migration),
            Box::new(m20261127_000008_create_roster_entries::Migration),
            Box::new(m20261127_000009_create_petitions::Migration),
            Box::new(m20261127_000010_create_findings::Migration),
            Box::new(m20261127_000011_create_clues::Migration),
            Box::new(m20261127_000012_create_clue_persons::Migration),
            Box::new(m20261127_000013_create_recommendations::Migration),
            Box::new(m20261127_000014_create_recommendation_findings::Migration),
            Box::new(m20261127_000015_create_reports::Migration),
            Box::new(m20261127_000016_create_feedbacks::Migration),
            Box::new(m20261127_000017_create_access_log::Migration),
            Box::new(m20261127_000018_add_users_tokens_valid_after::Migration),
            Box::new(m20261127_000019_add_users_is_service::Migration),
            Box::new(m20261127_000020_create_referrals::Migration),
            Box::new(m20261127_000021_create_dispositions::Migration),
            Box::new(m20261127_000022_create_idempotency_keys::Migration),
            Box::new(m20261127_000023_create_change_counters::Migration),
            Box::new(m20261127_000024_create_rectification_tasks::Migration),
            Box::new(m20261127_000025_create_progress_reports::Migration),
            Box::new(m20261127_000026_idempotency_keys_unique_key::Migration),
            Box::new(m20261127_000027_create_regulations::Migration),
            Box::new(m20261127_000028_create_interviews::Migration),
            Box::new(m20261127_000029_create_accountability_records::Migration),
            Box::new(m20261127_000030_create_evidence_files::Migration),
            Box::new(m20261128_000031_access_log_kind_names::Migration),
            Box::new(m20261128_000032_users_session_generation::Migration),
            Box::new(m20261128_000033_create_login_attempts::Migration),
            Box::new(m20261128_000034_create_terms::Migration),
            Box::new(m20261128_000035_organizations_parent::Migration),
            Box::new(m20261128_000036_inspection_kinds_and_channels::Migration),
            Box::new(m20261128_000037_create_hearings_and_decisions::Migration),
            Box::new(m20261128_000038_principal_feedback::Migration),
            Box::new(m20261128_000039_petition_handling::Migration),
            Box::new(m20261128_000040_experts_accounts::Migration),
            Box::new(m20261128_000041_referrals_by_competence::Migration),
            Box::new(m20261129_000042_text_in_code_point_order::Migration),
            Box::new(m20261129_000043_corrections::Migration),
            Box::new(m20261129_000044_corrections_of_sessions_and_petitions::Migration),
            Box::new(m20261129_000045_rectification_owned_by_the_unit::Migration),
            Box::new(m20261129_000046_inspections_by_when_planned::Migration),
            Box::new(m20261129_000047_identity_changes_announced::Migration),
        ]
    }
}

/// Column and table names shared by several migrations.
#[derive(DeriveIden)]
pub(crate) enum Organizations {
    Table,
    Id,
}

/// Column and table names shared by several migrations.
#[derive(DeriveIden)]
pub(crate) enum Rounds {
    Table,
    Id,
}

/// Column and table names shared by several migrations.
#[derive(DeriveIden)]
pub(crate) enum Experts {
    Table,
    Id,
}

/// Column and table names shared by several migrations.
#[derive(DeriveIden)]
pub(crate) enum Users {
    Table,
    Id,
}

/// Adds a foreign key from a column added to an existing table, on PostgreSQL. SQLite cannot add
/// a constraint to an existing table; there the API keeps the reference (it writes the column only
/// with an id it has read).
pub(crate) async fn only_on_postgres_reference(
    manager: &SchemaManager<'_>,
    table: &str,
    column: &str,
    referenced: &str,
) -> Result<(), DbErr> {
    if manager.get_database_backend() != sea_orm::DatabaseBackend::Postgres {
        return Ok(());
    }
    manager
        .get_connection()
        .execute_unprepared(&format!(
            "ALTER TABLE {table} ADD CONSTRAINT fk_{table}_{column} FOREIGN KEY ({column}) REFERENCES {referenced} (id)"
        ))
        .await
        .map(|_| ())
}

/// The three bookkeeping columns of every table whose rows change.
pub(crate) fn stamps(table: &mut TableCreateStatement) -> &mut TableCreateStatement {
    table
        .col(sea_orm_migration::schema::timestamp_with_time_zone(Stamp::CreatedAt))
        .col(sea_orm_migration::schema::timestamp_with_time_zone(Stamp::UpdatedAt))
        .col(sea_orm_migration::schema::integer(Stamp::Version).default(1))
}

#[derive(DeriveIden)]
enum Stamp {
    CreatedAt,
    UpdatedAt,
    Version,
}
