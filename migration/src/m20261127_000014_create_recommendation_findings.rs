//! Which findings each recommendation answers.

use sea_orm_migration::{prelude::*, schema::*};

#[allow(unused_imports)]
use crate::{Organizations, Users, stamps};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261127_000014_create_recommendation_findings"
    }
}

#[derive(DeriveIden)]
pub(crate) enum RecommendationFindings {
    Table,
    RecommendationId,
    FindingId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(RecommendationFindings::Table)
                    .col(integer(RecommendationFindings::RecommendationId))
                    .col(integer(RecommendationFindings::FindingId))
                    .primary_key(
                        Index::create()
                            .col(RecommendationFindings::RecommendationId)
                            .col(RecommendationFindings::FindingId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(RecommendationFindings::Table, RecommendationFindings::RecommendationId)
                            .to(
                                crate::m20261127_000013_create_recommendations::Recommendations::Table,
                                crate::m20261127_000013_create_recommendations::Recommendations::Id,
                            )
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(RecommendationFindings::Table, RecommendationFindings::FindingId)
                            .to(
                                crate::m20261127_000010_create_findings::Findings::Table,
                                crate::m20261127_000010_create_findings::Findings::Id,
                            )
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_recommendation_findings_finding")
                    .table(RecommendationFindings::Table)
                    .col(RecommendationFindings::FindingId)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(RecommendationFindings::Table).to_owned()).await
    }
}
