//! Supervision notes in the schema.

use async_graphql::{ComplexObject, Context, ID, InputObject, Object, SimpleObject};
use entities::{RecordKind, supervision_note};

use super::service;
use crate::{
    error::ApiResult,
    graphql::{
        connection::{connection, page_request},
        context::request,
        id,
        loader::{optional, required},
        scalars::DateTime,
    },
    inspections::graphql::Inspection,
    organizations::graphql::Organization,
    rectification_tasks::graphql::RectificationTask,
};

/// A supervising agency's note on a unit's rectification or on one of its tasks (督办).
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct SupervisionNote {
    /// Global id.
    pub id: ID,
    /// The text.
    pub body: String,
    /// The agency's name as it signed the note.
    pub signed_by: String,
    /// When it was written.
    pub created_at: DateTime,
    #[graphql(skip)]
    row: supervision_note::Model,
}

impl crate::graphql::Object for SupervisionNote {
    type Guard = supervision_note::Entity;
}

impl From<supervision_note::Model> for SupervisionNote {
    fn from(m: supervision_note::Model) -> Self {
        SupervisionNote {
            id: id::encode(RecordKind::SupervisionNote, m.id),
            body: m.body.clone(),
            signed_by: m.signed_by.clone(),
            created_at: m.created_at.into(),
            row: m,
        }
    }
}

#[ComplexObject]
impl SupervisionNote {
    /// The inspection whose rectification it is on.
    async fn inspection(&self, ctx: &Context<'_>) -> ApiResult<Inspection> {
        required(ctx, self.row.inspection_id).await
    }
    /// The task it is on, if on one.
    async fn task(&self, ctx: &Context<'_>) -> ApiResult<Option<RectificationTask>> {
        optional(ctx, self.row.task_id).await
    }
    /// The agency that wrote it (null if the caller may not see that organization: `signedBy`
    /// names it for everyone).
    async fn agency(&self, ctx: &Context<'_>) -> ApiResult<Option<Organization>> {
        optional(ctx, Some(self.row.agency_id)).await
    }
}

connection!(SupervisionNoteConnection, SupervisionNoteEdge, SupervisionNote, "A page of supervision notes (督办).");

/// Narrows the note list.
#[derive(InputObject, Default)]
pub struct SupervisionNoteFilter {
    /// Only this inspection's.
    pub inspection_id: Option<ID>,
    /// Only this task's.
    pub task_id: Option<ID>,
    /// Only this unit's.
    pub unit_id: Option<ID>,
    /// Only this round's.
    pub round_id: Option<ID>,
}

/// Supervision note queries.
#[derive(Default)]
pub struct SupervisionNoteQuery;

#[Object]
impl SupervisionNoteQuery {
    /// The supervision notes the caller may see, newest first: the office and the leadership group
    /// all, a team its own inspections', a unit its own, a supervising agency every unit's.
    #[graphql(complexity = "first.unwrap_or(20).clamp(1, 100) as usize * child_complexity")]
    async fn supervision_notes(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Rows wanted, 0 to 100 (default 20; 0 to count only).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last row already seen.")] after: Option<String>,
        #[graphql(desc = "Narrows the list.")] filter: Option<SupervisionNoteFilter>,
        #[graphql(desc = "Order of the list (default CREATED_AT_DESC).", default)] order_by: SupervisionNoteOrder,
    ) -> ApiResult<SupervisionNoteConnection> {
        let rc = request(ctx)?;
        let f = filter.unwrap_or_default();
        let filter = service::NoteFilter {
            inspection_id: f
                .inspection_id
                .map(|i| id::decode_as("filter.inspectionId", &i, RecordKind::Inspection))
                .transpose()?,
            task_id: f
                .task_id
                .map(|t| id::decode_as("filter.taskId", &t, RecordKind::RectificationTask))
                .transpose()?,
            unit_id: f.unit_id.map(|u| id::decode_as("filter.unitId", &u, RecordKind::Organization)).transpose()?,
            round_id: f.round_id.map(|r| id::decode_as("filter.roundId", &r, RecordKind::Round)).transpose()?,
        };
        let page =
            service::list(&rc.db, &rc.access, filter, order_by.into(), &page_request(ctx, first, after)?).await?;
        Ok(SupervisionNoteConnection(page.map(SupervisionNote::from)))
    }
}

/// Input of `writeSupervisionNote`.
#[derive(InputObject)]
pub struct WriteSupervisionNoteInput {
    /// The inspection whose rectification it is on (its feedback released).
    pub inspection_id: ID,
    /// The task it is on, if on one (a task of that inspection).
    pub task_id: Option<ID>,
    /// The text (at most 5,000 characters).
    pub body: String,
}

/// Result of `writeSupervisionNote`.
#[derive(SimpleObject)]
pub struct WriteSupervisionNotePayload {
    /// The note written.
    pub supervision_note: SupervisionNote,
}

/// Supervision note mutations.
#[derive(Default)]
pub struct SupervisionNoteMutation;

#[Object]
impl SupervisionNoteMutation {
    /// Writes a supervision note (督办) on a unit's rectification or one of its tasks (an agency
    /// that supervises rectification: the commission and the organisation department, by their
    /// competence). The unit, the office and the leadership group read it.
    async fn write_supervision_note(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: WriteSupervisionNoteInput,
    ) -> ApiResult<WriteSupervisionNotePayload> {
        let rc = request(ctx)?;
        let inspection = id::decode_as("inspectionId", &input.inspection_id, RecordKind::Inspection)?;
        let task = input.task_id.map(|t| id::decode_as("taskId", &t, RecordKind::RectificationTask)).transpose()?;
        let note = service::write(&rc.db, &rc.access, inspection, task, &input.body).await?;
        Ok(WriteSupervisionNotePayload { supervision_note: note.into() })
    }
}

/// Orders of the notes list.
#[derive(async_graphql::Enum, Clone, Copy, PartialEq, Eq, Default)]
#[graphql(remote = "super::service::NoteOrder")]
pub enum SupervisionNoteOrder {
    /// Newest first.
    #[default]
    CreatedAtDesc,
    /// Oldest first.
    CreatedAtAsc,
}
