//! 双反馈: the feedback to the unit's principal leader, given separately from the feedback to its
//! leadership team, and the mark of the unit leader who is the principal leader.

use sea_orm_migration::{prelude::*, schema::*};

use crate::stamps;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261128_000038_principal_feedback"
    }
}

#[derive(DeriveIden)]
enum PrincipalFeedbacks {
    Table,
    Id,
    InspectionId,
    Body,
    ReleasedAt,
}

#[derive(DeriveIden)]
enum RoleAssignments {
    Table,
    IsPrincipal,
}

use crate::m20261127_000007_create_inspections::Inspections;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut table = Table::create();
        table
            .table(PrincipalFeedbacks::Table)
            .col(pk_auto(PrincipalFeedbacks::Id))
            .col(integer_uniq(PrincipalFeedbacks::InspectionId))
            .col(text(PrincipalFeedbacks::Body))
            .col(timestamp_with_time_zone_null(PrincipalFeedbacks::ReleasedAt))
            .foreign_key(
                ForeignKey::create()
                    .from(PrincipalFeedbacks::Table, PrincipalFeedbacks::InspectionId)
                    .to(Inspections::Table, Inspections::Id),
            );
        manager.create_table(stamps(&mut table).to_owned()).await?;
        manager
            .alter_table(
                Table::alter()
                    .table(RoleAssignments::Table)
                    .add_column(boolean(RoleAssignments::IsPrincipal).default(false))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter().table(RoleAssignments::Table).drop_column(RoleAssignments::IsPrincipal).to_owned(),
            )
            .await?;
        manager.drop_table(Table::drop().table(PrincipalFeedbacks::Table).to_owned()).await
    }
}
