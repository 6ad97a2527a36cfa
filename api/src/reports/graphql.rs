//! The report in the schema.

use async_graphql::{ComplexObject, Context, ID, InputObject, Object, SimpleObject};
use entities::{RecordKind, report};

use super::service;
use crate::{
    error::ApiResult,
    graphql::{
        Object as ApiObject,
        context::request,
        id,
        loader::required,
        scalars::{DateTime, Stamps},
    },
    inspections::graphql::Inspection,
};

/// The team's report to the leadership group (巡察报告). Never shown to the unit.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct Report {
    /// Global id.
    pub id: ID,
    /// The text.
    pub body: String,
    /// When the team leader submitted it; null while a draft.
    pub submitted_at: Option<DateTime>,
    /// When it was made and last changed, and its version.
    #[graphql(flatten)]
    pub stamps: Stamps,
    #[graphql(skip)]
    inspection_id: i32,
}

impl From<report::Model> for Report {
    fn from(m: report::Model) -> Self {
        Report {
            id: id::encode(RecordKind::Report, m.id),
            body: m.body,
            submitted_at: m.submitted_at.map(Into::into),
            stamps: Stamps::new(m.created_at, m.updated_at, m.version),
            inspection_id: m.inspection_id,
        }
    }
}

impl ApiObject for Report {
    type Guard = report::Entity;
}

#[ComplexObject]
impl Report {
    /// The inspection.
    async fn inspection(&self, ctx: &Context<'_>) -> ApiResult<Inspection> {
        required(ctx, self.inspection_id).await
    }
}

/// Input of `saveReport`.
#[derive(InputObject)]
pub struct SaveReportInput {
    /// The inspection (stationed, of the caller's team).
    pub inspection_id: ID,
    /// The text (at most 50,000 characters); replaces the draft.
    pub body: String,
}

/// Result of `saveReport`.
#[derive(SimpleObject)]
pub struct SaveReportPayload {
    /// The report as saved.
    pub report: Report,
}

/// Input of `submitInspectionReport`.
#[derive(InputObject)]
pub struct SubmitInspectionReportInput {
    /// The inspection (stationed, with its report and both feedback documents written).
    pub id: ID,
    /// The version last seen; a different current version is `CONFLICT`.
    pub version: Option<i32>,
}

/// Result of `submitInspectionReport`.
#[derive(SimpleObject)]
pub struct SubmitInspectionReportPayload {
    /// The inspection, now `REPORTED`.
    pub inspection: Inspection,
}

/// Report mutations.
#[derive(Default)]
pub struct ReportMutation;

#[Object]
impl ReportMutation {
    /// Writes the report to the leadership group (the inspection's team, while stationed).
    async fn save_report(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: SaveReportInput,
    ) -> ApiResult<SaveReportPayload> {
        let rc = request(ctx)?;
        let inspection_id = id::decode_as("inspectionId", &input.inspection_id, RecordKind::Inspection)?;
        Ok(SaveReportPayload {
            report: service::save_report(&rc.db, &rc.access, inspection_id, &input.body).await?.into(),
        })
    }

    /// Submits the report and both feedback documents to the leadership group: `STATIONED` →
    /// `REPORTED` (the team leader). The leadership group then hears it (`recordHearing`), and may
    /// return it for revision.
    async fn submit_inspection_report(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: SubmitInspectionReportInput,
    ) -> ApiResult<SubmitInspectionReportPayload> {
        let rc = request(ctx)?;
        let inspection_id = id::decode_as("id", &input.id, RecordKind::Inspection)?;
        Ok(SubmitInspectionReportPayload {
            inspection: service::submit(&rc.db, &rc.access, inspection_id, input.version).await?.into(),
        })
    }
}
