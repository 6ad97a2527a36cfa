//! Referrals (移交) of approved clues to partner agencies, and what the agencies report back.

use sea_orm_migration::{prelude::*, schema::*};

#[allow(unused_imports)]
use crate::{Organizations, Users, stamps};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261127_000020_create_referrals"
    }
}

#[derive(DeriveIden)]
pub(crate) enum Referrals {
    Table,
    Id,
    ClueId,
    AgencyId,
    Status,
    Deadline,
    AllegedViolation,
    Evidence,
    Persons,
    DisposalMethod,
    CaseFiledOn,
    Conclusion,
    AcknowledgedAt,
    ConcludedAt,
    ChangeSeq,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut table = Table::create();
        table
            .table(Referrals::Table)
            .col(pk_auto(Referrals::Id))
            .col(integer(Referrals::ClueId))
            .col(integer(Referrals::AgencyId))
            .col(string_len(Referrals::Status, 32))
            .col(date(Referrals::Deadline))
            .col(text(Referrals::AllegedViolation))
            .col(text(Referrals::Evidence))
            .col(text(Referrals::Persons))
            .col(string_len_null(Referrals::DisposalMethod, 32))
            .col(date_null(Referrals::CaseFiledOn))
            .col(text_null(Referrals::Conclusion))
            .col(timestamp_with_time_zone_null(Referrals::AcknowledgedAt))
            .col(timestamp_with_time_zone_null(Referrals::ConcludedAt))
            .col(big_integer(Referrals::ChangeSeq))
            .foreign_key(ForeignKey::create().from(Referrals::Table, Referrals::ClueId).to(
                crate::m20261127_000011_create_clues::Clues::Table,
                crate::m20261127_000011_create_clues::Clues::Id,
            ))
            .foreign_key(
                ForeignKey::create()
                    .from(Referrals::Table, Referrals::AgencyId)
                    .to(Organizations::Table, Organizations::Id),
            );
        manager.create_table(stamps(&mut table).to_owned()).await?;
        manager
            .create_index(
                Index::create().name("idx_referrals_clue").table(Referrals::Table).col(Referrals::ClueId).to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_referrals_agency")
                    .table(Referrals::Table)
                    .col(Referrals::AgencyId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_referrals_change_seq")
                    .table(Referrals::Table)
                    .col(Referrals::ChangeSeq)
                    .unique()
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Referrals::Table).to_owned()).await
    }
}
