//! Dispositions (处理) decided by an agency for persons named in a referral.

use sea_orm_migration::{prelude::*, schema::*};

#[allow(unused_imports)]
use crate::{Organizations, Users, stamps};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261127_000021_create_dispositions"
    }
}

#[derive(DeriveIden)]
pub(crate) enum Dispositions {
    Table,
    Id,
    ReferralId,
    PersonName,
    Rank,
    Measure,
    DecidedOn,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Dispositions::Table)
                    .col(pk_auto(Dispositions::Id))
                    .col(integer(Dispositions::ReferralId))
                    .col(string_len(Dispositions::PersonName, 100))
                    .col(string_len(Dispositions::Rank, 32))
                    .col(string_len(Dispositions::Measure, 48))
                    .col(date(Dispositions::DecidedOn))
                    .col(timestamp_with_time_zone(Dispositions::CreatedAt))
                    .foreign_key(ForeignKey::create().from(Dispositions::Table, Dispositions::ReferralId).to(
                        crate::m20261127_000020_create_referrals::Referrals::Table,
                        crate::m20261127_000020_create_referrals::Referrals::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_dispositions_referral")
                    .table(Dispositions::Table)
                    .col(Dispositions::ReferralId)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Dispositions::Table).to_owned()).await
    }
}
