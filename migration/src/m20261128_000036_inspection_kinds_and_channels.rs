//! Inspections get their kind (常规, 专项, 机动, 回头看, 提级, 延伸, 联动) with what each kind links
//! to, and the channels the team publishes for petitions on stationing. Existing inspections are
//! regular ones.

use sea_orm_migration::{prelude::*, schema::*};

use crate::only_on_postgres_reference;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261128_000036_inspection_kinds_and_channels"
    }
}

#[derive(DeriveIden)]
enum Inspections {
    Table,
    Kind,
    Theme,
    FollowsInspectionId,
    ParentInspectionId,
    JointWith,
    NoticeFrom,
    NoticeUntil,
    ChannelTelephone,
    ChannelMailbox,
    ChannelAddress,
    ChannelsPublishedAt,
}

fn columns() -> Vec<ColumnDef> {
    vec![
        string_len(Inspections::Kind, 16).default("REGULAR").to_owned(),
        text_null(Inspections::Theme),
        integer_null(Inspections::FollowsInspectionId),
        integer_null(Inspections::ParentInspectionId),
        text_null(Inspections::JointWith),
        date_null(Inspections::NoticeFrom),
        date_null(Inspections::NoticeUntil),
        string_len_null(Inspections::ChannelTelephone, 64),
        string_len_null(Inspections::ChannelMailbox, 200),
        string_len_null(Inspections::ChannelAddress, 200),
        timestamp_with_time_zone_null(Inspections::ChannelsPublishedAt),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for mut column in columns() {
            manager.alter_table(Table::alter().table(Inspections::Table).add_column(&mut column).to_owned()).await?;
        }
        only_on_postgres_reference(manager, "inspections", "follows_inspection_id", "inspections").await?;
        only_on_postgres_reference(manager, "inspections", "parent_inspection_id", "inspections").await?;
        for (name, column) in [
            ("idx_inspections_follows", Inspections::FollowsInspectionId),
            ("idx_inspections_parent", Inspections::ParentInspectionId),
        ] {
            manager.create_index(Index::create().name(name).table(Inspections::Table).col(column).to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for name in ["idx_inspections_follows", "idx_inspections_parent"] {
            manager.drop_index(Index::drop().name(name).table(Inspections::Table).to_owned()).await?;
        }
        for column in [
            Inspections::Kind,
            Inspections::Theme,
            Inspections::FollowsInspectionId,
            Inspections::ParentInspectionId,
            Inspections::JointWith,
            Inspections::NoticeFrom,
            Inspections::NoticeUntil,
            Inspections::ChannelTelephone,
            Inspections::ChannelMailbox,
            Inspections::ChannelAddress,
            Inspections::ChannelsPublishedAt,
        ] {
            manager.alter_table(Table::alter().table(Inspections::Table).drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}
