//! The GraphQL kit every area builds with: connections, ids, scalars, enums, limits, loaders,
//! the transition macro and [`Object`]. It depends on no area; the schema itself is assembled
//! from the areas in [`crate::schema`].

pub mod columns;
pub mod connection;
pub mod context;
pub mod enums;
pub mod id;
pub mod joined;
pub mod kinds;
pub mod limits;
pub mod loader;
pub mod nested;
pub mod nulls;
pub mod offers;
pub mod order;
pub mod scalars;

use async_graphql::{
    Name, Positioned,
    parser::types::{DocumentOperations, ExecutableDocument, OperationDefinition},
};
use sea_orm::EntityTrait;

use crate::gate::Guarded;

/// The operation of `doc` a request runs, with its name: the one named `operation_name`, else the
/// only (or first) one — as the engine chooses it.
pub fn operation<'a>(
    doc: &'a ExecutableDocument,
    operation_name: Option<&str>,
) -> Option<(Option<&'a Name>, &'a Positioned<OperationDefinition>)> {
    match &doc.operations {
        DocumentOperations::Single(op) => Some((None, op)),
        DocumentOperations::Multiple(ops) => match operation_name {
            Some(name) => ops.iter().find(|(n, _)| n.as_str() == name).map(|(n, op)| (Some(n), op)),
            None => ops.iter().next().map(|(n, op)| (Some(n), op)),
        },
    }
}

/// An object of the API made from one row of a guarded kind of record: `node(id)`, ids and the
/// loaders of its relations follow from this.
pub trait Object: From<<<Self::Guard as Guarded>::Entity as EntityTrait>::Model> + Send + Sync + 'static {
    /// The kind of record it is made from.
    type Guard: Guarded;

    /// The columns of its row the field `field` reads (besides the id), for an object that
    /// declares them: a list of such objects reads only the columns its client's fields read
    /// ([`columns`]). `None`, the default and the answer for a field not declared, is every column.
    /// A field that reads a column it does not declare here gets the column's blank (the entity's
    /// `Default`): `tests/api/columns.rs` asks every field alone and with all the others, and
    /// requires the same answer.
    fn reads(field: &str) -> Option<&'static [<<Self::Guard as Guarded>::Entity as EntityTrait>::Column]> {
        let _ = field;
        None
    }
}

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
