//! Referrals in the schema: the office's referClue and withdrawReferral, the agencies' pushes,
//! and the change stream their systems pull.

use async_graphql::{ComplexObject, Context, ID, InputObject, Object, SimpleObject};
use entities::{RecordKind, disposition, referral};

use super::service::{self, Outcome};
use crate::{
    clues::graphql::Clue,
    error::ApiResult,
    findings::graphql::Finding,
    graphql::{
        connection::{connection, page_request},
        context::request,
        enums::{DisposalMethod, Measure, MeasureGroup, PersonRank, ReferralMatter, ReferralStatus},
        id,
        loader::{children, loaders, optional},
        offers::offered,
        scalars::{Date, DateTime, Stamps},
    },
    organizations::graphql::Organization,
};

/// A referral (移交) to the partner agency competent for it — an approved clue, or part of one (a
/// violation to the commission, a cadre question to the organisation department), or a finding
/// passed to the department responsible (问题移交) — and what the agency reports back:
/// `SENT` → `ACKNOWLEDGED` (⇄ `SHELVED`) → `CONCLUDED`, or `WITHDRAWN` before acknowledgement.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct Referral {
    /// Global id.
    pub id: ID,
    /// Where the referral stands.
    pub status: ReferralStatus,
    /// What kind of matter it is: who may receive it follows from it.
    pub matter: ReferralMatter,
    /// The reply deadline.
    pub deadline: Date,
    /// Past its deadline without a conclusion.
    pub overdue: bool,
    /// What the referral carries of the clue, or of the finding: all an agency sees of it.
    pub carried: ReferredClue,
    /// The disposal method the agency chose, once chosen.
    pub disposal_method: Option<DisposalMethod>,
    /// When the agency reported a case filed (立案); null while none.
    pub case_filed_on: Option<Date>,
    /// The agency's conclusion, once concluded.
    pub conclusion: Option<String>,
    /// When the agency acknowledged it (签收).
    pub acknowledged_at: Option<DateTime>,
    /// When the agency concluded it (办结).
    pub concluded_at: Option<DateTime>,
    /// When it was made and last changed, and its version.
    #[graphql(flatten)]
    pub stamps: Stamps,
    #[graphql(skip)]
    row: referral::Model,
}

/// What a referral carries of its clue (or its finding: the problem, its evidence, no persons), as
/// it was when referred.
#[derive(SimpleObject, Clone)]
pub struct ReferredClue {
    /// The alleged violation.
    pub alleged_violation: String,
    /// The evidence.
    pub evidence: String,
    /// The persons named.
    pub persons: Vec<ReferredPerson>,
}

/// A person named in a referred clue.
#[derive(SimpleObject, Clone)]
pub struct ReferredPerson {
    /// Full name.
    pub name: String,
    /// Rank (e.g. division-level, 处级).
    pub rank: PersonRank,
    /// Post held.
    pub position: String,
}

impl crate::graphql::Object for Referral {
    type Guard = referral::Entity;
}

impl From<referral::Model> for Referral {
    fn from(m: referral::Model) -> Self {
        let persons = service::carried_persons(&m)
            .into_iter()
            .map(|p| ReferredPerson { name: p.name, rank: p.rank.into(), position: p.position })
            .collect();
        Referral {
            id: id::encode(RecordKind::Referral, m.id),
            status: m.status.into(),
            matter: m.matter.into(),
            deadline: m.deadline.into(),
            overdue: service::is_overdue(&m, crate::clock::today()),
            carried: ReferredClue {
                alleged_violation: m.alleged_violation.clone(),
                evidence: m.evidence.clone(),
                persons,
            },
            disposal_method: m.disposal_method.map(Into::into),
            case_filed_on: m.case_filed_on.map(Into::into),
            conclusion: m.conclusion.clone(),
            acknowledged_at: m.acknowledged_at.map(Into::into),
            concluded_at: m.concluded_at.map(Into::into),
            stamps: Stamps::new(m.created_at, m.updated_at, m.version),
            row: m,
        }
    }
}

#[ComplexObject]
impl Referral {
    /// What the caller may do with the referral now, by the same policy, reach and states that
    /// decide the mutations, and the agency's competence (only the commission sets a disposal
    /// method, reports a case filed or reopens, and concludes once it has chosen a method; a problem
    /// passed on records no measure): each one
    /// listed succeeds (given valid input), each one not listed is refused.
    async fn available_transitions(&self, ctx: &Context<'_>) -> ApiResult<Vec<ReferralTransition>> {
        offered::<referral::Entity, _, _, _>(ctx, self.row.id, &self.row.status, &super::service::OFFERS).await
    }
    /// The partner agency; null for callers who may not see it (the team sees `agencyName`).
    async fn agency(&self, ctx: &Context<'_>) -> ApiResult<Option<Organization>> {
        optional(ctx, Some(self.row.agency_id)).await
    }
    /// The partner agency's name.
    async fn agency_name(&self, ctx: &Context<'_>) -> ApiResult<String> {
        let names = loaders(ctx)?.get("", super::loader::AgencyNames);
        Ok(names.load_one(self.row.agency_id).await?.unwrap_or_default())
    }
    /// The clue itself: for its team, the office and the leadership group; null for the agency,
    /// and for a finding's referral.
    async fn clue(&self, ctx: &Context<'_>) -> ApiResult<Option<Clue>> {
        optional(ctx, self.row.clue_id).await
    }
    /// The finding passed on, for a problem that is not a clue: for the office, the leadership
    /// group and the team; null for the agency (it reads what is carried), and for a clue's.
    async fn finding(&self, ctx: &Context<'_>) -> ApiResult<Option<Finding>> {
        optional(ctx, self.row.finding_id).await
    }
    /// The dispositions the agency recorded.
    async fn dispositions(&self, ctx: &Context<'_>) -> ApiResult<Vec<Disposition>> {
        children(ctx, disposition::Column::ReferralId, self.row.id).await
    }
}

/// A disposition (处理): a measure the competent agency decided for a person named in a referral,
/// as the rules name it, with its date; a court's judgment after a transfer is one too.
#[derive(SimpleObject, Clone)]
pub struct Disposition {
    /// Global id.
    pub id: ID,
    /// The person.
    pub person_name: String,
    /// Their rank.
    pub rank: PersonRank,
    /// The measure.
    pub measure: Measure,
    /// Its kind: a party or government sanction, an organisational measure, criticism and
    /// education, a transfer to judicial organs, the court's outcome.
    pub group: MeasureGroup,
    /// What it says in words (a court's judgment; the terms of a measure); null when nothing more.
    pub note: Option<String>,
    /// When it was decided.
    pub decided_on: Date,
    /// When it was recorded.
    pub created_at: DateTime,
}

impl crate::graphql::Object for Disposition {
    type Guard = disposition::Entity;
}

impl From<disposition::Model> for Disposition {
    fn from(m: disposition::Model) -> Self {
        Disposition {
            id: id::encode(RecordKind::Disposition, m.id),
            person_name: m.person_name,
            rank: m.rank.into(),
            measure: m.measure.into(),
            group: m.measure.group().into(),
            note: m.note,
            decided_on: m.decided_on.into(),
            created_at: m.created_at.into(),
        }
    }
}

connection!(ReferralConnection, ReferralEdge, Referral, "A page of referrals (移交).");

/// Narrows the referral list.
#[derive(InputObject, Default)]
pub struct ReferralFilter {
    /// Only this agency's.
    pub agency_id: Option<ID>,
    /// Only referrals in this state.
    pub status: Option<ReferralStatus>,
    /// Only overdue (true) or only not overdue (false) referrals.
    pub overdue: Option<bool>,
    /// Only this clue's.
    pub clue_id: Option<ID>,
    /// Only this finding's.
    pub finding_id: Option<ID>,
    /// Only this kind of matter.
    pub matter: Option<ReferralMatter>,
    /// Only the referrals of this inspection's clues and findings (not for partner agencies).
    pub inspection_id: Option<ID>,
}

/// Orders of the referral list.
#[derive(async_graphql::Enum, Clone, Copy, PartialEq, Eq, Default)]
pub enum ReferralOrder {
    /// Newest first.
    #[default]
    CreatedAtDesc,
    /// Soonest deadline first.
    DeadlineAsc,
}

/// Referral queries.
#[derive(Default)]
pub struct ReferralQuery;

#[Object]
impl ReferralQuery {
    /// Referrals the caller may see: all for the office and leadership; a team's own clues'; an
    /// agency's own, not withdrawn. Every referral returned is written to the access log.
    #[graphql(complexity = "first.unwrap_or(20).clamp(1, 100) as usize * child_complexity")]
    async fn referrals(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Rows wanted, 0 to 100 (default 20; 0 to count only).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last row already seen.")] after: Option<String>,
        #[graphql(desc = "Narrows the list.")] filter: Option<ReferralFilter>,
        #[graphql(desc = "Order of the list (default CREATED_AT_DESC).", default)] order_by: ReferralOrder,
    ) -> ApiResult<ReferralConnection> {
        let order = match order_by {
            ReferralOrder::CreatedAtDesc => service::ReferralOrder::CreatedAtDesc,
            ReferralOrder::DeadlineAsc => service::ReferralOrder::DeadlineAsc,
        };
        list(ctx, first, after, filter, order).await
    }

    /// The change stream for partner systems: every referral created or changed after the
    /// cursor, oldest change first. Keep `pageInfo.endCursor` and ask again with it as `after`:
    /// each change is seen exactly once, even while others write. A referral changed twice since
    /// the cursor comes once, as it now is. A referral the office withdrew comes once more as a
    /// tombstone: `status` `WITHDRAWN`, `updatedAt` when, and nothing more to do with it (it has
    /// left `referrals` and `node`). `totalCount` counts every referral of the stream, not only
    /// those after the cursor.
    #[graphql(complexity = "first.unwrap_or(20).clamp(1, 100) as usize * child_complexity")]
    async fn referral_changes(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Rows wanted, 0 to 100 (default 20; 0 to count only).")] first: Option<i32>,
        #[graphql(desc = "The endCursor of the last pull; omit for everything.")] after: Option<String>,
    ) -> ApiResult<ReferralConnection> {
        list(ctx, first, after, None, service::ReferralOrder::ChangeSeqAsc).await
    }
}

async fn list(
    ctx: &Context<'_>,
    first: Option<i32>,
    after: Option<String>,
    filter: Option<ReferralFilter>,
    order: service::ReferralOrder,
) -> ApiResult<ReferralConnection> {
    let rc = request(ctx)?;
    let f = filter.unwrap_or_default();
    let filter = service::ReferralFilter {
        agency_id: f.agency_id.map(|i| id::decode_as("filter.agencyId", &i, RecordKind::Organization)).transpose()?,
        status: f.status.map(Into::into),
        overdue: f.overdue,
        clue_id: f.clue_id.map(|i| id::decode_as("filter.clueId", &i, RecordKind::Clue)).transpose()?,
        finding_id: id::decode_opt("filter.findingId", f.finding_id, RecordKind::Finding)?,
        matter: f.matter.map(Into::into),
        inspection_id: id::decode_opt("filter.inspectionId", f.inspection_id, RecordKind::Inspection)?,
    };
    let page = service::list(&rc.db, &rc.access, filter, order, &page_request(ctx, first, after)?).await?;
    Ok(ReferralConnection(page.map(Referral::from)))
}

/// Input of `referClue`.
#[derive(InputObject)]
pub struct ReferClueInput {
    /// An `APPROVED` clue, or a `REFERRED` one to refer another part of (a split).
    pub clue_id: ID,
    /// The partner agency competent for the matter, not yet holding a live referral of the clue.
    pub agency_id: ID,
    /// What kind of matter it is (default `VIOLATION`): a violation goes to the commission, a
    /// cadre question to the organisation department, a general problem to a department; a
    /// judicial body receives nothing from the office.
    pub matter: Option<ReferralMatter>,
    /// The persons of the clue the referral carries (its part of a split); all of them when
    /// omitted.
    pub person_ids: Option<Vec<ID>>,
    /// The reply deadline; three months from today when omitted.
    pub deadline: Option<Date>,
}

/// Input of `referFinding`.
#[derive(InputObject)]
pub struct ReferFindingInput {
    /// The finding: a problem that is not a clue (a system's failure, a general problem).
    pub finding_id: ID,
    /// The department responsible (a partner agency of `GENERAL` competence).
    pub agency_id: ID,
    /// The reply deadline; three months from today when omitted.
    pub deadline: Option<Date>,
}

/// Result of `referFinding`.
#[derive(SimpleObject)]
pub struct ReferFindingPayload {
    /// The new referral, `SENT`, of matter `GENERAL`.
    pub referral: Referral,
}

/// Result of `referClue`.
#[derive(SimpleObject)]
pub struct ReferCluePayload {
    /// The new referral, `SENT`.
    pub referral: Referral,
}

/// Input of `withdrawReferral`.
#[derive(InputObject)]
pub struct WithdrawReferralInput {
    /// A `SENT` referral.
    pub id: ID,
    /// The version last seen; a different current version is `CONFLICT`.
    pub version: Option<i32>,
}

/// Result of `withdrawReferral`.
#[derive(SimpleObject)]
pub struct WithdrawReferralPayload {
    /// The referral, now `WITHDRAWN`.
    pub referral: Referral,
}

/// Declares the input and payload of an agency's push.
macro_rules! push_types {
    ($input:ident, $payload:ident, $name:literal, { $($(#[$doc:meta])* $field:ident: $ty:ty,)* }) => {
        #[doc = concat!("Input of `", $name, "`.")]
        #[derive(InputObject)]
        pub struct $input {
            /// The referral.
            pub id: ID,
            $($(#[$doc])* pub $field: $ty,)*
            /// The version last seen; a different current version is `CONFLICT`.
            pub version: Option<i32>,
            /// Send the same key again to retry safely: the work is done once and the answer is
            /// the same; the same key with a different request is `CONFLICT`.
            pub idempotency_key: Option<String>,
        }

        #[doc = concat!("Result of `", $name, "`.")]
        #[derive(SimpleObject)]
        pub struct $payload {
            /// The referral as it now is.
            pub referral: Referral,
        }
    };
}

push_types!(AcknowledgeReferralInput, AcknowledgeReferralPayload, "acknowledgeReferral", {});
push_types!(SetDisposalMethodInput, SetDisposalMethodPayload, "setDisposalMethod", {
    /// The disposal method.
    method: DisposalMethod,
});
push_types!(ReportCaseFiledInput, ReportCaseFiledPayload, "reportCaseFiled", {
    /// The day the case was filed (立案).
    filed_on: Date,
});
push_types!(AddDispositionInput, AddDispositionPayload, "addDisposition", {
    /// The person.
    person_name: String,
    /// Their rank.
    rank: PersonRank,
    /// The measure: one the agency's competence allows.
    measure: Measure,
    /// When it was decided.
    decided_on: Date,
    /// What it says in words (at most 2,000 characters); required for `COURT_JUDGMENT`.
    note: Option<String>,
});
push_types!(ReopenReferralInput, ReopenReferralPayload, "reopenReferral", {});
push_types!(ConcludeReferralInput, ConcludeReferralPayload, "concludeReferral", {
    /// The conclusion (办结情况).
    conclusion: String,
});

/// Referral mutations.
#[derive(Default)]
pub struct ReferralMutation;

async fn push(
    ctx: &Context<'_>,
    id: &ID,
    outcome: Outcome,
    key: Option<String>,
    version: Option<i32>,
) -> ApiResult<Referral> {
    let rc = request(ctx)?;
    let id = id::decode_as("id", id, RecordKind::Referral)?;
    Ok(service::report(&rc.db, &rc.access, id, outcome, key.as_deref(), version).await?.into())
}

#[Object]
impl ReferralMutation {
    /// Refers an approved clue, or a part of it, to the partner agency competent for it: clue
    /// `APPROVED` → `REFERRED` (office). Refused, saying why, to an agency that may not decide
    /// that kind of matter.
    async fn refer_clue(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: ReferClueInput,
    ) -> ApiResult<ReferCluePayload> {
        let rc = request(ctx)?;
        let clue_id = id::decode_as("clueId", &input.clue_id, RecordKind::Clue)?;
        let agency_id = id::decode_as("agencyId", &input.agency_id, RecordKind::Organization)?;
        let person_ids = input
            .person_ids
            .map(|ids| ids.iter().map(|p| id::decode_as("personIds", p, RecordKind::CluePerson)).collect())
            .transpose()?;
        let new = service::NewReferral {
            clue_id,
            agency_id,
            matter: input.matter.map_or(entities::ReferralMatter::Violation, Into::into),
            person_ids,
            deadline: input.deadline.map(|d| d.0),
        };
        Ok(ReferCluePayload { referral: service::refer(&rc.db, &rc.access, new).await?.into() })
    }

    /// Passes a finding — a problem that is not a clue — to the department responsible, its
    /// answer tracked like a referral's and pulled in the same change stream (office).
    async fn refer_finding(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: ReferFindingInput,
    ) -> ApiResult<ReferFindingPayload> {
        let rc = request(ctx)?;
        let finding_id = id::decode_as("findingId", &input.finding_id, RecordKind::Finding)?;
        let agency_id = id::decode_as("agencyId", &input.agency_id, RecordKind::Organization)?;
        let r = service::refer_finding(&rc.db, &rc.access, finding_id, agency_id, input.deadline.map(|d| d.0)).await?;
        Ok(ReferFindingPayload { referral: r.into() })
    }

    /// Withdraws a referral the agency has not acknowledged: `SENT` → `WITHDRAWN`; the clue is
    /// `APPROVED` again and the agency no longer sees the referral (office).
    async fn withdraw_referral(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: WithdrawReferralInput,
    ) -> ApiResult<WithdrawReferralPayload> {
        let rc = request(ctx)?;
        let id = id::decode_as("id", &input.id, RecordKind::Referral)?;
        Ok(WithdrawReferralPayload { referral: service::withdraw(&rc.db, &rc.access, id, input.version).await?.into() })
    }

    /// Acknowledges receipt (签收): `SENT` → `ACKNOWLEDGED` (the agency).
    async fn acknowledge_referral(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: AcknowledgeReferralInput,
    ) -> ApiResult<AcknowledgeReferralPayload> {
        Ok(AcknowledgeReferralPayload {
            referral: push(ctx, &input.id, Outcome::Acknowledge, input.idempotency_key, input.version).await?,
        })
    }

    /// Chooses (or changes) the disposal method of an acknowledged referral (the commission);
    /// `SHELVED_PENDING` (暂存待查) sets it aside as `SHELVED` until reopened.
    async fn set_disposal_method(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: SetDisposalMethodInput,
    ) -> ApiResult<SetDisposalMethodPayload> {
        let outcome = Outcome::DisposalMethod(input.method.into());
        Ok(SetDisposalMethodPayload {
            referral: push(ctx, &input.id, outcome, input.idempotency_key, input.version).await?,
        })
    }

    /// Reports that a case was filed (立案) on an acknowledged referral (the commission).
    async fn report_case_filed(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: ReportCaseFiledInput,
    ) -> ApiResult<ReportCaseFiledPayload> {
        let outcome = Outcome::CaseFiled(input.filed_on.0);
        Ok(ReportCaseFiledPayload {
            referral: push(ctx, &input.id, outcome, input.idempotency_key, input.version).await?,
        })
    }

    /// Reopens a shelved referral (暂存待查): `SHELVED` → `ACKNOWLEDGED`, its disposal method
    /// cleared (the commission).
    async fn reopen_referral(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: ReopenReferralInput,
    ) -> ApiResult<ReopenReferralPayload> {
        Ok(ReopenReferralPayload {
            referral: push(ctx, &input.id, Outcome::Reopen, input.idempotency_key, input.version).await?,
        })
    }

    /// Records a disposition (处理) on an acknowledged referral, or a late one (a court's judgment
    /// after a transfer) on a concluded referral (the agency, within its competence: `FORBIDDEN`,
    /// naming it, otherwise).
    async fn add_disposition(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: AddDispositionInput,
    ) -> ApiResult<AddDispositionPayload> {
        let outcome = Outcome::Disposition {
            person_name: input.person_name,
            rank: input.rank.into(),
            measure: input.measure.into(),
            decided_on: input.decided_on.0,
            note: input.note,
        };
        Ok(AddDispositionPayload {
            referral: push(ctx, &input.id, outcome, input.idempotency_key, input.version).await?,
        })
    }

    /// Concludes (办结) an acknowledged referral: `ACKNOWLEDGED` → `CONCLUDED` (the agency; the
    /// commission once its disposal method is chosen; a department with its answer).
    async fn conclude_referral(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: ConcludeReferralInput,
    ) -> ApiResult<ConcludeReferralPayload> {
        let outcome = Outcome::Conclude(input.conclusion);
        Ok(ConcludeReferralPayload {
            referral: push(ctx, &input.id, outcome, input.idempotency_key, input.version).await?,
        })
    }
}

/// A clue's referrals, as the root list orders them by default (newest first).
pub struct ReferralsOfClue;

impl crate::graphql::nested::Nesting for ReferralsOfClue {
    type Guard = entities::referral::Entity;
    type Object = Referral;
    fn parent() -> entities::referral::Column {
        entities::referral::Column::ClueId
    }
    fn ordering() -> crate::pagination::Ordering<entities::referral::Entity> {
        super::service::ordering(super::service::ReferralOrder::CreatedAtDesc)
    }
}

/// A transition of a referral, as `availableTransitions` lists them.
#[derive(async_graphql::Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "super::service::ReferralOffer")]
pub enum ReferralTransition {
    /// `withdrawReferral` (the office, before acknowledgement).
    Withdraw,
    /// `acknowledgeReferral` (the agency).
    Acknowledge,
    /// `setDisposalMethod` (the commission).
    SetDisposalMethod,
    /// `reportCaseFiled` (the commission).
    ReportCaseFiled,
    /// `addDisposition` (the agency, a measure within its competence).
    AddDisposition,
    /// `concludeReferral` (the agency).
    Conclude,
    /// `reopenReferral` (the commission).
    Reopen,
}
