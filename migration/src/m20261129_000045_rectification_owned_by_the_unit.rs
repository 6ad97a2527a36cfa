//! The unit owns its rectification: its plan with the three lists and the versions it submitted,
//! its two-month reports and the public version, the supervising agencies' notes, the round's
//! circulation; tasks gain the plan's measures and responsible leader, long-term tasks, and the
//! follow-up inspection that reopened them.

use sea_orm_migration::{prelude::*, schema::*};

use crate::{Organizations, Rounds, Users, m20261127_000007_create_inspections::Inspections, stamps};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261129_000045_rectification_owned_by_the_unit"
    }
}

#[derive(DeriveIden)]
enum RectificationPlans {
    Table,
    Id,
    InspectionId,
    Status,
    Summary,
    DueOn,
    SubmittedAt,
    ApprovedAt,
    OfficeComment,
    SubmissionCount,
    Grade,
    EvaluationReasons,
    EvaluatedAt,
}

#[derive(DeriveIden)]
enum RectificationPlanItems {
    Table,
    Id,
    PlanId,
    InspectionId,
    FindingId,
    RecommendationId,
    Problem,
    Content,
    Measures,
    ResponsibleLeader,
    ResponsiblePerson,
    Deadline,
    LongTerm,
    TaskId,
}

#[derive(DeriveIden)]
enum RectificationPlanVersions {
    Table,
    Id,
    PlanId,
    InspectionId,
    Number,
    Summary,
    Items,
    SubmittedAt,
    SubmittedBy,
    Outcome,
    Comment,
    DecidedAt,
}

#[derive(DeriveIden)]
enum RectificationReports {
    Table,
    Id,
    InspectionId,
    Kind,
    Status,
    Body,
    DueOn,
    SubmittedAt,
    DecidedAt,
    OfficeComment,
    PublishedAt,
}

#[derive(DeriveIden)]
enum SupervisionNotes {
    Table,
    Id,
    InspectionId,
    TaskId,
    AgencyId,
    SignedBy,
    Body,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Circulations {
    Table,
    Id,
    RoundId,
    Body,
    CirculatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum RectificationTasks {
    Table,
    Measures,
    ResponsibleLeader,
    LongTerm,
    ReopenCount,
    ReopenReason,
    ReopenedAt,
    ReopenedByInspectionId,
}

fn to_inspection<T: IntoIden>(table: T, column: T) -> ForeignKeyCreateStatement {
    ForeignKey::create().from(table, column).to(Inspections::Table, Inspections::Id).to_owned()
}

async fn index(
    manager: &SchemaManager<'_>,
    name: &str,
    table: impl IntoIden,
    column: impl IntoIden,
) -> Result<(), DbErr> {
    manager.create_index(Index::create().name(name).table(table).col(column).to_owned()).await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut plans = Table::create();
        plans
            .table(RectificationPlans::Table)
            .col(pk_auto(RectificationPlans::Id))
            .col(integer_uniq(RectificationPlans::InspectionId))
            .col(string_len(RectificationPlans::Status, 16))
            .col(text(RectificationPlans::Summary))
            .col(date(RectificationPlans::DueOn))
            .col(timestamp_with_time_zone_null(RectificationPlans::SubmittedAt))
            .col(timestamp_with_time_zone_null(RectificationPlans::ApprovedAt))
            .col(text_null(RectificationPlans::OfficeComment))
            .col(integer(RectificationPlans::SubmissionCount).default(0))
            .col(string_len_null(RectificationPlans::Grade, 16))
            .col(text_null(RectificationPlans::EvaluationReasons))
            .col(timestamp_with_time_zone_null(RectificationPlans::EvaluatedAt))
            .foreign_key(&mut to_inspection(RectificationPlans::Table, RectificationPlans::InspectionId));
        manager.create_table(stamps(&mut plans).to_owned()).await?;

        let mut items = Table::create();
        items
            .table(RectificationPlanItems::Table)
            .col(pk_auto(RectificationPlanItems::Id))
            .col(integer(RectificationPlanItems::PlanId))
            .col(integer(RectificationPlanItems::InspectionId))
            .col(integer_null(RectificationPlanItems::FindingId))
            .col(integer(RectificationPlanItems::RecommendationId))
            .col(text(RectificationPlanItems::Problem))
            .col(text(RectificationPlanItems::Content))
            .col(text(RectificationPlanItems::Measures))
            .col(string_len(RectificationPlanItems::ResponsibleLeader, 100))
            .col(string_len(RectificationPlanItems::ResponsiblePerson, 100))
            .col(date(RectificationPlanItems::Deadline))
            .col(boolean(RectificationPlanItems::LongTerm).default(false))
            .col(integer_null(RectificationPlanItems::TaskId))
            .foreign_key(
                ForeignKey::create()
                    .from(RectificationPlanItems::Table, RectificationPlanItems::PlanId)
                    .to(RectificationPlans::Table, RectificationPlans::Id),
            )
            .foreign_key(&mut to_inspection(RectificationPlanItems::Table, RectificationPlanItems::InspectionId));
        manager.create_table(stamps(&mut items).to_owned()).await?;
        index(
            manager,
            "idx_rectification_plan_items_plan",
            RectificationPlanItems::Table,
            RectificationPlanItems::PlanId,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(RectificationPlanVersions::Table)
                    .col(pk_auto(RectificationPlanVersions::Id))
                    .col(integer(RectificationPlanVersions::PlanId))
                    .col(integer(RectificationPlanVersions::InspectionId))
                    .col(integer(RectificationPlanVersions::Number))
                    .col(text(RectificationPlanVersions::Summary))
                    .col(text(RectificationPlanVersions::Items))
                    .col(timestamp_with_time_zone(RectificationPlanVersions::SubmittedAt))
                    .col(integer(RectificationPlanVersions::SubmittedBy))
                    .col(string_len_null(RectificationPlanVersions::Outcome, 16))
                    .col(text_null(RectificationPlanVersions::Comment))
                    .col(timestamp_with_time_zone_null(RectificationPlanVersions::DecidedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(RectificationPlanVersions::Table, RectificationPlanVersions::PlanId)
                            .to(RectificationPlans::Table, RectificationPlans::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(RectificationPlanVersions::Table, RectificationPlanVersions::SubmittedBy)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_rectification_plan_versions_plan",
            RectificationPlanVersions::Table,
            RectificationPlanVersions::PlanId,
        )
        .await?;

        let mut reports = Table::create();
        reports
            .table(RectificationReports::Table)
            .col(pk_auto(RectificationReports::Id))
            .col(integer(RectificationReports::InspectionId))
            .col(string_len(RectificationReports::Kind, 16))
            .col(string_len(RectificationReports::Status, 16))
            .col(text(RectificationReports::Body))
            .col(date_null(RectificationReports::DueOn))
            .col(timestamp_with_time_zone_null(RectificationReports::SubmittedAt))
            .col(timestamp_with_time_zone_null(RectificationReports::DecidedAt))
            .col(text_null(RectificationReports::OfficeComment))
            .col(timestamp_with_time_zone_null(RectificationReports::PublishedAt))
            .foreign_key(&mut to_inspection(RectificationReports::Table, RectificationReports::InspectionId));
        manager.create_table(stamps(&mut reports).to_owned()).await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_rectification_reports_inspection_kind")
                    .table(RectificationReports::Table)
                    .col(RectificationReports::InspectionId)
                    .col(RectificationReports::Kind)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(SupervisionNotes::Table)
                    .col(pk_auto(SupervisionNotes::Id))
                    .col(integer(SupervisionNotes::InspectionId))
                    .col(integer_null(SupervisionNotes::TaskId))
                    .col(integer(SupervisionNotes::AgencyId))
                    .col(string_len(SupervisionNotes::SignedBy, 200))
                    .col(text(SupervisionNotes::Body))
                    .col(integer(SupervisionNotes::CreatedBy))
                    .col(timestamp_with_time_zone(SupervisionNotes::CreatedAt))
                    .foreign_key(&mut to_inspection(SupervisionNotes::Table, SupervisionNotes::InspectionId))
                    .foreign_key(
                        ForeignKey::create()
                            .from(SupervisionNotes::Table, SupervisionNotes::AgencyId)
                            .to(Organizations::Table, Organizations::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(SupervisionNotes::Table, SupervisionNotes::CreatedBy)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        index(manager, "idx_supervision_notes_inspection", SupervisionNotes::Table, SupervisionNotes::InspectionId)
            .await?;
        index(manager, "idx_supervision_notes_task", SupervisionNotes::Table, SupervisionNotes::TaskId).await?;

        manager
            .create_table(
                Table::create()
                    .table(Circulations::Table)
                    .col(pk_auto(Circulations::Id))
                    .col(integer(Circulations::RoundId))
                    .col(text(Circulations::Body))
                    .col(integer(Circulations::CirculatedBy))
                    .col(timestamp_with_time_zone(Circulations::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Circulations::Table, Circulations::RoundId)
                            .to(Rounds::Table, Rounds::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Circulations::Table, Circulations::CirculatedBy)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;

        for mut column in [
            text_null(RectificationTasks::Measures).to_owned(),
            string_len_null(RectificationTasks::ResponsibleLeader, 100).to_owned(),
            boolean(RectificationTasks::LongTerm).default(false).to_owned(),
            integer(RectificationTasks::ReopenCount).default(0).to_owned(),
            text_null(RectificationTasks::ReopenReason).to_owned(),
            timestamp_with_time_zone_null(RectificationTasks::ReopenedAt).to_owned(),
            integer_null(RectificationTasks::ReopenedByInspectionId).to_owned(),
        ] {
            manager
                .alter_table(Table::alter().table(RectificationTasks::Table).add_column(&mut column).to_owned())
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            RectificationTasks::Measures,
            RectificationTasks::ResponsibleLeader,
            RectificationTasks::LongTerm,
            RectificationTasks::ReopenCount,
            RectificationTasks::ReopenReason,
            RectificationTasks::ReopenedAt,
            RectificationTasks::ReopenedByInspectionId,
        ] {
            manager.alter_table(Table::alter().table(RectificationTasks::Table).drop_column(column).to_owned()).await?;
        }
        manager.drop_table(Table::drop().table(Circulations::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(SupervisionNotes::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(RectificationReports::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(RectificationPlanVersions::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(RectificationPlanItems::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(RectificationPlans::Table).to_owned()).await
    }
}
