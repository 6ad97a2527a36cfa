//! Null propagation as the GraphQL spec has it ("Errors and Non-Nullability"): a field that fails
//! is `null` in the response, and a `null` in a non-null position makes its parent `null`, up to
//! the nearest nullable position, or `data` itself.
//!
//! async-graphql 7 leaves a failed field out of its object instead, so a client sees
//! `{"data":{"me":…}}` with a non-null `clues` simply missing, which no generated type allows.
//! This walks each error's path beside the query and the schema's types and writes the nulls the
//! spec requires. It runs only on responses that carry errors.

use std::collections::HashMap;

use async_graphql::{
    Name, PathSegment, ServerError, Value,
    parser::types::{
        BaseType, ExecutableDocument, OperationType, Selection, SelectionSet, Type, TypeKind, TypeSystemDefinition,
    },
};

/// The declared type of every field of every object and interface type, by `(type, field)`.
pub struct Types(HashMap<(String, String), Type>);

impl Types {
    /// The field types of the schema whose SDL is `sdl`.
    pub fn of_sdl(sdl: &str) -> Types {
        let mut fields = HashMap::new();
        if let Ok(doc) = async_graphql::parser::parse_schema(sdl) {
            for def in doc.definitions {
                let TypeSystemDefinition::Type(t) = def else { continue };
                let t = t.node;
                let defs = match t.kind {
                    TypeKind::Object(o) => o.fields,
                    TypeKind::Interface(i) => i.fields,
                    _ => continue,
                };
                for f in defs {
                    fields.insert((t.name.node.to_string(), f.node.name.node.to_string()), f.node.ty.node);
                }
            }
        }
        Types(fields)
    }

    fn field(&self, parent: &str, field: &str) -> Option<&Type> {
        self.0.get(&(parent.to_owned(), field.to_owned()))
    }
}

/// The name of the object type a `Type` finally names.
fn named(ty: &Type) -> &str {
    match &ty.base {
        BaseType::Named(n) => n.as_str(),
        BaseType::List(inner) => named(inner),
    }
}

/// The field a response key stands for in `sets` (fragments followed), with the type it is
/// declared on: the fragment's type condition, or `parent`.
fn field_of<'a>(
    sets: &[&'a SelectionSet],
    key: &str,
    parent: &str,
    doc: &'a ExecutableDocument,
    out: &mut Vec<(String, String, &'a SelectionSet)>,
) {
    for set in sets {
        for item in &set.items {
            match &item.node {
                Selection::Field(f) if f.node.response_key().node.as_str() == key => {
                    out.push((parent.to_owned(), f.node.name.node.to_string(), &f.node.selection_set.node));
                }
                Selection::Field(_) => {}
                Selection::InlineFragment(i) => {
                    let on = i.node.type_condition.as_ref().map_or(parent, |c| c.node.on.node.as_str());
                    field_of(&[&i.node.selection_set.node], key, on, doc, out);
                }
                Selection::FragmentSpread(s) => {
                    if let Some(fragment) = doc.fragments.get(&s.node.fragment_name.node) {
                        let on = fragment.node.type_condition.node.on.node.as_str();
                        field_of(&[&fragment.node.selection_set.node], key, on, doc, out);
                    }
                }
            }
        }
    }
}

/// Along an error's path, whether each position may be null: one entry per path segment.
fn nullability(
    path: &[PathSegment],
    root: &str,
    root_set: &SelectionSet,
    doc: &ExecutableDocument,
    types: &Types,
) -> Option<Vec<bool>> {
    let mut out = Vec::with_capacity(path.len());
    let mut parent = root.to_owned();
    let mut sets: Vec<&SelectionSet> = vec![root_set];
    let mut ty: Option<&Type> = None;
    for seg in path {
        match seg {
            PathSegment::Field(key) => {
                let mut found = Vec::new();
                field_of(&sets, key, &parent, doc, &mut found);
                let (on, name, _) = found.first()?;
                let declared = types.field(on, name).or_else(|| types.field(&parent, name))?;
                out.push(declared.nullable);
                parent = named(declared).to_owned();
                sets = found.iter().map(|(_, _, s)| *s).collect();
                ty = Some(declared);
            }
            PathSegment::Index(_) => {
                let inner = match &ty?.base {
                    BaseType::List(inner) => inner.as_ref(),
                    BaseType::Named(_) => return None,
                };
                out.push(inner.nullable);
                ty = Some(inner);
            }
        }
    }
    Some(out)
}

/// Writes `null` at `path` in `data`, if the way there is still there.
fn set_null(data: &mut Value, path: &[PathSegment]) {
    let Some((last, above)) = path.split_last() else {
        *data = Value::Null;
        return;
    };
    let mut here = data;
    for seg in above {
        here = match (seg, here) {
            (PathSegment::Field(k), Value::Object(o)) => match o.get_mut(k.as_str()) {
                Some(v) => v,
                None => return,
            },
            (PathSegment::Index(i), Value::List(l)) => match l.get_mut(*i) {
                Some(v) => v,
                None => return,
            },
            _ => return, // Already null above: nothing to do.
        };
    }
    match (last, here) {
        (PathSegment::Field(k), Value::Object(o)) => {
            o.insert(Name::new(k), Value::Null);
        }
        (PathSegment::Index(i), Value::List(l)) => {
            if let Some(v) = l.get_mut(*i) {
                *v = Value::Null;
            }
        }
        _ => {}
    }
}

/// Applies the spec's null propagation to `data` for every error with a path.
pub fn propagate(
    data: &mut Value,
    errors: &[ServerError],
    doc: &ExecutableDocument,
    operation_name: Option<&str>,
    types: &Types,
) {
    if errors.iter().all(|e| e.path.is_empty()) {
        return;
    }
    let Some((_, op)) = super::operation(doc, operation_name) else { return };
    let root = match op.node.ty {
        OperationType::Query => "Query",
        OperationType::Mutation => "Mutation",
        OperationType::Subscription => "Subscription",
    };
    for e in errors.iter().filter(|e| !e.path.is_empty()) {
        let Some(nullable) = nullability(&e.path, root, &op.node.selection_set.node, doc, types) else {
            continue;
        };
        // The nearest position at or above the failed field that may be null takes the null.
        match nullable.iter().rposition(|n| *n) {
            Some(at) => set_null(data, &e.path[..=at]),
            None => *data = Value::Null,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SDL: &str = "type Query { me: User!, clues: Conn!, maybe: User }\n\
                       type User { id: ID!, assignments: [A!]!, name: String }\n\
                       type A { role: String! }\n\
                       type Conn { totalCount: Int! }";

    fn run(query: &str, data: serde_json::Value, path: serde_json::Value) -> serde_json::Value {
        let mut data = Value::from_json(data).unwrap();
        let mut e = ServerError::new("refused", None);
        e.path = serde_json::from_value(path).unwrap();
        let doc = async_graphql::parser::parse_query(query).unwrap();
        propagate(&mut data, &[e], &doc, None, &Types::of_sdl(SDL));
        data.into_json().unwrap()
    }

    #[test]
    fn a_failed_non_null_root_field_nulls_the_data() {
        let data = serde_json::json!({ "me": { "id": "1" } });
        assert_eq!(
            run("{ me { id } clues { totalCount } }", data, serde_json::json!(["clues"])),
            serde_json::Value::Null
        );
    }

    #[test]
    fn a_failure_stops_at_the_nearest_nullable_parent() {
        let data = serde_json::json!({ "maybe": { "id": "1" }, "me": { "id": "1" } });
        let out =
            run("{ maybe { id assignments { role } } me { id } }", data, serde_json::json!(["maybe", "assignments"]));
        assert_eq!(out, serde_json::json!({ "maybe": null, "me": { "id": "1" } }));
        // Through an alias, a fragment and a list item.
        let data = serde_json::json!({ "m": { "id": "1", "assignments": [{ "role": "A" }, {}] } });
        let q = "{ m: maybe { ...F } } fragment F on User { id assignments { role } }";
        assert_eq!(run(q, data, serde_json::json!(["m", "assignments", 1, "role"])), serde_json::json!({ "m": null }));
    }

    #[test]
    fn a_failed_nullable_field_is_null_not_missing() {
        let data = serde_json::json!({ "me": { "id": "1" } });
        assert_eq!(
            run("{ me { id name } }", data, serde_json::json!(["me", "name"])),
            serde_json::json!({ "me": { "id": "1", "name": null } })
        );
    }
}
