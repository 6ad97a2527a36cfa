//! `Node`: every object has a global id, and `node(id)` / `nodes(ids)` fetch any of them through
//! the same scoped loaders as relation fields, so an object out of scope is `null`.

use async_graphql::{Context, ID, Object};

use super::{Node, load};
use crate::{
    error::{ApiResult, ServiceError},
    graphql::{context::request, id},
};

/// Declares `Node` over the objects listed (in the schema root), and how `node(id)` loads each.
macro_rules! nodes {
    ($($kind:ident => $($object:ident)::+,)*) => {
        /// An object with a global id.
        #[derive(Interface)]
        #[graphql(field(name = "id", ty = "&ID", desc = "Global id: opaque, stable, unique across all types."))]
        pub enum Node {
            $(
                #[doc = concat!("A `", stringify!($kind), "`.")]
                $kind($($object)::+),
            )*
        }

        /// The object `n` of kind `kind`, if the caller may see it.
        async fn load(ctx: &Context<'_>, kind: RecordKind, n: i32) -> ApiResult<Option<Node>> {
            Ok(match kind {
                $(RecordKind::$kind => optional::<$($object)::+>(ctx, Some(n)).await?.map(Node::$kind),)*
                // Parts of objects have no ids of their own: `id::decode` never names one.
                _ => None,
            })
        }

        /// The kinds of record `Node` covers.
        pub const OBJECTS: &[RecordKind] = &[$(RecordKind::$kind),*];
    };
}
pub(crate) use nodes;

/// Most ids one `nodes` call may ask for.
pub const MAX_NODES: usize = 100;

/// `node` and `nodes`.
#[derive(Default)]
pub struct NodeQuery;

#[Object]
impl NodeQuery {
    /// Any object by its global id; `null` when it does not exist or the caller may not see it.
    async fn node(&self, ctx: &Context<'_>, #[graphql(desc = "A global id.")] id: ID) -> ApiResult<Option<Node>> {
        request(ctx)?.access.principal()?;
        let (kind, n) = id::decode("id", &id)?;
        load(ctx, kind, n).await
    }

    /// Several objects by global id, in the order asked (at most 100); `null` for each that does
    /// not exist or that the caller may not see.
    #[graphql(complexity = "ids.len().min(100) * child_complexity")]
    async fn nodes(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global ids, at most 100.")] ids: Vec<ID>,
    ) -> ApiResult<Vec<Option<Node>>> {
        request(ctx)?.access.principal()?;
        if ids.len() > MAX_NODES {
            return Err(ServiceError::bad_input("ids", format!("at most {MAX_NODES} ids at once")).into());
        }
        let decoded =
            ids.iter().enumerate().map(|(n, i)| id::decode(&format!("ids[{n}]"), i)).collect::<Result<Vec<_>, _>>()?;
        let loads = decoded.into_iter().map(|(kind, n)| load(ctx, kind, n));
        futures::future::try_join_all(loads).await
    }
}

#[cfg(test)]
mod tests {
    use entities::RecordKind;

    use crate::schema::OBJECTS;

    #[test]
    fn every_kind_that_is_an_object_is_a_node() {
        let objects: Vec<RecordKind> = RecordKind::ALL.iter().copied().filter(|k| k.is_object()).collect();
        assert_eq!(objects, OBJECTS, "the node list and the record kinds disagree");
    }
}
