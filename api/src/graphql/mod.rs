//! The GraphQL schema: each area's queries and mutations merged, the limits, and per-request data.

pub mod connection;
pub mod context;
pub mod enums;
pub mod id;
pub mod kinds;
pub mod limits;
pub mod loader;
pub mod node;
pub mod order;
pub mod scalars;

use async_graphql::{EmptySubscription, MergedObject, Schema};

use crate::{
    accountability::graphql::{AccountabilityMutation, AccountabilityQuery},
    audit::graphql::AuditQuery,
    clues::graphql::{ClueMutation, ClueQuery},
    config::{Limits, Mode},
    findings::graphql::{FindingMutation, FindingQuery},
    identity::{
        graphql::{CredentialMutation, CredentialQuery, IdentityMutation, IdentityQuery},
        throttle::Throttle,
        token::Tokens,
    },
    interviews::graphql::{InterviewMutation, InterviewQuery},
    organizations::graphql::{OrganizationMutation, OrganizationQuery},
    petitions::graphql::{PetitionMutation, PetitionQuery},
    recommendations::graphql::{RecommendationMutation, RecommendationQuery},
    rectification::graphql::{RectificationMutation, RectificationQuery},
    referrals::graphql::{ReferralMutation, ReferralQuery},
    regulations::graphql::{RegulationMutation, RegulationQuery},
    reports::graphql::ReportMutation,
    rounds::graphql::{RoundMutation, RoundQuery},
    statistics::graphql::StatisticsQuery,
    talent::graphql::{TalentMutation, TalentQuery},
};

/// Declares the input and payload of a state transition on one object: the input names the
/// object and the version last seen; the payload holds the object as it now is.
macro_rules! transition_io {
    ($input:ident, $payload:ident, $name:literal, $what:literal, $field:ident: $ty:ty) => {
        #[doc = concat!("Input of `", $name, "`.")]
        #[derive(async_graphql::InputObject)]
        pub struct $input {
            #[doc = concat!("The ", $what, ".")]
            pub id: async_graphql::ID,
            /// The version last seen; a different current version is `CONFLICT`.
            pub version: Option<i32>,
        }

        #[doc = concat!("Result of `", $name, "`.")]
        #[derive(async_graphql::SimpleObject)]
        pub struct $payload {
            #[doc = concat!("The ", $what, " as it now is.")]
            pub $field: $ty,
        }
    };
}
pub(crate) use transition_io;

/// Every query of the API.
#[derive(MergedObject, Default)]
pub struct Query(
    node::NodeQuery,
    IdentityQuery,
    OrganizationQuery,
    TalentQuery,
    RoundQuery,
    FindingQuery,
    ClueQuery,
    PetitionQuery,
    RecommendationQuery,
    ReferralQuery,
    AuditQuery,
    CredentialQuery,
    RectificationQuery,
    StatisticsQuery,
    RegulationQuery,
    InterviewQuery,
    AccountabilityQuery,
);

/// Every mutation of the API.
#[derive(MergedObject, Default)]
pub struct Mutation(
    IdentityMutation,
    OrganizationMutation,
    TalentMutation,
    RoundMutation,
    FindingMutation,
    ClueMutation,
    PetitionMutation,
    RecommendationMutation,
    ReportMutation,
    ReferralMutation,
    CredentialMutation,
    RectificationMutation,
    RegulationMutation,
    InterviewMutation,
    AccountabilityMutation,
);

/// The schema type.
pub type ApiSchema = Schema<Query, Mutation, EmptySubscription>;

/// What the schema needs that lives as long as the server.
pub struct SchemaDeps {
    /// Signs and checks tokens.
    pub tokens: std::sync::Arc<Tokens>,
    /// Slows down password guessing.
    pub throttle: Throttle,
    /// Development or production.
    pub mode: Mode,
    /// Request limits.
    pub limits: Limits,
}

/// Builds the schema with its limits; in production, without introspection or suggestions.
pub fn build_schema(deps: SchemaDeps) -> ApiSchema {
    let mut builder = Schema::build(Query::default(), Mutation::default(), EmptySubscription)
        .limit_depth(deps.limits.max_depth)
        .limit_complexity(deps.limits.max_complexity)
        .limit_directives(deps.limits.max_directives)
        .limit_recursive_depth(32)
        .extension(limits::AliasLimit { max: deps.limits.max_aliases })
        .data(deps.tokens)
        .data(deps.throttle);
    if deps.mode == Mode::Production {
        builder = builder.disable_introspection().disable_suggestions();
    }
    builder.finish()
}

/// The schema as the frontend team sees it (`api/schema.graphql`).
pub fn sdl() -> String {
    Schema::build(Query::default(), Mutation::default(), EmptySubscription).finish().sdl()
}
