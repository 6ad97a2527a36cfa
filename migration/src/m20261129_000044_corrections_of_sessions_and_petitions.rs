//! Corrections, continued: interview sessions gain a `version` and, with petitions, the withdrawal
//! stamp (when, by whom, why) of the records withdrawn instead of deleted.

use sea_orm_migration::{prelude::*, schema::*};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261129_000044_corrections_of_sessions_and_petitions"
    }
}

#[derive(DeriveIden)]
enum Correctable {
    Version,
    WithdrawnAt,
    WithdrawnBy,
    WithdrawalReason,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for mut column in [
            integer(Correctable::Version).default(1).to_owned(),
            timestamp_with_time_zone_null(Correctable::WithdrawnAt),
            integer_null(Correctable::WithdrawnBy),
            text_null(Correctable::WithdrawalReason),
        ] {
            manager
                .alter_table(Table::alter().table(Alias::new("interview_sessions")).add_column(&mut column).to_owned())
                .await?;
        }
        for mut column in [
            timestamp_with_time_zone_null(Correctable::WithdrawnAt),
            integer_null(Correctable::WithdrawnBy),
            text_null(Correctable::WithdrawalReason),
        ] {
            manager
                .alter_table(Table::alter().table(Alias::new("petitions")).add_column(&mut column).to_owned())
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [Correctable::WithdrawnAt, Correctable::WithdrawnBy, Correctable::WithdrawalReason] {
            manager.alter_table(Table::alter().table(Alias::new("petitions")).drop_column(column).to_owned()).await?;
        }
        for column in
            [Correctable::Version, Correctable::WithdrawnAt, Correctable::WithdrawnBy, Correctable::WithdrawalReason]
        {
            manager
                .alter_table(Table::alter().table(Alias::new("interview_sessions")).drop_column(column).to_owned())
                .await?;
        }
        Ok(())
    }
}
