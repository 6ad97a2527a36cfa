//! Relay connections: the page types every list returns.

use async_graphql::SimpleObject;

use crate::pagination::{self, PageRequest};

/// Where a page stands in the whole list.
#[derive(SimpleObject, Clone)]
pub struct PageInfo {
    /// Whether rows follow this page (ask again with `after: endCursor`).
    pub has_next_page: bool,
    /// Whether this page was asked for after a cursor.
    pub has_previous_page: bool,
    /// The cursor of the first row of the page.
    pub start_cursor: Option<String>,
    /// The cursor of the last row of the page.
    pub end_cursor: Option<String>,
}

/// The page info of a page.
pub fn page_info<M>(page: &pagination::Page<M>) -> PageInfo {
    PageInfo {
        has_next_page: page.has_next_page,
        has_previous_page: page.has_previous_page,
        start_cursor: page.rows.first().map(|(c, _)| page.cursor(c)),
        end_cursor: page.rows.last().map(|(c, _)| page.cursor(c)),
    }
}

/// The paging arguments of a list field, with the server's cursor key, and whether the client
/// asked for `totalCount` (then the page's statement counts the list as well).
pub fn page_request(
    ctx: &async_graphql::Context<'_>,
    first: Option<i32>,
    after: Option<String>,
) -> crate::error::ApiResult<PageRequest> {
    let key = super::context::data::<std::sync::Arc<crate::pagination::CursorKey>>(ctx)?;
    let counted = ctx.look_ahead().field("totalCount").exists();
    Ok(PageRequest { first, after, key: key.clone(), counted, columns: None })
}

/// [`page_request`] for a list of objects `T` that reads only the columns its client's fields
/// of the rows read ([`super::Object::reads`]).
pub fn page_request_of<T: super::Object>(
    ctx: &async_graphql::Context<'_>,
    first: Option<i32>,
    after: Option<String>,
) -> crate::error::ApiResult<PageRequest> {
    let page = page_request(ctx, first, after)?;
    Ok(PageRequest { columns: super::columns::read_by::<T>(super::columns::of_rows(ctx)), ..page })
}

/// Whether the client asks for `field` of a page's rows (under `nodes`, or `edges { node }`): then
/// a to-one relation is worth reading in the page's own statement.
pub fn rows_select(ctx: &async_graphql::Context<'_>, field: &str) -> bool {
    let list = ctx.look_ahead();
    list.field("nodes").field(field).exists() || list.field("edges").field("node").field(field).exists()
}

/// Declares `<Node>Connection` and `<Node>Edge` for a node type.
macro_rules! connection {
    ($connection:ident, $edge:ident, $node:ty, $doc:literal) => {
        #[doc = $doc]
        pub struct $connection(pub $crate::pagination::Page<$node>);

        #[doc = $doc]
        #[async_graphql::Object]
        impl $connection {
            /// The rows of this page, each with its cursor.
            async fn edges(&self) -> $crate::error::ApiResult<Vec<$edge>> {
                if let Some(log) = &self.0.read_log {
                    log.once().await?;
                }
                Ok(self
                    .0
                    .rows
                    .iter()
                    .map(|(cursor, node)| $edge { cursor: self.0.cursor(cursor), node: node.clone() })
                    .collect())
            }

            /// The rows of this page, without cursors.
            async fn nodes(&self) -> $crate::error::ApiResult<Vec<&$node>> {
                if let Some(log) = &self.0.read_log {
                    log.once().await?;
                }
                Ok(self.0.rows.iter().map(|(_, node)| node).collect())
            }

            /// Where this page stands in the whole list.
            async fn page_info(&self) -> $crate::graphql::connection::PageInfo {
                $crate::graphql::connection::page_info(&self.0)
            }

            /// How many rows the whole list holds in the caller's view, over all pages.
            async fn total_count(&self) -> $crate::error::ApiResult<u64> {
                Ok((self.0.count)().await?)
            }
        }

        /// One row of a page, with the cursor to continue after it.
        #[derive(async_graphql::SimpleObject)]
        pub struct $edge {
            /// Pass as `after` to get the rows that follow this one.
            pub cursor: String,
            /// The row.
            pub node: $node,
        }
    };
}
pub(crate) use connection;
