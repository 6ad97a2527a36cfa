//! Puts the fields of a response in the order the query asked for them.
//!
//! async-graphql 7 resolves a selection's fields concurrently and records each as it completes,
//! so the JSON object's keys come out in whatever order the fields finished. GraphQL asks for
//! the query's order; clients that compare or snapshot responses depend on it. This walks the
//! parsed query beside the response and rebuilds each object in selection order.

use async_graphql::{
    Name, Value,
    indexmap::IndexMap,
    parser::types::{ExecutableDocument, Selection, SelectionSet},
};

/// Reorders `data` to follow the selection of the operation of `doc` that produced it (the
/// document the server already parsed: nothing is parsed again).
pub fn reorder(data: &mut Value, doc: &ExecutableDocument, operation_name: Option<&str>) {
    if let Some((_, op)) = super::operation(doc, operation_name) {
        walk(data, &[&op.node.selection_set.node], doc);
    }
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

/// Walks a value beside the selections that produced it. The keys of a selection are worked out
/// once for all the objects of a list.
fn walk(value: &mut Value, sets: &[&SelectionSet], doc: &ExecutableDocument) {
    match value {
        Value::List(_) | Value::Object(_) => {
            let mut order = Vec::new();
            keys(sets, doc, &mut order);
            apply(value, &order, doc);
        }
        _ => {}
    }
}

fn apply(value: &mut Value, order: &[(Name, Vec<&SelectionSet>)], doc: &ExecutableDocument) {
    match value {
        Value::List(items) => items.iter_mut().for_each(|item| apply(item, order, doc)),
        Value::Object(map) => {
            // Fields come back in order as a rule: rebuild only an object that is out of it.
            let in_order = map.keys().zip(order.iter().filter(|(k, _)| map.contains_key(k))).all(|(a, (b, _))| a == b);
            if !in_order {
                let mut old = std::mem::take(map);
                let mut rebuilt = IndexMap::with_capacity(old.len());
                for (key, _) in order {
                    if let Some(v) = old.shift_remove(key) {
                        rebuilt.insert(key.clone(), v);
                    }
                }
                rebuilt.extend(old);
                *map = rebuilt;
            }
            for (key, subs) in order {
                if let Some(v) = map.get_mut(key)
                    && matches!(v, Value::List(_) | Value::Object(_))
                {
                    walk(v, subs, doc);
                }
            }
        }
        _ => {}
    }
}
