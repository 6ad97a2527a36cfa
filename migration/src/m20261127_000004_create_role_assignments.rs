//! Role assignments: a user holds a role in an organisation, a team role possibly bounded to a round.

use sea_orm_migration::{prelude::*, schema::*};

use crate::{Organizations, Rounds, Users};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261127_000004_create_role_assignments"
    }
}

#[derive(DeriveIden)]
enum RoleAssignments {
    Table,
    Id,
    UserId,
    Role,
    OrganizationId,
    RoundId,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(RoleAssignments::Table)
                    .col(pk_auto(RoleAssignments::Id))
                    .col(integer(RoleAssignments::UserId))
                    .col(string_len(RoleAssignments::Role, 32))
                    .col(integer(RoleAssignments::OrganizationId))
                    .col(integer_null(RoleAssignments::RoundId))
                    .col(timestamp_with_time_zone(RoleAssignments::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(RoleAssignments::Table, RoleAssignments::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(RoleAssignments::Table, RoleAssignments::OrganizationId)
                            .to(Organizations::Table, Organizations::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(RoleAssignments::Table, RoleAssignments::RoundId)
                            .to(Rounds::Table, Rounds::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_role_assignments_user")
                    .table(RoleAssignments::Table)
                    .col(RoleAssignments::UserId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(RoleAssignments::Table).to_owned()).await
    }
}
