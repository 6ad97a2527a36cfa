//! Inspections in the schema.

use async_graphql::{ComplexObject, Context, ID, InputObject, Object, SimpleObject};
use entities::{
    RecordKind, decision, feedback, hearing, inspection, principal_feedback, rectification_plan, rectification_report,
    report, supervision_note,
};

use super::{
    channels,
    service::{self, InspectionTransition},
};
use crate::{
    decisions::graphql::Decision,
    error::ApiResult,
    feedback::graphql::{Feedback, PrincipalFeedback},
    graphql::{
        Object as ApiObject,
        connection::{connection, page_request, page_request_of},
        context::request,
        enums::{InspectionKind, InspectionStatus},
        id,
        loader::{children, loaders, optional, required},
        offers::offered,
        scalars::{Date, DateTime, Stamps},
        transition_io,
    },
    hearings::graphql::Hearing,
    organizations::graphql::Organization,
    rectification_plans::graphql::RectificationPlan,
    rectification_reports::graphql::RectificationReport,
    reports::graphql::Report,
    rounds::graphql::Round,
    supervision_notes::graphql::SupervisionNote,
    users::graphql::User,
};

/// An inspection (巡察): one team inspects one unit in one round.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct Inspection {
    /// Global id.
    pub id: ID,
    /// Where the inspection stands.
    pub status: InspectionStatus,
    /// What kind of inspection it is.
    pub kind: InspectionKind,
    /// Its theme: required for a special inspection (专项巡察), possible for any.
    pub theme: Option<String>,
    /// For a joint inspection (联动巡察): the municipal inspection it is joined with.
    pub joint_with: Option<String>,
    /// The channels the team published for petitions; null until published.
    pub channels: Option<InspectionChannels>,
    /// When it was made and last changed, and its version.
    #[graphql(flatten)]
    pub stamps: Stamps,
    #[graphql(skip)]
    row: inspection::Model,
}

impl From<inspection::Model> for Inspection {
    fn from(m: inspection::Model) -> Self {
        Inspection {
            id: id::encode(RecordKind::Inspection, m.id),
            status: m.status.into(),
            kind: m.kind.into(),
            theme: m.theme.clone(),
            joint_with: m.joint_with.clone(),
            channels: InspectionChannels::of(&m),
            stamps: Stamps::new(m.created_at, m.updated_at, m.version),
            row: m,
        }
    }
}

impl ApiObject for Inspection {
    type Guard = inspection::Entity;

    fn reads(field: &str) -> Option<&'static [inspection::Column]> {
        use inspection::Column as C;
        Some(match field {
            "id"
            | "report"
            | "feedback"
            | "principalFeedback"
            | "hearings"
            | "decision"
            | "rectificationPlan"
            | "rectificationReports"
            | "supervisionNotes"
            | "findings"
            | "clues"
            | "petitions"
            | "recommendations"
            | "rectificationTasks"
            | "recusedAccounts"
            | "extendedInspections" => &[],
            "status" | "availableTransitions" => &[C::Status],
            "kind" => &[C::Kind],
            "theme" => &[C::Theme],
            "jointWith" => &[C::JointWith],
            "channels" => &[
                C::NoticeFrom,
                C::NoticeUntil,
                C::ChannelTelephone,
                C::ChannelMailbox,
                C::ChannelAddress,
                C::ChannelsPublishedAt,
            ],
            "createdAt" => &[C::CreatedAt],
            "updatedAt" => &[C::UpdatedAt],
            "version" => &[C::Version],
            "round" => &[C::RoundId],
            "team" => &[C::TeamId],
            "unit" => &[C::UnitId],
            "followsInspection" => &[C::FollowsInspectionId],
            "parentInspection" => &[C::ParentInspectionId],
            _ => return None,
        })
    }
}

/// The channels a team publishes on stationing (公布巡察组联系方式), for petitions.
#[derive(SimpleObject, Clone)]
pub struct InspectionChannels {
    /// First day of the notice period.
    pub notice_from: Date,
    /// Last day of the notice period.
    pub notice_until: Date,
    /// Telephone.
    pub telephone: Option<String>,
    /// Mailbox (postal or e-mail).
    pub mailbox: Option<String>,
    /// Where petitioners may come in person.
    pub address: Option<String>,
    /// When they were published (or last corrected).
    pub published_at: DateTime,
}

impl InspectionChannels {
    fn of(m: &inspection::Model) -> Option<InspectionChannels> {
        Some(InspectionChannels {
            notice_from: m.notice_from?.into(),
            notice_until: m.notice_until?.into(),
            telephone: m.channel_telephone.clone(),
            mailbox: m.channel_mailbox.clone(),
            address: m.channel_address.clone(),
            published_at: m.channels_published_at?.into(),
        })
    }
}

#[ComplexObject]
impl Inspection {
    /// The round.
    async fn round(&self, ctx: &Context<'_>) -> ApiResult<Round> {
        required(ctx, self.row.round_id).await
    }
    /// What the caller may do with the inspection now, by the same policy, reach and states that
    /// decide the mutations, and what they require (`REMOVE` while the round is planned; `STATION`
    /// once it is in progress; `SUBMIT_REPORT` once the report and both feedback documents are
    /// written; `RELEASE_FEEDBACK` once the feedback is; `CLOSE` once no clue is pending): each
    /// one listed succeeds (given valid input), each one not listed is refused.
    async fn available_transitions(&self, ctx: &Context<'_>) -> ApiResult<Vec<InspectionTransitionName>> {
        offered::<inspection::Entity, _, _, _>(ctx, self.row.id, &self.row.status, &service::OFFERS).await
    }
    /// The inspection team.
    async fn team(&self, ctx: &Context<'_>) -> ApiResult<Organization> {
        required(ctx, self.row.team_id).await
    }
    /// The audited unit.
    async fn unit(&self, ctx: &Context<'_>) -> ApiResult<Organization> {
        required(ctx, self.row.unit_id).await
    }
    /// The team's report to the leadership group; null while there is none, and always for the
    /// unit.
    async fn report(&self, ctx: &Context<'_>) -> ApiResult<Option<Report>> {
        Ok(children(ctx, report::Column::InspectionId, self.row.id).await?.into_iter().next())
    }
    /// The feedback to the unit's leadership team (向领导班子反馈); null while there is none, and
    /// for the unit until the office releases it.
    async fn feedback(&self, ctx: &Context<'_>) -> ApiResult<Option<Feedback>> {
        Ok(children(ctx, feedback::Column::InspectionId, self.row.id).await?.into_iter().next())
    }
    /// The feedback to the unit's principal leader, given separately (向主要负责人单独反馈); null
    /// while there is none, and for everyone of the unit but its principal leader, who reads it
    /// once released.
    async fn principal_feedback(&self, ctx: &Context<'_>) -> ApiResult<Option<PrincipalFeedback>> {
        Ok(children(ctx, principal_feedback::Column::InspectionId, self.row.id).await?.into_iter().next())
    }
    /// The leadership group's hearings of the report, oldest first (a report returned for revision
    /// is heard again); empty for the unit.
    async fn hearings(&self, ctx: &Context<'_>) -> ApiResult<Vec<Hearing>> {
        children(ctx, hearing::Column::InspectionId, self.row.id).await
    }
    /// The district committee's decision on the report; null until recorded, and for the unit.
    async fn decision(&self, ctx: &Context<'_>) -> ApiResult<Option<Decision>> {
        Ok(children(ctx, decision::Column::InspectionId, self.row.id).await?.into_iter().next())
    }
    /// The unit's rectification plan (整改方案), opened when the feedback is released; null before,
    /// and for those who do not read the rectification.
    async fn rectification_plan(&self, ctx: &Context<'_>) -> ApiResult<Option<RectificationPlan>> {
        Ok(children(ctx, rectification_plan::Column::InspectionId, self.row.id).await?.into_iter().next())
    }
    /// The unit's rectification reports: its report, its principal leader's, and the public
    /// version; empty before the feedback is released.
    async fn rectification_reports(&self, ctx: &Context<'_>) -> ApiResult<Vec<RectificationReport>> {
        children(ctx, rectification_report::Column::InspectionId, self.row.id).await
    }
    /// The supervising agencies' notes on the unit's rectification (督办), oldest first.
    async fn supervision_notes(&self, ctx: &Context<'_>) -> ApiResult<Vec<SupervisionNote>> {
        children(ctx, supervision_note::Column::InspectionId, self.row.id).await
    }
    /// Its findings the caller may see, oldest first, with their `totalCount`: as `findings(filter: { inspectionId })`.
    #[graphql(complexity = "first.unwrap_or(20).clamp(1, 100) as usize * child_complexity")]
    async fn findings(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "Rows wanted, 0 to 100 (default 20; 0 to count only). To read past them, pass the last cursor as `after` to the root list with this parent as its filter."
        )]
        first: Option<i32>,
    ) -> ApiResult<crate::findings::graphql::FindingConnection> {
        let page =
            crate::graphql::nested::page::<crate::findings::graphql::FindingsOfInspection>(ctx, self.row.id, first)
                .await?;
        Ok(crate::findings::graphql::FindingConnection(page.map(crate::findings::graphql::Finding::from)))
    }
    /// Its clues the caller may see, oldest first, with their `totalCount`: as `clues(filter: { inspectionId })`; those returned are logged as read.
    #[graphql(complexity = "first.unwrap_or(20).clamp(1, 100) as usize * child_complexity")]
    async fn clues(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "Rows wanted, 0 to 100 (default 20; 0 to count only). To read past them, pass the last cursor as `after` to the root list with this parent as its filter."
        )]
        first: Option<i32>,
    ) -> ApiResult<crate::clues::graphql::ClueConnection> {
        let page =
            crate::graphql::nested::page::<crate::clues::graphql::CluesOfInspection>(ctx, self.row.id, first).await?;
        Ok(crate::clues::graphql::ClueConnection(page.map(crate::clues::graphql::Clue::from)))
    }
    /// Its petitions the caller may see, oldest first, with their `totalCount`: as `petitions(filter: { inspectionId })`.
    #[graphql(complexity = "first.unwrap_or(20).clamp(1, 100) as usize * child_complexity")]
    async fn petitions(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "Rows wanted, 0 to 100 (default 20; 0 to count only). To read past them, pass the last cursor as `after` to the root list with this parent as its filter."
        )]
        first: Option<i32>,
    ) -> ApiResult<crate::petitions::graphql::PetitionConnection> {
        let page =
            crate::graphql::nested::page::<crate::petitions::graphql::PetitionsOfInspection>(ctx, self.row.id, first)
                .await?;
        Ok(crate::petitions::graphql::PetitionConnection(page.map(crate::petitions::graphql::Petition::from)))
    }
    /// Its recommendations the caller may see, oldest first, with their `totalCount`: as `recommendations(filter: { inspectionId })`.
    #[graphql(complexity = "first.unwrap_or(20).clamp(1, 100) as usize * child_complexity")]
    async fn recommendations(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "Rows wanted, 0 to 100 (default 20; 0 to count only). To read past them, pass the last cursor as `after` to the root list with this parent as its filter."
        )]
        first: Option<i32>,
    ) -> ApiResult<crate::recommendations::graphql::RecommendationConnection> {
        let page = crate::graphql::nested::page::<crate::recommendations::graphql::RecommendationsOfInspection>(
            ctx,
            self.row.id,
            first,
        )
        .await?;
        Ok(crate::recommendations::graphql::RecommendationConnection(
            page.map(crate::recommendations::graphql::Recommendation::from),
        ))
    }
    /// Its rectification tasks the caller may see, soonest deadline first, with their `totalCount`: as `rectificationTasks(filter: { inspectionId })`.
    #[graphql(complexity = "first.unwrap_or(20).clamp(1, 100) as usize * child_complexity")]
    async fn rectification_tasks(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "Rows wanted, 0 to 100 (default 20; 0 to count only). To read past them, pass the last cursor as `after` to the root list with this parent as its filter."
        )]
        first: Option<i32>,
    ) -> ApiResult<crate::rectification_tasks::graphql::RectificationTaskConnection> {
        let page = crate::graphql::nested::page::<crate::rectification_tasks::graphql::TasksOfInspection>(
            ctx,
            self.row.id,
            first,
        )
        .await?;
        Ok(crate::rectification_tasks::graphql::RectificationTaskConnection(
            page.map(crate::rectification_tasks::graphql::RectificationTask::from),
        ))
    }
    /// For a follow-up (回头看): the earlier inspection it checks.
    async fn follows_inspection(&self, ctx: &Context<'_>) -> ApiResult<Option<Inspection>> {
        optional(ctx, self.row.follows_inspection_id).await
    }
    /// For an extended inspection (延伸巡察): the township's inspection it extends from.
    async fn parent_inspection(&self, ctx: &Context<'_>) -> ApiResult<Option<Inspection>> {
        optional(ctx, self.row.parent_inspection_id).await
    }
    /// The accounts holding a role on the team that must recuse from the unit (回避), their linked
    /// expert having a conflict with it: the inspection is out of their reach. Null for callers
    /// who may not read conflicts (everyone but the office and the leadership group).
    async fn recused_accounts(&self, ctx: &Context<'_>) -> ApiResult<Option<Vec<User>>> {
        let rc = request(ctx)?;
        if rc.access.permit::<entities::expert_conflict::Entity>(crate::gate::Action::Read).is_err() {
            return Ok(None);
        }
        let loader = crate::graphql::loader::loaders(ctx)?.get("", super::recusal::RecusedLoader);
        let ids = loader.load_one(self.row.id).await?.unwrap_or_default();
        Ok(Some(futures::future::try_join_all(ids.into_iter().map(|id| required(ctx, id))).await?))
    }
    /// The inspections extended from this one to villages and communities, oldest first.
    async fn extended_inspections(&self, ctx: &Context<'_>) -> ApiResult<Vec<Inspection>> {
        children(ctx, inspection::Column::ParentInspectionId, self.row.id).await
    }
}

connection!(InspectionConnection, InspectionEdge, Inspection, "A page of inspections (巡察).");

/// Narrows the inspection list.
#[derive(InputObject, Default)]
pub struct InspectionFilter {
    /// Only this round.
    pub round_id: Option<ID>,
    /// Only this team.
    pub team_id: Option<ID>,
    /// Only this unit.
    pub unit_id: Option<ID>,
    /// Only this state.
    pub status: Option<InspectionStatus>,
    /// Only this kind.
    pub kind: Option<InspectionKind>,
}

/// Orders of the inspection list.
#[derive(async_graphql::Enum, Clone, Copy, PartialEq, Eq, Default)]
pub enum InspectionOrder {
    /// Newest planned first.
    #[default]
    CreatedAtDesc,
    /// Oldest planned first.
    CreatedAtAsc,
}

/// Inspection queries.
#[derive(Default)]
pub struct InspectionQuery;

#[Object]
impl InspectionQuery {
    /// Inspections the caller may see: all for the office and leadership, a team's own, a unit's
    /// own once the round has started.
    #[graphql(complexity = "first.unwrap_or(20).clamp(1, 100) as usize * child_complexity")]
    async fn inspections(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Rows wanted, 0 to 100 (default 20; 0 to count only).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last row already seen.")] after: Option<String>,
        #[graphql(desc = "Narrows the list.")] filter: Option<InspectionFilter>,
        #[graphql(desc = "Order of the list (default CREATED_AT_DESC).", default)] order_by: InspectionOrder,
    ) -> ApiResult<InspectionConnection> {
        let rc = request(ctx)?;
        let f = filter.unwrap_or_default();
        let filter = service::InspectionFilter {
            round_id: id::decode_opt("filter.roundId", f.round_id, RecordKind::Round)?,
            team_id: id::decode_opt("filter.teamId", f.team_id, RecordKind::Organization)?,
            unit_id: id::decode_opt("filter.unitId", f.unit_id, RecordKind::Organization)?,
            status: f.status.map(Into::into),
            kind: f.kind.map(Into::into),
        };
        let order = match order_by {
            InspectionOrder::CreatedAtAsc => service::InspectionOrder::CreatedAtAsc,
            InspectionOrder::CreatedAtDesc => service::InspectionOrder::CreatedAtDesc,
        };
        // The unit, team and round of the page's rows, when asked for, come in its statement.
        let loaders = loaders(ctx)?;
        let unit = loaders.to_one::<Organization, inspection::Entity>(ctx, "unit", inspection::Column::UnitId)?;
        let team = loaders.to_one::<Organization, inspection::Entity>(ctx, "team", inspection::Column::TeamId)?;
        let round = loaders.to_one::<Round, inspection::Entity>(ctx, "round", inspection::Column::RoundId)?;
        let page = page_request_of::<Inspection>(ctx, first, after)?;
        let page = service::list_inspections(&rc.db, &rc.access, filter, order, &page, &[&unit, &team, &round]).await?;
        Ok(InspectionConnection(page.map(Inspection::from)))
    }

    /// The notices of every stationed team that has published its channels (巡察公告), newest
    /// first: public, for the screens the public reads; no token needed.
    #[graphql(complexity = "first.unwrap_or(20).clamp(1, 100) as usize * child_complexity")]
    async fn inspection_notices(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Rows wanted, 0 to 100 (default 20; 0 to count only).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last row already seen.")] after: Option<String>,
    ) -> ApiResult<InspectionNoticeConnection> {
        // Public: no caller is needed, and the service reads only what the notice posts.
        let rc = request(ctx)?;
        let page = channels::notices(&rc.db, &page_request(ctx, first, after)?).await?;
        Ok(InspectionNoticeConnection(page.map(InspectionNotice::from)))
    }
}

/// A public notice of a stationed team (巡察公告): whom it inspects and how to reach it.
#[derive(SimpleObject, Clone)]
pub struct InspectionNotice {
    /// The team.
    pub team_name: String,
    /// The unit it inspects.
    pub unit_name: String,
    /// The channels.
    pub channels: InspectionChannels,
}

impl From<channels::Notice> for InspectionNotice {
    fn from(n: channels::Notice) -> Self {
        InspectionNotice {
            team_name: n.team,
            unit_name: n.unit,
            // The notices are of published channels only, whose dates are always set.
            channels: InspectionChannels {
                notice_from: n.inspection.notice_from.unwrap_or_default().into(),
                notice_until: n.inspection.notice_until.unwrap_or_default().into(),
                telephone: n.inspection.channel_telephone,
                mailbox: n.inspection.channel_mailbox,
                address: n.inspection.channel_address,
                published_at: n.inspection.channels_published_at.unwrap_or_default().into(),
            },
        }
    }
}

connection!(
    InspectionNoticeConnection,
    InspectionNoticeEdge,
    InspectionNotice,
    "A page of public notices of stationed teams (巡察公告)."
);

/// Input of `createInspection`.
#[derive(InputObject)]
pub struct CreateInspectionInput {
    /// A `PLANNED` round.
    pub round_id: ID,
    /// An inspection team.
    pub team_id: ID,
    /// An audited unit not yet inspected in the round.
    pub unit_id: ID,
    /// Its kind (default `REGULAR`). A `MOBILE` one may be added to a round already approved or
    /// under way; a village or community is inspected by an `ESCALATED`, `EXTENDED` or `FOLLOW_UP`
    /// one only, and they only inspect villages and communities (a follow-up, anything).
    pub kind: Option<InspectionKind>,
    /// Its theme (at most 200 characters): required for `SPECIAL`.
    pub theme: Option<String>,
    /// For `FOLLOW_UP` only, and required: an inspection of the same unit in an earlier round,
    /// its feedback released.
    pub follows_inspection_id: Option<ID>,
    /// For `EXTENDED` only, and required: the same team's inspection, in the same round, of the
    /// township or street the village or community belongs to.
    pub parent_inspection_id: Option<ID>,
    /// For `JOINT` only, and required: the municipal inspection (at most 200 characters).
    pub joint_with: Option<String>,
}

/// Result of `createInspection`.
#[derive(SimpleObject)]
pub struct CreateInspectionPayload {
    /// The new inspection.
    pub inspection: Inspection,
}

/// Input of `removeInspection`.
#[derive(InputObject)]
pub struct RemoveInspectionInput {
    /// An inspection of a `PLANNED` round.
    pub id: ID,
}

/// Input of `publishInspectionChannels`.
#[derive(InputObject)]
pub struct PublishInspectionChannelsInput {
    /// The inspection (stationed, of the caller's team).
    pub inspection_id: ID,
    /// First day of the notice period: not before the round started.
    pub notice_from: Date,
    /// Last day of the notice period: not before the first, at most a year later.
    pub notice_until: Date,
    /// Telephone (at most 64 characters); a telephone or a mailbox is required.
    pub telephone: Option<String>,
    /// Mailbox, postal or e-mail (at most 200 characters).
    pub mailbox: Option<String>,
    /// Address for visits (at most 200 characters).
    pub address: Option<String>,
}

/// Result of `publishInspectionChannels`.
#[derive(SimpleObject)]
pub struct PublishInspectionChannelsPayload {
    /// The inspection, its channels published.
    pub inspection: Inspection,
}

/// Result of `removeInspection`.
#[derive(SimpleObject)]
pub struct RemoveInspectionPayload {
    /// The id of the removed inspection.
    pub deleted_id: ID,
}

transition_io!(StationInspectionInput, StationInspectionPayload, "stationInspection", "inspection", inspection: Inspection);
transition_io!(BeginRectificationInput, BeginRectificationPayload, "beginRectification", "inspection", inspection: Inspection);
transition_io!(CloseInspectionInput, CloseInspectionPayload, "closeInspection", "inspection", inspection: Inspection);

/// Inspection mutations.
#[derive(Default)]
pub struct InspectionMutation;

impl InspectionMutation {
    async fn inspection_transition(
        ctx: &Context<'_>,
        id: &ID,
        version: Option<i32>,
        t: InspectionTransition,
    ) -> ApiResult<Inspection> {
        let rc = request(ctx)?;
        let id = id::decode_as("id", id, RecordKind::Inspection)?;
        Ok(service::transition_inspection(&rc.db, &rc.access, id, t, version).await?.into())
    }
}

#[Object]
impl InspectionMutation {
    /// Stations the team at the unit: `PLANNED` → `STATIONED` (进驻), in a round in progress
    /// (office). From now until the report, the team writes the inspection's record.
    async fn station_inspection(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: StationInspectionInput,
    ) -> ApiResult<StationInspectionPayload> {
        Ok(StationInspectionPayload {
            inspection: Self::inspection_transition(ctx, &input.id, input.version, InspectionTransition::Station)
                .await?,
        })
    }

    /// Begins the unit's rectification: `FEEDBACK_GIVEN` → `RECTIFYING` (整改) (office).
    async fn begin_rectification(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: BeginRectificationInput,
    ) -> ApiResult<BeginRectificationPayload> {
        Ok(BeginRectificationPayload {
            inspection: Self::inspection_transition(
                ctx,
                &input.id,
                input.version,
                InspectionTransition::BeginRectification,
            )
            .await?,
        })
    }

    /// Closes the inspection: `RECTIFYING` → `CLOSED` (office), once none of its clues awaits the
    /// leadership group's decision or, approved, its referral. The team's authority over its
    /// confidential record (clues, petitions, petitioners) ends here.
    async fn close_inspection(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: CloseInspectionInput,
    ) -> ApiResult<CloseInspectionPayload> {
        Ok(CloseInspectionPayload {
            inspection: Self::inspection_transition(ctx, &input.id, input.version, InspectionTransition::Close).await?,
        })
    }

    /// Plans an inspection of a unit by a team in a `PLANNED` round (a `MOBILE` one, also in an
    /// `APPROVED` or `IN_PROGRESS` round) (office). Refused when an expert on the team's roster
    /// must recuse from the unit.
    async fn create_inspection(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: CreateInspectionInput,
    ) -> ApiResult<CreateInspectionPayload> {
        let rc = request(ctx)?;
        let new = service::NewInspection {
            round_id: id::decode_as("roundId", &input.round_id, RecordKind::Round)?,
            team_id: id::decode_as("teamId", &input.team_id, RecordKind::Organization)?,
            unit_id: id::decode_as("unitId", &input.unit_id, RecordKind::Organization)?,
            kind: input.kind.map_or(entities::InspectionKind::Regular, Into::into),
            theme: input.theme,
            follows_inspection_id: id::decode_opt(
                "followsInspectionId",
                input.follows_inspection_id,
                RecordKind::Inspection,
            )?,
            parent_inspection_id: id::decode_opt(
                "parentInspectionId",
                input.parent_inspection_id,
                RecordKind::Inspection,
            )?,
            joint_with: input.joint_with,
        };
        let i = service::create_inspection(&rc.db, &rc.access, new).await?;
        Ok(CreateInspectionPayload { inspection: i.into() })
    }

    /// Publishes the team's channels for petitions at a stationed inspection, or corrects them
    /// (the team leader): the unit reads them on its inspection, the public in
    /// `inspectionNotices`.
    async fn publish_inspection_channels(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: PublishInspectionChannelsInput,
    ) -> ApiResult<PublishInspectionChannelsPayload> {
        let rc = request(ctx)?;
        let id = id::decode_as("inspectionId", &input.inspection_id, RecordKind::Inspection)?;
        let published = channels::publish(
            &rc.db,
            &rc.access,
            id,
            channels::Channels {
                notice_from: input.notice_from.0,
                notice_until: input.notice_until.0,
                telephone: input.telephone,
                mailbox: input.mailbox,
                address: input.address,
            },
        )
        .await?;
        Ok(PublishInspectionChannelsPayload { inspection: published.into() })
    }

    /// Removes an inspection from a `PLANNED` round (office).
    async fn remove_inspection(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: RemoveInspectionInput,
    ) -> ApiResult<RemoveInspectionPayload> {
        let rc = request(ctx)?;
        let id = id::decode_as("id", &input.id, RecordKind::Inspection)?;
        let i = service::remove_inspection(&rc.db, &rc.access, id).await?;
        Ok(RemoveInspectionPayload { deleted_id: id::encode(RecordKind::Inspection, i.id) })
    }
}

/// A round's inspections, as the root list orders them by default (newest first).
pub struct InspectionsOfRound;

impl crate::graphql::nested::Nesting for InspectionsOfRound {
    type Guard = entities::inspection::Entity;
    type Object = Inspection;
    fn parent() -> entities::inspection::Column {
        entities::inspection::Column::RoundId
    }
    fn ordering() -> crate::pagination::Ordering<entities::inspection::Entity> {
        super::service::ordering(super::service::InspectionOrder::CreatedAtDesc)
    }
}

/// A unit's inspections, as the root list orders them by default (newest first).
pub struct InspectionsOfUnit;

impl crate::graphql::nested::Nesting for InspectionsOfUnit {
    type Guard = entities::inspection::Entity;
    type Object = Inspection;
    fn parent() -> entities::inspection::Column {
        entities::inspection::Column::UnitId
    }
    fn ordering() -> crate::pagination::Ordering<entities::inspection::Entity> {
        super::service::ordering(super::service::InspectionOrder::CreatedAtDesc)
    }
}

/// A step of an inspection's lifecycle, as `availableTransitions` lists them.
#[derive(async_graphql::Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(name = "InspectionTransition", remote = "super::service::InspectionOffer")]
pub enum InspectionTransitionName {
    /// `removeInspection` (the office, while the round is planned).
    Remove,
    /// `stationInspection` (the office).
    Station,
    /// `submitInspectionReport` (the team leader).
    SubmitReport,
    /// `recordHearing` (the leadership group).
    RecordHearing,
    /// `recordDecision` (the leadership group or the office, for the district committee).
    RecordDecision,
    /// `releaseFeedback` (the office).
    ReleaseFeedback,
    /// `beginRectification` (the office).
    BeginRectification,
    /// `closeInspection` (the office).
    Close,
}
