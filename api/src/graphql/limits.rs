//! Limits on a document, checked right after parsing and before anything else walks it (the
//! schema's own depth and directive checks, and validation, take time exponential in the nesting
//! of fragments, so they must not be reached by a document that expands too far):
//!
//! - fields and aliases are counted with every fragment spread expanded (each fragment counted
//!   once and remembered, so counting itself takes time linear in the document); a document that
//!   expands past the limit, or whose fragments spread themselves, is refused;
//! - the depth of the data asked for is measured the same way, introspection apart: the standard
//!   introspection query (GraphiQL's, codegen's) nests `ofType` deeper than any data query needs,
//!   and what it reads is the schema, bounded by the field count and by production turning
//!   introspection off, so `__schema` and `__type` do not count towards `MAX_QUERY_DEPTH`;
//! - no string, in the document or in its variables, holds a NUL character (PostgreSQL refuses
//!   them, SQLite would keep them: refused on both, naming the variable);
//! - an operation that asks for the statistics is expensive: the caller's account may run only so
//!   many at once.
//!
//! The HTTP handler runs [`check`] on the document it parsed and hands that same document to the
//! schema, which then does not parse it again.

use std::collections::{HashMap, HashSet};

use async_graphql::{
    Name, ServerError, Value, Variables,
    parser::types::{ExecutableDocument, Selection, SelectionSet},
};

use crate::error::Code;

/// Root fields that make an operation expensive.
pub const EXPENSIVE_FIELDS: [&str; 1] = ["statistics"];

/// The document limits.
#[derive(Debug, Clone, Copy)]
pub struct DocumentLimits {
    /// Most fields, fragments expanded.
    pub max_fields: usize,
    /// Most aliased fields, fragments expanded.
    pub max_aliases: usize,
    /// Deepest selection of data, fragments expanded, introspection apart.
    pub max_depth: usize,
}

/// What the check learned of a document it let through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Checked {
    /// Whether an operation of it asks for something expensive (see [`EXPENSIVE_FIELDS`]).
    pub expensive: bool,
}

/// Fields and aliases a selection yields once expanded, and how deep it reaches.
#[derive(Clone, Copy, Default)]
struct Size {
    fields: u64,
    aliases: u64,
    depth: u64,
}

impl Size {
    const HUGE: Size = Size { fields: u64::MAX, aliases: u64::MAX, depth: u64::MAX };

    /// Two selections side by side: their fields add up, the deeper one sets the depth.
    fn add(self, other: Size) -> Size {
        Size {
            fields: self.fields.saturating_add(other.fields),
            aliases: self.aliases.saturating_add(other.aliases),
            depth: self.depth.max(other.depth),
        }
    }

    /// The larger of two documents' operations, each measure apart.
    fn max(self, other: Size) -> Size {
        Size {
            fields: self.fields.max(other.fields),
            aliases: self.aliases.max(other.aliases),
            depth: self.depth.max(other.depth),
        }
    }
}

/// The introspection root fields, which read the schema, not data.
const INTROSPECTION: [&str; 2] = ["__schema", "__type"];

struct Expander<'a> {
    doc: &'a ExecutableDocument,
    sizes: HashMap<&'a Name, Size>,
    open: HashSet<&'a Name>,
}

impl<'a> Expander<'a> {
    fn selection(&mut self, set: &'a SelectionSet) -> Size {
        let mut size = Size::default();
        for item in &set.items {
            let s = match &item.node {
                Selection::Field(f) => {
                    let below = self.selection(&f.node.selection_set.node);
                    let depth = if INTROSPECTION.contains(&f.node.name.node.as_str()) {
                        0
                    } else {
                        below.depth.saturating_add(1)
                    };
                    Size {
                        fields: below.fields.saturating_add(1),
                        aliases: below.aliases.saturating_add(u64::from(f.node.alias.is_some())),
                        depth,
                    }
                }
                Selection::InlineFragment(i) => self.selection(&i.node.selection_set.node),
                Selection::FragmentSpread(s) => self.fragment(&s.node.fragment_name.node),
            };
            size = size.add(s);
        }
        size
    }

    fn fragment(&mut self, name: &'a Name) -> Size {
        if let Some(s) = self.sizes.get(name) {
            return *s;
        }
        let Some(fragment) = self.doc.fragments.get(name) else {
            return Size::default(); // Validation names the missing fragment.
        };
        if !self.open.insert(name) {
            return Size::HUGE; // A fragment that spreads itself never ends.
        }
        let size = self.selection(&fragment.node.selection_set.node);
        self.open.remove(name);
        self.sizes.insert(name, size);
        size
    }
}

fn refusal(message: String, field: Option<String>) -> ServerError {
    let mut e = ServerError::new(message, None);
    let mut ext = async_graphql::ErrorExtensionValues::default();
    ext.set("code", Code::BadUserInput.as_str());
    if let Some(f) = field {
        ext.set("field", f);
    }
    e.extensions = Some(ext);
    e
}

/// The name of the first argument in `set` (nested fields, fragments and directives included)
/// whose value, written in the document, holds a string with a NUL.
fn nul_in_arguments(set: &SelectionSet) -> Option<String> {
    use async_graphql::parser::types::Directive;
    let in_directives = |directives: &[async_graphql::Positioned<Directive>]| {
        directives.iter().find_map(|d| {
            d.node
                .arguments
                .iter()
                .find_map(|(name, v)| v.node.clone().into_const().and_then(|c| nul_in(&c, name.node.to_string())))
        })
    };
    set.items.iter().find_map(|item| match &item.node {
        Selection::Field(f) => f
            .node
            .arguments
            .iter()
            .find_map(|(name, v)| v.node.clone().into_const().and_then(|c| nul_in(&c, name.node.to_string())))
            .or_else(|| in_directives(&f.node.directives))
            .or_else(|| nul_in_arguments(&f.node.selection_set.node)),
        Selection::InlineFragment(i) => {
            in_directives(&i.node.directives).or_else(|| nul_in_arguments(&i.node.selection_set.node))
        }
        Selection::FragmentSpread(s) => in_directives(&s.node.directives),
    })
}

/// The path of the first string under `value` that holds a NUL, if any.
fn nul_in(value: &Value, path: String) -> Option<String> {
    match value {
        Value::String(s) if s.contains('\0') => Some(path),
        Value::List(items) => items.iter().enumerate().find_map(|(n, v)| nul_in(v, format!("{path}[{n}]"))),
        Value::Object(map) => map.iter().find_map(|(k, v)| nul_in(v, format!("{path}.{k}"))),
        _ => None,
    }
}

/// Refuses a query text holding a NUL before it is parsed.
pub fn check_text(query: &str) -> Result<(), ServerError> {
    if query.contains('\0') {
        return Err(refusal("the query must not contain NUL characters".into(), Some("query".into())));
    }
    Ok(())
}

/// Checks a parsed document and its variables against the limits (see the module doc), in time
/// linear in the document's length.
pub fn check(doc: &ExecutableDocument, variables: &Variables, limits: DocumentLimits) -> Result<Checked, ServerError> {
    if let Some(field) = variables.iter().find_map(|(name, v)| nul_in(v, name.to_string())) {
        return Err(refusal("must not contain NUL characters".into(), Some(field)));
    }
    let sets = doc
        .operations
        .iter()
        .map(|(_, op)| &op.node.selection_set.node)
        .chain(doc.fragments.values().map(|f| &f.node.selection_set.node));
    for set in sets {
        if let Some(field) = nul_in_arguments(set) {
            return Err(refusal("must not contain NUL characters".into(), Some(field)));
        }
    }
    let mut expander = Expander { doc, sizes: HashMap::new(), open: HashSet::new() };
    let mut biggest = Size::default();
    let mut expensive = false;
    for (_, op) in doc.operations.iter() {
        let size = expander.selection(&op.node.selection_set.node);
        biggest = biggest.max(size);
        expensive |=
            op.node.selection_set.node.items.iter().any(
                |s| matches!(&s.node, Selection::Field(f) if EXPENSIVE_FIELDS.contains(&f.node.name.node.as_str())),
            );
    }
    for name in doc.fragments.keys() {
        // A fragment's depth counts where it is spread (perhaps under introspection), not alone.
        let size = Size { depth: 0, ..expander.fragment(name) };
        biggest = biggest.max(size);
    }
    if biggest.fields > limits.max_fields as u64 {
        let n = if biggest.fields == u64::MAX { "endlessly many".to_owned() } else { biggest.fields.to_string() };
        return Err(refusal(
            format!(
                "the query selects {n} fields once its fragments are expanded; at most {} are allowed",
                limits.max_fields
            ),
            None,
        ));
    }
    if biggest.depth > limits.max_depth as u64 {
        return Err(refusal(
            format!("the query is nested {} fields deep; at most {} are allowed", biggest.depth, limits.max_depth),
            None,
        ));
    }
    if biggest.aliases > limits.max_aliases as u64 {
        return Err(refusal(
            format!("the query has {} aliases; at most {} are allowed", biggest.aliases, limits.max_aliases),
            None,
        ));
    }
    Ok(Checked { expensive })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn size(query: &str) -> Size {
        let doc = async_graphql::parser::parse_query(query).unwrap();
        let mut expander = Expander { doc: &doc, sizes: HashMap::new(), open: HashSet::new() };
        let mut biggest = Size::default();
        for (_, op) in doc.operations.iter() {
            let s = expander.selection(&op.node.selection_set.node);
            biggest = biggest.max(s);
        }
        biggest
    }

    /// `query{...F0} fragment F0 on Query{...F1 ...F1} … fragment Fn on Query{__typename}`.
    fn doubling(n: usize) -> String {
        let mut q = String::from("query{...F0}");
        for i in 0..n {
            q.push_str(&format!(" fragment F{i} on Query{{...F{} ...F{}}}", i + 1, i + 1));
        }
        q.push_str(&format!(" fragment F{n} on Query{{a: __typename}}"));
        q
    }

    #[test]
    fn fragments_are_counted_expanded_but_each_once() {
        assert_eq!(size("{ a b { c d } }").fields, 4);
        let s = size(&doubling(10));
        assert_eq!((s.fields, s.aliases), (1024, 1024));
        // Sixty doublings: counted at once, saturating rather than overflowing.
        let started = std::time::Instant::now();
        assert!(size(&doubling(60)).fields > 1 << 59);
        assert!(started.elapsed() < std::time::Duration::from_millis(50));
    }

    #[test]
    fn a_fragment_that_spreads_itself_is_endless() {
        let s = size("query{...A} fragment A on Query{...B} fragment B on Query{...A}");
        assert_eq!(s.fields, u64::MAX);
    }

    #[test]
    fn a_nul_written_in_the_document_is_found_with_its_argument() {
        let doc = async_graphql::parser::parse_query(r#"{ a { b(filter: { search: "x\u0000y" }) { c } } }"#).unwrap();
        let (_, op) = doc.operations.iter().next().unwrap();
        assert_eq!(nul_in_arguments(&op.node.selection_set.node).as_deref(), Some("filter.search"));
        let doc = async_graphql::parser::parse_query(r#"{ a(b: "fine") }"#).unwrap();
        let (_, op) = doc.operations.iter().next().unwrap();
        assert_eq!(nul_in_arguments(&op.node.selection_set.node), None);
    }

    #[test]
    fn a_nul_is_found_with_its_path() {
        let v = Value::from_json(serde_json::json!({ "i": { "names": ["ok", "bad\u{0}"] } })).unwrap();
        assert_eq!(nul_in(&v, "input".into()).as_deref(), Some("input.i.names[1]"));
        assert_eq!(nul_in(&Value::String("fine".into()), "x".into()), None);
    }
}
