//! The feedback in the schema.

use async_graphql::{ComplexObject, Context, ID, InputObject, Object, SimpleObject};
use entities::{RecordKind, feedback, principal_feedback};

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

/// The feedback to the unit's leadership team (向被巡察党组织领导班子反馈意见). The unit's leaders
/// read it once released.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct Feedback {
    /// Global id.
    pub id: ID,
    /// The text.
    pub body: String,
    /// When the office released it to the unit; null before.
    pub released_at: Option<DateTime>,
    /// When it was made and last changed, and its version.
    #[graphql(flatten)]
    pub stamps: Stamps,
    #[graphql(skip)]
    inspection_id: i32,
}

impl From<feedback::Model> for Feedback {
    fn from(m: feedback::Model) -> Self {
        Feedback {
            id: id::encode(RecordKind::Feedback, m.id),
            body: m.body,
            released_at: m.released_at.map(Into::into),
            stamps: Stamps::new(m.created_at, m.updated_at, m.version),
            inspection_id: m.inspection_id,
        }
    }
}

impl ApiObject for Feedback {
    type Guard = feedback::Entity;
}

#[ComplexObject]
impl Feedback {
    /// The inspection.
    async fn inspection(&self, ctx: &Context<'_>) -> ApiResult<Inspection> {
        required(ctx, self.inspection_id).await
    }
}

/// The feedback given separately to the unit's principal leader (向主要负责人单独反馈). Of the unit,
/// only its principal leader reads it, once released.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct PrincipalFeedback {
    /// Global id.
    pub id: ID,
    /// The text.
    pub body: String,
    /// When the office released it; null before.
    pub released_at: Option<DateTime>,
    /// When it was made and last changed, and its version.
    #[graphql(flatten)]
    pub stamps: Stamps,
    #[graphql(skip)]
    inspection_id: i32,
}

impl From<principal_feedback::Model> for PrincipalFeedback {
    fn from(m: principal_feedback::Model) -> Self {
        PrincipalFeedback {
            id: id::encode(RecordKind::PrincipalFeedback, m.id),
            body: m.body,
            released_at: m.released_at.map(Into::into),
            stamps: Stamps::new(m.created_at, m.updated_at, m.version),
            inspection_id: m.inspection_id,
        }
    }
}

impl ApiObject for PrincipalFeedback {
    type Guard = principal_feedback::Entity;
}

#[ComplexObject]
impl PrincipalFeedback {
    /// The inspection.
    async fn inspection(&self, ctx: &Context<'_>) -> ApiResult<Inspection> {
        required(ctx, self.inspection_id).await
    }
}

/// Input of `saveFeedback`.
#[derive(InputObject)]
pub struct SaveFeedbackInput {
    /// The inspection (stationed, of the caller's team).
    pub inspection_id: ID,
    /// The text (at most 50,000 characters); replaces the draft.
    pub body: String,
}

/// Result of `saveFeedback`.
#[derive(SimpleObject)]
pub struct SaveFeedbackPayload {
    /// The feedback as saved.
    pub feedback: Feedback,
}

/// Input of `releaseFeedback`.
#[derive(InputObject)]
pub struct ReleaseFeedbackInput {
    /// The inspection (`DECIDED`).
    pub id: ID,
    /// The version last seen; a different current version is `CONFLICT`.
    pub version: Option<i32>,
}

/// Result of `releaseFeedback`.
#[derive(SimpleObject)]
pub struct ReleaseFeedbackPayload {
    /// The inspection, now `FEEDBACK_GIVEN`.
    pub inspection: Inspection,
    /// The feedback to the leadership team, now released to the unit.
    pub feedback: Feedback,
    /// The feedback to the principal leader, now released to them; null for an inspection reported
    /// before the two were kept apart.
    pub principal_feedback: Option<PrincipalFeedback>,
}

/// Input of `savePrincipalFeedback`.
#[derive(InputObject)]
pub struct SavePrincipalFeedbackInput {
    /// The inspection (stationed, of the caller's team).
    pub inspection_id: ID,
    /// The text (at most 50,000 characters); replaces the draft.
    pub body: String,
}

/// Result of `savePrincipalFeedback`.
#[derive(SimpleObject)]
pub struct SavePrincipalFeedbackPayload {
    /// The feedback to the principal leader as saved.
    pub principal_feedback: PrincipalFeedback,
}

/// Feedback mutations.
#[derive(Default)]
pub struct FeedbackMutation;

#[Object]
impl FeedbackMutation {
    /// Writes the feedback to the unit's leadership team (the inspection's team, while stationed).
    async fn save_feedback(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: SaveFeedbackInput,
    ) -> ApiResult<SaveFeedbackPayload> {
        let rc = request(ctx)?;
        let inspection_id = id::decode_as("inspectionId", &input.inspection_id, RecordKind::Inspection)?;
        let f = service::save_feedback(&rc.db, &rc.access, inspection_id, &input.body).await?;
        Ok(SaveFeedbackPayload { feedback: f.into() })
    }

    /// Writes the feedback to the unit's principal leader, given separately (the inspection's
    /// team, while stationed).
    async fn save_principal_feedback(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: SavePrincipalFeedbackInput,
    ) -> ApiResult<SavePrincipalFeedbackPayload> {
        let rc = request(ctx)?;
        let inspection_id = id::decode_as("inspectionId", &input.inspection_id, RecordKind::Inspection)?;
        let f = service::save_principal_feedback(&rc.db, &rc.access, inspection_id, &input.body).await?;
        Ok(SavePrincipalFeedbackPayload { principal_feedback: f.into() })
    }

    /// Releases both feedback documents to the unit: `DECIDED` → `FEEDBACK_GIVEN` (the office).
    /// Refused (`INVALID_TRANSITION`, saying what is missing) until the leadership group has heard
    /// the report and the district committee has decided on it.
    async fn release_feedback(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: ReleaseFeedbackInput,
    ) -> ApiResult<ReleaseFeedbackPayload> {
        let rc = request(ctx)?;
        let inspection_id = id::decode_as("id", &input.id, RecordKind::Inspection)?;
        let periods = *crate::graphql::context::data::<crate::config::RectificationPeriods>(ctx)?;
        let (inspection, feedback, principal) =
            service::release(&rc.db, &rc.access, inspection_id, input.version, periods).await?;
        Ok(ReleaseFeedbackPayload {
            inspection: inspection.into(),
            feedback: feedback.into(),
            principal_feedback: principal.map(Into::into),
        })
    }
}
