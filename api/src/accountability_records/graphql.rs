//! Accountability records in the schema.

use async_graphql::{ComplexObject, Context, ID, InputObject, Object, SimpleObject};
use entities::{RecordKind, accountability_record};

use super::service;
use crate::{
    error::ApiResult,
    graphql::{
        connection::{connection, page_request},
        context::request,
        enums::{AccountabilityTarget, PersonRank},
        id,
        loader::{optional, required},
        scalars::{Date, DateTime},
    },
    inspections::graphql::Inspection,
    organizations::graphql::Organization,
};

/// An accountability record (问责): what was decided about a person or a unit on an inspection's
/// results, and where it counts.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct AccountabilityRecord {
    /// Global id.
    pub id: ID,
    /// A person or the unit.
    pub target: AccountabilityTarget,
    /// The person's name; null for a unit.
    pub person_name: Option<String>,
    /// The person's rank; null for a unit.
    pub person_rank: Option<PersonRank>,
    /// What was decided.
    pub decision: String,
    /// The day it was decided.
    pub decided_on: Date,
    /// Entered into the person's file (记入个人档案).
    pub in_personal_file: bool,
    /// Counted in the unit's annual assessment (纳入年度考核).
    pub in_annual_assessment: bool,
    /// The annual assessment is vetoed (一票否决).
    pub assessment_veto: bool,
    /// When it was recorded.
    pub created_at: DateTime,
    #[graphql(skip)]
    row: accountability_record::Model,
}

impl crate::graphql::Object for AccountabilityRecord {
    type Guard = accountability_record::Entity;
}

impl From<accountability_record::Model> for AccountabilityRecord {
    fn from(m: accountability_record::Model) -> Self {
        AccountabilityRecord {
            id: id::encode(RecordKind::AccountabilityRecord, m.id),
            target: m.target.into(),
            person_name: m.person_name.clone(),
            person_rank: m.person_rank.map(Into::into),
            decision: m.decision.clone(),
            decided_on: m.decided_on.into(),
            in_personal_file: m.in_personal_file,
            in_annual_assessment: m.in_annual_assessment,
            assessment_veto: m.assessment_veto,
            created_at: m.created_at.into(),
            row: m,
        }
    }
}

#[ComplexObject]
impl AccountabilityRecord {
    /// The inspection whose results led to it (null if the caller may not see it).
    async fn inspection(&self, ctx: &Context<'_>) -> ApiResult<Option<Inspection>> {
        optional(ctx, Some(self.row.inspection_id)).await
    }
    /// The unit concerned.
    async fn unit(&self, ctx: &Context<'_>) -> ApiResult<Organization> {
        required(ctx, self.row.unit_id).await
    }
}

connection!(
    AccountabilityRecordConnection,
    AccountabilityRecordEdge,
    AccountabilityRecord,
    "A page of accountability records."
);

/// Narrows the accountability records.
#[derive(InputObject, Default)]
pub struct AccountabilityRecordFilter {
    /// Only this inspection's.
    pub inspection_id: Option<ID>,
    /// Only records about this unit or its people.
    pub unit_id: Option<ID>,
    /// Only records about persons, or only about units.
    pub target: Option<AccountabilityTarget>,
}

/// Accountability queries.
#[derive(Default)]
pub struct AccountabilityRecordQuery;

#[Object]
impl AccountabilityRecordQuery {
    /// Accountability records the caller may see, latest decision first: the office and the
    /// leadership group all, a team its own inspections', a unit those about itself.
    #[graphql(complexity = "first.unwrap_or(20).clamp(1, 100) as usize * child_complexity")]
    async fn accountability_records(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Rows wanted, 1 to 100 (default 20).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last row already seen.")] after: Option<String>,
        #[graphql(desc = "Narrows the list.")] filter: Option<AccountabilityRecordFilter>,
    ) -> ApiResult<AccountabilityRecordConnection> {
        let rc = request(ctx)?;
        let f = filter.unwrap_or_default();
        let filter = service::Filter {
            inspection_id: f
                .inspection_id
                .map(|i| id::decode_as("filter.inspectionId", &i, RecordKind::Inspection))
                .transpose()?,
            unit_id: f.unit_id.map(|u| id::decode_as("filter.unitId", &u, RecordKind::Organization)).transpose()?,
            target: f.target.map(Into::into),
        };
        let page = service::list(&rc.db, &rc.access, filter, &page_request(ctx, first, after)?).await?;
        Ok(AccountabilityRecordConnection(page.map(AccountabilityRecord::from)))
    }
}

/// Input of `recordAccountability`.
#[derive(InputObject)]
pub struct RecordAccountabilityInput {
    /// The inspection whose results led to it (reported or later).
    pub inspection_id: ID,
    /// A person or the unit.
    pub target: AccountabilityTarget,
    /// The person's name; required for a person, absent for a unit.
    pub person_name: Option<String>,
    /// The person's rank; required for a person, absent for a unit.
    pub person_rank: Option<PersonRank>,
    /// What was decided.
    pub decision: String,
    /// The day it was decided (not in the future).
    pub decided_on: Date,
    /// Entered into the person's file (persons only; default false).
    pub in_personal_file: Option<bool>,
    /// Counted in the unit's annual assessment (default false).
    pub in_annual_assessment: Option<bool>,
    /// The annual assessment is vetoed (needs `inAnnualAssessment`; default false).
    pub assessment_veto: Option<bool>,
}

/// Result of `recordAccountability`.
#[derive(SimpleObject)]
pub struct RecordAccountabilityPayload {
    /// The record.
    pub accountability_record: AccountabilityRecord,
}

/// Accountability mutations.
#[derive(Default)]
pub struct AccountabilityRecordMutation;

#[Object]
impl AccountabilityRecordMutation {
    /// Records an accountability decision on an inspection's results (the office).
    async fn record_accountability(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The decision; see the input type.")] input: RecordAccountabilityInput,
    ) -> ApiResult<RecordAccountabilityPayload> {
        let rc = request(ctx)?;
        let new = service::NewRecord {
            inspection_id: id::decode_as("inspectionId", &input.inspection_id, RecordKind::Inspection)?,
            target: input.target.into(),
            person_name: input.person_name,
            person_rank: input.person_rank.map(Into::into),
            decision: input.decision,
            decided_on: input.decided_on.0,
            in_personal_file: input.in_personal_file.unwrap_or(false),
            in_annual_assessment: input.in_annual_assessment.unwrap_or(false),
            assessment_veto: input.assessment_veto.unwrap_or(false),
        };
        Ok(RecordAccountabilityPayload {
            accountability_record: service::create(&rc.db, &rc.access, new).await?.into(),
        })
    }
}
