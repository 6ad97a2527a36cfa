//! Puts the fields of a response in the order the query asked for them.
//!
//! async-graphql 7 resolves a selection's fields concurrently and records each as it completes,
//! so the JSON object's keys come out in whatever order the fields finished. GraphQL asks for
//! the query's order; clients that compare or snapshot responses depend on it. This walks the
//! parsed query beside the response and rebuilds each object in selection order.

use async_graphql::{
    Name, Value,
    indexmap::IndexMap,
    parser::types::{DocumentOperations, ExecutableDocument, Selection, SelectionSet},
};

/// Reorders `data` to follow the selection of the operation that produced it.
pub fn reorder(data: &mut Value, query: &str, operation_name: Option<&str>) {
    let Ok(doc) = async_graphql::parser::parse_query(query) else {
        return;
    };
    let set = match &doc.operations {
        DocumentOperations::Single(op) => &op.node.selection_set.node,
        DocumentOperations::Multiple(ops) => {
            let op = match operation_name {
                Some(name) => ops.iter().find(|(n, _)| n.as_str() == name).map(|(_, op)| op),
                None => ops.values().next(),
            };
            match op {
                Some(op) => &op.node.selection_set.node,
                None => return,
            }
        }
    };
    walk(data, &[set], &doc);
}

/// The response keys a selection yields, in order, each with the sub-selections that fill it.
fn keys<'a>(sets: &[&'a SelectionSet], doc: &'a ExecutableDocument, out: &mut Vec<(Name, Vec<&'a SelectionSet>)>) {
    for set in sets {
        for item in &set.items {
            match &item.node {
                Selection::Field(f) => {
                    let key = f.node.response_key().node.clone();
                    let sub = &f.node.selection_set.node;
                    match out.iter_mut().find(|(k, _)| *k == key) {
                        Some((_, subs)) => subs.push(sub),
                        None => out.push((key, vec![sub])),
                    }
                }
                Selection::InlineFragment(i) => keys(&[&i.node.selection_set.node], doc, out),
                Selection::FragmentSpread(s) => {
                    if let Some(fragment) = doc.fragments.get(&s.node.fragment_name.node) {
                        keys(&[&fragment.node.selection_set.node], doc, out);
                    }
                }
            }
        }
    }
}

fn walk(value: &mut Value, sets: &[&SelectionSet], doc: &ExecutableDocument) {
    match value {
        Value::List(items) => items.iter_mut().for_each(|item| walk(item, sets, doc)),
        Value::Object(map) => {
            let mut order = Vec::new();
            keys(sets, doc, &mut order);
            let mut old = std::mem::take(map);
            let mut rebuilt = IndexMap::with_capacity(old.len());
            for (key, subs) in order {
                if let Some(mut v) = old.shift_remove(&key) {
                    walk(&mut v, &subs, doc);
                    rebuilt.insert(key, v);
                }
            }
            rebuilt.extend(old);
            *map = rebuilt;
        }
        _ => {}
    }
}
