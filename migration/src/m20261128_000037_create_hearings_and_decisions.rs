//! The decisions before the feedback: a round's comprehensive report (综合报告), the leadership
//! group's hearings (听取汇报) of an inspection's or a round's report, and the district committee's
//! decisions (书记专题会) on them.

use sea_orm_migration::{prelude::*, schema::*};

use crate::{Rounds, Users, stamps};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261128_000037_create_hearings_and_decisions"
    }
}

#[derive(DeriveIden)]
enum RoundReports {
    Table,
    Id,
    RoundId,
    Body,
    Status,
    SubmittedAt,
}

#[derive(DeriveIden)]
enum Hearings {
    Table,
    Id,
    InspectionId,
    RoundReportId,
    HeardOn,
    Opinion,
    ProposedHandling,
    Outcome,
    RecordedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Decisions {
    Table,
    Id,
    InspectionId,
    RoundReportId,
    DecidedOn,
    Text,
    RecordedBy,
    CreatedAt,
}

use crate::m20261127_000007_create_inspections::Inspections;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut table = Table::create();
        table
            .table(RoundReports::Table)
            .col(pk_auto(RoundReports::Id))
            .col(integer_uniq(RoundReports::RoundId))
            .col(text(RoundReports::Body))
            .col(string_len(RoundReports::Status, 16))
            .col(timestamp_with_time_zone_null(RoundReports::SubmittedAt))
            .foreign_key(
                ForeignKey::create().from(RoundReports::Table, RoundReports::RoundId).to(Rounds::Table, Rounds::Id),
            );
        manager.create_table(stamps(&mut table).to_owned()).await?;
        manager
            .create_table(
                Table::create()
                    .table(Hearings::Table)
                    .col(pk_auto(Hearings::Id))
                    .col(integer_null(Hearings::InspectionId))
                    .col(integer_null(Hearings::RoundReportId))
                    .col(date(Hearings::HeardOn))
                    .col(text(Hearings::Opinion))
                    .col(text(Hearings::ProposedHandling))
                    .col(string_len(Hearings::Outcome, 16))
                    .col(integer(Hearings::RecordedBy))
                    .col(timestamp_with_time_zone(Hearings::CreatedAt))
                    .check(Expr::cust("(inspection_id IS NULL) <> (round_report_id IS NULL)"))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Hearings::Table, Hearings::InspectionId)
                            .to(Inspections::Table, Inspections::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Hearings::Table, Hearings::RoundReportId)
                            .to(RoundReports::Table, RoundReports::Id),
                    )
                    .foreign_key(
                        ForeignKey::create().from(Hearings::Table, Hearings::RecordedBy).to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, column) in [
            ("idx_hearings_inspection", Hearings::InspectionId),
            ("idx_hearings_round_report", Hearings::RoundReportId),
        ] {
            manager.create_index(Index::create().name(name).table(Hearings::Table).col(column).to_owned()).await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(Decisions::Table)
                    .col(pk_auto(Decisions::Id))
                    .col(integer_null(Decisions::InspectionId).unique_key())
                    .col(integer_null(Decisions::RoundReportId).unique_key())
                    .col(date(Decisions::DecidedOn))
                    .col(text(Decisions::Text))
                    .col(integer(Decisions::RecordedBy))
                    .col(timestamp_with_time_zone(Decisions::CreatedAt))
                    .check(Expr::cust("(inspection_id IS NULL) <> (round_report_id IS NULL)"))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Decisions::Table, Decisions::InspectionId)
                            .to(Inspections::Table, Inspections::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Decisions::Table, Decisions::RoundReportId)
                            .to(RoundReports::Table, RoundReports::Id),
                    )
                    .foreign_key(
                        ForeignKey::create().from(Decisions::Table, Decisions::RecordedBy).to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Decisions::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(Hearings::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(RoundReports::Table).to_owned()).await
    }
}
