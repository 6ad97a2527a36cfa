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
    /// Its version: pass it when correcting it (`CONFLICT` if it moved on).
    pub version: i32,
    /// When it was withdrawn as entered by mistake; null while in force. A withdrawn record has
    /// left every list and count; the office and the leadership group still read it by id.
    pub withdrawn_at: Option<DateTime>,
    /// Why it was withdrawn.
    pub withdrawal_reason: Option<String>,
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
            version: m.version,
            withdrawn_at: m.withdrawn_at.map(Into::into),
            withdrawal_reason: m.withdrawal_reason.clone(),
            created_at: m.created_at.into(),
            row: m,
        }
    }
}

#[ComplexObject]
impl AccountabilityRecord {
    /// Its corrections and withdrawal, oldest first: who, when, why, and the fields before and
    /// after.
    async fn history(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Rows wanted, 0 to 100 (default 20; 0 to count only).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last row already seen.")] after: Option<String>,
    ) -> ApiResult<crate::revisions::graphql::RevisionConnection> {
        crate::revisions::graphql::history(ctx, RecordKind::AccountabilityRecord, self.row.id, first, after).await
    }
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
        #[graphql(desc = "Rows wanted, 0 to 100 (default 20; 0 to count only).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last row already seen.")] after: Option<String>,
        #[graphql(desc = "Narrows the list.")] filter: Option<AccountabilityRecordFilter>,
        #[graphql(desc = "Order of the list (default DECIDED_ON_DESC).", default)] order_by: AccountabilityRecordOrder,
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
        let page =
            service::list(&rc.db, &rc.access, filter, order_by.into(), &page_request(ctx, first, after)?).await?;
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

/// Input of `amendAccountabilityRecord`: the fields to change, the others kept.
#[derive(InputObject)]
pub struct AmendAccountabilityRecordInput {
    /// The record.
    pub id: ID,
    /// The person's name (a record about a person only).
    pub person_name: Option<String>,
    /// The person's rank (a record about a person only).
    pub person_rank: Option<PersonRank>,
    /// What was decided.
    pub decision: Option<String>,
    /// The day it was decided (not in the future).
    pub decided_on: Option<Date>,
    /// Entered into the person's file.
    pub in_personal_file: Option<bool>,
    /// Counted in the unit's annual assessment.
    pub in_annual_assessment: Option<bool>,
    /// The annual assessment vetoed.
    pub assessment_veto: Option<bool>,
    /// Why it is corrected (required, at most 500 characters); kept in its history.
    pub reason: String,
    /// The version read; `CONFLICT` if it moved on.
    pub version: Option<i32>,
}

/// Result of `amendAccountabilityRecord`.
#[derive(SimpleObject)]
pub struct AmendAccountabilityRecordPayload {
    /// The record as corrected.
    pub accountability_record: AccountabilityRecord,
}

/// Input of `withdrawAccountabilityRecord`.
#[derive(InputObject)]
pub struct WithdrawAccountabilityRecordInput {
    /// The record.
    pub id: ID,
    /// Why it is withdrawn (required, at most 500 characters).
    pub reason: String,
    /// The version read; `CONFLICT` if it moved on.
    pub version: Option<i32>,
}

/// Result of `withdrawAccountabilityRecord`.
#[derive(SimpleObject)]
pub struct WithdrawAccountabilityRecordPayload {
    /// The record, withdrawn.
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

    /// Corrects an accountability record (the office), with the reason; the earlier version stays
    /// in its `history`.
    async fn amend_accountability_record(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: AmendAccountabilityRecordInput,
    ) -> ApiResult<AmendAccountabilityRecordPayload> {
        let rc = request(ctx)?;
        let id = id::decode_as("id", &input.id, RecordKind::AccountabilityRecord)?;
        let a = service::Amendment {
            person_name: input.person_name,
            person_rank: input.person_rank.map(Into::into),
            decision: input.decision,
            decided_on: input.decided_on.map(|d| d.0),
            in_personal_file: input.in_personal_file,
            in_annual_assessment: input.in_annual_assessment,
            assessment_veto: input.assessment_veto,
            reason: input.reason,
            expected_version: input.version,
        };
        let amended = service::amend(&rc.db, &rc.access, id, a).await?;
        Ok(AmendAccountabilityRecordPayload { accountability_record: amended.into() })
    }

    /// Withdraws an accountability record entered by mistake (the office): it leaves every list,
    /// count and statistic, and stays readable by id to the office and the leadership group.
    async fn withdraw_accountability_record(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: WithdrawAccountabilityRecordInput,
    ) -> ApiResult<WithdrawAccountabilityRecordPayload> {
        let rc = request(ctx)?;
        let id = id::decode_as("id", &input.id, RecordKind::AccountabilityRecord)?;
        let withdrawn = service::withdraw(&rc.db, &rc.access, id, &input.reason, input.version).await?;
        Ok(WithdrawAccountabilityRecordPayload { accountability_record: withdrawn.into() })
    }
}

/// Orders of the accountability records list.
#[derive(async_graphql::Enum, Clone, Copy, PartialEq, Eq, Default)]
#[graphql(remote = "super::service::RecordOrder")]
pub enum AccountabilityRecordOrder {
    /// Latest decided first.
    #[default]
    DecidedOnDesc,
    /// Earliest decided first.
    DecidedOnAsc,
    /// Newest recorded first.
    CreatedAtDesc,
}
