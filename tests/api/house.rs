//! The house rules, checked on the sources: every read goes through the gate, and the arrows
//! point one way (`http` → `schema` → rooms → kit).

use std::{collections::BTreeSet, path::Path};

const SRC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../api/src");

/// The kit: what every room builds with. It knows no room.
const KIT: [&str; 14] = [
    "clock",
    "config",
    "correlation",
    "error",
    "gate",
    "graphql",
    "idempotency",
    "language",
    "metrics",
    "pagination",
    "store",
    "validate",
    "lib",
    "main",
];

/// Every `.rs` file under `dir`, with its path relative to `api/src`.
fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let rel = path.strip_prefix(SRC).unwrap().to_string_lossy().into_owned();
            out.push((rel, std::fs::read_to_string(&path).unwrap()));
        }
    }
}

fn all_sources() -> Vec<(String, String)> {
    let mut out = Vec::new();
    sources(Path::new(SRC), &mut out);
    assert!(out.len() > 50, "found only {} sources under {SRC}", out.len());
    out
}

/// The first module of the crate each `crate::…` path in the file names, including those inside
/// `use crate::{…}` groups. Comments are left out.
fn crate_modules(text: &str) -> BTreeSet<String> {
    let code: String = text.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n");
    let mut found = BTreeSet::new();
    let mut rest = code.as_str();
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // `use crate::{a::…, b, c::{…}}`: the first name of each path at the top of the group.
            let mut depth = 0;
            let mut name = String::new();
            let mut past_first = false;
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        if !name.is_empty() {
                            found.insert(std::mem::take(&mut name));
                        }
                        past_first = false;
                    }
                    _ if depth == 0 && !past_first && (c.is_alphanumeric() || c == '_') => name.push(c),
                    _ if depth == 0 && !name.is_empty() => {
                        found.insert(std::mem::take(&mut name));
                        past_first = true;
                    }
                    _ => {}
                }
            }
            if !name.is_empty() {
                found.insert(name);
            }
        } else {
            let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            found.insert(name);
        }
    }
    found
}

fn room_of(path: &str) -> &str {
    path.split(['/', '.']).next().unwrap()
}

#[test]
fn every_read_goes_through_the_gate() {
    // Outside the gate, a read names its action (`access.select`, `access.find`, `access.visible`)
    // or says why it bypasses the reach (`unscoped`). The demo loader runs before any caller.
    let forbidden = ["::find()", "find_by_id(", "::find_related(", "Entity::find"];
    let mut offences = Vec::new();
    for (path, text) in all_sources() {
        if path.starts_with("gate/") || path.starts_with("demo/") {
            continue;
        }
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or_default();
            if forbidden.iter().any(|f| code.contains(f)) {
                offences.push(format!("api/src/{path}:{}: {}", n + 1, line.trim()));
            }
        }
    }
    assert!(offences.is_empty(), "reads around the gate:\n{}", offences.join("\n"));
}

#[test]
fn every_unscoped_read_says_why() {
    for (path, text) in all_sources() {
        for (n, line) in text.lines().enumerate() {
            if let Some(at) = line.find("unscoped::<") {
                let after = &line[at..];
                let why = after.split("(\"").nth(1).unwrap_or_default();
                assert!(
                    why.len() > 12 || path.starts_with("gate/"),
                    "api/src/{path}:{}: an unscoped read must say why in a sentence",
                    n + 1
                );
            }
        }
    }
}

#[test]
fn the_arrows_point_one_way() {
    let sources = all_sources();
    let rooms: BTreeSet<String> = sources
        .iter()
        .map(|(p, _)| room_of(p).to_owned())
        .filter(|r| !KIT.contains(&r.as_str()) && r != "schema" && r != "http")
        .collect();
    assert!(rooms.contains("findings") && rooms.contains("rectification_tasks"), "{rooms:?}");
    let mut wrong = Vec::new();
    for (path, text) in &sources {
        let room = room_of(path);
        let uses = crate_modules(text);
        let allowed: Box<dyn Fn(&str) -> bool> = if KIT.contains(&room) && room != "lib" && room != "main" {
            // The kit knows no room, no root and no HTTP.
            Box::new(|m: &str| KIT.contains(&m))
        } else if rooms.contains(room) {
            // A room knows the kit and other rooms, never the root or HTTP.
            Box::new(|m: &str| m != "schema" && m != "http")
        } else {
            Box::new(|_: &str| true)
        };
        for m in uses.iter().filter(|m| !allowed(m)) {
            wrong.push(format!("api/src/{path} ({room}) uses crate::{m}"));
        }
    }
    assert!(wrong.is_empty(), "arrows pointing back:\n{}", wrong.join("\n"));
}

#[test]
fn the_module_reader_sees_groups() {
    let uses = crate_modules(
        "use crate::{\n    error::{A, B},\n    gate::{log, Access},\n    validate,\n};\nfn f() { crate::clock::now(); }",
    );
    assert_eq!(uses, BTreeSet::from(["clock".into(), "error".into(), "gate".into(), "validate".into()]));
    assert_eq!(crate_modules("use crate::{a,b::c};"), BTreeSet::from(["a".into(), "b".into()]));
}

#[tokio::test]
async fn the_digest_sees_one_changed_value() {
    let app = tests::TestApp::spawn().await;
    let before = app.digest().await;
    tests::assert_unchanged(&app.digest().await, &before);
    app.sql("UPDATE findings SET evidence = evidence || '.' WHERE id = (SELECT MIN(id) FROM findings)").await;
    assert_ne!(app.digest().await, before, "the digest missed a changed value");
}
