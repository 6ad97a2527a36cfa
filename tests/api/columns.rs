//! Lists read only the columns their client's fields need (`Object::reads`), and so do a relation
//! read in a page's statement, a nested list and a list of related rows: every field of every
//! list's rows, and every field of each relation and nested list of them, asked alone must answer
//! what the same row read whole answers (through `node`, which reads rows whole). A field reading a column its object does not
//! declare would answer the column's blank instead.

use std::collections::HashMap;

use serde_json::{Value, json};
use tests::TestApp;

/// The accounts of every kind of scope.
const ACCOUNTS: [&str; 5] = ["leader", "team1", "agency1", "unit1", "unit2"];

/// Rows of each list compared.
const ROWS: usize = 5;

/// Most aliases of one request (the server allows 30).
const ALIASES: usize = 25;

const INTROSPECTION: &str = r#"{
  __schema {
    queryType { fields { name args { name type { ...T } defaultValue } type { ...T } } }
    types {
      name kind interfaces { name } enumValues { name }
      fields { name args { type { kind } defaultValue } type { ...T } }
    }
  }
}
fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name } } } }"#;

/// The named type under the list and non-null wrappers.
fn base(t: &Value) -> &Value {
    let mut t = t;
    while t["name"].is_null() && !t["ofType"].is_null() {
        t = &t["ofType"];
    }
    t
}

/// Whether a field can be asked for without arguments.
fn bare(field: &Value) -> bool {
    field["args"]
        .as_array()
        .is_none_or(|args| args.iter().all(|a| a["type"]["kind"] != "NON_NULL" || !a["defaultValue"].is_null()))
}

struct Schema {
    types: HashMap<String, Value>,
}

impl Schema {
    fn fields(&self, type_name: &str) -> Vec<Value> {
        self.types[type_name]["fields"].as_array().cloned().unwrap_or_default()
    }

    /// The selection that shows a field's value: a scalar as it is, a connection by its count, an
    /// object by its scalar fields (its id among them), anything else by its type name.
    fn shown(&self, field: &Value) -> String {
        let name = field["name"].as_str().unwrap();
        let t = base(&field["type"]);
        let type_name = t["name"].as_str().unwrap();
        match t["kind"].as_str().unwrap() {
            "SCALAR" | "ENUM" => name.to_owned(),
            "OBJECT" if type_name.ends_with("Connection") => {
                format!("{name} {{ totalCount nodes {{ {} }} }}", self.scalars(&self.node_of(type_name)).join(" "))
            }
            "OBJECT" => format!("{name} {{ {} }}", self.scalars(type_name).join(" ")),
            _ => format!("{name} {{ __typename }}"),
        }
    }

    /// The type of a connection's rows.
    fn node_of(&self, connection: &str) -> String {
        let nodes = self.fields(connection).into_iter().find(|f| f["name"] == "nodes").unwrap();
        base(&nodes["type"])["name"].as_str().unwrap().to_owned()
    }

    /// The scalar fields of an object that need no argument.
    fn scalars(&self, type_name: &str) -> Vec<String> {
        let scalars: Vec<String> = self
            .fields(type_name)
            .iter()
            .filter(|f| bare(f) && matches!(base(&f["type"])["kind"].as_str(), Some("SCALAR" | "ENUM")))
            .map(|f| f["name"].as_str().unwrap().to_owned())
            .collect();
        if scalars.is_empty() { vec!["__typename".to_owned()] } else { scalars }
    }

    /// The selections of a row's fields to try one by one: each field, and each scalar field of
    /// each object it leads to, alone.
    fn alone(&self, node: &str) -> Vec<String> {
        let mut tried = Vec::new();
        for field in self.fields(node).iter().filter(|f| bare(f)) {
            let name = field["name"].as_str().unwrap();
            let t = base(&field["type"]);
            let type_name = t["name"].as_str().unwrap();
            tried.push(self.shown(field));
            if t["kind"] == "OBJECT" && type_name.ends_with("Connection") {
                let child = self.node_of(type_name);
                // A child with an id is compared with itself read whole.
                let id = if self.fields(&child).iter().any(|f| f["name"] == "id") { "__typename id" } else { "" };
                for scalar in self.scalars(&child) {
                    tried.push(format!("{name} {{ nodes {{ {id} {scalar} }} }}"));
                }
            } else if t["kind"] == "OBJECT" {
                let id = if self.fields(type_name).iter().any(|f| f["name"] == "id") { "__typename id" } else { "" };
                for scalar in self.scalars(type_name) {
                    tried.push(format!("{name} {{ {id} {scalar} }}"));
                }
            }
        }
        tried
    }
}

/// Each `(list, node type, orders)` of the root lists that need no argument, with the list's
/// orders (`orderBy: …`; only the default when it has none): the order's column is read with the
/// others, and could hide a column a field does not declare.
fn lists(schema: &Value, types: &Schema) -> Vec<(String, String, Vec<String>)> {
    let mut lists = Vec::new();
    for field in schema["queryType"]["fields"].as_array().unwrap() {
        let type_name = base(&field["type"])["name"].as_str().unwrap_or("");
        if !type_name.ends_with("Connection") || !bare(field) {
            continue;
        }
        let Some(nodes) = types.fields(type_name).into_iter().find(|f| f["name"] == "nodes") else { continue };
        let node = base(&nodes["type"])["name"].as_str().unwrap().to_owned();
        let interfaces = types.types[&node]["interfaces"].as_array().cloned().unwrap_or_default();
        if interfaces.iter().any(|i| i["name"] == "Node") {
            let mut orders = vec![String::new()];
            for arg in field["args"].as_array().unwrap().iter().filter(|a| a["name"] == "orderBy") {
                let values = types.types[base(&arg["type"])["name"].as_str().unwrap()]["enumValues"].clone();
                orders = values
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|v| format!(", orderBy: {}", v["name"].as_str().unwrap()))
                    .collect();
            }
            lists.push((field["name"].as_str().unwrap().to_owned(), node, orders));
        }
    }
    lists
}

/// Whether `part` of an answer equals the same part of another, field by field (a field the
/// selection names is all the part holds; the type names it asks to find a row's kind apart).
fn same(part: &Value, whole: &Value) -> bool {
    match (part, whole) {
        (Value::Object(p), Value::Object(w)) => {
            p.iter().filter(|(k, _)| *k != "__typename").all(|(k, v)| w.get(k).is_some_and(|wv| same(v, wv)))
        }
        (Value::Array(p), Value::Array(w)) => p.len() == w.len() && p.iter().zip(w).all(|(a, b)| same(a, b)),
        _ => part == whole,
    }
}

#[tokio::test]
async fn every_field_of_every_list_asked_alone_answers_what_the_whole_row_answers() {
    let app = TestApp::spawn().await;
    // Every deadline ahead: a task is overdue by its deadline, not by the blank of one (a day long
    // past) a list that left the deadline unread would judge it by.
    app.sql("UPDATE rectification_tasks SET deadline = '2099-12-31'").await;
    let leader = app.token("leader").await;
    let introspection = app.gql(Some(&leader), INTROSPECTION, json!({})).await;
    let schema = &introspection["data"]["__schema"];
    let types = Schema {
        types: schema["types"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| (t["name"].as_str().unwrap().to_owned(), t.clone()))
            .collect(),
    };
    let lists = lists(schema, &types);
    for must in ["inspections", "rectificationTasks"] {
        assert!(
            lists.iter().any(|(l, _, orders)| l == must && orders.len() > 1),
            "{must} is not among the lists tried"
        );
    }
    let mut compared: HashMap<(String, &str), usize> = HashMap::new();
    for account in ACCOUNTS {
        let token = app.token(account).await;
        let mut children: HashMap<String, Value> = HashMap::new();
        for ((list, node, _), order) in lists.iter().flat_map(|l| l.2.iter().map(move |o| (l, o))) {
            let tried = types.alone(node);
            // The rows whole, through `node`: every field at once.
            let ids = app
                .gql(Some(&token), &format!("{{ {list}(first: {ROWS}{order}) {{ nodes {{ id }} }} }}"), json!({}))
                .await;
            let Some(ids) = ids["data"][list.as_str()]["nodes"].as_array().cloned() else { continue };
            let everything: Vec<String> =
                types.fields(node).iter().filter(|f| bare(f)).map(|f| types.shown(f)).collect();
            let mut whole = HashMap::new();
            for id in ids.iter().map(|n| n["id"].as_str().unwrap().to_owned()) {
                let query =
                    format!("query($id: ID!) {{ node(id: $id) {{ ... on {node} {{ {} }} }} }}", everything.join(" "));
                let answer = app.gql(Some(&token), &query, json!({ "id": id })).await;
                assert!(answer.get("errors").is_none(), "{account}: {node} {id} whole: {answer}");
                whole.insert(id, answer["data"]["node"].clone());
            }
            // Each field alone, from the list.
            for chunk in tried.chunks(ALIASES) {
                let aliased: Vec<String> = chunk
                    .iter()
                    .enumerate()
                    .map(|(n, s)| format!("a{n}: {list}(first: {ROWS}{order}) {{ nodes {{ id {s} }} }}"))
                    .collect();
                let answer = app.gql(Some(&token), &format!("{{ {} }}", aliased.join(" ")), json!({})).await;
                assert!(answer.get("errors").is_none(), "{account}: {list} alone: {answer}");
                for (n, selection) in chunk.iter().enumerate() {
                    for row in answer["data"][format!("a{n}")]["nodes"].as_array().unwrap() {
                        let id = row["id"].as_str().unwrap();
                        let Some(whole) = whole.get(id).filter(|w| !w.is_null()) else { continue };
                        assert!(
                            same(row, whole),
                            "{account}: {list}({order}) {{ {selection} }} of {id} answers {row}, the whole row {whole}"
                        );
                        *compared.entry((list.clone(), account)).or_default() += 1;
                        // A related row, and each row of a nested list or a list of related rows,
                        // against the same row read whole (the whole parent's relations read only
                        // the columns of the fields they show, as this one's).
                        let related = row.as_object().unwrap().values().flat_map(|v| match v {
                            Value::Array(rows) => rows.iter().collect(),
                            Value::Object(one) => match one.get("nodes").and_then(Value::as_array) {
                                Some(rows) => rows.iter().collect(),
                                None => vec![v],
                            },
                            _ => Vec::new(),
                        });
                        for child in related {
                            let (Some(kind), Some(child_id)) = (child["__typename"].as_str(), child["id"].as_str())
                            else {
                                continue;
                            };
                            if !children.contains_key(child_id) {
                                let query = format!(
                                    "query($id: ID!) {{ node(id: $id) {{ ... on {kind} {{ {} }} }} }}",
                                    types.scalars(kind).join(" ")
                                );
                                let answer = app.gql(Some(&token), &query, json!({ "id": child_id })).await;
                                children.insert(child_id.to_owned(), answer["data"]["node"].clone());
                            }
                            let whole = &children[child_id];
                            assert!(
                                whole.is_null() || same(child, whole),
                                "{account}: {list}({order}) {{ {selection} }}: {child} is not the whole row {whole}"
                            );
                            *compared.entry((format!("{list}.{kind}"), account)).or_default() += 1;
                        }
                    }
                }
            }
        }
    }
    // The lists that read only some columns were compared, for the office's side and the unit's.
    for (child, account) in [("inspections.Finding", "leader"), ("rectificationTasks.ProgressReport", "unit1")] {
        assert!(compared.get(&(child.to_owned(), account)).copied().unwrap_or(0) > 5, "{child} as {account}: too few");
    }
    for (list, account) in [
        ("inspections", "leader"),
        ("inspections", "unit1"),
        ("rectificationTasks", "leader"),
        ("rectificationTasks", "unit1"),
    ] {
        assert!(
            compared.get(&(list.to_owned(), account)).copied().unwrap_or(0) > 20,
            "{list} as {account}: too few compared"
        );
    }
}
