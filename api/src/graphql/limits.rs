//! Query limits async-graphql does not have built in: aliased fields per document.
//!
//! Depth, complexity and directives are limited by the schema builder; this extension counts
//! aliases after parsing and refuses a document with too many, before anything runs.

use std::sync::Arc;

use async_graphql::{
    ServerError, ServerResult, Variables,
    extensions::{Extension, ExtensionContext, ExtensionFactory, NextParseQuery},
    parser::types::{ExecutableDocument, Selection, SelectionSet},
};

/// Refuses documents with more than `max` aliased fields.
pub struct AliasLimit {
    /// Most aliases allowed.
    pub max: usize,
}

impl ExtensionFactory for AliasLimit {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(AliasLimitExtension { max: self.max })
    }
}

struct AliasLimitExtension {
    max: usize,
}

fn count(set: &SelectionSet) -> usize {
    set.items
        .iter()
        .map(|s| match &s.node {
            Selection::Field(f) => usize::from(f.node.alias.is_some()) + count(&f.node.selection_set.node),
            Selection::InlineFragment(i) => count(&i.node.selection_set.node),
            Selection::FragmentSpread(_) => 0,
        })
        .sum()
}

#[async_graphql::async_trait::async_trait]
impl Extension for AliasLimitExtension {
    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        let doc = next.run(ctx, query, variables).await?;
        let aliases: usize = doc.operations.iter().map(|(_, op)| count(&op.node.selection_set.node)).sum::<usize>()
            + doc.fragments.values().map(|f| count(&f.node.selection_set.node)).sum::<usize>();
        if aliases > self.max {
            return Err(ServerError::new(
                format!("the query has {aliases} aliases; at most {} are allowed", self.max),
                None,
            ));
        }
        Ok(doc)
    }
}
