//! Villages and communities (村、社区) under their township or street: an organisation's parent.

use sea_orm_migration::{prelude::*, schema::*};

use crate::{Organizations, only_on_postgres_reference};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261128_000035_organizations_parent"
    }
}

#[derive(DeriveIden)]
enum Organization {
    ParentId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter().table(Organizations::Table).add_column(integer_null(Organization::ParentId)).to_owned(),
            )
            .await?;
        only_on_postgres_reference(manager, "organizations", "parent_id", "organizations").await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_organizations_parent")
                    .table(Organizations::Table)
                    .col(Organization::ParentId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(Index::drop().name("idx_organizations_parent").table(Organizations::Table).to_owned())
            .await?;
        manager
            .alter_table(Table::alter().table(Organizations::Table).drop_column(Organization::ParentId).to_owned())
            .await
    }
}
