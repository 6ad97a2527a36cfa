//! Terms in the schema.

use async_graphql::{ComplexObject, Context, ID, InputObject, Object, SimpleObject};
use entities::{RecordKind, term};

use super::service;
use crate::{
    error::ApiResult,
    graphql::{
        Object as ApiObject,
        connection::{connection, page_request},
        context::request,
        id,
        scalars::{Date, Stamps},
    },
};

/// A committee term (届): every unit is to be inspected once within it (全覆盖), by its plan
/// (`planEntries`); `statistics(termId:)` counts its coverage.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct Term {
    /// Global id.
    pub id: ID,
    /// Name (unique), e.g. 区委第四届（2014—2018年）.
    pub name: String,
    /// First day.
    pub starts_on: Date,
    /// Last day.
    pub ends_on: Date,
    /// When it was made and last changed, and its version.
    #[graphql(flatten)]
    pub stamps: Stamps,
    #[graphql(skip)]
    row_id: i32,
}

#[ComplexObject]
impl Term {
    /// Its corrections, oldest first: who, when, and the fields before and after.
    async fn history(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Rows wanted, 0 to 100 (default 20; 0 to count only).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last row already seen.")] after: Option<String>,
    ) -> ApiResult<crate::revisions::graphql::RevisionConnection> {
        crate::revisions::graphql::history(ctx, RecordKind::Term, self.row_id, first, after).await
    }
}

impl From<term::Model> for Term {
    fn from(m: term::Model) -> Self {
        Term {
            id: id::encode(RecordKind::Term, m.id),
            name: m.name,
            starts_on: m.starts_on.into(),
            ends_on: m.ends_on.into(),
            stamps: Stamps::new(m.created_at, m.updated_at, m.version),
            row_id: m.id,
        }
    }
}

impl ApiObject for Term {
    type Guard = term::Entity;
}

connection!(TermConnection, TermEdge, Term, "A page of committee terms (届).");

/// Term queries.
#[derive(Default)]
pub struct TermQuery;

#[Object]
impl TermQuery {
    /// Committee terms, latest first (every role but the partner agencies).
    #[graphql(complexity = "first.unwrap_or(20).clamp(1, 100) as usize * child_complexity")]
    async fn terms(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Rows wanted, 0 to 100 (default 20; 0 to count only).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last row already seen.")] after: Option<String>,
        #[graphql(desc = "Order of the list (default STARTS_ON_DESC).", default)] order_by: TermOrder,
    ) -> ApiResult<TermConnection> {
        let rc = request(ctx)?;
        let page = service::list(&rc.db, &rc.access, order_by.into(), &page_request(ctx, first, after)?).await?;
        Ok(TermConnection(page.map(Term::from)))
    }
}

/// Input of `createTerm`.
#[derive(InputObject)]
pub struct CreateTermInput {
    /// Name, unique.
    pub name: String,
    /// First day.
    pub starts_on: Date,
    /// Last day: not before the first, at most five years and a part later; no other term may
    /// overlap it.
    pub ends_on: Date,
}

/// Result of `createTerm`.
#[derive(SimpleObject)]
pub struct CreateTermPayload {
    /// The new term.
    pub term: Term,
}

/// Input of `updateTerm`.
#[derive(InputObject)]
pub struct UpdateTermInput {
    /// The term.
    pub id: ID,
    /// New name.
    pub name: Option<String>,
    /// New first day (its rounds must stay within the term).
    pub starts_on: Option<Date>,
    /// New last day (likewise).
    pub ends_on: Option<Date>,
    /// The version last seen; a different current version is `CONFLICT`.
    pub version: Option<i32>,
}

/// Result of `updateTerm`.
#[derive(SimpleObject)]
pub struct UpdateTermPayload {
    /// The term as changed.
    pub term: Term,
}

/// Term mutations.
#[derive(Default)]
pub struct TermMutation;

#[Object]
impl TermMutation {
    /// Records a committee term (office).
    async fn create_term(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: CreateTermInput,
    ) -> ApiResult<CreateTermPayload> {
        let rc = request(ctx)?;
        let t = service::create(&rc.db, &rc.access, &input.name, input.starts_on.0, input.ends_on.0).await?;
        Ok(CreateTermPayload { term: t.into() })
    }

    /// Renames a term or moves its dates (office).
    async fn update_term(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change; see the input type.")] input: UpdateTermInput,
    ) -> ApiResult<UpdateTermPayload> {
        let rc = request(ctx)?;
        let id = id::decode_as("id", &input.id, RecordKind::Term)?;
        let t = service::update(
            &rc.db,
            &rc.access,
            id,
            input.name,
            input.starts_on.map(|d| d.0),
            input.ends_on.map(|d| d.0),
            input.version,
        )
        .await?;
        Ok(UpdateTermPayload { term: t.into() })
    }
}

/// Orders of the term list.
#[derive(async_graphql::Enum, Clone, Copy, PartialEq, Eq, Default)]
#[graphql(remote = "super::service::TermOrder")]
pub enum TermOrder {
    /// Latest first.
    #[default]
    StartsOnDesc,
    /// Earliest first.
    StartsOnAsc,
}
